import type { DownloadProgress } from '../../../shared/api/domains/artifacts';

/**
 * The downloads the page lists, keyed by id, after the backend's list was read again.
 *
 * The backend forgets a download once it ends; a failed one's leftover `.part` file comes back from
 * `artifacts.active` as "paused". Replacing the page's list with that answer turned a failure into a
 * quiet pause (and one that had failed its checksum simply vanished). A failure seen by this page stays
 * listed as failed, with its error, until it is resumed, cancelled or started again.
 */
export function mergeActive(seen: ReadonlyMap<string, DownloadProgress>, fromBackend: readonly DownloadProgress[]): Map<string, DownloadProgress> {
  const next = new Map(fromBackend.map((p) => [p.id, p]));
  for (const [id, p] of seen) {
    if (p.state !== 'failed') continue;
    const now = next.get(id);
    if (!now || now.state === 'paused') next.set(id, p);
  }
  return next;
}

/** One progress event applied to the list. */
export function applyProgress(seen: ReadonlyMap<string, DownloadProgress>, p: DownloadProgress): Map<string, DownloadProgress> {
  const next = new Map(seen);
  next.set(p.id, p);
  return next;
}

/** What a download's state may claim: only a finished download is a success; a failure is never shown as one. */
export function outcomeOf(p: { state: DownloadProgress['state'] | 'running'; error?: unknown }): 'success' | 'danger' | 'warning' | 'running' {
  if (p.state === 'failed' || p.error) return 'danger';
  if (p.state === 'cancelled') return 'warning';
  if (p.state === 'done') return 'success';
  return 'running';
}
