import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { xzDecode } from '../../../electron/services/iso/xz-decode';
import { startPracticeKit, type PracticeKit } from '../../../electron/practice/practice-kit';

/** resources/practice/live.x86_64.iso.xz: the small real live ISO that practice mode ships */
export const baseIsoXzPath = resolve(__dirname, '..', '..', '..', 'resources', 'practice', 'live.x86_64.iso.xz');

export function liveIso(): Buffer {
  return Buffer.from(xzDecode(new Uint8Array(readFileSync(baseIsoXzPath)), 0, 64 << 20).data);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export async function startKit(): Promise<{ kit: PracticeKit; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-practice-'));
  return { kit: await startPracticeKit({ dir: join(dir, 'practice'), baseIsoXzPath, flakyChunkDelayMs: 0 }), dir };
}
