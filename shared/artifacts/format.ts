/** Human-readable sizes, rates and times for progress displays (binary units, as file managers show). */

import { formatSize } from '../format/size';

/** Binary units ("1.7 KiB"); the one formatter is shared/format/size.ts. */
export function formatBytes(bytes: number): string {
  return formatSize(bytes);
}

export function formatRate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** 75 -> "1:15", 3725 -> "1:02:05"; unknown -> "—". */
export function formatEta(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** Fraction 0..1 of a download, or undefined when the total is unknown. */
export function fraction(bytes: number, total: number | undefined): number | undefined {
  if (!total || total <= 0) return undefined;
  return Math.min(1, Math.max(0, bytes / total));
}
