import { parseAllDocuments } from 'yaml';
import { bondModes, isController, portsOf, type BondMode, type IpConfig, type NetInterface, type NetworkModel, type Route } from './model';
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
 * ClusterInstance (each spec.nodes[].nodeNetwork), bare node entries (a `nodes:` list item, as the
 * fleet export writes them) or a nodes-config.yaml of `oc adm node-image create` (each
 * hosts[].networkConfig with hosts[].interfaces). Every document of a multi-document YAML file is
 * read. Bad YAML throws a ParseError naming `file`, the line, column and kind of problem (the
 * parser's own message quotes the text).
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
  if (Array.isArray(doc.hosts)) {
    return doc.hosts.flatMap((raw, i) => {
      const host = rec(raw);
      if (!rec(host?.networkConfig)) return [];
      const hostName = typeof host?.hostname === 'string' ? host.hostname : undefined;
      return [{ label: `nodes-config host ${hostName ?? i}`, ...(hostName ? { hostName } : {}), ...fromNmstate(host?.networkConfig, host?.interfaces) }];
    });
  }
  if ('interfaces' in doc) return [{ label: 'nmstate', ...fromNmstate(doc) }];
  return [];
}

function nodeNetworkOf(node: Record<string, unknown>, where: string): ParsedNetwork[] {
  const nn = rec(node.nodeNetwork);
  if (!nn) return [];
  const hostName = typeof node.hostName === 'string' ? node.hostName : undefined;
  return [{ label: `${where ? `${where} ` : ''}node ${hostName ?? ''}`.trim(), ...(hostName ? { hostName } : {}), ...fromNmstate(nn.config, nn.interfaces) }];
}

/**
 * One nmstate document (+ optional NMStateConfig-style `[{name, macAddress}]`) -> model. Reads the
 * forms nmstate 2.2 (RHCOS) accepts: numbers and booleans written as strings, bond modes as 0-6,
 * bond ports under `port`, `ports` or `ports-config`, bridge ports as `{name}` entries, and ports
 * that name their bond or bridge with the per-port `controller:` property instead of being listed.
 */
export function fromNmstate(config: unknown, nicMap?: unknown): { model: NetworkModel; issues: Issue[] } {
  const issues: Issue[] = [];
  const doc = rec(config) ?? {};
  const macs = new Map<string, string>();
  for (const m of arr(nicMap)) {
    const e = rec(m);
    if (typeof e?.name === 'string' && typeof e.macAddress === 'string') macs.set(e.name, e.macAddress.toUpperCase());
  }
  const interfaces: NetInterface[] = [];
  const listsPorts = new Set<string>();
  for (const raw of arr(doc.interfaces)) {
    const iface = interfaceFrom(rec(raw), macs, issues, listsPorts);
    if (iface) interfaces.push(iface);
  }
  attachPorts(interfaces, issues, listsPorts);
  const dnsConfig = rec(rec(doc['dns-resolver'])?.config) ?? {};
  return {
    model: { interfaces, dns: { servers: arr(dnsConfig.server).map(String), search: arr(dnsConfig.search).map(String) }, routes: routesFrom(doc.routes) },
    issues,
  };
}

const SKIPPED_STATES = new Set(['absent', 'down', 'ignore']);

/** One interface; `listsPorts` collects the bonds and bridges that list their ports themselves. */
function interfaceFrom(i: Record<string, unknown> | undefined, macs: Map<string, string>, issues: Issue[], listsPorts: Set<string>): NetInterface | undefined {
  if (!i || typeof i.name !== 'string') return undefined;
  if (typeof i.state === 'string' && SKIPPED_STATES.has(i.state)) return undefined;
  const type = i.type ?? 'ethernet';
  if (type !== 'ethernet' && type !== 'bond' && type !== 'vlan' && type !== 'linux-bridge') {
    issues.push(issue('unsupportedInterfaceType', `interfaces.${i.name}`, { name: i.name, type: String(type) }));
    return undefined;
  }
  const iface: NetInterface = { name: i.name, type, ipv4: ipFrom(i.ipv4), ipv6: ipFrom(i.ipv6) };
  const mac = typeof i['mac-address'] === 'string' ? i['mac-address'].toUpperCase() : macs.get(i.name);
  if (mac) iface.macAddress = mac;
  const mtu = num(i.mtu);
  if (mtu !== undefined) iface.mtu = mtu;
  const vlan = rec(i.vlan);
  if (type === 'vlan' && vlan) iface.vlan = { baseIface: String(vlan['base-iface'] ?? ''), id: num(vlan.id) ?? NaN };
  const la = rec(i['link-aggregation']);
  if (type === 'bond' && la) {
    if (la.port !== undefined || la.ports !== undefined || la['ports-config'] !== undefined) listsPorts.add(i.name);
    const ports = unique([...names(la.port ?? la.ports), ...names(la['ports-config'])]);
    const miimon = num(rec(la.options)?.miimon);
    iface.bond = { mode: modeOf(la.mode), ports, ...(miimon !== undefined ? { miimon } : {}) };
  }
  const br = rec(i.bridge);
  if (type === 'linux-bridge') {
    if (br?.port !== undefined || br?.ports !== undefined) listsPorts.add(i.name);
    const stp = bool(rec(rec(rec(br?.options)?.stp))?.enabled);
    iface.bridge = { ports: unique(names(br?.port ?? br?.ports)), ...(stp !== undefined ? { stp } : {}) };
  }
  // An empty controller means "detach from the current controller": no controller.
  if (typeof i.controller === 'string' && i.controller !== '') iface.controller = i.controller;
  return iface;
}

/**
 * Ties ports to their bond or bridge whichever way the document says it: listed by the controller,
 * or naming the controller themselves. As in nmstate, a port claimed by two controllers is an
 * error, and a controller that lists its ports owns exactly those (validation reports a port that
 * names it without being listed).
 */
function attachPorts(interfaces: NetInterface[], issues: Issue[], listsPorts: Set<string>): void {
  const byName = new Map(interfaces.map((i) => [i.name, i]));
  for (const owner of interfaces.filter(isController)) {
    for (const port of portsOf(owner)) {
      const p = byName.get(port);
      if (!p) continue;
      if (p.controller !== undefined && p.controller !== owner.name) {
        issues.push(issue('portControllerConflict', `interfaces.${port}`, { name: port, listed: owner.name, controller: p.controller }));
        continue;
      }
      p.controller = owner.name;
    }
  }
  for (const port of interfaces) {
    const owner = port.controller === undefined ? undefined : byName.get(port.controller);
    if (!owner || !isController(owner) || portsOf(owner).includes(port.name) || listsPorts.has(owner.name)) continue;
    if (owner.type === 'linux-bridge') owner.bridge = { ...owner.bridge, ports: [...(owner.bridge?.ports ?? []), port.name] };
    else if (owner.bond) owner.bond.ports.push(port.name);
    else {
      // nmstate needs a mode to create a bond; say so instead of inventing one silently.
      issues.push(issue('bondModeMissing', `interfaces.${owner.name}`, { name: owner.name }));
      owner.bond = { mode: 'active-backup', ports: [port.name] };
    }
  }
}

function routesFrom(raw: unknown): Route[] {
  const routes: Route[] = [];
  for (const entry of arr(rec(raw)?.config)) {
    const r = rec(entry);
    if (!r || r.state === 'absent' || typeof r.destination !== 'string') continue;
    const route: Route = { destination: r.destination, nextHopInterface: String(r['next-hop-interface'] ?? '') };
    if (typeof r['next-hop-address'] === 'string') route.nextHopAddress = r['next-hop-address'];
    const metric = num(r.metric);
    if (metric !== undefined) route.metric = metric;
    const table = num(r['table-id']);
    if (table !== undefined) route.tableId = table;
    routes.push(route);
  }
  return routes;
}

function ipFrom(raw: unknown): IpConfig {
  const ip = rec(raw);
  const enabled = bool(ip?.enabled);
  if (!ip || enabled === false) return { mode: 'disabled', addresses: [] };
  const addresses = arr(ip.address)
    .map(rec)
    .filter((a): a is Record<string, unknown> => Boolean(a))
    .map((a) => ({ ip: String(a.ip), prefixLength: num(a['prefix-length']) ?? NaN }));
  if (bool(ip.dhcp) === true || (bool(ip.autoconf) === true && addresses.length === 0)) return { mode: 'dhcp', addresses: [] };
  if (addresses.length === 0 && enabled !== true) return { mode: 'disabled', addresses: [] };
  return { mode: addresses.length > 0 ? 'static' : 'disabled', addresses };
}

function modeOf(raw: unknown): BondMode {
  const s = String(raw);
  if (/^\d$/.test(s)) return bondModes[Number(s)] ?? 'active-backup';
  return (bondModes as readonly string[]).includes(s) ? (s as BondMode) : 'active-backup';
}

/** Port names from `[eth1, eth2]` or `[{name: eth1}, …]` (bridge ports, bond ports-config). */
function names(v: unknown): string[] {
  return arr(v)
    .map((p) => (typeof p === 'string' ? p : typeof p === 'number' ? String(p) : rec(p)?.name))
    .filter((n): n is string => typeof n === 'string' && n !== '');
}

/** nmstate accepts integers written as strings ("9000"). */
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** nmstate accepts booleans written as strings ("true", "false"). */
function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'yes' || s === '1') return true;
    if (s === 'false' || s === 'no' || s === '0') return false;
  }
  return undefined;
}

const unique = (list: string[]): string[] => [...new Set(list)];

function rec(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
