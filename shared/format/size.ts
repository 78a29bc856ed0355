/**
 * The one place sizes become text. Files are shown in binary units, as file managers and `ls -h`
 * show them ("1.7 KiB", never a bare "1771"); drives and stick packaging use decimal units, so a
 * drive is shown both ways ("16.0 GB (14.9 GiB)"). One decimal below 100, none from 100 up.
 */
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

export interface SizeOptions {
  /** 'binary' (files, the default) or 'decimal' (drives, transfer totals as USB tools print them). */
  units?: 'binary' | 'decimal';
  /** Text for a size that is not known or not a size (negative, NaN). */
  unknown?: string;
  /** "32 GiB" rather than "32.0 GiB" (hardware inventories, where sizes are round). */
  trimZero?: boolean;
}

export function formatSize(bytes: number | undefined | null, options: SizeOptions = {}): string {
  const unknown = options.unknown ?? '—';
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes) || bytes < 0) return unknown;
  const decimal = options.units === 'decimal';
  const base = decimal ? 1000 : 1024;
  const units = decimal ? DECIMAL : BINARY;
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  if (unit === 0) return `${Math.trunc(value)} B`;
  // 1023.96 KiB would print as "1024.0 KiB": step up instead.
  const digits = value >= 100 ? 0 : 1;
  const [shown, shownUnit] = Number(value.toFixed(digits)) >= base && unit < units.length - 1 ? [(value / base).toFixed(1), units[unit + 1]] : [value.toFixed(digits), units[unit]];
  return `${options.trimZero ? shown.replace(/\.0$/, '') : shown} ${shownUnit}`;
}

/** "16.0 GB (14.9 GiB)": a drive as its packaging and as a file manager name it. */
export function formatDriveSize(bytes: number): string {
  return `${formatSize(bytes, { units: 'decimal', unknown: '?' })} (${formatSize(bytes, { unknown: '?' })})`;
}

/** "15,938,355,200": the exact byte count, grouped, for a confirmation text. */
export function formatExactBytes(bytes: number): string {
  return Math.trunc(bytes)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
