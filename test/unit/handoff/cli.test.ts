import { beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../../electron/cli/main';
import type { Language } from '../../../shared/i18n';
import { SSH_PUBLIC_KEY, finishedManualJob } from '../../support/handoff-jobs';

let dataDir: string;
let jobId: string;

async function cli(argv: string[], lang: Language = 'en') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([]), stdout: (t) => (out += t), stderr: (t) => (err += t), lang, env: { SFK_DATA_DIR: dataDir } });
  return { code, out, err };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfk-cli-handoff-'));
  jobId = (await finishedManualJob(dataDir)).job.id;
});

describe('sno-field-kit report', () => {
  it("-o writes the site report of a job in the app's data folder", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sfk-out-')), 'report.html');
    const r = await cli(['report', jobId, '-o', file]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('worker-1.sno1.example.com');
    expect(html).toContain('csr-def34');
  });

  it('without -o prints it; --lang zh-CN writes it in Chinese', async () => {
    const r = await cli(['report', jobId, '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('<html lang="zh-CN">');
    expect(r.out).toContain('现场报告');
  });

  it('bad input is exit 2 with what to do, in the CLI language', async () => {
    const missing = await cli(['report']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(join(dataDir, 'jobs'));
    const unknown = await cli(['report', '2026-01-01-deadbeef'], 'zh-CN');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('2026-01-01-deadbeef');
    expect(unknown.err).toContain('不存在');
    expect((await cli(['report', jobId, '--lang', 'fr'])).err).toContain('"fr"');
  });
});

describe('sno-field-kit export', () => {
  it("writes the manifests with a kustomization.yaml into a new folder; flags override the job's values", async () => {
    const root = mkdtempSync(join(tmpdir(), 'sfk-export-'));
    const keyFile = join(root, 'id.pub');
    writeFileSync(keyFile, `${SSH_PUBLIC_KEY}\n`);
    const out = join(root, 'fleet');
    const r = await cli(['export', jobId, '-o', out, '--bmc-address', 'idrac-virtualmedia://10.1.1.30/redfish/v1/Systems/System.Embedded.1', '--namespace', 'site-a', '--ssh-key-file', keyFile]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([
      'kustomization.yaml',
      'infraenv.yaml',
      'nmstateconfig.yaml',
      'secrets/pull-secret.yaml',
      'baremetalhost.yaml',
      'secrets/bmc-credentials.yaml',
      'ztp/clusterinstance-node.yaml',
      'ztp/siteconfig-node.yaml',
      'README.md',
    ]);
    expect(r.err).toContain('Root device hint');
    const infraEnv = parseYaml(readFileSync(join(out, 'infraenv.yaml'), 'utf8'));
    expect(infraEnv.metadata.namespace).toBe('site-a');
    expect(infraEnv.spec.sshAuthorizedKey).toBe(SSH_PUBLIC_KEY);
    expect(readdirSync(join(out, 'ztp')).sort()).toEqual(['clusterinstance-node.yaml', 'siteconfig-node.yaml']);
  });

  it('never writes into a folder that holds something; a bad flag is named with the fix', async () => {
    const busy = mkdtempSync(join(tmpdir(), 'sfk-export-busy-'));
    writeFileSync(join(busy, 'keep.txt'), 'mine');
    const refused = await cli(['export', jobId, '-o', busy]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('not empty');
    expect(readdirSync(busy)).toEqual(['keep.txt']);

    const target = join(mkdtempSync(join(tmpdir(), 'sfk-export-')), 'out');
    const bad = await cli(['export', jobId, '-o', target, '--boot-mac', '52:54:00:zz', '--bmc-address', 'https://root:calvin@10.1.1.30']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('[bootMacAddress]');
    expect(bad.err).toContain('[bmcAddress]');
    expect(bad.err).not.toContain('calvin');
    expect(existsSync(target)).toBe(false);
    expect((await cli(['export', jobId])).err).toContain('-o DIR');
  });

  it("an empty folder is fine; the job's audit log records the export", async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sfk-export-empty-'));
    mkdirSync(join(empty, 'x'));
    const r = await cli(['export', jobId, '-o', join(empty, 'x')]);
    expect(r.code, r.err).toBe(0);
    const audit = readFileSync(join(dataDir, 'jobs', jobId, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.filter((e) => e.action === 'handoff.export').at(-1)).toMatchObject({ actor: 'cli', details: { folder: join(empty, 'x') } });
  });
});
