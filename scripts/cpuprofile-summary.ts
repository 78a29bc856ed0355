/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) and says where the time went: the top
 * functions by self time, and the inclusive time of named frames (e.g. the download's body loop).
 * Used by `scripts/profile-download.ts`; usable on any profile:
 *   npx tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface FrameTime {
  frame: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time outside JS and native calls made from JS: the thread waited */
  idleMs: number;
  self: FrameTime[];
  inclusive: FrameTime[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const file = basename(url.replace(/\?.*$/, ''));
  return `${name} ${file}:${lineNumber + 1}`;
}

/** Sums the sampled time per node (each sample's delta is the time since the previous sample). */
function timePerNode(profile: CpuProfile): Map<number, number> {
  const time = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    time.set(id, (time.get(id) ?? 0) + dt);
  }
  return time;
}

export function summarise(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = timePerNode(profile);
  const totalMs = [...time.values()].reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idleMs = 0;
  for (const [id, ms] of time) {
    const node = byId.get(id)!;
    const name = frameName(node);
    if (name === '(idle)') idleMs += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    // Count each distinct frame once per sample even when it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = frameName(byId.get(at)!);
      if (!seen.has(n)) inclusive.set(n, (inclusive.get(n) ?? 0) + ms);
      seen.add(n);
    }
  }
  const rank = (m: Map<string, number>): FrameTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, ms]) => ({ frame, ms, share: totalMs > 0 ? ms / totalMs : 0 }));
  return { totalMs, idleMs, self: rank(self), inclusive: rank(new Map([...inclusive].filter(([n]) => n !== '(root)'))) };
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const row = (f: FrameTime) => `  ${f.ms.toFixed(0).padStart(7)} ms ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.frame}`;
  return [`${title}: ${s.totalMs.toFixed(0)} ms sampled, idle ${s.idleMs.toFixed(0)} ms`, ' self time:', ...s.self.map(row), ' inclusive time:', ...s.inclusive.map(row)].join('\n');
}

if (process.argv[1] === import.meta.filename) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpuprofile-summary.ts <file.cpuprofile> [top]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(basename(file), summarise(profile, Number(process.argv[3] ?? 15))));
}
