import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { translate } from '../../../shared/i18n/translate';
import { AppError } from '../../../shared/api/errors';
import { buildNodeIgnition } from '../../../shared/ignition/node-ignition';
import { validateHostname } from '../../../shared/hostname';
import { blocking } from '../../../shared/network/issue';
import { buildInstallCommand, validateInstallInput } from '../../../shared/coreos-installer';
import { checked } from '../../services/manual/worker-ign';
import type { CliCommand, CliIo } from '../command';
import { formatIssues, guarded, readInput, UsageError } from './manual-cli-util';

/**
 * `sno-field-kit ignition build|inspect|install-command`: the per-node Ignition config, a check of
 * the cluster's worker.ign, and the coreos-installer command, from the same builders as the app.
 */
export const ignitionCommand: CliCommand = {
  name: 'ignition',
  summary: 'Build a per-node Ignition config, inspect worker.ign, print the coreos-installer command',
  run: (argv, io) =>
    guarded(io, async () => {
      const [sub, ...rest] = argv;
      if (!sub || sub === '--help' || sub === '-h') {
        io.stdout(translate(io.lang, 'manual.cli.ignitionHelp'));
        return sub ? 0 : 2;
      }
      if (sub === 'build') return build(rest, io);
      if (sub === 'inspect') return inspect(rest, io);
      if (sub === 'install-command') return installCommand(rest, io);
      throw new UsageError(translate(io.lang, 'manual.cli.unknownSub', { sub, command: 'ignition' }));
    }),
};

async function build(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { hostname: { type: 'string' }, 'worker-ign-url': { type: 'string' }, inline: { type: 'boolean' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) return help(io);
  const hostname = values.hostname ?? '';
  const issues = validateHostname(hostname);
  if (blocking(issues).length > 0) {
    io.stderr(formatIssues(io, issues));
    return 2;
  }
  if (Boolean(values['worker-ign-url']) === Boolean(values.inline)) throw new UsageError(translate(io.lang, 'manual.cli.buildMode'));
  // The worker.ign bytes: hashed for --worker-ign-url (they must be exactly what is served), embedded for --inline.
  const text = await readInput(io, positionals[0]);
  checked(text, 'file', positionals[0] ?? '-', Date.now());
  const url = values['worker-ign-url'];
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new UsageError(translate(io.lang, 'manual.issues.ignitionUrl', { value: url }));
  const config = buildNodeIgnition({
    workerIgn: url ? { url, sha512: createHash('sha512').update(text, 'utf8').digest('hex') } : { inline: text },
    hostname,
  });
  if (values.out) {
    await writeFile(values.out, config, { mode: 0o644 });
    io.stderr(`${values.out} sha512-${createHash('sha512').update(config).digest('hex')}\n`);
  } else io.stdout(config);
  return 0;
}

async function inspect(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return help(io);
  const text = await readInput(io, positionals[0]);
  try {
    const { info } = checked(text, 'file', positionals[0] ?? '-', Date.now());
    if (values.json) io.stdout(`${JSON.stringify(info, null, 2)}\n`);
    else {
      const t = (k: string, p: Record<string, unknown> = {}) => translate(io.lang, `manual.cli.${k}`, p);
      io.stdout(`${t('inspectVersion', { version: info.version })}\n`);
      for (const s of info.mergeSources) io.stdout(`${t('inspectMerge', { source: s })}\n`);
      for (const ca of info.ca) io.stdout(`${t('inspectCa', { subject: ca.subject, notAfter: ca.notAfter })}\n`);
      io.stdout(`sha512-${info.sha512}\n`);
    }
    return 0;
  } catch (err) {
    // A readable file that is not a usable worker.ign is a negative verdict (1), not a usage error.
    if (err instanceof AppError) {
      io.stderr(`${err.localized(io.lang)}\n`);
      return 1;
    }
    throw err;
  }
}

async function installCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      sha512: { type: 'string' },
      file: { type: 'string' },
      device: { type: 'string' },
      'copy-network': { type: 'boolean' },
      'insecure-ignition': { type: 'boolean' },
      'append-karg': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(io);
  let sha = values.sha512;
  if (values.file)
    sha = createHash('sha512')
      .update(await readInput(io, values.file), 'utf8')
      .digest('hex');
  const input = {
    device: values.device ?? '',
    ignitionUrl: values.url ?? '',
    ...(sha ? { ignitionSha512: sha } : {}),
    ...(values['insecure-ignition'] ? { insecureIgnition: true } : {}),
    copyNetwork: values['copy-network'] ?? false,
    appendKargs: values['append-karg'] ?? [],
  };
  const issues = validateInstallInput(input);
  if (issues.length > 0) io.stderr(formatIssues(io, issues));
  if (blocking(issues).length > 0) return 2;
  io.stdout(`${buildInstallCommand(input)}\n`);
  return 0;
}

function help(io: CliIo): number {
  io.stdout(translate(io.lang, 'manual.cli.ignitionHelp'));
  return 0;
}
