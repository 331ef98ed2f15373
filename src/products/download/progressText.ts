// Text of the download notification: bytes so far (of the total when known) and the rate.
import type { DownloadProgress } from './download';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units (1 MB = 10⁶ B), as browsers and the UKSSDC pages show sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

export function progressMessage(p: DownloadProgress): string {
  const done = p.totalBytes !== undefined ? `${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}` : formatBytes(p.receivedBytes);
  return `${done} · ${formatBytes(p.bytesPerSecond)}/s`;
}

/** Percentage of the total, when the server announced one. */
export function progressPercent(p: DownloadProgress): number | undefined {
  if (p.totalBytes === undefined || p.totalBytes <= 0) return undefined;
  return Math.min(100, (100 * p.receivedBytes) / p.totalBytes);
}
