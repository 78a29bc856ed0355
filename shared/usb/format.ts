/**
 * Sizes as technicians read them on the stick's packaging (decimal GB) and as tools print them
 * (binary GiB). Both are shown when a drive is confirmed, so "16 GB" on the stick and "14.9 GiB"
 * in a file manager are recognisably the same drive.
 */
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

function scaled(bytes: number, base: number, units: readonly string[]): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export const formatDecimal = (bytes: number): string => scaled(bytes, 1000, DECIMAL);
export const formatBinary = (bytes: number): string => scaled(bytes, 1024, BINARY);

/** "16.0 GB (14.9 GiB)" */
export function formatSize(bytes: number): string {
  return `${formatDecimal(bytes)} (${formatBinary(bytes)})`;
}

/** "15,938,355,200" — the exact byte count, grouped, for the confirmation text. */
export function formatExactBytes(bytes: number): string {
  return Math.trunc(bytes).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatDecimal(bytesPerSecond)}/s`;
}

/** "1:05" / "1:02:03"; null (speed unknown) -> "–" */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
