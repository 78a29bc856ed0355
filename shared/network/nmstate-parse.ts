import { parseAllDocuments } from 'yaml';
import { bondModes, type BondMode, type IpConfig, type NetInterface, type NetworkModel, type Route } from './model';
import { issue, type Issue } from './issue';
import { ParseError, yamlProblem } from '../parse/parse-problem';

export interface ParsedNetwork {
  /** Where in the file the network came from, e.g. "NMStateConfig mynmstateconfig" or "SiteConfig example-sno node example-node1" */
  label: string;
  /** The node's host name when the document names one (SiteConfig / ClusterInstance node entries) */
  hostName?: string;
  model: NetworkModel;
  /** What the model cannot carry (other interface types, unknown keys that matter) */
  issues: Issue[];
}

/**
 * Reads nmstate into the network model: a bare nmstate document, an NMStateConfig CR (its
 * spec.interfaces give the MACs), a ZTP SiteConfig (each spec.clusters[].nodes[].nodeNetwork), a
 * ClusterInstance (each spec.nodes[].nodeNetwork) or bare node entries (a `nodes:` list item, as the
 * fleet export writes them). Every document of a multi-document YAML file is read. Bad YAML throws a
 * ParseError naming `file`, the line, column and kind of problem (the parser's own message quotes the text).
 */
export function parseNetworkYaml(text: string, file = 'YAML'): ParsedNetwork[] {
  const out: ParsedNetwork[] = [];
  for (const d of parseAllDocuments(text)) {
    if (d.errors.length > 0) throw new ParseError(yamlProblem(d.errors[0], file) ?? { file, format: 'YAML', kind: 'syntax', line: 1, column: 1 });
    out.push(...networksOf(d.toJS()));
  }
  return out;
}

function networksOf(value: unknown): ParsedNetwork[] {
  if (Array.isArray(value)) return value.flatMap((item) => (rec(item)?.nodeNetwork ? nodeNetworkOf(rec(item)!, '') : []));
  const doc = rec(value);
  if (!doc) return [];
  const name = String(rec(doc.metadata)?.name ?? '');
  if (doc.kind === 'NMStateConfig') {
    const spec = rec(doc.spec) ?? {};
    return [{ label: `NMStateConfig ${name}`.trim(), ...fromNmstate(spec.config, spec.interfaces) }];
  }
  if (doc.kind === 'SiteConfig') {
    return arr(rec(doc.spec)?.clusters).flatMap((cluster) => arr(rec(cluster)?.nodes).flatMap((node) => nodeNetworkOf(rec(node) ?? {}, `SiteConfig ${name}`)));
  }
  if (doc.kind === 'ClusterInstance') return arr(rec(doc.spec)?.nodes).flatMap((node) => nodeNetworkOf(rec(node) ?? {}, `ClusterInstance ${name}`));
  if (doc.nodeNetwork) return nodeNetworkOf(doc, '');
  if ('interfaces' in doc) return [{ label: 'nmstate', ...fromNmstate(doc) }];
  return [];
}

function nodeNetworkOf(node: Record<string, unknown>, where: string): ParsedNetwork[] {
  const nn = rec(node.nodeNetwork);
  if (!nn) return [];
  const hostName = typeof node.hostName === 'string' ? node.hostName : undefined;
  return [{ label: `${where ? `${where} ` : ''}node ${hostName ?? ''}`.trim(), ...(hostName ? { hostName } : {}), ...fromNmstate(nn.config, nn.interfaces) }];
}

/** One nmstate document (+ optional NMStateConfig-style `[{name, macAddress}]`) -> model. */
export function fromNmstate(config: unknown, nicMap?: unknown): { model: NetworkModel; issues: Issue[] } {
  const issues: Issue[] = [];
  const doc = rec(config) ?? {};
  const macs = new Map<string, string>();
  for (const m of arr(nicMap)) {
    const e = rec(m);
    if (typeof e?.name === 'string' && typeof e.macAddress === 'string') macs.set(e.name, e.macAddress.toUpperCase());
  }
  const interfaces: NetInterface[] = [];
  for (const raw of arr(doc.interfaces)) {
    const i = rec(raw);
    if (!i || typeof i.name !== 'string') continue;
    const type = i.type ?? 'ethernet';
    if (type !== 'ethernet' && type !== 'bond' && type !== 'vlan') {
      issues.push(issue('unsupportedInterfaceType', `interfaces.${i.name}`, { name: i.name, type: String(type) }));
      continue;
    }
    if (i.state === 'absent' || i.state === 'down') continue;
    const iface: NetInterface = { name: i.name, type, ipv4: ipFrom(i.ipv4), ipv6: ipFrom(i.ipv6) };
    const mac = typeof i['mac-address'] === 'string' ? i['mac-address'].toUpperCase() : macs.get(i.name);
    if (mac) iface.macAddress = mac;
    if (typeof i.mtu === 'number') iface.mtu = i.mtu;
    const vlan = rec(i.vlan);
    if (type === 'vlan' && vlan) iface.vlan = { baseIface: String(vlan['base-iface'] ?? ''), id: Number(vlan.id) };
    const la = rec(i['link-aggregation']);
    if (type === 'bond' && la) {
      const mode = modeOf(la.mode);
      const ports = arr(la.port ?? la.ports).map(String);
      const miimon = rec(la.options)?.miimon;
      iface.bond = { mode, ports, ...(miimon !== undefined ? { miimon: Number(miimon) } : {}) };
    }
    if (typeof i.controller === 'string') iface.controller = i.controller;
    interfaces.push(iface);
  }
  // Ports listed by their bond carry no IP of their own.
  for (const bond of interfaces) {
    for (const port of bond.bond?.ports ?? []) {
      const p = interfaces.find((x) => x.name === port);
      if (p) p.controller = bond.name;
    }
  }
  const dnsConfig = rec(rec(doc['dns-resolver'])?.config) ?? {};
  const routes: Route[] = [];
  for (const raw of arr(rec(doc.routes)?.config)) {
    const r = rec(raw);
    if (!r || r.state === 'absent' || typeof r.destination !== 'string') continue;
    const route: Route = { destination: r.destination, nextHopInterface: String(r['next-hop-interface'] ?? '') };
    if (typeof r['next-hop-address'] === 'string') route.nextHopAddress = r['next-hop-address'];
    if (typeof r.metric === 'number') route.metric = r.metric;
    if (typeof r['table-id'] === 'number') route.tableId = r['table-id'];
    routes.push(route);
  }
  return {
    model: { interfaces, dns: { servers: arr(dnsConfig.server).map(String), search: arr(dnsConfig.search).map(String) }, routes },
    issues,
  };
}

function ipFrom(raw: unknown): IpConfig {
  const ip = rec(raw);
  if (!ip || ip.enabled === false) return { mode: 'disabled', addresses: [] };
  const addresses = arr(ip.address)
    .map(rec)
    .filter((a): a is Record<string, unknown> => Boolean(a))
    .map((a) => ({ ip: String(a.ip), prefixLength: Number(a['prefix-length']) }));
  if (ip.dhcp === true || (ip.autoconf === true && addresses.length === 0)) return { mode: 'dhcp', addresses: [] };
  if (addresses.length === 0 && ip.enabled !== true) return { mode: 'disabled', addresses: [] };
  return { mode: addresses.length > 0 ? 'static' : 'disabled', addresses };
}

function modeOf(raw: unknown): BondMode {
  if (typeof raw === 'number') return bondModes[raw] ?? 'active-backup';
  const s = String(raw);
  if (/^\d$/.test(s)) return bondModes[Number(s)] ?? 'active-backup';
  return (bondModes as readonly string[]).includes(s) ? (s as BondMode) : 'active-backup';
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
