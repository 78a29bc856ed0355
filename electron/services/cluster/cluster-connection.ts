import { AppError } from '../../../shared/api/errors';
import { clusterDataSchema, type ClusterData, type ClusterSummary } from '../../../shared/api/domains/cluster';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { openKubeAccess, listKubeContexts, type KubeAccess, type KubeAccessOptions } from './kube-access';
import { summarise, versionAtLeast, MIN_VERSION } from './cluster-views';

export interface ClusterConnectionOptions {
  jobs: JobStore;
  clock: Clock;
  bus: EventBus;
}

/**
 * The job's link to its cluster: connect with a kubeconfig (identity → job.data.cluster), or save
 * what the technician typed, name the expected worker, and reuse one KubeAccess per kubeconfig/context.
 */
export class ClusterConnections {
  readonly #o: ClusterConnectionOptions;
  readonly #access = new Map<string, Promise<KubeAccess>>();

  constructor(options: ClusterConnectionOptions) {
    this.#o = options;
  }

  contexts(kubeconfigPath?: string) {
    return listKubeContexts(kubeconfigPath);
  }

  async connect(input: KubeAccessOptions & { jobId?: string }): Promise<ClusterSummary> {
    const access = await openKubeAccess(input);
    const summary = await summaryOf(access);
    this.#access.set(accessKey(input), Promise.resolve(access));
    if (input.jobId) await this.#record(input.jobId, input, access, summary);
    return summary;
  }

  async #record(jobId: string, input: KubeAccessOptions, access: KubeAccess, summary: ClusterSummary): Promise<void> {
    const data: ClusterData = {
      source: 'kubeconfig',
      ...(input.kubeconfigPath ? { kubeconfigPath: input.kubeconfigPath } : {}),
      ...(input.context || access.contextName ? { context: input.context ?? access.contextName } : {}),
      ...(input.insecureSkipTlsVerify ? { insecure: true } : {}),
      clusterId: summary.clusterId,
      apiServerUrl: summary.apiServerUrl,
      apiHost: summary.apiHost,
      version: summary.version,
      ...(summary.architecture ? { architecture: summary.architecture } : {}),
      ...(summary.platform ? { platform: summary.platform } : {}),
      connectedAt: this.#now(),
    };
    await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (current) => ({ ...current, ...data }));
    await this.#o.jobs.appendAudit(jobId, {
      action: 'cluster.connect',
      summary: `Connected to cluster ${summary.clusterId} (${summary.apiHost}, OpenShift ${summary.version}) with context ${access.contextName}${access.insecure ? ' (TLS verification OFF)' : ''}`,
      details: {
        clusterId: summary.clusterId,
        apiServerUrl: summary.apiServerUrl,
        version: summary.version,
        context: access.contextName,
        insecure: access.insecure,
        workerCount: summary.workerCount,
        // Warnings the technician went on past, for the site report
        overrides: [...(access.insecure ? [{ code: 'tlsVerifySkipped' }] : []), ...(summary.tooManyWorkers ? [{ code: 'tooManyWorkers', params: { count: summary.workerCount } }] : [])],
      },
    });
  }

  async saveManual(jobId: string, input: { clusterId: string; apiHost: string; version: string }): Promise<ClusterData> {
    if (!versionAtLeast(input.version, MIN_VERSION)) throw new AppError('cluster.versionTooOld', { version: input.version });
    const apiHost = input.apiHost.replace(/^https?:\/\//, '').replace(/[:/].*$/, '');
    const job = await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (current) => ({
      ...current,
      source: 'manual',
      kubeconfigPath: undefined,
      context: undefined,
      clusterId: input.clusterId.toLowerCase(),
      apiHost,
      apiServerUrl: `https://${apiHost}:6443`,
      version: input.version,
      connectedAt: this.#now(),
    }));
    return clusterDataSchema.parse(job.data.cluster);
  }

  async summary(jobId: string): Promise<ClusterSummary> {
    return summaryOf(await this.accessFor(jobId));
  }

  async setWorker(jobId: string, worker: { nodeName: string; addresses: string[] }): Promise<ClusterData> {
    const job = await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (current) => {
      if (!current) throw new AppError('cluster.notConnected');
      return { ...current, worker: { nodeName: worker.nodeName.trim(), addresses: worker.addresses, since: this.#now() } };
    });
    // No state with it: another worker means every verdict changes, so the panel reads csr.list again.
    this.#o.bus.emit('csr.changed', { jobId });
    return clusterDataSchema.parse(job.data.cluster);
  }

  /** The job's connection, opened once and reused. */
  async accessFor(jobId: string): Promise<KubeAccess> {
    const job = await this.#o.jobs.get(jobId);
    const parsed = clusterDataSchema.safeParse(job.data.cluster);
    const data = parsed.success ? parsed.data : undefined;
    if (!data || data.source !== 'kubeconfig') throw new AppError('cluster.notConnected');
    const options: KubeAccessOptions = {
      ...(data.kubeconfigPath ? { kubeconfigPath: data.kubeconfigPath } : {}),
      ...(data.context ? { context: data.context } : {}),
      ...(data.insecure ? { insecureSkipTlsVerify: true } : {}),
    };
    const key = accessKey(options);
    let access = this.#access.get(key);
    if (!access) {
      access = openKubeAccess(options);
      this.#access.set(key, access);
      access.catch(() => this.#access.delete(key));
    }
    return access;
  }

  #now(): string {
    return new Date(this.#o.clock.now()).toISOString();
  }
}

async function summaryOf(access: KubeAccess): Promise<ClusterSummary> {
  const identity = await access.identity();
  const nodes = await access.listNodes();
  return summarise(identity, nodes.items, access);
}

function accessKey(o: KubeAccessOptions): string {
  return JSON.stringify([o.kubeconfigPath ?? '', o.context ?? '', !!o.insecureSkipTlsVerify]);
}
