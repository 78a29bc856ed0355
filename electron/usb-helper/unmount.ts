import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { walk } from '../../shared/usb/lsblk';
import { readLsblk } from './system-probe';

const run = promisify(execFile);

/** Everything currently mounted from the disk or its partitions. */
export async function mountsOf(device: string): Promise<string[]> {
  const tree = await readLsblk(device).catch(() => []);
  return tree.flatMap((disk) => [...walk(disk)].flatMap((n) => n.mountpoints.filter((m) => m !== '[SWAP]')));
}

/**
 * Unmounts the stick's file systems (deepest first). No lazy or forced unmount: if a program still
 * has files open there, the exclusive open that follows fails with EBUSY and the technician is told
 * which mount is in use, instead of the write pulling the file system out from under that program.
 */
export async function unmountAll(device: string): Promise<{ unmounted: string[]; failed: string[] }> {
  const mounts = (await mountsOf(device)).sort((a, b) => b.length - a.length);
  const unmounted: string[] = [];
  const failed: string[] = [];
  for (const mountpoint of mounts) {
    try {
      await run('umount', ['--', mountpoint]);
      unmounted.push(mountpoint);
    } catch {
      failed.push(mountpoint);
    }
  }
  return { unmounted, failed };
}
