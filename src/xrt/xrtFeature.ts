// The XRT side: builds the registry, client, poll scheduler, "XRT Jobs" tree, request diagnostics and batch
// queue (each in its own module), and itself holds the user-ID prompt, the status bar, the completion and
// failure notifications, and the behaviour of the job commands (cancel, remove, refresh, import and copy of
// old jobs, save as request, new request, count active jobs); submission is in ./submission.
import { acceptsUnattendedArguments } from '../common/unattended';
import * as vscode from 'vscode';
import { CONFIG_SECTION, readSettings } from '../config';
import { describeError, isServiceError } from '../http/errors';
import type { JobRecord } from './jobs/jobRecord';
import { isJobActive } from './jobs/jobRecord';
import { JobRegistry, type RegistryProblem } from './jobs/jobRegistry';
import { PollScheduler, type ProductStatus, type Transition } from './jobs/pollScheduler';
import { XrtJobsTreeProvider, type XrtTreeNode } from './views/xrtJobsTree';
import { XRT_API_VERSION, XrtClient, onNewerXrtApiVersion } from './client';
import { importSummary, isFirstLookAtImport, recordForOldJob, requestFromJobPars } from './jobs/recordFromReply';
import { isProductCode, isTerminal, productByCode, STATUS_COMPLETE, cancelLabel, type ProductCode } from './productCodes';
import { XrtRequestDiagnostics, isXrtRequestDocument } from './request/requestDiagnostics';
import { createRequestFile, requestFileName } from '../editing/requestFiles';
import { submitRequestFile, type SubmitDeps } from './submission/submitRequest';
import { XRT_TEMPLATES } from './request/templates';
import { ProductCommands, StatusBarItems, Views, XrtCommands } from '../common/commandIds';
import { BatchQueue } from './submission/batchQueue';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface XrtFeatureApi {
  readonly registry: JobRegistry;
  readonly scheduler: PollScheduler;
  readonly diagnostics: XrtRequestDiagnostics;
  readonly batch: BatchQueue;
  readonly tree: XrtJobsTreeProvider;
  readonly view: vscode.TreeView<XrtTreeNode>;
  /** The completion and failure notifications shown in this window, newest last (for tests and the log). */
  readonly announcements: readonly string[];
  /** Problems with the saved job list this window warned about (a damaged file kept aside, …). */
  readonly registryProblems: readonly RegistryProblem[];
}

/**
 * Options commands accept when run programmatically; menus never pass them. `confirmed` is honoured only
 * in this extension's own test runs (see acceptsUnattendedArguments), never for other extensions.
 */
export interface ProgrammaticOptions {
  /** Skip the modal confirmation (cancel, remove). */
  readonly confirmed?: boolean;
  /** Import every listed job instead of asking. */
  readonly all?: boolean;
}

export async function activateXrt(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<XrtFeatureApi> {
  const unattended = acceptsUnattendedArguments(context);
  const confirmedInAdvance = (options?: ProgrammaticOptions): boolean => unattended && options?.confirmed === true;
  const registry = await JobRegistry.open(context.globalStorageUri.fsPath, `${vscode.env.sessionId}-${process.pid}`);
  registry.watch();
  // Problems found while opening (a damaged job list) are handed to this first listener.
  const registryProblems: RegistryProblem[] = [];
  registry.onProblem((p) => {
    log.warn(p.message);
    registryProblems.push(p);
    const actions = p.keptAt ? ['Open Kept Copy', 'Show Log'] : ['Show Log'];
    void vscode.window.showWarningMessage(p.message, ...actions).then((choice) => {
      if (choice === 'Open Kept Copy' && p.keptAt) void vscode.window.showTextDocument(vscode.Uri.file(p.keptAt));
      if (choice === 'Show Log') log.show();
    });
  });

  // As xrt_prods, which warns once that an update may be advisable; here it is a log line, not a prompt.
  onNewerXrtApiVersion((version) => log.warn(`The XRT product generator speaks API version ${version}; this extension speaks ${XRT_API_VERSION}. Replies are read leniently, but an update of the extension may be advisable.`));
  context.subscriptions.push({ dispose: () => onNewerXrtApiVersion(undefined) });
  const userAgent = `swift-observatory-vscode/${String(context.extension.packageJSON.version)}`;
  const makeClient = (userId: string): XrtClient => {
    const settings = readSettings();
    return new XrtClient({
      baseUrl: settings.xrtBaseUrl,
      userId,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      userAgent,
      onDeprecationWarning: (type, message) => void vscode.window.showWarningMessage(`XRT product generator: ${message} (${type})`),
    });
  };
  /** The configured user ID, asked for once (and saved) when it is empty. */
  const ensureUserId = async (): Promise<string | undefined> => {
    const current = readSettings().xrtUserId;
    if (current) return current;
    const entered = await vscode.window.showInputBox({
      title: 'XRT product generator user ID',
      prompt: 'The e-mail address you registered and verified with the UK Swift Science Data Centre. It is saved in your user settings.',
      placeHolder: 'you@example.org',
      ignoreFocusOut: true,
      validateInput: (v) => (EMAIL.test(v.trim()) ? undefined : 'Enter the e-mail address you registered with the UKSSDC.'),
    });
    if (!entered) return undefined;
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update('xrt.userId', entered.trim(), vscode.ConfigurationTarget.Global);
    return entered.trim();
  };
  const clientForUser = async (): Promise<XrtClient | undefined> => {
    const userId = await ensureUserId();
    return userId ? makeClient(userId) : undefined;
  };
  const clientForJob = (job: JobRecord): XrtClient => makeClient(job.userId);

  const diagnostics = new XrtRequestDiagnostics();
  const tree = new XrtJobsTreeProvider(registry);
  const view = vscode.window.createTreeView(Views.xrtJobs, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });

  const scheduler = new PollScheduler({
    registry,
    baseIntervalS: () => readSettings().pollIntervalSeconds,
    isFocused: () => vscode.window.state.focused,
    fetchStatus: async (job, what, whatProg, signal) => {
      const reply = await clientForJob(job).status(job.jobId, what.filter(isProductCode), whatProg.filter(isProductCode), signal);
      const out: Record<string, ProductStatus> = {};
      for (const code of what) {
        const s = isProductCode(code) ? reply[code] : undefined;
        // A product the reply leaves out is reported as -10, as the service's own client does.
        out[code] = s ? { statusCode: s.statusCode, statusText: s.statusText, progress: s.progress } : { statusCode: -10, statusText: 'The service did not report this product' };
      }
      return out;
    },
    onTransition: (t) => announce(t),
    onError: (error, job) => log.warn(`Status check${job ? ` of XRT job ${job.jobId}` : ''} failed: ${isServiceError(error) ? error.fullText() : describeError(error)}`),
  });

  const statusBar = vscode.window.createStatusBarItem(StatusBarItems.xrtActive, vscode.StatusBarAlignment.Left, 50);
  statusBar.name = 'Swift XRT jobs';
  statusBar.command = Views.focusXrtJobs;
  const updateStatusBar = (): void => {
    const active = registry.active().length;
    statusBar.text = active > 0 ? `$(sync~spin) XRT ${active} active` : `$(pass) XRT`;
    statusBar.tooltip = active > 0 ? `${active} XRT job${active === 1 ? '' : 's'} queued or running — click to show` : 'No active XRT jobs — click to show the XRT Jobs view';
    if (registry.all().length > 0) statusBar.show();
    else statusBar.hide();
    view.badge = active > 0 ? { value: active, tooltip: `${active} active XRT job${active === 1 ? '' : 's'}` } : undefined;
  };
  updateStatusBar();

  const announcements: string[] = [];
  function announce(t: Transition): void {
    const code = t.after.statusCode;
    if (code === null || !isProductCode(t.product) || isFirstLookAtImport(t.job, t.before)) return;
    const label = productByCode(t.product).label;
    let text: string | undefined;
    if (code === STATUS_COMPLETE) {
      text = `${label} of ${t.job.name} (XRT job ${t.job.jobId}) is ready.`;
      void vscode.window.showInformationMessage(text, 'View', 'Download', 'Open Web Page', 'Show').then((c) => act(c, t.job, t.product));
    } else if (code < 0 && code !== -4) {
      text = `${label} of ${t.job.name} (XRT job ${t.job.jobId}) failed: ${t.after.statusText || 'no product was made'}.`;
      void vscode.window.showWarningMessage(text, 'Open Web Page', 'Show').then((c) => act(c, t.job));
    }
    if (text) {
      log.info(text);
      announcements.push(text);
      if (announcements.length > 200) announcements.shift();
    }
  }
  /** `product`: the one a completion notice is about; Download fetches just that product's archive. */
  function act(choice: string | undefined, job: JobRecord, product?: string): void {
    if (choice === 'Open Web Page') void vscode.env.openExternal(vscode.Uri.parse(job.url));
    if (choice === 'Show') void vscode.commands.executeCommand(Views.focusXrtJobs);
    if (choice === 'View') void vscode.commands.executeCommand(ProductCommands.view, job.jobId);
    if (choice === 'Download') void vscode.commands.executeCommand(ProductCommands.download, product ? { kind: 'product', jobId: job.jobId, product } : job.jobId);
  }

  const submitDeps: SubmitDeps = { registry, diagnostics, client: clientForUser, serviceUrl: () => readSettings().xrtBaseUrl, log };
  // While a batch waits for the active-job count to fall, it looks again at half the poll interval.
  const batch = new BatchQueue(context.globalStorageUri.fsPath, submitDeps, () => clientForUser(), () => readSettings().maxActiveJobs, log, () => Math.max(5, readSettings().pollIntervalSeconds / 2));

  const selectedJobs = (node?: XrtTreeNode, nodes?: readonly XrtTreeNode[]): JobRecord[] => {
    const chosen = nodes && nodes.length > 0 ? nodes : node ? [node] : view.selection;
    return [...new Set(chosen.map((n) => n.jobId))].map((id) => registry.get(id)).filter((j): j is JobRecord => j !== undefined);
  };
  const requestUri = (uri?: vscode.Uri): vscode.Uri | undefined => {
    if (uri instanceof vscode.Uri) return uri;
    const doc = vscode.window.activeTextEditor?.document;
    return doc && isXrtRequestDocument(doc) ? doc.uri : undefined;
  };

  context.subscriptions.push(
    diagnostics,
    tree,
    view,
    statusBar,
    scheduler,
    batch,
    { dispose: () => registry.dispose() },
    registry.onDidChange(updateStatusBar),
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) scheduler.arm();
    }),
    vscode.commands.registerCommand(XrtCommands.submit, async (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
      if (uris && uris.length > 1) return batch.enqueue(uris);
      const target = requestUri(uri);
      if (!target) {
        void vscode.window.showWarningMessage('Open an XRT request file (*.xrt.json) to submit it, or choose one in the Explorer.');
        return undefined;
      }
      const outcome = await submitRequestFile(submitDeps, target);
      if (outcome.kind === 'submitted') scheduler.arm();
      return outcome;
    }),
    vscode.commands.registerCommand(XrtCommands.submitBatch, (uri?: vscode.Uri, uris?: vscode.Uri[]) => batch.enqueue(uris && uris.length > 0 ? uris : uri ? [uri] : [])),
    vscode.commands.registerCommand(XrtCommands.refresh, async (node?: XrtTreeNode) => {
      await scheduler.refreshNow(node ? [node.jobId] : undefined);
    }),
    vscode.commands.registerCommand(XrtCommands.cancelJob, (node?: XrtTreeNode, nodes?: XrtTreeNode[], options?: ProgrammaticOptions) => cancel(selectedJobs(node, nodes), undefined, options)),
    vscode.commands.registerCommand(XrtCommands.cancelProduct, (node?: XrtTreeNode, _nodes?: XrtTreeNode[], options?: ProgrammaticOptions) => {
      const job = node ? registry.get(node.jobId) : undefined;
      if (job && node?.kind === 'product' && isProductCode(node.product)) return cancel([job], [node.product], options);
      return undefined;
    }),
    vscode.commands.registerCommand(XrtCommands.openWebPage, (node?: XrtTreeNode) => {
      const job = selectedJobs(node)[0];
      if (job) void vscode.env.openExternal(vscode.Uri.parse(job.url));
    }),
    vscode.commands.registerCommand(XrtCommands.removeJob, async (node?: XrtTreeNode, nodes?: XrtTreeNode[], options?: ProgrammaticOptions) => {
      const jobs = selectedJobs(node, nodes);
      if (jobs.length === 0) return;
      const active = jobs.filter(isJobActive);
      if (active.length > 0 && !confirmedInAdvance(options)) {
        const ok = await vscode.window.showWarningMessage(
          `${active.length} of these jobs are still running on the service. Removing them from the list does not cancel them.`,
          { modal: true },
          'Remove from List',
        );
        if (ok !== 'Remove from List') return;
      }
      await registry.remove(jobs.map((j) => j.jobId));
    }),
    vscode.commands.registerCommand(XrtCommands.saveAsRequest, async (node?: XrtTreeNode) => {
      const job = selectedJobs(node)[0];
      if (!job) return undefined;
      const pars = Object.keys(job.jobPars).length > 0 ? job.jobPars : await fetchOldJobPars(job);
      if (!pars) return undefined;
      const near = job.requestFile ? vscode.Uri.parse(job.requestFile) : undefined;
      return createRequestFileFromEcho(requestFileName(job.name, `job${job.jobId}`), job.jobId, pars, near);
    }),
    vscode.commands.registerCommand(XrtCommands.importJobs, (options?: ProgrammaticOptions) => importJobs(options)),
    vscode.commands.registerCommand(XrtCommands.copyOldJob, (jobId?: string) => copyOldJob(jobId)),
    vscode.commands.registerCommand(XrtCommands.countActiveJobs, async () => {
      const client = await clientForUser();
      if (!client) return undefined;
      try {
        const { numJobs } = await client.countActiveJobs();
        void vscode.window.showInformationMessage(`The XRT product generator has ${numJobs} active job${numJobs === 1 ? '' : 's'} (queued or running) for ${client.userId}.`);
        return numJobs;
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not count your active jobs: ${describeError(error)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(XrtCommands.newRequest, async (templateId?: string) => {
      const template = XRT_TEMPLATES.find((t) => t.id === templateId) ?? (await vscode.window.showQuickPick(XRT_TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })), { title: 'New XRT Product Request', placeHolder: 'Start from…' }))?.template;
      if (!template) return undefined;
      const userId = await ensureUserId();
      return createRequestFile(requestFileName(String(template.body.name), template.id), userId ? { UserID: userId, ...template.body } : template.body);
    }),
    vscode.commands.registerCommand(XrtCommands.setUserId, async () => {
      const current = readSettings().xrtUserId;
      const entered = await vscode.window.showInputBox({ title: 'XRT product generator user ID', value: current, ignoreFocusOut: true, validateInput: (v) => (EMAIL.test(v.trim()) ? undefined : 'Enter the e-mail address you registered with the UKSSDC.') });
      if (entered) await vscode.workspace.getConfiguration(CONFIG_SECTION).update('xrt.userId', entered.trim(), vscode.ConfigurationTarget.Global);
    }),
  );

  async function cancel(jobs: JobRecord[], products: ProductCode[] | undefined, options?: ProgrammaticOptions): Promise<void> {
    for (const job of jobs) {
      const what = (products ?? Object.keys(job.products).filter(isProductCode)).filter((p) => isProductCode(p) && !isTerminal(job.products[p]?.statusCode ?? null));
      if (what.length === 0) continue;
      const names = what.map((p) => productByCode(p).label.toLowerCase()).join(', ');
      if (!confirmedInAdvance(options)) {
        const action = products ? 'Cancel Product' : 'Cancel Job';
        const ok = await vscode.window.showWarningMessage(`Cancel the ${names} of ${job.name} (XRT job ${job.jobId})?`, { modal: true }, { title: action }, { title: 'Keep Running', isCloseAffordance: true });
        if (ok?.title !== action) continue;
      }
      try {
        const reply = await clientForJob(job).cancel(job.jobId, what);
        const report = what.map((p) => `${productByCode(p).label}: ${reply.status[p] ?? cancelLabel(reply.statusCodes[p] ?? 4)}`);
        log.info(`Cancel XRT job ${job.jobId}: ${report.join('; ')}`);
        void vscode.window.showInformationMessage(`XRT job ${job.jobId}: ${report.join('; ')}`);
        await scheduler.refreshNow([job.jobId]);
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not cancel XRT job ${job.jobId}: ${describeError(error)}`);
      }
    }
  }

  async function fetchOldJobPars(job: JobRecord): Promise<Record<string, unknown> | undefined> {
    try {
      const reply = await clientForJob(job).copyOldJob(job.jobId);
      return reply.jobPars as Record<string, unknown>;
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not fetch the parameters of XRT job ${job.jobId}: ${describeError(error)}`);
      return undefined;
    }
  }

  async function importJobs(options?: ProgrammaticOptions): Promise<number> {
    const client = await clientForUser();
    if (!client) return 0;
    let listed;
    try {
      listed = await client.listOldJobs();
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not list your XRT jobs: ${describeError(error)}`);
      return 0;
    }
    const jobs = listed.jobs;
    reportSkippedRecords(listed.skipped);
    const candidates = jobs.filter((j) => j.hasProd && !registry.get(String(j.JobID)));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(jobs.length === 0 ? 'The service has no jobs of yours.' : 'All your jobs that still have products are already in the list.');
      return 0;
    }
    const items = candidates.map((j) => ({ label: j.Name || `Job ${j.JobID}`, description: `job ${j.JobID}`, detail: j.DateSubmitted ? `submitted ${j.DateSubmitted} UTC` : 'submission date not given', picked: true, job: j }));
    const picks = options?.all ? items : await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Import My XRT Jobs', placeHolder: 'Jobs whose products can still be downloaded' });
    if (!picks || picks.length === 0) return 0;
    const settings = readSettings();
    // Each job's URL and full product list come from getOldProduct, one job at a time (as the
    // official client's copyOldJob does); a job it cannot describe is not imported.
    const records: JobRecord[] = [];
    const failed: string[] = [];
    for (const pick of picks) {
      try {
        const copy = await client.copyOldJob(pick.job.JobID);
        records.push(recordForOldJob(pick.job, { URL: copy.URL, jobPars: copy.jobPars as Record<string, unknown> }, client.userId, settings.xrtBaseUrl, Date.now()));
      } catch (error) {
        failed.push(`job ${pick.job.JobID}: ${describeError(error)}`);
        log.warn(`Could not import XRT job ${pick.job.JobID}: ${isServiceError(error) ? error.fullText() : describeError(error)}`);
      }
    }
    if (records.length > 0) await registry.add(...records);
    // The first look, at once, so the one summary below can say what the old products are.
    await scheduler.refreshNow(records.map((r) => r.jobId));
    const done = importSummary(records.map((r) => registry.get(r.jobId) ?? r));
    if (failed.length > 0) void vscode.window.showWarningMessage(`${done} ${failed.length} could not be imported: ${failed.join('; ')}`);
    else void vscode.window.showInformationMessage(done);
    return records.length;
  }

  async function copyOldJob(jobIdArg?: string): Promise<vscode.TextEditor | undefined> {
    const client = await clientForUser();
    if (!client) return undefined;
    let jobId = jobIdArg;
    if (!jobId) {
      try {
        const { jobs, skipped } = await client.listOldJobs();
        reportSkippedRecords(skipped);
        const pick = await vscode.window.showQuickPick(
          jobs.map((j) => ({ label: j.Name || `Job ${j.JobID}`, description: `job ${j.JobID}`, detail: j.DateSubmitted ? `submitted ${j.DateSubmitted} UTC` : 'submission date not given', id: String(j.JobID) })),
          { title: 'Copy an Old XRT Job into a New Request' },
        );
        jobId = pick?.id;
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not list your XRT jobs: ${describeError(error)}`);
        return undefined;
      }
    }
    if (!jobId) return undefined;
    try {
      const reply = await client.copyOldJob(jobId);
      const pars = reply.jobPars as Record<string, unknown>;
      if (Object.keys(pars).length === 0) {
        void vscode.window.showErrorMessage(`The XRT product generator sent no parameters for job ${jobId}, so there is nothing to copy.`);
        return undefined;
      }
      return await createRequestFileFromEcho(requestFileName(String(pars.name ?? `job ${jobId}`), `copy-of-${jobId}`), jobId, pars);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not copy XRT job ${jobId}: ${describeError(error)}`);
      return undefined;
    }
  }

  /** A request file repeating a job; what normalising the service's echo changed is said once. */
  async function createRequestFileFromEcho(fileName: string, jobId: string, jobPars: Readonly<Record<string, unknown>>, near?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
    const { request, notes } = requestFromJobPars(jobPars);
    const editor = await createRequestFile(fileName, request, near);
    if (notes.length > 0) {
      log.info(`Request file from XRT job ${jobId}: ${notes.join(' ')}`);
      void vscode.window.showInformationMessage(`The request was made from the parameters of XRT job ${jobId}. ${notes.join(' ')}`);
    }
    return editor;
  }

  /** Records of a list reply that could not be read: one log line each and one note for the user. */
  function reportSkippedRecords(skipped: readonly string[]): void {
    if (skipped.length === 0) return;
    for (const note of skipped) log.warn(`XRT job list: ${note}`);
    void vscode.window.showWarningMessage(`${skipped.length} record${skipped.length === 1 ? '' : 's'} in the XRT product generator's job list could not be read and ${skipped.length === 1 ? 'was' : 'were'} skipped; see the Swift Observatory log.`);
  }

  // Resume polling of unfinished jobs from an earlier session (finished ones are never polled again).
  scheduler.arm();
  void batch.resume();
  return { registry, scheduler, diagnostics, batch, announcements, registryProblems, tree, view };
}
