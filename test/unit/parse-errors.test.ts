import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/main';
import { loadKubeConfig } from '../../electron/services/cluster/kube-access';
import { createSettingsStore, DEFAULT_SETTINGS } from '../../electron/services/settings/settings-store';
import { parseNetworkYaml } from '../../shared/network/nmstate-parse';
import { AppError } from '../../shared/api/errors';
import type { Language } from '../../shared/i18n';
import { startTestBackend } from '../support/backend';

// Every file a technician hands the app, made unparsable with something secret-looking inside: the
// error (en and zh-CN), the CLI output and app.log name the file, position and kind, never the text.
// (Generated look-alike data; no real hashes or keys.)
const SHADOW = 'root:$6$Qx8vN2pL$Zk3mW9tYbR4cJ7hF1sD6gA0eU5iO8nM2qV3xB7yT4wK9lP1jH6fG0dS5aZ2cX8:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n';
const SHADOW_WORDS = ['root:', '$6$', 'Qx8vN2pL', 'Zk3mW9tY', 'daemon'];
const dir = () => mkdtempSync(join(tmpdir(), 'sfk-parse-'));

function expectNoContent(text: string, words: string[]): void {
  for (const w of words) expect(text).not.toContain(w);
}

async function cli(argv: string[], stdin = '', lang: Language = 'en') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: (t) => (out += t), stderr: (t) => (err += t), lang, env: {} });
  return { code, out, err };
}

describe('parse errors name the file, position and kind, never the content', () => {
  it('worker.ign: /etc/shadow picked by mistake, through the API, in both languages and in app.log', async () => {
    const { api, backend, dataDir } = await startTestBackend();
    const shadow = join(dir(), 'shadow');
    writeFileSync(shadow, SHADOW);
    const job = await api.call('jobs.create', { kind: 'manual', title: 'worker-1' });
    const err = await api.call('manual.loadWorkerIgn', { jobId: job.id, from: 'file', path: shadow }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    await backend.dispose();
    expect(err).toMatchObject({ code: 'manual.workerIgnNotJson', params: { origin: shadow, kind: 'unexpectedCharacter', line: '1', column: '1' } });
    const again = AppError.fromWire(err!);
    expect(again.message).toBe(`worker.ign from ${shadow} is not valid JSON: unexpected character at line 1, column 1. Extract it again; the file may be truncated or not a worker.ign at all.`);
    expect(again.localized('zh-CN')).toContain('第 1 行第 1 列有意外的字符');
    const log = readFileSync(join(dataDir, 'logs', 'app.log'), 'utf8');
    expect(log).toContain('unexpected character at line 1, column 1');
    expectNoContent(JSON.stringify(err) + again.localized('zh-CN') + log, SHADOW_WORDS);
  });

  it('kubeconfig: a YAML error is told by file, line and column (js-yaml quotes the lines around it)', () => {
    const file = join(dir(), 'kubeconfig');
    writeFileSync(file, 'apiVersion: v1\nusers:\n- name: admin\n  user:\n    client-key-data: *LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk\n');
    let caught: unknown;
    try {
      loadKubeConfig(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'cluster.kubeconfigNotYaml', params: { file, format: 'YAML', kind: 'syntax', line: 5, column: 23 } });
    const e = caught as AppError;
    expectNoContent(e.message + e.localized('zh-CN'), ['LS0tLS1C', 'client-key-data', 'admin']);
  });

  it('nmstate YAML in the wizard and the CLI; JSON network models in the CLI', async () => {
    const yaml = 'interfaces:\n- name: eth0\n  description: "hunter2-passphrase\n  bad: [\n';
    expect(() => parseNetworkYaml(yaml, 'site.yaml')).toThrow(expect.objectContaining({ code: 'common.parseFailed', params: expect.objectContaining({ file: 'site.yaml', format: 'YAML' }) }));
    const file = join(dir(), 'site.yaml');
    writeFileSync(file, yaml);
    for (const lang of ['en', 'zh-CN'] as const) {
      const r = await cli(['network', 'validate', file], '', lang);
      expect(r.code).toBe(2);
      expect(r.err).toContain(file);
      expect(r.err).toMatch(lang === 'en' ? /is not valid YAML: .* line \d+, column \d+/ : /不是有效的 YAML：.*第 \d+ 行/);
      expectNoContent(r.err, ['hunter2', 'eth0', 'description']);
    }
    const json = await cli(['network', 'validate', '-'], '{"interfaces": [{"name": "eth0", "token": sha256~abcdefghijklmnop}]}');
    expect(json.code).toBe(2);
    expect(json.err).toBe('stdin is not valid JSON: unexpected character at line 1, column 43.\n');
  });

  it('CSR files given to `csr check`, as JSON and as YAML', async () => {
    const d = dir();
    writeFileSync(join(d, 'csr.json'), '{"metadata": {"name": "csr-abc"}, "spec": {"request": LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNU}}');
    writeFileSync(join(d, 'csr.yaml'), 'metadata:\n  name: csr-abc\nspec:\n  request: "LS0tLS1CRUdJTiBDRVJU\n bad: [\n');
    const j = await cli(['csr', 'check', join(d, 'csr.json'), '--node', 'worker-1']);
    expect(j.code).toBe(2);
    expect(j.err).toBe(`${join(d, 'csr.json')} is neither JSON nor YAML: unexpected character at line 1, column 55.\n`);
    const y = await cli(['csr', 'check', join(d, 'csr.yaml'), '--node', 'worker-1'], '', 'zh-CN');
    expect(y.code).toBe(2);
    expect(y.err).toMatch(/csr\.yaml 既不是 JSON 也不是 YAML：.*第 \d+ 行/);
    expectNoContent(j.err + y.err, ['LS0tLS1C', 'csr-abc', 'request']);
  });

  it('settings.json that is not JSON: set aside, defaults used, the problem reported without content', async () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), `{"settings": {"apiUrl": "https://api.openshift.com",\n  ${SHADOW}`);
    const store = createSettingsStore(d, {});
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const damaged = store.damaged();
    expect(damaged).toMatchObject({ problem: 'notJson', detail: 'line 2, column 3: unexpectedCharacter', keptAs: expect.stringContaining(join(d, 'settings.json.damaged-')) });
    expectNoContent(JSON.stringify(damaged), SHADOW_WORDS);
    expect(readFileSync(damaged!.keptAs!, 'utf8')).toContain(SHADOW);
    store.update({ language: 'zh-CN' });
    expect(createSettingsStore(d).get().language).toBe('zh-CN');

    // The app starts on such a file and says so in app.log, without the content.
    const d2 = dir();
    writeFileSync(join(d2, 'settings.json'), SHADOW);
    const { backend, dataDir } = await startTestBackend({ dataDir: d2 });
    await backend.dispose();
    const log = readFileSync(join(dataDir, 'logs', 'app.log'), 'utf8');
    expect(log).toContain('"problem":"notJson"');
    expect(log).toContain('unexpectedCharacter');
    expectNoContent(log, SHADOW_WORDS);
    expect(readdirSync(d2).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);
  });
});
