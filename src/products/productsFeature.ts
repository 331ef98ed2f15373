// The product side, wiring only: registers the commands of ./commands (Download Products, View Products,
// Open in Swift Product Viewer) from one deps object, the viewer's return after a window reload, and the
// background download of campaign jobs (./campaign).
// Download, extraction, file reading, model building and the panel have their own modules
// (./download, ./files, ./model, ./viewer). From the XRT feature it takes only the job registry.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { registerCommandTable } from '../common/commandTable';
import { readSettings } from '../config';
import { extensionVersion } from '../common/extensionManifest';
import { extensionUserAgent } from '../http/userAgent';
import type { ViewerWebviewState } from '../shared/viewerProtocol';
import type { ViewerModel } from '../shared/viewModel';
import { XrtClient } from '../xrt/client';
import { RebinClient } from '../xrt/rebin/rebinClient';
import type { JobRecord } from '../xrt/jobs/jobRecord';
import type { JobRegistry } from '../xrt/jobs/jobRegistry';
import { PRODUCT_COMMANDS } from './commands';
import type { ProductsDeps } from './commands/deps';
import { withCancellableProgress } from '../common/cancellableProgress';
import { restoredModel } from './commands/viewerModels';
import { resolveDownloadRoot } from './download/downloadRoot';
import { downloadProducts } from './download/productDownload';
import { CampaignDownloader } from './campaign/campaignDownloader';
import { folderKey, jobKey } from './viewer/viewerKeys';
import { ProductViewerPanel } from './viewer/viewerPanel';
import { CampaignResultsPanels, type CampaignResultsPage } from './campaign/campaignResultsPanel';
import { campaignResultsSource } from './campaign/campaignResultsSource';

export type { DownloadOptions, DownloadOutcome, ViewOutcome } from './commands/deps';

export interface ProductsFeatureApi {
  /** The open viewer panel of a key (see `jobKey`, `folderKey`), if any. */
  viewer(key: string): ProductViewerPanel | undefined;
  jobKey(jobId: string): string;
  folderKey(folder: string): string;
  /** What the panel serializer calls after a window reload: the model rebuilt from the stored state. */
  reload(state: ViewerWebviewState): Promise<ViewerModel | undefined>;
  /** Shows a model in a viewer panel (tests use it to show crafted models). */
  show(model: ViewerModel, key: string, folder?: string): ProductViewerPanel;
  /** What the open results table of a campaign file (a URI string) drew last, if it is open. */
  campaignTable(campaign: string): Pick<CampaignResultsPage, 'lastRendered' | 'onDidRender' | 'openSource'> | undefined;
}

/** `jobs`: the XRT job registry, whose jobs' products are downloaded and shown. */
export function activateProducts(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, jobs: JobRegistry): ProductsFeatureApi {
  const userAgent = extensionUserAgent(extensionVersion(context.extension));
  const show = (model: ViewerModel, key: string, folder?: string): ProductViewerPanel =>
    ProductViewerPanel.show(context, model, { jobKey: key, ...(folder ? { folder: vscode.Uri.file(folder) } : {}) });

  const clientFor = (job: JobRecord): XrtClient =>
    new XrtClient({ baseUrl: job.serviceUrl, userId: job.userId, timeoutMs: readSettings().requestTimeoutSeconds * 1000, userAgent });
  const campaignTables = new CampaignResultsPanels(context.extensionUri, log, campaignResultsSource(jobs, clientFor));
  context.subscriptions.push(
    campaignTables,
    // A job's progress or download changes its campaign's rows.
    jobs.onDidChange(() => campaignTables.changed()),
  );

  // Campaign jobs' products, downloaded into their sources' folders as they finish (and at once for
  // those that finished while VS Code was closed).
  const campaignDownloads = new CampaignDownloader({
    jobs,
    download: downloadProducts,
    pathOf: (uri) => {
      const parsed = vscode.Uri.parse(uri);
      return parsed.scheme === 'file' ? parsed.fsPath : undefined;
    },
    ui: {
      withWindowProgress: (title, task) =>
        Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (progress) => task(progress))),
      showInformationMessage: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
      showWarningMessage: (message, ...items) => vscode.window.showWarningMessage(message, ...items),
      revealInFileExplorer: (folder) => void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(folder)),
      showLog: () => log.show(),
    },
    log,
    timeoutMs: () => readSettings().requestTimeoutSeconds * 1000,
    userAgent,
    extensionVersion: extensionVersion(context.extension),
  });
  context.subscriptions.push(campaignDownloads);

  const deps: ProductsDeps = {
    jobs,
    log,
    window: vscode.window,
    settings: readSettings,
    userAgent,
    clientFor,
    rebinClientFor: (url) => new RebinClient({ url, timeoutMs: readSettings().requestTimeoutSeconds * 1000, userAgent }),
    downloadRoot: async () => {
      const resolved = resolveDownloadRoot(readSettings().downloadFolder, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, os.homedir());
      if (resolved) return resolved;
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: 'Download Here',
        title: 'Folder for downloaded XRT products (no workspace folder is open)',
      });
      return picked?.[0]?.fsPath;
    },
    downloadArchive: downloadProducts,
    campaignDownloads,
    withCancellableProgress,
    viewer: { isOpen: (key) => ProductViewerPanel.get(key) !== undefined, show },
    executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
    revealInFileExplorer: (folder) => void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(folder)),
    campaignResults: {
      activeFile: () => vscode.window.activeTextEditor?.document.uri.toString(),
      show: async (campaign) => void (await campaignTables.show(vscode.Uri.parse(campaign, true))),
    },
  };
  const reload = (state: ViewerWebviewState): Promise<ViewerModel | undefined> => restoredModel(deps, state);

  context.subscriptions.push(ProductViewerPanel.registerSerializer(context, reload), ...registerCommandTable(PRODUCT_COMMANDS, deps));
  campaignDownloads.start();

  return {
    viewer: (key) => ProductViewerPanel.get(key),
    jobKey,
    folderKey,
    reload,
    show,
    campaignTable: (campaign) => campaignTables.get(vscode.Uri.parse(campaign, true)),
  };
}
