import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { IsoService } from '../../../electron/services/iso/iso-service';
import { findEmbedAreas } from '../../../shared/iso/embed-areas';
import { bytesReader } from '../../../shared/iso/byte-reader';
import { unpackFixtures, type FixtureSet } from '../../support/iso-fixtures';
import { requirePeer } from '../../support/peers';

/**
 * The real peers judge our bytes: GNU cpio lists the archive, xz-utils and gzip test the
 * compression (and report the xz check type), ignition-validate accepts the live and destination
 * configs; and an archive compressed by the real xz (LZMA2, as coreos-installer writes it) is read back.
 */
let fx: FixtureSet;
let service: IsoService;
const destIgnition = JSON.stringify({
  ignition: { version: '3.2.0', config: { merge: [{ source: 'http://10.1.101.10:8080/worker.ign', verification: { hash: `sha512-${'a'.repeat(128)}` } }] } },
  storage: { files: [{ path: '/etc/hostname', contents: { source: 'data:,worker-1.example.com' }, mode: 420, overwrite: true }] },
});
const keyfiles = [{ fileName: 'ens3.nmconnection', content: '[connection]\nid=ens3\ntype=ethernet\n\n[ipv4]\nmethod=auto\n' }];

beforeAll(() => {
  requirePeer('xz', 'xz-utils');
  requirePeer('cpio', 'cpio');
  requirePeer('gzip', 'gzip');
  requirePeer('ignition-validate', 'ignition');
  fx = unpackFixtures();
  service = new IsoService({ cacheDir: () => join(fx.dir, 'cache') });
});
afterAll(() => fx.cleanup());

async function areaOf(path: string): Promise<Buffer> {
  const image = readFileSync(path);
  const areas = await findEmbedAreas(bytesReader(new Uint8Array(image)));
  return image.subarray(areas.initrd.offset, areas.initrd.offset + areas.initrd.length);
}

function run(cmd: string, args: string[], input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

describe.each(['embed-areas-2022-09.iso', 'embed-areas-2023-03.x86_64.iso', 'embed-areas-2023-07.s390x.iso', 'embed-areas-2023-07.x86_64.iso'])('%s', (name) => {
  it('xz -t accepts the whole area, the check is CRC32, and GNU cpio lists the archive', async () => {
    const out = join(fx.dir, `xz-${name}`);
    await service.customize({ sourcePath: join(fx.dir, name), output: { mode: 'copy', path: out }, spec: { destDevice: '/dev/sda', destIgnition, keyfiles } });
    const area = await areaOf(out);
    expect(run('xz', ['-t'], area).status).toBe(0);
    // xz --list needs a seekable file
    writeFileSync(join(fx.dir, `area-${name}.xz`), area);
    const robot = execFileSync('xz', ['--robot', '--list', join(fx.dir, `area-${name}.xz`)]).toString();
    expect(
      robot
        .split('\n')
        .find((l) => l.startsWith('file'))
        ?.split('\t')[6],
    ).toBe('CRC32');
    const cpio = execFileSync('xz', ['-dc'], { input: area });
    const listed = run('cpio', ['-it', '--quiet'], cpio);
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual(['config.ign', 'etc', 'etc/coreos-firstboot-network', 'etc/coreos-firstboot-network/ens3.nmconnection']);
    const verbose = run('cpio', ['-itv', '--quiet'], cpio).stdout;
    expect(verbose).toMatch(/^-rw------- .* config\.ign$/m);
    expect(verbose).toMatch(/^drwxr-xr-x .* etc$/m);
  });

  it('gzip -t accepts the gzip alternative', async () => {
    const out = join(fx.dir, `gz-${name}`);
    await service.customize({ sourcePath: join(fx.dir, name), output: { mode: 'copy', path: out }, spec: { destDevice: '/dev/sda', destIgnition }, compression: 'gzip' });
    const area = await areaOf(out);
    const tested = run('gzip', ['-t'], area);
    expect(tested.status, tested.stderr).toBe(0);
    expect(run('cpio', ['-it', '--quiet'], gunzipSync(area)).stdout.trim().split('\n')).toEqual(['config.ign']);
  });
});

describe('interoperability', () => {
  it('ignition-validate accepts the live config (3.3.0) and the destination config it carries', async () => {
    const out = join(fx.dir, 'validate.iso');
    const r = await service.customize({ sourcePath: join(fx.dir, 'embed-areas-2023-07.x86_64.iso'), output: { mode: 'copy', path: out }, spec: { destDevice: '/dev/sda', destIgnition, keyfiles } });
    const livePath = join(fx.dir, 'live.ign');
    writeFileSync(livePath, r.inspection.initrd.ignition!);
    const live = run('ignition-validate', [livePath]);
    expect(live.status, live.stdout + live.stderr).toBe(0);
    const dest = JSON.parse(r.inspection.initrd.ignition!).storage.files.find((f: { path: string }) => f.path === '/etc/coreos/dest.ign');
    const destText = gunzipSync(Buffer.from(dest.contents.source.replace('data:;base64,', ''), 'base64'));
    writeFileSync(join(fx.dir, 'dest.ign'), destText);
    expect(run('ignition-validate', [join(fx.dir, 'dest.ign')]).status).toBe(0);
  });

  it('reads an area written the coreos-installer way: GNU cpio newc + real xz -9 --check=crc32 (LZMA2 compressed)', async () => {
    const root = join(fx.dir, 'tree');
    mkdirSync(join(root, 'etc/coreos-firstboot-network'), { recursive: true });
    const config = JSON.stringify({ ignition: { version: '3.3.0' }, note: 'x'.repeat(5000) });
    writeFileSync(join(root, 'config.ign'), config);
    writeFileSync(join(root, 'etc/coreos-firstboot-network/eno1.nmconnection'), keyfiles[0]!.content);
    const archive = execFileSync('sh', ['-c', 'cd "$1" && find config.ign etc | sort | cpio -o -H newc --quiet', 'sh', root]);
    const compressed = execFileSync('xz', ['-9', '--check=crc32', '-c'], { input: archive });
    const path = fx.copy('embed-areas-2023-07.x86_64.iso');
    const image = readFileSync(path);
    const areas = await findEmbedAreas(bytesReader(new Uint8Array(image)));
    expect(compressed.length).toBeLessThan(2000); // really compressed, not stored
    image.set(compressed, areas.initrd.offset);
    writeFileSync(path, image);
    const shown = await service.inspect(path);
    expect(shown.initrd.ignition).toBe(config);
    expect(shown.initrd.keyfiles).toEqual([{ fileName: 'eno1.nmconnection', content: keyfiles[0]!.content }]);
    expect(shown.initrd.xzChecks).toEqual(['crc32']);
    // and removing it returns the area to zeros
    await service.remove({ path, output: { mode: 'inPlace' } });
    expect((await areaOf(path)).every((b) => b === 0)).toBe(true);
  });
});
