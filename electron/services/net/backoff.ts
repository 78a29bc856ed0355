/**
 * Exponential backoff with EQUAL jitter: uniform in [ceiling/2, ceiling], where
 * ceiling = min(cap, base * 2^(attempt-1)).
 *
 * Why equal rather than full jitter (uniform in [0, ceiling]): full jitter spreads a crowd of
 * clients hammering one server best, but this app is one client per laptop. What matters here is
 * that a retry after a dropped link really waits (full jitter can draw ~0 ms and spend an attempt
 * at once on a link that is still down) and that the "retrying in N s" the technician sees keeps
 * growing. Equal jitter still desynchronises laptops that lost the same link at the same moment.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
