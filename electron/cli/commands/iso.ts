import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared/api/errors';
import { translate } from '../../../shared/i18n/translate';
import type { AfterInstall } from '../../../shared/iso/live-config';
import { IsoService } from '../../services/iso/iso-service';
import { type CliCommand, type CliIo, printUsage } from '../command';

/**
 * `sno-field-kit iso customize|show|remove`: the same embed code as the app, for scripts and for
 * technicians who prefer a terminal. Exit 0 done, 1 the ISO could not be read or written, 2 bad usage.
 */
const AFTER: readonly AfterInstall[] = ['poweroff', 'shell', 'reboot'];

class UsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(argv: string[], options: OptionSpec): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Next to the source: <name>-custom.iso (the CLI has no cache). */
function besideSource(source: string): string {
  return join(dirname(resolve(source)), `${basename(source, extname(source))}-custom.iso`);
}

async function customize(argv: string[], io: CliIo, t: (k: string, p?: Record<string, unknown>) => string): Promise<number> {
  const { values, positionals } = parse(argv, {
    'dest-device': { type: 'string' },
    'dest-ignition': { type: 'string' },
    'network-keyfile': { type: 'string', multiple: true },
    'after-install': { type: 'string' },
    'karg-append': { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    'in-place': { type: 'boolean' },
    force: { type: 'boolean', short: 'f' },
    gzip: { type: 'boolean' },
    'allow-minimal': { type: 'boolean' },
  });
  if (values.help) return usage(io, t, 0);
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new UsageError(t('iso.cli.missingArg', { what: '<source.iso>' }));
  const destDevice = values['dest-device'] as string | undefined;
  const destIgnitionPath = values['dest-ignition'] as string | undefined;
  if (!destDevice) throw new UsageError(t('iso.cli.missingArg', { what: '--dest-device' }));
  if (!destIgnitionPath) throw new UsageError(t('iso.cli.missingArg', { what: '--dest-ignition' }));
  const after = (values['after-install'] as string | undefined) ?? 'poweroff';
  if (!AFTER.includes(after as AfterInstall)) throw new UsageError(t('iso.cli.badAfterInstall'));
  if (values.output && values['in-place']) throw new UsageError(t('iso.cli.unknownOption', { option: '-o + --in-place' }));
  const read = async (path: string) => {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new UsageError(t('iso.cli.readFailed', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
    }
  };
  const destIgnition = await read(destIgnitionPath);
  const keyfiles = [];
  for (const path of (values['network-keyfile'] as string[] | undefined) ?? []) keyfiles.push({ fileName: basename(path), content: await read(path) });
  const service = new IsoService({ cacheDir: () => dirname(resolve(source)) });
  const result = await service.customize({
    sourcePath: source,
    output: values['in-place'] ? { mode: 'inPlace' } : { mode: 'copy', path: (values.output as string | undefined) ?? besideSource(source) },
    spec: { destDevice, destIgnition, keyfiles, afterInstall: after as AfterInstall, kargsAppend: (values['karg-append'] as string[] | undefined) ?? [] },
    force: values.force === true,
    allowMinimal: values['allow-minimal'] === true,
    compression: values.gzip ? 'gzip' : 'xz',
  });
  io.stdout(`${t('iso.cli.wrote', { path: result.outputPath })}\n`);
  if (result.sourceSha256) io.stdout(`sha256 in:  ${result.sourceSha256}\n`);
  // a file handed to a script is an export: its sha256 is computed (and checked) now
  const outputSha256 = result.outputSha256 ?? (result.mode === 'copy' ? (await service.outputSha256({ path: result.outputPath })).sha256 : undefined);
  if (outputSha256) io.stdout(`sha256 out: ${outputSha256}\n`);
  io.stderr(`${t('iso.cli.wipeWarning', { device: destDevice })}\n`);
  return 0;
}

async function show(argv: string[], io: CliIo, t: (k: string, p?: Record<string, unknown>) => string): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, ignition: { type: 'boolean' }, kargs: { type: 'boolean' }, network: { type: 'boolean' } });
  if (values.help) return usage(io, t, 0);
  const path = positionals[0];
  if (!path || positionals.length > 1) throw new UsageError(t('iso.cli.missingArg', { what: '<iso>' }));
  const info = await new IsoService({ cacheDir: () => dirname(resolve(path)) }).inspect(path);
  if (values.json) {
    io.stdout(`${JSON.stringify(info, null, 2)}\n`);
    return 0;
  }
  const all = !values.ignition && !values.kargs && !values.network;
  if (values.ignition || all) {
    if (info.initrd.ignition) io.stdout(info.initrd.ignition.endsWith('\n') ? info.initrd.ignition : `${info.initrd.ignition}\n`);
    else io.stderr(`${t('iso.cli.noIgnition')}\n`);
  }
  if (values.network || all) for (const k of info.initrd.keyfiles) io.stdout(`# ${k.fileName}\n${k.content}${k.content.endsWith('\n') ? '' : '\n'}`);
  if (values.kargs || all) io.stdout(`${info.kargs?.current ?? ''}\n`);
  return 0;
}

async function remove(argv: string[], io: CliIo, t: (k: string, p?: Record<string, unknown>) => string): Promise<number> {
  const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' } });
  if (values.help) return usage(io, t, 0);
  const path = positionals[0];
  if (!path || positionals.length > 1) throw new UsageError(t('iso.cli.missingArg', { what: '<iso>' }));
  const output = values.output as string | undefined;
  const result = await new IsoService({ cacheDir: () => dirname(resolve(path)) }).remove({ path, output: output ? { mode: 'copy', path: output } : { mode: 'inPlace' } });
  io.stdout(`${t('iso.cli.reset', { path: result.outputPath })}\n`);
  return 0;
}

function usage(io: CliIo, t: (k: string) => string, code: number): number {
  return printUsage(io, t('iso.cli.usage'), code);
}

export const isoCommand: CliCommand = {
  name: 'iso',
  summary: translate('en', 'iso.cli.summary'),
  async run(argv, io) {
    const t = (key: string, params?: Record<string, unknown>) => translate(io.lang, key, params);
    const [sub, ...rest] = argv;
    try {
      if (sub === '--help' || sub === '-h' || sub === 'help') return usage(io, t, 0);
      if (sub === 'customize') return await customize(rest, io, t);
      if (sub === 'show') return await show(rest, io, t);
      if (sub === 'remove') return await remove(rest, io, t);
      io.stderr(`${t('iso.cli.unknownOption', { option: sub ?? '' })}\n\n`);
      return usage(io, t, 2);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`${err.message}\n\n`);
        return usage(io, t, 2);
      }
      if (isAppError(err)) {
        io.stderr(`${err.localized(io.lang)}\n`);
        // Invalid values the service refuses are bad input too (exit 2); unreadable/unwritable ISOs are 1.
        return /^iso\.(badDestDevice|badKeyfileName|duplicateKeyfile|kargsTooLong|kargsInvalid|badDestIgnition)$/.test(err.code) ? 2 : 1;
      }
      throw err;
    }
  },
};
