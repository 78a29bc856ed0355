import { access, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unmountAll } from './unmount';

/**
 * Safe removal: unmount whatever a desktop automounter mounted from the fresh ISO partitions, then
 * ask the kernel to detach the disk (what `udisksctl power-off` does first). Loop devices (test
 * stand-ins) have nothing to eject.
 */
export async function ejectDrive(device: string): Promise<boolean> {
  const name = basename(device);
  if (/^loop\d+$/.test(name)) return false;
  await unmountAll(device);
  const del = `/sys/block/${name}/device/delete`;
  try {
    await access(del);
    await writeFile(del, '1');
    return true;
  } catch {
    return false;
  }
}
