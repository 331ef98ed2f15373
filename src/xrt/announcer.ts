// The notifications a job's products give when they finish: "ready" (with View, Download, Open Web Page,
// Show) or "failed" (with Open Web Page, Show). A cancelled product and the first look at an imported
// job say nothing.
import * as vscode from 'vscode';
import { ProductCommands, Views, XrtCommands } from '../common/commandIds';
import type { JobRecord } from './jobs/jobRecord';
import type { Transition } from './jobs/pollScheduler';
import type { RebinTransition } from './rebin/rebinPoller';
import { binningLabel, rebinOutcome } from './rebin/rebinState';
import { isFirstLookAtImport } from './jobs/recordFromReply';
import { isComplete, isFailure, isProductCode, productByCode } from './productCodes';

/** How many notices `announcements` keeps. */
const KEPT = 200;

export class JobAnnouncer {
  private readonly notices: string[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The completion and failure notifications shown in this window, newest last (for tests and the log). */
  get announcements(): readonly string[] {
    return this.notices;
  }

  announce(t: Transition): void {
    const code = t.after.statusCode;
    if (code === null || !isProductCode(t.product) || isFirstLookAtImport(t.job, t.before)) return;
    const label = productByCode(t.product).label;
    let text: string | undefined;
    if (isComplete(code)) {
      text = `${label} of ${t.job.name} (XRT job ${t.job.jobId}) is ready.`;
      void vscode.window.showInformationMessage(text, 'View', 'Download', 'Open Web Page', 'Show').then((c) => act(c, t.job, t.product));
    } else if (isFailure(code)) {
      text = `${label} of ${t.job.name} (XRT job ${t.job.jobId}) failed: ${t.after.statusText || 'no product was made'}.`;
      void vscode.window.showWarningMessage(text, 'Open Web Page', 'Show').then((c) => act(c, t.job));
    }
    if (text) this.keep(text);
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

/** `product`: the one a completion notice is about; Download fetches just that product's archive. */
function act(choice: string | undefined, job: JobRecord, product?: string): void {
  if (choice === 'Open Web Page') void vscode.env.openExternal(vscode.Uri.parse(job.url));
  if (choice === 'Show') void vscode.commands.executeCommand(Views.focusXrtJobs);
  if (choice === 'View') void vscode.commands.executeCommand(ProductCommands.view, job.jobId);
  if (choice === 'Download')
    void vscode.commands.executeCommand(ProductCommands.download, product ? { kind: 'product', jobId: job.jobId, product } : job.jobId);
}
