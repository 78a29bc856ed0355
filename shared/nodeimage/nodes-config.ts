import { z } from 'zod';
import { stringify } from 'yaml';
import { isDhcpOnly, networkModelSchema, type NetworkModel } from '../network/model';
import { toNmstateObject } from '../network/nmstate';
import type { Issue } from '../network/issue';
import { shellQuote } from '../network/shell';
import { hintsFor, rootDeviceChoiceSchema, type RootDeviceHints } from './root-device';
import { parseMac } from './mac';

/**
 * The `nodes-config.yaml` that `oc adm node-image create` reads from its --dir, built from the
 * job's network model (the same form as the manual path) and the chosen install disk.
 */
export const nodeImageHostSchema = z.object({
  /** Overrides DHCP / reverse DNS; becomes the node name the CSR checks expect */
  hostname: z.string(),
  network: networkModelSchema,
  rootDevice: rootDeviceChoiceSchema,
});
export type NodeImageHost = z.infer<typeof nodeImageHostSchema>;

export const nodesConfigInputSchema = z.object({
  hosts: z.array(nodeImageHostSchema).min(1).max(20),
  /** Default: the cluster's own architecture (the control-plane node's) */
  cpuArchitecture: z.string().optional(),
  /** Default: the key of MachineConfig 99-worker-ssh */
  sshKey: z.string().optional(),
  /** Only for PXE files */
  bootArtifactsBaseURL: z.string().optional(),
});
export type NodesConfigInput = z.infer<typeof nodesConfigInputSchema>;

export interface NodesConfigHostDoc {
  hostname?: string;
  rootDeviceHints?: RootDeviceHints;
  interfaces: { name: string; macAddress: string }[];
  networkConfig?: Record<string, unknown>;
}

export interface NodesConfigDoc {
  cpuArchitecture?: string;
  sshKey?: string;
  bootArtifactsBaseURL?: string;
  hosts: NodesConfigHostDoc[];
}

/** The document (and the issues only the builder can see, e.g. a by-id disk name that is no hint). */
export function buildNodesConfig(input: NodesConfigInput): { doc: NodesConfigDoc; issues: Issue[] } {
  const issues: Issue[] = [];
  const hosts = input.hosts.map((host, i) => {
    const { hints, issues: hintIssues } = hintsFor(host.rootDevice, `hosts.${i}.rootDeviceHints`);
    issues.push(...hintIssues);
    return hostDoc(host.hostname.trim(), host.network, hints);
  });
  const doc: NodesConfigDoc = {
    ...(input.cpuArchitecture?.trim() ? { cpuArchitecture: input.cpuArchitecture.trim() } : {}),
    ...(input.sshKey?.trim() ? { sshKey: input.sshKey.trim() } : {}),
    ...(input.bootArtifactsBaseURL?.trim() ? { bootArtifactsBaseURL: input.bootArtifactsBaseURL.trim() } : {}),
    hosts,
  };
  return { doc, issues };
}

function hostDoc(hostname: string, network: NetworkModel, hints: RootDeviceHints): NodesConfigHostDoc {
  // Every NIC the node-joiner must recognise by MAC; its name ties it to the networkConfig below.
  const interfaces = network.interfaces.filter((i) => i.type === 'ethernet' && i.macAddress).map((i) => ({ name: i.name, macAddress: parseMac(i.macAddress!) ?? i.macAddress! }));
  return {
    ...(hostname ? { hostname } : {}),
    ...(Object.keys(hints).length > 0 ? { rootDeviceHints: hints } : {}),
    interfaces,
    // DHCP on every NIC needs no nmstate: the node-joiner's default is DHCP.
    ...(isDhcpOnly(network) ? {} : { networkConfig: toNmstateObject(network) }),
  };
}

export function nodesConfigYaml(doc: NodesConfigDoc): string {
  return `# nodes-config.yaml for "oc adm node-image create" (written by SNO Field Kit)\n${stringify(doc, { lineWidth: 0 })}`;
}

/**
 * The commands this job corresponds to: the one the app runs (the file in --dir) and, for one host
 * whose network fits in a file of its own, the single-node flags form of the same request.
 */
export function equivalentCommands(doc: NodesConfigDoc, dir: string, kubeconfig: string): { create: string; singleNode?: string; monitor?: string } {
  const create = `oc adm node-image create --dir=${shellQuote(dir)} --kubeconfig=${shellQuote(kubeconfig)}`;
  const [host, ...more] = doc.hosts;
  const out: { create: string; singleNode?: string; monitor?: string } = { create };
  if (host && more.length === 0 && host.interfaces.length === 1) {
    const flags = [`--mac-address=${host.interfaces[0]!.macAddress}`];
    if (host.hostname) flags.push(`--hostname=${shellQuote(host.hostname)}`);
    if (doc.cpuArchitecture) flags.push(`--cpu-architecture=${doc.cpuArchitecture}`);
    const hint = host.rootDeviceHints ? Object.entries(host.rootDeviceHints)[0] : undefined;
    if (hint) flags.push(`--root-device-hint=${shellQuote(`${hint[0]}:${String(hint[1])}`)}`);
    if (host.networkConfig) flags.push(`--network-config-path=${shellQuote(`${dir}/network-config.yaml`)}`);
    out.singleNode = `oc adm node-image create --dir=${shellQuote(dir)} --kubeconfig=${shellQuote(kubeconfig)} ${flags.join(' ')}`;
  }
  const ips = staticAddresses(doc);
  if (ips.length > 0) out.monitor = `oc adm node-image monitor --kubeconfig=${shellQuote(kubeconfig)} --ip-addresses ${ips.join(',')}`;
  return out;
}

/** The static addresses written in the hosts' networkConfig (what `node-image monitor` watches). */
export function staticAddresses(doc: NodesConfigDoc): string[] {
  const out: string[] = [];
  for (const host of doc.hosts) {
    const ifaces = (host.networkConfig?.interfaces as { ipv4?: { address?: { ip?: unknown }[] }; ipv6?: { address?: { ip?: unknown }[] } }[] | undefined) ?? [];
    for (const iface of ifaces) for (const a of [...(iface.ipv4?.address ?? []), ...(iface.ipv6?.address ?? [])]) if (typeof a.ip === 'string') out.push(a.ip);
  }
  return out;
}
