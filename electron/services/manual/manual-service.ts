import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import {
  generateInputSchema,
  manualStateSchema,
  type GenerateInput,
  type Generated,
  type ManualState,
  type ServerAccess,
  type ServerStatus,
  type WorkerIgnInfo,
} from '../../../shared/api/domains/manual';
import { writeFileAtomic } from '../fs/atomic-write';
import type { JobStore } from '../jobs/job-store';
import type { Logger } from '../logging/logger';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { generateFiles, generationIssues, WORKER_IGN_FILE } from './generate';
import { localAddresses, startIgnitionServer, type LocalAddress, type RunningIgnitionServer } from './ignition-server';
import { workerIgnFromCluster, workerIgnFromFile, type SecretReader, type LoadedWorkerIgn } from './worker-ign';

export interface ClusterRef {
  kubeconfigPath?: string;
  context?: string;
  insecureSkipTlsVerify?: boolean;
}

export interface ManualServiceDeps {
  jobs: JobStore;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  /** Opens cluster access for the job's saved cluster (KubeAccess from the cluster area) */
  openKube: (ref: ClusterRef) => Promise<SecretReader>;
}

const LOG_KEEP = 200;
const STATE_KEY = 'manual';

interface Running {
  server: RunningIgnitionServer;
  log: ServerAccess[];
}

/**
 * The manual flow's main-process side: worker.ign in, generated files out (saved in the job
 * folder under manual/), and the per-job Ignition server with its access log.
 */
export class ManualService {
  readonly #running = new Map<string, Running>();
  readonly #unsubscribe: () => void;

  constructor(private readonly deps: ManualServiceDeps) {
    // A job that ends (done, abandoned, removed) takes its server down with it.
    this.#unsubscribe = deps.bus.subscribe((name, payload) => {
      if (name !== 'jobs.changed') return;
      const { id, removed } = payload as { id: string; removed?: boolean };
      if (!this.#running.has(id)) return;
      if (removed) void this.#stop(id, 'jobEnded');
      else
        void deps.jobs
          .get(id)
          .then((job) => (job.status !== 'active' ? this.#stop(id, 'jobEnded') : undefined))
          .catch(() => this.#stop(id, 'jobEnded'));
    });
  }

  folder(jobId: string): string {
    return join(this.deps.jobs.folder(jobId), 'manual');
  }

  localAddresses(): LocalAddress[] {
    return localAddresses();
  }

  async state(jobId: string): Promise<ManualState> {
    const job = await this.deps.jobs.get(jobId);
    const parsed = manualStateSchema.safeParse(job.data[STATE_KEY] ?? {});
    return parsed.success ? parsed.data : {};
  }

  async saveState(jobId: string, patch: ManualState, step?: string): Promise<number> {
    const job = await this.deps.jobs.updateData<ManualState>(jobId, STATE_KEY, (cur) => ({ ...(cur ?? {}), ...patch }), step);
    return job.revision;
  }

  async loadWorkerIgn(jobId: string, from: 'cluster' | 'file', path?: string, override?: ClusterRef): Promise<WorkerIgnInfo> {
    const job = await this.deps.jobs.get(jobId);
    const now = this.deps.clock.now();
    let loaded: LoadedWorkerIgn;
    if (from === 'file') {
      if (!path) throw new AppError('manual.workerIgnFile', { path: '', reason: 'no file chosen' });
      loaded = await workerIgnFromFile(resolve(path), now);
    } else {
      const raw = (job.data.cluster ?? {}) as ClusterRef & { insecure?: boolean };
      const saved: ClusterRef = {
        ...(raw.kubeconfigPath ? { kubeconfigPath: raw.kubeconfigPath } : {}),
        ...(raw.context ? { context: raw.context } : {}),
        ...(raw.insecure || raw.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
      };
      const cluster: ClusterRef = override?.kubeconfigPath || override?.context ? { ...saved, ...override } : saved;
      if (!cluster.kubeconfigPath && !cluster.context) throw new AppError('manual.noClusterAccess');
      const kube = await this.deps.openKube({
        ...(cluster.kubeconfigPath ? { kubeconfigPath: cluster.kubeconfigPath } : {}),
        ...(cluster.context ? { context: cluster.context } : {}),
        ...(cluster.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
      });
      loaded = await workerIgnFromCluster(kube, now);
    }
    await writeFileAtomic(join(this.folder(jobId), WORKER_IGN_FILE), loaded.text);
    await this.saveState(jobId, { workerIgn: loaded.info });
    await this.deps.jobs.appendAudit(jobId, { action: 'manual.workerIgn', summary: `worker.ign ${loaded.info.version} loaded from ${loaded.info.origin}`, details: { sha512: loaded.info.sha512 } });
    return loaded.info;
  }

  async generate(jobId: string, rawInput: GenerateInput): Promise<Generated> {
    const input = generateInputSchema.parse(rawInput);
    const state = await this.state(jobId);
    if (!state.workerIgn) throw new AppError('manual.noWorkerIgn');
    const workerText = await this.#readWorkerIgn(jobId, state.workerIgn);
    const set = generateFiles(workerText, input);
    const running = this.#running.get(jobId);
    if (running && (running.server.host !== input.server.host || running.server.port !== input.server.port)) throw new AppError('manual.serverRunningElsewhere', { url: running.server.baseUrl });
    for (const f of set.files) await writeFileAtomic(join(this.folder(jobId), f.name), f.content);
    const generatedAt = new Date(this.deps.clock.now()).toISOString();
    await this.saveState(jobId, {
      hostname: input.hostname,
      network: input.network,
      delivery: input.delivery,
      server: input.server,
      installDevice: input.installDevice,
      appendKargs: input.appendKargs,
      nmcliStyle: input.nmcliStyle,
      generated: { files: set.files.map(({ content: _c, ...meta }) => meta), nodeIgnitionUrl: set.nodeIgnitionUrl, generatedAt },
    });
    // Warnings (e.g. a static address without DNS servers) do not block generation: the report lists them as overridden.
    const warnings = generationIssues(input).filter((i) => i.severity === 'warning');
    await this.deps.jobs.appendAudit(jobId, {
      action: 'manual.generate',
      summary: `Generated ${set.files.length} files for ${input.hostname}`,
      details: {
        files: set.files.map((f) => f.name),
        nodeIgnitionSha512: set.nodeIgnitionSha512,
        ...(warnings.length ? { overrides: warnings.map((w) => ({ code: 'networkWarning', params: { key: w.key, path: w.path ?? '' } })) } : {}),
      },
    });
    // A running server keeps serving its snapshot; restart it so it serves what was just generated.
    if (running) {
      await this.#stop(jobId, 'requested');
      await this.serverStart(jobId);
    }
    return { ...set, folder: this.folder(jobId), generatedAt };
  }

  /** Re-reads the last generation from disk (hashes checked) so the wizard can show it after a restart. */
  async generated(jobId: string): Promise<Generated | null> {
    const state = await this.state(jobId);
    if (!state.generated || !state.workerIgn || !state.hostname || !state.network || !state.server || !state.installDevice) return null;
    const input = generateInputSchema.parse({
      hostname: state.hostname,
      network: state.network,
      delivery: state.delivery ?? 'served',
      server: state.server,
      installDevice: state.installDevice,
      appendKargs: state.appendKargs ?? [],
      nmcliStyle: state.nmcliStyle ?? 'add',
    });
    try {
      const set = generateFiles(await this.#readWorkerIgn(jobId, state.workerIgn), input);
      return { ...set, folder: this.folder(jobId), generatedAt: state.generated.generatedAt };
    } catch {
      return null;
    }
  }

  async exportFiles(jobId: string, folder: string): Promise<string[]> {
    const state = await this.state(jobId);
    if (!state.generated) throw new AppError('manual.notGenerated');
    const target = resolve(folder);
    await mkdir(target, { recursive: true });
    const written: string[] = [];
    for (const f of state.generated.files) {
      const dest = join(target, f.name);
      await copyFile(join(this.folder(jobId), f.name), dest);
      written.push(dest);
    }
    return written;
  }

  async serverStart(jobId: string): Promise<ServerStatus> {
    const existing = this.#running.get(jobId);
    if (existing) return this.serverStatus(jobId);
    const state = await this.state(jobId);
    if (!state.generated || !state.server) throw new AppError('manual.notGenerated');
    const files = [];
    for (const meta of state.generated.files.filter((f) => f.served)) {
      const bytes = await readFile(join(this.folder(jobId), meta.name)).catch(() => undefined);
      if (!bytes || createHash('sha512').update(bytes).digest('hex') !== meta.sha512) throw new AppError('manual.filesChanged', { name: meta.name });
      files.push({ name: meta.name, bytes });
    }
    const entry: Running = { log: [], server: undefined as unknown as RunningIgnitionServer };
    const recorded = new Set<string>();
    entry.server = await startIgnitionServer({
      host: state.server.host,
      port: state.server.port,
      files,
      now: () => this.deps.clock.now(),
      onAccess: (a) => {
        entry.log.push(a);
        if (entry.log.length > LOG_KEEP) entry.log.shift();
        this.deps.bus.emit('manual.serverAccess', { jobId, ...a });
        this.deps.logger.info('ignition server access', { jobId, remote: a.remote, path: a.path, status: a.status });
        // The audit trail keeps the moment each machine took a config (once per machine and file per run).
        if (a.status === 200 && a.method === 'GET' && a.file && a.file.endsWith('.ign') && !recorded.has(`${a.remote} ${a.file}`)) {
          recorded.add(`${a.remote} ${a.file}`);
          void this.deps.jobs.appendAudit(jobId, { action: 'manual.fetched', summary: `${a.remote} fetched ${a.file}`, details: { remote: a.remote, file: a.file } }).catch(() => undefined);
        }
      },
    });
    this.#running.set(jobId, entry);
    await this.deps.jobs.appendAudit(jobId, { action: 'manual.serverStart', summary: `Ignition server started at ${entry.server.baseUrl}`, details: { files: files.map((f) => f.name) } });
    return this.serverStatus(jobId);
  }

  async serverStop(jobId: string): Promise<ServerStatus> {
    await this.#stop(jobId, 'requested');
    return this.serverStatus(jobId);
  }

  serverStatus(jobId: string): ServerStatus {
    const r = this.#running.get(jobId);
    if (!r) return { running: false, urls: [], log: [] };
    return { running: true, host: r.server.host, port: r.server.port, urls: r.server.files.map((f) => ({ name: f.name, url: f.url, sha512: f.sha512, size: f.size })), log: [...r.log] };
  }

  async dispose(): Promise<void> {
    this.#unsubscribe();
    for (const id of [...this.#running.keys()]) await this.#stop(id, 'shutdown');
  }

  async #stop(jobId: string, reason: 'requested' | 'jobEnded' | 'shutdown'): Promise<void> {
    const r = this.#running.get(jobId);
    if (!r) return;
    this.#running.delete(jobId);
    await r.server.close();
    this.deps.bus.emit('manual.serverStopped', { jobId, reason });
    if (reason !== 'shutdown') await this.deps.jobs.appendAudit(jobId, { action: 'manual.serverStop', summary: `Ignition server stopped (${reason})` }).catch(() => undefined);
  }

  async #readWorkerIgn(jobId: string, info: WorkerIgnInfo): Promise<string> {
    const text = await readFile(join(this.folder(jobId), WORKER_IGN_FILE), 'utf8').catch(() => undefined);
    if (text === undefined || createHash('sha512').update(text, 'utf8').digest('hex') !== info.sha512) throw new AppError('manual.workerIgnChanged');
    return text;
  }
}
