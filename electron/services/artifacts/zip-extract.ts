import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';

/**
 * Extracts one file from a .zip (the console's oc.zip for macOS and Windows) without loading the
 * archive into memory: the central directory names the entry, its data is streamed through
 * inflate (or copied when stored), and size and CRC-32 are checked before the file gets its name.
 */
export async function extractFileFromZip(archive: string, memberName: string, dest: string, mode = 0o755): Promise<number> {
  const entry = await findEntry(archive, memberName);
  if (!entry) throw new Error(`${memberName} is not in the archive`);
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`${memberName} uses zip method ${entry.method}`);
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.extracting`;
  let crc = 0;
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    const data = createReadStream(archive, { start: entry.dataStart, end: entry.dataStart + entry.compressedSize - 1 });
    const out = createWriteStream(tmp, { mode });
    if (entry.method === 8) await pipeline(data, createInflateRaw(), check, out);
    else await pipeline(data, check, out);
    if (size !== entry.size || crc >>> 0 !== entry.crc) throw new Error(`${memberName} is damaged (size or CRC-32 differ)`);
    await chmod(tmp, mode);
    await rename(tmp, dest);
    return size;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

interface ZipEntry {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

async function findEntry(archive: string, memberName: string): Promise<ZipEntry | undefined> {
  const handle = await open(archive, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let at = 0;
    for (let i = 0; i < count && dir.readUInt32LE(at) === 0x02014b50; i++) {
      const nameLength = dir.readUInt16LE(at + 28);
      const name = dir.toString('utf8', at + 46, at + 46 + nameLength);
      if (name === memberName || name.endsWith(`/${memberName}`)) {
        const local = Buffer.alloc(30);
        const localOffset = dir.readUInt32LE(at + 42);
        await handle.read(local, 0, 30, localOffset);
        const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        return { method: dir.readUInt16LE(at + 10), crc: dir.readUInt32LE(at + 16), compressedSize: dir.readUInt32LE(at + 20), size: dir.readUInt32LE(at + 24), dataStart };
      }
      at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
