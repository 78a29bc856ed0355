import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { helperMessageSchema, type HelperMessage } from '../../../shared/usb/helper-protocol';
import { requirePeer } from '../../support/peers';

export const MiB = 1024 * 1024;

/**
 * Real loop devices standing in for USB sticks (the test machines run the suite as root). Every
 * device made here is detached in cleanup(), also when a test failed halfway.
 */
export class LoopLab {
  /** The programs the lab and the helper under test run (util-linux for blockdev, findmnt and lsblk). */
  readonly peers = {
    losetup: requirePeer('losetup', 'mount'),
    mount: requirePeer('mount', 'mount'),
    umount: requirePeer('umount', 'mount'),
    mkfsExt4: requirePeer('mkfs.ext4', 'e2fsprogs'),
    truncate: requirePeer('truncate', 'coreutils'),
    blockdev: requirePeer('blockdev', 'util-linux'),
    findmnt: requirePeer('findmnt', 'util-linux'),
  };
  readonly dir = mkdtempSync(join(tmpdir(), 'sfk-usb-'));
  private readonly loops: string[] = [];
  private readonly mounts: string[] = [];
  helperBundle = '';

  /** Bundles the helper exactly as the app ships it (plain Node, CommonJS). */
  async buildHelper(): Promise<string> {
    this.helperBundle = join(this.dir, 'usb-helper.cjs');
    await build({ entryPoints: ['electron/usb-helper/main.ts'], outfile: this.helperBundle, bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'error' });
    return this.helperBundle;
  }

  /** A loop device over a sparse or filled file; returns the device node and its backing file. */
  loop(sizeMiB: number, fill?: number): { device: string; file: string; size: number } {
    const file = join(this.dir, `stick-${this.loops.length}.img`);
    const fd = openSync(file, 'w');
    if (fill !== undefined) {
      const chunk = Buffer.alloc(MiB, fill);
      for (let i = 0; i < sizeMiB; i++) writeSync(fd, chunk);
    }
    closeSync(fd);
    execFileSync(this.peers.truncate, ['-s', `${sizeMiB}M`, file]);
    const device = execFileSync(this.peers.losetup, ['--find', '--show', file], { encoding: 'utf8' }).trim();
    this.loops.push(device);
    return { device, file, size: sizeMiB * MiB };
  }

  /** A random "ISO" of the given size with its sha256. */
  image(sizeMiB: number, name = `image-${Date.now()}.iso`): { path: string; size: number; sha256: string } {
    const path = join(this.dir, name);
    const data = randomBytes(sizeMiB * MiB);
    writeFileSync(path, data);
    return { path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }

  mountExt4(device: string): string {
    execFileSync(this.peers.mkfsExt4, ['-q', '-F', device]);
    const mountpoint = mkdtempSync('/mnt/sfk-usb-test-');
    execFileSync(this.peers.mount, [device, mountpoint]);
    this.mounts.push(mountpoint);
    return mountpoint;
  }

  untrack(device: string): void {
    const i = this.loops.indexOf(device);
    if (i >= 0) this.loops.splice(i, 1);
  }

  cleanup(): void {
    for (const m of this.mounts.reverse()) {
      try {
        execFileSync(this.peers.umount, ['-l', m], { stdio: 'ignore' });
      } catch {
        // already unmounted by the test or the helper
      }
      rmSync(m, { recursive: true, force: true });
    }
    for (const d of this.loops) {
      try {
        execFileSync(this.peers.losetup, ['-d', d], { stdio: 'ignore' });
      } catch {
        // already detached
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function readBytes(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, position);
    return buf;
  } finally {
    closeSync(fd);
  }
}

export function sha256Of(path: string, length: number): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4 * MiB);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, length - done), done);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    done += n;
  }
  closeSync(fd);
  return hash.digest('hex');
}

export interface HelperRun {
  messages: HelperMessage[];
  raw: string[];
  exitCode: number | null;
  stderr: string;
}

/**
 * Runs the bundled helper with raw request lines; `onMessage` may react (cancel, detach…) and
 * write more lines through `send`. `env` adds variables (PKEXEC_UID, as pkexec would set it).
 */
export function runHelper(
  bundle: string,
  lines: string[],
  opts: { args?: string[]; env?: Record<string, string>; onMessage?: (m: HelperMessage, send: (line: string) => void, pid: number) => void; keepStdinOpen?: boolean } = {},
): Promise<HelperRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...(opts.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    const run: HelperRun = { messages: [], raw: [], exitCode: null, stderr: '' };
    const send = (line: string) => {
      if (child.stdin.writable) child.stdin.write(`${line}\n`);
    };
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        run.raw.push(line);
        const message = helperMessageSchema.parse(JSON.parse(line));
        run.messages.push(message);
        opts.onMessage?.(message, send, child.pid!);
        if (['done', 'failed', 'cancelled'].includes(message.type)) child.stdin.end();
      }
    });
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      run.exitCode = code;
      resolve(run);
    });
    for (const line of lines) send(line);
    if (!opts.keepStdinOpen && !opts.onMessage) {
      // keep stdin open until the final message: EOF means "the app went away" and cancels
    }
  });
}

export const final = (run: HelperRun) => run.messages.find((m) => m.type === 'done' || m.type === 'failed' || m.type === 'cancelled');
