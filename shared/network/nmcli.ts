import { portKind, type IpConfig, type NetInterface, type NetworkModel } from './model';
import { dnsCarrier, dnsServers, mtuOf, nmType, orderedInterfaces, routesFor, searchFamily } from './render-common';
import { continued, shellQuote } from './shell';

export interface NmcliOptions {
  /**
   * 'add' (default): create a saved profile per interface (`nmcli con add`), which NetworkManager
   * writes to /etc/NetworkManager/system-connections/ - the folder `coreos-installer install
   * --copy-network` copies. 'modify': change the profile already active on a plain ethernet NIC
   * (`nmcli con mod`), as the published procedure does; the live ISO's initial profile may live
   * in /run and then is NOT copied, so the app defaults to 'add'.
   */
  style?: 'add' | 'modify';
}

/** The commands to type on the live ISO console, in order, each a complete shell command. */
export function toNmcliCommands(model: NetworkModel, options: NmcliOptions = {}): string[] {
  const style = options.style ?? 'add';
  const ordered = orderedInterfaces(model);
  const commands: string[] = [];
  for (const iface of ordered) {
    const props = properties(model, iface);
    if (style === 'modify' && iface.type === 'ethernet' && !iface.controller) {
      commands.push(continued(`nmcli con mod ${connectionOf(iface)}`, props));
    } else {
      commands.push(continued(`nmcli con add ${addHead(model, iface).join(' ')}`, props));
    }
  }
  for (const iface of ordered) {
    if (iface.controller) continue; // a port comes up with its bond or bridge (autoconnect-slaves)
    const name = style === 'modify' && iface.type === 'ethernet' ? connectionOf(iface) : shellQuote(iface.name);
    commands.push(`nmcli con up ${name}`);
  }
  return commands;
}

/** One script with a header comment, for copy or send-to-terminal. */
export function toNmcliScript(model: NetworkModel, options: NmcliOptions = {}): string {
  return `${toNmcliCommands(model, options).join('\n')}\n`;
}

/** `nmcli con mod` takes a connection, not a device: look the active profile up from the device name. */
function connectionOf(iface: NetInterface): string {
  return `"$(nmcli -g GENERAL.CONNECTION device show ${shellQuote(iface.name)})"`;
}

function addHead(model: NetworkModel, iface: NetInterface): string[] {
  const head = ['type', nmType(iface), 'con-name', shellQuote(iface.name), 'ifname', shellQuote(iface.name)];
  if (iface.type === 'vlan' && iface.vlan) head.push('vlan.parent', shellQuote(iface.vlan.baseIface), 'vlan.id', String(iface.vlan.id));
  if (iface.controller) head.push('master', shellQuote(iface.controller), 'slave-type', portKind(model, iface) ?? 'bond');
  return head;
}

function properties(model: NetworkModel, iface: NetInterface): string[] {
  const out: string[] = [];
  if (iface.type === 'bond' && iface.bond) {
    const opts = [`mode=${iface.bond.mode}`, ...(iface.bond.miimon !== undefined ? [`miimon=${iface.bond.miimon}`] : [])];
    out.push(`bond.options ${shellQuote(opts.join(','))}`, 'connection.autoconnect-slaves 1');
  }
  if (iface.type === 'linux-bridge' && iface.bridge) out.push(`bridge.stp ${iface.bridge.stp ? 'yes' : 'no'}`, 'connection.autoconnect-slaves 1');
  if (iface.macAddress) out.push(`802-3-ethernet.mac-address ${iface.macAddress.toUpperCase().replace(/-/g, ':')}`);
  out.push(`802-3-ethernet.mtu ${mtuOf(iface)}`);
  if (!iface.controller) {
    out.push(...ipProps(model, iface, iface.ipv4, 4), ...ipProps(model, iface, iface.ipv6, 6));
  }
  out.push('connection.autoconnect yes');
  return out;
}

function ipProps(model: NetworkModel, iface: NetInterface, cfg: IpConfig, family: 4 | 6): string[] {
  const p = `ipv${family}`;
  if (cfg.mode === 'disabled') return [`${p}.method disabled`];
  const out: string[] = [];
  if (cfg.mode === 'dhcp') out.push(`${p}.method auto`);
  else {
    // method manual must come with its addresses in the same command.
    out.push(`${p}.method manual`, `${p}.addresses ${shellQuote(cfg.addresses.map((a) => `${a.ip}/${a.prefixLength}`).join(', '))}`);
    if (cfg.gateway) out.push(`${p}.gateway ${shellQuote(cfg.gateway)}`);
  }
  if (dnsCarrier(model, family) === iface) {
    const servers = dnsServers(model, family);
    if (servers.length > 0) out.push(`${p}.dns ${shellQuote(servers.join(' '))}`);
    if (searchFamily(model) === family && model.dns.search.length > 0) out.push(`${p}.dns-search ${shellQuote(model.dns.search.join(' '))}`);
  }
  const routes = routesFor(model, iface, family).slice(cfg.mode === 'static' && cfg.gateway ? 1 : 0);
  if (routes.length > 0) {
    const text = routes
      .map((r) => {
        const parts = [r.destination, ...(r.nextHopAddress ? [r.nextHopAddress] : []), ...(r.metric !== undefined && r.metric >= 0 ? [String(r.metric)] : [])];
        if (r.tableId !== undefined && r.tableId !== 0) parts.push(`table=${r.tableId}`);
        return parts.join(' ');
      })
      .join(', ');
    out.push(`${p}.routes ${shellQuote(text)}`);
  }
  return out;
}
