import { toWireError } from '../../../shared/api/errors';
import type { AutoApproveState, ClusterData, CsrState, JoinStatus } from '../../../shared/api/domains/cluster';
import type { ExpectedWorker } from '../../../shared/csr/verdict';
import type { CsrObject } from '../../../shared/csr/types';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { EventBus } from '../events/event-bus';
import type { KubeAccess } from './kube-access';
import type { ApprovalOutcome } from './csr-approval';
import { csrStateOf, joinStatusOf, type ClusterSnapshot, type CsrEvaluation } from './csr-evaluation';
import { ClusterWatch, type WatchLimits } from './cluster-watch';

export { DEFAULT_LIMITS, type WatchLimits } from './cluster-watch';

/** What one job's watcher needs from the cluster service. */
export interface JoinWatcherDeps {
  jobId: string;
  jobs: JobStore;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  limits: WatchLimits;
  access(): Promise<KubeAccess>;
  expected(): Promise<ExpectedWorker | undefined>;
  /** Judges the snapshot the watches keep (no request), or reads the cluster afresh without one. */
  evaluate(expected: ExpectedWorker | undefined, snapshot?: ClusterSnapshot): Promise<CsrEvaluation>;
  /** Auto-approval: reads the cluster afresh before it approves anything. */
  approve(plan: string[]): Promise<ApprovalOutcome>;
  complete(status: JoinStatus): Promise<void>;
  onEnd(): void;
}

/**
 * One loop per job: list then watch CSRs and the worker's Node (timeoutSeconds, reconnect with
 * back-off), keep what they say as a snapshot, judge it on every change (no request), approve what
 * passes when auto-approve is on, and finish when the node is Ready with its serving CSR approved,
 * or after the 2-hour limit. Never denies.
 */
export class JoinWatcher {
  #auto = false;
  #join = false;
  #startedAt?: number;
  #stoppedAt?: number;
  #stopReason?: string;
  #approved: string[] = [];
  #lastError?: string;
  #warnings: AutoApproveState['warnings'] = [];
  #pending = false;
  #evaluating?: Promise<void>;
  #lastJoin = '';
  #lastState = '';
  readonly #watch: ClusterWatch;
  running = false;

  constructor(private readonly d: JoinWatcherDeps) {
    this.#watch = new ClusterWatch({
      jobId: d.jobId,
      logger: d.logger,
      limits: d.limits,
      access: d.access,
      expected: d.expected,
      onChange: () => this.#schedule(),
      onError: (message) => {
        if (message === this.#lastError) return;
        this.#lastError = message;
        this.#emit();
      },
    });
  }

  state(): AutoApproveState {
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    return {
      jobId: this.d.jobId,
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
      this.#startedAt = this.d.clock.now();
      this.#stoppedAt = undefined;
      this.#stopReason = undefined;
      this.#start();
    } else if (this.#auto) {
      this.#auto = false;
      this.#stoppedAt = this.d.clock.now();
      this.#stopReason = reason ?? 'stopped';
      this.#recordStop();
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

  /** An approval made outside the loop: its CSRs and the state the UI was sent, so their watch events cost nothing. */
  absorb(approved: CsrObject[], state: CsrState) {
    this.#watch.absorb(approved);
    this.#lastState = JSON.stringify(state);
    if (this.running) this.#schedule();
  }

  #recordStop() {
    const { jobs, jobId } = this.d;
    void jobs
      .updateData<ClusterData>(jobId, 'cluster', (c) => ({
        ...c!,
        autoApprove: { ...c?.autoApprove, enabled: false, stoppedAt: new Date(this.#stoppedAt!).toISOString(), stopReason: this.#stopReason },
      }))
      .then(() => jobs.appendAudit(jobId, { actor: 'auto', action: 'csr.autoApproveStopped', summary: `Auto-approve stopped: ${this.#stopReason}` }))
      .catch((err: unknown) => this.d.logger.warn('auto-approve stop not recorded', { error: String(err) }));
  }

  #start() {
    if (this.running) {
      this.#schedule();
      return;
    }
    this.running = true;
    this.#watch.start();
    this.#schedule();
  }

  #stop() {
    this.running = false;
    this.#watch.stop();
    this.d.onEnd();
    this.#emit();
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
    const now = this.d.clock.now();
    if (this.#auto && this.#startedAt !== undefined && now - this.#startedAt > this.d.limits.maxRunMs) {
      this.setAutoApprove(false, 'timeout');
      return;
    }
    // Until both lists are in, there is nothing to judge yet: their arrival schedules the first evaluation.
    if (!this.#watch.synced()) return;
    const expected = await this.d.expected();
    // no snapshot after a change of worker (the node watch follows the old name): read afresh
    let e = await this.d.evaluate(expected, this.#watch.snapshot(expected));
    this.#publish(e);
    const mine = e.rows.filter((r) => r.kind !== 'other' && r.nodeName?.toLowerCase() === e.expected?.nodeName.toLowerCase());
    const pendingMine = mine.filter((r) => r.verdict !== 'done');
    this.#warnings = pendingMine.filter((r) => r.waitingLong).map((r) => ({ code: 'waitingLong', params: { name: r.name, minutes: Math.round((now - Date.parse(r.createdAt ?? '')) / 60_000) } }));
    if (this.#auto) {
      // Guard: a pile of pending CSRs for one name means something is retrying or spoofing. Ask a human.
      if (pendingMine.length > this.d.limits.maxPendingForNode) {
        this.setAutoApprove(false, 'guard');
        return;
      }
      // the limit is checked again right before approving: an evaluation may have started before it passed
      if (e.plan.length && this.#startedAt !== undefined && this.d.clock.now() - this.#startedAt > this.d.limits.maxRunMs) {
        this.setAutoApprove(false, 'timeout');
        return;
      }
      if (e.plan.length) e = await this.#autoApprove(e.plan);
    }
    await this.#followJoin(joinStatusOf(e));
  }

  async #autoApprove(plan: string[]): Promise<CsrEvaluation> {
    const { results, evaluation } = await this.d.approve(plan);
    const ok = results.filter((r) => r.ok).map((r) => r.name);
    this.#approved.push(...ok);
    this.#watch.absorb(evaluation.csrs.filter((c) => ok.includes(c.metadata.name)));
    this.#publish(evaluation);
    return evaluation;
  }

  async #followJoin(status: JoinStatus) {
    const key = JSON.stringify(status);
    if (key !== this.#lastJoin) {
      this.#lastJoin = key;
      this.d.bus.emit('cluster.joinStatus', { ...status, jobId: this.d.jobId });
    }
    if (status.complete) {
      await this.d.complete(status);
      if (this.#auto) this.setAutoApprove(false, 'complete');
      this.#join = false;
      this.#stop();
      return;
    }
    this.#emit();
  }

  /** Sends the judged state once per change: the CSR panel shows it without asking again. */
  #publish(e: CsrEvaluation) {
    const state = csrStateOf(e);
    const key = JSON.stringify(state);
    if (key === this.#lastState) return;
    this.#lastState = key;
    this.d.bus.emit('csr.changed', { jobId: this.d.jobId, state });
  }

  #emit() {
    this.d.bus.emit('csr.autoApprove', this.state());
  }
}
