import { constants } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { ShortWriteError } from './errors';

/**
 * Direct I/O to the stick from plain Node. O_DIRECT needs buffers whose *address* is aligned to
 * the device's logical block size, which JavaScript can't ask for; but a large Buffer never moves,
 * so we over-allocate and find the aligned offset by probing: an O_DIRECT read into a misaligned
 * address fails with EINVAL at once, an aligned one succeeds. If no offset works, or the device
 * refuses O_DIRECT, we fall back to buffered I/O (still correct: fsync + BLKFLSBUF before verify),
 * only slower. On loop devices and real sticks alike, direct I/O avoids double caching and the
 * writeback stalls that make buffered block-device writes several times slower (docs/benchmarks.md).
 */
export interface DeviceIo {
  readonly handle: FileHandle;
  readonly direct: boolean;
  /** Lengths and positions of direct transfers are multiples of this */
  readonly sector: number;
  /** A buffer usable with `handle` (aligned when direct) */
  allocate(size: number): Promise<Buffer>;
  /** Writes exactly data.length bytes at position (a sector-unaligned tail goes through a buffered descriptor). */
  writeAt(data: Buffer, position: number): Promise<void>;
  /** Reads exactly `length` bytes at position into buffer (whose capacity must allow rounding up to a sector). */
  readAt(buffer: Buffer, length: number, position: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

async function logicalBlockSize(device: string): Promise<number> {
  const text = await readFile(`/sys/class/block/${basename(device)}/queue/logical_block_size`, 'utf8').catch(() => '512');
  const n = Number(text.trim());
  return n >= 512 && n <= 65536 ? n : 512;
}

const roundUp = (n: number, unit: number) => Math.ceil(n / unit) * unit;

async function writeFull(handle: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await handle.write(buffer, done, length - done, position + done);
    if (bytesWritten === 0) throw new ShortWriteError(position + done);
    done += bytesWritten;
  }
}

async function readFull(handle: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new ShortWriteError(position + done);
    done += bytesRead;
  }
}

/**
 * Finds an offset into `raw` whose address is aligned for O_DIRECT on `handle`, or -1. The probe
 * spans several pages: the kernel lets a single sector through at any address, so a one-sector
 * probe would "succeed" at a misaligned offset that a 4 MiB transfer then fails with EINVAL.
 */
const probeLength = (sector: number) => Math.max(16 * 1024, 4 * sector);

async function alignedOffset(handle: FileHandle, raw: Buffer, sector: number): Promise<number> {
  const length = probeLength(sector);
  for (let offset = 0; offset + length <= raw.length && offset < 4096 + sector; offset += 16) {
    try {
      await handle.read(raw, offset, length, 0);
      return offset;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    }
  }
  return -1;
}

/**
 * Opens the whole disk read-write and exclusively (O_EXCL: EBUSY while anything is mounted or
 * another writer holds it), direct when possible.
 */
export async function openDeviceIo(device: string, options: { direct?: boolean } = {}): Promise<DeviceIo> {
  const sector = await logicalBlockSize(device);
  const base = constants.O_RDWR | constants.O_EXCL;
  let handle: FileHandle | undefined;
  let direct = options.direct !== false && constants.O_DIRECT !== undefined;
  if (direct) {
    try {
      handle = await open(device, base | constants.O_DIRECT);
      const probe = Buffer.allocUnsafeSlow(probeLength(sector) + 4096 + sector);
      if ((await alignedOffset(handle, probe, sector)) < 0) throw Object.assign(new Error('no aligned buffer'), { code: 'EINVAL' });
    } catch (err) {
      await handle?.close().catch(() => undefined);
      handle = undefined;
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      direct = false;
    }
  }
  if (!handle) handle = await open(device, base);
  const main = handle;
  let tail: FileHandle | undefined;
  // the buffered side door for sector-unaligned tails; opened without O_EXCL (we already hold the device)
  const tailHandle = async () => (tail ??= await open(device, constants.O_RDWR));

  return {
    handle: main,
    direct,
    sector,
    async allocate(size) {
      const raw = Buffer.allocUnsafeSlow(direct ? Math.max(size, probeLength(sector)) + 4096 + sector : size);
      if (!direct) return raw;
      const offset = await alignedOffset(main, raw, sector);
      if (offset < 0) throw Object.assign(new Error('could not align a buffer for direct I/O'), { code: 'EINVAL' });
      return raw.subarray(offset, offset + size);
    },
    async writeAt(data, position) {
      if (!direct) return writeFull(main, data, data.length, position);
      const aligned = data.length - (data.length % sector);
      if (aligned > 0) await writeFull(main, data, aligned, position);
      if (aligned < data.length) {
        const t = await tailHandle();
        await writeFull(t, data.subarray(aligned), data.length - aligned, position + aligned);
        await t.sync();
      }
    },
    async readAt(buffer, length, position) {
      if (!direct) return readFull(main, buffer, length, position);
      await readFull(main, buffer, Math.min(roundUp(length, sector), buffer.length), position);
    },
    async sync() {
      await main.sync();
      await tail?.sync();
    },
    async close() {
      await tail?.close().catch(() => undefined);
      await main.close();
    },
  };
}
