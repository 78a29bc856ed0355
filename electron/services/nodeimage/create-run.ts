import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStatus } from '../../../shared/api/domains/nodeimage';
import { laterPhase, parseOcLine, progressOf, type PhaseId } from '../../../shared/nodeimage/oc-output';
import { adviseFailure, parseReport, type ReportSummary } from '../../../shared/nodeimage/report';
import { startOcProcess, type OcExit, type OcProcess } from './oc-process';

export interface RunInput {
  runId: string;
  ocPath: string;
  /** The --dir: holds nodes-config.yaml, receives the ISO (and report.json on failure) */
  dir: string;
  kubeconfig: string;
  context?: string;
  insecure?: boolean;
  pullSecretPath?: string;
  env: Record<string, string>;
  logFile: string;
  now: () => Date;
  onStatus: (status: RunStatus, line?: string) => void;
  graceMs?: number;
}

export interface RunResult {
  status: RunStatus;
  /** The ISO oc wrote into --dir (node.<arch>.iso) */
  iso?: { path: string; arch?: string };
  report?: ReportSummary;
}

const TAIL_LINES = 200;

/** The command line of one run: the real oc's flags (pkg/cli/admin/nodeimage/create.go and oc's global flags). */
export function createArgs(input: Pick<RunInput, 'dir' | 'kubeconfig' | 'context' | 'insecure' | 'pullSecretPath'>): string[] {
  return [
    'adm',
    'node-image',
    'create',
    `--dir=${input.dir}`,
    `--kubeconfig=${input.kubeconfig}`,
    ...(input.context ? [`--context=${input.context}`] : []),
    ...(input.insecure ? ['--insecure-skip-tls-verify=true'] : []),
    ...(input.pullSecretPath ? [`--registry-config=${input.pullSecretPath}`] : []),
  ];
}

/**
 * One `oc adm node-image create`: clears what an earlier run left in --dir (so an old ISO or report
 * is never taken for this run's), follows the output as phases, and on exit reads report.json and
 * finds the ISO, turning any failure into advice.
 */
export class CreateRun {
  readonly status: RunStatus;
  #process?: OcProcess;
  #cancelled = false;
  #phase: PhaseId = 'start';
  readonly #tail: string[] = [];

  constructor(private readonly input: RunInput) {
    this.status = { runId: input.runId, state: 'running', startedAt: input.now().toISOString(), phase: 'start', fraction: 0, logFile: input.logFile, tail: [] };
  }

  async run(): Promise<RunResult> {
    await clearOutputs(this.input.dir);
    this.#process = await startOcProcess({
      ocPath: this.input.ocPath,
      args: createArgs(this.input),
      cwd: this.input.dir,
      env: this.input.env,
      logFile: this.input.logFile,
      onLine: (line) => this.#line(line),
      ...(this.input.graceMs !== undefined ? { graceMs: this.input.graceMs } : {}),
    });
    const exit = await this.#process.done;
    return this.#finish(exit);
  }

  async cancel(): Promise<void> {
    this.#cancelled = true;
    await this.#process?.cancel();
  }

  #line(line: string): void {
    const parsed = parseOcLine(line);
    this.#tail.push(line);
    if (this.#tail.length > TAIL_LINES) this.#tail.shift();
    this.#phase = laterPhase(this.#phase, parsed.phase);
    if (this.#phase !== 'failed') Object.assign(this.status, { phase: this.#phase, fraction: progressOf(this.#phase) });
    this.status.tail = [...this.#tail];
    this.input.onStatus({ ...this.status }, line);
  }

  async #finish(exit: OcExit): Promise<RunResult> {
    const report = await readReport(this.input.dir);
    const iso = await findIso(this.input.dir);
    const output = this.#tail.join('\n');
    this.status.endedAt = this.input.now().toISOString();
    this.status.exitCode = exit.code;
    if (report) this.status.stages = report.stages.flatMap((s) => [s, ...s.subStages]).map((s) => ({ id: s.id, description: s.description, done: s.done }));
    if (this.#cancelled) this.status.state = 'cancelled';
    else if (exit.spawnError) {
      this.status.state = 'failed';
      this.status.advice = { key: 'nodeimage.failure.notStarted', params: { reason: exit.spawnError }, detail: exit.spawnError };
    } else if (exit.code === 0 && iso) {
      Object.assign(this.status, { state: 'succeeded', phase: 'done', fraction: 1 });
    } else {
      this.status.state = 'failed';
      this.status.advice =
        exit.code === 0 ? { key: 'nodeimage.failure.noIso', params: { dir: this.input.dir }, detail: '' } : adviseFailure({ ...(report ? { report } : {}), output, exitCode: exit.code });
    }
    if (this.status.state !== 'succeeded') this.status.phase = this.status.state === 'cancelled' ? 'cancelled' : 'failed';
    this.status.tail = [...this.#tail];
    // The final status is announced by the owner once it has recorded the result (and the ISO).
    return { status: { ...this.status }, ...(iso && this.status.state === 'succeeded' ? { iso } : {}), ...(report ? { report } : {}) };
  }
}

async function clearOutputs(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith('.iso') || name === 'report.json' || name === 'boot-artifacts') await rm(join(dir, name), { recursive: true, force: true });
  }
}

async function readReport(dir: string): Promise<ReportSummary | undefined> {
  try {
    return parseReport(await readFile(join(dir, 'report.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** node.<arch>.iso, or the only .iso (oc -o renames it). */
async function findIso(dir: string): Promise<{ path: string; arch?: string } | undefined> {
  const isos = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.iso'));
  const name = isos.find((n) => /^node\.[\w-]+\.iso$/.test(n)) ?? (isos.length === 1 ? isos[0] : undefined);
  if (!name) return undefined;
  const arch = /^node\.([\w-]+)\.iso$/.exec(name)?.[1];
  return { path: join(dir, name), ...(arch ? { arch } : {}) };
}
