/**
 * POSIX shell quoting for generated console commands: bare when every character is safe,
 * otherwise single quotes (the only quoting in which nothing is special).
 */
const SAFE = /^[A-Za-z0-9_./:,=@%+-]+$/;

export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Lays out a long command one argument group per line with "\" continuations (never "/", the
 * mistake in the published procedure). Every group except the last ends with " \".
 */
export function continued(head: string, groups: string[]): string {
  if (groups.length === 0) return head;
  return [head, ...groups.map((g) => `  ${g}`)].join(' \\\n');
}
