import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALIGN, openPartSink } from '../../../electron/services/artifacts/part-sink';
import { PartWriter } from '../../../electron/services/artifacts/part-writer';
import { WorkerHasher } from '../../../electron/services/artifacts/worker-hasher';
import { until } from '../../support/wait';

/**
 * The download's write path on a real file system (the test machine's temp folder, where O_DIRECT
 * works on ext4): socket-sized chunks coalesced into batches, aligned direct writes with buffered
 * heads and tails, hashing on the worker, and a partial batch flushed when the link goes quiet.
 */
const BATCH = 256 * 1024;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sha256(...parts: Buffer[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

function directIoWorks(folder: string): boolean {
  try {
    closeSync(openSync(join(folder, 'probe'), constants.O_WRONLY | constants.O_CREAT | constants.O_DIRECT));
    return true;
  } catch {
    return false;
  }
}

/** Splits data into chunks of odd sizes, as a socket delivers them. */
function chunks(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = [65_536, 1, 4095, 16_384, 77_777][i % 5]!;
    out.push(data.subarray(at, at + n));
    at += n;
  }
  return out;
}

async function writeAll(path: string, from: number, body: Buffer, hasher: WorkerHasher, maxHoldMs = 100): Promise<{ direct: boolean }> {
  const sink = await openPartSink(path, from, 3, BATCH);
  let room: (() => void) | undefined;
  const writer = new PartWriter(sink, from, BATCH, hasher, { maxHoldMs, onRoom: () => room?.(), onError: () => undefined });
  for (const c of chunks(body)) {
    // push() took the chunk; false means: send nothing more until onRoom (as the body is paused)
    if (!writer.push(c)) await new Promise<void>((resolve) => (room = resolve));
  }
  await writer.finish();
  await sink.close();
  return { direct: sink.direct };
}

describe('part writer and sink', () => {
  it('writes a body in order from an unaligned resume offset, keeping the prefix, and hashes exactly the bytes written', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sfk-pw-'));
    const path = join(dir, 'x.part');
    const prefix = randomBytes(3 * ALIGN + 123); // a resumed part ending mid-block
    const body = randomBytes(5 * BATCH + 999);
    writeFileSync(path, prefix);
    const hasher = new WorkerHasher();
    hasher.update(prefix); // the prefix goes through update(), the body through the batches: order must hold
    const { direct } = await writeAll(path, prefix.length, body, hasher);
    const onDisk = readFileSync(path);
    expect(onDisk.length).toBe(prefix.length + body.length);
    expect(onDisk.equals(Buffer.concat([prefix, body]))).toBe(true);
    expect(await hasher.digest()).toBe(sha256(prefix, body));
    // where the temp folder's file system has direct I/O (ext4, xfs, btrfs), the sink must use it
    expect(direct).toBe(directIoWorks(dir));
  });

  it('puts the bytes of a link that went quiet on disk without waiting for a full batch', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sfk-pw-'));
    const path = join(dir, 'quiet.part');
    const sink = await openPartSink(path, 0, 3, BATCH);
    const hasher = new WorkerHasher();
    const writer = new PartWriter(sink, 0, BATCH, hasher, { maxHoldMs: 20, onRoom: () => undefined, onError: () => undefined });
    const first = randomBytes(10_000);
    writer.push(first);
    await until(() => readFileSync(path).length === first.length, 'the held bytes on disk');
    const second = randomBytes(BATCH); // the next batch starts mid-block: still written in place
    writer.push(second);
    await writer.finish();
    await sink.close();
    expect(readFileSync(path).equals(Buffer.concat([first, second]))).toBe(true);
    expect(await hasher.digest()).toBe(sha256(first, second));
  });

  it('asks the source to pause while every batch is out, and to resume when one comes back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sfk-pw-'));
    const sink = await openPartSink(join(dir, 'p.part'), 0, 2, BATCH);
    const hasher = new WorkerHasher();
    let resumed = 0;
    const writer = new PartWriter(sink, 0, BATCH, hasher, { onRoom: () => resumed++, onError: () => undefined });
    expect(writer.push(randomBytes(BATCH))).toBe(true); // one batch out, one free
    expect(writer.push(randomBytes(BATCH))).toBe(false); // both out: pause
    await until(() => resumed > 0, 'a batch back');
    await writer.finish();
    await sink.close();
    hasher.close();
  });

  it('reports a failed write once, stops taking bytes and rejects finish()', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sfk-pw-'));
    const sink = await openPartSink(join(dir, 'f.part'), 0, 2, BATCH);
    const failing = { ...sink, write: () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })) };
    const hasher = new WorkerHasher();
    const errors: unknown[] = [];
    const writer = new PartWriter(failing, 0, BATCH, hasher, { onRoom: () => undefined, onError: (e) => errors.push(e) });
    writer.push(randomBytes(BATCH));
    await expect(writer.finish()).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(errors).toHaveLength(1);
    await sink.close();
    hasher.close();
  });
});
