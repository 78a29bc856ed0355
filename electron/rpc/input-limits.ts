/**
 * How big a request's input may be before the contract's schema even looks at it. Everything the
 * UI sends is small (a job id, a form, a path); a value with millions of entries or thousands of
 * levels can only come from a broken or hostile client, and checking it against a schema would
 * build one issue per entry, enough to exhaust the process's memory.
 */
export const INPUT_LIMITS = { values: 20_000, depth: 64 } as const;

export type InputProblem = 'tooManyValues' | 'tooDeep';

/** Walks the value without recursion (so depth cannot overflow the stack) and stops at the first limit. */
export function checkInputSize(input: unknown, limits: { values: number; depth: number } = INPUT_LIMITS): InputProblem | null {
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++values > limits.values) return 'tooManyValues';
    if (depth > limits.depth) return 'tooDeep';
    if (value === null || typeof value !== 'object') continue;
    // Cycles (possible over Electron IPC's structured clone) end at the value limit.
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}
