import { parseCidr, parseIp } from './ip';
import { effectiveMtu, type NetInterface, type NetworkModel, type Route } from './model';

/** NetworkManager's connection type for a model interface type. */
export const nmType = (iface: NetInterface): string => (iface.type === 'linux-bridge' ? 'bridge' : iface.type);

/** Order in which connections are created and brought up: parents before what sits on them. */
export function orderedInterfaces(model: NetworkModel): NetInterface[] {
  const rank = (i: NetInterface) => (i.type === 'ethernet' && !i.controller ? 0 : i.type === 'bond' ? 1 : i.type === 'linux-bridge' ? 2 : i.type === 'ethernet' ? 3 : 4);
  return [...model.interfaces].sort((a, b) => rank(a) - rank(b));
}

/** Every route of an interface for one family: its default gateway first, then the explicit routes. */
export function routesFor(model: NetworkModel, iface: NetInterface, family: 4 | 6): Route[] {
  const out: Route[] = [];
  const cfg = family === 4 ? iface.ipv4 : iface.ipv6;
  if (cfg.mode === 'static' && cfg.gateway) out.push({ destination: family === 4 ? '0.0.0.0/0' : '::/0', nextHopAddress: cfg.gateway, nextHopInterface: iface.name });
  for (const r of model.routes) if (r.nextHopInterface === iface.name && parseCidr(r.destination)?.ip.family === family) out.push(r);
  return out;
}

/** DNS settings live on one connection per family: the first interface with that family enabled. */
export function dnsCarrier(model: NetworkModel, family: 4 | 6): NetInterface | undefined {
  return model.interfaces.find((i) => !i.controller && (family === 4 ? i.ipv4 : i.ipv6).mode !== 'disabled');
}

export function dnsServers(model: NetworkModel, family: 4 | 6): string[] {
  return model.dns.servers.filter((s) => parseIp(s)?.family === family);
}

/** Search domains go with IPv4 DNS when there is any IPv4, else with IPv6. */
export function searchFamily(model: NetworkModel): 4 | 6 {
  return dnsCarrier(model, 4) ? 4 : 6;
}

export const mtuOf = effectiveMtu;
