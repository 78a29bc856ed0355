import { Worker } from 'node:worker_threads';
import type { Patch } from '../../../shared/iso/iso-image';

/**
 * sha256 of a file as it will be once `patches` are applied, computed on another thread (its own
 * read pass through the page cache) so that the input and output hashes use both cores while the
 * kernel copies the file. The worker is plain JavaScript evaluated from a string: nothing to bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { path, size, patches } = workerData;
const CHUNK = 1024 * 1024;
const buf = new Uint8Array(CHUNK);
const hash = createHash('sha256');
const fd = openSync(path, 'r');
try {
  for (let pos = 0; pos < size; ) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
    if (n === 0) throw new Error('file shorter than expected');
    for (const p of patches) {
      const start = Math.max(p.offset, pos);
      const end = Math.min(p.offset + p.bytes.length, pos + n);
      if (start < end) buf.set(p.bytes.subarray(start - p.offset, end - p.offset), start - pos);
    }
    hash.update(buf.subarray(0, n));
    pos += n;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

export function sha256WithPatchesInWorker(path: string, size: number, patches: readonly Patch[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, size, patches: patches.map((p) => ({ offset: p.offset, bytes: p.bytes })) } });
    let settled = false;
    worker.once('message', (digest: string) => {
      settled = true;
      resolve(digest);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`hash worker exited with ${code}`));
    });
  });
}
