import { symlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopLab, final, readBytes, runHelper } from './loop-fixtures';
import { MAX_REQUEST_LINE } from '../../../shared/usb/helper-protocol';

// Malformed and hostile requests to the root helper: each is refused before anything is written.
const lab = new LoopLab();
let bundle = '';
let stick: { device: string; file: string; size: number };
let image: { path: string; size: number; sha256: string };

beforeAll(async () => {
  bundle = await lab.buildHelper();
  stick = lab.loop(16, 0x3c);
  image = lab.image(4);
}, 120_000);
afterAll(() => lab.cleanup());

const allow = () => ['--test-allow-device', stick.device];
const request = (over: Record<string, unknown> = {}, identity: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'write', identity: { device: stick.device, size: stick.size, loopBackingFile: stick.file, ...identity }, image: image.path, imageSize: image.size, eject: false, ...over });

async function expectRefused(lines: string[], code: string, args = allow()) {
  const run = await runHelper(bundle, lines, { args });
  const end = final(run);
  expect(end, JSON.stringify(run.messages)).toMatchObject({ type: 'failed', code, bootAreaCleared: false });
  expect(run.exitCode).not.toBe(0);
  // the stick still holds its old content
  expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x3c)).toBe(true);
  return end as { params: Record<string, unknown> };
}

describe('usb helper protocol', () => {
  it('announces itself and refuses a line that is not JSON', async () => {
    const run = await runHelper(bundle, ['{"type": "write", oops'], { args: allow() });
    expect(run.messages[0]).toMatchObject({ type: 'ready', version: 1 });
    expect(final(run)).toMatchObject({ type: 'failed', code: 'usb.protocolError', params: { reason: 'not JSON' } });
    expect(run.exitCode).toBe(2);
  });

  it('refuses unknown message types and unknown fields', async () => {
    await expectRefused([JSON.stringify({ type: 'format', device: stick.device })], 'usb.protocolError');
    await expectRefused([request({ force: true })], 'usb.protocolError');
  });

  it('refuses an over-long line without buffering it', async () => {
    const end = await expectRefused([`{"type":"write","image":"${'a'.repeat(MAX_REQUEST_LINE + 10)}"}`], 'usb.protocolError');
    expect(end.params.reason).toMatch(/too long/);
  });

  it('refuses device path tricks before touching anything', async () => {
    await expectRefused([request({}, { device: `/dev/../dev/${stick.device.slice(5)}` })], 'usb.protocolError');
    await expectRefused([request({}, { device: `${stick.device}p1` })], 'usb.protocolError');
    const link = join(lab.dir, 'stick-link');
    symlinkSync(stick.device, link);
    await expectRefused([request({}, { device: link })], 'usb.protocolError');
    await expectRefused([request({}, { device: '/dev/disk/by-id/usb-anything' })], 'usb.protocolError');
  });

  it('refuses image path tricks: relative, "..", symlinks, devices', async () => {
    await expectRefused([request({ image: 'image.iso' })], 'usb.protocolError');
    await expectRefused([request({ image: `${lab.dir}/../${lab.dir.split('/').pop()}/x.iso` })], 'usb.protocolError');
    const link = join(lab.dir, 'link.iso');
    symlinkSync(image.path, link);
    await expectRefused([request({ image: link })], 'usb.imageSymlink');
    const linkedDir = join(lab.dir, 'linked-dir');
    symlinkSync(lab.dir, linkedDir);
    await expectRefused([request({ image: join(linkedDir, image.path.split('/').pop()!) })], 'usb.imageSymlink');
    await expectRefused([request({ image: '/dev/zero' })], 'usb.imageNotRegular');
    mkdirSync(join(lab.dir, 'a-dir'));
    await expectRefused([request({ image: join(lab.dir, 'a-dir') })], 'usb.imageNotRegular');
    await expectRefused([request({ imageSize: image.size + 1 })], 'usb.imageChanged');
  });

  it('refuses the disk holding / even when asked with its exact identity', async () => {
    const root = (await import('node:child_process')).execFileSync(lab.peers.findmnt, ['-n', '-o', 'SOURCE', '/'], { encoding: 'utf8' }).trim();
    const size = Number((await import('node:fs')).readFileSync(`/sys/class/block/${root.slice(5)}/size`, 'utf8')) * 512;
    const disk = /^\/dev\/(vd|sd)[a-z]+$/.test(root) ? root : undefined;
    expect(disk, `root is on ${root}`).toBeDefined();
    const run = await runHelper(bundle, [request({}, { device: disk, size, loopBackingFile: undefined })], { args: [...allow(), '--test-allow-device', '/dev/loop0'] });
    expect(final(run)).toMatchObject({ type: 'failed', code: 'usb.refusedSystem', params: { device: disk } });
  });

  it('a loop device is not a stick unless the test allowance names it, and the allowance only takes loop devices', async () => {
    await expectRefused([request()], 'usb.refusedVirtual', []);
    const run = await runHelper(bundle, [request()], { args: ['--test-allow-device', '/dev/vda'] });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/unexpected argument/);
  });

  it('refuses when the identity no longer matches what was confirmed (wrong device)', async () => {
    const end = await expectRefused([request({}, { size: stick.size * 2 })], 'usb.identityChanged');
    expect(end.params.field).toBe('size');
    const other = await expectRefused([request({}, { loopBackingFile: '/tmp/another-stick.img' })], 'usb.identityChanged');
    expect(other.params.field).toBe('loopBackingFile');
    await expectRefused([request({}, { serial: 'AA0123456789' })], 'usb.identityChanged');
  });

  it('a cancel before any write ends cleanly with nothing written', async () => {
    const run = await runHelper(bundle, ['{"type":"cancel"}'], { args: allow() });
    expect(final(run)).toEqual({ type: 'cancelled', bootAreaCleared: false });
    expect(run.exitCode).toBe(0);
  });
});
