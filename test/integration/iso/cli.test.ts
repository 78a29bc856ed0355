import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import type { Language } from '../../../shared/i18n';
import { unpackFixtures, fileSha256, type FixtureSet } from '../../support/iso-fixtures';

let fx: FixtureSet;
beforeAll(() => {
  fx = unpackFixtures();
  writeFileSync(join(fx.dir, 'node.ign'), '{"ignition":{"version":"3.2.0"}}\n');
  writeFileSync(join(fx.dir, 'ens3.nmconnection'), '[connection]\nid=ens3\n');
});
afterAll(() => fx.cleanup());

async function cli(args: string[], lang: Language = 'en') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdin: Readable.from([]), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), lang, env: {} };
  const code = await runCli(['iso', ...args], io);
  return { code, stdout, stderr };
}

describe('sno-field-kit iso', () => {
  it('--help prints the usage and exits 0; no sub-command or bad options exit 2', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('customize <source.iso> --dest-device');
    expect((await cli([])).code).toBe(2);
    expect((await cli(['customize', 'x.iso'])).stderr).toContain('--dest-device');
    expect((await cli(['customize', 'x.iso', '--bogus'])).code).toBe(2);
    const bad = await cli(['customize', join(fx.dir, fx.names[0]!), '--dest-device', '/dev/sda', '--dest-ignition', join(fx.dir, 'node.ign'), '--after-install', 'later']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('poweroff, shell or reboot');
    const zh = await cli(['customize', join(fx.dir, fx.names[0]!), '--dest-device', 'sda', '--dest-ignition', join(fx.dir, 'node.ign')], 'zh-CN');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('不是磁盘路径');
  });

  it('customize, show and remove round-trip a fixture; an unreadable ISO exits 1', async () => {
    const source = fx.copy('embed-areas-2023-07.s390x.iso', 'src.iso');
    const hash = fileSha256(source);
    const out = join(fx.dir, 'stick.iso');
    const made = await cli([
      'customize',
      source,
      '--dest-device',
      '/dev/dasda',
      '--dest-ignition',
      join(fx.dir, 'node.ign'),
      '--network-keyfile',
      join(fx.dir, 'ens3.nmconnection'),
      '--after-install',
      'shell',
      '-o',
      out,
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`sha256 in:  ${hash}`);
    expect(made.stdout).toContain(`sha256 out: ${fileSha256(out)}`);
    expect(made.stderr).toContain('/dev/dasda on ANY server');
    const kargs = await cli(['show', out, '--kargs']);
    expect(kargs.stdout.trim()).toMatch(/ignition\.platform\.id=metal coreos\.inst\.skip_reboot$/);
    const network = await cli(['show', out, '--network']);
    expect(network.stdout).toBe('# ens3.nmconnection\n[connection]\nid=ens3\n');
    const json = JSON.parse((await cli(['show', out, '--json'])).stdout);
    expect(json.initrd.members.map((m: { path: string }) => m.path)).toEqual(['config.ign', 'etc/coreos-firstboot-network/ens3.nmconnection']);
    const again = await cli(['customize', out, '--dest-device', '/dev/dasda', '--dest-ignition', join(fx.dir, 'node.ign'), '--in-place']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect((await cli(['remove', out])).code).toBe(0);
    expect(fileSha256(out)).toBe(hash);
    const none = await cli(['show', out, '--ignition']);
    expect(none.stderr).toContain('No embedded Ignition config.');
    const missing = await cli(['show', join(fx.dir, 'nope.iso')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  });
});
