import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { judgeBenchRun } from './bench-verdict';

const docPath = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');

/**
 * Replaces one benchmark's section of docs/benchmarks.md (from its `## <heading>` line to the next
 * `## `), or appends it, leaving every other benchmark's figures as they are.
 */
export function writeBenchSection(heading: string, section: string, path = docPath): void {
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(`## ${heading}`);
  const body = `${section.trimEnd()}\n`;
  if (start < 0) {
    writeFileSync(path, `${doc.trimEnd()}\n\n${body}`);
    return;
  }
  const next = doc.indexOf('\n## ', start + 3);
  writeFileSync(path, `${doc.slice(0, start)}${body}${next >= 0 ? `\n${doc.slice(next + 1)}` : ''}`);
}

export interface BenchStart {
  loadAtStart: number;
}

/** Call first thing in a bench: the load it starts on decides whether the run can be recorded. */
export function startBench(): BenchStart {
  const loadAtStart = loadavg()[0]!;
  console.log(`1-minute load average at the start: ${loadAtStart.toFixed(2)}`);
  return { loadAtStart };
}

export interface BenchOutcome {
  /** The `## …` heading prefix that identifies the section in docs/benchmarks.md */
  heading: string;
  section: string;
  /** The reference tool's per-round figures (times or rates), to judge how steady the machine was */
  referenceRounds: readonly number[];
  /** One line: the headline ratio, printed last */
  headline: string;
}

/**
 * Records the load before and after, writes the section only when the run is steady, and prints the
 * headline ratio as the very last line (what a person or a script reads first).
 */
export function finishBench(start: BenchStart, outcome: BenchOutcome, path = docPath): void {
  const loadAtEnd = loadavg()[0]!;
  const verdict = judgeBenchRun(start.loadAtStart, outcome.referenceRounds);
  const loadLine = `Load (1-minute average): ${start.loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end; reference rounds within ${(verdict.referenceSpread * 100).toFixed(0)} % of each other.`;
  const section = `${outcome.section.trimEnd()}\n${loadLine}\n`;
  console.log(section);
  if (verdict.noisy) {
    console.log(`NOISY RUN, not recorded (docs/benchmarks.md keeps its figures): ${verdict.reasons.join('; ')}.`);
  } else {
    writeBenchSection(outcome.heading, section, path);
    console.log('Recorded in docs/benchmarks.md.');
  }
  console.log(`${verdict.noisy ? '[noisy] ' : ''}${outcome.headline}`);
}
