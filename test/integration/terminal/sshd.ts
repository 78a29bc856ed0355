import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { acceptsConnections, freePort } from '../../support/ports';
import { requirePeer } from '../../support/peers';
import { until } from '../../support/wait';

export interface TestSshd {
  port: number;
  user: string;
  /** The only key the server accepts */
  clientKey: string;
  /** Another key it refuses */
  strangerKey: string;
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA...` of the host key */
  hostKeyPublic: string;
  output: () => string;
  stop(): Promise<void>;
}

function keygen(path: string, comment: string): void {
  execFileSync(requirePeer('ssh-keygen', 'openssh-client'), ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  chmodSync(path, 0o600);
}

/**
 * Debian's OpenSSH server on a random loopback port, with a generated host key, accepting only one
 * generated client key (no passwords, no PAM). Runs as root (sshd needs it for privilege separation).
 */
export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-sshd-'));
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  const strangerKey = join(dir, 'stranger_ed25519');
  keygen(hostKey, 'sfk-test-host');
  keygen(clientKey, 'sfk-test-client');
  keygen(strangerKey, 'sfk-test-stranger');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const user = userInfo().username;
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'AuthenticationMethods publickey',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      'PrintMotd no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const sshd = requirePeer('sshd', 'openssh-server');
  execFileSync(sshd, ['-t', '-f', config]);
  const fingerprint = execFileSync(requirePeer('ssh-keygen', 'openssh-client'), ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  const child: ChildProcess = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}):\n${out}`);
      return acceptsConnections(port);
    },
    () => `sshd to listen on ${port}:\n${out}`,
    { interval: 100 },
  );
  return {
    port,
    user,
    clientKey,
    strangerKey,
    hostKeyFingerprint: fingerprint,
    hostKeyPublic: readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' '),
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
