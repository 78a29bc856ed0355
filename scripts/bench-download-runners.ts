/**
 * The downloaders `npm run bench:download` (and `scripts/profile-download.ts`) alternate: ours (the
 * real ArtifactService, in its own Node process, timed from the inside), `curl -o`, `curl -o` then
 * `sync`, `curl -o` then `sha256sum` and `sync`, and `aria2c --checksum=sha-256=…`; plus receive-only probes. Run with
 * `--child <url> <sha256> <cacheDir>` this file is ours; with `--receive <how> <url>`, a probe.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { request } from 'undici';
import { ArtifactService } from '../electron/services/artifacts/artifact-service';
import { requirePeer } from '../test/support/peers';

const MiB = 1024 * 1024;
const root = resolve(import.meta.dirname, '..');

export interface ChildResult {
  ms: number;
  /** CPU time (user + system, every thread) of the download itself, startup excluded */
  cpuMs: number;
  lastByteToVerifiedMs: number;
  maxRssMiB: number;
  sha256: string;
}

/** Writes `size` bytes of random data (every 16 MiB block differs) and returns its sha256. */
export function writeRandomFile(path: string, size: number): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  const block = randomBytes(16 * MiB);
  for (let i = 0; i < size / block.length; i++) {
    block.writeUInt32LE(i, 0);
    writeSync(fd, block);
    hash.update(block);
  }
  closeSync(fd);
  return hash.digest('hex');
}

/** Child mode: one download with the real service, timed from the inside. */
async function child(url: string, sha256: string, cacheDir: string): Promise<void> {
  let lastByte = 0;
  let verified = 0;
  const service = new ArtifactService({
    cacheDir: () => cacheDir,
    dataDir: cacheDir,
    env: {},
    emitProgress: (p) => {
      if (p.state === 'verifying' && p.total !== undefined && p.bytes === p.total && !lastByte) lastByte = performance.now();
      if (p.state === 'done') verified = performance.now();
    },
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const art = await service.download({ url, sha256, kind: 'file', name: 'bench.bin' });
  const cpu = process.cpuUsage(cpu0);
  const result: ChildResult = {
    ms: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    lastByteToVerifiedMs: verified - lastByte,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    sha256: art.sha256,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Ours, in a fresh process; `nodeArgs` e.g. `--cpu-prof` flags; `runner` another checkout's copy of this file. */
export function runOurs(url: string, sha256: string, nodeArgs: string[] = [], runner = import.meta.filename): Promise<ChildResult> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'sfk-bench-dl-ours-'));
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', runner, '--child', url, sha256, cacheDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.on('exit', (code) => {
      rmSync(cacheDir, { recursive: true, force: true });
      if (code !== 0) return rej(new Error(`engine child exited ${code}: ${out}`));
      const r = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
      if (r.sha256 !== sha256) return rej(new Error('engine result does not verify'));
      res(r);
    });
  });
}

export interface ToolResult {
  ms: number;
  /** CPU time (user + system) of the tool's process */
  cpuMs: number;
}

/**
 * Runs a reference tool in a fresh temp folder under bash, whose `times` builtin then prints the
 * finished child's user and system time (the one portable way to get a child's CPU time here).
 */
function timedTool(prefix: string, program: string, args: (dir: string) => string[]): ToolResult {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const t0 = performance.now();
    const out = execFileSync('bash', ['-c', '"$@" >/dev/null && times', 'bash', program, ...args(dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const ms = performance.now() - t0;
    const child = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out.trim());
    if (!child) throw new Error(`no CPU times from bash: ${out}`);
    const [, um, us, sm, ss] = child.map(Number) as [number, number, number, number, number];
    return { ms, cpuMs: ((um + sm) * 60 + us + ss) * 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `curl -o`: no checksum, no fsync. */
export function runCurl(url: string): ToolResult {
  return timedTool('sfk-bench-dl-curl-', requirePeer('curl', 'curl'), (dir) => ['-sS', '--fail', '-o', join(dir, 'bench.bin'), url]);
}

/** `curl -o`, then `sync` on the file (its fsync): the same durability as ours, no checksum. */
export function runCurlSync(url: string): ToolResult {
  const tools = [requirePeer('curl', 'curl'), requirePeer('sync', 'coreutils')];
  return timedTool('sfk-bench-dl-curlsync-', 'bash', (dir) => ['-c', '"$3" -sS --fail -o "$1/bench.bin" "$2" && "$4" "$1/bench.bin"', 'bash', dir, url, ...tools]);
}

/**
 * The same guarantees as ours with standard tools: `curl -o`, then `sha256sum -c` (fails on a
 * mismatch) and `sync` on the file (its fsync), one after the other.
 */
export function runCurlVerifySync(url: string, sha256: string): ToolResult {
  const tools = [requirePeer('curl', 'curl'), requirePeer('sha256sum', 'coreutils'), requirePeer('sync', 'coreutils')];
  const script = '"$4" -sS --fail -o "$1/bench.bin" "$2" && echo "$3  $1/bench.bin" | "$5" -c --quiet && "$6" "$1/bench.bin"';
  return timedTool('sfk-bench-dl-curlsum-', 'bash', (dir) => ['-c', script, 'bash', dir, url, sha256, ...tools]);
}

/**
 * `aria2c --checksum=sha-256=…`: one connection (its default per server), its default file
 * allocation; it hashes the file once it is complete and exits non-zero when the checksum differs.
 * No fsync.
 */
export function runAria2c(url: string, sha256: string): ToolResult {
  return timedTool('sfk-bench-dl-aria2-', requirePeer('aria2c', 'aria2'), (dir) => [
    '--quiet=true',
    '--no-conf=true',
    '--allow-overwrite=true',
    '--auto-file-renaming=false',
    `--checksum=sha-256=${sha256}`,
    '-d',
    dir,
    '-o',
    'bench.bin',
    url,
  ]);
}

/**
 * Receiving alone, nothing written or hashed, in a fresh process: through undici (the one HTTP
 * client every request of the app goes through) or straight from the kernel into one reused buffer
 * (a bare socket with `onread`, the floor any HTTP client on Node could reach). CPU time per GiB.
 */
export function runReceiveOnly(url: string, how: 'undici' | 'socket'): Promise<ToolResult> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--receive', how, url], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.on('exit', (code) => (code === 0 ? res(JSON.parse(out.trim()) as ToolResult) : rej(new Error(`receive child exited ${code}: ${out}`))));
  });
}

async function receiveChild(how: string, url: string): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const bytes = how === 'undici' ? await receiveWithUndici(url) : await receiveWithSocket(url);
  const cpu = process.cpuUsage(cpu0);
  if (bytes === 0) throw new Error('nothing received');
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies ToolResult)}\n`);
}

async function receiveWithUndici(url: string): Promise<number> {
  const res = await request(url);
  let n = 0;
  res.body.on('data', (chunk: Buffer) => (n += chunk.length));
  await finished(res.body);
  return n;
}

function receiveWithSocket(url: string): Promise<number> {
  const u = new URL(url);
  let n = 0;
  return new Promise((res, rej) => {
    const socket = connect({ host: u.hostname, port: Number(u.port), onread: { buffer: Buffer.allocUnsafe(MiB), callback: (len: number) => ((n += len), true) } });
    socket.on('connect', () => socket.write(`GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`));
    socket.on('error', rej);
    socket.on('close', () => res(n));
  });
}

if (process.argv[2] === '--receive') {
  void receiveChild(process.argv[3]!, process.argv[4]!).catch((err: unknown) => {
    console.error(String(err));
    process.exit(1);
  });
}

if (process.argv[2] === '--child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5]!).catch((err: unknown) => {
    console.error(String(err));
    process.exit(1);
  });
}
