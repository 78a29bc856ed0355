/**
 * Sizes as technicians read them on the stick's packaging (decimal GB) and as tools print them
 * (binary GiB). Both are shown when a drive is confirmed, so "16 GB" on the stick and "14.9 GiB"
 * in a file manager are recognisably the same drive.
 */
import { formatSize as format, formatDriveSize, formatExactBytes } from '../format/size';

export const formatDecimal = (bytes: number): string => format(bytes, { units: 'decimal', unknown: '?' });
export const formatBinary = (bytes: number): string => format(bytes, { unknown: '?' });

/** "16.0 GB (14.9 GiB)" */
export const formatSize = formatDriveSize;
export { formatExactBytes };

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
