import type { Job } from '../../../shared/api/domains/jobs';
import { clusterDataSchema, type CsrRow, type CsrState, type JoinStatus, type NodeRow } from '../../../shared/api/domains/cluster';
import { judgeCsr, planApprovals, type CsrParseResult, type ExpectedWorker } from '../../../shared/csr/verdict';
import type { CsrObject, NodeObject } from '../../../shared/csr/types';
import { SERVING_SIGNER } from '../../../shared/csr/types';
import { parseCsrRequest } from './csr-parse';
import { csrRow, nodeRow } from './cluster-views';

/** What the cluster looked like at one moment: every CSR, and the expected worker's Node if it exists. */
export interface ClusterSnapshot {
  csrs: CsrObject[];
  node?: NodeObject;
}

export interface CsrEvaluation {
  expected?: ExpectedWorker;
  rows: CsrRow[];
  plan: string[];
  csrs: CsrObject[];
  node?: NodeObject;
}

/** The worker this job adds: set explicitly on the CSR step, else the manual flow's host name. */
export function expectedWorkerOf(job: Job): ExpectedWorker | undefined {
  const data = clusterDataSchema.safeParse(job.data.cluster);
  const worker = data.success ? data.data.worker : undefined;
  const manualHost = (job.data.manual as { hostname?: unknown } | undefined)?.hostname;
  const nodeName = worker?.nodeName ?? (typeof manualHost === 'string' && manualHost.trim() ? manualHost.trim() : undefined);
  if (!nodeName) return undefined;
  // CSRs older than the job are leftovers of an earlier attempt, never this join.
  return { nodeName, addresses: worker?.addresses ?? [], notBefore: job.createdAt };
}

/** Parsing a CSR is the costly part of a verdict and a CSR's request never changes: parse each once. */
export class CsrParseCache {
  readonly #parsed = new Map<string, Promise<CsrParseResult>>();

  parse(request: string): Promise<CsrParseResult> {
    let p = this.#parsed.get(request);
    if (!p) {
      p = parseCsrRequest(request);
      if (this.#parsed.size > 500) this.#parsed.clear();
      this.#parsed.set(request, p);
    }
    return p;
  }
}

/** Judges every CSR of a snapshot for this job's worker; no requests are made. */
export async function judgeSnapshot(expected: ExpectedWorker | undefined, snapshot: ClusterSnapshot, parser: CsrParseCache, now: number): Promise<CsrEvaluation> {
  const { csrs, node } = snapshot;
  const judged = await Promise.all(
    csrs.map(async (csr) => {
      const parsed = await parser.parse(csr.spec.request);
      const verdict = expected ? judgeCsr(csr, parsed, { expected, node: { exists: !!node, addresses: node?.status?.addresses ?? [] } }) : judgeCsr(csr, parsed, { expected: { nodeName: '\u0000' } });
      return { csr, parsed, verdict };
    }),
  );
  const { approve, superseded } = planApprovals(judged);
  const rows = judged
    .map(({ csr, parsed, verdict }) => csrRow(csr, parsed, verdict, superseded.includes(csr.metadata.name), now))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name));
  return { ...(expected ? { expected } : {}), rows, plan: approve, csrs, ...(node ? { node } : {}) };
}

/** The snapshot with some CSRs replaced by newer copies (e.g. what an approval PUT answered). */
export function withCsrs(e: CsrEvaluation, updated: CsrObject[]): ClusterSnapshot {
  const byName = new Map(updated.map((c) => [c.metadata.name, c]));
  return { csrs: e.csrs.map((c) => byName.get(c.metadata.name) ?? c), ...(e.node ? { node: e.node } : {}) };
}

function approved(c: CsrObject): boolean {
  return (c.status?.conditions ?? []).some((x) => x.type === 'Approved' && x.status === 'True');
}

/** How far the worker's join has come, from one evaluation. */
export function joinStatusOf(e: CsrEvaluation): JoinStatus {
  const name = e.expected?.nodeName;
  const mine = e.csrs.filter((c) => e.rows.find((r) => r.name === c.metadata.name)?.nodeName?.toLowerCase() === name?.toLowerCase());
  const client = mine.filter((c) => c.spec.signerName !== SERVING_SIGNER && approved(c));
  const serving = mine.filter((c) => c.spec.signerName === SERVING_SIGNER && c.spec.username?.toLowerCase() === `system:node:${name ?? ''}`.toLowerCase());
  const servingApproved = serving.some(approved);
  const row: NodeRow | undefined = e.node ? nodeRow(e.node) : undefined;
  const nodeReady = row?.status === 'Ready';
  return {
    ...(name ? { nodeName: name } : {}),
    clientApproved: client.length > 0 || !!e.node,
    nodeRegistered: !!e.node,
    servingApproved,
    servingIssued: serving.some((c) => approved(c) && !!c.status?.certificate),
    nodeReady,
    complete: nodeReady && servingApproved,
    ...(row ? { node: row } : {}),
  };
}

/** What the CSR panel shows (csr.list and the csr.changed event). */
export function csrStateOf(e: CsrEvaluation): CsrState {
  return {
    ...(e.expected ? { expected: { nodeName: e.expected.nodeName, addresses: e.expected.addresses ?? [] } } : {}),
    rows: e.rows,
    plan: e.plan,
    ...(e.node ? { node: nodeRow(e.node) } : {}),
    join: joinStatusOf(e),
  };
}
