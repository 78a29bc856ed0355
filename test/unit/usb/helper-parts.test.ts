import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../../electron/usb-helper/line-reader';
import { ProgressMeter } from '../../../electron/usb-helper/progress-meter';
import { helperCommand, mapLaunchFailure, outsideAsar } from '../../../electron/services/usb/helper-launcher';
import type { WriteProgress } from '../../../shared/usb/helper-protocol';
import { createDriveLister } from '../../../electron/services/usb/drive-lister';
import { invokingUid, invokingUser, lookupUser, parseIdList } from '../../../electron/usb-helper/invoking-user';

describe('line reader', () => {
  it('splits lines across chunks and refuses over-long lines without keeping them', async () => {
    const input = new PassThrough();
    const lines: string[] = [];
    let tooLong = 0;
    const ended = new Promise<void>((resolve) =>
      readLines(
        input,
        10,
        (l) => lines.push(l),
        () => tooLong++,
        resolve,
      ),
    );
    input.write('{"a":');
    input.write('1}\n\n');
    input.write('x'.repeat(25));
    input.write('yyy\nok\n');
    input.end();
    await ended;
    expect(lines).toEqual(['{"a":1}', 'ok']);
    expect(tooLong).toBe(1);
  });
});

describe('progress meter', () => {
  it('emits at most every 250 ms with a 2 s speed window and an ETA', () => {
    let now = 0;
    const seen: WriteProgress[] = [];
    const meter = new ProgressMeter(
      'write',
      100e6,
      (p) => seen.push(p),
      () => now,
    );
    meter.update(0, true);
    for (let t = 100; t <= 3000; t += 100) {
      now = t;
      meter.update(t * 10_000); // 10 MB/s
    }
    expect(seen.length).toBeGreaterThan(8);
    expect(seen.length).toBeLessThan(15);
    const last = seen.at(-1)!;
    expect(last.speedBps).toBeGreaterThan(9.5e6);
    expect(last.speedBps).toBeLessThan(10.5e6);
    expect(last.etaS).toBeCloseTo((100e6 - last.bytes) / last.speedBps, 0);
    expect(seen[0]!.etaS).toBeNull();
  });
});

describe('helper launcher', () => {
  const program = { node: '/usr/bin/node', args: ['/opt/sfk/usb-helper.cjs'] };
  it('runs the helper directly as root and through pkexec otherwise, never via a shell', () => {
    expect(helperCommand({ program, isRoot: true, testAllowDevices: ['/dev/loop3'] })).toEqual({
      command: '/usr/bin/node',
      args: ['/opt/sfk/usb-helper.cjs', '--test-allow-device', '/dev/loop3'],
      elevated: false,
    });
    expect(helperCommand({ program, isRoot: false })).toEqual({ command: 'pkexec', args: ['--disable-internal-agent', '/usr/bin/node', '/opt/sfk/usb-helper.cjs'], elevated: true });
  });
  it('maps what pkexec says to plain messages', () => {
    expect(mapLaunchFailure(126, 'Error executing command as another user: Not authorized\n', true).code).toBe('usb.authDismissed');
    expect(mapLaunchFailure(127, 'Error executing command as another user: No authentication agent found.\n', true).code).toBe('usb.noPolkitAgent');
    expect(mapLaunchFailure(127, 'Error executing command as another user: Not authorized\n\nThis incident has been reported.\n', true).code).toBe('usb.authDenied');
    expect(mapLaunchFailure(1, 'boom\n', false)).toMatchObject({ code: 'usb.helperFailed', params: { code: 1, reason: 'boom' } });
  });
});

describe('other operating systems', () => {
  it.each([
    ['darwin', 'macOS'],
    ['win32', 'Windows'],
  ] as const)('%s is refused plainly as not yet supported', async (platform, name) => {
    const lister = createDriveLister(platform);
    expect(lister.supported).toBe(false);
    const err = await lister.list().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'usb.unsupportedPlatform', params: { platform: name } });
    expect((err as Error).message).toContain(`not yet supported on ${name}`);
    await expect(lister.check({ device: '/dev/sdb', size: 1 }, { path: '/x.iso', size: 1 })).rejects.toMatchObject({ code: 'usb.unsupportedPlatform' });
  });
});

describe('helper location in a packaged app', () => {
  it('points the separate Node process at the unpacked copy, never inside app.asar', () => {
    expect(outsideAsar('/opt/SNO Field Kit/resources/app.asar/dist/electron')).toBe('/opt/SNO Field Kit/resources/app.asar.unpacked/dist/electron');
    expect(outsideAsar('C:\\Program Files\\SNO Field Kit\\resources\\app.asar\\dist\\electron')).toBe('C:\\Program Files\\SNO Field Kit\\resources\\app.asar.unpacked\\dist\\electron');
    expect(outsideAsar('/usr/lib/sno-field-kit/dist/electron')).toBe('/usr/lib/sno-field-kit/dist/electron');
    expect(outsideAsar('/x/app.asarx/dist')).toBe('/x/app.asarx/dist');
  });
});

describe('invoking user (pkexec)', () => {
  it('takes PKEXEC_UID only as a plain number; no PKEXEC_UID means root asked itself', () => {
    expect(invokingUid({})).toBeUndefined();
    expect(invokingUid({ PKEXEC_UID: '1000' })).toBe(1000);
    for (const bad of ['', '-1', '1000 ', '0x10', '1e3', '1000;id', '12345678901']) {
      expect(() => invokingUid({ PKEXEC_UID: bad }), bad).toThrow(expect.objectContaining({ code: 'usb.protocolError' }));
    }
  });

  it('reads `id -G` output as numbers and nothing else', () => {
    expect(parseIdList('1000 4 24 27\n')).toEqual([1000, 4, 24, 27]);
    expect(() => parseIdList('')).toThrow();
    expect(() => parseIdList('1000 staff')).toThrow();
  });

  it('looks up the groups with the system’s own `id` (root and nobody exist on every Debian system)', async () => {
    expect(await lookupUser(65534)).toEqual({ uid: 65534, gid: 65534, groups: [65534] });
    await expect(lookupUser(3_999_999)).rejects.toMatchObject({ code: 'usb.imageNotReadable' });
    expect(await invokingUser({ PKEXEC_UID: '0' })).toBeUndefined();
  });
});
