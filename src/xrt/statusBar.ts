// The "XRT n active" status-bar item and the matching badge on the XRT Jobs view, kept in step with the
// job registry.
import * as vscode from 'vscode';
import { StatusBarItems, Views } from '../common/commandIds';
import { createStatusBarItem } from '../common/startupHandover';
import type { JobRegistry } from './jobs/jobRegistry';
import type { XrtTreeNode } from './views/xrtJobsTree';

/**
 * Shows how many jobs are active in `item` and as the view's badge; hidden while there are no jobs. Also
 * what the entry bundle shows before the job registry loads (src/startup/startupState.ts).
 */
export function showXrtActivity(
  item: vscode.StatusBarItem,
  view: Pick<vscode.TreeView<unknown>, 'badge'>,
  counts: { readonly jobs: number; readonly active: number },
): void {
  const { active } = counts;
  const plural = active === 1 ? '' : 's';
  item.name = 'Swift XRT jobs';
  item.command = Views.focusXrtJobs;
  item.text = active > 0 ? `$(sync~spin) XRT ${active} active` : `$(pass) XRT`;
  item.tooltip =
    active > 0 ? `${active} XRT job${plural} queued or running — click to show` : 'No active XRT jobs — click to show the XRT Jobs view';
  if (counts.jobs > 0) item.show();
  else item.hide();
  view.badge = active > 0 ? { value: active, tooltip: `${active} active XRT job${plural}` } : undefined;
}

export class XrtActivityIndicator implements vscode.Disposable {
  private readonly item = createStatusBarItem(StatusBarItems.xrtActive, vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly registry: JobRegistry,
    private readonly view: vscode.TreeView<XrtTreeNode>,
  ) {
    this.update();
    this.subscription = registry.onDidChange(() => this.update());
  }

  private update(): void {
    showXrtActivity(this.item, this.view, { jobs: this.registry.all().length, active: this.registry.active().length });
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
