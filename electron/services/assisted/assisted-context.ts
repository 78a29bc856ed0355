import { homedir } from 'node:os';
import { assistedDataSchema, type AssistedData, type AssistedState } from '../../../shared/api/domains/assisted';
import type { HostView } from '../../../shared/assisted/host-display';
import { discoveryIsoName } from '../../../shared/assisted/artifact-names';
import { safeFileName } from '../../../shared/artifacts/rhcos-stream';
import { artifactId } from '../artifacts/artifact-id';
import type { JobStore } from '../jobs/job-store';
import type { Logger } from '../logging/logger';
import { systemScheduler, type Clock, type Scheduler } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { AssistedClient } from './client';
import type { IsoDownloader } from './iso-download';

export interface AssistedServiceOptions {
  jobs: JobStore;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  client: AssistedClient;
  download: IsoDownloader;
  practiceMode: boolean;
  /** Node names of the OpenShift cluster (from the kubeconfig) so a new host name cannot clash */
  nodeNames?: (jobId: string) => Promise<string[]>;
  /** Tells the CSR checks which node name and addresses to expect (cluster flow), when a kubeconfig is loaded */
  onWorkerNamed?: (jobId: string, nodeName: string, addresses: string[]) => Promise<unknown>;
  homeDir?: string;
  pollHostsMs?: number;
  pollEventsMs?: number;
  /** When the next poll runs (tests step through polls instead of waiting for them) */
  scheduler?: Scheduler;
}

export type ResolvedOptions = Required<Omit<AssistedServiceOptions, 'nodeNames' | 'onWorkerNamed'>> & Pick<AssistedServiceOptions, 'nodeNames' | 'onWorkerNamed'>;

export interface Live {
  hosts: HostView[];
  clusterStatus?: string;
  /** When the service last answered. Kept in memory, not in job.json: a poll that found nothing new is not work on the job (it must not move the job up the list). */
  lastPollAt?: string;
}

const KEY = 'assisted';

/**
 * What every step of the Assisted workflow shares: the job's saved data (job.data.assisted, saved
 * at once by every step so a killed app picks up where it stopped), the live view from the last
 * poll, the audit log, and one operation at a time per job and kind.
 */
export class AssistedContext {
  readonly o: ResolvedOptions;
  readonly live = new Map<string, Live>();
  readonly #inflight = new Map<string, Promise<unknown>>();
  readonly #nodeCache = new Map<string, { at: number; names: Promise<string[]> }>();

  constructor(
    options: AssistedServiceOptions,
    private readonly isWatching: (jobId: string) => boolean,
  ) {
    this.o = { homeDir: homedir(), pollHostsMs: 10_000, pollEventsMs: 60_000, scheduler: systemScheduler, ...options };
  }

  async data(jobId: string): Promise<AssistedData> {
    const job = await this.o.jobs.get(jobId);
    return assistedDataSchema.parse(job.data[KEY] ?? {});
  }

  async save(jobId: string, change: (d: AssistedData) => AssistedData, step?: string): Promise<AssistedData> {
    const job = await this.o.jobs.updateData<unknown>(jobId, KEY, (current) => assistedDataSchema.parse(change(assistedDataSchema.parse(current ?? {}))), step);
    return assistedDataSchema.parse(job.data[KEY]);
  }

  now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }

  /** One operation at a time per job and kind: a double click never imports or installs twice. */
  async once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const running = this.#inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const promise = run().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, promise);
    return promise;
  }

  async audit(jobId: string, action: string, summary: string, details?: Record<string, unknown>): Promise<void> {
    await this.o.jobs.appendAudit(jobId, { action: `assisted.${action}`, summary, ...(details ? { details } : {}) }).catch(() => {});
  }

  setLive(jobId: string, patch: Partial<Live>): void {
    const current = this.live.get(jobId) ?? { hosts: [] };
    this.live.set(jobId, { ...current, ...patch });
    this.o.bus.emit('assisted.changed', { id: jobId });
  }

  async state(jobId: string): Promise<AssistedState> {
    const data = await this.data(jobId);
    const live = this.live.get(jobId);
    const state: AssistedState = {
      data: live?.lastPollAt ? { ...data, lastPollAt: live.lastPollAt } : data,
      hosts: live?.hosts ?? [],
      watching: this.isWatching(jobId),
      practiceMode: this.o.practiceMode,
      nodeNames: await this.nodeNames(jobId),
    };
    if (live?.clusterStatus) state.clusterStatus = live.clusterStatus;
    const iso = isoFileOf(data);
    if (iso) state.isoFile = { artifactId: artifactId('discovery-iso', safeFileName(iso)), name: safeFileName(iso) };
    return state;
  }

  /** Node names change rarely; ask the cluster at most once a minute per job (no kubeconfig = none). */
  async nodeNames(jobId: string): Promise<string[]> {
    if (!this.o.nodeNames) return [];
    const now = this.o.clock.now();
    const cached = this.#nodeCache.get(jobId);
    if (cached && now - cached.at < 60_000) return cached.names;
    const names = this.o.nodeNames(jobId).catch(() => [] as string[]);
    this.#nodeCache.set(jobId, { at: now, names });
    return names;
  }
}

/** The discovery ISO's file name in the cache, once its infra-env exists (the download step and the renderer's progress use it). */
export function isoFileOf(data: AssistedData): string | undefined {
  return data.cluster && data.infraEnv ? discoveryIsoName(data.cluster.name, data.infraEnv.id, data.infraEnv.imageType) : undefined;
}
