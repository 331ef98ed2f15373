// The campaign results table: one webview panel per campaign file (reused when shown again), rebuilt when
// the campaign's jobs or downloads change, restored after a window reload (the page keeps its campaign
// with setState). Export saves the whole table; a row opens its source's job in the product viewer. The
// webview plumbing (ready barrier, message checks, errors, rendered reports) is the shared base,
// src/views/webviewPanelHost.ts; what a row holds is built by ./campaignResults.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WebviewTypes } from '../../common/commandIds';
import { describeError } from '../../http/errors';
import type {
  CampaignResultsPageState,
  CampaignResultsRendered,
  CampaignResultsRequest,
  CampaignResultsView,
  HostToView,
} from '../../shared/campaignResultsModel';
import type { MessageSpec } from '../../views/webviewInput';
import {
  WebviewPanelHost,
  pageOptions,
  registerPanelSerializer,
  saveToFile,
  showNotice,
  type HostLog,
  type PageSpec,
} from '../../views/webviewPanelHost';

const VIEW_TYPE = WebviewTypes.campaignResults;
const LABEL = 'XRT campaign results';

const PAGE: PageSpec = {
  bundle: 'campaignResults.main',
  title: 'XRT campaign results',
  placeholder: '<main id="app"><p>Reading the campaign’s results…</p></main>',
};

const REQUESTS: MessageSpec<CampaignResultsRequest> = {
  openSource: { sourceId: 'string' },
  export: { format: ['csv', 'json'] },
};

/** What the panels need from the rest of the extension. */
export interface CampaignResultsSource {
  /** The campaign's current results (its plan, state, jobs and downloaded products). */
  build(campaign: vscode.Uri): Promise<CampaignResultsView>;
  /** The whole table as CSV or JSON text. */
  exportText(view: CampaignResultsView, format: 'csv' | 'json'): string;
  /** Shows one source's products (its job in the product viewer). */
  openSource(view: CampaignResultsView, sourceId: string): Promise<void>;
}

/** How long changes are gathered before the open tables are rebuilt (a campaign's jobs change in bursts). */
const REBUILD_DELAY_MS = 500;

export class CampaignResultsPage extends WebviewPanelHost<HostToView, CampaignResultsRequest, CampaignResultsRendered> {
  private view: CampaignResultsView | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    log: HostLog,
    readonly campaign: vscode.Uri,
    private readonly source: CampaignResultsSource,
  ) {
    super(panel, { label: LABEL, extensionUri, log, page: PAGE, icon: ['media', 'icon.png'], messages: REQUESTS });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Reads the results again and sends them; a failure keeps the last table and says why. */
  async rebuild(): Promise<void> {
    try {
      this.view = await this.source.build(this.campaign);
    } catch (error) {
      this.reportError('reading the results', error);
      return;
    }
    this.panel.title = `Results: ${this.view.campaign.replace(/\.xrt-campaign\.json$/i, '')}`;
    this.publish();
  }

  /** What a row's Open button asks for: that source's products in the product viewer. */
  async openSource(sourceId: string): Promise<void> {
    if (this.view) await this.source.openSource(this.view, sourceId);
  }

  protected snapshot(): HostToView {
    const view = this.view ?? { campaign: path.basename(this.campaign.fsPath), columns: [], rows: [], readAt: new Date().toISOString() };
    return { type: 'results', view, campaignUri: this.campaign.toString(), ...(this.view ? {} : { reading: true as const }) };
  }

  protected async handle(message: CampaignResultsRequest): Promise<void> {
    const view = this.view;
    if (!view) return;
    if (message.type === 'openSource') return this.openSource(message.sourceId);
    const stem = view.campaign.replace(/\.xrt-campaign\.json$/i, '');
    const content = this.source.exportText(view, message.format);
    try {
      const saved = await saveToFile({
        fileName: `${stem}-results.${message.format}`,
        folder: vscode.Uri.file(path.dirname(this.campaign.fsPath)),
        title: `Export the results of ${view.campaign}`,
        filters: message.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        content,
      });
      if (saved) void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(saved)}.`);
    } catch (error) {
      throw new Error(`Could not save the results: ${describeError(error)}`, { cause: error });
    }
  }
}

export class CampaignResultsPanels implements vscode.Disposable {
  private readonly pages = new Map<string, CampaignResultsPage>();
  private readonly serializer: vscode.Disposable;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly source: CampaignResultsSource,
  ) {
    this.serializer = registerPanelSerializer(VIEW_TYPE, LABEL, log, async (panel, saved) => {
      const uri = restoredCampaign(saved, log);
      if (!uri) {
        showNotice(panel, 'This campaign results table could not be restored. Open it again from the campaign in the XRT Jobs view.');
        return;
      }
      await this.attach(panel, uri).rebuild();
    });
  }

  /** Opens (or brings forward) the table of `campaign` with its current results. */
  async show(campaign: vscode.Uri): Promise<CampaignResultsPage> {
    const existing = this.pages.get(campaign.toString());
    if (existing) {
      existing.reveal();
      await existing.rebuild();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Results: ${path.basename(campaign.fsPath).replace(/\.xrt-campaign\.json$/i, '')}`,
      vscode.ViewColumn.Active,
      { ...pageOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    const page = this.attach(panel, campaign);
    await page.rebuild();
    return page;
  }

  /** The open table of `campaign`, if any (tests read what it drew). */
  get(campaign: vscode.Uri): CampaignResultsPage | undefined {
    return this.pages.get(campaign.toString());
  }

  /** Rebuilds every open table soon (jobs or downloads changed); bursts of changes make one rebuild. */
  changed(): void {
    if (this.pages.size === 0 || this.rebuildTimer !== undefined) return;
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      for (const page of this.pages.values()) void page.rebuild();
    }, REBUILD_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.rebuildTimer);
    for (const page of [...this.pages.values()]) page.dispose();
    this.serializer.dispose();
  }

  private attach(panel: vscode.WebviewPanel, campaign: vscode.Uri): CampaignResultsPage {
    const page = new CampaignResultsPage(panel, this.extensionUri, this.log, campaign, this.source);
    const key = campaign.toString();
    this.pages.set(key, page);
    page.onDidDispose(() => {
      if (this.pages.get(key) === page) this.pages.delete(key);
    });
    return page;
  }
}

/** The campaign a restored page showed; its state is the page's (unchecked until here). */
function restoredCampaign(saved: unknown, log: HostLog): vscode.Uri | undefined {
  const uri = (saved as Partial<CampaignResultsPageState> | undefined)?.campaignUri;
  if (typeof uri !== 'string' || !uri.endsWith('.xrt-campaign.json')) return undefined;
  try {
    return vscode.Uri.parse(uri, true);
  } catch (error) {
    log.warn(`${LABEL}: the restored panel names no usable campaign (${describeError(error)}).`);
    return undefined;
  }
}
