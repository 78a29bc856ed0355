import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSsoSimulator, fakeJwt, type SsoSimulator } from '../../../electron/services/simulators/sso-simulator';
import { startDay2Simulator, type Day2SimulatorOptions, type Day2SimulatorServer } from '../../../electron/services/simulators/assisted-day2';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { systemClock } from '../../../electron/services/clock';

export const openshiftClusterId = '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const sshPublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3Vb0m1c0F3o7p6QZ8bq0wq4o3uJxJpM2M8xvH1k2R technician@laptop';

export interface AssistedWorld {
  sso: SsoSimulator;
  assisted: Day2SimulatorServer;
  offlineToken: string;
  dir: string;
  pullSecretPath: string;
  close(): Promise<void>;
}

/** SSO + Assisted simulators on 127.0.0.1, a registered offline token and a pull secret file. */
export async function startWorld(options: Day2SimulatorOptions = {}): Promise<AssistedWorld> {
  const sso = await startSsoSimulator({ clock: systemClock });
  const assisted = await startDay2Simulator({ validateToken: (t) => sso.validateAccessToken(t) }, { isoBytes: 1024 * 1024, ...options });
  const offlineToken = fakeJwt({ typ: 'Offline', sub: 'technician' });
  sso.registerOfflineToken(offlineToken);
  const dir = mkdtempSync(join(tmpdir(), 'sfk-assisted-'));
  const pullSecretPath = join(dir, 'pull-secret.json');
  writeFileSync(pullSecretPath, JSON.stringify({ auths: { 'cloud.openshift.com': { auth: 'c2VjcmV0OnNlY3JldA==', email: 't@example.com' }, 'quay.io': { auth: 'eDp5' } } }));
  return {
    sso,
    assisted,
    offlineToken,
    dir,
    pullSecretPath,
    close: async () => {
      await assisted.close();
      await sso.close();
    },
  };
}

/** A real backend (memory keychain) pointed at the simulators, with the offline token saved. */
export async function startBackendFor(world: AssistedWorld, dataDir?: string): Promise<{ backend: Backend; api: ApiClient; dataDir: string }> {
  const started = await startTestBackend({
    ...(dataDir ? { dataDir } : {}),
    settingsOverrides: { apiUrl: world.assisted.url, ssoUrl: world.sso.tokenUrl, cacheDir: join(world.dir, 'cache') },
  });
  await started.api.call('credentials.saveOfflineToken', { token: world.offlineToken });
  return started;
}

export function writeFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
