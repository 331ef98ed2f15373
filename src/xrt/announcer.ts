// The notifications a job's products give when they finish: "ready" (with View, Download, Open Web Page,
// Show) or "failed" (with Open Web Page, Show). Products that one status reply shows finished share one
// "ready" notice (a job's three positions often end together); each failure has its own, with its reason.
// A cancelled product and the first look at an imported job say nothing. A rebin that ends gives its own.
import * as vscode from 'vscode';
import { ProductCommands, Views, XrtCommands } from '../common/commandIds';
import type { JobRecord } from './jobs/jobRecord';
import type { Transition } from './jobs/pollScheduler';
import type { RebinTransition } from './rebin/rebinPoller';
import { binningLabel, rebinOutcome } from './rebin/rebinState';
import { isFirstLookAtImport } from './jobs/recordFromReply';
import { failedText, readyText } from './noticeText';
import { isComplete, isFailure, isProductCode, productByCode, type ProductCode } from './productCodes';

/** How many notices `announcements` keeps. */
const KEPT = 200;

export class JobAnnouncer {
  private readonly notices: string[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The completion and failure notifications shown in this window, newest last (for tests and the log). */
  get announcements(): readonly string[] {
    return this.notices;
  }

  /** The transitions one status reply of one job showed. */
  announce(transitions: readonly Transition[]): void {
    const ready: ProductCode[] = [];
    let job: JobRecord | undefined;
    for (const t of transitions) {
      const code = t.after.statusCode;
      if (code === null || !isProductCode(t.product) || isFirstLookAtImport(t.job, t.before)) continue;
      job = t.job;
      if (isComplete(code)) ready.push(t.product);
      else if (isFailure(code)) {
        const text = failedText(t.job.name, t.job.jobId, productByCode(t.product).label, t.after.statusText);
        void vscode.window.showWarningMessage(text, 'Open Web Page', 'Show').then((c) => act(c, t.job));
        this.keep(text);
      }
    }
    if (job === undefined || ready.length === 0) return;
    const readyJob = job;
    const text = readyText(
      readyJob.name,
      readyJob.jobId,
      ready.map((p) => productByCode(p).label),
    );
    // Download fetches just the product a one-product notice is about, or the whole job.
    const only = ready.length === 1 ? ready[0] : undefined;
    void vscode.window.showInformationMessage(text, 'View', 'Download', 'Open Web Page', 'Show').then((c) => act(c, readyJob, only));
    this.keep(text);
  }

  /**
   * A rebin ended: done (one notice, with View) or failed. A cancelled one says nothing here: the user
   * who cancelled it has been told by the command.
   */
  announceRebin(t: RebinTransition): void {
    const outcome = rebinOutcome(t.rebin.statusCode);
    const what = `The rebinned light curve of ${t.job.name} (XRT job ${t.job.jobId}; ${binningLabel(t.rebin.binning)})`;
    const node = { kind: 'rebin', jobId: t.job.jobId, rebinId: t.rebin.rebinId };
    let text: string | undefined;
    if (outcome === 'done') {
      text = `${what} is ready.`;
      void vscode.window.showInformationMessage(text, 'View').then((c) => {
        if (c === 'View') void vscode.commands.executeCommand(XrtCommands.viewRebin, node);
      });
    } else if (outcome === 'failed') {
      text = `${what} failed: ${t.rebin.statusText || `status ${t.rebin.statusCode}`}.`;
      void vscode.window.showWarningMessage(text, 'Show').then((c) => act(c, t.job));
    }
    if (text) this.keep(text);
  }

  private keep(text: string): void {
    this.log.info(text);
    this.notices.push(text);
    if (this.notices.length > KEPT) this.notices.shift();
  }
}

function act(choice: string | undefined, job: JobRecord, product?: string): void {
  if (choice === 'Open Web Page') void vscode.env.openExternal(vscode.Uri.parse(job.url));
  if (choice === 'Show') void vscode.commands.executeCommand(Views.focusXrtJobs);
  if (choice === 'View') void vscode.commands.executeCommand(ProductCommands.view, job.jobId);
  if (choice === 'Download')
    void vscode.commands.executeCommand(ProductCommands.download, product ? { kind: 'product', jobId: job.jobId, product } : job.jobId);
}
