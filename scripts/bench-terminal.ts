/**
 * `npm run bench:terminal` — a 50 MiB `cat` through the whole terminal path (pty → main-process
 * batching and flow control → WebSocket events → xterm rendering in Debian's Chromium, with acks)
 * against the same `cat` to /dev/null, plus the pty path alone (Node, no rendering). Chromium runs
 * with GPU compositing on SwiftShader (as Electron composites on a laptop's GPU); one more round
 * with software compositing (`--disable-gpu`, the e2e tests' setting) shows the cost of reading the
 * WebGL canvas back every frame. Records time, throughput and the peak memory of the app process
 * (browser host: pty side) and of Chromium. Rewrites the "Terminal" section of docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync, closeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { startHost, type RunningHost } from '../test/support/host';
import { launchChromium, openApp } from '../test/support/browser';
import { requirePeer } from '../test/support/peers';
import { activeRenderer, TERMINAL_SURFACE } from '../test/support/terminal-screen';
import type { ScreenHook } from '../renderer/pages/terminal/renderer-choice';
import { spawn as spawnPty } from '@lydell/node-pty';
import { TerminalManager } from '../electron/services/terminal/terminal-manager';
import { JobStore } from '../electron/services/jobs/job-store';
import { systemClock } from '../electron/services/clock';
import { finishBench, startBench } from './bench-report';
import { FLOW } from '../shared/terminal/flow-control';

const MiB = 1024 * 1024;
const SIZE = 50 * MiB;
const ROUNDS = 2;
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'sfk-bench-term-'));
const file = join(dir, 'output.log');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

/** Log-like text: numbered 80-character lines, like a long journalctl or oc output. */
function makeFile(): void {
  const fd = openSync(file, 'w');
  const lines: string[] = [];
  let written = 0;
  for (let i = 0; written < SIZE; i++) {
    const line = `${String(i).padStart(8, '0')} kubelet[2211]: I1128 node status update ok ${'.'.repeat(80)}`.slice(0, 79) + '\n';
    lines.push(line);
    written += line.length;
    if (lines.length === 4096) {
      writeSync(fd, lines.join(''));
      lines.length = 0;
    }
  }
  writeSync(fd, lines.join(''));
  closeSync(fd);
}

/** RSS in KiB of a process, from /proc. */
function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Chromium processes started by this script (descendants of our pid whose name starts with chrom). */
function chromiumPids(): number[] {
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parent.get(pid), depth = 0; p && depth < 10; p = parent.get(p), depth++) if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => /^chrom/i.test(name) && ours(pid)).map(([pid]) => pid);
}

function reference(): { ms: number; maxKiB: number } {
  // Wall time around the process (spawn included, a few ms); GNU time reports cat's own max RSS (KiB).
  const t0 = performance.now();
  const run = spawnSync(requirePeer('time', 'time'), ['-f', '%M', 'cat', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`cat failed: ${run.stderr}`);
  return { ms, maxKiB: Number(run.stderr.trim().split(/\s+/).at(-1)) };
}

/** node-pty alone, no batching, events or flow control: what the pty itself costs. */
function rawPty(): Promise<number> {
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const p = spawnPty('/bin/sh', ['-c', `cat "${file}"; sleep 0.2`], { cols: 120, rows: 40 });
    p.onData(() => {});
    p.onExit(() => resolvePromise(performance.now() - t0 - 200));
  });
}

async function ptyOnly(): Promise<{ ms: number; peakKiB: number; beforeKiB: number; pauses: number }> {
  const jobs = new JobStore(dir, systemClock);
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  let id = '';
  const manager: TerminalManager = new TerminalManager({
    jobs,
    assistedApiUrl: () => undefined,
    shell: { file: '/bin/sh', args: ['-c', `cat "${file}"; sleep 0.2`] },
    sink: { output: (p) => setImmediate(() => manager.ack(p.id, p.data.length)), exit: () => done() },
  });
  global.gc?.();
  const before = rssKiB(process.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(process.pid))), 20);
  const t0 = performance.now();
  id = (await manager.openLocal({ cols: 120, rows: 40 })).id;
  manager.attach(id);
  await finished;
  const ms = performance.now() - t0 - 200;
  clearInterval(sampler);
  const { pauses } = manager.stats(id);
  await manager.dispose();
  return { ms, peakKiB: peak, beforeKiB: before, pauses };
}

async function buildRenderer(): Promise<string> {
  if (process.env.SFK_RENDERER_DIR) return process.env.SFK_RENDERER_DIR;
  const out = join(dir, 'renderer');
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  return out;
}

/** Which renderer xterm used in the rendered rounds ("webgl", or "dom" when WebGL was unavailable) */
let renderer = 'unknown';

async function throughXterm(
  host: RunningHost,
  options: { gpuCompositing: boolean; rounds: number },
): Promise<{ ms: number; hostPeakKiB: number; hostBeforeKiB: number; chromePeakKiB: number; chromeBeforeKiB: number; chromeLargestKiB: number }[]> {
  const browser = await launchChromium({ gpuCompositing: options.gpuCompositing });
  try {
    const page = await openApp(browser, host.url, '/terminal');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('terminal-new-local').click();
    await page.locator(TERMINAL_SURFACE).waitFor({ timeout: 30_000 });
    const used = (await activeRenderer(page)) ?? 'unknown';
    if (options.gpuCompositing) renderer = used;
    else if (used !== 'webgl') throw new Error(`software compositing round: xterm used the ${used} renderer, not WebGL`);
    // the screen is read from xterm's buffer through the surface's test hook (WebGL draws into a canvas)
    await page.waitForFunction(
      ({ surface }) => /[#$]/.test((document.querySelector(surface) as (Element & ScreenHook) | null)?.sfkScreenText?.() ?? ''),
      { surface: TERMINAL_SURFACE },
      { timeout: 30_000 },
    );
    await page.locator('[data-testid=terminal-host] .xterm-screen').click();
    const results = [];
    for (let round = 1; round <= options.rounds; round++) {
      await page.keyboard.type(`clear; cat "${file}"; echo "BENCH-$((${round}*1000))-END"`);
      let hostPeak = rssKiB(host.process.pid!);
      let chromePeak = 0;
      let chromeLargest = 0;
      const sample = () => {
        hostPeak = Math.max(hostPeak, rssKiB(host.process.pid!));
        const sizes = chromiumPids().map(rssKiB);
        chromePeak = Math.max(
          chromePeak,
          sizes.reduce((a, b) => a + b, 0),
        );
        chromeLargest = Math.max(chromeLargest, ...sizes);
      };
      sample();
      const hostBefore = hostPeak;
      const chromeBefore = chromePeak;
      const sampler = setInterval(sample, 100);
      const t0 = performance.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        ({ surface, marker }) => ((document.querySelector(surface) as (Element & ScreenHook) | null)?.sfkScreenText?.() ?? '').includes(marker),
        { surface: TERMINAL_SURFACE, marker: `BENCH-${round * 1000}-END` },
        {
          timeout: 170_000,
          polling: 20,
        },
      );
      const ms = performance.now() - t0;
      clearInterval(sampler);
      sample();
      results.push({ ms, hostPeakKiB: hostPeak, hostBeforeKiB: hostBefore, chromePeakKiB: chromePeak, chromeBeforeKiB: chromeBefore, chromeLargestKiB: chromeLargest });
      console.log(
        `${options.gpuCompositing ? 'GPU' : 'software'} compositing, round ${round}: ${(ms / 1000).toFixed(2)} s, host peak ${(hostPeak / 1024).toFixed(0)} MiB, chromium peak ${(chromePeak / 1024).toFixed(0)} MiB`,
      );
    }
    return results;
  } finally {
    await browser.close();
  }
}

async function main() {
  const bench = startBench();
  makeFile();
  reference(); // warm the page cache
  const refs = [reference(), reference(), reference()];
  const refMs = median(refs.map((r) => r.ms));
  const refKiB = Math.max(...refs.map((r) => r.maxKiB));
  console.log(`cat > /dev/null: ${refMs.toFixed(0)} ms, max RSS ${refKiB} KiB`);
  const raw = await rawPty();
  console.log(`raw node-pty: ${(raw / 1000).toFixed(2)} s`);
  const pty = await ptyOnly();
  console.log(`pty path (Node, no rendering): ${(pty.ms / 1000).toFixed(2)} s, ${pty.pauses} pauses`);
  const rendererDir = await buildRenderer();
  const host = await startHost({ dataDir: join(dir, 'data'), env: { ...process.env, SFK_RENDERER_DIR: rendererDir } });
  let xterm;
  let software;
  try {
    xterm = await throughXterm(host, { gpuCompositing: true, rounds: ROUNDS });
    software = (await throughXterm(host, { gpuCompositing: false, rounds: 1 }))[0]!;
  } finally {
    await host.stop();
  }
  const xMs = median(xterm.map((r) => r.ms));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
  const section = [
    '## Terminal (`npm run bench:terminal`)',
    '',
    `Run ${new Date().toISOString()} on ${cpu} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM), kernel ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}, Node ${process.versions.node}, ${execFileSync(requirePeer('chromium', 'chromium'), ['--version'], { encoding: 'utf8' }).trim()} headless.`,
    `A 50 MiB log-like file (80-column lines) \`cat\` in a local tab: pty → batched \`terminal.output\` events with flow control (pause above ${FLOW.highWater / 1024} KiB unacknowledged, resume at ${FLOW.lowWater / 1024} KiB) → WebSocket → xterm 6 (${renderer === 'webgl' ? 'WebGL renderer' : `${renderer} renderer`}, 1280×800 viewport) → acks. Chromium composites on its GPU path with SwiftShader as the GPU (on the CPU), as Electron does on a laptop's GPU. Time from Enter until the line after the file is drawn; ${ROUNDS} rounds, median. Memory is the peak resident size sampled every 100 ms.`,
    '',
    '| path | time | throughput | peak memory |',
    '| --- | --- | --- | --- |',
    `| reference: \`cat file > /dev/null\` | ${refMs.toFixed(0)} ms | ${mbps(SIZE, refMs).toFixed(0)} MiB/s | ${mib(refKiB)} (cat) |`,
    `| node-pty alone (no batching, events or flow control) | ${(raw / 1000).toFixed(2)} s | ${mbps(SIZE, raw).toFixed(1)} MiB/s | — |`,
    `| pty path only (Node, events acked at once, no rendering) | ${(pty.ms / 1000).toFixed(2)} s | ${mbps(SIZE, pty.ms).toFixed(1)} MiB/s | ${mib(pty.peakKiB)} (Node process; ${mib(pty.beforeKiB)} before the cat) |`,
    `| **pty → rendered xterm in Chromium** | ${(xMs / 1000).toFixed(2)} s | ${mbps(SIZE, xMs).toFixed(1)} MiB/s | app (browser host, pty side) ${mib(Math.max(...xterm.map((r) => r.hostPeakKiB)))} (${mib(xterm[0]!.hostBeforeKiB)} before the cat); Chromium, all processes ${mib(Math.max(...xterm.map((r) => r.chromePeakKiB)))} (${mib(xterm[0]!.chromeBeforeKiB)} before), largest process ${mib(Math.max(...xterm.map((r) => r.chromeLargestKiB)))} |`,
    `| same, software compositing (\`--disable-gpu\`: the WebGL canvas is read back into memory every frame), 1 round | ${(software.ms / 1000).toFixed(2)} s | ${mbps(SIZE, software.ms).toFixed(1)} MiB/s | app ${mib(software.hostPeakKiB)}; Chromium, all processes ${mib(software.chromePeakKiB)} |`,
    '',
    `Per round (s): ${xterm.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')}. The rendered path is bounded by CPU: SwiftShader drawing frames in Chromium's GPU process, then xterm parsing; with software compositing each frame also waits ~30 ms on the synchronous read-back of the canvas. Flow control keeps both processes' memory flat whatever the file size (the 50 MiB never sit in memory on either side), and the UI stays responsive because xterm is never more than ~${FLOW.highWater / 1024 / 1024} MiB (a fraction of a second of drawing) behind.`,
    '',
  ].join('\n');
  finishBench(bench, { heading: 'Terminal (', section, referenceRounds: refs.map((r) => r.ms), headline: `terminal: ${mbps(SIZE, xMs).toFixed(1)} MiB/s drawn in Chromium (goal ≥ 10 MiB/s)` });
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
