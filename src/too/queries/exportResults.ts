// Copying and saving query results as JSON or CSV, and fetching the data files a listing links to.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../../common/cancellableProgress';
import { readSettings } from '../../config';
import { describeError, isServiceError } from '../../http/errors';
import { downloadToFile } from '../../http/download';
import { downloadProgressReporter } from '../../http/downloadProgress';
import { tableCsv } from '../../shared/csv';
import type { ExportFormat, QueryResultView } from '../../shared/queryResultModel';
import { isWebUrl, safeFileName } from '../../views/webviewInput';
import { askSaveLocation, saveToFile } from '../../views/webviewPanelHost';

/** The export text: JSON holds what was asked and the reply as parsed; CSV the table shown. */
function exportText(result: QueryResultView, format: ExportFormat): string {
  if (format === 'csv') return tableCsv(result.table);
  return `${JSON.stringify({ query: result.kind, params: result.params, createdAt: result.createdAt, response: result.response }, null, 2)}\n`;
}

/** A file name from the kind and the moment, e.g. `swift-visquery-20240501-120000.csv`. */
function exportFileName(result: QueryResultView, format: ExportFormat): string {
  const stamp = result.createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `swift-${result.kind}-${stamp}.${format}`;
}

export async function copyResult(result: QueryResultView, format: ExportFormat): Promise<void> {
  await vscode.env.clipboard.writeText(exportText(result, format));
  void vscode.window.setStatusBarMessage(`Copied ${result.title} as ${format.toUpperCase()}`, 3000);
}

/** Asks where to save; resolves with the saved file, or undefined when the user cancels. */
export async function saveResult(result: QueryResultView, format: ExportFormat): Promise<vscode.Uri | undefined> {
  return saveToFile({
    fileName: exportFileName(result, format),
    title: `Save ${result.title} as ${format.toUpperCase()}`,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    content: exportText(result, format),
  });
}

/**
 * Streams one file to a place the user picks, through the one download path (src/http/download.ts:
 * `.part` until complete, redirects only within the link's origin, a deadline on the headers and a stall
 * detector, Content-Encoding handled as a browser does), with the same user agent, time limit, progress
 * text and cancellation as product downloads. Only web links are fetched: a listing is service text and
 * must not reach local files or programs. Resolves with the saved file, or undefined when the user cancels.
 */
export async function downloadDataFile(url: string, fileName: string, userAgent: string): Promise<vscode.Uri | undefined> {
  if (!isWebUrl(url)) throw new Error(`Not a web address: ${url}`);
  const name = safeFileName(fileName, 'download');
  const target = await askSaveLocation({ fileName: name, title: `Download ${name}` });
  if (!target) return undefined;
  if (target.scheme !== 'file') throw new Error('Downloads can only be saved to local files.');
  return withCancellableProgress(`Downloading ${name}`, async (progress, signal) => {
    try {
      await downloadToFile({
        url,
        destFile: target.fsPath,
        timeoutMs: readSettings().requestTimeoutSeconds * 1000,
        userAgent,
        service: 'Swift TOO API',
        signal,
        onProgress: downloadProgressReporter(progress),
      });
      return target;
    } catch (error) {
      if (isServiceError(error) && error.kind === 'cancelled') {
        void vscode.window.showInformationMessage(`Download cancelled: ${name} was not kept.`);
        return undefined;
      }
      throw new Error(`Could not download ${name}: ${describeError(error)}`, { cause: error });
    }
  });
}
