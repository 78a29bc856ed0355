import { validateNetwork } from '../network/validate';
import { fromNmstate } from '../network/nmstate-parse';
import type { Issue } from '../network/issue';
import { validateDomainName } from '../hostname';
import { checkSshPublicKey } from '../assisted/cluster';
import { niIssue, niWarning, underPath } from './issues';
import { isMulticastMac, isZeroMac, parseMac } from './mac';
import { validateRootDeviceHints } from './root-device';

/** A node the cluster already has (its name and status.addresses), for the add-nodes conflict checks. */
export interface ExistingNode {
  name: string;
  addresses: { type: string; address: string }[];
}

export interface ValidateContext {
  existingNodes?: ExistingNode[];
}

/** What `installer` accepts for cpuArchitecture (Go and RPM names; it converts with arch.RpmArch). */
export const CPU_ARCHITECTURES = ['amd64', 'x86_64', 'arm64', 'aarch64', 'ppc64le', 's390x'] as const;
const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'cpuArchitecture', 'sshKey', 'bootArtifactsBaseURL', 'hosts']);
const HOST_FIELDS = new Set(['hostname', 'role', 'rootDeviceHints', 'interfaces', 'networkConfig']);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/**
 * Every problem of a nodes-config.yaml document, by field: the installer's own rules (hosts
 * required, MACs present, EUI-48, unicast and unique, root device hints, role, SSH key, interfaces
 * matching networkConfig, addresses and host names not used by existing nodes) plus what the
 * installer would silently ignore or only find out on the node (unknown keys, invalid nmstate).
 */
export function validateNodesConfig(raw: unknown, context: ValidateContext = {}): Issue[] {
  const doc = obj(raw);
  if (!doc) return [niIssue('notMapping', '')];
  const out: Issue[] = [];
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key)) out.push(niWarning('unknownKey', key, { key }));
  out.push(...checkTopLevel(doc));
  const hosts = Array.isArray(doc.hosts) ? doc.hosts : [];
  if (hosts.length === 0) {
    out.push(niIssue('hostsRequired', 'hosts'));
    return out;
  }
  const macs = new Map<string, string>();
  const hostnames = new Map<string, number>();
  hosts.forEach((raw, i) => out.push(...checkHost(raw, i, macs, hostnames, context)));
  return out;
}

function checkTopLevel(doc: Obj): Issue[] {
  const out: Issue[] = [];
  const arch = doc.cpuArchitecture;
  if (arch !== undefined && !(CPU_ARCHITECTURES as readonly unknown[]).includes(arch))
    out.push(niIssue('cpuArchitecture', 'cpuArchitecture', { value: String(arch), allowed: CPU_ARCHITECTURES.join(', ') }));
  if (doc.sshKey !== undefined && doc.sshKey !== '') {
    const check = checkSshPublicKey(String(doc.sshKey));
    if (!check.ok) out.push({ key: `assisted.errors.sshKey${capitalize(check.problem ?? 'invalid')}`, path: 'sshKey' });
  }
  const url = doc.bootArtifactsBaseURL;
  if (url !== undefined && url !== '' && !/^https?:\/\/[^\s/]+/.test(String(url))) out.push(niIssue('bootArtifactsBaseURL', 'bootArtifactsBaseURL', { value: String(url) }));
  return out;
}

function checkHost(raw: unknown, i: number, macs: Map<string, string>, hostnames: Map<string, number>, context: ValidateContext): Issue[] {
  const at = `hosts.${i}`;
  const host = obj(raw);
  if (!host) return [niIssue('hostNotMapping', at)];
  const out: Issue[] = [];
  for (const key of Object.keys(host)) if (!HOST_FIELDS.has(key)) out.push(niWarning('unknownHostKey', `${at}.${key}`, { key }));
  out.push(...checkHostname(host.hostname, at, hostnames, context));
  if (host.role !== undefined && host.role !== '' && host.role !== 'worker') {
    out.push(host.role === 'master' ? niWarning('roleMaster', `${at}.role`) : niIssue('role', `${at}.role`, { value: String(host.role) }));
  }
  const names = checkInterfaces(host.interfaces, at, macs, out);
  out.push(...validateRootDeviceHints(host.rootDeviceHints, `${at}.rootDeviceHints`));
  if (host.networkConfig !== undefined && host.networkConfig !== null) out.push(...checkNetworkConfig(host, names, at, context));
  return out;
}

function checkHostname(value: unknown, at: string, hostnames: Map<string, number>, context: ValidateContext): Issue[] {
  const path = `${at}.hostname`;
  if (value === undefined || value === '') return [niWarning('hostnameFromDhcp', path)];
  const name = String(value);
  const base = validateDomainName(name, path);
  if (base.length > 0) return base;
  const out: Issue[] = [];
  if (name !== name.toLowerCase()) out.push(niIssue('hostnameUppercase', path, { suggestion: name.toLowerCase() }));
  const seen = hostnames.get(name.toLowerCase());
  if (seen !== undefined) out.push(niIssue('hostnameDuplicate', path, { value: name, other: seen }));
  hostnames.set(name.toLowerCase(), Number(at.split('.')[1]));
  for (const node of context.existingNodes ?? []) {
    // The installer compares the host name with the nodes' addresses (Hostname entries included).
    if (node.name === name || node.addresses.some((a) => a.address === name)) out.push(niIssue('hostnameInUse', path, { value: name, node: node.name }));
  }
  return out;
}

/** interfaces[]: name and MAC each, MACs valid and unique over all hosts, names unique per host. Returns name -> MAC. */
function checkInterfaces(raw: unknown, at: string, macs: Map<string, string>, out: Issue[]): Map<string, string> {
  const names = new Map<string, string>();
  const list = Array.isArray(raw) ? raw : [];
  if (list.length === 0) out.push(niIssue('interfacesRequired', `${at}.interfaces`));
  list.forEach((entry, j) => {
    const path = `${at}.interfaces.${j}`;
    const iface = obj(entry) ?? {};
    const name = typeof iface.name === 'string' ? iface.name : '';
    if (!name) out.push(niIssue('interfaceNameRequired', `${path}.name`));
    else if (names.has(name)) out.push(niIssue('interfaceNameDuplicate', `${path}.name`, { name }));
    const mac = typeof iface.macAddress === 'string' ? iface.macAddress : '';
    if (!mac) {
      out.push(niIssue('macRequired', `${path}.macAddress`));
      return;
    }
    const normalized = parseMac(mac);
    if (!normalized) out.push(niIssue('macInvalid', `${path}.macAddress`, { mac }));
    else if (isMulticastMac(normalized)) out.push(niIssue('macMulticast', `${path}.macAddress`, { mac }));
    else if (macs.has(normalized)) out.push(niIssue('macDuplicate', `${path}.macAddress`, { mac, other: macs.get(normalized)! }));
    else if (isZeroMac(normalized)) out.push(niWarning('macZero', `${path}.macAddress`, { mac }));
    if (normalized && !macs.has(normalized)) macs.set(normalized, `${at}.interfaces.${j}`);
    if (name && !names.has(name)) names.set(name, normalized ?? mac);
  });
  return names;
}

/**
 * networkConfig: valid nmstate for the app's model, every interfaces[] name present in it with the
 * same MAC, its ethernet NICs named in interfaces[], and no static address an existing node uses.
 */
function checkNetworkConfig(host: Obj, names: Map<string, string>, at: string, context: ValidateContext): Issue[] {
  const path = `${at}.networkConfig`;
  const config = obj(host.networkConfig);
  if (!config) return [niIssue('networkConfigNotMapping', path)];
  const out: Issue[] = [];
  const { model, issues } = fromNmstate(config, host.interfaces);
  // The all-zero MAC of the documentation's example passes the installer's MAC rule: it is warned about once, on interfaces[].
  const network = validateNetwork(model).map((i) =>
    i.key === 'manual.issues.macNotUnicast' && parseMac(String(i.params?.mac ?? '')) === '00:00:00:00:00:00' ? { ...i, severity: 'warning' as const } : i,
  );
  out.push(...underPath(path, [...issues, ...network]));
  const declared = new Map((Array.isArray(config.interfaces) ? config.interfaces : []).map((i) => [String(obj(i)?.name ?? ''), obj(i) ?? {}]));
  for (const [name, mac] of names) {
    const nm = declared.get(name);
    if (!nm) {
      out.push(niIssue('interfaceNotInNetworkConfig', `${at}.interfaces`, { name }));
      continue;
    }
    const nmMac = typeof nm['mac-address'] === 'string' ? parseMac(nm['mac-address']) : undefined;
    if (nmMac && nmMac !== mac) out.push(niIssue('interfaceMacMismatch', `${at}.interfaces`, { name, mac, nmMac }));
  }
  for (const iface of model.interfaces) {
    if (iface.type === 'ethernet' && !names.has(iface.name)) out.push(niWarning('networkConfigIfaceUnmapped', `${path}.interfaces`, { name: iface.name }));
  }
  for (const iface of model.interfaces) {
    for (const a of [...iface.ipv4.addresses, ...iface.ipv6.addresses]) {
      const owner = (context.existingNodes ?? []).find((n) => n.addresses.some((x) => x.address === a.ip));
      if (owner) out.push(niIssue('addressInUse', `${path}.interfaces`, { address: a.ip, node: owner.name }));
    }
  }
  return out;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
