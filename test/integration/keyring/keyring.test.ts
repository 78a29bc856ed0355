import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { startKeyringSession, type KeyringSession } from '../../support/keyring-session';
import { fakeJwt } from '../../../electron/services/simulators/sso-simulator';

// @napi-rs/keyring reads DBUS_SESSION_BUS_ADDRESS when it connects, so each scenario runs in a
// child process with the environment under test, against a real gnome-keyring Secret Service.
const root = new URL('../../..', import.meta.url).pathname;

function runInKeyring(env: NodeJS.ProcessEnv, script: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

const TOKEN = fakeJwt({ typ: 'Offline', sub: 'keyring-test' });

describe('credentials in a real Secret Service (gnome-keyring over D-Bus)', () => {
  let session: KeyringSession;
  beforeAll(async () => {
    session = await startKeyringSession();
  });
  afterAll(() => session?.stop());

  it('stores the token in the keychain, reads it back in a new process, and forgets it', () => {
    const save = runInKeyring(
      session.env,
      `import { openSecretStore } from './electron/services/secrets/keyring-store.ts';
       import { CredentialsVault } from './electron/services/credentials/credentials-vault.ts';
       const { store, problem } = await openSecretStore('sno-field-kit-test');
       const vault = new CredentialsVault(store, problem);
       await vault.saveOfflineToken(${JSON.stringify(TOKEN)});
       console.log(JSON.stringify(await vault.status()));`,
    );
    expect(save.stderr).toBe('');
    expect(JSON.parse(save.stdout)).toMatchObject({ kind: 'offlineToken', storage: 'keychain', keychainAvailable: true, hint: TOKEN.slice(-4) });

    // secret-tool (libsecret's CLI) is not needed: a second process reading it back is the proof
    const read = runInKeyring(
      session.env,
      `import { openSecretStore } from './electron/services/secrets/keyring-store.ts';
       const { store } = await openSecretStore('sno-field-kit-test');
       console.log(await store.get('ocm-offline-token'));`,
    );
    expect(read.stdout).toBe(TOKEN);

    const forget = runInKeyring(
      session.env,
      `import { openSecretStore } from './electron/services/secrets/keyring-store.ts';
       import { CredentialsVault } from './electron/services/credentials/credentials-vault.ts';
       const { store } = await openSecretStore('sno-field-kit-test');
       const vault = new CredentialsVault(store);
       await vault.forget();
       console.log(JSON.stringify({ status: await vault.status(), raw: await store.get('ocm-offline-token') }));`,
    );
    expect(JSON.parse(forget.stdout)).toMatchObject({ status: { kind: 'none', storage: 'keychain' }, raw: null });
  });

  it('falls back to memory, and says why, when no Secret Service is reachable', () => {
    const env = { ...session.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const r = runInKeyring(
      env,
      `import { openSecretStore } from './electron/services/secrets/keyring-store.ts';
       import { CredentialsVault } from './electron/services/credentials/credentials-vault.ts';
       const { store, problem } = await openSecretStore('sno-field-kit-test');
       const vault = new CredentialsVault(store, problem);
       await vault.saveOfflineToken(${JSON.stringify(TOKEN)});
       console.log(JSON.stringify(await vault.status()));`,
    );
    const status = JSON.parse(r.stdout) as { storage: string; keychainAvailable: boolean; keychainProblem?: string };
    expect(status.storage).toBe('memory');
    expect(status.keychainAvailable).toBe(false);
    expect(status.keychainProblem).toBeTruthy();
    expect(status.keychainProblem).not.toContain(TOKEN);
  });
});
