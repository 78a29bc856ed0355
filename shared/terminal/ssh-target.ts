import { z } from 'zod';

/**
 * The SSH tab's target: `core@<node ip>` with the job's key, through the system's ssh client.
 * Validated here so nothing that could be read as an ssh option (a leading '-') or a second
 * argument ever reaches the command line.
 */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

export function isValidSshHost(host: string): boolean {
  return IPV4.test(host) || (host.includes(':') && IPV6.test(host)) || (HOSTNAME.test(host) && !/^\d+(\.\d+)*$/.test(host));
}

export const sshTargetSchema = z.object({
  host: z.string().trim().refine(isValidSshHost, { message: 'not an IP address or host name' }),
  user: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_.-]{0,31}$/i, { message: 'not a user name' })
    .default('core'),
  port: z.number().int().min(1).max(65535).default(22),
  /** Private key file; empty = ssh's own defaults (agent, ~/.ssh/id_*) */
  keyPath: z.string().trim().max(4096).optional(),
});
export type SshTarget = z.output<typeof sshTargetSchema>;

export interface SshArgsOptions {
  /** Per-job known_hosts, so a reinstalled node never collides with the technician's own file. */
  knownHostsFile?: string;
}

/** argv for the system `ssh`; host key prompts are left to ssh, shown in the tab as they are. */
export function sshArgs(target: SshTarget, options: SshArgsOptions = {}): string[] {
  const args: string[] = [];
  if (target.keyPath) args.push('-i', target.keyPath, '-o', 'IdentitiesOnly=yes');
  if (options.knownHostsFile) args.push('-o', `UserKnownHostsFile=${options.knownHostsFile}`);
  args.push('-o', 'ServerAliveInterval=15', '-p', String(target.port), '--', `${target.user}@${target.host}`);
  return args;
}

/** Best guess of the node to reach, from what the flows saved (the last SSH tab first). */
export function suggestSshTarget(data: Record<string, unknown>): { host?: string; user: string; port: number; keyPath?: string } {
  const get = (slice: string, field: string): string | undefined => {
    const section = data[slice];
    const value = section && typeof section === 'object' ? (section as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const last = (data.terminal as { ssh?: Partial<SshTarget> } | undefined)?.ssh;
  const host = last?.host ?? get('manual', 'nodeIp') ?? get('manual', 'ip') ?? get('assisted', 'hostIp') ?? get('assisted', 'nodeIp');
  const keyPath = last?.keyPath ?? get('manual', 'sshKeyPath') ?? get('assisted', 'sshKeyPath') ?? get('ssh', 'privateKeyPath');
  return {
    ...(host && isValidSshHost(host) ? { host } : {}),
    user: last?.user ?? 'core',
    port: last?.port ?? 22,
    ...(keyPath ? { keyPath } : {}),
  };
}
