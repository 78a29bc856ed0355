import { isDhcpOnly, validateNetwork, type NetworkModel } from '../../../shared/network/model';
import type { Issue } from '../../../shared/network/issue';
import { macInterfaceMap, toNmstateYaml } from '../../../shared/network/nmstate';
import { nmstateMessages } from './iso-validation';

/**
 * The discovery ISO's network: the manual path's form (made into nmstate YAML here) or, as an
 * advanced option, nmstate YAML pasted as it is. A network that is DHCP only needs no static
 * configuration at all, so nothing is sent for it.
 */
export type NetMode = 'form' | 'yaml';

export interface StaticNetworkInput {
  staticNetworkYaml?: string;
  macInterfaceMap?: { macAddress: string; logicalNicName: string }[];
}

/** The form's issues, at the model paths NetworkForm shows next to its fields. */
export function formNetworkIssues(model: NetworkModel): Issue[] {
  if (isDhcpOnly(model)) return [];
  // The Assisted Installer matches the configuration to the machine by MAC (mac_interface_map).
  const noMac: Issue[] = model.interfaces.some((i, n) => n === 0 && i.type === 'ethernet' && !i.macAddress?.trim()) ? [{ key: 'nodeimage.issues.macRequired', path: 'interfaces.0.macAddress' }] : [];
  return [...validateNetwork(model), ...noMac];
}

export function staticNetworkInput(mode: NetMode, model: NetworkModel, yaml: string): StaticNetworkInput {
  if (mode === 'yaml') return yaml.trim() ? { staticNetworkYaml: yaml } : {};
  if (isDhcpOnly(model)) return {};
  return {
    staticNetworkYaml: toNmstateYaml(model),
    macInterfaceMap: macInterfaceMap(model).map((m) => ({ macAddress: m.mac_address, logicalNicName: m.logical_nic_name })),
  };
}

/** Whether the chosen network form blocks generating the ISO. */
export function networkBlocks(mode: NetMode, model: NetworkModel, yaml: string): boolean {
  if (mode === 'yaml') return nmstateMessages(yaml).length > 0;
  return formNetworkIssues(model).some((i) => i.severity !== 'warning');
}
