import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { judgeBenchRun } from '../../../scripts/bench-verdict';
import { finishBench } from '../../../scripts/bench-report';

describe('judgeBenchRun: when a benchmark run may replace the recorded figures', () => {
  it('accepts a run that starts quiet with steady reference rounds', () => {
    const v = judgeBenchRun(0.4, [1.0, 1.1, 1.05]);
    expect(v.noisy).toBe(false);
    expect(v.reasons).toEqual([]);
    expect(v.referenceSpread).toBeCloseTo(0.1, 5);
  });

  it('marks a run noisy when the load at the start is above 1.0', () => {
    const v = judgeBenchRun(1.3, [1.0, 1.0, 1.0]);
    expect(v.noisy).toBe(true);
    expect(v.reasons.join()).toContain('1.30');
  });

  it('marks a run noisy when the reference rounds differ by more than 20 %', () => {
    expect(judgeBenchRun(0.2, [1.0, 1.25]).noisy).toBe(true);
    expect(judgeBenchRun(0.2, [1.0, 1.2]).noisy).toBe(false);
  });

  it('marks a run noisy when a reference round is missing or not a figure', () => {
    expect(judgeBenchRun(0.2, []).noisy).toBe(true);
    expect(judgeBenchRun(0.2, [1, Number.NaN]).noisy).toBe(true);
  });
});

describe('finishBench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-bench-report-'));
  afterEach(() => vi.restoreAllMocks());
  const doc = join(dir, 'benchmarks.md');
  const original = '# Benchmarks\n\n## A (`npm run bench:a`)\n\nold figures\n\n## B\n\nother\n';

  it('keeps the recorded section on a noisy run and prints the headline last', () => {
    writeFileSync(doc, original);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    finishBench({ loadAtStart: 5 }, { heading: 'A (', section: '## A (`npm run bench:a`)\n\nnew figures', referenceRounds: [1, 1], headline: 'a: ratio 0.95' }, doc);
    expect(readFileSync(doc, 'utf8')).toBe(original);
    expect(lines.at(-1)).toBe('[noisy] a: ratio 0.95');
  });

  it('replaces only its own section, with the load line, on a steady run', () => {
    writeFileSync(doc, original);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    finishBench({ loadAtStart: 0 }, { heading: 'A (', section: '## A (`npm run bench:a`)\n\nnew figures', referenceRounds: [1, 1.1], headline: 'a: ratio 0.95' }, doc);
    const written = readFileSync(doc, 'utf8');
    expect(written).toContain('new figures\nLoad (1-minute average): 0.00 at the start');
    expect(written).not.toContain('old figures');
    expect(written).toContain('## B\n\nother');
    expect(lines.at(-1)).toBe('a: ratio 0.95');
    rmSync(dir, { recursive: true, force: true });
  });
});
