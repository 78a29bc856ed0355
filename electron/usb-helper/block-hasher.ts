import { Worker } from 'node:worker_threads';

/**
 * sha256 of a stream of blocks, computed on a worker thread. The blocks live in SharedArrayBuffers
 * that both threads see, so nothing is copied: the writer posts "slot 3 holds 8 MiB", the worker
 * hashes those bytes while the writer's next blocks are read and written, and answers when the slot
 * may be reused. The worker handles messages in order, so the digest is over the blocks in the
 * order they were handed in. (On 2 cores the hash then overlaps with the device's own copying
 * instead of alternating with it: issue #16, docs/benchmarks.md "USB writer".)
 *
 * The worker is plain JavaScript evaluated from a string, so the bundled helper needs no extra file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const views = workerData.slots.map((s) => new Uint8Array(s.buffer, s.offset, s.length));
let hash = createHash('sha256');
parentPort.on('message', (m) => {
  if (m.type === 'block') {
    hash.update(views[m.slot].subarray(0, m.length));
    parentPort.postMessage({ type: 'hashed', slot: m.slot });
  } else if (m.type === 'digest') {
    parentPort.postMessage({ type: 'digest', hex: hash.digest('hex') });
    hash = createHash('sha256');
  }
});
`;

type Reply = { type: 'hashed'; slot: number } | { type: 'digest'; hex: string };

export class BlockHasher {
  readonly #worker: Worker;
  /** Waiters in the order their messages were posted (the worker answers in that order). */
  readonly #waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  #failed: Error | undefined;

  /** `slots` are views over SharedArrayBuffers; `update` names a block by its slot index. */
  constructor(private readonly slots: readonly Buffer[]) {
    for (const s of slots) if (!(s.buffer instanceof SharedArrayBuffer)) throw new Error('BlockHasher needs buffers over SharedArrayBuffers');
    const workerData = { slots: slots.map((s) => ({ buffer: s.buffer, offset: s.byteOffset, length: s.length })) };
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    this.#worker.on('message', (reply: Reply) => this.#waiting.shift()?.resolve(reply));
    const fail = (err: Error) => {
      this.#failed ??= err;
      for (const w of this.#waiting.splice(0)) w.reject(err);
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`hash worker exited with ${code}`)));
  }

  #ask(message: object): Promise<Reply> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#worker.postMessage(message);
    });
  }

  /** Hashes the first `length` bytes of slot `slot`; resolves once the slot may be overwritten. */
  async update(slot: number, length: number): Promise<void> {
    if (slot < 0 || slot >= this.slots.length || length > this.slots[slot]!.length) throw new RangeError(`bad slot ${slot}/${length}`);
    await this.#ask({ type: 'block', slot, length });
  }

  /** The sha256 of every block so far (after all earlier updates); starts a new hash. */
  async digest(): Promise<string> {
    const reply = await this.#ask({ type: 'digest' });
    return (reply as { hex: string }).hex;
  }

  async close(): Promise<void> {
    this.#failed ??= new Error('hasher closed');
    await this.#worker.terminate();
  }
}
