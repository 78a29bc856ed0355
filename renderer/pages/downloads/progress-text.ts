import type { TFunction } from 'i18next';
import { formatBytes, formatEta, formatRate } from '../../../shared/artifacts/format';

/** "1.2 GiB of 3.4 GiB · 25 MiB/s · 1:30 left" in the technician's language. */
export function progressLine(t: TFunction, p: { bytes: number; total?: number; rate: number; eta?: number }): string {
  if (!p.total) return t('artifacts.progressLineNoTotal', { bytes: formatBytes(p.bytes), rate: formatRate(p.rate) });
  return t('artifacts.progressLine', { bytes: formatBytes(p.bytes), total: formatBytes(p.total), rate: formatRate(p.rate), eta: formatEta(p.eta) });
}

export function percentOf(bytes: number, total?: number): number | undefined {
  if (!total) return undefined;
  return Math.min(100, Math.floor((bytes / total) * 1000) / 10);
}
