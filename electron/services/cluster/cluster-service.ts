import { AppError } from '../../../shared/api/errors';
import type { Job } from '../../../shared/api/domains/jobs';
import { clusterDataSchema, type AutoApproveState, type ClusterData, type ClusterSummary, type CsrState, type JoinStatus } from '../../../shared/api/domains/cluster';
import { isPending, type ExpectedWorker } from '../../../shared/csr/verdict';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { EventBus } from '../events/event-bus';
import type { KubeAccess, KubeAccessOptions } from './kube-access';
import { ClusterConnections } from './cluster-connection';
import { CsrApprovals, type ApprovalOutcome, type ApprovalResult } from './csr-approval';
import { CsrParseCache, csrStateOf, expectedWorkerOf, joinStatusOf, judgeSnapshot, type CsrEvaluation } from './csr-evaluation';
import { DEFAULT_LIMITS, JoinWatcher, type WatchLimits } from './join-watcher';

export type { CsrEvaluation } from './csr-evaluation';

export interface ClusterServiceOptions {
  jobs: JobStore;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  /** Injected in tests to shorten the 2 h limit and the reconnect back-off */
  limits?: Partial<WatchLimits>;
}

/**
 * The cluster side of adding a worker: connect (kubeconfig → identity → job.data.cluster), judge
 * and approve the worker's CSRs (manually or automatically), and watch the node until it is Ready
 * with its serving certificate approved, which completes the job. Each part lives in its own module;
 * this class wires them per job and is what the handlers call.
 */
export class ClusterService {
  readonly #o: ClusterServiceOptions;
  readonly #limits: WatchLimits;
  readonly #connections: ClusterConnections;
  readonly #approvals: CsrApprovals;
  readonly #parser = new CsrParseCache();
  readonly #watchers = new Map<string, JoinWatcher>();
  readonly #ended = new Map<string, AutoApproveState>();

  constructor(options: ClusterServiceOptions) {
    this.#o = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#connections = new ClusterConnections(options);
    this.#approvals = new CsrApprovals({ jobs: options.jobs, clock: options.clock, parser: this.#parser, accessFor: (id) => this.accessFor(id) });
  }

  // ---- connection ----

  contexts(kubeconfigPath?: string) {
    return this.#connections.contexts(kubeconfigPath);
  }

  connect(input: KubeAccessOptions & { jobId?: string }): Promise<ClusterSummary> {
    return this.#connections.connect(input);
  }

  saveManual(jobId: string, input: { clusterId: string; apiHost: string; version: string }): Promise<ClusterData> {
    return this.#connections.saveManual(jobId, input);
  }

  summary(jobId: string): Promise<ClusterSummary> {
    return this.#connections.summary(jobId);
  }

  setWorker(jobId: string, worker: { nodeName: string; addresses: string[] }): Promise<ClusterData> {
    return this.#connections.setWorker(jobId, worker);
  }

  /** The job's connection, opened once and reused. */
  accessFor(jobId: string): Promise<KubeAccess> {
    return this.#connections.accessFor(jobId);
  }

  // ---- CSRs ----

  /** The worker this job adds: set explicitly on the CSR step, else the manual flow's host name. */
  async expectedWorker(job: Job): Promise<ExpectedWorker | undefined> {
    return expectedWorkerOf(job);
  }

  evaluate(jobId: string): Promise<CsrEvaluation> {
    return this.#approvals.evaluate(jobId);
  }

  async list(jobId: string): Promise<CsrState> {
    return csrStateOf(await this.evaluate(jobId));
  }

  /**
   * Approves the named CSRs that pass for this job's worker right now, client before serving, and
   * sends the state after it with csr.changed (judged without reading the cluster again).
   */
  async approve(jobId: string, names: string[], actor?: string): Promise<ApprovalResult[]> {
    return this.#published(jobId, await this.#approvals.approve(jobId, names, actor));
  }

  async approveAllValid(jobId: string, actor?: string): Promise<ApprovalResult[]> {
    const outcome = await this.#approvals.approveAllValid(jobId, actor);
    return outcome.results.length ? this.#published(jobId, outcome) : [];
  }

  #published(jobId: string, { results, evaluation }: ApprovalOutcome): ApprovalResult[] {
    const state = csrStateOf(evaluation);
    const approved = new Set(results.filter((r) => r.ok).map((r) => r.name));
    this.#watchers.get(jobId)?.absorb(
      evaluation.csrs.filter((c) => approved.has(c.metadata.name)),
      state,
    );
    this.#o.bus.emit('csr.changed', { jobId, state });
    return results;
  }

  async joinStatus(jobId: string, evaluation?: CsrEvaluation): Promise<JoinStatus> {
    return joinStatusOf(evaluation ?? (await this.evaluate(jobId)));
  }

  // ---- watching: auto-approve and the node-Ready watch share one loop per job ----

  autoApproveState(jobId: string): AutoApproveState {
    return this.#watchers.get(jobId)?.state() ?? this.#ended.get(jobId) ?? { jobId, running: false, approved: [], warnings: [] };
  }

  async setAutoApprove(jobId: string, enabled: boolean): Promise<AutoApproveState> {
    if (enabled) {
      const job = await this.#o.jobs.get(jobId);
      if (job.status !== 'active') throw new AppError('cluster.jobNotActive', { id: jobId });
      if (!expectedWorkerOf(job)) throw new AppError('cluster.noExpectedNode');
      await this.accessFor(jobId);
      this.#watcher(jobId).setAutoApprove(true);
      await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (c) => ({ ...c!, autoApprove: { enabled: true, startedAt: this.#now() } }));
      await this.#o.jobs.appendAudit(jobId, {
        action: 'csr.autoApprove',
        summary: 'Auto-approve switched on for this worker (stops when the node is Ready with its serving certificate, or after 2 hours)',
      });
    } else {
      this.#watchers.get(jobId)?.setAutoApprove(false, 'stopped');
    }
    return this.autoApproveState(jobId);
  }

  async watchJoin(jobId: string, enabled: boolean): Promise<{ watching: boolean }> {
    if (enabled) {
      await this.accessFor(jobId);
      this.#watcher(jobId).setJoinWatch(true);
    } else this.#watchers.get(jobId)?.setJoinWatch(false);
    return { watching: this.#watchers.get(jobId)?.running ?? false };
  }

  #watcher(jobId: string): JoinWatcher {
    let w = this.#watchers.get(jobId);
    if (!w) {
      const { jobs, clock, logger, bus } = this.#o;
      const created: JoinWatcher = new JoinWatcher({
        jobId,
        jobs,
        clock,
        logger,
        bus,
        limits: this.#limits,
        access: () => this.accessFor(jobId),
        expected: async () => expectedWorkerOf(await jobs.get(jobId)),
        evaluate: (expected, snapshot) => (snapshot ? judgeSnapshot(expected, snapshot, this.#parser, clock.now()) : this.evaluate(jobId)),
        approve: (plan) => this.#approvals.approve(jobId, plan, 'auto'),
        complete: (status) => this.complete(jobId, status),
        onEnd: () => {
          // keep how it ended (complete / timeout / guard) for the UI after the loop is gone
          this.#ended.set(jobId, created.state());
          this.#watchers.delete(jobId);
        },
      });
      w = created;
      this.#watchers.set(jobId, w);
    }
    return w;
  }

  /** Called by the watcher once Ready + serving approved hold: records it and completes the job. */
  async complete(jobId: string, status: JoinStatus): Promise<void> {
    const job = await this.#o.jobs.get(jobId);
    const data = clusterDataSchema.safeParse(job.data.cluster);
    if (data.success && data.data.join?.completedAt) return;
    const at = this.#now();
    await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (c) => ({ ...c!, join: { nodeReadyAt: at, servingApprovedAt: at, completedAt: at } }));
    await this.#o.jobs.appendAudit(jobId, {
      action: 'cluster.nodeReady',
      summary: `Node ${status.nodeName} is Ready and its serving certificate is approved: the worker has joined`,
      details: { node: status.nodeName, version: status.node?.version, addresses: status.node?.addresses ?? [] },
    });
    await this.#o.jobs.update(jobId, { status: 'done' });
  }

  async dispose(): Promise<void> {
    for (const w of [...this.#watchers.values()]) w.shutdown();
    this.#watchers.clear();
  }

  #now(): string {
    return new Date(this.#o.clock.now()).toISOString();
  }
}

export { isPending };
