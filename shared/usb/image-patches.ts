import { z } from 'zod';
import { base64Decode, base64Encode } from '../ignition/encoding';

/**
 * A self-installing stick written straight from the verified source ISO (issue #16 b): the writer
 * streams the source and substitutes the few embed areas (the Ignition initrd area, the kernel
 * argument areas) on the fly, so no 1 GiB customised copy is ever made. A patch is the bytes of
 * one area; on the wire its trailing zeros are left out (an Ignition area is mostly padding) and
 * `length` says how far the zeros reach.
 */
export interface ImagePatch {
  offset: number;
  bytes: Uint8Array;
}

/** At most this many areas (RHCOS has one initrd area and a few karg areas) and this many bytes in all. */
export const MAX_PATCHES = 16;
export const MAX_PATCH_BYTES = 1024 * 1024;

export const wirePatchSchema = z.strictObject({
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive().max(MAX_PATCH_BYTES),
  /** base64 of the area's bytes up to its last non-zero byte; the rest of `length` is zeros */
  data: z
    .string()
    .max(Math.ceil(MAX_PATCH_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type WirePatch = z.infer<typeof wirePatchSchema>;

export const wirePatchesSchema = z.array(wirePatchSchema).max(MAX_PATCHES);

export function encodePatches(patches: readonly ImagePatch[]): WirePatch[] {
  return patches.map(({ offset, bytes }) => {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return { offset, length: bytes.length, data: base64Encode(bytes.subarray(0, end)) };
  });
}

/** Thrown for patches that are not a set of separate areas inside the image. */
export class PatchError extends Error {}

/**
 * Decodes and checks: every area inside the image, none overlapping, at most MAX_PATCH_BYTES in
 * all. Returned in image order.
 */
export function decodePatches(wire: readonly WirePatch[], imageSize: number): ImagePatch[] {
  const patches = wire
    .map(({ offset, length, data }) => {
      const head = base64Decode(data);
      if (head.length > length) throw new PatchError(`the data for offset ${offset} is longer than its area`);
      const bytes = new Uint8Array(length);
      bytes.set(head);
      return { offset, bytes };
    })
    .sort((a, b) => a.offset - b.offset);
  let total = 0;
  let end = 0;
  for (const p of patches) {
    if (p.offset < end) throw new PatchError(`the areas at ${p.offset} overlap`);
    end = p.offset + p.bytes.length;
    if (end > imageSize) throw new PatchError(`the area at ${p.offset} reaches past the image`);
    total += p.bytes.length;
  }
  if (total > MAX_PATCH_BYTES) throw new PatchError('the areas are too large');
  return patches;
}

/** The part of `patch` that falls in [position, position + length), as offsets into both. */
function overlap(patch: ImagePatch, position: number, length: number): { into: number; from: number; count: number } | undefined {
  const start = Math.max(position, patch.offset);
  const end = Math.min(position + length, patch.offset + patch.bytes.length);
  return start < end ? { into: start - position, from: start - patch.offset, count: end - start } : undefined;
}

/** Copies the patches' bytes over the block of the image at `position` (in place). */
export function overlayPatches(block: Uint8Array, position: number, patches: readonly ImagePatch[]): void {
  for (const p of patches) {
    const o = overlap(p, position, block.length);
    if (o) block.set(p.bytes.subarray(o.from, o.from + o.count), o.into);
  }
}

/** The image offset of the first byte in `block` (at `position`) that differs from the patches, or undefined. */
export function firstPatchMismatch(block: Uint8Array, position: number, patches: readonly ImagePatch[]): number | undefined {
  for (const p of patches) {
    const o = overlap(p, position, block.length);
    if (!o) continue;
    for (let i = 0; i < o.count; i++) if (block[o.into + i] !== p.bytes[o.from + i]) return position + o.into + i;
  }
  return undefined;
}
