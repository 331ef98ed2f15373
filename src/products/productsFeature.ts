// The product side: the commands Download Products, View Products and Open in Swift Product Viewer, and
// the viewer's return after a window reload. Download, extraction, file reading, model building and the
// panel each have their own module (./download, ./files, ./model, ./viewer); this file holds the commands'
// behaviour between them: choosing the job and product, the download folder and progress, which folder
// and replies a model is built from, and the messages the user sees.
import { readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../config';
import { describeError, isServiceError } from '../http/errors';
import type { JobRecord } from '../xrt/jobs/jobRecord';
import type { XrtTreeNode } from '../xrt/views/xrtJobsTree';
import { XrtClient } from '../xrt/client';
import { isProductCode, productByCode, STATUS_COMPLETE, type ProductCode } from '../xrt/productCodes';
import type { XrtFeatureApi } from '../xrt/xrtFeature';
import type { ArchiveStem } from './download/download';
import { resolveDownloadRoot } from './download/downloadRoot';
import { fetchJobProducts } from './model/jobProducts';
import { lightCurveDatasets } from './files/lightCurveFiles';
import { modelFromFolder, modelFromJobData, modelFromLightCurveFile } from './model/modelBuilder';
import { isProductParseError } from './files/parseError';
import { ProductCommands } from '../common/commandIds';
import { downloadProducts, ProductArchiveError, type ProductDownloadResult } from './download/productDownload';
import { readProductFolder, type ProductFolderSummary } from './files/productFolder';
import { progressMessage, progressPercent } from './download/progressText';
import { parseQdp } from './files/qdp';
import type { ViewerModel } from '../shared/viewModel';
import { ProductViewerPanel } from './viewer/viewerPanel';
import type { ViewerWebviewState } from '../shared/viewerProtocol';

/** Panel keys: one viewer per job, per folder or per file opened on its own. */
const JOB_KEY = 'xrt-job:';
const FOLDER_KEY = 'folder:';
const FILE_KEY = 'file:';

export type DownloadOutcome =
  | { readonly kind: 'downloaded'; readonly jobId: string; readonly folder: string; readonly files: number; readonly refused: readonly { path: string; reason: string }[] }
  | { readonly kind: 'failed'; readonly jobId: string; readonly message: string }
  | { readonly kind: 'cancelled'; readonly jobId: string }
  | { readonly kind: 'nothing'; readonly message: string };

export type ViewOutcome = { readonly kind: 'shown'; readonly jobKey: string; readonly sections: readonly string[]; readonly problems: number } | { readonly kind: 'nothing'; readonly message: string };

/** Options commands accept when run programmatically (tests); menus never pass them. */
export interface DownloadOptions {
  /** Download into this folder instead of the setting's. */
  readonly downloadRoot?: string;
}

export interface ProductsFeatureApi {
  /** The open viewer panel of a key (see `jobKey`, `folderKey`), if any. */
  viewer(key: string): ProductViewerPanel | undefined;
  jobKey(jobId: string): string;
  folderKey(folder: string): string;
  /** What the panel serializer calls after a window reload: the model rebuilt from the stored state. */
  reload(state: ViewerWebviewState): Promise<ViewerModel | undefined>;
  /** Shows a model in a viewer panel (tests use it to show crafted models). */
  show(model: ViewerModel, key: string, folder?: string): ProductViewerPanel;
}

export function activateProducts(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, xrt: XrtFeatureApi): ProductsFeatureApi {
  const userAgent = `swift-observatory-vscode/${String(context.extension.packageJSON.version)}`;
  const registry = xrt.registry;
  /** Running downloads by job and archive, so a second click joins the first instead of racing it. */
  const running = new Map<string, Promise<DownloadOutcome>>();

  const clientFor = (job: JobRecord): XrtClient =>
    new XrtClient({ baseUrl: job.serviceUrl, userId: job.userId, timeoutMs: readSettings().requestTimeoutSeconds * 1000, userAgent });

  const completeProducts = (job: JobRecord): ProductCode[] => Object.entries(job.products).filter(([code, s]) => isProductCode(code) && s.statusCode === STATUS_COMPLETE).map(([code]) => code as ProductCode);

  const jobOf = async (arg: unknown, purpose: string): Promise<{ job: JobRecord; product?: ProductCode } | undefined> => {
    if (typeof arg === 'string') {
      const job = registry.get(arg);
      return job ? { job } : undefined;
    }
    const node = arg as Partial<XrtTreeNode> | undefined;
    if (node && typeof node.jobId === 'string') {
      const job = registry.get(node.jobId);
      if (!job) return undefined;
      const product = node.kind === 'product' && typeof node.product === 'string' && isProductCode(node.product) ? node.product : undefined;
      return product ? { job, product } : { job };
    }
    const candidates = registry.all().filter((j) => completeProducts(j).length > 0);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('No XRT job has finished products yet.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      candidates.map((j) => ({ label: j.name || `Job ${j.jobId}`, description: `job ${j.jobId}`, detail: completeProducts(j).map((c) => productByCode(c).label).join(', '), job: j })),
      { title: purpose, placeHolder: 'Choose an XRT job' },
    );
    return pick ? { job: pick.job } : undefined;
  };

  const downloadRoot = async (): Promise<string | undefined> => {
    const resolved = resolveDownloadRoot(readSettings().downloadFolder, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, os.homedir());
    if (resolved) return resolved;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Download Here', title: 'Folder for downloaded XRT products (no workspace folder is open)' });
    return picked?.[0]?.fsPath;
  };

  async function download(arg?: unknown, _nodes?: unknown, options?: DownloadOptions): Promise<DownloadOutcome> {
    const target = await jobOf(arg, 'Download XRT Products');
    if (!target) return { kind: 'nothing', message: 'no job chosen' };
    const { job, product } = target;
    const stem: ArchiveStem = product ?? 'all';
    if (completeProducts(job).length === 0 || (product && job.products[product]?.statusCode !== STATUS_COMPLETE)) {
      const message = `${product ? productByCode(product).label : 'No product'} of ${job.name} (XRT job ${job.jobId}) is ${product ? 'not complete' : 'complete'} yet; there is nothing to download.`;
      void vscode.window.showWarningMessage(message);
      return { kind: 'nothing', message };
    }
    const root = options?.downloadRoot ?? (await downloadRoot());
    if (!root) return { kind: 'nothing', message: 'no download folder chosen' };
    const key = `${job.jobId}/${stem}`;
    const existing = running.get(key);
    if (existing) return existing;
    const work = runDownload(job, stem, root).finally(() => running.delete(key));
    running.set(key, work);
    return work;
  }

  async function runDownload(job: JobRecord, stem: ArchiveStem, root: string): Promise<DownloadOutcome> {
    const what = stem === 'all' ? 'products' : productByCode(stem).label.toLowerCase();
    let result: ProductDownloadResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Downloading the ${what} of ${job.name} (XRT job ${job.jobId})`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          let shownPercent = 0;
          try {
            return await downloadProducts({
              jobId: job.jobId,
              jobName: job.name,
              jobUrl: job.url,
              stem,
              downloadRoot: root,
              timeoutMs: readSettings().requestTimeoutSeconds * 1000,
              userAgent,
              signal: controller.signal,
              onProgress: (p) => {
                const percent = progressPercent(p);
                const increment = percent === undefined ? undefined : Math.max(0, percent - shownPercent);
                if (percent !== undefined) shownPercent = percent;
                progress.report({ message: progressMessage(p), ...(increment ? { increment } : {}) });
              },
            });
          } finally {
            subscription.dispose();
          }
        },
      );
    } catch (error) {
      if (isServiceError(error) && error.kind === 'cancelled') {
        log.info(`Download of ${stem}.tar.gz of XRT job ${job.jobId} cancelled.`);
        void vscode.window.showInformationMessage(`Download cancelled: the ${what} of ${job.name} (XRT job ${job.jobId}) were not kept.`);
        return { kind: 'cancelled', jobId: job.jobId };
      }
      const message = `Could not download the ${what} of ${job.name} (XRT job ${job.jobId}): ${describeError(error)}`;
      log.error(message);
      if (error instanceof ProductArchiveError) for (const r of error.refused) log.warn(`  refused ${r.path}: ${r.reason}`);
      void vscode.window.showErrorMessage(message);
      return { kind: 'failed', jobId: job.jobId, message };
    }

    await registry.update(job.jobId, (j) => ({ ...j, downloadFolder: result.folder }));
    log.info(`Downloaded ${stem}.tar.gz of XRT job ${job.jobId} (${result.archiveBytes} bytes, ${result.written.length} files) into ${result.folder}.`);
    if (result.refused.length > 0) {
      for (const r of result.refused) log.warn(`Download of XRT job ${job.jobId}: refused ${r.path}: ${r.reason}`);
      void vscode.window.showWarningMessage(`${result.refused.length} entr${result.refused.length === 1 ? 'y' : 'ies'} of ${stem}.tar.gz (XRT job ${job.jobId}) were not unpacked because they were unsafe; see the Swift Observatory log.`, 'Show Log').then((c) => {
        if (c === 'Show Log') log.show();
      });
    } else {
      void vscode.window.showInformationMessage(`The ${what} of ${job.name} (XRT job ${job.jobId}) are in ${result.folder}.`, 'View', 'Reveal in File Explorer').then((c) => {
        if (c === 'View') void vscode.commands.executeCommand(ProductCommands.view, job.jobId);
        if (c === 'Reveal in File Explorer') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(result.folder));
      });
    }
    // An open viewer of this job gains the downloaded images and plots.
    if (ProductViewerPanel.get(jobKey(job.jobId))) void view(job.jobId).catch((error: unknown) => log.warn(`Refreshing the viewer of XRT job ${job.jobId}: ${describeError(error)}`));
    return { kind: 'downloaded', jobId: job.jobId, folder: result.folder, files: result.written.length, refused: result.refused };
  }

  /** The summary of a job's downloaded folder, when it is still there. */
  async function downloadedFolder(folder: string | undefined): Promise<ProductFolderSummary | undefined> {
    if (!folder) return undefined;
    const isDir = await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) {
      log.info(`The download folder ${folder} is gone; showing the service's data only.`);
      return undefined;
    }
    return readProductFolder(folder);
  }

  async function jobModel(job: JobRecord, folderPath: string | undefined, signal?: AbortSignal): Promise<ViewerModel> {
    const products = completeProducts(job);
    const [data, folder] = await Promise.all([fetchJobProducts(clientFor(job), job.jobId, products, signal), downloadedFolder(folderPath)]);
    const model = modelFromJobData(job, data, folder);
    const needFiles = products.filter((p) => p === 'image').length > 0 && !model.image;
    return needFiles ? { ...model, problems: [...model.problems, { severity: 'info', product: 'image', message: 'Images are shown once the products are downloaded (Download Products).' }] } : model;
  }

  async function view(arg?: unknown): Promise<ViewOutcome> {
    const target = await jobOf(arg, 'View XRT Products');
    if (!target) return { kind: 'nothing', message: 'no job chosen' };
    const { job } = target;
    if (completeProducts(job).length === 0 && !job.downloadFolder) {
      const message = `No product of ${job.name} (XRT job ${job.jobId}) is complete yet.`;
      void vscode.window.showInformationMessage(message);
      return { kind: 'nothing', message };
    }
    const model = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading the products of ${job.name} (XRT job ${job.jobId})…`, cancellable: true }, (_p, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return jobModel(job, job.downloadFolder, controller.signal).finally(() => subscription.dispose());
    });
    return showModel(model, jobKey(job.jobId), job.downloadFolder);
  }

  function showModel(model: ViewerModel, key: string, folder: string | undefined): ViewOutcome {
    for (const p of model.problems) log.warn(`Product viewer (${model.job.id}): ${p.product ? `${p.product}: ` : ''}${p.message}`);
    show(model, key, folder);
    const sections = (['lightCurve', 'spectrum', 'positions', 'image', 'sourceDetection'] as const).filter((s) => model[s] !== undefined);
    return { kind: 'shown', jobKey: key, sections, problems: model.problems.length };
  }

  function show(model: ViewerModel, key: string, folder?: string): ProductViewerPanel {
    return ProductViewerPanel.show(context, model, { jobKey: key, ...(folder ? { folder: vscode.Uri.file(folder) } : {}) });
  }

  async function singleFileModel(file: string): Promise<ViewerModel> {
    const text = await readFile(file, 'utf8');
    const name = path.basename(file);
    const parsed = parseQdp(text, name);
    const { datasets } = lightCurveDatasets(parsed, name);
    return modelFromLightCurveFile({ file: name, tables: parsed.tables, datasets }, name);
  }

  /** Explorer: a job folder (or the folder holding one), or a single QDP light curve. */
  async function openInViewer(uri?: vscode.Uri): Promise<ViewOutcome> {
    const target = uri instanceof vscode.Uri ? uri : (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, filters: { 'QDP light curves': ['qdp'] }, openLabel: 'Open in Viewer' }))?.[0];
    if (!target) return { kind: 'nothing', message: 'nothing chosen' };
    const fsPath = target.fsPath;
    try {
      const info = await stat(fsPath);
      if (info.isFile()) {
        if (!/\.qdp$/i.test(fsPath)) throw new Error(`${path.basename(fsPath)} is not a QDP light curve or a product folder.`);
        return showModel(await singleFileModel(fsPath), fileKey(fsPath), path.dirname(fsPath));
      }
      const summary = await readProductFolder(fsPath);
      if (summary.products.length === 0) {
        const message = summary.problems[0]?.message ?? `No XRT products in ${fsPath}.`;
        void vscode.window.showWarningMessage(message);
        return { kind: 'nothing', message };
      }
      const known = summary.jobId ? registry.get(summary.jobId) : undefined;
      return showModel(modelFromFolder(summary, known ?? {}), folderKey(fsPath), fsPath);
    } catch (error) {
      const message = `Could not open ${fsPath} in the product viewer: ${isProductParseError(error) ? error.message : describeError(error)}`;
      log.error(message);
      void vscode.window.showErrorMessage(message);
      return { kind: 'nothing', message };
    }
  }

  async function reload(state: ViewerWebviewState): Promise<ViewerModel | undefined> {
    try {
      if (state.jobKey.startsWith(JOB_KEY)) {
        const job = registry.get(state.jobKey.slice(JOB_KEY.length));
        if (job) return await jobModel(job, state.folder ?? job.downloadFolder);
        const folder = await downloadedFolder(state.folder);
        return folder ? modelFromFolder(folder) : undefined;
      }
      if (state.jobKey.startsWith(FOLDER_KEY)) {
        const folder = await downloadedFolder(state.jobKey.slice(FOLDER_KEY.length));
        return folder && folder.products.length > 0 ? modelFromFolder(folder, folder.jobId ? registry.get(folder.jobId) ?? {} : {}) : undefined;
      }
      if (state.jobKey.startsWith(FILE_KEY)) return await singleFileModel(state.jobKey.slice(FILE_KEY.length));
      log.warn(`Product viewer: a stored panel has an unknown key "${state.jobKey}"; it is not restored.`);
      return undefined;
    } catch (error) {
      // The serializer then shows "no longer available"; the reason belongs in the log.
      log.warn(`Product viewer: could not restore ${state.jobKey}: ${describeError(error)}`);
      return undefined;
    }
  }

  context.subscriptions.push(
    ProductViewerPanel.registerSerializer(context, reload),
    vscode.commands.registerCommand(ProductCommands.download, download),
    vscode.commands.registerCommand(ProductCommands.view, async (arg?: unknown) => {
      try {
        return await view(arg);
      } catch (error) {
        const message = `Could not show the products: ${describeError(error)}`;
        log.error(message);
        void vscode.window.showErrorMessage(message);
        return { kind: 'nothing', message } satisfies ViewOutcome;
      }
    }),
    vscode.commands.registerCommand(ProductCommands.openInViewer, openInViewer),
  );

  return { viewer: (key) => ProductViewerPanel.get(key), jobKey, folderKey, reload, show };
}

function jobKey(jobId: string): string {
  return `${JOB_KEY}${jobId}`;
}

function folderKey(folder: string): string {
  return `${FOLDER_KEY}${path.resolve(folder)}`;
}

function fileKey(file: string): string {
  return `${FILE_KEY}${path.resolve(file)}`;
}
