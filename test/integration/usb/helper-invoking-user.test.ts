import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopLab, MiB, final, readBytes, runHelper, sha256Of } from './loop-fixtures';
import { requirePeer } from '../../support/peers';

// The root helper reads the image for a user who started it through pkexec (PKEXEC_UID). It must
// never read a file that user could not read: real users and groups, real folder permissions, and
// for each case the ground truth from a real process running as that user (setpriv).
const TECH = 'sfk-usb-tech';
const TEAM = 'sfk-usb-team';
const NOBODY = 65534;
const lab = new LoopLab();
const base = mkdtempSync('/tmp/sfk-usb-perm-');
let bundle = '';
let techUid = 0;
let techGid = 0;
let teamGid = 0;

function dropTestAccounts(): void {
  spawnSync('userdel', [TECH], { stdio: 'ignore' });
  spawnSync('groupdel', [TEAM], { stdio: 'ignore' });
}

function makeImage(path: string, uid: number, gid: number, mode: number): { path: string; size: number; sha256: string } {
  const data = randomBytes(4 * MiB);
  writeFileSync(path, data);
  chownSync(path, uid, gid);
  chmodSync(path, mode);
  return { path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

function folder(name: string, uid: number, gid: number, mode: number): string {
  const dir = join(base, name);
  mkdirSync(dir);
  chownSync(dir, uid, gid);
  chmodSync(dir, mode);
  return dir;
}

/** What the kernel says when the technician's own process (uid, primary and supplementary groups) reads the file. */
const SETPRIV = requirePeer('setpriv', 'util-linux');
const techCanRead = (path: string) => spawnSync(SETPRIV, ['--reuid', TECH, '--regid', TECH, '--init-groups', '--', 'head', '-c', '1', '--', path], { stdio: 'ignore' }).status === 0;

let images: Record<'otherPrivate' | 'otherFile' | 'team' | 'own', { path: string; size: number; sha256: string }>;

beforeAll(async () => {
  dropTestAccounts();
  execFileSync('groupadd', ['--system', TEAM]);
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', '--user-group', '--groups', TEAM, TECH]);
  techUid = Number(execFileSync('id', ['-u', TECH], { encoding: 'utf8' }));
  techGid = Number(execFileSync('id', ['-g', TECH], { encoding: 'utf8' }));
  teamGid = Number(execFileSync('getent', ['group', TEAM], { encoding: 'utf8' }).split(':')[2]);
  chmodSync(base, 0o755);
  images = {
    // the reported case: a world-readable file inside another user's private folder
    otherPrivate: makeImage(join(folder('other-private', NOBODY, NOBODY, 0o700), 'image.iso'), NOBODY, NOBODY, 0o644),
    otherFile: makeImage(join(folder('shared', 0, 0, 0o755), 'nobody-only.iso'), NOBODY, NOBODY, 0o600),
    // readable only through a supplementary group (team), in a folder only that group may enter
    team: makeImage(join(folder('team', 0, teamGid, 0o750), 'image.iso'), 0, teamGid, 0o640),
    own: makeImage(join(folder('own', techUid, techGid, 0o700), 'image.iso'), techUid, techGid, 0o600),
  };
  bundle = await lab.buildHelper();
}, 120_000);

afterAll(() => {
  lab.cleanup();
  rmSync(base, { recursive: true, force: true });
  dropTestAccounts();
});

const requestFor = (stick: { device: string; file: string; size: number }, image: { path: string; size: number }) =>
  JSON.stringify({ type: 'write', identity: { device: stick.device, size: stick.size, loopBackingFile: stick.file }, image: image.path, imageSize: image.size, eject: false });

async function writeAs(uid: number | string, stick: { device: string; file: string; size: number }, image: { path: string; size: number }) {
  const run = await runHelper(bundle, [requestFor(stick, image)], { args: ['--test-allow-device', stick.device], env: { PKEXEC_UID: String(uid) } });
  return { run, end: final(run) };
}

describe('usb helper reads the image only as the user who asked for the write', () => {
  it('refuses a 0644 file inside another user’s 0700 folder, as the user’s own read fails', async () => {
    expect(techCanRead(images.otherPrivate.path)).toBe(false);
    const stick = lab.loop(16, 0x3c);
    const { run, end } = await writeAs(techUid, stick, images.otherPrivate);
    expect(end, JSON.stringify(run.messages)).toMatchObject({ type: 'failed', code: 'usb.imageNotReadable', bootAreaCleared: false });
    expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x3c)).toBe(true);
  });

  it('says the same for a file that does not exist in that folder (no probing of other users’ files)', async () => {
    const stick = lab.loop(16, 0x3c);
    const missing = { path: join(base, 'other-private', 'missing.iso'), size: 4 * MiB };
    const { end } = await writeAs(techUid, stick, missing);
    expect(end).toMatchObject({ type: 'failed', code: 'usb.imageNotReadable' });
  });

  it('refuses another user’s 0600 file in an open folder', async () => {
    expect(techCanRead(images.otherFile.path)).toBe(false);
    const stick = lab.loop(16, 0x3c);
    const { end } = await writeAs(techUid, stick, images.otherFile);
    expect(end).toMatchObject({ type: 'failed', code: 'usb.imageNotReadable' });
    expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x3c)).toBe(true);
  });

  it('writes a file the user reads through a supplementary group, and the user’s own file in a 0700 folder', async () => {
    for (const image of [images.team, images.own]) {
      expect(techCanRead(image.path)).toBe(true);
      const stick = lab.loop(16, 0x3c);
      const { run, end } = await writeAs(techUid, stick, image);
      expect(end, JSON.stringify(run.messages)).toMatchObject({ type: 'done', result: { sha256: image.sha256, readBackSha256: image.sha256 } });
      // back to root after the check: the device itself was opened and written
      expect(sha256Of(stick.device, image.size)).toBe(image.sha256);
    }
  });

  it('refuses a malformed PKEXEC_UID and a uid the system does not know', async () => {
    const stick = lab.loop(16, 0x3c);
    expect((await writeAs('1000; id', stick, images.own)).end).toMatchObject({ type: 'failed', code: 'usb.protocolError' });
    expect((await writeAs(3_999_999, stick, images.own)).end).toMatchObject({ type: 'failed', code: 'usb.imageNotReadable' });
    expect(readBytes(stick.device, 0, 4096).every((b) => b === 0x3c)).toBe(true);
  });
});
