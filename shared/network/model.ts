import { z } from 'zod';

/**
 * One host's network, described once and rendered into every format the field needs (nmcli
 * commands for the live ISO console, NetworkManager keyfiles for --copy-network and ISO
 * embedding, nmstate YAML for the Assisted infra-env, NMStateConfig for MCE). Interfaces are
 * named by kernel name and/or MAC; a default gateway is a per-family field of a static
 * interface, any other route goes in `routes`.
 */
export const ipAddressSchema = z.object({ ip: z.string(), prefixLength: z.number().int() });
export type IpAddress = z.infer<typeof ipAddressSchema>;

export const ipConfigSchema = z.object({
  /** disabled: no address of this family; dhcp: DHCPv4 / DHCPv6+SLAAC; static: the addresses below */
  mode: z.enum(['disabled', 'dhcp', 'static']),
  addresses: z.array(ipAddressSchema).default([]),
  gateway: z.string().optional(),
});
export type IpConfig = z.infer<typeof ipConfigSchema>;

export const bondModes = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'] as const;
export type BondMode = (typeof bondModes)[number];

export const netInterfaceSchema = z.object({
  name: z.string(),
  /** linux-bridge: a Linux bridge (nmstate `linux-bridge`, NetworkManager `bridge`) */
  type: z.enum(['ethernet', 'bond', 'vlan', 'linux-bridge']),
  /** Identifies the NIC when its kernel name is unknown or unstable (ethernet only) */
  macAddress: z.string().optional(),
  /** Absent = 1500 when rendered; 9000 only when the technician asks for jumbo frames */
  mtu: z.number().int().optional(),
  ipv4: ipConfigSchema,
  ipv6: ipConfigSchema,
  vlan: z.object({ baseIface: z.string(), id: z.number().int() }).optional(),
  bond: z.object({ mode: z.enum(bondModes), ports: z.array(z.string()), miimon: z.number().int().optional() }).optional(),
  /** A Linux bridge's ports (ethernet or bond) and whether it runs the spanning tree protocol (nmstate default: on) */
  bridge: z.object({ ports: z.array(z.string()), stp: z.boolean().optional() }).optional(),
  /** Set on a port of a bond or bridge: the controller's name. A port carries no IP configuration. */
  controller: z.string().optional(),
});
export type NetInterface = z.infer<typeof netInterfaceSchema>;

export const routeSchema = z.object({
  destination: z.string(),
  nextHopAddress: z.string().optional(),
  nextHopInterface: z.string(),
  metric: z.number().int().optional(),
  tableId: z.number().int().optional(),
});
export type Route = z.infer<typeof routeSchema>;

export const networkModelSchema = z.object({
  interfaces: z.array(netInterfaceSchema),
  dns: z.object({ servers: z.array(z.string()).default([]), search: z.array(z.string()).default([]) }),
  routes: z.array(routeSchema).default([]),
});
export type NetworkModel = z.infer<typeof networkModelSchema>;

export const DEFAULT_MTU = 1500;

export const disabledIp = (): IpConfig => ({ mode: 'disabled', addresses: [] });
export const dhcpIp = (): IpConfig => ({ mode: 'dhcp', addresses: [] });

/** The common case: one NIC, DHCP on both families. */
export function dhcpModel(name: string, macAddress?: string): NetworkModel {
  return {
    interfaces: [{ name, type: 'ethernet', ...(macAddress ? { macAddress } : {}), ipv4: dhcpIp(), ipv6: dhcpIp() }],
    dns: { servers: [], search: [] },
    routes: [],
  };
}

/** True when nothing needs configuring on the node: every interface takes DHCP, no extra routes or DNS. */
export function isDhcpOnly(model: NetworkModel): boolean {
  return (
    model.routes.length === 0 &&
    model.dns.servers.length === 0 &&
    model.dns.search.length === 0 &&
    model.interfaces.every((i) => i.type === 'ethernet' && !i.controller && i.ipv4.mode !== 'static' && i.ipv6.mode !== 'static' && (i.mtu ?? DEFAULT_MTU) === DEFAULT_MTU)
  );
}

export const effectiveMtu = (iface: NetInterface): number => iface.mtu ?? DEFAULT_MTU;

/** Interfaces that carry IP configuration (bond and bridge ports do not). */
export const ipInterfaces = (model: NetworkModel): NetInterface[] => model.interfaces.filter((i) => !i.controller);

/** Interfaces that hold ports of their own. */
export const isController = (iface: NetInterface): boolean => iface.type === 'bond' || iface.type === 'linux-bridge';

/** The ports a bond or bridge lists. */
export const portsOf = (iface: NetInterface): string[] => (iface.type === 'bond' ? (iface.bond?.ports ?? []) : iface.type === 'linux-bridge' ? (iface.bridge?.ports ?? []) : []);

/** What kind of port an interface is ('bond' or 'bridge', as NetworkManager's slave-type says), if any. */
export function portKind(model: NetworkModel, iface: NetInterface): 'bond' | 'bridge' | undefined {
  if (!iface.controller) return undefined;
  const owner = model.interfaces.find((i) => i.name === iface.controller);
  return owner?.type === 'linux-bridge' ? 'bridge' : 'bond';
}

export function normalizeMac(mac: string): string {
  return mac.trim().toUpperCase().replace(/-/g, ':');
}

export { validateNetwork } from './validate';
export type { Issue } from './issue';
