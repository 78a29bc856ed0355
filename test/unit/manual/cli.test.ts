import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runCli } from '../../../electron/cli/main';
import type { Language } from '../../../shared/i18n';
import { fixturePath } from '../../support/fixtures';
import { parseIni, shellWords, workerIgnFixture } from './fixtures';

async function cli(argv: string[], stdin = '', lang: Language = 'en') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: (t) => (out += t), stderr: (t) => (err += t), lang, env: {} });
  return { code, out, err };
}

describe('sno-field-kit ignition', () => {
  const worker = workerIgnFixture();

  it('build --worker-ign-url pins the hash of the worker.ign read from stdin', async () => {
    const r = await cli(['ignition', 'build', '--hostname', 'worker-1.sno1.example.com', '--worker-ign-url', 'http://10.1.101.10:8080/worker.ign', '-'], worker);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.ignition.config.merge[0].verification.hash).toBe(`sha512-${createHash('sha512').update(worker).digest('hex')}`);
  });

  it('bad host name or mode is exit 2 with the reason; spec 2 is refused', async () => {
    const bad = await cli(['ignition', 'build', '--hostname', 'localhost', '--inline'], worker);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('localhost');
    expect((await cli(['ignition', 'build', '--hostname', 'w.example.com'], worker)).code).toBe(2);
    const spec2 = await cli(['ignition', 'build', '--hostname', 'w.example.com', '--inline'], '{"ignition":{"version":"2.2.0","config":{"append":[]}}}');
    expect(spec2.code).toBe(2);
    expect(spec2.err).toContain('2.2.0');
  });

  it('inspect: verdict 1 for spec 2.x (in zh-CN too), details and exit 0 for a usable config', async () => {
    const r = await cli(['ignition', 'inspect'], worker);
    expect(r.code).toBe(0);
    expect(r.out).toContain('https://api-int.sno1.example.com:22623/config/worker');
    const zh = await cli(['ignition', 'inspect', '-'], '{"ignition":{"version":"2.2.0","config":{"append":[]}}}', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('规范 2.2.0');
  });

  it('install-command hashes the file, and refuses plain HTTP without a hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-cli-'));
    writeFileSync(join(dir, 'new-worker.ign'), '{"x":1}');
    const r = await cli([
      'ignition',
      'install-command',
      '--url',
      'http://10.1.101.10:8080/new-worker.ign',
      '--file',
      join(dir, 'new-worker.ign'),
      '--device',
      '/dev/disk/by-id/nvme-x',
      '--copy-network',
    ]);
    expect(r.code).toBe(0);
    expect(shellWords(r.out)[0]).toContain(`--ignition-hash=sha512-${createHash('sha512').update('{"x":1}').digest('hex')}`);
    const noHash = await cli(['ignition', 'install-command', '--url', 'http://h/n.ign', '--device', '/dev/disk/by-id/x']);
    expect(noHash.code).toBe(2);
    expect(noHash.err).toContain('sha512');
  });
});

describe('sno-field-kit network', () => {
  it('static → keyfiles written 0600 that parse back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-cli-'));
    const r = await cli(['network', 'static', '--iface', 'ens3', '--ip', '10.1.101.50/24', '--gateway', '10.1.101.1', '--dns', '10.1.101.1,10.1.101.2', '-f', 'keyfile', '--out-dir', dir]);
    expect(r.code).toBe(0);
    const file = join(dir, 'ens3.nmconnection');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseIni(readFileSync(file, 'utf8')).ipv4).toMatchObject({ method: 'manual', address1: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1;10.1.101.2;' });
  });

  it('render reads the reference NMStateConfig and emits a CR or nmcli', async () => {
    const yaml = readFileSync(fixturePath('examples', 'nmstate', 'nmstateconfig-assisted-service-docs-two-nic-static.yaml'), 'utf8');
    const cr = await cli(['network', 'render', '-f', 'nmstateconfig', '--name', 'w1', '--namespace', 'sno1', '--label', 'a=b'], yaml);
    expect(cr.code).toBe(0);
    expect(cr.out).toContain('agent-install.openshift.io/v1beta1');
    const nmcli = await cli(['network', 'render', '-'], yaml);
    expect(
      shellWords(nmcli.out)
        .filter((c) => c[2] === 'up')
        .map((c) => c[3]),
    ).toEqual(['eth0', 'eth1']);
  });

  it('validate: exit 1 with localized issues; bad input exit 2', async () => {
    const model = {
      interfaces: [{ name: 'ens3', type: 'ethernet', ipv4: { mode: 'static', addresses: [{ ip: '10.1.101.50', prefixLength: 24 }], gateway: '10.2.0.1' }, ipv6: { mode: 'disabled', addresses: [] } }],
      dns: { servers: ['10.1.101.1'], search: [] },
      routes: [],
    };
    const r = await cli(['network', 'validate'], JSON.stringify(model), 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.out).toContain('不在子网');
    expect((await cli(['network', 'validate'], '{not json')).code).toBe(2);
    expect((await cli(['network', 'render', '-f', 'xml'], JSON.stringify(model))).code).toBe(2);
    expect((await cli(['network', 'static'])).code).toBe(2);
    expect((await cli(['network', '--help'])).out).toContain('network render');
  });
});
