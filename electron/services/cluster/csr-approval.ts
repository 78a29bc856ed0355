import { AppError, toWireError } from '../../../shared/api/errors';
import type { ClusterData, CsrRow } from '../../../shared/api/domains/cluster';
import { judgeCsr, type ExpectedWorker } from '../../../shared/csr/verdict';
import type { CsrObject } from '../../../shared/csr/types';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import type { KubeAccess } from './kube-access';
import { expectedWorkerOf, judgeSnapshot, withCsrs, type CsrEvaluation, type CsrParseCache } from './csr-evaluation';

const APPROVE_REASON = 'SnoFieldKitApprove';

export interface ApprovalResult {
  name: string;
  ok: boolean;
  error?: ReturnType<typeof toWireError>;
}

/** What an approval did, and the cluster as it is after it (judged again without another read). */
export interface ApprovalOutcome {
  results: ApprovalResult[];
  evaluation: CsrEvaluation;
}

export interface CsrApprovalOptions {
  jobs: JobStore;
  clock: Clock;
  parser: CsrParseCache;
  accessFor: (jobId: string) => Promise<KubeAccess>;
}

/**
 * Judges the job's CSRs against its expected worker and approves those that pass. One approval
 * reads the cluster once (CSR list + the worker's Node), PUTs each approval with the resourceVersion
 * it judged, so a CSR changed meanwhile is refused by the API server (409) and judged again as re-read.
 */
export class CsrApprovals {
  readonly #o: CsrApprovalOptions;

  constructor(options: CsrApprovalOptions) {
    this.#o = options;
  }

  /** A fresh read of the cluster, judged: two requests. */
  async evaluate(jobId: string): Promise<CsrEvaluation> {
    const job = await this.#o.jobs.get(jobId);
    const access = await this.#o.accessFor(jobId);
    const expected = expectedWorkerOf(job);
    const [{ items }, node] = await Promise.all([access.listCsrs(), expected ? access.getNode(expected.nodeName) : undefined]);
    return judgeSnapshot(expected, { csrs: items, ...(node ? { node } : {}) }, this.#o.parser, this.#o.clock.now());
  }

  /**
   * Approves the named CSRs, but only those whose verdict is "approve" right now for this job's
   * worker, client before serving. `current` is an evaluation just made (saves reading again).
   */
  async approve(jobId: string, names: string[], actor?: string, current?: CsrEvaluation): Promise<ApprovalOutcome> {
    const expected = current?.expected ?? expectedWorkerOf(await this.#o.jobs.get(jobId));
    if (!expected) throw new AppError('cluster.noExpectedNode');
    const evaluation = current ?? (await this.evaluate(jobId));
    const byName = new Map(evaluation.rows.map((r) => [r.name, r]));
    const ordered = [...names].sort((a, b) => kindOrder(byName.get(a)?.kind) - kindOrder(byName.get(b)?.kind));
    const results: ApprovalResult[] = [];
    const updated: CsrObject[] = [];
    for (const name of ordered) {
      try {
        const row = byName.get(name);
        if (!row) throw new AppError('cluster.csrNotFound', { name });
        if (row.verdict !== 'approve') throw notApprovable(row);
        if (row.superseded) throw new AppError('cluster.csrSuperseded', { name });
        updated.push(await this.#approveOne(jobId, expected, row, evaluation, actor));
        results.push({ name, ok: true });
      } catch (err) {
        results.push({ name, ok: false, error: toWireError(err) });
      }
    }
    const after = updated.length ? await judgeSnapshot(expected, withCsrs(evaluation, updated), this.#o.parser, this.#o.clock.now()) : evaluation;
    return { results, evaluation: after };
  }

  async approveAllValid(jobId: string, actor?: string): Promise<ApprovalOutcome> {
    const evaluation = await this.evaluate(jobId);
    if (!evaluation.expected) throw new AppError('cluster.noExpectedNode');
    if (evaluation.plan.length === 0) return { results: [], evaluation };
    return this.approve(jobId, evaluation.plan, actor, evaluation);
  }

  async #approveOne(jobId: string, expected: ExpectedWorker, row: CsrRow, evaluation: CsrEvaluation, actor?: string): Promise<CsrObject> {
    const access = await this.#o.accessFor(jobId);
    const listed = evaluation.csrs.find((c) => c.metadata.name === row.name);
    const approved = await access.approveCsr(
      row.name,
      { reason: APPROVE_REASON, message: `Approved by SNO Field Kit for worker ${expected.nodeName} (job ${jobId}) after identity checks.` },
      async (fresh) => {
        // The object as judged needs no second look; one re-read after a 409 (changed meanwhile) is judged again with the Node as it is now.
        if (fresh === listed) return;
        const node = await access.getNode(expected.nodeName);
        const again = judgeCsr(fresh, await this.#o.parser.parse(fresh.spec.request), { expected, node: { exists: !!node, addresses: node?.status?.addresses ?? [] } });
        if (again.verdict !== 'approve') throw new AppError('cluster.csrNotApprovable', { name: row.name, verdict: again.verdict, check: again.decidedBy?.id ?? '-' });
      },
      listed,
    );
    await this.#record(jobId, expected, row, actor);
    return approved;
  }

  async #record(jobId: string, expected: ExpectedWorker, row: CsrRow, actor?: string): Promise<void> {
    const kind = row.kind as 'client' | 'serving';
    const at = new Date(this.#o.clock.now()).toISOString();
    const who = actor ?? undefined;
    const request = row.request.ok ? row.request : undefined;
    const warnings = row.checks.filter((c) => c.outcome === 'warn');
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
        warnings: warnings.map((c) => c.id),
        checks: row.checks,
        verdict: row.verdict,
        mode: who === 'auto' ? 'auto' : 'manual',
        ...(warnings.length ? { overrides: warnings.map((c) => ({ code: 'csrCheckWarning', params: { csr: row.name, check: c.id } })) } : {}),
      },
    });
    await this.#o.jobs.updateData<ClusterData>(jobId, 'cluster', (current) => ({
      ...current!,
      approvals: [...(current?.approvals ?? []), { name: row.name, kind, at, by: who ?? 'technician' }],
    }));
  }
}

function notApprovable(row: CsrRow): AppError {
  return new AppError('cluster.csrNotApprovable', { name: row.name, verdict: row.verdict, check: row.decidedBy?.id ?? '-' });
}

function kindOrder(kind?: string): number {
  return kind === 'client' ? 0 : kind === 'serving' ? 1 : 2;
}
