import type { Issue } from '../../../shared/network/issue';

/**
 * nodes-config.yaml issues carry document paths (hosts.0.networkConfig.interfaces.0.mtu); the form
 * shows them at its own fields: the network form's model paths, the host name, the disk.
 */
export function toFormIssues(issues: Issue[], simpleForm: boolean): Issue[] {
  return issues.map((i) => ({ ...i, ...(formPath(i.path ?? '', simpleForm) !== undefined ? { path: formPath(i.path ?? '', simpleForm) } : {}) }));
}

function formPath(path: string, simpleForm: boolean): string | undefined {
  if (path === 'hosts.0.hostname') return 'hostname';
  if (path.startsWith('hosts.0.rootDeviceHints')) return 'rootDevice';
  if (path.startsWith('hosts.0.networkConfig.')) return path.slice('hosts.0.networkConfig.'.length);
  // The simple form has one NIC: every interfaces[] finding is about its name and MAC.
  if (simpleForm && /^hosts\.0\.interfaces(\.0(\.macAddress|\.name)?)?$/.test(path)) return path.endsWith('.name') ? 'interfaces.0.name' : 'interfaces.0.macAddress';
  if (path === 'sshKey' || path === 'cpuArchitecture') return path;
  return undefined;
}
