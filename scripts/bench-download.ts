/**
 * `npm run bench:download`: 1 GiB from a loopback nginx, our download engine (streaming sha256,
 * .part + sidecar, fsync, rename) against `curl -o`, alternating, in the same run. Reports the
 * throughput ratio, our peak RSS, the time from the last byte to "verified", and how many bytes
 * travel twice when the connection is cut at 50 %. Rewrites the "Downloads" section of
 * docs/benchmarks.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ArtifactService } from '../electron/services/artifacts/artifact-service';
import { startNginx } from '../test/integration/artifacts/nginx-server';
import { startFaultProxy } from '../test/integration/artifacts/fault-proxy';
import { requirePeer } from '../test/support/peers';
import { finishBench, startBench } from './bench-report';

const MiB = 1024 * 1024;
const SIZE = 1024 * MiB;
const ROUNDS = 3;
const root = resolve(import.meta.dirname, '..');

interface ChildResult {
  ms: number;
  lastByteToVerifiedMs: number;
  maxRssMiB: number;
  sha256: string;
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
  const art = await service.download({ url, sha256, kind: 'file', name: 'bench.bin' });
  const result: ChildResult = { ms: performance.now() - t0, lastByteToVerifiedMs: verified - lastByte, maxRssMiB: process.resourceUsage().maxRSS / 1024, sha256: art.sha256 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(url: string, sha256: string): Promise<ChildResult> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'sfk-bench-dl-ours-'));
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', url, sha256, cacheDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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

function runCurl(url: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-bench-dl-curl-'));
  const t0 = performance.now();
  execFileSync(requirePeer('curl', 'curl'), ['-sS', '--fail', '-o', join(dir, 'bench.bin'), url]);
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const mbps = (ms: number) => SIZE / MiB / (ms / 1000);

async function main(): Promise<void> {
  const bench = startBench();
  const nginx = await startNginx();
  const file = join(nginx.root, 'bench.bin');
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  const block = randomBytes(16 * MiB);
  for (let i = 0; i < SIZE / block.length; i++) {
    block.writeUInt32LE(i, 0); // every block differs
    writeSync(fd, block);
    hash.update(block);
  }
  closeSync(fd);
  const sha256 = hash.digest('hex');
  const url = `${nginx.url}/bench.bin`;
  const proxy = await startFaultProxy(nginx.url);
  try {
    runCurl(url); // warm the page cache for both
    const ours: ChildResult[] = [];
    const curl: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      curl.push(runCurl(url));
      ours.push(await runChild(url, sha256));
      console.log(`round ${i + 1}: curl ${(curl[i]! / 1000).toFixed(2)} s, ours ${(ours[i]!.ms / 1000).toFixed(2)} s`);
    }
    // Cut at 50 %: the proxy drops the connection after 512 MiB; the engine resumes by itself.
    proxy.plan([{ type: 'cut', after: SIZE / 2 }]);
    const cut = await runChild(`${proxy.url}/bench.bin`, sha256);
    const twice = proxy.bytesSent() - SIZE;
    const resumedFrom = proxy.seen[1]?.range ?? '(no second request)';

    const oursMs = median(ours.map((r) => r.ms));
    const curlMs = median(curl);
    const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
    const section = [
      '## Downloads (`npm run bench:download`)',
      '',
      `Run ${new Date().toISOString()} on ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM), kernel ${release()}, Node ${process.versions.node}.`,
      `1 GiB random file from nginx on 127.0.0.1 (page cache warm), ${ROUNDS} alternating rounds, medians. Ours = the real ArtifactService in its own process: streaming sha256, \`.part\` + sidecar, fsync, rename after the checksum matched. \`curl -o\` hashes nothing and does not fsync.`,
      '',
      '| measure | ours | reference | goal |',
      '| --- | --- | --- | --- |',
      `| throughput | ${mbps(oursMs).toFixed(0)} MB/s | ${mbps(curlMs).toFixed(0)} MB/s (\`curl -o\`) | ratio ${(curlMs / oursMs).toFixed(2)} (≥ 0.9) |`,
      `| peak RSS of the downloading process | ${median(ours.map((r) => r.maxRssMiB)).toFixed(0)} MiB | — | ≤ 200 MB |`,
      `| last byte → verified | ${median(ours.map((r) => r.lastByteToVerifiedMs)).toFixed(0)} ms | — | < 1 s |`,
      `| bytes sent twice after a cut at 50 % | ${twice} B (resumed with \`${resumedFrom}\`) | — | ≤ 1 MiB |`,
      '',
      `Per round (s): ours ${ours.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')}; curl ${curl.map((m) => (m / 1000).toFixed(2)).join(' / ')}. Cut run: ${(cut.ms / 1000).toFixed(2)} s including the 0.5–1 s back-off.`,
      '',
    ].join('\n');
    finishBench(bench, { heading: 'Downloads (', section, referenceRounds: curl, headline: `download: ours / curl -o = ${(curlMs / oursMs).toFixed(2)} (goal ≥ 0.9)` });
  } finally {
    await proxy.close();
    await nginx.stop();
  }
}

if (process.argv[2] === '--child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5]!).catch((err: unknown) => {
    console.error(String(err));
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
