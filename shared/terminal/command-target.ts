/**
 * Where a generated command is meant to run, and so where "Send to terminal" may paste it.
 *
 * - 'laptop': the technician's own shell (oc, curl, openssl on the laptop): a local tab.
 * - { node }: a shell on that node (`sudo coreos-installer install …`, `sudo reboot`): only an SSH
 *   tab to that node. Never the laptop's shell, where `sudo coreos-installer install /dev/sda` would
 *   wipe the laptop's own disk.
 * - 'none': not a command (JSON, a keyfile, a hash, a YAML file): Copy only.
 *
 * 'none' is the default, so a block that says nothing offers nothing to paste.
 */
export interface NodeRef {
  /** IP address or host name the SSH tab was opened to */
  host?: string | undefined;
  /** The node's name, for the button text when the address is not known yet */
  name?: string | undefined;
}

export type CommandTarget = 'laptop' | { node: NodeRef } | 'none';

/** What the plan needs to know about an open terminal tab. */
export interface TabInfo {
  id: string;
  kind: 'local' | 'ssh';
  running: boolean;
  /** For SSH tabs: the host it was opened to */
  sshHost?: string | undefined;
}

export type SendPlan =
  /** Copy only */
  | { action: 'copy' }
  /** Paste into this open tab */
  | { action: 'send'; tabId: string; via: 'local' | 'ssh' }
  /** No fitting tab: offer to open a local one and carry the command over */
  | { action: 'openLocal' }
  /** No SSH tab to this node: offer to open one (when its address is known) and carry the command over */
  | { action: 'openSsh'; host: string | undefined };

/** Commands that only make sense on a node, whatever the caller said: a safety net, not the rule. */
const NODE_ONLY = /^\s*(sudo\s+)?(coreos-installer\s+install|reboot|shutdown|poweroff|nmcli|wipefs|systemctl\s+reboot)\b/m;

export function looksNodeOnly(text: string): boolean {
  return NODE_ONLY.test(text);
}

function sameHost(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const clean = (h: string) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
  return clean(a) === clean(b);
}

/**
 * Decides what the send button does for a command, given the open tabs (the active one first).
 * A laptop command never goes to an SSH tab, a node command never to a local tab or to another node.
 */
export function planSend(target: CommandTarget, text: string, tabs: readonly TabInfo[], activeId?: string): SendPlan {
  if (target === 'none') return { action: 'copy' };
  const ordered = [...tabs].sort((a, b) => Number(b.id === activeId) - Number(a.id === activeId)).filter((tab) => tab.running);
  if (target === 'laptop') {
    if (looksNodeOnly(text)) return { action: 'copy' };
    const local = ordered.find((tab) => tab.kind === 'local');
    return local ? { action: 'send', tabId: local.id, via: 'local' } : { action: 'openLocal' };
  }
  const host = target.node.host;
  const ssh = ordered.find((tab) => tab.kind === 'ssh' && sameHost(tab.sshHost, host));
  return ssh ? { action: 'send', tabId: ssh.id, via: 'ssh' } : { action: 'openSsh', host };
}
