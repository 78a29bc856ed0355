import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkPullSecret, checkSshPublicKey } from '../../../shared/assisted/cluster';
import { bytesReader } from '../../../shared/iso/byte-reader';
import { readIsoState, describeState } from '../../../shared/iso/iso-image';
import { identityOf } from '../../../shared/usb/drive-rules';
import { PRACTICE_STICK_BYTES, PRACTICE_STICK_DEVICE } from '../../../shared/usb/practice-stick';
import { publishedLinks } from '../../../shared/external-links';
import type { PracticeKit } from '../../../electron/practice/practice-kit';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { startTestBackend } from '../../support/backend';
import { nodeCodecs } from '../../../electron/services/iso/iso-service';
import { requirePeer } from '../../support/peers';
import { liveIso, sha256, startKit } from './kit';

let kit: PracticeKit;
let backend: Backend;
let api: ApiClient;
const opened: string[] = [];

function head(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(length);
    readSync(fd, b, 0, length, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  ({ kit } = await startKit());
  ({ backend, api } = await startTestBackend({
    practiceMode: true,
    practiceKit: kit,
    // The privileged helper cannot even start: a write that succeeds went through the practice writer, in this process.
    usb: { eject: false, helperProgram: { node: '/nonexistent/node', args: [] } },
    platform: { shell: 'browser', appVersion: '0.0.0-test', systemLanguages: () => ['en-US'], openExternal: async (url) => (opened.push(url), true) },
  }));
});
afterAll(async () => {
  await backend?.dispose();
  await kit?.close();
});

describe('practice mode: site visit, credentials, stick and console page (issue 15)', () => {
  it('"Prepare for a site visit" fetches openshift-install, its stream and the RHCOS ISO from the practice mirror, all verified', async () => {
    const settings = await api.call('artifacts.getSettings');
    expect(new URL(settings.mirrorBaseUrl).hostname).toBe('127.0.0.1');
    const { bundleId } = await api.call('artifacts.prepareSite', { versionOrChannel: 'stable-4.18', arch: 'x86_64' });
    await expect.poll(async () => (await api.call('artifacts.bundles')).find((b) => b.bundleId === bundleId)?.state, { timeout: 30_000 }).toBe('done');
    const { artifacts } = await api.call('artifacts.list');
    const iso = artifacts.find((a) => a.kind === 'rhcos-iso')!;
    expect(iso).toMatchObject({ sha256: sha256(liveIso()), checkedAgainstPublished: true });
    expect(artifacts.find((a) => a.kind === 'openshift-install')).toMatchObject({ version: '4.18.0', checkedAgainstPublished: true });
    expect(artifacts.some((a) => a.kind === 'stream')).toBe(true);
  });

  it('makes the practice pull secret and SSH key pair once, marked as practice, under the practice data folder', async () => {
    const first = await api.call('practice.credentials');
    const again = await api.call('practice.credentials');
    expect(first.practice).toBe(true);
    expect(again).toEqual(first);
    expect(first.pullSecretPath.startsWith(join(kit.stick.path, '..'))).toBe(true);
    const secret = readFileSync(first.pullSecretPath, 'utf8');
    expect(checkPullSecret(secret)).toMatchObject({ ok: true });
    expect(secret).toContain('practice');
    expect(checkSshPublicKey(first.sshPublicKey)).toMatchObject({ ok: true, type: 'ssh-ed25519', comment: 'sno-field-kit-practice-key' });
    expect(statSync(first.sshPrivateKeyPath).mode & 0o077).toBe(0);
    // The private key is a real OpenSSH key: ssh-keygen derives the same public key from it.
    const derived = execFileSync(requirePeer('ssh-keygen', 'openssh-client'), ['-y', '-f', first.sshPrivateKeyPath], { encoding: 'utf8' }).trim();
    expect(derived.split(' ').slice(0, 2)).toEqual(first.sshPublicKey.split(' ').slice(0, 2));
    // The Assisted wizard offers the practice key first.
    expect((await api.call('assisted.sshKeys'))[0]).toMatchObject({ key: first.sshPublicKey, comment: 'sno-field-kit-practice-key' });
  });

  it('lists only "Practice stick (8 GB)" and writes and read-back-verifies it without root', async () => {
    const { artifacts } = await api.call('artifacts.list');
    const isoPath = artifacts.find((a) => a.kind === 'rhcos-iso')!.path;
    const { drives } = await api.call('usb.listDrives', { imagePath: isoPath });
    expect(drives.map((d) => [d.device, d.model, d.size, d.eligible])).toEqual([[PRACTICE_STICK_DEVICE, 'Practice stick (8 GB)', PRACTICE_STICK_BYTES, true]]);
    // Sparse: 8 GB long, next to nothing allocated.
    expect(statSync(kit.stick.path).size).toBe(PRACTICE_STICK_BYTES);
    expect(statSync(kit.stick.path).blocks * 512).toBeLessThan(64 * 1024 * 1024);
    const started = await api.call('usb.startWrite', { imagePath: isoPath, identity: identityOf(drives[0]!) });
    const done = await backend.services.usb.waitFor(started.writeId);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ sha256: sha256(liveIso()), readBackSha256: sha256(liveIso()), matchedExpected: true });
    expect(sha256(head(kit.stick.path, liveIso().length))).toBe(sha256(liveIso()));
  }, 60_000);

  it('never lets the practice path reach a real device', async () => {
    await expect(api.call('usb.startWrite', { imagePath: kit.stick.path, identity: { device: '/dev/loop0', size: PRACTICE_STICK_BYTES, loopBackingFile: kit.stick.path } })).rejects.toMatchObject({
      code: 'usb.practiceStickOnly',
    });
    await expect(api.call('usb.startWrite', { imagePath: kit.stick.path, identity: { device: PRACTICE_STICK_DEVICE, size: PRACTICE_STICK_BYTES, loopBackingFile: '/dev/sda' } })).rejects.toMatchObject(
      { code: 'usb.practiceStickOnly' },
    );
  });

  it('serves a practice "Add hosts" page that hands out the practice discovery ISO, and opens it instead of the real console', async () => {
    const { consoleUrl } = await api.call('practice.kit');
    expect(new URL(consoleUrl).hostname).toBe('127.0.0.1');
    const page = await (await fetch(consoleUrl)).text();
    expect(page).toContain('Add hosts');
    expect(page).toContain('Generate Discovery ISO');
    const ready = await (await fetch(`${consoleUrl}?generated=1`)).text();
    const href = /id="download-iso" href="([^"]+)"/.exec(ready)![1]!;
    const iso = Buffer.from(await (await fetch(new URL(href, consoleUrl))).arrayBuffer());
    const inspection = describeState(await readIsoState(bytesReader(iso), nodeCodecs), nodeCodecs);
    expect(inspection.pristine).toBe(false);
    expect(JSON.stringify(inspection)).toContain('config.ign');
    await api.call('app.openExternal', { url: publishedLinks.ocmClusters });
    expect(opened.at(-1)).toBe(consoleUrl);
  });

  it('turns the flaky link on and off over the API', async () => {
    expect((await api.call('practice.setFlakyLink', { on: true })).flakyLink).toBe(true);
    expect(kit.mirror.flakyLink()).toBe(true);
    expect((await api.call('practice.setFlakyLink', { on: false })).flakyLink).toBe(false);
  });
});

describe('outside practice mode', () => {
  it('the practice stick is not listed, cannot be written and the practice methods answer practiceKit.off', async () => {
    const { backend: plain, api: plainApi } = await startTestBackend({ practiceKit: kit, usb: { eject: false, watchHotplug: false } });
    try {
      const before = sha256(head(kit.stick.path, 1 << 20));
      const listed = await plainApi.call('usb.listDrives', {}).then(
        (r) => r.drives.map((d) => d.device),
        () => [] as string[],
      );
      expect(listed).not.toContain(PRACTICE_STICK_DEVICE);
      const isoPath = (await api.call('artifacts.list')).artifacts.find((a) => a.kind === 'rhcos-iso')!.path;
      await expect(
        plainApi.call('usb.startWrite', { imagePath: isoPath, identity: { device: PRACTICE_STICK_DEVICE, size: PRACTICE_STICK_BYTES, loopBackingFile: kit.stick.path } }),
      ).rejects.toBeDefined();
      expect(sha256(head(kit.stick.path, 1 << 20))).toBe(before);
      await expect(plainApi.call('practice.credentials')).rejects.toMatchObject({ code: 'practiceKit.off' });
      expect(new URL((await plainApi.call('artifacts.getSettings')).mirrorBaseUrl).hostname).toBe('mirror.openshift.com');
    } finally {
      await plain.dispose();
    }
  });
});
