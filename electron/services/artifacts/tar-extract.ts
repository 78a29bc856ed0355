import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, chmod, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Extracts one regular file from a .tar.gz or a plain .tar (the console's oc.tar) in a single
 * streaming pass (ustar/GNU headers), so the archive never has to fit in memory and no external
 * `tar` is needed (Windows/macOS laptops). Writes to a temporary sibling and renames when complete.
 */
export async function extractFileFromTarGz(archive: string, memberName: string, dest: string, mode = 0o755): Promise<number> {
  const gzip = await isGzip(archive);
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.extracting`;
  const out = createWriteStream(tmp, { mode });
  let header = Buffer.alloc(0);
  let remaining = 0; // bytes of the current member's data left
  let padding = 0;
  let writing = false;
  let found = false;
  let written = 0;
  let ended = false;

  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      let buf = chunk;
      const pending: Promise<void>[] = [];
      while (buf.length > 0 && !ended) {
        if (remaining > 0) {
          const take = Math.min(remaining, buf.length);
          if (writing) {
            const part = buf.subarray(0, take);
            written += part.length;
            if (!out.write(part)) pending.push(new Promise((r) => out.once('drain', r)));
          }
          remaining -= take;
          buf = buf.subarray(take);
          if (remaining === 0 && writing) {
            writing = false;
            ended = true; // we have what we came for
          }
          continue;
        }
        if (padding > 0) {
          const take = Math.min(padding, buf.length);
          padding -= take;
          buf = buf.subarray(take);
          continue;
        }
        const need = 512 - header.length;
        header = Buffer.concat([header, buf.subarray(0, need)]);
        buf = buf.subarray(need);
        if (header.length < 512) continue;
        const block = header;
        header = Buffer.alloc(0);
        if (block.every((b) => b === 0)) continue; // end-of-archive blocks
        const name = cstr(block, 0, 100);
        const prefix = cstr(block, 345, 155);
        const full = (prefix ? `${prefix}/${name}` : name).replace(/^\.\//, '');
        const size = parseInt(cstr(block, 124, 12).trim() || '0', 8);
        const type = String.fromCharCode(block[156]!);
        remaining = size;
        padding = (512 - (size % 512)) % 512;
        if ((type === '0' || type === '\0') && (full === memberName || full.endsWith(`/${memberName}`))) {
          writing = true;
          found = true;
          if (size === 0) ended = true;
        }
      }
      Promise.all(pending).then(() => cb(), cb);
    },
  });
  try {
    if (gzip) await pipeline(createReadStream(archive), createGunzip(), sink);
    else await pipeline(createReadStream(archive), sink);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (!found) throw new Error(`${memberName} is not in the archive`);
    if (!ended) throw new Error(`${memberName} is truncated`);
    await chmod(tmp, mode);
    await rename(tmp, dest);
    return written;
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

export const extractFileFromTar = extractFileFromTarGz;

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function cstr(buf: Buffer, start: number, len: number): string {
  const slice = buf.subarray(start, start + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? len : nul).toString('utf8');
}
