// Text of the download notification: bytes so far (of the total when known) and the rate.
import type { DownloadProgress } from './download';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units (1 MB = 10⁶ B), as browsers and the UKSSDC pages show sizes. */
function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

function progressMessage(p: DownloadProgress): string {
  const done =
    p.totalBytes !== undefined ? `${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}` : formatBytes(p.receivedBytes);
  return `${done} · ${formatBytes(p.bytesPerSecond)}/s`;
}

/** Percentage of the total, when the server announced one. */
function progressPercent(p: DownloadProgress): number | undefined {
  if (p.totalBytes === undefined || p.totalBytes <= 0) return undefined;
  return Math.min(100, (100 * p.receivedBytes) / p.totalBytes);
}

/** What a progress notification takes (vscode.Progress), so this module needs no editor. */
interface ProgressSink {
  report(value: { readonly message?: string; readonly increment?: number }): void;
}

/** Reports a download to a progress notification: the text above, and the percentage as increments when the size is known. */
export function downloadProgressReporter(progress: ProgressSink): (p: DownloadProgress) => void {
  let shownPercent = 0;
  return (p) => {
    const percent = progressPercent(p);
    const increment = percent === undefined ? undefined : Math.max(0, percent - shownPercent);
    if (percent !== undefined) shownPercent = percent;
    progress.report({ message: progressMessage(p), ...(increment ? { increment } : {}) });
  };
}
