// The "XRT n active" status-bar item and the matching badge on the XRT Jobs view, kept in step with the
// job registry.
import * as vscode from 'vscode';
import { StatusBarItems, Views } from '../common/commandIds';
import type { JobRegistry } from './jobs/jobRegistry';
import type { XrtTreeNode } from './views/xrtJobsTree';

export class XrtActivityIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(StatusBarItems.xrtActive, vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly registry: JobRegistry,
    private readonly view: vscode.TreeView<XrtTreeNode>,
  ) {
    this.item.name = 'Swift XRT jobs';
    this.item.command = Views.focusXrtJobs;
    this.update();
    this.subscription = registry.onDidChange(() => this.update());
  }

  private update(): void {
    const active = this.registry.active().length;
    const plural = active === 1 ? '' : 's';
    this.item.text = active > 0 ? `$(sync~spin) XRT ${active} active` : `$(pass) XRT`;
    this.item.tooltip =
      active > 0 ? `${active} XRT job${plural} queued or running — click to show` : 'No active XRT jobs — click to show the XRT Jobs view';
    if (this.registry.all().length > 0) this.item.show();
    else this.item.hide();
    this.view.badge = active > 0 ? { value: active, tooltip: `${active} active XRT job${plural}` } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
