import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockHasher } from '../../../electron/usb-helper/block-hasher';
import { pipeBlocks } from '../../../electron/usb-helper/block-pipeline';

const BLOCK = 64 * 1024;
const shared = (n: number) => Array.from({ length: n }, () => Buffer.from(new SharedArrayBuffer(BLOCK)));
let hasher: BlockHasher | undefined;
afterEach(async () => {
  await hasher?.close();
  hasher = undefined;
});

/** An in-memory device whose writes finish in a scrambled order (later blocks often first). */
function scrambledTarget(size: number) {
  const target = Buffer.alloc(size);
  let n = 0;
  const delays = [3, 0, 5, 1, 4, 2];
  return {
    target,
    inFlight: { now: 0, max: 0 },
    write(this: { inFlight: { now: number; max: number } }, data: Buffer, position: number) {
      const copy = Buffer.from(data);
      this.inFlight.now++;
      this.inFlight.max = Math.max(this.inFlight.max, this.inFlight.now);
      return new Promise<void>((resolve) =>
        setTimeout(
          () => {
            copy.copy(target, position);
            this.inFlight.now--;
            resolve();
          },
          delays[n++ % delays.length],
        ),
      );
    },
  };
}

describe('USB write pipeline (worker hash over shared buffers)', () => {
  it('writes every byte and hashes the blocks in image order although writes finish out of order', async () => {
    const image = randomBytes(BLOCK * 9 + 123);
    const slots = shared(4);
    hasher = new BlockHasher(slots);
    const dev = scrambledTarget(image.length);
    const progress: number[] = [];
    const done = await pipeBlocks(
      {
        slots,
        hasher,
        blockSize: BLOCK,
        read: async (b, l, p) => void image.copy(b, 0, p, p + l),
        write: (d, p) => dev.write(d, p),
        stop: () => false,
        onWritten: (upTo) => progress.push(upTo),
      },
      0,
      image.length,
    );
    expect(done).toBe(true);
    expect(dev.target.equals(image)).toBe(true);
    expect(await hasher.digest()).toBe(createHash('sha256').update(image).digest('hex'));
    expect(dev.inFlight.max).toBeGreaterThan(1);
    expect(dev.inFlight.max).toBeLessThanOrEqual(4);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(image.length);
  });

  it('stops issuing when asked and reports it; the first write error wins after everything settled', async () => {
    const image = randomBytes(BLOCK * 8);
    const slots = shared(2);
    hasher = new BlockHasher(slots);
    let writes = 0;
    const stopped = await pipeBlocks(
      { slots, hasher, blockSize: BLOCK, read: async (b, l, p) => void image.copy(b, 0, p, p + l), write: async () => void writes++, stop: () => writes >= 3, onWritten: () => undefined },
      0,
      image.length,
    );
    expect(stopped).toBe(false);
    expect(writes).toBeLessThan(8);

    const failing = pipeBlocks(
      {
        slots,
        hasher,
        blockSize: BLOCK,
        read: async (b, l, p) => void image.copy(b, 0, p, p + l),
        write: async (_d, p) => {
          if (p === 2 * BLOCK) throw Object.assign(new Error('gone'), { code: 'EIO' });
        },
        stop: () => false,
        onWritten: () => undefined,
      },
      0,
      image.length,
    );
    await expect(failing).rejects.toMatchObject({ code: 'EIO' });
  });

  it('refuses buffers a worker cannot share', () => {
    expect(() => new BlockHasher([Buffer.alloc(16)])).toThrow(/SharedArrayBuffer/);
  });
});
