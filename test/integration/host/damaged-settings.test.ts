import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../support/host';
import { addressOf, connect, request, stubRendererDir } from '../../support/ws-client';

let host: RunningHost | undefined;
afterAll(async () => {
  await host?.stop();
});

describe('the browser host with a garbage settings.json (issue #13 item 5)', () => {
  it('starts with the defaults, keeps the bad file aside and says so over the API', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfk-data-'));
    writeFileSync(join(dataDir, 'settings.json'), '\u0000\u0000{"settings": garbage');
    host = await startHost({ dataDir, env: { ...process.env, SFK_RENDERER_DIR: stubRendererDir() } });
    const ws = await connect(addressOf(host.url));
    const settings = await request<{ apiUrl: string }>(ws, { id: 1, method: 'settings.get' });
    expect(settings).toMatchObject({ ok: true, result: { apiUrl: 'https://api.openshift.com' } });
    const damaged = await request<{ problem: string; keptAs: string }>(ws, { id: 2, method: 'settings.damaged' });
    expect(damaged).toMatchObject({ ok: true, result: { problem: 'notJson' } });
    expect(readFileSync(damaged.result!.keptAs, 'utf8')).toBe('\u0000\u0000{"settings": garbage');
    ws.close();
  });
});
