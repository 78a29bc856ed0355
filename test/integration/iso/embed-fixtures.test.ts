import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { IsoService } from '../../../electron/services/iso/iso-service';
import { findEmbedAreas, allRegions } from '../../../shared/iso/embed-areas';
import { bytesReader } from '../../../shared/iso/byte-reader';
import { DEST_IGNITION_PATH, INSTALLER_CONFIG_PATH, POWEROFF_UNIT, SKIP_REBOOT_KARG } from '../../../shared/iso/live-config';
import { unpackFixtures, fileSha256, hashOutside, type FixtureSet } from '../../support/iso-fixtures';

let fx: FixtureSet;
let service: IsoService;
beforeAll(() => {
  fx = unpackFixtures();
  service = new IsoService({ cacheDir: () => join(fx.dir, 'cache') });
});
afterAll(() => fx.cleanup());

const destIgnition = JSON.stringify({
  ignition: { version: '3.2.0', config: { merge: [{ source: 'data:;base64,eyJpZ25pdGlvbiI6eyJ2ZXJzaW9uIjoiMy4yLjAifX0=' }] } },
  storage: { files: [{ path: '/etc/hostname', contents: { source: 'data:,worker-1.example.com' }, mode: 420, overwrite: true }] },
});
const keyfiles = [
  { fileName: 'ens3.nmconnection', content: '[connection]\nid=ens3\ntype=ethernet\ninterface-name=ens3\n\n[ipv4]\nmethod=manual\naddress1=10.1.101.50/24,10.1.101.1\ndns=10.1.101.1;\n' },
  { fileName: 'ens4.nmconnection', content: '[connection]\nid=ens4\ntype=ethernet\n\n[ipv4]\nmethod=auto\n' },
];

/** Decodes one `data:;base64,` resource of the live config (gzip or not). */
function resourceText(file: { contents: { source: string; compression?: string } }): string {
  const raw = Buffer.from(file.contents.source.replace(/^data:;base64,/, ''), 'base64');
  return (file.contents.compression === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

describe.each(['xz', 'gzip'] as const)('every fixture ISO (%s)', (compression) => {
  it('finds the areas the ISO describes, all pristine', async () => {
    expect(fx.names).toHaveLength(4);
    for (const name of fx.names) {
      const info = await service.inspect(join(fx.dir, name));
      expect(info.pristine).toBe(true);
      expect(info.minimal).toBe(false);
      expect(info.initrd.capacity).toBe(262144);
      expect(info.initrd.used).toBe(0);
      expect(info.kargs?.current).toBe(info.kargs?.default);
      expect(info.kargs?.default).toMatch(/coreos\.liveiso=\S+ ignition\.firstboot/);
      if (name.includes('s390x')) expect(info.initrd.file).toBe('images/cdboot.img');
      else expect(info.initrd.file).toBe('images/ignition.img');
    }
    const x86 = await service.inspect(join(fx.dir, 'embed-areas-2023-07.x86_64.iso'));
    expect(x86.initrd.offset).toBe(139264);
    expect(x86.kargs?.files).toEqual(['EFI/fedora/grub.cfg', 'isolinux/isolinux.cfg']);
  });

  it('embeds, shows exactly what was embedded, leaves every other byte alone, and removes back to zeros', async () => {
    for (const name of fx.names) {
      const source = fx.copy(name);
      const before = readFileSync(source);
      const sourceHash = fileSha256(source);
      const output = join(fx.dir, `out-${compression}-${name}`);
      const result = await service.customize({
        sourcePath: source,
        output: { mode: 'copy', path: output },
        spec: { destDevice: '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4', destIgnition, keyfiles, kargsAppend: ['console=ttyS0,115200n8'] },
        compression,
      });
      // Source untouched; hashes recorded for what went in and (computed on first need) came out.
      expect(fileSha256(source)).toBe(sourceHash);
      expect(result.sourceSha256).toBe(sourceHash);
      const { sha256: outputSha256 } = await service.outputSha256({ path: output });
      expect(outputSha256).toBe(fileSha256(output));
      expect(outputSha256).not.toBe(sourceHash);

      // Show = exactly what was embedded.
      const shown = await service.inspect(output);
      expect(shown.pristine).toBe(false);
      expect(shown.initrd.formats).toEqual([compression === 'xz' ? 'xz' : 'gzip']);
      if (compression === 'xz') expect(shown.initrd.xzChecks).toEqual(['crc32']);
      expect(shown.initrd.keyfiles).toEqual(keyfiles);
      const live = JSON.parse(shown.initrd.ignition!);
      expect(live.ignition.version).toBe('3.3.0');
      const files = live.storage.files as { path: string; mode: number; contents: { source: string; compression?: string } }[];
      expect(resourceText(files.find((f) => f.path === DEST_IGNITION_PATH)!)).toBe(`${destIgnition}\n`);
      expect(resourceText(files.find((f) => f.path === INSTALLER_CONFIG_PATH)!)).toBe(
        'dest-device: "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4"\nignition-file: "/etc/coreos/dest.ign"\ncopy-network: true\n',
      );
      expect(files.every((f) => f.mode === 0o600)).toBe(true);
      expect(live.systemd.units[0].name).toBe(POWEROFF_UNIT);
      expect(live.systemd.units[0].contents).toContain('RequiredBy=coreos-installer-post.target');
      // kargs round-trip: default + appended, identical in every area.
      expect(shown.kargs?.current).toBe(`${shown.kargs?.default} console=ttyS0,115200n8 ${SKIP_REBOOT_KARG}`);

      // Every byte outside the embed areas is unchanged.
      const after = readFileSync(output);
      expect(after.length).toBe(before.length);
      const areas = await findEmbedAreas(bytesReader(new Uint8Array(before)));
      const regions = allRegions(areas);
      expect(hashOutside(after, regions)).toBe(hashOutside(before, regions));

      // Remove in place: the area returns to zeros, kargs to default, and the file equals the original.
      const removed = await service.remove({ path: output, output: { mode: 'inPlace' } });
      expect(removed.inspection.pristine).toBe(true);
      const reset = readFileSync(output);
      expect(reset.subarray(areas.initrd.offset, areas.initrd.offset + areas.initrd.length).every((b) => b === 0)).toBe(true);
      expect(fileSha256(output)).toBe(sourceHash);
    }
  });
});

describe('after-install behaviour (the reinstall loop)', () => {
  const name = 'embed-areas-2023-07.x86_64.iso';
  it('defaults to power off, "shell" only skips the reboot, "reboot" keeps coreos-installer’s default', async () => {
    const seen: Record<string, { kargs: string; units: string[] }> = {};
    for (const afterInstall of ['poweroff', 'shell', 'reboot'] as const) {
      const r = await service.customize({
        sourcePath: join(fx.dir, name),
        output: { mode: 'copy', path: join(fx.dir, `after-${afterInstall}.iso`) },
        spec: { destDevice: '/dev/sda', destIgnition, ...(afterInstall === 'poweroff' ? {} : { afterInstall }) },
      });
      const live = JSON.parse(r.inspection.initrd.ignition!);
      seen[afterInstall] = { kargs: r.inspection.kargs!.current, units: (live.systemd?.units ?? []).map((u: { name: string }) => u.name) };
    }
    expect(seen.poweroff!.kargs).toMatch(/ coreos\.inst\.skip_reboot$/);
    expect(seen.poweroff!.units).toEqual([POWEROFF_UNIT]);
    expect(seen.shell!.kargs).toMatch(/ coreos\.inst\.skip_reboot$/);
    expect(seen.shell!.units).toEqual([]);
    expect(seen.reboot!.kargs).not.toContain('skip_reboot');
  });

  it('passes installed-system kernel arguments to the installer config', async () => {
    const r = await service.customize({
      sourcePath: join(fx.dir, name),
      output: { mode: 'copy', path: join(fx.dir, 'dest-kargs.iso') },
      spec: { destDevice: '/dev/sda', destIgnition, destKargsAppend: ['console=ttyS0', 'ip=dhcp'] },
    });
    const live = JSON.parse(r.inspection.initrd.ignition!);
    const conf = live.storage.files.find((f: { path: string }) => f.path === INSTALLER_CONFIG_PATH);
    expect(resourceText(conf)).toBe('dest-device: "/dev/sda"\nignition-file: "/etc/coreos/dest.ign"\nappend-karg:\n  - "console=ttyS0"\n  - "ip=dhcp"\n');
    await expect(
      service.customize({ sourcePath: join(fx.dir, name), output: { mode: 'copy', path: join(fx.dir, 'x.iso') }, spec: { destDevice: '/dev/sda', destIgnition, destKargsAppend: ['a b'] } }),
    ).rejects.toMatchObject({
      code: 'iso.kargsInvalid',
    });
  });

  it('in place rewrites only the areas of a copy the technician owns, in O(areas)', async () => {
    const path = fx.copy(name);
    const before = readFileSync(path);
    const r = await service.customize({ sourcePath: path, output: { mode: 'inPlace' }, spec: { destDevice: '/dev/sdb', destIgnition } });
    expect(r.mode).toBe('inPlace');
    expect(r.outputPath).toBe(path);
    expect(r.sourceSha256).toBeUndefined();
    const areas = await findEmbedAreas(bytesReader(new Uint8Array(before)));
    expect(hashOutside(readFileSync(path), allRegions(areas))).toBe(hashOutside(before, allRegions(areas)));
    expect((await service.inspect(path)).initrd.ignition).toContain('dest.ign');
  });

  it('records in the job which ISO went in and which came out', async () => {
    const { JobStore } = await import('../../../electron/services/jobs/job-store');
    const jobs = new JobStore(join(fx.dir, 'data'), { now: () => Date.parse('2026-11-28T08:00:00Z') });
    const job = await jobs.create('manual', 'worker-1');
    const s = new IsoService({ cacheDir: () => join(fx.dir, 'cache'), jobs });
    const r = await s.customize({ sourcePath: join(fx.dir, name), output: { mode: 'copy' }, spec: { destDevice: '/dev/sda', destIgnition, keyfiles }, jobId: job.id });
    expect(r.outputPath).toBe(join(fx.dir, 'cache', 'custom-iso', `embed-areas-2023-07.x86_64-custom-${job.id}.iso`));
    await s.outputSha256({ path: r.outputPath, jobId: job.id });
    const saved = (await jobs.get(job.id)).data.iso as { builds: { sourceSha256: string; outputSha256: string; keyfiles: string[]; afterInstall: string }[] };
    expect(saved.builds).toHaveLength(1);
    expect(saved.builds[0]).toMatchObject({
      sourceSha256: fileSha256(join(fx.dir, name)),
      outputSha256: fileSha256(r.outputPath),
      keyfiles: ['ens3.nmconnection', 'ens4.nmconnection'],
      afterInstall: 'poweroff',
    });
    // A rebuild for the same job replaces its image in the cache and adds a second record.
    const again = await s.customize({ sourcePath: join(fx.dir, name), output: { mode: 'copy' }, spec: { destDevice: '/dev/sdb', destIgnition }, jobId: job.id });
    expect(again.outputPath).toBe(r.outputPath);
    expect((await s.inspect(again.outputPath)).initrd.keyfiles).toEqual([]);
    expect(((await jobs.get(job.id)).data.iso as { builds: unknown[] }).builds).toHaveLength(2);
    const audit = await jobs.audit(job.id);
    expect(audit.map((a) => a.action)).toContain('iso.customize');
    expect(readdirSync(join(fx.dir, 'cache', 'custom-iso')).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(existsSync(r.outputPath)).toBe(true);
  });
});
