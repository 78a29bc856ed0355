import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { isAppError } from '../../../shared/api/errors';
import { translate } from '../../../shared/i18n/translate';
import { jsonProblem, parseProblemParams, yamlProblem, type ParseProblem } from '../../../shared/parse/parse-problem';
import { judgeCsr, csrCondition, planApprovals, type CsrVerdict, type ExpectedWorker } from '../../../shared/csr/verdict';
import type { CsrObject, NodeAddress } from '../../../shared/csr/types';
import { isIpOrCidr } from '../../../shared/csr/ip';
import { parseCsrRequest } from '../../services/cluster/csr-parse';
import { openKubeAccess, type KubeAccessOptions } from '../../services/cluster/kube-access';
import { type CliCommand, type CliIo, printUsage } from '../command';

/**
 * `sno-field-kit csr list|check|approve`: the app's CSR checklist for scripts and for sites without
 * the app. Exit codes: 0 approve (or done), 1 reject / not approvable now, 2 bad input, 3 not for this node.
 */
class UsageError extends Error {}

const EXIT: Record<CsrVerdict['verdict'], number> = { approve: 0, reject: 1, wait: 1, done: 1, ignore: 3 };

type T = (key: string, params?: Record<string, unknown>) => string;

const common = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'insecure-skip-tls-verify': { type: 'boolean' },
  node: { type: 'string' },
  address: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[], extra: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {}): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...common, ...extra }, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, unknown>, positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function expectedFrom(values: Record<string, unknown>, t: T, required: boolean): ExpectedWorker | undefined {
  const node = (values.node as string | undefined)?.trim();
  if (!node) {
    if (required) throw new UsageError(t('cluster.cli.missingNode'));
    return undefined;
  }
  const addresses = ((values.address as string[] | undefined) ?? [])
    .flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter(Boolean);
  for (const a of addresses) if (!isIpOrCidr(a)) throw new UsageError(t('cluster.cli.badAddress', { value: a }));
  return { nodeName: node, addresses };
}

function accessOptions(values: Record<string, unknown>): KubeAccessOptions {
  return {
    ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig as string } : {}),
    ...(values.context ? { context: values.context as string } : {}),
    ...(values['insecure-skip-tls-verify'] ? { insecureSkipTlsVerify: true } : {}),
  };
}

export function describeVerdict(v: CsrVerdict, t: T): string[] {
  const lines = [`${v.name}: ${t(`cluster.cli.verdict.${v.verdict}`)}${v.nodeName ? ` (node ${v.nodeName})` : ''}`];
  for (const c of v.checks) {
    const mark = c.outcome === 'ok' ? '  ✓' : c.outcome === 'warn' ? '  !' : '  ✗';
    lines.push(`${mark} ${t(`cluster.checks.${c.id}.${c.outcome}`, c.params)}`);
  }
  return lines;
}

async function check(argv: string[], io: CliIo, t: T): Promise<number> {
  const { values, positionals } = parse(argv, { 'node-exists': { type: 'boolean' }, 'node-address': { type: 'string', multiple: true }, json: { type: 'boolean' } });
  if (values.help) return usage(io, t, 0);
  const expected = expectedFrom(values, t, true)!;
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new UsageError(t('cluster.cli.missingFile'));
  let text: string;
  try {
    text = source === '-' ? await readStream(io.stdin) : await readFile(source, 'utf8');
  } catch (err) {
    throw new UsageError(t('cluster.cli.unreadable', { path: source, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
  }
  const doc = parseCsrFile(text, source === '-' ? 'stdin' : source, t);
  const list = doc as { kind?: string; items?: unknown[] };
  const csr = (list?.kind?.endsWith('List') && list.items?.length === 1 ? list.items[0] : doc) as CsrObject;
  if (!csr || typeof csr !== 'object' || !csr.metadata?.name || !csr.spec?.request || !csr.spec.signerName) throw new UsageError(t('cluster.cli.notCsr'));
  const nodeAddresses: NodeAddress[] = ((values['node-address'] as string[] | undefined) ?? []).map((pair) => {
    const m = /^(InternalIP|ExternalIP|Hostname|InternalDNS|ExternalDNS)=(.+)$/.exec(pair);
    if (!m) throw new UsageError(t('cluster.cli.badNodeAddress', { value: pair }));
    return { type: m[1]!, address: m[2]! };
  });
  const verdict = judgeCsr(csr, await parseCsrRequest(csr.spec.request), { expected, node: { exists: values['node-exists'] === true || nodeAddresses.length > 0, addresses: nodeAddresses } });
  if (values.json) io.stdout(`${JSON.stringify(verdict, null, 2)}\n`);
  else io.stdout(`${describeVerdict(verdict, t).join('\n')}\n`);
  return EXIT[verdict.verdict];
}

/** JSON or YAML; a bad file is told as where and what (the parsers' messages quote the text). */
function parseCsrFile(text: string, file: string, t: T): unknown {
  const json = /^\s*[{[]/.test(text);
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const problem: ParseProblem = (json ? jsonProblem(text, file) : yamlProblem(err, file)) ?? { file, format: 'YAML', kind: 'syntax', line: 1, column: 1 };
    throw new UsageError(t('cluster.cli.notParsable', parseProblemParams(problem)));
  }
}

async function judgeLive(values: Record<string, unknown>, expected: ExpectedWorker | undefined) {
  const access = await openKubeAccess(accessOptions(values));
  const { items } = await access.listCsrs();
  const node = expected ? await access.getNode(expected.nodeName) : undefined;
  const judged = await Promise.all(
    items.map(async (csr) => ({
      csr,
      verdict: judgeCsr(csr, await parseCsrRequest(csr.spec.request), { expected: expected ?? { nodeName: '\u0000' }, node: { exists: !!node, addresses: node?.status?.addresses ?? [] } }),
    })),
  );
  return { access, judged, node };
}

async function list(argv: string[], io: CliIo, t: T): Promise<number> {
  const { values } = parse(argv);
  if (values.help) return usage(io, t, 0);
  const expected = expectedFrom(values, t, false);
  const { judged } = await judgeLive(values, expected);
  const rows = judged
    .sort((a, b) => (a.csr.metadata.creationTimestamp ?? '').localeCompare(b.csr.metadata.creationTimestamp ?? ''))
    .map(({ csr, verdict }) => [
      csr.metadata.name,
      age(csr.metadata.creationTimestamp),
      csr.spec.signerName,
      csr.spec.username ?? '',
      csrCondition(csr),
      ...(expected ? [verdict.verdict.toUpperCase()] : []),
    ]);
  const header = ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'CONDITION', ...(expected ? ['VERDICT'] : [])];
  io.stdout(`${table([header, ...rows])}\n`);
  return 0;
}

async function approve(argv: string[], io: CliIo, t: T): Promise<number> {
  const { values, positionals } = parse(argv, { 'all-valid': { type: 'boolean' } });
  if (values.help) return usage(io, t, 0);
  const expected = expectedFrom(values, t, true)!;
  if (!values['all-valid'] && positionals.length === 0) throw new UsageError(t('cluster.cli.missingNames'));
  const { access, judged } = await judgeLive(values, expected);
  const plan = planApprovals(judged);
  const names = values['all-valid'] ? plan.approve : positionals;
  if (names.length === 0) {
    io.stdout(`${t('cluster.csr.nothingToApprove')}\n`);
    return 1;
  }
  let refused = 0;
  const order = (n: string) => (judged.find((j) => j.csr.metadata.name === n)?.verdict.kind === 'client' ? 0 : 1);
  for (const name of [...names].sort((a, b) => order(a) - order(b))) {
    const found = judged.find((j) => j.csr.metadata.name === name);
    if (!found || found.verdict.verdict !== 'approve' || plan.superseded.includes(name)) {
      refused++;
      io.stderr(`${found ? describeVerdict(found.verdict, t).join('\n') : t('cluster.errors.csrNotFound', { name })}\n`);
      continue;
    }
    await access.approveCsr(name, { reason: 'SnoFieldKitApprove', message: `Approved by sno-field-kit csr approve for node ${expected.nodeName} after identity checks.` }, async (fresh) => {
      const node = await access.getNode(expected.nodeName);
      const again = judgeCsr(fresh, await parseCsrRequest(fresh.spec.request), { expected, node: { exists: !!node, addresses: node?.status?.addresses ?? [] } });
      if (again.verdict !== 'approve') throw new UsageError(describeVerdict(again, t).join('\n'));
    });
    io.stdout(`${t('cluster.csr.approved', { name })}\n`);
  }
  return refused ? 1 : 0;
}

function usage(io: CliIo, t: T, code: number): number {
  return printUsage(io, `${t('cluster.cli.usage')}\n`, code);
}

export const csrCommand: CliCommand = {
  name: 'csr',
  summary: "List, check and approve a new worker's certificate signing requests (identity-checked)",
  async run(argv, io) {
    const t: T = (key, params) => translate(io.lang, key, params as Record<string, string | number>);
    const [sub, ...rest] = argv;
    try {
      if (sub === 'check') return await check(rest, io, t);
      if (sub === 'list') return await list(rest, io, t);
      if (sub === 'approve') return await approve(rest, io, t);
      return usage(io, t, sub === undefined || sub === '--help' || sub === '-h' ? 0 : 2);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`${err.message}\n`);
        return 2;
      }
      if (isAppError(err)) {
        io.stderr(`${err.localized(io.lang)}\n`);
        return 1;
      }
      throw err;
    }
  },
};

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')).join('\n');
}

function age(iso?: string): string {
  if (!iso) return '';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.floor(s / 60)}m` : s < 172800 ? `${Math.floor(s / 3600)}h` : `${Math.floor(s / 86400)}d`;
}
