// Download Products: a job's archive of all its products (a job row or ID) or of one product (a product
// row, or the Download button of its "ready" notice), unpacked into the download folder with progress
// and cancellation. A second request for the same archive while one runs joins it instead of racing it.
// A campaign's job not downloaded yet is handed to the campaign downloads instead (its source's folder).
import { describeError, isServiceError } from '../../http/errors';
import { downloadProgressReporter } from '../../http/downloadProgress';
import { ProductCommands } from '../../common/commandIds';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import { isComplete, productByCode } from '../../xrt/productCodes';
import type { ArchiveStem } from '../download/archiveUrl';
import { ProductArchiveError, type ProductDownloadResult } from '../download/productDownload';
import { jobKey } from '../viewer/viewerKeys';
import type { DownloadOptions, DownloadOutcome, ProductsCommand, ProductsDeps } from './deps';
import { completeProducts, jobOf } from './jobArgument';
import { showJobProducts } from './view';

export const download: ProductsCommand = (deps) => {
  /** Running downloads by job and archive. */
  const running = new Map<string, Promise<DownloadOutcome>>();
  return async (arg?: unknown, _nodes?: unknown, options?: DownloadOptions): Promise<DownloadOutcome> => {
    const target = await jobOf(deps, arg, 'Download XRT Products');
    if (!target) return { kind: 'nothing', message: 'no job chosen' };
    const { job, product } = target;
    const stem: ArchiveStem = product ?? 'all';
    if (completeProducts(job).length === 0 || (product && !isComplete(job.products[product]?.statusCode ?? null))) {
      const what = product ? productByCode(product).label : 'No product';
      const state = product ? 'not complete' : 'complete';
      const message = `${what} of ${job.name} (XRT job ${job.jobId}) is ${state} yet; there is nothing to download.`;
      void deps.window.showWarningMessage(message);
      return { kind: 'nothing', message };
    }
    // A campaign's job goes into its source's folder, with its provenance, like the others of its campaign.
    if (stem === 'all' && !options?.downloadRoot && deps.campaignDownloads?.retry(job.jobId)) {
      const message = `The products of ${job.name} (XRT job ${job.jobId}) are being downloaded into its campaign's folder; the status bar shows the progress.`;
      void deps.window.showInformationMessage(message);
      return { kind: 'queued', jobId: job.jobId, message };
    }
    const root = options?.downloadRoot ?? (await deps.downloadRoot());
    if (!root) return { kind: 'nothing', message: 'no download folder chosen' };
    const key = `${job.jobId}/${stem}`;
    const existing = running.get(key);
    if (existing) return existing;
    const work = runDownload(deps, job, stem, root).finally(() => running.delete(key));
    running.set(key, work);
    return work;
  };
};

async function runDownload(deps: ProductsDeps, job: JobRecord, stem: ArchiveStem, root: string): Promise<DownloadOutcome> {
  const what = stem === 'all' ? 'products' : productByCode(stem).label.toLowerCase();
  const { log } = deps;
  let result: ProductDownloadResult;
  try {
    result = await deps.withCancellableProgress(`Downloading the ${what} of ${job.name} (XRT job ${job.jobId})`, (progress, signal) =>
      deps.downloadArchive({
        jobId: job.jobId,
        jobName: job.name,
        jobUrl: job.url,
        stem,
        downloadRoot: root,
        timeoutMs: deps.settings().requestTimeoutSeconds * 1000,
        userAgent: deps.userAgent,
        signal,
        onProgress: downloadProgressReporter(progress),
      }),
    );
  } catch (error) {
    if (isServiceError(error) && error.kind === 'cancelled') {
      log.info(`Download of ${stem}.tar.gz of XRT job ${job.jobId} cancelled.`);
      void deps.window.showInformationMessage(`Download cancelled: the ${what} of ${job.name} (XRT job ${job.jobId}) were not kept.`);
      return { kind: 'cancelled', jobId: job.jobId };
    }
    const message = `Could not download the ${what} of ${job.name} (XRT job ${job.jobId}): ${describeError(error)}`;
    log.error(message);
    if (error instanceof ProductArchiveError) for (const r of error.refused) log.warn(`  refused ${r.path}: ${r.reason}`);
    void deps.window.showErrorMessage(message);
    return { kind: 'failed', jobId: job.jobId, message };
  }

  await deps.jobs.update(job.jobId, (j) => ({ ...j, downloadFolder: result.folder }));
  log.info(
    `Downloaded ${stem}.tar.gz of XRT job ${job.jobId} (${result.archiveBytes} bytes, ${result.written.length} files) ` +
      `into ${result.folder}.`,
  );
  if (result.refused.length > 0) {
    for (const r of result.refused) log.warn(`Download of XRT job ${job.jobId}: refused ${r.path}: ${r.reason}`);
    const entries = `${result.refused.length} entr${result.refused.length === 1 ? 'y' : 'ies'}`;
    void deps.window
      .showWarningMessage(
        `${entries} of ${stem}.tar.gz (XRT job ${job.jobId}) were not unpacked because they were unsafe; see the Swift Observatory log.`,
        'Show Log',
      )
      .then((c) => {
        if (c === 'Show Log') log.show();
      });
  } else {
    void deps.window
      .showInformationMessage(
        `The ${what} of ${job.name} (XRT job ${job.jobId}) are in ${result.folder}.`,
        'View',
        'Reveal in File Explorer',
      )
      .then((c) => {
        if (c === 'View') void deps.executeCommand(ProductCommands.view, job.jobId);
        if (c === 'Reveal in File Explorer') deps.revealInFileExplorer(result.folder);
      });
  }
  // An open viewer of this job gains the downloaded images and plots.
  if (deps.viewer.isOpen(jobKey(job.jobId))) {
    void showJobProducts(deps, job.jobId).catch((error: unknown) =>
      log.warn(`Refreshing the viewer of XRT job ${job.jobId}: ${describeError(error)}`),
    );
  }
  return { kind: 'downloaded', jobId: job.jobId, folder: result.folder, files: result.written.length, refused: result.refused };
}
