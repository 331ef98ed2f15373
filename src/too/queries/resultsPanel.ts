// The one results panel all TOO queries share: a history of results (newest first) with a table,
// a timeline and export buttons. It survives reloads: the webview keeps the state with setState
// and VS Code hands it back to the serializer. The history lives here, across the panel being closed
// and opened again; the webview plumbing of each panel is the shared base, src/views/webviewPanelHost.ts.
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import { copyResult, downloadDataFile, saveResult } from './exportResults';
import {
  MAX_RESULTS,
  QUERY_KINDS,
  type ExportFormat,
  type HostToView,
  type QueryKind,
  type QueryResultView,
  type ResultsRendered,
  type ResultsRequest,
  type ResultsState,
} from '../../shared/queryResultModel';
import type { MessageSpec } from '../../views/webviewInput';
import {
  WebviewPanelHost,
  openExternalSafely,
  pageOptions,
  registerPanelSerializer,
  type HostLog,
  type PageSpec,
} from '../../views/webviewPanelHost';
import { WebviewTypes } from '../../common/commandIds';

const RESULTS_VIEW_TYPE = WebviewTypes.tooQueryResults;

const LABEL = 'Swift TOO results';
const TITLE = 'Swift TOO Results';
/** Rendered reports kept for the tests (`renderedResults`); older ones drop off. */
const MAX_RENDERED = 200;

const PAGE: PageSpec = {
  bundle: 'queryResults.main',
  title: TITLE,
  placeholder:
    '<div id="app" role="application" aria-label="Swift TOO query results"><p class="empty">Run a Swift TOO query from the Command Palette to see its results here.</p></div>',
};

const RESULTS_REQUESTS: MessageSpec<ResultsRequest> = {
  select: { id: 'string' },
  close: { id: 'string' },
  timeBase: { base: ['utc', 'swift'] },
  export: { id: 'string', format: ['json', 'csv'], action: ['copy', 'save'] },
  openUrl: { url: 'string' },
  download: { url: 'string', fileName: 'string' },
};

/** What the webview reported after drawing a result (integration tests assert on these). */
export interface RenderedRecord extends ResultsRendered {
  readonly at: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state a restored webview hands back, checked before use (it is stored by the webview). */
function restoredState(value: unknown): ResultsState {
  const empty: ResultsState = { results: [], timeBase: 'utc' };
  if (!isRecord(value) || !Array.isArray(value.results)) return empty;
  const results = value.results
    .filter(
      (r): r is QueryResultView =>
        isRecord(r) &&
        typeof r.id === 'string' &&
        QUERY_KINDS.includes(r.kind as QueryKind) &&
        isRecord(r.table) &&
        Array.isArray(r.table.columns) &&
        Array.isArray(r.table.rows),
    )
    .slice(0, MAX_RESULTS);
  const activeId = typeof value.activeId === 'string' && results.some((r) => r.id === value.activeId) ? value.activeId : results[0]?.id;
  return { results, ...(activeId ? { activeId } : {}), timeBase: value.timeBase === 'swift' ? 'swift' : 'utc' };
}

/** What a page needs from the panel that owns the history. */
interface ResultsOwner {
  state(): ResultsState;
  handle(message: ResultsRequest): Promise<void>;
}

/** One webview page showing the history; at most one is open at a time. */
class ResultsPage extends WebviewPanelHost<HostToView, ResultsRequest, ResultsRendered> {
  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    log: HostLog,
    private readonly owner: ResultsOwner,
  ) {
    super(panel, { label: LABEL, extensionUri, log, page: PAGE, icon: ['media', 'icon.png'], messages: RESULTS_REQUESTS });
  }

  /** Brings the panel forward, keeping the focus where it is. */
  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Sends the page the current history (or leaves it to the page's next `ready`). */
  refresh(): void {
    this.publish();
  }

  protected snapshot(): HostToView {
    return { type: 'state', state: this.owner.state() };
  }

  protected handle(message: ResultsRequest): Promise<void> {
    return this.owner.handle(message);
  }
}

export class QueryResultsPanel implements vscode.Disposable {
  private page: ResultsPage | undefined;
  private state: ResultsState = { results: [], timeBase: 'utc' };
  private readonly rendered: RenderedRecord[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedRecord>();
  private readonly serializer: vscode.Disposable;
  private readonly owner: ResultsOwner = { state: () => this.state, handle: (message) => this.handle(message) };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** For the data-file downloads: the extension's one user agent. */
    private readonly userAgent: string,
  ) {
    this.serializer = registerPanelSerializer(RESULTS_VIEW_TYPE, LABEL, log, (panel, saved) => {
      this.state = restoredState(saved);
      this.attach(panel);
    });
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
    this.state = {
      ...this.state,
      results: [result, ...this.state.results.filter((r) => r.id !== result.id)].slice(0, MAX_RESULTS),
      activeId: result.id,
    };
    if (this.page) {
      this.page.reveal();
      this.page.refresh();
    } else {
      const options = { ...pageOptions(this.extensionUri), retainContextWhenHidden: false };
      this.attach(
        vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, TITLE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, options),
      );
    }
  }

  dispose(): void {
    this.page?.dispose();
    this.serializer.dispose();
    this.renderedEmitter.dispose();
  }

  private attach(panel: vscode.WebviewPanel): void {
    const page = new ResultsPage(panel, this.extensionUri, this.log, this.owner);
    this.page = page;
    // Both subscriptions end with the page, whose emitters they are.
    page.onDidRender((summary) => this.record(summary));
    page.onDidDispose(() => {
      if (this.page === page) this.page = undefined;
    });
  }

  private record(summary: ResultsRendered): void {
    const record: RenderedRecord = { id: String(summary.id), kind: summary.kind, rows: Number(summary.rows), at: Date.now() };
    this.rendered.push(record);
    if (this.rendered.length > MAX_RENDERED) this.rendered.splice(0, this.rendered.length - MAX_RENDERED);
    this.renderedEmitter.fire(record);
  }

  private async handle(message: ResultsRequest): Promise<void> {
    switch (message.type) {
      case 'select':
        this.state = { ...this.state, activeId: message.id };
        return;
      case 'close': {
        const results = this.state.results.filter((r) => r.id !== message.id);
        this.state = { ...this.state, results, activeId: this.state.activeId === message.id ? results[0]?.id : this.state.activeId };
        this.page?.refresh();
        return;
      }
      case 'timeBase':
        this.state = { ...this.state, timeBase: message.base };
        return;
      case 'export':
        return this.export(message.id, message.format, message.action);
      case 'openUrl':
        return openExternalSafely(message.url);
      case 'download': {
        const saved = await downloadDataFile(message.url, message.fileName, this.userAgent);
        if (saved) void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(saved)}.`);
        return;
      }
    }
  }

  private async export(id: string, format: ExportFormat, action: 'copy' | 'save'): Promise<void> {
    const result = this.state.results.find((r) => r.id === id);
    if (!result) return;
    try {
      if (action === 'copy') await copyResult(result, format);
      else {
        const saved = await saveResult(result, format);
        if (saved) void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(saved)}.`);
      }
    } catch (error) {
      throw new Error(`Could not ${action} the result: ${describeError(error)}`, { cause: error });
    }
  }
}
