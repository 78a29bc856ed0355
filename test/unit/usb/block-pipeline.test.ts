import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pipeBlocks } from '../../../electron/usb-helper/block-pipeline';
import { decodePatches, encodePatches, firstPatchMismatch, overlayPatches } from '../../../shared/usb/image-patches';

const BLOCK = 64 * 1024;
const buffers = (n: number) => Array.from({ length: n }, () => Buffer.alloc(BLOCK));

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

describe('USB write pipeline', () => {
  it('writes every byte at its place although writes finish out of order, with several in flight', async () => {
    const image = randomBytes(BLOCK * 9 + 123);
    const slots = buffers(4);
    const dev = scrambledTarget(image.length);
    const progress: number[] = [];
    const done = await pipeBlocks(
      {
        slots,
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
    expect(dev.inFlight.max).toBeGreaterThan(1);
    expect(dev.inFlight.max).toBeLessThanOrEqual(4);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(image.length);
  });

  it('stops issuing when asked and reports it; the first write error wins after everything settled', async () => {
    const image = randomBytes(BLOCK * 8);
    const slots = buffers(2);
    let writes = 0;
    const stopped = await pipeBlocks(
      { slots, blockSize: BLOCK, read: async (b, l, p) => void image.copy(b, 0, p, p + l), write: async () => void writes++, stop: () => writes >= 3, onWritten: () => undefined },
      0,
      image.length,
    );
    expect(stopped).toBe(false);
    expect(writes).toBeLessThan(8);

    const failing = pipeBlocks(
      {
        slots,
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
});

describe('embed areas substituted on the way to the stick', () => {
  it('travel without their trailing zeros and come back whole; overlapping or outside areas are refused', () => {
    const area = new Uint8Array(256 * 1024);
    area.set([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x01]);
    const wire = encodePatches([
      { offset: 4096, bytes: area },
      { offset: 100, bytes: new Uint8Array([1, 2, 3]) },
    ]);
    expect(wire[0]!.length).toBe(area.length);
    expect(wire[0]!.data.length).toBeLessThan(16);
    const back = decodePatches(wire, 1024 * 1024);
    expect(back.map((p) => p.offset)).toEqual([100, 4096]);
    expect(Buffer.from(back[1]!.bytes).equals(Buffer.from(area))).toBe(true);
    expect(() => decodePatches([...wire, { offset: 102, length: 4, data: 'AQ==' }], 1024 * 1024)).toThrow(/overlap/);
    expect(() => decodePatches(wire, 4096 + 1000)).toThrow(/past the image/);
    expect(() => decodePatches([{ offset: 0, length: 1, data: 'AQID' }], 10)).toThrow(/longer than its area/);
  });

  it('overlay and compare only the part of an area inside a block, wherever the block boundaries fall', () => {
    const patches = [{ offset: 10, bytes: new Uint8Array([7, 7, 7, 7, 7, 7]) }];
    const image = new Uint8Array(32);
    // blocks of 12 bytes: the area spans the first two
    for (let at = 0; at < 32; at += 12) overlayPatches(image.subarray(at, at + 12), at, patches);
    expect([...image.subarray(8, 18)]).toEqual([0, 0, 7, 7, 7, 7, 7, 7, 0, 0]);
    expect(firstPatchMismatch(image.subarray(12, 24), 12, patches)).toBeUndefined();
    image[14] = 8;
    expect(firstPatchMismatch(image.subarray(12, 24), 12, patches)).toBe(14);
    expect(firstPatchMismatch(image.subarray(24, 32), 24, patches)).toBeUndefined();
  });
});
