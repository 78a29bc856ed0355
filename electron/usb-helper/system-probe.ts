import { execFile } from 'node:child_process';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LSBLK_ARGS, parseLsblk, type BlockNode } from '../../shared/usb/lsblk';
import { rankByIdNames } from '../../shared/usb/drive-rules';

const run = promisify(execFile);

/**
 * Read-only facts about the machine's block devices (Linux): the lsblk tree, /dev/disk/by-id,
 * active swap, loop backing files and which devices hold a given file. No privileges needed; the
 * privileged helper calls the same functions again right before it opens a device.
 */
export async function readLsblk(device?: string): Promise<BlockNode[]> {
  const args = [...LSBLK_ARGS, ...(device ? [device] : [])];
  const { stdout } = await run('lsblk', args, { maxBuffer: 8 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } });
  return parseLsblk(JSON.parse(stdout));
}

/** whole-disk device -> its /dev/disk/by-id links (partition links are skipped), best first */
export async function readByIdLinks(dir = '/dev/disk/by-id'): Promise<Record<string, string[]>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const map: Record<string, string[]> = {};
  for (const name of names) {
    if (/-part\d+$/.test(name)) continue;
    const link = join(dir, name);
    const target = await realpath(link).catch(() => undefined);
    if (!target) continue;
    (map[target] ??= []).push(link);
  }
  for (const key of Object.keys(map)) map[key] = rankByIdNames(map[key]!);
  return map;
}

export async function readSwapDevices(): Promise<string[]> {
  const text = await readFile('/proc/swaps', 'utf8').catch(() => '');
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter((dev) => dev.startsWith('/dev/'));
}

export async function loopBackingFile(device: string): Promise<string | undefined> {
  const text = await readFile(`/sys/block/${basename(device)}/loop/backing_file`, 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

export async function readLoopBackingFiles(tree: BlockNode[]): Promise<Record<string, string>> {
  const map: Record<string, string> = {};
  for (const node of tree) {
    if (node.type !== 'loop') continue;
    const file = await loopBackingFile(node.kname);
    if (file) map[node.kname] = file;
  }
  return map;
}

/** /proc/self/mountinfo: mount point -> source device, for the "longest prefix" lookup of a file's file system. */
async function mountSources(): Promise<{ mountpoint: string; source: string }[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const fields = line.split(' ');
      const sep = fields.indexOf('-');
      return { mountpoint: unescape(fields[4] ?? ''), source: unescape(fields[sep + 2] ?? '') };
    });
}

function majorMinor(dev: bigint): string {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}

/**
 * Every block device a file lives on: the partition/disk of its file system (via st_dev and via
 * mountinfo), the members of a device-mapper device, and — for a file system on a loop device —
 * the device(s) holding the loop's backing file. The guard refuses all of them as targets.
 */
export async function devicesHoldingFile(path: string, depth = 0): Promise<string[]> {
  if (depth > 4) return [];
  const found = new Set<string>();
  const real = await realpath(path).catch(() => path);
  const st = await stat(real, { bigint: true }).catch(() => undefined);
  if (st) {
    const sys = await realpath(`/sys/dev/block/${majorMinor(st.dev)}`).catch(() => undefined);
    if (sys) found.add(`/dev/${basename(sys)}`);
  }
  const mounts = await mountSources();
  let best: { mountpoint: string; source: string } | undefined;
  for (const m of mounts) {
    const inside = real === m.mountpoint || real.startsWith(m.mountpoint.endsWith('/') ? m.mountpoint : `${m.mountpoint}/`);
    if (inside && (!best || m.mountpoint.length >= best.mountpoint.length)) best = m;
  }
  if (best?.source.startsWith('/dev/')) found.add(await realpath(best.source).catch(() => best.source));

  for (const dev of [...found]) {
    const name = basename(dev);
    // device-mapper (LVM, LUKS): the devices below it
    const slaves = await readdir(`/sys/class/block/${name}/slaves`).catch(() => [] as string[]);
    for (const s of slaves) found.add(`/dev/${s}`);
    // a partition: its disk too (lsblk's tree covers this, but the helper may look at one disk only)
    const parent = await realpath(`/sys/class/block/${name}`).catch(() => undefined);
    if (parent && (await stat(join(parent, 'partition')).catch(() => undefined))) found.add(`/dev/${basename(dirname(parent))}`);
    const backing = /^loop\d+$/.test(name) ? await loopBackingFile(dev) : undefined;
    if (backing) for (const d of await devicesHoldingFile(backing, depth + 1)) found.add(d);
  }
  return [...found];
}

/** Size in bytes the kernel currently reports for a block device; 0 when it has gone. */
export async function currentDeviceSize(device: string): Promise<number> {
  const text = await readFile(`/sys/class/block/${basename(device)}/size`, 'utf8').catch(() => '0');
  return Number(text.trim()) * 512 || 0;
}
