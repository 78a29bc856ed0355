import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { WriteStatus } from '../../../shared/api/domains/usb';
import type { Backend } from '../../../electron/app/backend';
import { startTestBackend } from '../../support/backend';
import { randomBytes } from 'node:crypto';
import { LoopLab, MiB, readBytes, sha256Of } from './loop-fixtures';
import { freezeHelperAt } from './helper-freeze';
import { startLengthlessServer } from '../artifacts/lengthless-server';
import { fileSha256, unpackFixtures } from '../../support/iso-fixtures';
import { isoJobDataSchema } from '../../../shared/api/domains/iso';

// The whole path through the contract: list (guard) -> startWrite -> helper -> events -> job record.
const lab = new LoopLab();
let bundle = '';
let backend: Backend | undefined;

beforeAll(async () => {
  bundle = await lab.buildHelper();
}, 120_000);
afterEach(async () => {
  await backend?.dispose();
  backend = undefined;
});
afterAll(() => lab.cleanup());

async function start(allow: string[], watchHotplug = false): Promise<ApiClient> {
  const started = await startTestBackend({ usb: { testAllowDevices: allow, eject: false, watchHotplug, helperProgram: { node: process.execPath, args: [bundle] } } });
  backend = started.backend;
  return started.api;
}

function waitForEnd(api: ApiClient, writeId: string): Promise<WriteStatus> {
  const finished = (s: WriteStatus) => s.writeId === writeId && ['done', 'failed', 'cancelled'].includes(s.state);
  return new Promise((resolve) => {
    const off = api.on('usb.writeChanged', (s) => {
      if (finished(s)) {
        off();
        resolve(s);
      }
    });
    // it may have finished before we subscribed
    void api.call('usb.writes').then((writes) => {
      const done = writes.find(finished);
      if (done) {
        off();
        resolve(done);
      }
    });
  });
}

describe('usb through the contract', () => {
  it('lists the test stick as eligible only with the allowance, and refuses the disk holding /', async () => {
    const stick = lab.loop(32);
    const image = lab.image(4);
    const api = await start([stick.device]);
    const { drives } = await api.call('usb.listDrives', { imagePath: image.path });
    expect(drives.find((d) => d.device === stick.device)).toMatchObject({ eligible: true, loopBackingFile: stick.file, size: stick.size });
    const system = drives.find((d) => d.problems.includes('system'));
    expect(system, JSON.stringify(drives.map((d) => [d.device, d.problems]))).toBeDefined();
    expect(system!.eligible).toBe(false);
    await backend!.dispose();
    const plain = await start([]);
    expect((await plain.call('usb.listDrives', {})).drives.find((d) => d.device === stick.device)).toBeUndefined();
  });

  it('refuses the device that backs the image file (image stored on a loop-mounted file system)', async () => {
    const holder = lab.loop(48);
    const mountpoint = lab.mountExt4(holder.device);
    const image = lab.image(4);
    const onStick = join(mountpoint, 'rhcos.iso');
    copyFileSync(image.path, onStick);
    const api = await start([holder.device]);
    const { drives } = await api.call('usb.listDrives', { imagePath: onStick });
    expect(drives.find((d) => d.device === holder.device)).toMatchObject({ eligible: false, problems: ['holdsImage'] });
    const err = await api.call('usb.startWrite', { imagePath: onStick, identity: { device: holder.device, size: holder.size, loopBackingFile: holder.file } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'usb.refusedHoldsImage' });
  });

  it('writes and verifies, reports progress, records the write in the job, and refuses a second write to the same drive', async () => {
    const stick = lab.loop(96);
    const image = lab.image(48);
    const api = await start([stick.device]);
    const job = await api.call('jobs.create', { kind: 'manual', title: 'worker-2' });
    const { drives } = await api.call('usb.listDrives', { imagePath: image.path });
    const drive = drives.find((d) => d.device === stick.device)!;
    const identity = { device: drive.device, size: drive.size, loopBackingFile: drive.loopBackingFile };
    const seen: WriteStatus[] = [];
    api.on('usb.writeChanged', (s) => seen.push(s));
    const status = await api.call('usb.startWrite', { imagePath: image.path, expectedSha256: image.sha256, identity, jobId: job.id });
    const ended = waitForEnd(api, status.writeId);
    const second = await api.call('usb.startWrite', { imagePath: image.path, identity }).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'usb.driveBusy', params: { device: stick.device } });
    const end = await ended;
    expect(end).toMatchObject({ state: 'done', result: { sha256: image.sha256, readBackSha256: image.sha256, matchedExpected: true } });
    expect(sha256Of(stick.device, image.size)).toBe(image.sha256);
    expect(seen.some((s) => s.progress?.phase === 'write')).toBe(true);
    expect(seen.some((s) => s.phase === 'verifying')).toBe(true);
    const saved = await api.call('jobs.get', { id: job.id });
    expect(saved.data.usb).toMatchObject({ writes: [{ state: 'done', device: stick.device, sha256: image.sha256, verified: true }] });
    expect((await api.call('jobs.audit', { id: job.id })).some((a) => a.action === 'usb.write')).toBe(true);
    // the drive is free again
    const again = await api.call('usb.startWrite', { imagePath: image.path, identity });
    expect((await waitForEnd(api, again.writeId)).state).toBe('done');
  });

  it('cancel through the contract ends cancelled with the boot area cleared', async () => {
    const stick = lab.loop(224, 0x42);
    const image = lab.image(192);
    const api = await start([stick.device]);
    const identity = { device: stick.device, size: stick.size, loopBackingFile: stick.file };
    // the helper is held still (SIGSTOP) from the moment it reports writing until the cancel has reached it
    const frozen = freezeHelperAt(backend!.services.bus.subscribe, bundle, 'writing');
    const status = await api.call('usb.startWrite', { imagePath: image.path, identity });
    const ended = waitForEnd(api, status.writeId);
    const helper = await frozen;
    try {
      expect((await api.call('usb.cancelWrite', { writeId: status.writeId })).cancelRequested).toBe(true);
    } finally {
      helper.thaw();
    }
    const end = await ended;
    expect(end).toMatchObject({ state: 'cancelled', bootAreaCleared: true, cancelRequested: true });
  });

  it('announces plugged and pulled drives (hot-plug) so the list refreshes', async () => {
    const api = await start([], true);
    await api.call('usb.listDrives', {});
    const changed = () =>
      new Promise<string>((resolve) => {
        const off = api.on('usb.drivesChanged', (e) => {
          off();
          resolve(e.at);
        });
      });
    const plugged = changed();
    const stick = lab.loop(16);
    expect(await plugged).toMatch(/^\d{4}-/);
    const pulled = changed();
    execFileSync(lab.peers.losetup, ['-d', stick.device]);
    lab.untrack(stick.device);
    expect(await pulled).toMatch(/^\d{4}-/);
  });

  it('offers ISOs from the download cache and checks the stick against the artifact sha256', async () => {
    const stick = lab.loop(32);
    const image = lab.image(6);
    const api = await start([stick.device]);
    const cached = await backend!.services.artifacts.addLocalFile({ path: image.path, kind: 'custom-iso', name: 'worker-2-custom.iso' });
    const { images } = await api.call('usb.listImages');
    expect(images).toContainEqual(expect.objectContaining({ source: 'cache', name: 'worker-2-custom.iso', path: cached.path, sha256: image.sha256, size: image.size }));
    const status = await api.call('usb.startWrite', { imagePath: cached.path, identity: { device: stick.device, size: stick.size, loopBackingFile: stick.file } });
    expect(status.imageName).toBe('worker-2-custom.iso');
    const end = await waitForEnd(api, status.writeId);
    // no sha256 was passed: the cache's is used, and the written bytes matched it
    expect(end).toMatchObject({ state: 'done', result: { matchedExpected: true, sha256: image.sha256 } });
  });

  it('writes a self-installing stick straight from the source ISO: the stick holds exactly what a saved copy holds, and the job remembers it', async () => {
    const fx = unpackFixtures();
    try {
      const source = fx.copy('embed-areas-2023-07.x86_64.iso', 'rhcos-live.x86_64.iso');
      const sourceSha = fileSha256(source);
      const stick = lab.loop(16, 0x5a);
      const api = await start([stick.device]);
      const job = await api.call('jobs.create', { kind: 'manual', title: 'worker-1' });
      const spec = {
        destDevice: '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4',
        destIgnition: JSON.stringify({ ignition: { version: '3.2.0' } }),
        keyfiles: [{ fileName: 'ens3.nmconnection', content: '[connection]\nid=ens3\ntype=ethernet\n' }],
        afterInstall: 'poweroff' as const,
      };
      const identity = { device: stick.device, size: stick.size, loopBackingFile: stick.file };
      const status = await api.call('usb.startWrite', { imagePath: source, expectedSha256: sourceSha, identity, jobId: job.id, selfInstall: { spec } });
      expect(status.selfInstall).toEqual({ destDevice: spec.destDevice });
      const end = await waitForEnd(api, status.writeId);
      expect(end).toMatchObject({ state: 'done', result: { sha256: sourceSha, readBackSha256: sourceSha, matchedExpected: true, areasChecked: expect.any(Number) } });
      expect(end.result!.areasChecked).toBeGreaterThanOrEqual(2);

      // the same configuration saved as a file is, byte for byte, what the stick holds; the source is untouched
      const copy = await backend!.services.iso.customize({ sourcePath: source, output: { mode: 'copy', path: join(fx.dir, 'saved.iso') }, spec });
      const saved = readFileSync(copy.outputPath);
      expect(readBytes(stick.device, 0, saved.length).equals(saved)).toBe(true);
      expect(fileSha256(source)).toBe(sourceSha);
      const info = await backend!.services.iso.inspect(copy.outputPath);
      expect(info.initrd.keyfiles.map((k) => k.fileName)).toEqual(['ens3.nmconnection']);

      const recorded = await api.call('jobs.get', { id: job.id });
      const builds = isoJobDataSchema.parse(recorded.data.iso).builds;
      expect(builds).toHaveLength(1);
      expect(builds[0]).toMatchObject({ mode: 'stick', sourcePath: source, sourceSha256: sourceSha, destDevice: spec.destDevice, keyfiles: ['ens3.nmconnection'] });
      expect(builds[0]!.outputPath).toContain(stick.device);

      // a source that already carries a configuration is refused before the stick is touched (as for a saved copy)
      await expect(api.call('usb.startWrite', { imagePath: copy.outputPath, identity, selfInstall: { spec } })).rejects.toMatchObject({ code: 'iso.alreadyCustomized' });
      expect(readBytes(stick.device, 0, saved.length).equals(saved)).toBe(true);
      expect(await api.call('usb.writes')).toHaveLength(1);
    } finally {
      fx.cleanup();
    }
  });

  it('refuses an unverified cached download unless the call explicitly accepts it', async () => {
    const stick = lab.loop(32, 0x3c);
    // no Content-Length and no published checksum: the app cannot know whether the file is complete
    const server = await startLengthlessServer({ '/rhcos-live.iso': randomBytes(4 * MiB) });
    try {
      const api = await start([stick.device]);
      const art = await backend!.services.artifacts.download({ url: `${server.url}/rhcos-live.iso`, kind: 'rhcos-iso', name: 'rhcos-unverified.iso' });
      expect((await api.call('usb.listImages')).images.find((i) => i.path === art.path)).toMatchObject({ source: 'cache', unverified: true });
      expect(await api.call('usb.inspectImage', { path: art.path })).toMatchObject({ unverified: true });
      const identity = { device: stick.device, size: stick.size, loopBackingFile: stick.file };
      for (const acceptUnverified of [undefined, false]) {
        const refused = await api.call('usb.startWrite', { imagePath: art.path, identity, ...(acceptUnverified === undefined ? {} : { acceptUnverified }) }).catch((e: unknown) => e);
        expect(refused).toMatchObject({ code: 'usb.imageUnverified', params: { name: 'rhcos-unverified.iso' } });
      }
      expect(await api.call('usb.writes')).toEqual([]);
      expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x3c)).toBe(true);
      const status = await api.call('usb.startWrite', { imagePath: art.path, identity, acceptUnverified: true });
      expect(await waitForEnd(api, status.writeId)).toMatchObject({ state: 'done', result: { sha256: art.sha256 } });
    } finally {
      await server.close();
    }
  });

  it('a drive that changed since it was confirmed is refused', async () => {
    const stick = lab.loop(32);
    const image = lab.image(4);
    const api = await start([stick.device]);
    const err = await api.call('usb.startWrite', { imagePath: image.path, identity: { device: stick.device, size: stick.size, loopBackingFile: '/tmp/other.img' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'usb.identityChanged', params: { field: 'loopBackingFile' } });
    const missing = await api.call('usb.inspectImage', { path: join(lab.dir, 'nope.iso') }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'usb.imageMissing' });
  });
});
