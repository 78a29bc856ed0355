import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePeer } from './peers';
import { until } from './wait';

export interface KeyringSession {
  /** Environment for processes that must use this keychain (DBUS_SESSION_BUS_ADDRESS, HOME, XDG_*) */
  env: NodeJS.ProcessEnv;
  stop(): void;
}

/**
 * A real Secret Service for tests: a private D-Bus session bus plus gnome-keyring-daemon with an
 * unlocked "login" keyring, in a throw-away HOME. Nothing touches the user's own keychain.
 */
export async function startKeyringSession(): Promise<KeyringSession> {
  const dbusDaemon = requirePeer('dbus-daemon', 'dbus-daemon');
  const keyringDaemon = requirePeer('gnome-keyring-daemon', 'gnome-keyring');
  const home = mkdtempSync(join(tmpdir(), 'sfk-keyring-'));
  const addressFile = join(home, 'bus-address');
  const dbus: ChildProcess = spawn('sh', ['-c', `${dbusDaemon} --session --nofork --print-address=1 --address=unix:path=${home}/bus > ${addressFile}`], {
    stdio: 'ignore',
    detached: true,
  });
  const address = await until(() => (existsSync(addressFile) ? readFileSync(addressFile, 'utf8').trim() : ''), 'the address of the test D-Bus session bus', { timeout: 10_000 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_RUNTIME_DIR: home,
  };
  const unlocked = spawnSync(keyringDaemon, ['--unlock', '--components=secrets', '--daemonize'], { input: 'test-password', env, encoding: 'utf8' });
  if (unlocked.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${unlocked.stderr}`);
  const keyringPid = /GNOME_KEYRING_PID=(\d+)/.exec(unlocked.stdout)?.[1];
  return {
    env,
    stop() {
      if (keyringPid) safeKill(Number(keyringPid));
      if (dbus.pid) safeKill(-dbus.pid);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function safeKill(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}
