import { parseArgs } from 'node:util';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { translate } from '../../../shared/i18n/translate';
import { networkModelSchema, validateNetwork, type NetworkModel } from '../../../shared/network/model';
import { blocking, type Issue } from '../../../shared/network/issue';
import { parseNetworkYaml } from '../../../shared/network/nmstate-parse';
import { jsonProblem, ParseError, parseProblemParams } from '../../../shared/parse/parse-problem';
import { toKeyfiles } from '../../../shared/network/keyfile';
import { toNmcliScript } from '../../../shared/network/nmcli';
import { toNmstateYaml, toNmStateConfig } from '../../../shared/network/nmstate';
import { parseCidr } from '../../../shared/network/ip';
import { writeFileAtomic } from '../../services/fs/atomic-write';
import type { CliCommand, CliIo } from '../command';
import { formatIssues, guarded, inputName, readInput, UsageError } from './manual-cli-util';

const FORMATS = ['nmcli', 'keyfile', 'nmstate', 'nmstateconfig', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `sno-field-kit network validate|render|static`: one network description (the app's JSON model,
 * nmstate YAML, an NMStateConfig or a ZTP SiteConfig) checked and rendered as nmcli commands,
 * keyfiles, nmstate YAML or an NMStateConfig.
 */
export const networkCommand: CliCommand = {
  name: 'network',
  summary: 'Validate a node network and render it as nmcli, keyfiles, nmstate or NMStateConfig',
  run: (argv, io) =>
    guarded(io, async () => {
      const [sub, ...rest] = argv;
      if (!sub || sub === '--help' || sub === '-h') {
        io.stdout(translate(io.lang, 'manual.cli.networkHelp'));
        return sub ? 0 : 2;
      }
      if (sub === 'validate') return validate(rest, io);
      if (sub === 'render') return render(rest, io);
      if (sub === 'static') return fromFlags(rest, io);
      throw new UsageError(translate(io.lang, 'manual.cli.unknownSub', { sub, command: 'network' }));
    }),
};

const renderOptions = {
  format: { type: 'string', short: 'f', default: 'nmcli' },
  style: { type: 'string', default: 'add' },
  'out-dir': { type: 'string' },
  name: { type: 'string' },
  namespace: { type: 'string' },
  label: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** JSON model, or nmstate / NMStateConfig / SiteConfig YAML (the first network found). */
function parseModel(io: CliIo, text: string, file: string): { model: NetworkModel; issues: Issue[] } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new UsageError(translate(io.lang, 'manual.cli.badJson', parseProblemParams(jsonProblem(text, file))));
    }
    const parsed = networkModelSchema.safeParse(doc);
    if (parsed.success) return { model: parsed.data, issues: [] };
  }
  let found;
  try {
    found = parseNetworkYaml(text, file);
  } catch (err) {
    if (err instanceof ParseError) throw new UsageError(translate(io.lang, 'manual.cli.badYaml', parseProblemParams(err.problem)));
    throw err;
  }
  if (found.length === 0) throw new UsageError(translate(io.lang, 'manual.cli.noNetwork'));
  return { model: found[0]!.model, issues: found[0]!.issues };
}

async function validate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return help(io);
  const { model, issues: parseIssues } = parseModel(io, await readInput(io, positionals[0]), inputName(positionals[0]));
  const issues = [...parseIssues, ...validateNetwork(model)];
  io.stdout(issues.length > 0 ? formatIssues(io, issues) : `${translate(io.lang, 'manual.cli.valid')}\n`);
  return blocking(issues).length > 0 ? 1 : 0;
}

async function render(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: renderOptions, allowPositionals: true });
  if (values.help) return help(io);
  const { model, issues } = parseModel(io, await readInput(io, positionals[0]), inputName(positionals[0]));
  return emit(io, model, [...issues, ...validateNetwork(model)], values);
}

async function fromFlags(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...renderOptions,
      iface: { type: 'string' },
      mac: { type: 'string' },
      ip: { type: 'string', multiple: true },
      gateway: { type: 'string', multiple: true },
      dns: { type: 'string' },
      search: { type: 'string' },
      mtu: { type: 'string' },
      dhcp: { type: 'boolean' },
    },
  });
  if (values.help) return help(io);
  if (!values.iface) throw new UsageError(translate(io.lang, 'manual.cli.needIface'));
  const v4: { ip: string; prefixLength: number }[] = [];
  const v6: { ip: string; prefixLength: number }[] = [];
  for (const cidr of values.ip ?? []) {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new UsageError(translate(io.lang, 'manual.cli.badCidr', { value: cidr }));
    (parsed.ip.family === 4 ? v4 : v6).push({ ip: cidr.slice(0, cidr.indexOf('/')), prefixLength: parsed.prefix });
  }
  const gateways = values.gateway ?? [];
  const gw4 = gateways.find((g) => !g.includes(':'));
  const gw6 = gateways.find((g) => g.includes(':'));
  const mtu = values.mtu !== undefined ? Number(values.mtu) : undefined;
  if (mtu !== undefined && !Number.isInteger(mtu)) throw new UsageError(translate(io.lang, 'manual.issues.mtuRange', { mtu: values.mtu, min: 576, max: 9216 }));
  const ipCfg = (addrs: typeof v4, gw: string | undefined) =>
    addrs.length > 0
      ? { mode: 'static' as const, addresses: addrs, ...(gw ? { gateway: gw } : {}) }
      : values.dhcp
        ? { mode: 'dhcp' as const, addresses: [] }
        : { mode: 'disabled' as const, addresses: [] };
  const model: NetworkModel = {
    interfaces: [{ name: values.iface, type: 'ethernet', ...(values.mac ? { macAddress: values.mac } : {}), ...(mtu !== undefined ? { mtu } : {}), ipv4: ipCfg(v4, gw4), ipv6: ipCfg(v6, gw6) }],
    dns: { servers: splitList(values.dns), search: splitList(values.search) },
    routes: [],
  };
  return emit(io, model, validateNetwork(model), values);
}

async function emit(
  io: CliIo,
  model: NetworkModel,
  issues: Issue[],
  values: { format?: string; style?: string; 'out-dir'?: string; name?: string; namespace?: string; label?: string[] },
): Promise<number> {
  const format = (values.format ?? 'nmcli') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(translate(io.lang, 'manual.cli.badFormat', { value: format, formats: FORMATS.join(', ') }));
  if (values.style !== 'add' && values.style !== 'modify') throw new UsageError(translate(io.lang, 'manual.cli.badStyle', { value: String(values.style) }));
  if (issues.length > 0) io.stderr(formatIssues(io, issues));
  if (blocking(issues).length > 0) return 2;
  switch (format) {
    case 'nmcli':
      io.stdout(toNmcliScript(model, { style: values.style }));
      break;
    case 'nmstate':
      io.stdout(toNmstateYaml(model));
      break;
    case 'json':
      io.stdout(`${JSON.stringify(model, null, 2)}\n`);
      break;
    case 'nmstateconfig': {
      if (!values.name || !values.namespace) throw new UsageError(translate(io.lang, 'manual.cli.needNameNamespace'));
      if (!model.interfaces.some((i) => i.macAddress)) throw new UsageError(translate(io.lang, 'manual.issues.nmStateConfigNeedsMac'));
      const labels = Object.fromEntries((values.label ?? []).map((l) => [l.slice(0, l.indexOf('=') < 0 ? l.length : l.indexOf('=')), l.includes('=') ? l.slice(l.indexOf('=') + 1) : '']));
      io.stdout(toNmStateConfig(model, { name: values.name, namespace: values.namespace, labels }));
      break;
    }
    case 'keyfile': {
      const files = toKeyfiles(model);
      if (values['out-dir']) {
        await mkdir(values['out-dir'], { recursive: true });
        // NetworkManager ignores keyfiles readable by others: always 0600.
        for (const f of files) await writeFileAtomic(join(values['out-dir'], f.fileName), f.content, 0o600);
        io.stderr(`${files.map((f) => join(values['out-dir']!, f.fileName)).join('\n')}\n`);
      } else io.stdout(files.map((f) => `# ${f.fileName}\n${f.content}`).join('\n'));
      break;
    }
  }
  return 0;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function help(io: CliIo): number {
  io.stdout(translate(io.lang, 'manual.cli.networkHelp'));
  return 0;
}
