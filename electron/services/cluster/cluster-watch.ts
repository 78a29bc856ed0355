import { toWireError } from '../../../shared/api/errors';
import type { ExpectedWorker } from '../../../shared/csr/verdict';
import type { CsrObject, NodeObject, ObjectMeta } from '../../../shared/csr/types';
import type { Logger } from '../logging/logger';
import type { KubeAccess } from './kube-access';
import type { ClusterSnapshot } from './csr-evaluation';

export const DEFAULT_LIMITS = {
  /** Auto-approval stops after this long (CMA's window around machine creation) */
  maxRunMs: 2 * 3600_000,
  /** Each watch request asks the server to end it after this long; then it reconnects */
  watchTimeoutSeconds: 240,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 30_000,
  /** More pending CSRs than this for our node name means something is wrong: stop and ask */
  maxPendingForNode: 6,
};
export type WatchLimits = typeof DEFAULT_LIMITS;

type Resource = 'certificatesigningrequests' | 'nodes';
type Known = Map<string, { metadata: ObjectMeta }>;

export interface ClusterWatchDeps {
  jobId: string;
  logger: Logger;
  limits: WatchLimits;
  access(): Promise<KubeAccess>;
  expected(): Promise<ExpectedWorker | undefined>;
  /** Something changed (a list, or a watch event with an object version not seen yet) */
  onChange(): void;
  /** The last connection problem, or undefined once a watch ran again */
  onError(message: string | undefined): void;
}

/**
 * Lists then watches CSRs and the worker's Node (watch with timeoutSeconds, reconnect with
 * back-off) and keeps what they say, like an informer: the snapshot is judged on every change
 * without another request, and an object version already known (e.g. the answer to our own
 * approval PUT) is no change at all.
 */
export class ClusterWatch {
  #abort?: AbortController;
  #csrs?: Known;
  #nodes?: Known;
  /** The node name the node watch follows (null: all nodes) */
  #nodeScope?: string | null;

  constructor(private readonly d: ClusterWatchDeps) {}

  start() {
    this.#abort = new AbortController();
    void this.#loop('certificatesigningrequests', this.#abort.signal);
    void this.#loop('nodes', this.#abort.signal);
  }

  stop() {
    this.#abort?.abort();
    this.#csrs = undefined;
    this.#nodes = undefined;
  }

  /** Objects this process changed itself, as the server answered. */
  absorb(csrs: CsrObject[]) {
    for (const csr of csrs) {
      // The watch may already hold a later version (the signer's certificate can arrive before the
      // approval's own answer is absorbed): never put an older object back over it.
      const held = this.#csrs?.get(csr.metadata.name);
      if (held && isNewer(held.metadata.resourceVersion, csr.metadata.resourceVersion)) continue;
      this.#csrs?.set(csr.metadata.name, csr);
    }
  }

  /** Both resources have been listed (and are being watched): the snapshot can be judged. */
  synced(): boolean {
    return this.#csrs !== undefined && this.#nodes !== undefined;
  }

  /** The snapshot, when both watches are current and the node watch follows this worker. */
  snapshot(expected: ExpectedWorker | undefined): ClusterSnapshot | undefined {
    if (!this.#csrs || !this.#nodes) return undefined;
    if (expected && this.#nodeScope !== null && this.#nodeScope !== expected.nodeName) return undefined;
    const node = expected ? (this.#nodes.get(expected.nodeName) as NodeObject | undefined) : undefined;
    return { csrs: [...this.#csrs.values()] as CsrObject[], ...(node ? { node } : {}) };
  }

  async #loop(resource: Resource, signal: AbortSignal) {
    let backoff = this.d.limits.reconnectMinMs;
    while (!signal.aborted) {
      try {
        const gone = await this.#listAndWatch(resource, signal);
        this.d.onError(undefined);
        backoff = this.d.limits.reconnectMinMs;
        if (gone) continue;
      } catch (err) {
        if (signal.aborted) return;
        // what we knew may be stale now: evaluations read afresh until the next list
        if (resource === 'nodes') this.#nodes = undefined;
        else this.#csrs = undefined;
        const message = toWireError(err).message;
        this.d.logger.warn('cluster watch failed; reconnecting', { job: this.d.jobId, resource, error: message });
        this.d.onError(message);
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.d.limits.reconnectMaxMs);
      }
    }
  }

  /** One list and one watch from its resourceVersion; true when the server said the version is gone (410). */
  async #listAndWatch(resource: Resource, signal: AbortSignal): Promise<boolean> {
    const access = await this.d.access();
    const expected = await this.d.expected();
    const fieldSelector = resource === 'nodes' && expected ? `metadata.name=${expected.nodeName}` : undefined;
    const list = resource === 'nodes' ? await access.listNodes() : await access.listCsrs();
    const known: Known = new Map(list.items.map((o) => [o.metadata.name, o]));
    if (resource === 'nodes') {
      this.#nodes = known;
      this.#nodeScope = expected?.nodeName ?? null;
    } else this.#csrs = known;
    this.d.onChange();
    let gone = false;
    const options = { resourceVersion: list.resourceVersion, timeoutSeconds: this.d.limits.watchTimeoutSeconds, signal, ...(fieldSelector ? { fieldSelector } : {}) };
    await access.watch<{ metadata: ObjectMeta }>(resource, options, (type, object) => {
      if (type === 'ERROR')
        gone = true; // 410 Gone: re-list on the next turn
      else if (type !== 'BOOKMARK' && applyEvent(known, type, object)) this.d.onChange();
    });
    return gone;
  }
}

/** Applies one watch event to what is known; false when it changes nothing (an object version already seen). */
function applyEvent(known: Known, type: string, object: { metadata: ObjectMeta }): boolean {
  const name = object.metadata?.name;
  if (!name) return false;
  if (type === 'DELETED') return known.delete(name);
  const seen = known.get(name)?.metadata.resourceVersion;
  if (seen !== undefined && seen === object.metadata.resourceVersion) return false;
  known.set(name, object);
  return true;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

/** resourceVersion is opaque to clients, but every API server we meet (etcd revisions) issues growing integers. */
function isNewer(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return BigInt(a) > BigInt(b);
}
