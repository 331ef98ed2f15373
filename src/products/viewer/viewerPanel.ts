// Extension-side host of the product viewer: one webview panel per job (reused when opened again),
// restored after a window reload, answering the webview's requests (save dialogs, clipboard, opening
// files and pages).
import * as vscode from 'vscode';
import { log } from '../../log';
import { webviewHtml } from '../../views/webviewHtml';
import type { ViewerModel } from '../../shared/viewModel';
import { isWebviewMessage, type HostMessage, type RenderedSummary, type ViewerWebviewState, type WebviewMessage } from '../../shared/viewerProtocol';
import { modelFilePaths, resolveInsideFolder, safeFileName } from './viewerResources';
import { parseViewerState } from './viewerState';
import { WebviewTypes } from '../../common/commandIds';

export const PRODUCT_VIEWER_TYPE = WebviewTypes.productViewer;

const PNG_DATA_URL = 'data:image/png;base64,';

export interface ProductViewerOptions {
  /** Identifies the job (one panel per key), e.g. the registry's job key. */
  readonly jobKey: string;
  /** The job's download folder; the webview may load files only from there. */
  readonly folder?: vscode.Uri;
}

function panelTitle(model: ViewerModel): string {
  return model.job.name?.trim() ? `XRT: ${model.job.name.trim()}` : `XRT job ${model.job.id}`;
}

export class ProductViewerPanel {
  private static readonly panels = new Map<string, ProductViewerPanel>();

  /** What the webview reported after its last render (integration tests assert on it). */
  lastRendered: RenderedSummary | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedSummary>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    readonly jobKey: string,
    private folder: vscode.Uri | undefined,
    private model: ViewerModel,
  ) {
    ProductViewerPanel.panels.set(jobKey, this);
    this.applyOptions();
    panel.title = panelTitle(model);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'swift-activitybar.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      this.renderedEmitter,
    );
  }

  /** Shows the job's products, reusing its panel when one is open. */
  static show(context: vscode.ExtensionContext, model: ViewerModel, options: ProductViewerOptions): ProductViewerPanel {
    const existing = ProductViewerPanel.panels.get(options.jobKey);
    if (existing) {
      existing.update(model, options.folder);
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PRODUCT_VIEWER_TYPE, panelTitle(model), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: ProductViewerPanel.resourceRoots(context.extensionUri, options.folder),
    });
    return new ProductViewerPanel(panel, context.extensionUri, options.jobKey, options.folder, model);
  }

  /**
   * Brings panels back after a window reload. `reload` rebuilds the model from the stored job key and
   * folder; when it gives nothing (job removed, files deleted) the panel says so instead of staying blank.
   * Needs the `onWebviewPanel:swiftObservatory.productViewer` activation event.
   */
  static registerSerializer(context: vscode.ExtensionContext, reload: (state: ViewerWebviewState) => Promise<ViewerModel | undefined>): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PRODUCT_VIEWER_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const parsed = parseViewerState(state);
        const model = parsed ? await reload(parsed) : undefined;
        if (!parsed || !model) {
          panel.webview.options = { enableScripts: false, localResourceRoots: [] };
          panel.webview.html = ProductViewerPanel.notice('The products of this job are no longer available. Open them again from the XRT Jobs view.');
          return;
        }
        const folder = parsed.folder ? vscode.Uri.file(parsed.folder) : undefined;
        if (ProductViewerPanel.panels.has(parsed.jobKey)) {
          // The job was opened again before this panel was restored: keep one panel per job.
          panel.dispose();
          return;
        }
        void new ProductViewerPanel(panel, context.extensionUri, parsed.jobKey, folder, model);
      },
    });
  }

  /** The open panel of a job, if any. */
  static get(jobKey: string): ProductViewerPanel | undefined {
    return ProductViewerPanel.panels.get(jobKey);
  }

  /** Replaces the model (e.g. after a new download); the webview re-renders. */
  update(model: ViewerModel, folder: vscode.Uri | undefined = this.folder): void {
    this.model = model;
    if (folder?.toString() !== this.folder?.toString()) {
      this.folder = folder;
      this.applyOptions();
      // New resource roots take effect on a fresh document.
      this.ready = false;
      this.panel.webview.html = this.html();
    }
    this.panel.title = panelTitle(model);
    if (this.ready) void this.postModel();
  }

  dispose(): void {
    if (ProductViewerPanel.panels.get(this.jobKey) === this) ProductViewerPanel.panels.delete(this.jobKey);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private static resourceRoots(extensionUri: vscode.Uri, folder: vscode.Uri | undefined): vscode.Uri[] {
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
    if (folder) roots.push(folder);
    return roots;
  }

  private applyOptions(): void {
    this.panel.webview.options = { enableScripts: true, localResourceRoots: ProductViewerPanel.resourceRoots(this.extensionUri, this.folder) };
  }

  private state(): ViewerWebviewState {
    return this.folder ? { jobKey: this.jobKey, folder: this.folder.fsPath } : { jobKey: this.jobKey };
  }

  /** Webview URIs for the model's files that lie inside the job folder. */
  private resources(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!this.folder) return out;
    for (const p of modelFilePaths(this.model)) {
      const inside = resolveInsideFolder(this.folder.fsPath, p);
      if (inside) out[p] = this.panel.webview.asWebviewUri(vscode.Uri.file(inside)).toString();
      else log().warn(`Product viewer: ${p} is outside the job folder ${this.folder.fsPath}; not shown.`);
    }
    return out;
  }

  private async postModel(): Promise<void> {
    const message: HostMessage = { type: 'model', model: this.model, resources: this.resources(), state: this.state() };
    const delivered = await this.panel.webview.postMessage(message);
    if (!delivered) log().warn(`Product viewer: the model for job ${this.model.job.id} was not delivered (panel hidden or closed).`);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) {
      log().warn(`Product viewer: ignored a message of unknown shape: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(raw);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      log().error(`Product viewer (${raw.type}): ${text}`);
      void vscode.window.showErrorMessage(`Product viewer: ${text}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.postModel();
        return;
      case 'rendered':
        this.lastRendered = message.summary;
        this.renderedEmitter.fire(message.summary);
        return;
      case 'export-csv':
        await this.saveFile(safeFileName(message.fileName, 'lightcurve.csv'), { 'CSV files': ['csv'] }, Buffer.from(String(message.text), 'utf8'));
        return;
      case 'save-png': {
        if (typeof message.dataUrl !== 'string' || !message.dataUrl.startsWith(PNG_DATA_URL)) throw new Error('the plot image is not a PNG data URL.');
        await this.saveFile(safeFileName(message.fileName, 'lightcurve.png'), { 'PNG images': ['png'] }, Buffer.from(message.dataUrl.slice(PNG_DATA_URL.length), 'base64'));
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(String(message.text));
        vscode.window.setStatusBarMessage(`Copied ${message.what ?? 'text'} to the clipboard`, 3000);
        return;
      case 'open':
        await this.open(message);
        return;
      case 'error':
        log().error(`Product viewer webview: ${message.message}`);
        void vscode.window.showErrorMessage(String(message.message));
        return;
    }
  }

  private async saveFile(fileName: string, filters: Record<string, string[]>, content: Uint8Array): Promise<void> {
    const defaultUri = this.folder ? vscode.Uri.joinPath(this.folder, fileName) : undefined;
    const target = await vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters, saveLabel: 'Save' });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, content);
    vscode.window.setStatusBarMessage(`Saved ${target.fsPath}`, 3000);
  }

  private async open(message: Extract<WebviewMessage, { type: 'open' }>): Promise<void> {
    if (typeof message.url === 'string') {
      const uri = vscode.Uri.parse(message.url, true);
      // Only the service's web pages; never a command: or file: link from data.
      if (uri.scheme !== 'https' && uri.scheme !== 'http') throw new Error(`refusing to open ${uri.scheme}: links.`);
      await vscode.env.openExternal(uri);
      return;
    }
    if (typeof message.path !== 'string') throw new Error('an open request named neither a file nor a page.');
    const inside = this.folder ? resolveInsideFolder(this.folder.fsPath, message.path) : undefined;
    if (!inside) throw new Error(`${message.path} is not in the job's folder.`);
    const uri = vscode.Uri.file(inside);
    // Archives and FITS files are binary: show them in the OS file manager rather than as text.
    if (/\.(gz|tar|fits?|img|zip)$/i.test(inside)) await vscode.commands.executeCommand('revealFileInOS', uri);
    else await vscode.commands.executeCommand('vscode.open', uri);
  }

  private html(): string {
    return webviewHtml({
      webview: this.panel.webview,
      extensionUri: this.extensionUri,
      bundle: 'productViewer.main',
      title: 'XRT products',
      placeholder: '<main id="app"><p>Loading products…</p></main>',
    });
  }

  /** A static page (no script) for a panel that cannot be restored. */
  private static notice(text: string): string {
    const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
    return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
  }
}
