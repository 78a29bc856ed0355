import { isController, portsOf, type IpConfig, type NetInterface, type NetworkModel } from './model';
import { issue, warning, type Issue } from './issue';
import { bitsOf, isIpv4Broadcast, isNetworkAddress, parseCidr, parseIp, sameSubnet, type Family, type ParsedIp } from './ip';
import { validateDomainName } from '../hostname';

/** Linux interface names: at most 15 bytes, no '/', ':' or whitespace (IFNAMSIZ - 1). */
const IFNAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$/;
export const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
export const MTU_MIN_V4 = 576;
export const MTU_MIN_V6 = 1280;
export const MTU_MAX = 9216;

/**
 * Everything wrong with a network model, as i18n-keyed issues with the path of the field.
 * Errors block generation; warnings (severity 'warning') only inform.
 */
export function validateNetwork(model: NetworkModel): Issue[] {
  const out: Issue[] = [];
  if (model.interfaces.length === 0) out.push(issue('noInterfaces', 'interfaces'));
  const names = new Map<string, NetInterface>();
  const macs = new Set<string>();
  const seenAddresses = new Map<string, string>();

  model.interfaces.forEach((iface, i) => {
    const at = `interfaces.${i}`;
    if (!IFNAME.test(iface.name) || iface.name === '.' || iface.name === '..') out.push(issue('interfaceName', `${at}.name`, { name: iface.name }));
    if (names.has(iface.name)) out.push(issue('duplicateInterface', `${at}.name`, { name: iface.name }));
    names.set(iface.name, iface);
    if (iface.macAddress !== undefined) {
      const mac = iface.macAddress.toUpperCase().replace(/-/g, ':');
      if (!MAC.test(iface.macAddress)) out.push(issue('macFormat', `${at}.macAddress`, { mac: iface.macAddress }));
      else if (mac === '00:00:00:00:00:00' || (parseInt(mac.slice(0, 2), 16) & 1) === 1) out.push(issue('macNotUnicast', `${at}.macAddress`, { mac: iface.macAddress }));
      else if (macs.has(mac)) out.push(issue('duplicateMac', `${at}.macAddress`, { mac: iface.macAddress }));
      macs.add(mac);
      if (iface.type !== 'ethernet') out.push(issue('macOnlyEthernet', `${at}.macAddress`, { name: iface.name }));
    }
  });

  model.interfaces.forEach((iface, i) => {
    const at = `interfaces.${i}`;
    const ipv6On = iface.ipv6.mode !== 'disabled';
    if (iface.mtu !== undefined) {
      const min = ipv6On ? MTU_MIN_V6 : MTU_MIN_V4;
      if (!Number.isInteger(iface.mtu) || iface.mtu < min || iface.mtu > MTU_MAX) out.push(issue(ipv6On ? 'mtuRangeV6' : 'mtuRange', `${at}.mtu`, { mtu: iface.mtu, min, max: MTU_MAX }));
    }
    if (iface.type === 'vlan') {
      if (!iface.vlan) out.push(issue('vlanMissing', `${at}.vlan`, { name: iface.name }));
      else {
        if (!Number.isInteger(iface.vlan.id) || iface.vlan.id < 1 || iface.vlan.id > 4094) out.push(issue('vlanId', `${at}.vlan.id`, { id: iface.vlan.id }));
        const base = names.get(iface.vlan.baseIface);
        if (!base || base === iface) out.push(issue('vlanBase', `${at}.vlan.baseIface`, { base: iface.vlan.baseIface }));
        else if ((iface.mtu ?? 1500) > (base.mtu ?? 1500)) out.push(issue('vlanMtu', `${at}.mtu`, { mtu: iface.mtu ?? 1500, base: base.name, baseMtu: base.mtu ?? 1500 }));
      }
    }
    if (iface.type === 'bond') checkBond(iface, at, names, out);
    if (iface.type === 'linux-bridge') checkBridge(iface, at, names, out);
    if (iface.controller !== undefined) {
      checkPort(iface, at, names, out);
      return;
    }
    checkIp(iface.ipv4, 4, `${at}.ipv4`, out, seenAddresses);
    checkIp(iface.ipv6, 6, `${at}.ipv6`, out, seenAddresses);
  });

  const configured = model.interfaces.filter((i) => !i.controller && (i.ipv4.mode !== 'disabled' || i.ipv6.mode !== 'disabled'));
  if (model.interfaces.length > 0 && configured.length === 0) out.push(issue('noAddressing', 'interfaces'));

  model.dns.servers.forEach((s, i) => {
    if (!parseIp(s)) out.push(issue('dnsServer', `dns.servers.${i}`, { value: s }));
  });
  model.dns.search.forEach((d, i) => {
    if (validateDomainName(d).length > 0) out.push(issue('searchDomain', `dns.search.${i}`, { value: d }));
  });
  const hasStatic = model.interfaces.some((i) => i.ipv4.mode === 'static' || i.ipv6.mode === 'static');
  const hasDhcp = model.interfaces.some((i) => i.ipv4.mode === 'dhcp' || i.ipv6.mode === 'dhcp');
  if (hasStatic && !hasDhcp && model.dns.servers.length === 0) out.push(warning('noDnsServers', 'dns.servers'));

  model.routes.forEach((r, i) => {
    const at = `routes.${i}`;
    const dest = parseCidr(r.destination);
    if (!dest) out.push(issue('routeDestination', `${at}.destination`, { value: r.destination }));
    if (!names.has(r.nextHopInterface)) out.push(issue('routeInterface', `${at}.nextHopInterface`, { name: r.nextHopInterface }));
    if (r.nextHopAddress !== undefined) {
      const hop = parseIp(r.nextHopAddress);
      if (!hop || (dest && hop.family !== dest.ip.family)) out.push(issue('routeNextHop', `${at}.nextHopAddress`, { value: r.nextHopAddress }));
    }
    if (r.metric !== undefined && (!Number.isInteger(r.metric) || r.metric < -1 || r.metric > 0xffffffff)) out.push(issue('routeMetric', `${at}.metric`, { value: r.metric }));
    if (r.tableId !== undefined && (!Number.isInteger(r.tableId) || r.tableId < 0 || r.tableId > 0xffffffff)) out.push(issue('routeTable', `${at}.tableId`, { value: r.tableId }));
  });
  return out;
}

/** A bond's ports must be ethernet interfaces of this host that belong to it. */
function checkBond(iface: NetInterface, at: string, names: Map<string, NetInterface>, out: Issue[]): void {
  if (!iface.bond || iface.bond.ports.length === 0) {
    out.push(issue('bondPorts', `${at}.bond.ports`, { name: iface.name }));
    return;
  }
  for (const port of iface.bond.ports) {
    const p = names.get(port);
    if (!p || p.type !== 'ethernet' || p.controller !== iface.name) out.push(issue('bondPort', `${at}.bond.ports`, { name: iface.name, port }));
  }
  if (iface.bond.miimon !== undefined && (!Number.isInteger(iface.bond.miimon) || iface.bond.miimon < 0)) out.push(issue('bondMiimon', `${at}.bond.miimon`, { value: iface.bond.miimon }));
}

/** A port names an existing bond or bridge that lists it (nmstate's rule), and carries no address. */
function checkPort(iface: NetInterface, at: string, names: Map<string, NetInterface>, out: Issue[]): void {
  const c = names.get(iface.controller!);
  const params = { name: iface.name, controller: iface.controller! };
  if (!c || !isController(c) || c === iface) out.push(issue('controllerMissing', `${at}.controller`, params));
  else if (iface.type === 'bond' && c.type === 'bond') out.push(issue('bondInBond', `${at}.controller`, params));
  else if (!portsOf(c).includes(iface.name)) out.push(issue('portNotListed', `${at}.controller`, params));
  if (iface.ipv4.mode !== 'disabled' || iface.ipv6.mode !== 'disabled') out.push(issue('portHasIp', at, { name: iface.name }));
}

/** A bridge's ports must be interfaces of this host (ethernet, bond or VLAN) that belong to the bridge. */
function checkBridge(iface: NetInterface, at: string, names: Map<string, NetInterface>, out: Issue[]): void {
  if (!iface.bridge || iface.bridge.ports.length === 0) {
    out.push(issue('bridgePorts', `${at}.bridge.ports`, { name: iface.name }));
    return;
  }
  for (const port of iface.bridge.ports) {
    const p = names.get(port);
    if (!p || p.type === 'linux-bridge' || p.controller !== iface.name) out.push(issue('bridgePort', `${at}.bridge.ports`, { name: iface.name, port }));
  }
}

function checkIp(cfg: IpConfig, family: Family, at: string, out: Issue[], seen: Map<string, string>): void {
  if (cfg.mode !== 'static') {
    if (cfg.addresses.length > 0) out.push(issue('addressesIgnored', `${at}.addresses`));
    return;
  }
  if (cfg.addresses.length === 0) out.push(issue(family === 4 ? 'staticNeedsAddressV4' : 'staticNeedsAddressV6', `${at}.addresses`));
  const parsed: { ip: ParsedIp; prefix: number }[] = [];
  cfg.addresses.forEach((a, j) => {
    const path = `${at}.addresses.${j}`;
    const ip = parseIp(a.ip);
    if (!ip || ip.family !== family) {
      out.push(issue(family === 4 ? 'ipv4Address' : 'ipv6Address', `${path}.ip`, { value: a.ip }));
      return;
    }
    const max = bitsOf(family);
    // No prefix at all ("10.1.101.50" typed without "/24") needs the prefix added, not a range lesson.
    if (a.prefixLength === 0) {
      out.push(issue('prefixMissing', `${path}.prefixLength`, { value: a.ip, example: family === 4 ? 24 : 64 }));
      return;
    }
    if (!Number.isInteger(a.prefixLength) || a.prefixLength < 1 || a.prefixLength > max) {
      out.push(issue('prefixRange', `${path}.prefixLength`, { value: a.prefixLength, max }));
      return;
    }
    if (isSpecial(ip)) out.push(issue('addressSpecial', `${path}.ip`, { value: a.ip }));
    else if (family === 4 && isNetworkAddress(ip, a.prefixLength)) out.push(issue('addressIsNetwork', `${path}.ip`, { value: a.ip, prefix: a.prefixLength }));
    else if (isIpv4Broadcast(ip, a.prefixLength)) out.push(issue('addressIsBroadcast', `${path}.ip`, { value: a.ip, prefix: a.prefixLength }));
    const key = `${family}:${ip.value}`;
    if (seen.has(key)) out.push(issue('duplicateAddress', `${path}.ip`, { value: a.ip }));
    seen.set(key, path);
    parsed.push({ ip, prefix: a.prefixLength });
  });
  if (cfg.gateway !== undefined && cfg.gateway !== '') {
    const gw = parseIp(cfg.gateway);
    if (!gw || gw.family !== family) out.push(issue(family === 4 ? 'gatewayV4' : 'gatewayV6', `${at}.gateway`, { value: cfg.gateway }));
    else if (parsed.some((p) => p.ip.value === gw.value)) out.push(issue('gatewayIsAddress', `${at}.gateway`, { value: cfg.gateway }));
    // IPv6 gateways are often link-local (fe80::/10), which is reachable on any link.
    else if (!(family === 6 && isLinkLocal6(gw)) && parsed.length > 0 && !parsed.some((p) => sameSubnet(p.ip, gw, p.prefix))) {
      const first = parsed[0]!;
      out.push(issue('gatewayOutsideSubnet', `${at}.gateway`, { value: cfg.gateway, subnet: `${cfg.addresses[0]?.ip}/${first.prefix}` }));
    }
  }
}

function isLinkLocal6(ip: ParsedIp): boolean {
  return ip.family === 6 && ip.value >> 118n === 0x3fan;
}

/** Unspecified, loopback, multicast and (v4) limited-broadcast addresses cannot be a host's address. */
function isSpecial(ip: ParsedIp): boolean {
  if (ip.family === 4) {
    const first = Number(ip.value >> 24n);
    return ip.value === 0n || first === 127 || first >= 224 || first === 0;
  }
  return ip.value === 0n || ip.value === 1n || ip.value >> 120n === 0xffn;
}
