import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createBackend, type Backend } from '../../electron/app/backend';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryTransport } from '../../electron/rpc/memory-transport';
import { IsoService } from '../../electron/services/iso/iso-service';
import { launchChromium, openApp } from '../support/browser';
import { unpackFixtures, fileSha256, type FixtureSet } from '../support/iso-fixtures';

// Chromium -> browser host -> iso.* -> real fixture ISOs on disk. The job is prepared through the
// manual flow's own contract (worker.ign from a file, generated per-node Ignition and keyfile).
const root = resolve(import.meta.dirname, '..', '..');
const staticRoot = process.env.SFK_RENDERER_DIR ? resolve(process.env.SFK_RENDERER_DIR) : resolve(root, 'dist', 'renderer');
const DEVICE = '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4';
let fx: FixtureSet;
let backend: Backend;
let api: ApiClient;
let host: BrowserHost;
let browser: Browser;
let jobId: string;
let sourceIso: string;

const workerIgn = {
  ignition: {
    config: { merge: [{ source: 'https://api-int.sno1.example.com:22623/config/worker' }] },
    security: { tls: { certificateAuthorities: [{ source: 'data:text/plain;charset=utf-8;base64,LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==' }] } },
    version: '3.2.0',
  },
};

beforeAll(async () => {
  if (!existsSync(resolve(staticRoot, 'index.html'))) throw new Error(`renderer not built at ${staticRoot}: run vite build first`);
  fx = unpackFixtures();
  sourceIso = fx.copy('embed-areas-2023-07.x86_64.iso', 'rhcos-live.x86_64.iso');
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-iso-e2e-'));
  backend = await createBackend({
    dataDir,
    secretStore: { store: new MemorySecretStore() },
    platform: { shell: 'browser', appVersion: '0.0.0-e2e', systemLanguages: () => ['en-US'], openExternal: async () => false },
  });
  api = createClient(createMemoryTransport(backend.dispatch, backend.services.bus));
  const job = await api.call('jobs.create', { kind: 'manual', title: 'worker-1' });
  jobId = job.id;
  const workerPath = join(fx.dir, 'worker.ign');
  writeFileSync(workerPath, JSON.stringify(workerIgn));
  await api.call('manual.loadWorkerIgn', { jobId, from: 'file', path: workerPath });
  const network = {
    interfaces: [
      {
        name: 'ens3',
        type: 'ethernet' as const,
        ipv4: { mode: 'static' as const, addresses: [{ ip: '10.1.101.50', prefixLength: 24 }], gateway: '10.1.101.1' },
        ipv6: { mode: 'disabled' as const, addresses: [] },
      },
    ],
    dns: { servers: ['10.1.101.1'], search: [] },
    routes: [],
  };
  const input = {
    hostname: 'worker-1.sno1.example.com',
    network,
    delivery: 'inline' as const,
    server: { host: '10.1.101.10', port: 8080 },
    installDevice: DEVICE,
    appendKargs: [],
    nmcliStyle: 'add' as const,
  };
  await api.call('manual.generate', { jobId, input });
  await api.call('manual.saveState', { jobId, patch: { hostname: input.hostname, installDevice: DEVICE, network, delivery: 'inline' } });
  host = await startBrowserHost({ dispatch: backend.dispatch, bus: backend.services.bus, staticRoot });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await backend?.dispose();
  fx?.cleanup();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(tmpdir(), `sfk-iso-${name}.png`), fullPage: true });
}

describe('self-installing USB end to end', () => {
  it('shows what will be embedded with the wipe warning, builds the ISO with progress, and records it in the job', async () => {
    const page = await openApp(browser, host.url, `/iso/job/${jobId}`);
    await page.getByTestId('self-installing-usb').waitFor();
    expect(await page.getByTestId('iso-wipe-warning').textContent()).toContain('erases the target disk of ANY server');
    expect(await page.getByTestId('iso-summary-device').textContent()).toBe(DEVICE);
    expect(await page.getByTestId('iso-summary-hostname').textContent()).toBe('worker-1.sno1.example.com');
    await expect.poll(() => page.getByTestId('iso-summary-network').textContent()).toContain('ens3.nmconnection');
    expect(await page.getByTestId('iso-summary-kargs').textContent()).toContain('coreos.inst.skip_reboot');
    // no source ISO in the cache yet: the fields start open
    await page.getByTestId('iso-after-reboot').check();
    await page.getByTestId('iso-reboot-warning').waitFor();
    await page.getByTestId('iso-after-poweroff').check();
    await page.getByTestId('iso-source').fill(sourceIso);
    // by default the configuration goes straight onto a stick: the writer takes the source ISO itself
    expect(await page.getByTestId('iso-target-stick').isChecked()).toBe(true);
    await page.getByTestId('iso-to-stick').click();
    await page.getByTestId('usb-writer').waitFor();
    expect(await page.getByTestId('usb-image-chosen').textContent()).toContain('rhcos-live.x86_64.iso');
    expect(await page.getByTestId('usb-self-install').textContent()).toContain(DEVICE);
    await shot(page, 'usb-en');
    // what goes on the stick is locked while the writer is open; changing it takes the technician back
    expect(await page.getByTestId('iso-after-shell').isDisabled()).toBe(true);
    await page.getByTestId('iso-change-plan').click();
    await page.getByTestId('usb-writer').waitFor({ state: 'detached' });
    await page.getByTestId('iso-after-shell').check();
    await page.getByTestId('iso-after-poweroff').check();
    // saved as a file instead (PXE, BMC virtual media)
    await page.getByTestId('iso-target-file').check();
    await page.getByTestId('iso-build').click();
    await page.getByTestId('iso-result').waitFor({ timeout: 60_000 });
    const outputPath = (await page.locator('#iso-output-path-code').textContent())!.trim();
    expect(outputPath).toContain(`custom-iso`);
    // the copy's sha256 is computed after the build, when the writer needs it
    await page.locator('#iso-output-sha-code').waitFor({ timeout: 60_000 });
    expect(await page.locator('#iso-output-sha-code').textContent()).toBe(fileSha256(outputPath));
    await shot(page, 'usb-built-en');

    // What the stick carries is exactly the job's per-node Ignition and keyfile.
    const generated = await api.call('manual.generated', { jobId });
    const nodeIgn = generated!.files.find((f) => f.name === 'new-worker.ign')!.content;
    const info = await new IsoService({ cacheDir: () => fx.dir }).inspect(outputPath);
    const live = JSON.parse(info.initrd.ignition!);
    const dest = live.storage.files.find((f: { path: string }) => f.path === '/etc/coreos/dest.ign');
    expect(gunzipSync(Buffer.from(dest.contents.source.replace('data:;base64,', ''), 'base64')).toString()).toBe(nodeIgn.endsWith('\n') ? nodeIgn : `${nodeIgn}\n`);
    expect(info.initrd.keyfiles.map((k) => k.fileName)).toEqual(['ens3.nmconnection']);
    expect(fileSha256(sourceIso)).toBe(fileSha256(join(fx.dir, 'embed-areas-2023-07.x86_64.iso')));

    const job = await api.call('jobs.get', { id: jobId });
    const builds = (job.data.iso as { builds: { sourceSha256: string; outputSha256: string; outputPath: string }[] }).builds;
    expect(builds.at(-1)).toMatchObject({ sourceSha256: fileSha256(sourceIso), outputSha256: fileSha256(outputPath), outputPath });
    await page.getByTestId('iso-previous').waitFor();
    await page.context().close();
  });

  it('the inspect page shows any ISO’s embedded config and resets it after confirmation', async () => {
    const target = fx.copy('embed-areas-2023-07.s390x.iso', 'owned.iso');
    await new IsoService({ cacheDir: () => fx.dir }).customize({
      sourcePath: target,
      output: { mode: 'inPlace' },
      spec: { destDevice: '/dev/dasda', destIgnition: '{"ignition":{"version":"3.2.0"}}', afterInstall: 'shell' },
    });
    const page = await openApp(browser, host.url, '/iso');
    await page.getByTestId('iso-path').fill(join(fx.dir, 'missing.iso'));
    await page.getByTestId('iso-inspect').click();
    await expect.poll(() => page.getByTestId('error-alert').getAttribute('data-error-code')).toBe('iso.fileMissing');
    await page.getByTestId('iso-path').fill(target);
    await page.getByTestId('iso-inspect').click();
    await page.getByTestId('iso-inspection').waitFor();
    expect(await page.getByTestId('iso-kargs').textContent()).toContain('coreos.inst.skip_reboot');
    expect(await page.getByTestId('iso-ignition').textContent()).toContain('/etc/coreos/dest.ign');
    await shot(page, 'inspect-en');
    await page.getByTestId('iso-remove').click();
    await page.getByTestId('iso-remove-confirm').click();
    await page.getByTestId('iso-removed').waitFor();
    await page.getByTestId('iso-no-ignition').waitFor();
    expect(fileSha256(target)).toBe(fileSha256(join(fx.dir, 'embed-areas-2023-07.s390x.iso')));
    await page.context().close();
  });

  it('speaks zh-CN', async () => {
    const page = await openApp(browser, host.url, `/iso/job/${jobId}`, 'zh-CN');
    await page.getByTestId('self-installing-usb').waitFor();
    expect(await page.getByTestId('iso-wipe-warning').textContent()).toContain('此 U 盘会清除');
    await shot(page, 'usb-zh');
    await page.context().close();
  });
});
