/**
 * When a benchmark run may replace the recorded figures (issue #16, "benchmarks you can trust").
 * Pure, so its rules are unit-tested: a run that starts on a busy machine, or whose reference tool
 * itself varied by more than 20 % between rounds, measured the machine rather than our code.
 */
export const MAX_START_LOAD = 1.0;
export const MAX_REFERENCE_SPREAD = 0.2;

export interface BenchVerdict {
  noisy: boolean;
  /** Why the run is noisy, in words for the console and the doc (empty when it is not) */
  reasons: string[];
  /** (max − min) / min of the reference rounds */
  referenceSpread: number;
}

export function judgeBenchRun(loadAtStart: number, referenceRounds: readonly number[]): BenchVerdict {
  const reasons: string[] = [];
  if (loadAtStart > MAX_START_LOAD) reasons.push(`the 1-minute load average was ${loadAtStart.toFixed(2)} at the start (above ${MAX_START_LOAD.toFixed(1)})`);
  const positive = referenceRounds.filter((x) => Number.isFinite(x) && x > 0);
  if (positive.length < referenceRounds.length || positive.length === 0) reasons.push('a reference round has no valid figure');
  const min = positive.length ? Math.min(...positive) : 0;
  const max = positive.length ? Math.max(...positive) : 0;
  const referenceSpread = min > 0 ? (max - min) / min : Infinity;
  if (referenceSpread > MAX_REFERENCE_SPREAD) reasons.push(`the reference rounds differ by ${(referenceSpread * 100).toFixed(0)} % (more than ${MAX_REFERENCE_SPREAD * 100} %)`);
  return { noisy: reasons.length > 0, reasons, referenceSpread };
}
