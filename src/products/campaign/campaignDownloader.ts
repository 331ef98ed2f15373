// Products arrive by themselves: every job of a campaign whose products are all settled, at least one of
// them complete, is downloaded (its `all` archive) into its source's folder, `<dir>/<stem>/<source id>/`
// (./campaignPaths.ts), with a provenance.json beside the products (./provenance.ts); the job's
// `downloadFolder` then says it is done, in every window (the job list is shared).
//
// Politeness and quiet: one download at a time per window, shown in the status bar (a Window progress),
// never a notification per source; one notification when a campaign has nothing more to download. A
// failure is logged with its reason and tried again later, with a growing delay, a few times per session;
// then one warning names the sources, and Download Products is the way to try again. Two windows never
// download one source: each download holds a cross-window lock beside the campaign folder
// (src/common/fileLock.ts), and a window that finds it taken looks again later (by then the other window
// has usually recorded the download). Jobs whose products all failed or were cancelled are never fetched.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { isLockTimeout, withFileLock } from '../../common/fileLock';
import { downloadProgressReporter } from '../../http/downloadProgress';
import { describeError, isServiceError } from '../../http/errors';
import { readCampaignState, stateFileOf, type CampaignState } from '../../xrt/campaign/campaignState';
import { isJobActive, type JobRecord } from '../../xrt/jobs/jobRecord';
import type { JobRegistry } from '../../xrt/jobs/jobRegistry';
import { isComplete, isTerminal } from '../../xrt/productCodes';
import { ProductArchiveError, type downloadProducts } from '../download/productDownload';
import { campaignFolderOf, campaignName, isCampaignRequestFile, sourceFolderOf } from './campaignPaths';
import { writeProvenance } from './provenance';

/** What a Window progress takes (vscode.Progress). */
interface ProgressSink {
  report(value: { readonly message?: string; readonly increment?: number }): void;
}

/** The editor's side, handed in so that the decisions can be unit-tested on Node. */
export interface DownloaderUi {
  /** Runs `task` under a progress in the status bar (vscode.ProgressLocation.Window). */
  withWindowProgress<T>(title: string, task: (progress: ProgressSink) => Promise<T>): Promise<T>;
  showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showWarningMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  revealInFileExplorer(folder: string): void;
  showLog(): void;
}

export interface RetryPolicy {
  /** Attempts per job and session; after the last, the user is told once. */
  readonly attempts: number;
  /** The delay after the first failure; each further failure waits four times longer. */
  readonly firstDelayMs: number;
  /** When another window holds a source's lock: when to look again (not an attempt). */
  readonly busyDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 60_000, busyDelayMs: 60_000 };

/** Cancels a timer set with {@link CampaignDownloaderDeps.setTimer}. */
type CancelTimer = () => void;

export interface CampaignDownloaderDeps {
  readonly jobs: Pick<JobRegistry, 'all' | 'get' | 'update' | 'reload' | 'onDidChange'>;
  /** src/products/download/productDownload.ts. */
  readonly download: typeof downloadProducts;
  /** The local path of a campaign file named by a job's `requestFile` (a URI string); undefined when it is not a local file. */
  readonly pathOf: (uri: string) => string | undefined;
  readonly ui: DownloaderUi;
  readonly log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;
  readonly timeoutMs: () => number;
  readonly userAgent: string;
  readonly extensionVersion: string;
  readonly retry?: RetryPolicy;
  readonly now?: () => number;
  readonly setTimer?: (ms: number, fn: () => void) => CancelTimer;
}

/** Whether `job` is a campaign's, settled with a complete product, and not downloaded yet. */
function isEligible(job: JobRecord): boolean {
  const products = Object.values(job.products);
  return (
    isCampaignRequestFile(job.requestFile) &&
    job.downloadFolder === undefined &&
    products.every((p) => isTerminal(p.statusCode)) &&
    products.some((p) => isComplete(p.statusCode))
  );
}

/** Whether `job` has (or will have) products to download: the "of N" of the progress. */
function willHaveProducts(job: JobRecord): boolean {
  return isJobActive(job) || Object.values(job.products).some((p) => isComplete(p.statusCode));
}

function sourceIdOf(state: CampaignState, jobId: string): string | undefined {
  return Object.entries(state.sources).find(([, s]) => s.jobId === jobId)?.[0];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function minutes(ms: number): string {
  return ms < 60_000 ? plural(Math.max(1, Math.round(ms / 1000)), 'second') : plural(Math.round(ms / 60_000), 'minute');
}

export class CampaignDownloader {
  private readonly policy: RetryPolicy;
  private readonly now: () => number;
  private readonly setTimer: (ms: number, fn: () => void) => CancelTimer;
  /** Jobs waiting for their turn (in order) or being downloaded. */
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly failures = new Map<string, { count: number; nextAt: number }>();
  private readonly busyUntil = new Map<string, number>();
  private readonly gaveUp = new Set<string>();
  /** Per campaign (its URI): what this window did since the campaign's last notification. */
  private readonly news = new Map<string, { downloaded: number; failedSources: string[] }>();
  private pumping: Promise<void> | undefined;
  private settling: Promise<void> = Promise.resolve();
  private timer: { at: number; cancel: CancelTimer } | undefined;
  private readonly abort = new AbortController();
  private subscription: { dispose(): void } | undefined;

  constructor(private readonly deps: CampaignDownloaderDeps) {
    this.policy = deps.retry ?? DEFAULT_RETRY;
    this.now = deps.now ?? (() => Date.now());
    this.setTimer =
      deps.setTimer ??
      ((ms, fn) => {
        const handle = setTimeout(fn, ms);
        return () => clearTimeout(handle);
      });
  }

  /** Follows the job list, and picks up at once the jobs that finished while VS Code was closed. */
  start(): void {
    this.subscription ??= this.deps.jobs.onDidChange(() => this.scan());
    this.scan();
  }

  dispose(): void {
    this.abort.abort();
    this.subscription?.dispose();
    this.timer?.cancel();
    this.timer = undefined;
  }

  /**
   * Download Products on a campaign job not downloaded yet: forgets its failures (a user's retry starts the
   * count again) and queues it; false when it is not such a job (the command downloads it as any other).
   */
  retry(jobId: string): boolean {
    const job = this.deps.jobs.get(jobId);
    if (!job || !isEligible(job) || this.abort.signal.aborted) return false;
    this.gaveUp.delete(jobId);
    this.failures.delete(jobId);
    this.busyUntil.delete(jobId);
    this.scan();
    return true;
  }

  /** Resolves when nothing is being downloaded or announced (tests wait on it). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
    await this.settling;
  }

  /** Queues every job that is eligible and due; arms a timer for the ones that are not due yet. */
  scan(): void {
    if (this.abort.signal.aborted) return;
    const t = this.now();
    let soonest: number | undefined;
    for (const job of this.deps.jobs.all()) {
      if (this.queued.has(job.jobId) || this.gaveUp.has(job.jobId) || !isEligible(job)) continue;
      const due = Math.max(this.failures.get(job.jobId)?.nextAt ?? 0, this.busyUntil.get(job.jobId) ?? 0);
      if (due > t) {
        soonest = Math.min(soonest ?? due, due);
        continue;
      }
      this.queue.push(job.jobId);
      this.queued.add(job.jobId);
    }
    if (soonest !== undefined) this.wakeAt(soonest);
    if (this.queue.length > 0) this.pumping ??= this.pump();
    else if (!this.pumping && this.news.size > 0) this.announceSettled();
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timer.at <= at) return;
    this.timer?.cancel();
    const cancel = this.setTimer(Math.max(0, at - this.now()), () => {
      this.timer = undefined;
      this.scan();
    });
    this.timer = { at, cancel };
  }

  private async pump(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.abort.signal.aborted) {
        const jobId = this.queue[0]!;
        try {
          await this.downloadOne(jobId);
        } finally {
          this.queue.shift();
          this.queued.delete(jobId);
        }
      }
    } finally {
      this.pumping = undefined;
    }
    // Jobs that became eligible while the last download ran were skipped as queued: looked at again, and
    // the campaigns that have nothing more to download are announced.
    this.scan();
  }

  private async downloadOne(jobId: string): Promise<void> {
    const job = this.deps.jobs.get(jobId);
    if (!job || !isEligible(job)) return;
    const uri = job.requestFile!;
    let label = `${job.name} (XRT job ${job.jobId})`;
    const campaignFile = this.deps.pathOf(uri);
    this.newsOf(uri);
    let holdsLock = false;
    try {
      if (campaignFile === undefined) throw new Error(`the campaign ${uri} is not a file on this machine`);
      const stateFile = stateFileOf(campaignFile);
      const sourceId = sourceIdOf(await readCampaignState(stateFile), jobId);
      if (sourceId === undefined) throw new Error(`${stateFile} names no source with XRT job ${jobId}`);
      label = sourceId;
      const folder = sourceFolderOf(campaignFile, sourceId);
      const campaignFolder = campaignFolderOf(campaignFile);
      await fs.mkdir(campaignFolder, { recursive: true });
      // Beside the source folders, hidden; ids have no `.`, so the name is never a source's folder.
      const lockDir = path.join(campaignFolder, `.${sourceId}.download.lock`);
      await withFileLock(
        lockDir,
        async () => {
          holdsLock = true;
          await this.downloadHoldingLock(jobId, uri, campaignFile, sourceId, folder);
        },
        // Not waited for: a window holding it is downloading this source, which may take minutes.
        { timeoutMs: 0 },
      );
      this.failures.delete(jobId);
      this.busyUntil.delete(jobId);
    } catch (error) {
      if (!holdsLock && isLockTimeout(error)) {
        this.deps.log.info(`Campaign downloads: ${label} is being downloaded by another window; looking again later.`);
        this.busyUntil.set(jobId, this.now() + this.policy.busyDelayMs);
        return;
      }
      if (this.abort.signal.aborted) return;
      this.failed(jobId, uri, label, error);
    }
  }

  private async downloadHoldingLock(jobId: string, uri: string, campaignFile: string, sourceId: string, folder: string): Promise<void> {
    // Another window may have finished this source just before the lock was ours: its record decides.
    await this.deps.jobs.reload();
    const job = this.deps.jobs.get(jobId);
    if (!job || !isEligible(job)) return;
    const ofCampaign = this.deps.jobs.all().filter((j) => j.requestFile === uri && willHaveProducts(j));
    const position = ofCampaign.filter((j) => j.downloadFolder !== undefined).length + 1;
    const name = campaignName(campaignFile);
    const result = await this.deps.ui.withWindowProgress(
      `XRT campaign ${name}: downloading ${sourceId} (${position} of ${ofCampaign.length})`,
      (progress) =>
        this.deps.download({
          jobId,
          jobName: job.name,
          jobUrl: job.url,
          stem: 'all',
          folder,
          timeoutMs: this.deps.timeoutMs(),
          userAgent: this.deps.userAgent,
          signal: this.abort.signal,
          onProgress: downloadProgressReporter(progress),
        }),
    );
    for (const r of result.refused) this.deps.log.warn(`Campaign downloads: ${sourceId}: refused ${r.path}: ${r.reason}`);
    // Read again: the runner wrote the state; the provenance takes the request and API version from it.
    const state = await readCampaignState(stateFileOf(campaignFile));
    await writeProvenance({
      campaignFile,
      sourceId,
      job,
      source: state.sources[sourceId] ?? { status: 'submitted', jobId },
      folder: result.folder,
      written: result.written,
      downloadedAt: this.now(),
      extensionVersion: this.deps.extensionVersion,
    });
    await this.deps.jobs.update(jobId, (j) => ({ ...j, downloadFolder: result.folder }));
    this.newsOf(uri).downloaded += 1;
    this.deps.log.info(
      `Campaign downloads: ${sourceId} (XRT job ${jobId}): ${result.archiveBytes} bytes, ${result.written.length} files, ` +
        `into ${result.folder}${result.refused.length > 0 ? ` (${result.refused.length} unsafe entries refused)` : ''}.`,
    );
  }

  private failed(jobId: string, uri: string, label: string, error: unknown): void {
    const count = (this.failures.get(jobId)?.count ?? 0) + 1;
    const why = isServiceError(error) ? error.fullText() : describeError(error);
    const tried = `attempt ${count} of ${this.policy.attempts}`;
    if (error instanceof ProductArchiveError)
      for (const r of error.refused) this.deps.log.warn(`Campaign downloads: ${label}: refused ${r.path}: ${r.reason}`);
    if (count >= this.policy.attempts) {
      this.failures.set(jobId, { count, nextAt: Number.POSITIVE_INFINITY });
      this.gaveUp.add(jobId);
      this.newsOf(uri).failedSources.push(label);
      this.deps.log.error(
        `Campaign downloads: ${label}: could not download its products (${tried}, not tried again in this session): ${why}`,
      );
      return;
    }
    const delay = this.policy.firstDelayMs * 4 ** (count - 1);
    this.failures.set(jobId, { count, nextAt: this.now() + delay });
    this.deps.log.error(
      `Campaign downloads: ${label}: could not download its products (${tried}; trying again in ${minutes(delay)}): ${why}`,
    );
  }

  private newsOf(uri: string): { downloaded: number; failedSources: string[] } {
    let news = this.news.get(uri);
    if (!news) this.news.set(uri, (news = { downloaded: 0, failedSources: [] }));
    return news;
  }

  /** One notification per campaign that has nothing more to download, about what this window did. */
  private announceSettled(): void {
    this.settling = this.settling.then(async () => {
      for (const [uri, news] of [...this.news]) {
        if (this.abort.signal.aborted) return;
        try {
          if (!(await this.hasSettled(uri))) continue;
        } catch (error) {
          this.deps.log.warn(`Campaign downloads: could not read the state of ${uri}: ${describeError(error)}`);
          continue;
        }
        this.news.delete(uri);
        this.announce(uri, news);
      }
    });
  }

  /** Nothing of the campaign is active, waiting to be sent, or waiting for a download (retries included). */
  private async hasSettled(uri: string): Promise<boolean> {
    const jobs = this.deps.jobs.all().filter((j) => j.requestFile === uri);
    const waiting = jobs.some((j) => this.queued.has(j.jobId) || isJobActive(j) || (isEligible(j) && !this.gaveUp.has(j.jobId)));
    if (waiting) return false;
    const file = this.deps.pathOf(uri);
    if (file === undefined) return true;
    const state = await readCampaignState(stateFileOf(file));
    return !Object.values(state.sources).some((s) => s.status === 'queued' || s.status === 'sending');
  }

  private announce(uri: string, news: { downloaded: number; failedSources: readonly string[] }): void {
    const file = this.deps.pathOf(uri);
    const name = file ? campaignName(file) : uri;
    if (news.failedSources.length > 0) {
      const done = news.downloaded > 0 ? ` ${plural(news.downloaded, 'source')} ${news.downloaded === 1 ? 'was' : 'were'} downloaded.` : '';
      void this.deps.ui
        .showWarningMessage(
          `XRT campaign ${name}: the products of ${news.failedSources.join(', ')} could not be downloaded; the Swift Observatory log says why.${done} ` +
            'Use Download Products on their jobs in the XRT Jobs view to try again.',
          'Show Log',
        )
        .then((choice) => {
          if (choice === 'Show Log') this.deps.ui.showLog();
        });
      return;
    }
    if (news.downloaded === 0 || !file) return;
    const folder = campaignFolderOf(file);
    void this.deps.ui
      .showInformationMessage(
        `XRT campaign ${name}: every finished source is downloaded (${plural(news.downloaded, 'source')} now), each with its provenance.json, in ${folder}.`,
        'Reveal in File Explorer',
      )
      .then((choice) => {
        if (choice === 'Reveal in File Explorer') this.deps.ui.revealInFileExplorer(folder);
      });
  }
}
