import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { startPracticeEnvironment, type PracticeEnvironment } from '../../../electron/host/practice';
import type { Backend } from '../../../electron/app/backend';
import { startTestBackend } from '../../support/backend';
import { baseIsoXzPath } from './kit';

let env: PracticeEnvironment | undefined;
let backend: Backend | undefined;
const kubeconfigBefore = process.env.KUBECONFIG;
afterAll(async () => {
  await backend?.dispose();
  await env?.close();
  if (kubeconfigBefore === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = kubeconfigBefore;
});

const root = resolve(__dirname, '..', '..', '..');

describe('practice mode reaches no real service (issue 15)', () => {
  it('points every configured URL at 127.0.0.1 and never saves them over the technician’s own settings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfk-practice-env-'));
    env = await startPracticeEnvironment(undefined, { dir: join(dataDir, 'practice'), standinPath: join(root, 'electron', 'practice', 'oc-standin.mjs'), baseIsoXzPath });
    const started = await startTestBackend({ dataDir, practiceMode: true, settingsOverrides: env.settings, ...(env.kit ? { practiceKit: env.kit } : {}) });
    backend = started.backend;
    const { api } = started;
    const settings = await api.call('settings.get');
    const sources = await api.call('artifacts.getSettings');
    const kit = await api.call('practice.kit');
    const urls = [settings.apiUrl, settings.ssoUrl, sources.mirrorBaseUrl, kit.consoleUrl, kit.mirrorBaseUrl];
    expect(urls.map((u) => new URL(u).hostname)).toEqual(urls.map(() => '127.0.0.1'));
    // A save in practice mode keeps the practice URLs in force and writes none of them to disk; a value
    // the technician chose is kept as theirs (it applies again outside practice mode).
    await api.call('settings.update', { language: 'zh-CN', apiUrl: 'https://api.example.com' });
    await api.call('artifacts.updateSettings', { mirrorBaseUrl: 'https://mirror.example.com/pub' });
    expect(new URL((await api.call('settings.get')).apiUrl).hostname).toBe('127.0.0.1');
    const saved = readFileSync(join(dataDir, 'settings.json'), 'utf8') + readFileSync(join(dataDir, 'artifacts-settings.json'), 'utf8');
    expect(saved).not.toContain('127.0.0.1');
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).settings).toMatchObject({ language: 'zh-CN', apiUrl: 'https://api.example.com' });
  });

  it('loads practice code only by dynamic import: outside electron/practice, nothing imports it statically', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const offenders = files(join(root, 'electron'))
      .filter((f) => !relative(root, f).startsWith(join('electron', 'practice')))
      .filter((f) => /^import (?!type )[^;]*from '[^']*\/practice\//m.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
