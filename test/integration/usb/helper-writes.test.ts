import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, openSync, writeSync, closeSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteRequest } from '../../../shared/usb/helper-protocol';
import { encodePatches } from '../../../shared/usb/image-patches';
import { LoopLab, MiB, final, readBytes, runHelper, sha256Of } from './loop-fixtures';

// Real loop devices stand in for USB sticks; the helper is the bundled program the app ships.
const lab = new LoopLab();
let bundle = '';

beforeAll(async () => {
  bundle = await lab.buildHelper();
}, 120_000);
afterAll(() => lab.cleanup());

function writeRequest(stick: { device: string; file: string; size: number }, image: { path: string; size: number; sha256?: string }, extra: Partial<WriteRequest> = {}): WriteRequest {
  return {
    type: 'write',
    identity: { device: stick.device, size: stick.size, loopBackingFile: stick.file },
    image: image.path,
    imageSize: image.size,
    ...(image.sha256 ? { expectedSha256: image.sha256 } : {}),
    eject: false,
    ...extra,
  };
}
const allow = (device: string) => ['--test-allow-device', device];

describe('usb helper writes real block devices', () => {
  it('writes, fsyncs and verifies by reading back; the device holds exactly the image', async () => {
    const stick = lab.loop(48, 0xaa);
    const image = lab.image(20);
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], { args: allow(stick.device) });
    const end = final(run);
    expect(end, run.stderr).toMatchObject({ type: 'done', result: { bytes: image.size, sha256: image.sha256, readBackSha256: image.sha256, matchedExpected: true, ejected: false } });
    expect(run.exitCode).toBe(0);
    expect(sha256Of(stick.device, image.size)).toBe(image.sha256);
    // bytes past the image are untouched
    expect(readBytes(stick.device, image.size, 16).every((b) => b === 0xaa)).toBe(true);
    const phases = run.messages.filter((m) => m.type === 'phase').map((m) => (m as { phase: string }).phase);
    expect(phases).toEqual(['checking', 'unmounting', 'clearing', 'writing', 'syncing', 'verifying', 'bootArea']);
    const progress = run.messages.filter((m) => m.type === 'progress');
    expect(progress.some((m) => m.type === 'progress' && m.progress.phase === 'verify' && m.progress.bytes === image.size)).toBe(true);
  });

  it('refuses a stick whose file system is mounted and in use (EBUSY), and writes once it is free', async () => {
    const stick = lab.loop(48);
    const mountpoint = lab.mountExt4(stick.device);
    const image = lab.image(8);
    // a program with its working directory on the stick keeps the mount busy
    const holder = spawn('sleep', ['600'], { cwd: mountpoint, stdio: 'ignore' });
    try {
      const busy = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], { args: allow(stick.device) });
      expect(final(busy)).toMatchObject({ type: 'failed', code: 'usb.stillMounted', params: { device: stick.device, mounts: mountpoint }, bootAreaCleared: false });
      expect(execFileSync(lab.peers.findmnt, ['-n', '-o', 'TARGET', stick.device], { encoding: 'utf8' }).trim()).toBe(mountpoint);
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('close', r));
    }
    // nothing holds it now: the helper unmounts the file system itself and writes
    const ok = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], { args: allow(stick.device) });
    expect(final(ok), ok.stderr).toMatchObject({ type: 'done' });
    expect(sha256Of(stick.device, image.size)).toBe(image.sha256);
    expect(() => execFileSync(lab.peers.findmnt, ['-n', stick.device], { stdio: 'pipe' })).toThrow();
  });

  it('refuses a drive another program holds exclusively (O_EXCL -> EBUSY), e.g. another writer', async () => {
    const stick = lab.loop(32, 0x21);
    const image = lab.image(8);
    const holder = openSync(stick.device, constants.O_RDWR | constants.O_EXCL);
    try {
      const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], { args: allow(stick.device) });
      expect(final(run)).toMatchObject({ type: 'failed', code: 'usb.deviceInUse', params: { device: stick.device }, bootAreaCleared: false });
      expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x21)).toBe(true);
    } finally {
      closeSync(holder);
    }
  });

  it('cancel leaves the first MiB cleared (zeros) so the stick can not boot', async () => {
    const stick = lab.loop(416, 0x5a);
    const image = lab.image(384);
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], {
      args: allow(stick.device),
      onMessage: (m, send, pid) => {
        // A loop device writes at memory speed: the helper is held still (SIGSTOP) while the
        // cancel is sent, so it finds the cancel mid-write however loaded the machine is.
        if (m.type !== 'phase' || m.phase !== 'writing') return;
        process.kill(pid, 'SIGSTOP');
        send('{"type":"cancel"}');
        process.kill(pid, 'SIGCONT');
      },
    });
    expect(final(run)).toEqual({ type: 'cancelled', bootAreaCleared: true });
    const boot = readBytes(stick.device, 0, MiB);
    expect(boot.every((b) => b === 0)).toBe(true);
    // and it is not the image's first MiB either: the write really was interrupted
    expect(boot.equals(readBytes(image.path, 0, MiB))).toBe(false);
  });

  it('detaching the device mid-write ends in a clear "unplugged" error', async () => {
    const stick = lab.loop(416, 0x11);
    const image = lab.image(384);
    let detached = false;
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], {
      args: allow(stick.device),
      onMessage: (m, _send, pid) => {
        if (!detached && m.type === 'phase' && m.phase === 'writing') {
          detached = true;
          // What the kernel does when a stick is pulled: capacity drops to 0, then the device goes.
          // The helper is frozen meanwhile so none of its writes lands between the steps and
          // re-extends the loop's backing file (the stand-in would otherwise keep "working").
          process.kill(pid, 'SIGSTOP');
          try {
            execFileSync('sync');
            execFileSync(lab.peers.truncate, ['-s', '0', stick.file]);
            execFileSync(lab.peers.losetup, ['--set-capacity', stick.device]);
            execFileSync(lab.peers.losetup, ['-d', stick.device]);
          } finally {
            process.kill(pid, 'SIGCONT');
          }
        }
      },
    });
    expect(detached).toBe(true);
    lab.untrack(stick.device);
    expect(final(run), JSON.stringify(final(run))).toMatchObject({ type: 'failed', code: 'usb.deviceGone', params: { device: stick.device }, bootAreaCleared: true });
    expect(run.exitCode).toBe(1);
  });

  it('fails verification when a byte on the stick differs from the image', async () => {
    const stick = lab.loop(48);
    const image = lab.image(16);
    const written = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image))], { args: allow(stick.device) });
    expect(final(written)).toMatchObject({ type: 'done' });
    // corrupt one byte underneath the block device (in the loop's backing file): only a read-back
    // that bypasses the page cache can notice it
    const fd = openSync(stick.file, 'r+');
    const at = 5 * MiB + 123;
    const original = readBytes(stick.file, at, 1)[0]!;
    writeSync(fd, Buffer.from([original ^ 0xff]), 0, 1, at);
    closeSync(fd);
    const { type: _t, eject: _e, ...rest } = writeRequest(stick, image);
    const verify = await runHelper(bundle, [JSON.stringify({ ...rest, type: 'verify' })], { args: allow(stick.device) });
    const end = final(verify);
    expect(end).toMatchObject({ type: 'failed', code: 'usb.verifyFailed', params: { device: stick.device, expected: image.sha256 } });
    expect(end?.type === 'failed' && end.params.actual).not.toBe(image.sha256);
  });

  it('an image that does not match its known sha256 never becomes bootable', async () => {
    const stick = lab.loop(48, 0x77);
    const image = lab.image(8);
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, { ...image, sha256: 'f'.repeat(64) }))], { args: allow(stick.device) });
    expect(final(run)).toMatchObject({ type: 'failed', code: 'usb.imageCorrupt', params: { expected: 'f'.repeat(64), actual: image.sha256 }, bootAreaCleared: true });
    expect(readBytes(stick.device, 0, MiB).every((b) => b === 0)).toBe(true);
    // everything after the boot area was written: only the boot area is held back
    expect(readBytes(stick.device, MiB, 64).equals(readBytes(image.path, MiB, 64))).toBe(true);
  });

  it('writes a self-installing stick straight from the source: the embed areas substituted on the way, checked byte for byte on read-back', async () => {
    const stick = lab.loop(48, 0x55);
    const image = lab.image(20);
    // an area inside the boot MiB, one across a write-block boundary (8 MiB) and one near the end
    const areas = [
      { offset: 32 * 1024 + 17, bytes: randomBytes(1000) },
      { offset: 8 * MiB - 300, bytes: Buffer.concat([randomBytes(700), Buffer.alloc(64 * 1024)]) },
      { offset: image.size - 4096, bytes: randomBytes(4096) },
    ];
    const patches = encodePatches(areas);
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image, { patches }))], { args: allow(stick.device) });
    expect(final(run), run.stderr).toMatchObject({ type: 'done', result: { sha256: image.sha256, readBackSha256: image.sha256, matchedExpected: true, areasChecked: 3 } });
    const expected = readBytes(image.path, 0, image.size);
    for (const a of areas) Buffer.from(a.bytes).copy(expected, a.offset);
    expect(readBytes(stick.device, 0, image.size).equals(expected)).toBe(true);

    // verifying that stick later: a changed byte inside an area is found, although the rest still sums to the source's sha256
    const fd = openSync(stick.file, 'r+');
    writeSync(fd, Buffer.from([expected[8 * MiB]! ^ 0xff]), 0, 1, 8 * MiB);
    closeSync(fd);
    const { type: _t, eject: _e, ...rest } = writeRequest(stick, image, { patches });
    const verify = await runHelper(bundle, [JSON.stringify({ ...rest, type: 'verify' })], { args: allow(stick.device) });
    expect(final(verify)).toMatchObject({ type: 'failed', code: 'usb.verifyFailed', params: { device: stick.device, expected: image.sha256, actual: `offset ${8 * MiB}` } });
  });

  it('refuses areas that overlap or reach past the image before touching the stick', async () => {
    const stick = lab.loop(16, 0x33);
    const image = lab.image(4);
    const patches = encodePatches([{ offset: image.size - 10, bytes: randomBytes(20) }]);
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, image, { patches }))], { args: allow(stick.device) });
    expect(final(run)).toMatchObject({ type: 'failed', code: 'usb.protocolError', bootAreaCleared: false });
    expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x33)).toBe(true);
  });

  it('copes with an image whose size is not a multiple of the block size', async () => {
    const stick = lab.loop(16);
    const image = lab.image(5);
    const odd = join(lab.dir, 'odd.iso');
    copyFileSync(image.path, odd);
    execFileSync(lab.peers.truncate, ['-s', String(5 * MiB - 2048 * 3), odd]);
    const size = 5 * MiB - 2048 * 3;
    const run = await runHelper(bundle, [JSON.stringify(writeRequest(stick, { path: odd, size }))], { args: allow(stick.device) });
    expect(final(run)).toMatchObject({ type: 'done', result: { bytes: size, matchedExpected: false } });
    expect(sha256Of(stick.device, size)).toBe(sha256Of(odd, size));
  });
});
