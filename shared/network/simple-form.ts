import { parseCidr } from './ip';
import type { IpConfig, NetInterface, NetworkModel } from './model';

/**
 * The wizard's simple network form (one NIC, optional VLAN, IPv4 DHCP or static, optional static
 * IPv6): what most field sites need. Anything richer (bonds, several NICs) comes in as nmstate.
 */
export interface SimpleNetworkForm {
  iface: string;
  mac: string;
  mode: 'dhcp' | 'static';
  /** "10.1.101.50/24" */
  address: string;
  gateway: string;
  /** space/comma separated */
  dns: string;
  search: string;
  mtu: string;
  /** "2001:db8::50/64", optional */
  address6: string;
  gateway6: string;
  vlanId: string;
}

export const emptyForm = (): SimpleNetworkForm => ({ iface: '', mac: '', mode: 'dhcp', address: '', gateway: '', dns: '', search: '', mtu: '1500', address6: '', gateway6: '', vlanId: '' });

const list = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function staticIp(cidr: string, gateway: string): IpConfig {
  const slash = cidr.indexOf('/');
  const ip = slash < 0 ? cidr.trim() : cidr.slice(0, slash).trim();
  const parsed = parseCidr(cidr.trim());
  // An unparsable entry is kept as typed (prefix NaN/0) so validation names the exact problem.
  const prefixLength = parsed ? parsed.prefix : slash < 0 ? 0 : Number(cidr.slice(slash + 1)) || 0;
  return { mode: 'static', addresses: [{ ip, prefixLength }], ...(gateway.trim() ? { gateway: gateway.trim() } : {}) };
}

export function formToModel(form: SimpleNetworkForm): NetworkModel {
  const name = form.iface.trim();
  const mtu = form.mtu.trim() === '' ? undefined : Number(form.mtu);
  const ipv4: IpConfig = form.mode === 'dhcp' ? { mode: 'dhcp', addresses: [] } : staticIp(form.address, form.gateway);
  const ipv6: IpConfig = form.address6.trim() ? staticIp(form.address6, form.gateway6) : form.mode === 'dhcp' ? { mode: 'dhcp', addresses: [] } : { mode: 'disabled', addresses: [] };
  const base: NetInterface = { name, type: 'ethernet', ...(form.mac.trim() ? { macAddress: form.mac.trim() } : {}), ...(mtu !== undefined ? { mtu } : {}), ipv4, ipv6 };
  const interfaces: NetInterface[] = [];
  if (form.vlanId.trim()) {
    const id = Number(form.vlanId);
    interfaces.push({ ...base, ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } });
    interfaces.push({ name: `${name}.${form.vlanId.trim()}`, type: 'vlan', ...(mtu !== undefined ? { mtu } : {}), vlan: { baseIface: name, id }, ipv4, ipv6 });
  } else interfaces.push(base);
  return { interfaces, dns: { servers: list(form.dns), search: list(form.search) }, routes: [] };
}

/** The form for a model the form can express, else undefined (the wizard then shows it as imported). */
export function modelToForm(model: NetworkModel): SimpleNetworkForm | undefined {
  if (model.routes.length > 0) return undefined;
  const [first, second, ...rest] = model.interfaces;
  if (!first || rest.length > 0 || first.type !== 'ethernet') return undefined;
  let carrier = first;
  let vlanId = '';
  if (second) {
    if (second.type !== 'vlan' || second.vlan?.baseIface !== first.name || first.ipv4.mode !== 'disabled' || first.ipv6.mode !== 'disabled' || second.mtu !== first.mtu) return undefined;
    carrier = second;
    vlanId = String(second.vlan.id);
  }
  const v4 = carrier.ipv4;
  const v6 = carrier.ipv6;
  if (v4.mode === 'disabled' || v4.addresses.length > 1 || v6.addresses.length > 1) return undefined;
  if (v4.mode === 'dhcp' && v6.mode === 'disabled') return undefined;
  if (v4.mode === 'static' && v6.mode === 'dhcp') return undefined;
  const form: SimpleNetworkForm = {
    iface: first.name,
    mac: first.macAddress ?? '',
    mode: v4.mode,
    address: v4.mode === 'static' ? `${v4.addresses[0]?.ip ?? ''}/${v4.addresses[0]?.prefixLength ?? ''}` : '',
    gateway: v4.gateway ?? '',
    dns: model.dns.servers.join(' '),
    search: model.dns.search.join(' '),
    mtu: first.mtu !== undefined ? String(first.mtu) : '',
    address6: v6.mode === 'static' ? `${v6.addresses[0]?.ip ?? ''}/${v6.addresses[0]?.prefixLength ?? ''}` : '',
    gateway6: v6.gateway ?? '',
    vlanId,
  };
  return form;
}
