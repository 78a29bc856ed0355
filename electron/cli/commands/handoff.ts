import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { translate, languages, type Language } from '../../../shared/i18n/translate';
import { fleetOptionsSchema, type FleetOptions } from '../../../shared/handoff/fleet-options';
import { JobStore } from '../../services/jobs/job-store';
import { HandoffService } from '../../services/handoff/handoff-service';
import { systemClock } from '../../services/clock';
import { defaultDataDir } from '../../services/paths';
import { writeFileAtomic } from '../../services/fs/atomic-write';
import type { CliCommand, CliIo } from '../command';
import { formatIssues, guarded, UsageError } from './manual-cli-util';
import { AppError } from '../../../shared/api/errors';
import type { Issue } from '../../../shared/network/issue';
import packageJson from '../../../package.json';

/** The app's jobs as the CLI sees them: the same data folder (SFK_DATA_DIR overrides it). */
function service(io: CliIo): { handoff: HandoffService; dataDir: string } {
  const dataDir = defaultDataDir(io.env);
  // The CLI never acts as anyone: audit entries it writes say so.
  const jobs = new JobStore(
    dataDir,
    systemClock,
    () => undefined,
    () => 'cli',
  );
  return { handoff: new HandoffService({ jobs, clock: systemClock, appVersion: packageJson.version }), dataDir };
}

function langOf(io: CliIo, value: string | undefined): Language {
  if (value === undefined) return io.lang;
  if (!(languages as readonly string[]).includes(value)) throw new UsageError(translate(io.lang, 'handoff.cli.badLang', { value }));
  return value as Language;
}

type Flags = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(argv: string[], options: Flags): { values: Record<string, unknown>; positionals: string[] } {
  const parsed = parseArgs({ args: argv, options: { ...options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  return { values: parsed.values as Record<string, unknown>, positionals: parsed.positionals };
}

/** `sno-field-kit report JOB_ID [-o FILE] [--lang …]`: the site report, as the app makes it. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: "Write a job's site report (self-contained HTML)",
  run: (argv, io) =>
    guarded(io, async () => {
      const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' } });
      if (values.help) return help(io, 'handoff.cli.reportHelp', 0);
      const lang = langOf(io, values.lang as string | undefined);
      const { handoff, dataDir } = service(io);
      const jobId = positionals[0];
      if (!jobId || positionals.length > 1) throw new UsageError(translate(io.lang, 'handoff.cli.missingJob', { dir: resolve(dataDir, 'jobs') }));
      const { html } = await handoff.report(jobId, lang);
      const out = values.output as string | undefined;
      if (!out || out === '-') {
        io.stdout(html);
        return 0;
      }
      await writeFileAtomic(resolve(out), html, 0o644).catch((err: NodeJS.ErrnoException) => {
        throw new AppError('handoff.writeFailed', { path: resolve(out), reason: err.code ?? err.message });
      });
      io.stderr(`${translate(io.lang, 'handoff.cli.written', { path: resolve(out) })}\n`);
      return 0;
    }),
};

const exportFlags: Flags = {
  output: { type: 'string', short: 'o' },
  namespace: { type: 'string' },
  cluster: { type: 'string' },
  infraenv: { type: 'string' },
  node: { type: 'string' },
  'boot-mac': { type: 'string' },
  'bmc-address': { type: 'string' },
  'bmc-credentials': { type: 'string' },
  'pull-secret-name': { type: 'string' },
  'ssh-key-file': { type: 'string' },
  'template-namespace': { type: 'string' },
};

/** Flags override what the job recorded, field by field. */
async function optionsFrom(io: CliIo, defaults: FleetOptions, values: Record<string, unknown>): Promise<FleetOptions> {
  const v = (k: string) => values[k] as string | undefined;
  const keyFile = v('ssh-key-file');
  let sshPublicKey = defaults.sshPublicKey;
  if (keyFile) {
    sshPublicKey = await readFile(keyFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(translate(io.lang, 'manual.cli.unreadable', { path: keyFile, reason: err.code ?? String(err) }));
    });
  }
  return fleetOptionsSchema.parse({
    ...defaults,
    ...(v('namespace') !== undefined ? { namespace: v('namespace') } : {}),
    ...(v('cluster') !== undefined ? { clusterName: v('cluster') } : {}),
    ...(v('infraenv') !== undefined ? { infraEnvName: v('infraenv') } : {}),
    ...(v('node') !== undefined ? { nodeName: v('node') } : {}),
    ...(v('boot-mac') !== undefined ? { bootMacAddress: v('boot-mac') } : {}),
    ...(v('bmc-address') !== undefined ? { bmcAddress: v('bmc-address') } : {}),
    ...(v('bmc-credentials') !== undefined ? { bmcCredentialsName: v('bmc-credentials') } : {}),
    ...(v('pull-secret-name') !== undefined ? { pullSecretName: v('pull-secret-name') } : {}),
    ...(v('template-namespace') !== undefined ? { templateNamespace: v('template-namespace') } : {}),
    sshPublicKey,
  });
}

/** `sno-field-kit export JOB_ID -o DIR [flags]`: the fleet export into a new or empty folder. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a job as ACM / GitOps ZTP manifests (InfraEnv, NMStateConfig, BareMetalHost, ZTP node entries)',
  run: (argv, io) =>
    guarded(io, async () => {
      const { values, positionals } = parse(argv, exportFlags);
      if (values.help) return help(io, 'handoff.cli.exportHelp', 0);
      const lang = langOf(io, values.lang as string | undefined);
      const { handoff, dataDir } = service(io);
      const jobId = positionals[0];
      if (!jobId || positionals.length > 1) throw new UsageError(translate(io.lang, 'handoff.cli.missingJob', { dir: resolve(dataDir, 'jobs') }));
      const out = values.output as string | undefined;
      if (!out) throw new UsageError(translate(io.lang, 'handoff.cli.missingOutput'));
      const options = await optionsFrom(io, await handoff.fleetDefaults(jobId), values);
      try {
        const result = await handoff.exportFleet(jobId, lang, options, resolve(out));
        for (const s of result.skipped) io.stderr(`${translate(io.lang, 'handoff.cli.skipped', { reason: translate(io.lang, `handoff.fleet.skipped.${s.key}`, s.params ?? {}) })}\n`);
        io.stdout(`${result.files.map((f) => f.path).join('\n')}\n`);
        io.stderr(`${translate(io.lang, 'handoff.cli.exported', { count: result.files.length, folder: result.folder })}\n`);
        return 0;
      } catch (err) {
        // Field-level problems: one line per flag, like `network validate`.
        if (err instanceof AppError && err.code === 'handoff.invalidOptions') throw new UsageError(formatIssues(io, err.details as Issue[]).trimEnd());
        throw err;
      }
    }),
};

function help(io: CliIo, key: string, code: number): number {
  io.stdout(translate(io.lang, key));
  return code;
}
