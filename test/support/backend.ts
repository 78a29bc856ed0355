import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/app/backend';
import type { BackendOptions } from '../../electron/app/composition';
import { createMemoryTransport } from '../../electron/rpc/memory-transport';
import { createClient, type ApiClient } from '../../shared/api/client';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';

/** A complete backend (real services, temp data folder, memory keychain unless given) with a typed client over the memory transport. */
export async function startTestBackend(options: Partial<BackendOptions> = {}): Promise<{ backend: Backend; api: ApiClient; dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sfk-test-'));
  const backend = await createBackend({
    dataDir,
    secretStore: { store: new MemorySecretStore() },
    platform: { shell: 'browser', appVersion: '0.0.0-test', systemLanguages: () => ['en-US'], openExternal: async () => true },
    ...options,
  });
  const api = createClient(createMemoryTransport(backend.dispatch, backend.services.bus));
  return { backend, api, dataDir };
}

/** A clock tests can move forward. */
export function testClock(start = Date.parse('2026-11-28T08:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
