// Extension-side host of the product viewer: one webview panel per job (reused when opened again),
// restored after a window reload, answering the webview's requests (save dialogs, clipboard, opening
// files and pages). The webview plumbing (ready barrier, message checks, errors, rendered reports) is
// the shared base, src/views/webviewPanelHost.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from '../../log';
import { WebviewTypes, XrtCommands } from '../../common/commandIds';
import type { FluxUnit } from '../../shared/fluxUnits/pointConversion';
import type { ViewerModel } from '../../shared/viewModel';
import type { HostToView, RenderedSummary, ViewerRequest, ViewerWebviewState } from '../../shared/viewerProtocol';
import { safeFileName, type MessageSpec } from '../../views/webviewInput';
import {
  WebviewPanelHost,
  openExternalSafely,
  pageOptions,
  registerPanelSerializer,
  saveToFile,
  showNotice,
  type PageSpec,
} from '../../views/webviewPanelHost';
import { FitController } from './fitController';
import type { FitOutcome } from './fitRunner';
import { fitFileFor } from './fitStore';
import { subjectOfKey } from './viewerKeys';
import { modelFilePaths, resolveInsideFolder } from './viewerResources';
import { parseViewerState } from './viewerState';

const PRODUCT_VIEWER_TYPE = WebviewTypes.productViewer;

const LABEL = 'Product viewer';
const PNG_DATA_URL = 'data:image/png;base64,';

const PAGE: PageSpec = {
  bundle: 'productViewer.main',
  title: 'XRT products',
  placeholder: '<main id="app"><p>Loading products…</p></main>',
};

const VIEWER_REQUESTS: MessageSpec<ViewerRequest> = {
  exportCsv: { fileName: 'string', text: 'string' },
  savePng: { fileName: 'string', dataUrl: 'string' },
  copy: { text: 'string', what: 'string?' },
  openFile: { path: 'string' },
  openUrl: { url: 'string' },
  fit: { requestId: 'number', choice: 'object' },
  cancelFit: { requestId: 'number' },
  rebinLightCurve: {},
};

interface ProductViewerOptions {
  /** Identifies the job (one panel per key), e.g. the registry's job key. */
  readonly jobKey: string;
  /** The job's download folder; the webview may load files only from there. */
  readonly folder?: vscode.Uri;
}

function panelTitle(model: ViewerModel): string {
  return model.job.name?.trim() ? `XRT: ${model.job.name.trim()}` : `XRT job ${model.job.id}`;
}

/** Besides the bundles: the extension's media folder and the job's folder. */
function resourceRoots(extensionUri: vscode.Uri, folder: vscode.Uri | undefined): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), ...(folder ? [folder] : [])];
}

export class ProductViewerPanel extends WebviewPanelHost<HostToView, ViewerRequest, RenderedSummary> {
  private static readonly panels = new Map<string, ProductViewerPanel>();
  private readonly fits: FitController;

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    readonly jobKey: string,
    private folder: vscode.Uri | undefined,
    private model: ViewerModel,
    private readonly storageDir: string,
  ) {
    super(panel, {
      label: LABEL,
      extensionUri,
      log: log(),
      page: PAGE,
      icon: ['media', 'swift-activitybar.svg'],
      resourceRoots: resourceRoots(extensionUri, folder),
      messages: VIEWER_REQUESTS,
    });
    panel.title = panelTitle(model);
    this.fits = new FitController({
      model: () => this.model,
      fitFile: () => this.fitFile,
      sourceFiles: () => {
        const subject = subjectOfKey(this.jobKey);
        return subject?.kind === 'file' ? [path.basename(subject.path)] : [];
      },
      post: (message) => this.post(message),
      log: this.log,
      warnUser: (text) => void vscode.window.showWarningMessage(text),
    });
    this.register({ dispose: () => this.fits.dispose() });
    void this.fits.load();
    ProductViewerPanel.panels.set(jobKey, this);
    this.register({
      dispose: () => {
        if (ProductViewerPanel.panels.get(jobKey) === this) ProductViewerPanel.panels.delete(jobKey);
      },
    });
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
      ...pageOptions(context.extensionUri, resourceRoots(context.extensionUri, options.folder)),
      enableFindWidget: true,
    });
    return new ProductViewerPanel(panel, context.extensionUri, options.jobKey, options.folder, model, context.globalStorageUri.fsPath);
  }

  /**
   * Brings panels back after a window reload. `reload` rebuilds the model from the stored job key and
   * folder; when it gives nothing (job removed, files deleted) the panel says so instead of staying blank.
   * Needs the `onWebviewPanel:swiftObservatory.productViewer` activation event.
   */
  static registerSerializer(
    context: vscode.ExtensionContext,
    reload: (state: ViewerWebviewState) => Promise<ViewerModel | undefined>,
  ): vscode.Disposable {
    return registerPanelSerializer(PRODUCT_VIEWER_TYPE, LABEL, log(), async (panel, state) => {
      const parsed = parseViewerState(state);
      const model = parsed ? await reload(parsed) : undefined;
      if (!parsed || !model) {
        showNotice(panel, 'The products of this job are no longer available. Open them again from the XRT Jobs view.');
        return;
      }
      if (ProductViewerPanel.panels.has(parsed.jobKey)) {
        // The job was opened again before this panel was restored: keep one panel per job.
        panel.dispose();
        return;
      }
      void new ProductViewerPanel(
        panel,
        context.extensionUri,
        parsed.jobKey,
        parsed.folder ? vscode.Uri.file(parsed.folder) : undefined,
        model,
        context.globalStorageUri.fsPath,
      );
    });
  }

  /** The open panel of a job, if any. */
  static get(jobKey: string): ProductViewerPanel | undefined {
    return ProductViewerPanel.panels.get(jobKey);
  }

  /** Replaces the model (e.g. after a new download); the webview re-renders. */
  update(model: ViewerModel, folder: vscode.Uri | undefined = this.folder): void {
    this.model = model;
    this.panel.title = panelTitle(model);
    // The kept fit may belong to another folder now, or to data that changed: read it again.
    void this.fits.load();
    if (folder?.toString() !== this.folder?.toString()) {
      this.folder = folder;
      // The new page asks for the model when it is ready.
      this.loadPage(resourceRoots(this.extensionUri, folder));
      return;
    }
    this.publish();
  }

  /**
   * Shows the light curve in `unit`, as the viewer's Units select would (integration tests use it: they
   * cannot reach into the webview). Resolves false when the page is not there to receive it.
   */
  showLightCurveIn(unit: FluxUnit): Thenable<boolean> {
    const message: HostToView = { type: 'lightCurveUnit', unit };
    return this.panel.webview.postMessage(message);
  }

  /** Where this panel's light-curve fit is kept (src/products/viewer/fitStore.ts). */
  get fitFile(): string {
    return fitFileFor(this.jobKey, this.folder?.fsPath, this.storageDir);
  }

  /** Runs a fit as the Fit panel asks for it (the page's `fit` message goes here too). */
  requestFit(requestId: number, choice: unknown): Promise<FitOutcome> {
    return this.fits.fit(requestId, choice);
  }

  /** Cancels the fit of `requestId` if it runs (the page's Cancel button goes here too). */
  cancelFit(requestId: number): void {
    this.fits.cancel(requestId);
  }

  protected snapshot(): HostToView {
    return { type: 'model', model: this.model, resources: this.resources(), state: this.state(), ...this.fits.snapshot() };
  }

  protected async handle(message: ViewerRequest): Promise<void> {
    switch (message.type) {
      case 'exportCsv':
        return this.save(safeFileName(message.fileName, 'lightcurve.csv'), { 'CSV files': ['csv'] }, message.text);
      case 'savePng':
        if (!message.dataUrl.startsWith(PNG_DATA_URL)) throw new Error('the plot image is not a PNG data URL.');
        return this.save(
          safeFileName(message.fileName, 'lightcurve.png'),
          { 'PNG images': ['png'] },
          Buffer.from(message.dataUrl.slice(PNG_DATA_URL.length), 'base64'),
        );
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(`Copied ${message.what ?? 'text'} to the clipboard`, 3000);
        return;
      case 'openFile':
        return this.openFile(message.path);
      case 'openUrl':
        return openExternalSafely(message.url);
      case 'fit':
        // Its outcome is posted to the page; nothing to wait for here.
        void this.fits.fit(message.requestId, message.choice);
        return;
      case 'cancelFit':
        return this.cancelFit(message.requestId);
      case 'rebinLightCurve': {
        const subject = subjectOfKey(this.jobKey);
        if (subject?.kind === 'job') await vscode.commands.executeCommand(XrtCommands.rebinLightCurve, subject.jobId);
        return;
      }
    }
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
      else this.log.warn(`${LABEL}: ${p} is outside the job folder ${this.folder.fsPath}; not shown.`);
    }
    return out;
  }

  private async save(fileName: string, filters: Record<string, string[]>, content: Uint8Array | string): Promise<void> {
    const target = await saveToFile({ fileName, filters, content, ...(this.folder ? { folder: this.folder } : {}) });
    if (target) vscode.window.setStatusBarMessage(`Saved ${target.fsPath}`, 3000);
  }

  private async openFile(modelPath: string): Promise<void> {
    const inside = this.folder ? resolveInsideFolder(this.folder.fsPath, modelPath) : undefined;
    if (!inside) throw new Error(`${modelPath} is not in the job's folder.`);
    const uri = vscode.Uri.file(inside);
    // Archives and FITS files are binary: show them in the OS file manager rather than as text.
    if (/\.(gz|tar|fits?|img|zip)$/i.test(inside)) await vscode.commands.executeCommand('revealFileInOS', uri);
    else await vscode.commands.executeCommand('vscode.open', uri);
  }
}
