// The one results panel all TOO queries share: a history of results (newest first) with a table,
// a timeline and export buttons. It survives reloads: the webview keeps the state with setState
// and VS Code hands it back to the serializer.
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import { webviewHtml } from '../../views/webviewHtml';
import { copyResult, downloadDataFile, isWebUrl, saveResult } from './exportResults';
import { MAX_RESULTS, QUERY_KINDS, type HostToView, type QueryKind, type QueryResultView, type ResultsState, type ViewToHost } from '../../shared/queryResultModel';
import type { TimeBase } from '../../shared/swiftTime';
import { WebviewTypes } from '../../common/commandIds';

export const RESULTS_VIEW_TYPE = WebviewTypes.tooQueryResults;

/** What the webview reported after drawing a result (integration tests assert on these). */
export interface RenderedRecord {
  readonly id: string;
  readonly kind: QueryKind;
  readonly rows: number;
  readonly at: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state a restored webview hands back, checked before use (it is stored by the webview). */
export function restoredState(value: unknown): ResultsState {
  const empty: ResultsState = { results: [], timeBase: 'utc' };
  if (!isRecord(value) || !Array.isArray(value.results)) return empty;
  const results = value.results.filter((r): r is QueryResultView => isRecord(r) && typeof r.id === 'string' && QUERY_KINDS.includes(r.kind as QueryKind) && isRecord(r.table) && Array.isArray(r.table.columns) && Array.isArray(r.table.rows)).slice(0, MAX_RESULTS);
  const activeId = typeof value.activeId === 'string' && results.some((r) => r.id === value.activeId) ? value.activeId : results[0]?.id;
  return { results, ...(activeId ? { activeId } : {}), timeBase: value.timeBase === 'swift' ? 'swift' : 'utc' };
}

export class QueryResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: ResultsState = { results: [], timeBase: 'utc' };
  private readonly rendered: RenderedRecord[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedRecord>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** For the data-file downloads: the extension's one user agent. */
    private readonly userAgent: string,
  ) {
    this.disposables.push(
      this.renderedEmitter,
      vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, saved) => {
          this.state = restoredState(saved);
          this.attach(panel);
        },
      }),
    );
  }

  readonly onDidRender = this.renderedEmitter.event;

  /** Everything rendered since activation, oldest first. */
  renderedResults(): readonly RenderedRecord[] {
    return this.rendered;
  }

  results(): readonly QueryResultView[] {
    return this.state.results;
  }

  /** Adds a result at the top of the history and shows it. */
  show(result: QueryResultView): void {
    this.state = { ...this.state, results: [result, ...this.state.results.filter((r) => r.id !== result.id)].slice(0, MAX_RESULTS), activeId: result.id };
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.post({ type: 'state', state: this.state });
    } else {
      this.attach(vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, 'Swift TOO Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options()));
    }
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html(panel.webview);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        subscriptions.forEach((s) => s.dispose());
      }),
    ];
  }

  private post(message: HostToView): void {
    void this.panel?.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    if (!isRecord(raw) || typeof raw.type !== 'string') return;
    const message = raw as ViewToHost;
    switch (message.type) {
      case 'ready':
        this.post({ type: 'state', state: this.state });
        return;
      case 'rendered': {
        const record = { id: String(message.id), kind: message.kind, rows: Number(message.rows), at: Date.now() };
        this.rendered.push(record);
        if (this.rendered.length > 200) this.rendered.splice(0, this.rendered.length - 200);
        this.renderedEmitter.fire(record);
        return;
      }
      case 'select':
        this.state = { ...this.state, activeId: message.id };
        return;
      case 'close': {
        const results = this.state.results.filter((r) => r.id !== message.id);
        this.state = { ...this.state, results, activeId: this.state.activeId === message.id ? results[0]?.id : this.state.activeId };
        this.post({ type: 'state', state: this.state });
        return;
      }
      case 'timeBase':
        this.state = { ...this.state, timeBase: (message.base === 'swift' ? 'swift' : 'utc') satisfies TimeBase };
        return;
      case 'export':
        return this.export(message.id, message.format === 'csv' ? 'csv' : 'json', message.action === 'save' ? 'save' : 'copy');
      case 'openUrl':
        if (isWebUrl(message.url)) await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'download':
        try {
          const saved = await downloadDataFile(message.url, message.filename, this.userAgent);
          if (saved) void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(saved)}.`);
        } catch (error) {
          this.log.warn(describeError(error));
          void vscode.window.showErrorMessage(describeError(error));
        }
        return;
    }
  }

  private async export(id: string, format: 'json' | 'csv', action: 'copy' | 'save'): Promise<void> {
    const result = this.state.results.find((r) => r.id === id);
    if (!result) return;
    try {
      if (action === 'copy') await copyResult(result, format);
      else {
        const saved = await saveResult(result, format);
        if (saved) void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(saved)}.`);
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not ${action} the result: ${describeError(error)}`);
    }
  }

  private html(webview: vscode.Webview): string {
    return webviewHtml({
      webview,
      extensionUri: this.extensionUri,
      bundle: 'queryResults.main',
      title: 'Swift TOO Results',
      placeholder: '<div id="app" role="application" aria-label="Swift TOO query results"><p class="empty">Run a Swift TOO query from the Command Palette to see its results here.</p></div>',
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
