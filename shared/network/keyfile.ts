import { portKind, type IpConfig, type NetInterface, type NetworkModel } from './model';
import { dnsCarrier, dnsServers, mtuOf, nmType, orderedInterfaces, routesFor, searchFamily } from './render-common';

export interface Keyfile {
  /** `<interface>.nmconnection`, the name nmstate and coreos-installer use */
  fileName: string;
  content: string;
}

/**
 * NetworkManager keyfiles (GLib key-file syntax) for `coreos-installer install --copy-network`
 * and ISO embedding (etc/coreos-firstboot-network/). They must be installed mode 0600, owner root:
 * NetworkManager ignores keyfiles other users can read.
 */
export function toKeyfiles(model: NetworkModel): Keyfile[] {
  return orderedInterfaces(model).map((iface) => ({ fileName: `${iface.name}.nmconnection`, content: keyfileFor(model, iface) }));
}

type Section = [string, [string, string][]];

function keyfileFor(model: NetworkModel, iface: NetInterface): string {
  const sections: Section[] = [];
  const connection: [string, string][] = [
    ['id', iface.name],
    ['type', nmType(iface)],
    ['interface-name', iface.name],
    ['autoconnect', 'true'],
  ];
  if (iface.controller) connection.push(['master', iface.controller], ['slave-type', portKind(model, iface) ?? 'bond']);
  if (iface.type === 'bond' || iface.type === 'linux-bridge') connection.push(['autoconnect-slaves', '1']);
  sections.push(['connection', connection]);

  const ethernet: [string, string][] = [];
  if (iface.macAddress) ethernet.push(['mac-address', iface.macAddress.toUpperCase().replace(/-/g, ':')]);
  ethernet.push(['mtu', String(mtuOf(iface))]);
  sections.push(['ethernet', ethernet]);

  if (iface.type === 'vlan' && iface.vlan)
    sections.push([
      'vlan',
      [
        ['id', String(iface.vlan.id)],
        ['parent', iface.vlan.baseIface],
      ],
    ]);
  if (iface.type === 'bond' && iface.bond) {
    const bond: [string, string][] = [];
    if (iface.bond.miimon !== undefined) bond.push(['miimon', String(iface.bond.miimon)]);
    bond.push(['mode', iface.bond.mode]);
    sections.push(['bond', bond]);
  }
  if (iface.type === 'linux-bridge' && iface.bridge) sections.push(['bridge', [['stp', String(iface.bridge.stp ?? false)]]]);
  if (!iface.controller) {
    sections.push(['ipv4', ipSection(model, iface, iface.ipv4, 4)]);
    sections.push(['ipv6', ipSection(model, iface, iface.ipv6, 6)]);
  }
  return sections.map(([name, entries]) => `[${name}]\n${entries.map(([k, v]) => `${k}=${v}`).join('\n')}\n`).join('\n');
}

function ipSection(model: NetworkModel, iface: NetInterface, cfg: IpConfig, family: 4 | 6): [string, string][] {
  const out: [string, string][] = [];
  if (cfg.mode === 'disabled') return [['method', 'disabled']];
  out.push(['method', cfg.mode === 'dhcp' ? 'auto' : 'manual']);
  if (cfg.mode === 'static') {
    cfg.addresses.forEach((a, i) => out.push([`address${i + 1}`, `${a.ip}/${a.prefixLength}`]));
    if (cfg.gateway) out.push(['gateway', cfg.gateway]);
  }
  if (dnsCarrier(model, family) === iface) {
    const servers = dnsServers(model, family);
    if (servers.length > 0) out.push(['dns', `${servers.join(';')};`]);
    if (searchFamily(model) === family && model.dns.search.length > 0) out.push(['dns-search', `${model.dns.search.join(';')};`]);
  }
  // The static gateway is already `gateway=`; only the explicit routes become routeN entries.
  const routes = routesFor(model, iface, family).slice(cfg.mode === 'static' && cfg.gateway ? 1 : 0);
  routes.forEach((r, i) => {
    const parts = [r.destination, r.nextHopAddress ?? (family === 4 ? '0.0.0.0' : '::')];
    if (r.metric !== undefined && r.metric >= 0) parts.push(String(r.metric));
    out.push([`route${i + 1}`, parts.join(',')]);
    if (r.tableId !== undefined && r.tableId !== 0) out.push([`route${i + 1}_options`, `table=${r.tableId}`]);
  });
  return out;
}
