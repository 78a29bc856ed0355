/**
 * `npm run bench:manual`: the built-in Ignition server against Debian's nginx serving the same two
 * files on loopback (throughput and latency under keep-alive load, alternating rounds), and the
 * time to build one job's files. Rewrites the "Manual flow" section of docs/benchmarks.md.
 */
import { Agent, request } from 'node:http';
import { cpus, totalmem, release } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateFiles } from '../electron/services/manual/generate';
import { startNginx } from '../test/integration/artifacts/nginx-server';
import { staticModel, workerIgnFixture } from '../test/unit/manual/fixtures';
import { finishBench, startBench } from './bench-report';

const root = resolve(import.meta.dirname, '..');
const REQUESTS = 4000;
const CONCURRENCY = 16;
const ROUNDS = 3;

interface Load {
  rps: number;
  p50: number;
  p99: number;
}

async function load(port: number, paths: string[]): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  const one = (path: string) =>
    new Promise<void>((res, rej) => {
      const t0 = process.hrtime.bigint();
      const req = request({ host: '127.0.0.1', port, path, agent }, (r) => {
        if (r.statusCode !== 200) rej(new Error(`${path}: HTTP ${r.statusCode}`));
        r.on('data', () => undefined);
        r.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          res();
        });
      });
      req.on('error', rej);
      req.end();
    });
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) await one(paths[next++ % paths.length]!);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: latencies[Math.floor(latencies.length * 0.5)]!, p99: latencies[Math.floor(latencies.length * 0.99)]! };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const bench = startBench();
  const worker = workerIgnFixture();
  const set = generateFiles(worker, {
    hostname: 'worker-1.sno1.example.com',
    network: staticModel(),
    delivery: 'served',
    server: { host: '127.0.0.1', port: 8080 },
    installDevice: '/dev/disk/by-id/nvme-x',
    appendKargs: [],
    nmcliStyle: 'add',
  });
  const served = set.files.filter((f) => f.served);
  // Our server in its own process, as nginx is, so the load generator does not share its event loop.
  const dir = mkdtempSync(join(tmpdir(), 'sfk-bench-manual-'));
  for (const f of served) writeFileSync(join(dir, f.name), f.content);
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-manual-server.ts'), ...served.map((f) => join(dir, f.name))], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ours = {
    port: await new Promise<number>((res, rej) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += String(d);
        const m = /PORT (\d+)/.exec(out);
        if (m) res(Number(m[1]));
      });
      child.once('exit', (code) => rej(new Error(`server exited ${code}`)));
    }),
    close: () =>
      new Promise<void>((res) => {
        child.once('exit', () => res());
        child.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      }),
  };
  const nginx = await startNginx();
  for (const f of served) writeFileSync(join(nginx.root, f.name), f.content, { mode: 0o644 });
  const paths = served.filter((f) => f.name.endsWith('.ign')).map((f) => `/${f.name}`);
  const oursRuns: Load[] = [];
  const nginxRuns: Load[] = [];
  try {
    await load(ours.port, paths);
    await load(nginx.port, paths);
    for (let i = 0; i < ROUNDS; i++) {
      oursRuns.push(await load(ours.port, paths));
      nginxRuns.push(await load(nginx.port, paths));
    }
  } finally {
    await ours.close();
    await nginx.stop();
  }
  const t0 = process.hrtime.bigint();
  const BUILDS = 500;
  for (let i = 0; i < BUILDS; i++)
    generateFiles(worker, {
      hostname: `worker-${i}.sno1.example.com`,
      network: staticModel(),
      delivery: 'served',
      server: { host: '127.0.0.1', port: 8080 },
      installDevice: '/dev/disk/by-id/nvme-x',
      appendKargs: [],
      nmcliStyle: 'add',
    });
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6 / BUILDS;

  const o = { rps: median(oursRuns.map((r) => r.rps)), p50: median(oursRuns.map((r) => r.p50)), p99: median(oursRuns.map((r) => r.p99)) };
  const n = { rps: median(nginxRuns.map((r) => r.rps)), p50: median(nginxRuns.map((r) => r.p50)), p99: median(nginxRuns.map((r) => r.p99)) };
  const section = [
    '## Manual flow (`npm run bench:manual`)',
    '',
    `Run ${new Date().toISOString()} on ${cpus()[0]?.model.trim() ?? '?'} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM), kernel ${release()}, Node ${process.versions.node}.`,
    `Ignition server (own Node process) vs Debian nginx (\`sendfile on\`, 1 worker) serving the same worker.ign + new-worker.ign on 127.0.0.1; ${REQUESTS} GETs per round, ${CONCURRENCY} keep-alive connections, client in the bench process, ${ROUNDS} alternating rounds, medians.`,
    'A node fetches two small files once; the goal is that the server never becomes the slow part (ratio ≥ 0.5 of nginx) while doing more per request (access-log event, strict name check).',
    '',
    '| measure | ours | nginx | ratio |',
    '| --- | --- | --- | --- |',
    `| requests/s | ${o.rps.toFixed(0)} | ${n.rps.toFixed(0)} | ${(o.rps / n.rps).toFixed(2)} |`,
    `| p50 latency ms | ${o.p50.toFixed(2)} | ${n.p50.toFixed(2)} | ${(o.p50 / n.p50).toFixed(2)} |`,
    `| p99 latency ms | ${o.p99.toFixed(2)} | ${n.p99.toFixed(2)} | ${(o.p99 / n.p99).toFixed(2)} |`,
    '',
    `Per round requests/s: ours ${oursRuns.map((r) => r.rps.toFixed(0)).join(' / ')}; nginx ${nginxRuns.map((r) => r.rps.toFixed(0)).join(' / ')}.`,
    `Building one job's files (per-node Ignition, keyfile, nmcli, nmstate, install command, sha512 of each): ${buildMs.toFixed(2)} ms (mean of ${BUILDS}).`,
    '',
  ].join('\n');
  finishBench(bench, {
    heading: 'Manual flow',
    section,
    referenceRounds: nginxRuns.map((r) => r.rps),
    headline: `manual: Ignition server / nginx requests per second = ${(o.rps / n.rps).toFixed(2)} (goal ≥ 0.5)`,
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
