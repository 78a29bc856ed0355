import type { Generated } from '../../../shared/api/domains/manual';
import type { NetworkModel } from '../../../shared/network/model';
import type { CommandTarget, NodeRef } from '../../../shared/terminal/command-target';

export interface ConsoleCommand {
  key: 'boot' | 'network' | 'dhcp' | 'disks' | 'verify' | 'install' | 'reboot';
  text?: string;
  target: CommandTarget;
}

/** The node's first static address (what an SSH tab to it would be opened to); none with DHCP. */
export function nodeAddress(network: NetworkModel | undefined): string | undefined {
  for (const i of network?.interfaces ?? []) {
    for (const family of [i.ipv4, i.ipv6]) {
      if (family.mode === 'static' && family.addresses[0]) return family.addresses[0].ip;
    }
  }
  return undefined;
}

/**
 * What the technician types at the node's console, in order. Every one of these runs on the node
 * (the live ISO's shell), so each targets that node: "Send" may paste it only into an SSH tab to
 * that node, never into the laptop's shell, where `coreos-installer install /dev/sda` would wipe
 * the laptop's own disk.
 */
export function manualConsoleCommands(generated: Pick<Generated, 'commands'>, node: { hostname?: string | undefined; network?: NetworkModel | undefined }): ConsoleCommand[] {
  const ref: NodeRef = { host: nodeAddress(node.network), name: node.hostname || undefined };
  const onNode: CommandTarget = { node: ref };
  return [
    { key: 'boot', target: 'none' },
    generated.commands.nmcli ? { key: 'network', text: generated.commands.nmcli.trimEnd(), target: onNode } : { key: 'dhcp', target: 'none' },
    { key: 'disks', text: generated.commands.listDisks, target: onNode },
    { key: 'verify', text: generated.commands.verify, target: onNode },
    { key: 'install', text: generated.commands.install, target: onNode },
    { key: 'reboot', text: 'sudo reboot', target: onNode },
  ];
}
