import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createBackend } from '../app/backend';
import { defaultDataDir } from '../services/paths';
import { startBrowserHost } from './browser-host';
import { startPracticeEnvironment, type PracticeTimings } from './practice';
import { AppError } from '../../shared/api/errors';
import { envLanguage } from '../services/env-language';

/**
 * `npm run serve`: the app in a browser. Also what `npm start` falls back to when the Electron
 * binary is missing, and what the end-to-end tests drive with Chromium.
 */
function practiceTimings(v: Record<string, string | boolean | undefined>): PracticeTimings {
  const ms = (name: string) => (typeof v[name] === 'string' && Number(v[name]) > 0 ? Number(v[name]) : undefined);
  const t = { tickMs: ms('practice-tick-ms'), bootAfterDownloadMs: ms('practice-boot-ms'), machinePollMs: ms('practice-poll-ms'), readyAfterMs: ms('practice-ready-ms') };
  return Object.fromEntries(Object.entries(t).filter(([, n]) => n !== undefined));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      practice: { type: 'boolean', default: false },
      'api-url': { type: 'string' },
      'sso-url': { type: 'string' },
      token: { type: 'string' },
      // Practice timings in milliseconds (tests run the practice world faster; defaults suit a technician)
      'practice-tick-ms': { type: 'string' },
      'practice-boot-ms': { type: 'string' },
      'practice-poll-ms': { type: 'string' },
      'practice-ready-ms': { type: 'string' },
    },
  });
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  // SFK_RENDERER_DIR lets parallel test runs serve their own build.
  const staticRoot = process.env.SFK_RENDERER_DIR ? resolve(process.env.SFK_RENDERER_DIR) : resolve(root, 'dist', 'renderer');
  if (!existsSync(resolve(staticRoot, 'index.html'))) {
    console.error('The renderer is not built yet: run `npm run build:renderer` (or `npm run serve`, which builds it) first.');
    process.exit(1);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const practice = values.practice
    ? await startPracticeEnvironment(
        undefined,
        {
          dir: resolve(dataDir, 'practice'),
          standinPath: resolve(root, 'electron', 'practice', 'oc-standin.mjs'),
          baseIsoXzPath: resolve(root, 'resources', 'practice', 'live.x86_64.iso.xz'),
        },
        practiceTimings(values),
      )
    : undefined;
  const overrides = {
    ...(practice?.settings ?? {}),
    ...(values['api-url'] ? { apiUrl: values['api-url'] } : {}),
    ...(values['sso-url'] ? { ssoUrl: values['sso-url'] } : {}),
  };
  const backend = await createBackend({
    dataDir,
    practiceMode: Boolean(practice),
    settingsOverrides: overrides,
    ...(practice?.nodeImage ? { nodeImage: practice.nodeImage.serviceOptions } : {}),
    ...(practice?.kit ? { practiceKit: practice.kit } : {}),
    ...(practice?.cluster ? { practiceCluster: practice.cluster } : {}),
    platform: {
      shell: 'browser',
      appVersion: process.env.npm_package_version ?? '0.0.0',
      systemLanguages: () => [Intl.DateTimeFormat().resolvedOptions().locale, ...(process.env.LANG ? [process.env.LANG.split('.')[0]!.replace('_', '-')] : [])],
      // The browser opens links itself (target=_blank); the host has no window to hand them to.
      openExternal: async () => false,
    },
  });
  const host = await startBrowserHost({
    dispatch: backend.dispatch,
    bus: backend.services.bus,
    logger: backend.services.logger,
    staticRoot,
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values.token ? { token: values.token } : {}),
  });
  // The URL carries the session token: it is printed for the technician (and the tests) only.
  console.log(`SNO Field Kit is running in browser mode. Open: ${host.url}`);
  if (practice) console.log('Practice mode: Red Hat SSO and the Assisted Installer are simulated on this computer.');
  if (practice?.nodeImage) console.log(`Practice cluster (OpenShift ${practice.nodeImage.cluster.version}) for node-image: kubeconfig ${practice.nodeImage.cluster.kubeconfig}`);

  const stop = async () => {
    await host.close();
    await backend.dispose();
    await practice?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // e.g. the data folder is in use by another program: say which, in the terminal's language.
  console.error(err instanceof AppError ? err.localized(envLanguage(process.env)) : err instanceof Error ? err.message : String(err));
  process.exit(1);
});
