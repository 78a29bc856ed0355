import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerHasher } from '../../../electron/services/artifacts/worker-hasher';

const MiB = 1024 * 1024;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the download worker while the link is the limit', () => {
  it('flushes the part to disk during the download, so the fsync before the rename has little left to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-hasher-'));
    dirs.push(dir);
    const path = join(dir, 'image.part');
    const fd = openSync(path, 'w');
    // flush every 2 MiB; 1 MiB arrives every 100 ms, a slow link next to the worker's few ms per MiB
    const hasher = new WorkerHasher(MiB, 8, 2 * MiB);
    const chunks = Array.from({ length: 8 }, () => randomBytes(MiB));
    const expected = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    let writeError: Error | undefined;
    try {
      hasher.writeTo(fd, 0, (err) => (writeError = err));
      for (const chunk of chunks) {
        hasher.update(chunk);
        await sleep(100);
      }
      await hasher.settle();
      expect(writeError).toBeUndefined();
      expect(hasher.flushes).toBeGreaterThanOrEqual(1);
      expect(await hasher.digest()).toBe(expected);
    } finally {
      hasher.close();
      closeSync(fd);
    }
    // every byte written at its place, flushes or not
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(expected);
  });
});
