import { stringify } from 'yaml';
import type { IpConfig, NetInterface, NetworkModel } from './model';
import { mtuOf, orderedInterfaces, routesFor } from './render-common';

/** The nmstate document (nmstate YAML API) for the model, as a plain object. */
export function toNmstateObject(model: NetworkModel): Record<string, unknown> {
  const interfaces = orderedInterfaces(model).map((iface) => interfaceOf(iface));
  const doc: Record<string, unknown> = { interfaces };
  if (model.dns.servers.length > 0 || model.dns.search.length > 0) {
    const config: Record<string, unknown> = {};
    if (model.dns.search.length > 0) config.search = [...model.dns.search];
    if (model.dns.servers.length > 0) config.server = [...model.dns.servers];
    doc['dns-resolver'] = { config };
  }
  const routes = model.interfaces.flatMap((i) => [...routesFor(model, i, 4), ...routesFor(model, i, 6)]);
  // Explicit routes whose interface is unknown still belong in the document (validation flags them).
  for (const r of model.routes) if (!model.interfaces.some((i) => i.name === r.nextHopInterface)) routes.push(r);
  if (routes.length > 0) {
    doc.routes = {
      config: routes.map((r) => ({
        destination: r.destination,
        ...(r.nextHopAddress !== undefined ? { 'next-hop-address': r.nextHopAddress } : {}),
        'next-hop-interface': r.nextHopInterface,
        ...(r.metric !== undefined ? { metric: r.metric } : {}),
        ...(r.tableId !== undefined ? { 'table-id': r.tableId } : {}),
      })),
    };
  }
  return doc;
}

/** nmstate YAML, e.g. for the Assisted infra-env `static_network_config[].network_yaml`. */
export function toNmstateYaml(model: NetworkModel): string {
  return stringify(toNmstateObject(model), { lineWidth: 0 });
}

/** Assisted's `mac_interface_map` that goes with the YAML (only interfaces with a MAC). */
export function macInterfaceMap(model: NetworkModel): { mac_address: string; logical_nic_name: string }[] {
  return model.interfaces.filter((i) => i.macAddress).map((i) => ({ mac_address: i.macAddress!.toUpperCase().replace(/-/g, ':'), logical_nic_name: i.name }));
}

export interface NmStateConfigOptions {
  name: string;
  namespace: string;
  /** Must match the InfraEnv's spec.nmStateConfigLabelSelector */
  labels: Record<string, string>;
}

/**
 * The NMStateConfig custom resource (agent-install.openshift.io/v1beta1 - there is no v1) for
 * clusters that run the Assisted Service / MCE. spec.interfaces maps each logical NIC name to the
 * MAC that identifies the host, so every interface named there needs a MAC.
 */
export function toNmStateConfigObject(model: NetworkModel, options: NmStateConfigOptions): Record<string, unknown> {
  return {
    apiVersion: 'agent-install.openshift.io/v1beta1',
    kind: 'NMStateConfig',
    metadata: { name: options.name, namespace: options.namespace, labels: { ...options.labels } },
    spec: {
      config: toNmstateObject(model),
      interfaces: macInterfaceMap(model).map((m) => ({ name: m.logical_nic_name, macAddress: m.mac_address })),
    },
  };
}

export function toNmStateConfig(model: NetworkModel, options: NmStateConfigOptions): string {
  return stringify(toNmStateConfigObject(model, options), { lineWidth: 0 });
}

function interfaceOf(iface: NetInterface): Record<string, unknown> {
  const out: Record<string, unknown> = { name: iface.name, type: iface.type, state: 'up' };
  if (iface.macAddress) out['mac-address'] = iface.macAddress.toUpperCase().replace(/-/g, ':');
  out.mtu = mtuOf(iface);
  if (iface.controller) {
    out.ipv4 = { enabled: false };
    out.ipv6 = { enabled: false };
  } else {
    out.ipv4 = ipOf(iface.ipv4, 4);
    out.ipv6 = ipOf(iface.ipv6, 6);
  }
  if (iface.type === 'vlan' && iface.vlan) out.vlan = { 'base-iface': iface.vlan.baseIface, id: iface.vlan.id };
  if (iface.type === 'bond' && iface.bond) {
    out['link-aggregation'] = {
      mode: iface.bond.mode,
      ...(iface.bond.miimon !== undefined ? { options: { miimon: iface.bond.miimon } } : {}),
      port: [...iface.bond.ports],
    };
  }
  if (iface.type === 'linux-bridge' && iface.bridge) {
    out.bridge = { options: { stp: { enabled: iface.bridge.stp ?? false } }, port: iface.bridge.ports.map((name) => ({ name })) };
  }
  return out;
}

function ipOf(cfg: IpConfig, family: 4 | 6): Record<string, unknown> {
  if (cfg.mode === 'disabled') return { enabled: false };
  if (cfg.mode === 'dhcp') return family === 4 ? { enabled: true, dhcp: true } : { enabled: true, dhcp: true, autoconf: true };
  return {
    enabled: true,
    dhcp: false,
    ...(family === 6 ? { autoconf: false } : {}),
    address: cfg.addresses.map((a) => ({ ip: a.ip, 'prefix-length': a.prefixLength })),
  };
}
