import { AppError, toWireError } from '../../../shared/api/errors';
import type { Job } from '../../../shared/api/domains/jobs';
import {
  clusterDataSchema,
  type AutoApproveState,
  type ClusterData,
  type ClusterSummary,
  type CsrRow,
  type JoinStatus,
  type NodeRow,
} from '../../../shared/api/domains/cluster';
import { judgeCsr, isPending, planApprovals, type CsrParseResult, type ExpectedWorker } from '../../../shared/csr/verdict';
import type { CsrObject, NodeObject } from '../../../shared/csr/types';
import { SERVING_SIGNER } from '../../../shared/csr/types';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { EventBus } from '../events/event-bus';
import { openKubeAccess, listKubeContexts, type KubeAccess, type KubeAccessOptions } from './kube-access';
import { parseCsrRequest } from './csr-parse';
import { csrRow, nodeRow, summarise, versionAtLeast, MIN_VERSION } from './cluster-views';

export interface ClusterServiceOptions {
  jobs: JobStore;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  /** Injected in tests to shorten the 2 h limit and the reconnect back-off */
  limits?: Partial<typeof DEFAULT_LIMITS>;
}

const DEFAULT_LIMITS = {
  /** Auto-approval stops after this long (CMA's window around machine creation) */
  maxRunMs: 2 * 3600_000,
  /** Each watch request asks the server to end it after this long; then it reconnects */
  watchTimeoutSeconds: 240,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 30_000,
  /** More pending CSRs than this for our node name means something is wrong: stop and ask */
  maxPendingForNode: 6,
};

const APPROVE_REASON = 'SnoFieldKitApprove';

export interface CsrEvaluation {
  expected?: ExpectedWorker;
  rows: CsrRow[];
  plan: string[];
  csrs: CsrObject[];
  node?: NodeObject;
}

/**
 * The cluster side of adding a worker: connect (kubeconfig → identity → job.data.cluster), judge
 * and approve the worker's CSRs (manually or automatically), and watch the node until it is Ready
 * with its serving certificate approved, which completes the job.
 */
export class ClusterService {
  readonly #o: ClusterServiceOptions;
  readonly #limits: typeof DEFAULT_LIMITS;
  readonly #access = new Map<string, Promise<KubeAccess>>();
  readonly #parsed = new Map<string, Promise<CsrParseResult>>();
  readonly #watchers = new Map<string, JobWatcher>();
  readonly #ended = new Map<string, AutoApproveState>();

  constructor(options: ClusterServiceOptions) {
    this.#o = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  contexts(kubeconfigPath?: string) {
    return listKubeContexts(kubeconfigPath);
  }

  async connect(input: KubeAccessOptions & { jobId?: string }): Promise<ClusterSummary> {
    const access = await openKubeAccess(input);
    const summary = await this.#summaryOf(access);
    this.#access.set(accessKey(input), Promise.resolve(access));
    if (input.jobId) {
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
      await this.#o.jobs.updateData<ClusterData>(input.jobId, 'cluster', (current) => ({ ...current, ...data }));
      await this.#o.jobs.appendAudit(input.jobId, {
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
    return summary;
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
    return this.#summaryOf(await this.accessFor(jobId));
  }

  async setWorker(jobId: string, worker: { nodeName: string; addresses: string[] }): Promise<ClusterData> {
    const job = await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (current) => {
      if (!current) throw new AppError('cluster.notConnected');
      return { ...current, worker: { nodeName: worker.nodeName.trim(), addresses: worker.addresses, since: this.#now() } };
    });
    this.#o.bus.emit('csr.changed', { jobId });
    return clusterDataSchema.parse(job.data.cluster);
  }

  /** The job's connection, opened once and reused. */
  async accessFor(jobId: string): Promise<KubeAccess> {
    const data = await this.#data(jobId);
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

  /** The worker this job adds: set explicitly on the CSR step, else the manual flow's host name. */
  async expectedWorker(job: Job): Promise<ExpectedWorker | undefined> {
    const data = clusterDataSchema.safeParse(job.data.cluster);
    const worker = data.success ? data.data.worker : undefined;
    const manualHost = (job.data.manual as { hostname?: unknown } | undefined)?.hostname;
    const nodeName = worker?.nodeName ?? (typeof manualHost === 'string' && manualHost.trim() ? manualHost.trim() : undefined);
    if (!nodeName) return undefined;
    // CSRs older than the job are leftovers of an earlier attempt, never this join.
    return { nodeName, addresses: worker?.addresses ?? [], notBefore: job.createdAt };
  }

  async evaluate(jobId: string): Promise<CsrEvaluation> {
    const job = await this.#o.jobs.get(jobId);
    const access = await this.accessFor(jobId);
    const expected = await this.expectedWorker(job);
    const { items } = await access.listCsrs();
    const node = expected ? await access.getNode(expected.nodeName) : undefined;
    const now = this.#o.clock.now();
    const judged = await Promise.all(
      items.map(async (csr) => {
        const parsed = await this.#parse(csr.spec.request);
        const verdict = expected
          ? judgeCsr(csr, parsed, { expected, node: { exists: !!node, addresses: node?.status?.addresses ?? [] } })
          : judgeCsr(csr, parsed, { expected: { nodeName: '\u0000' } });
        return { csr, parsed, verdict };
      }),
    );
    const { approve, superseded } = planApprovals(judged);
    const rows = judged
      .map(({ csr, parsed, verdict }) => csrRow(csr, parsed, verdict, superseded.includes(csr.metadata.name), now))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name));
    return { ...(expected ? { expected } : {}), rows, plan: approve, csrs: items, ...(node ? { node } : {}) };
  }

  async list(jobId: string) {
    const e = await this.evaluate(jobId);
    return {
      ...(e.expected ? { expected: { nodeName: e.expected.nodeName, addresses: e.expected.addresses ?? [] } } : {}),
      rows: e.rows,
      plan: e.plan,
      ...(e.node ? { node: nodeRow(e.node) } : {}),
    };
  }

  /**
   * Approves the named CSRs, but only those whose verdict is "approve" right now for this job's
   * worker, client before serving; each approval re-checks the CSR as re-read before the PUT.
   */
  async approve(jobId: string, names: string[], actor?: string) {
    const job = await this.#o.jobs.get(jobId);
    const expected = await this.expectedWorker(job);
    if (!expected) throw new AppError('cluster.noExpectedNode');
    const evaluation = await this.evaluate(jobId);
    const byName = new Map(evaluation.rows.map((r) => [r.name, r]));
    const ordered = [...names].sort((a, b) => kindOrder(byName.get(a)?.kind) - kindOrder(byName.get(b)?.kind));
    const results: { name: string; ok: boolean; error?: ReturnType<typeof toWireError> }[] = [];
    for (const name of ordered) {
      try {
        const row = byName.get(name);
        if (!row) throw new AppError('cluster.csrNotFound', { name });
        if (row.verdict !== 'approve') throw notApprovable(row);
        if (row.superseded) throw new AppError('cluster.csrSuperseded', { name });
        await this.#approveOne(jobId, expected, row, actor);
        results.push({ name, ok: true });
      } catch (err) {
        results.push({ name, ok: false, error: toWireError(err) });
      }
    }
    this.#o.bus.emit('csr.changed', { jobId });
    return results;
  }

  async approveAllValid(jobId: string, actor?: string) {
    const evaluation = await this.evaluate(jobId);
    if (!evaluation.expected) throw new AppError('cluster.noExpectedNode');
    if (evaluation.plan.length === 0) return [];
    return this.approve(jobId, evaluation.plan, actor);
  }

  async #approveOne(jobId: string, expected: ExpectedWorker, row: CsrRow, actor?: string): Promise<void> {
    const access = await this.accessFor(jobId);
    const kind = row.kind as 'client' | 'serving';
    await access.approveCsr(
      row.name,
      { reason: APPROVE_REASON, message: `Approved by SNO Field Kit for worker ${expected.nodeName} (job ${jobId}) after identity checks.` },
      async (fresh) => {
        // Between our read and the PUT the CSR (or the Node) may have changed: judge it again.
        const node = await access.getNode(expected.nodeName);
        const again = judgeCsr(fresh, await this.#parse(fresh.spec.request), { expected, node: { exists: !!node, addresses: node?.status?.addresses ?? [] } });
        if (again.verdict !== 'approve') throw new AppError('cluster.csrNotApprovable', { name: row.name, verdict: again.verdict, check: again.decidedBy?.id ?? '-' });
      },
    );
    const at = this.#now();
    const who = actor ?? undefined;
    const request = row.request.ok ? row.request : undefined;
    await this.#o.jobs.appendAudit(jobId, {
      ...(who ? { actor: who } : {}),
      action: 'csr.approve',
      summary: `Approved ${kind} CSR ${row.name} for node ${expected.nodeName}${who === 'auto' ? ' (auto-approve)' : ''}: ${request?.subject ?? ''}${request && (request.dnsNames.length || request.ipAddresses.length) ? `; SANs ${[...request.dnsNames, ...request.ipAddresses].join(', ')}` : ''}`,
      details: {
        csr: row.name,
        kind,
        signerName: row.signerName,
        requestor: row.requestor,
        subject: request?.subject,
        dnsNames: request?.dnsNames ?? [],
        ipAddresses: request?.ipAddresses ?? [],
        key: request?.key,
        passed: row.checks.filter((c) => c.outcome === 'ok').map((c) => c.id),
        warnings: row.checks.filter((c) => c.outcome === 'warn').map((c) => c.id),
        checks: row.checks,
        verdict: row.verdict,
        mode: who === 'auto' ? 'auto' : 'manual',
        ...(row.checks.some((c) => c.outcome === 'warn') ? { overrides: row.checks.filter((c) => c.outcome === 'warn').map((c) => ({ code: 'csrCheckWarning', params: { csr: row.name, check: c.id } })) } : {}),
      },
    });
    await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (current) => ({
      ...current!,
      approvals: [...(current?.approvals ?? []), { name: row.name, kind, at, by: who ?? 'technician' }],
    }));
  }

  async joinStatus(jobId: string, evaluation?: CsrEvaluation): Promise<JoinStatus> {
    const e = evaluation ?? (await this.evaluate(jobId));
    const name = e.expected?.nodeName;
    const mine = e.csrs.filter((c) => e.rows.find((r) => r.name === c.metadata.name)?.nodeName?.toLowerCase() === name?.toLowerCase());
    const approvedBy = (c: CsrObject) => (c.status?.conditions ?? []).some((x) => x.type === 'Approved' && x.status === 'True');
    const client = mine.filter((c) => c.spec.signerName !== SERVING_SIGNER && approvedBy(c));
    const serving = mine.filter((c) => c.spec.signerName === SERVING_SIGNER && c.spec.username?.toLowerCase() === `system:node:${name ?? ''}`.toLowerCase());
    const servingApproved = serving.some(approvedBy);
    const row: NodeRow | undefined = e.node ? nodeRow(e.node) : undefined;
    const nodeReady = row?.status === 'Ready';
    return {
      ...(name ? { nodeName: name } : {}),
      clientApproved: client.length > 0 || !!e.node,
      nodeRegistered: !!e.node,
      servingApproved,
      servingIssued: serving.some((c) => approvedBy(c) && !!c.status?.certificate),
      nodeReady,
      complete: nodeReady && servingApproved,
      ...(row ? { node: row } : {}),
    };
  }

  // ---- watching: auto-approve and the node-Ready watch share one loop per job ----

  autoApproveState(jobId: string): AutoApproveState {
    return this.#watchers.get(jobId)?.state() ?? this.#ended.get(jobId) ?? { jobId, running: false, approved: [], warnings: [] };
  }

  async setAutoApprove(jobId: string, enabled: boolean): Promise<AutoApproveState> {
    if (enabled) {
      const job = await this.#o.jobs.get(jobId);
      if (job.status !== 'active') throw new AppError('cluster.jobNotActive', { id: jobId });
      if (!(await this.expectedWorker(job))) throw new AppError('cluster.noExpectedNode');
      await this.accessFor(jobId);
      this.#watcher(jobId).setAutoApprove(true);
      await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (c) => ({ ...c!, autoApprove: { enabled: true, startedAt: this.#now() } }));
      await this.#o.jobs.appendAudit(jobId, { action: 'csr.autoApprove', summary: 'Auto-approve switched on for this worker (stops when the node is Ready with its serving certificate, or after 2 hours)' });
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

  #watcher(jobId: string): JobWatcher {
    let w = this.#watchers.get(jobId);
    if (!w) {
      const created: JobWatcher = new JobWatcher(jobId, this, this.#o, this.#limits, () => {
        // keep how it ended (complete / timeout / guard) for the UI after the loop is gone
        this.#ended.set(jobId, created.state());
        this.#watchers.delete(jobId);
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

  async #summaryOf(access: KubeAccess): Promise<ClusterSummary> {
    const identity = await access.identity();
    const nodes = await access.listNodes();
    return summarise(identity, nodes.items, access);
  }

  async #data(jobId: string): Promise<ClusterData | undefined> {
    const job = await this.#o.jobs.get(jobId);
    const parsed = clusterDataSchema.safeParse(job.data.cluster);
    return parsed.success ? parsed.data : undefined;
  }

  #parse(request: string): Promise<CsrParseResult> {
    let p = this.#parsed.get(request);
    if (!p) {
      p = parseCsrRequest(request);
      if (this.#parsed.size > 500) this.#parsed.clear();
      this.#parsed.set(request, p);
    }
    return p;
  }

  #now(): string {
    return new Date(this.#o.clock.now()).toISOString();
  }
}

/**
 * One loop per job: watch CSRs and the worker's Node (watch with timeoutSeconds, reconnect with
 * back-off), re-evaluate on every event, approve what passes when auto-approve is on, and finish
 * when the node is Ready with its serving CSR approved, or after the 2-hour limit. Never denies.
 */
class JobWatcher {
  #auto = false;
  #join = false;
  #abort?: AbortController;
  #startedAt?: number;
  #stoppedAt?: number;
  #stopReason?: string;
  #approved: string[] = [];
  #lastError?: string;
  #warnings: AutoApproveState['warnings'] = [];
  #pending = false;
  #evaluating?: Promise<void>;
  #lastJoin = '';
  running = false;

  constructor(
    private readonly jobId: string,
    private readonly service: ClusterService,
    private readonly o: ClusterServiceOptions,
    private readonly limits: typeof DEFAULT_LIMITS,
    private readonly onEnd: () => void,
  ) {}

  state(): AutoApproveState {
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    return {
      jobId: this.jobId,
      running: this.#auto && this.running,
      ...(this.#startedAt !== undefined ? { startedAt: iso(this.#startedAt)! } : {}),
      ...(this.#stoppedAt !== undefined ? { stoppedAt: iso(this.#stoppedAt)! } : {}),
      ...(this.#stopReason ? { stopReason: this.#stopReason } : {}),
      approved: [...this.#approved],
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
      warnings: this.#warnings,
    };
  }

  setAutoApprove(on: boolean, reason?: string) {
    if (on) {
      this.#auto = true;
      this.#startedAt = this.o.clock.now();
      this.#stoppedAt = undefined;
      this.#stopReason = undefined;
      this.#start();
    } else if (this.#auto) {
      this.#auto = false;
      this.#stoppedAt = this.o.clock.now();
      this.#stopReason = reason ?? 'stopped';
      void this.o.jobs
        .updateData<ClusterData>(this.jobId, 'cluster', (c) => ({ ...c!, autoApprove: { ...c?.autoApprove, enabled: false, stoppedAt: new Date(this.#stoppedAt!).toISOString(), stopReason: this.#stopReason } }))
        .then(() => this.o.jobs.appendAudit(this.jobId, { actor: 'auto', action: 'csr.autoApproveStopped', summary: `Auto-approve stopped: ${this.#stopReason}` }))
        .catch((err: unknown) => this.o.logger.warn('auto-approve stop not recorded', { error: String(err) }));
      if (!this.#join) this.#stop();
    }
    this.#emit();
  }

  setJoinWatch(on: boolean) {
    this.#join = on;
    if (on) this.#start();
    else if (!this.#auto) this.#stop();
  }

  shutdown() {
    this.#auto = false;
    this.#join = false;
    this.#stop();
  }

  #start() {
    if (this.running) {
      this.#schedule();
      return;
    }
    this.running = true;
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    void this.#loop('certificatesigningrequests', signal);
    void this.#loop('nodes', signal);
    this.#schedule();
  }

  #stop() {
    this.running = false;
    this.#abort?.abort();
    this.onEnd();
    this.#emit();
  }

  async #loop(resource: 'certificatesigningrequests' | 'nodes', signal: AbortSignal) {
    let backoff = this.limits.reconnectMinMs;
    while (!signal.aborted) {
      try {
        const access = await this.service.accessFor(this.jobId);
        const job = await this.o.jobs.get(this.jobId);
        const expected = await this.service.expectedWorker(job);
        const fieldSelector = resource === 'nodes' && expected ? `metadata.name=${expected.nodeName}` : undefined;
        const list = resource === 'nodes' ? await access.listNodes() : await access.listCsrs();
        this.#schedule();
        let gone = false;
        await access.watch(resource, { resourceVersion: list.resourceVersion, timeoutSeconds: this.limits.watchTimeoutSeconds, signal, ...(fieldSelector ? { fieldSelector } : {}) }, (type) => {
          if (type === 'ERROR') gone = true; // 410 Gone: re-list on the next turn
          else if (type !== 'BOOKMARK') this.#schedule();
        });
        if (this.#lastError) {
          this.#lastError = undefined;
          this.#emit();
        }
        backoff = this.limits.reconnectMinMs;
        if (gone) continue;
      } catch (err) {
        if (signal.aborted) return;
        this.#lastError = toWireError(err).message;
        this.o.logger.warn('cluster watch failed; reconnecting', { job: this.jobId, resource, error: this.#lastError });
        this.#emit();
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.limits.reconnectMaxMs);
      }
    }
  }

  /** Coalesces bursts of events into one evaluation at a time. */
  #schedule() {
    this.#pending = true;
    if (this.#evaluating) return;
    this.#evaluating = (async () => {
      while (this.#pending && this.running) {
        this.#pending = false;
        try {
          await this.#evaluate();
        } catch (err) {
          this.#lastError = toWireError(err).message;
          this.#emit();
        }
      }
      this.#evaluating = undefined;
    })();
  }

  async #evaluate() {
    const now = this.o.clock.now();
    if (this.#auto && this.#startedAt !== undefined && now - this.#startedAt > this.limits.maxRunMs) {
      this.setAutoApprove(false, 'timeout');
      return;
    }
    let e = await this.service.evaluate(this.jobId);
    this.o.bus.emit('csr.changed', { jobId: this.jobId });
    const mine = e.rows.filter((r) => r.kind !== 'other' && r.nodeName?.toLowerCase() === e.expected?.nodeName.toLowerCase());
    const pendingMine = mine.filter((r) => r.verdict !== 'done');
    this.#warnings = pendingMine.filter((r) => r.waitingLong).map((r) => ({ code: 'waitingLong', params: { name: r.name, minutes: Math.round((now - Date.parse(r.createdAt ?? '')) / 60_000) } }));
    if (this.#auto) {
      // Guard: a pile of pending CSRs for one name means something is retrying or spoofing. Ask a human.
      if (pendingMine.length > this.limits.maxPendingForNode) {
        this.setAutoApprove(false, 'guard');
        return;
      }
      // the limit is checked again right before approving: an evaluation may have started before it passed
      if (e.plan.length && this.#startedAt !== undefined && this.o.clock.now() - this.#startedAt > this.limits.maxRunMs) {
        this.setAutoApprove(false, 'timeout');
        return;
      }
      if (e.plan.length) {
        const results = await this.service.approve(this.jobId, e.plan, 'auto');
        for (const r of results) if (r.ok) this.#approved.push(r.name);
        e = await this.service.evaluate(this.jobId);
      }
    }
    const status = await this.service.joinStatus(this.jobId, e);
    const key = JSON.stringify(status);
    if (key !== this.#lastJoin) {
      this.#lastJoin = key;
      this.o.bus.emit('cluster.joinStatus', { ...status, jobId: this.jobId });
    }
    if (status.complete) {
      await this.service.complete(this.jobId, status);
      if (this.#auto) this.setAutoApprove(false, 'complete');
      this.#join = false;
      this.#stop();
      return;
    }
    this.#emit();
  }

  #emit() {
    this.o.bus.emit('csr.autoApprove', this.state());
  }
}

function notApprovable(row: CsrRow): AppError {
  return new AppError('cluster.csrNotApprovable', { name: row.name, verdict: row.verdict, check: row.decidedBy?.id ?? '-' });
}

function kindOrder(kind?: string): number {
  return kind === 'client' ? 0 : kind === 'serving' ? 1 : 2;
}

function accessKey(o: KubeAccessOptions): string {
  return JSON.stringify([o.kubeconfigPath ?? '', o.context ?? '', !!o.insecureSkipTlsVerify]);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

export { isPending };
