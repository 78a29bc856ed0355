import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { entries, type ReadEntry } from 'tar';

/**
 * Extracts one regular file from a .tar.gz or a plain .tar (the console's oc.tar) with node-tar,
 * streaming, so the archive never has to fit in memory and no external `tar` is needed
 * (Windows/macOS laptops). Safety does not depend on the archive: the output path is the caller's,
 * never a path from the archive; only a regular file is taken (a symbolic or hard link named like
 * the member is skipped), never one whose path climbs with `..` or is absolute; a body shorter than
 * its header says is refused; node-tar stops a decompression bomb (ratio limit). The file is written
 * to a temporary sibling and renamed only when complete.
 */
export async function extractFileFromTarGz(archive: string, memberName: string, dest: string, mode = 0o755): Promise<number> {
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.extracting`;
  let damaged = false;
  try {
    const reader = entries(createReadStream(archive), {
      file: archive,
      onwarn: (code) => {
        if (code === 'TAR_BAD_ARCHIVE') damaged = true;
      },
    });
    for await (const entry of reader) {
      if (!isWanted(entry, memberName)) continue;
      const written = await writeBody(entry, tmp, mode);
      if (damaged || written !== entry.size) throw new Error(`${memberName} is truncated`);
      await chmod(tmp, mode);
      await rename(tmp, dest);
      return written;
    }
    throw new Error(damaged ? `${memberName} is truncated` : `${memberName} is not in the archive`);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export const extractFileFromTar = extractFileFromTarGz;

function isWanted(entry: ReadEntry, memberName: string): boolean {
  if (entry.type !== 'File' && entry.type !== 'OldFile') return false;
  const path = entry.path.replace(/^\.\//, '');
  if (path.startsWith('/') || path.split('/').includes('..')) return false;
  return path === memberName || path.endsWith(`/${memberName}`);
}

async function writeBody(entry: ReadEntry, tmp: string, mode: number): Promise<number> {
  let written = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      written += chunk.length;
      controller.enqueue(chunk);
    },
  });
  await entry.body.pipeThrough(counter).pipeTo(Writable.toWeb(createWriteStream(tmp, { mode })));
  return written;
}
