/**
 * Profiles one download the way `npm run bench:download` runs it (nginx on loopback, the real
 * ArtifactService in its own process) with `node --cpu-prof`, then prints where each thread's time
 * went. The profiles stay in the folder it names, for Chrome DevTools or speedscope.
 *   npx tsx scripts/profile-download.ts [MiB=1024] [profile dir]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNginx } from '../test/integration/artifacts/nginx-server';
import { runCurl, runOurs, writeRandomFile } from './bench-download-runners';
import { formatSummary, summarise } from './cpuprofile-summary';

async function main(): Promise<void> {
  const mib = Number(process.argv[2] ?? 1024);
  const dir = process.argv[3] ? resolve(process.argv[3]) : mkdtempSync(join(tmpdir(), 'sfk-dl-prof-'));
  mkdirSync(dir, { recursive: true });
  const nginx = await startNginx();
  try {
    const sha256 = writeRandomFile(join(nginx.root, 'bench.bin'), mib * 1024 * 1024);
    const url = `${nginx.url}/bench.bin`;
    runCurl(url); // page cache warm, as in the bench
    console.log(`load ${loadavg()[0]!.toFixed(2)}`);
    const curlMs = runCurl(url).ms;
    const before = new Set(readdirSync(dir));
    const ours = await runOurs(url, sha256, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250']);
    const curlAfterMs = runCurl(url).ms;
    console.log(
      `ours ${(ours.ms / 1000).toFixed(2)} s (last byte → verified ${ours.lastByteToVerifiedMs.toFixed(0)} ms, max RSS ${ours.maxRssMiB.toFixed(0)} MiB); curl ${(curlMs / 1000).toFixed(2)} / ${(curlAfterMs / 1000).toFixed(2)} s; load ${loadavg()[0]!.toFixed(2)}`,
    );
    console.log(`ratio ours / curl -o = ${((curlMs + curlAfterMs) / 2 / ours.ms).toFixed(2)}`);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f))) {
      console.log(`\n${formatSummary(join(dir, file), summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')), 18))}`);
    }
  } finally {
    await nginx.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
