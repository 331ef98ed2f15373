// The XRT side, wiring only: builds the job registry (its problems reported by ./registryProblems), client
// factory, poll scheduler, "XRT Jobs" tree, request and campaign diagnostics and batch queue, the status bar (./statusBar)
// and the completion notices (./announcer), and registers the commands of ./commands from one deps object.
import * as vscode from 'vscode';
import { Views } from '../common/commandIds';
import { registerCommandTable } from '../common/commandTable';
import { createTreeView } from '../common/startupHandover';
import { acceptsUnattendedArguments } from '../common/unattended';
import { readSettings } from '../config';
import { describeError, isServiceError } from '../http/errors';
import { extensionVersion } from '../common/extensionManifest';
import { isXrtCampaignUri, isXrtRequestUri, requestDocuments } from '../editing/requestFiles';
import { extensionUserAgent } from '../http/userAgent';
import { JobAnnouncer } from './announcer';
import { readCampaignPlan } from './campaign/campaignDocument';
import { XrtCampaignDiagnostics } from './campaign/campaignDiagnostics';
import { readCampaignState, stateFileOf } from './campaign/campaignState';
import { XRT_API_VERSION, XrtClient, onNewerXrtApiVersion } from './client';
import { XRT_COMMANDS } from './commands';
import { campaignUri } from './commands/campaign';
import type { RunningCampaign, XrtDeps } from './commands/deps';
import type { JobRecord } from './jobs/jobRecord';
import { JobRegistry, type RegistryProblem } from './jobs/jobRegistry';
import { PollScheduler } from './jobs/pollScheduler';
import { RebinClient, rebinUrlForJob } from './rebin/rebinClient';
import { RebinPoller, rebinPollFailureText } from './rebin/rebinPoller';
import type { RebinParams } from './rebin/rebinRequest';
import { reportRegistryProblems } from './registryProblems';
import { XrtRequestDiagnostics } from './request/requestDiagnostics';
import { XrtActivityIndicator } from './statusBar';
import { BatchQueue } from './submission/batchQueue';
import type { SubmitDeps } from './submission/submitRequest';
import { ensureUserId } from './userId';
import { CampaignStates } from './views/campaignStates';
import { XrtJobsTreeProvider, type XrtTreeNode } from './views/xrtJobsTree';

/** The state file beside a campaign file (src/xrt/campaign/campaignState.ts, stateFileOf). */
const CAMPAIGN_STATE_SUFFIX = '.xrt-campaign.state.json';

export interface XrtFeatureApi {
  readonly registry: JobRegistry;
  readonly scheduler: PollScheduler;
  /** Follows the rebins of the jobs' light curves. */
  readonly rebins: RebinPoller;
  readonly diagnostics: XrtRequestDiagnostics;
  readonly batch: BatchQueue;
  readonly tree: XrtJobsTreeProvider;
  readonly view: vscode.TreeView<XrtTreeNode>;
  /** The completion and failure notifications shown in this window, newest last (for tests and the log). */
  readonly announcements: readonly string[];
  /** Problems with the saved job list this window warned about (a damaged file kept aside, …). */
  readonly registryProblems: readonly RegistryProblem[];
  /**
   * Stops this window's campaign runs and resolves once each has let go of its campaign (its state file
   * no longer names this window), so a reloaded window can run them at once instead of waiting for the
   * lease to go stale.
   */
  stopCampaigns(): Promise<void>;
}

export async function activateXrt(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<XrtFeatureApi> {
  const unattended = acceptsUnattendedArguments(context);
  const registry = await JobRegistry.open(context.globalStorageUri.fsPath, `${vscode.env.sessionId}-${process.pid}`);
  registry.watch();
  // Problems found while opening (a damaged job list) are handed to this first listener.
  const registryProblems = reportRegistryProblems(registry, log);

  // As xrt_prods, which warns once that an update may be advisable; here it is a log line, not a prompt.
  onNewerXrtApiVersion((version) =>
    log.warn(
      `The XRT product generator speaks API version ${version}; this extension speaks ${XRT_API_VERSION}. ` +
        'Replies are read leniently, but an update of the extension may be advisable.',
    ),
  );
  context.subscriptions.push({ dispose: () => onNewerXrtApiVersion(undefined) });
  const userAgent = extensionUserAgent(extensionVersion(context.extension));
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
  const clientForUser = async (): Promise<XrtClient | undefined> => {
    const userId = await ensureUserId();
    return userId ? makeClient(userId) : undefined;
  };
  const clientForJob = (job: JobRecord): XrtClient => makeClient(job.userId);

  const diagnostics = new XrtRequestDiagnostics();
  const campaignDiagnostics = new XrtCampaignDiagnostics((message) => log.warn(message));
  // Each campaign's state file is read when its campaign is first shown, and again only when it changes.
  const campaignStates = new CampaignStates(
    (file) => readCampaignState(stateFileOf(vscode.Uri.parse(file).fsPath)),
    (file, message) => log.warn(`XRT Jobs view: the state of campaign ${vscode.Uri.parse(file).fsPath} could not be read: ${message}`),
  );
  const stateWatcher = vscode.workspace.createFileSystemWatcher(`**/*${CAMPAIGN_STATE_SUFFIX}`);
  const onStateFile = (uri: vscode.Uri): void =>
    campaignStates.fileChanged(uri.with({ path: uri.path.slice(0, -CAMPAIGN_STATE_SUFFIX.length) + '.xrt-campaign.json' }).toString());
  stateWatcher.onDidChange(onStateFile);
  stateWatcher.onDidCreate(onStateFile);
  stateWatcher.onDidDelete(onStateFile);
  const tree = new XrtJobsTreeProvider(registry, campaignStates);
  const view = createTreeView(Views.xrtJobs, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });

  const announcer = new JobAnnouncer(log);
  const scheduler = new PollScheduler({
    registry,
    baseIntervalS: () => readSettings().pollIntervalSeconds,
    isFocused: () => vscode.window.state.focused,
    fetchStatus: (job, what, whatProg, signal) => clientForJob(job).status(job.jobId, what, whatProg, signal),
    onTransitions: (ts) => announcer.announce(ts),
    onError: (error, job) =>
      log.warn(
        `Status check${job ? ` of XRT job ${job.jobId}` : ''} failed: ${isServiceError(error) ? error.fullText() : describeError(error)}`,
      ),
  });

  const makeRebinClient = (url: string): RebinClient =>
    new RebinClient({
      url,
      timeoutMs: readSettings().requestTimeoutSeconds * 1000,
      userAgent,
      onNewerApiVersion: (version) =>
        log.warn(`The UKSSDC rebin service speaks API version ${version}, newer than this extension knows; replies are read leniently.`),
    });
  const rebinClient = (job: JobRecord, url?: string): RebinClient | string => {
    const target = url ?? rebinUrlForJob(readSettings().xrtRebinUrl, job.serviceUrl);
    return target
      ? makeRebinClient(target)
      : 'There is no rebin URL: set swiftObservatory.xrt.rebinUrl to a URL (empty: derived from the XRT base URL).';
  };
  const rebins = new RebinPoller({
    registry,
    fetchStatus: (rebin, signal) => makeRebinClient(rebin.rebinUrl).status(rebin.rebinId, signal),
    isFocused: () => vscode.window.state.focused,
    onFinished: (t) => announcer.announceRebin(t),
    onError: (error, job, rebin) =>
      log.warn(`Status check of rebin ${rebin.rebinId} of XRT job ${job.jobId} failed: ${rebinPollFailureText(error)}`),
  });

  const statusBar = new XrtActivityIndicator(registry, view);
  const submitDeps: SubmitDeps = { registry, diagnostics, client: clientForUser, serviceUrl: () => readSettings().xrtBaseUrl, log };
  // While a batch waits for the active-job count to fall, it looks again at half the poll interval.
  const batch = new BatchQueue(
    context.globalStorageUri.fsPath,
    submitDeps,
    () => clientForUser(),
    () => readSettings().maxActiveJobs,
    log,
    () => Math.max(5, readSettings().pollIntervalSeconds / 2),
  );
  const runningCampaigns = new Map<string, RunningCampaign>();
  const deps: XrtDeps = {
    registry,
    scheduler,
    rebins,
    rebinClient,
    lastBinning: new Map<string, RebinParams>(),
    runningCampaigns,
    campaignStates,
    campaignFile: campaignUri,
    executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
    batch,
    submit: submitDeps,
    log,
    window: vscode.window,
    // Export as Python takes both kinds (the only command that reads a file through `documents`).
    documents: requestDocuments((uri) => isXrtRequestUri(uri) || isXrtCampaignUri(uri)),
    campaignPlan: async (uri) => {
      const { parsed, plan } = await readCampaignPlan(await vscode.workspace.openTextDocument(uri));
      if (plan) return { plan };
      return { problem: parsed.problems[0]?.message ?? parsed.syntaxErrors[0]?.message ?? 'it is not valid JSON' };
    },
    env: vscode.env,
    settings: readSettings,
    extensionVersion: extensionVersion(context.extension),
    clientForUser,
    clientForJob,
    ensureUserId,
    selection: () => view.selection,
    confirmedInAdvance: (options) => unattended && options?.confirmed === true,
  };

  context.subscriptions.push(
    diagnostics,
    campaignDiagnostics,
    tree,
    view,
    statusBar,
    scheduler,
    rebins,
    batch,
    // Closing the window stops sending; the state file keeps what was sent, and the next run goes on from there.
    { dispose: () => runningCampaigns.forEach((c) => c.controller.abort()) },
    stateWatcher,
    campaignStates,
    { dispose: () => registry.dispose() },
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) {
        scheduler.arm();
        rebins.arm();
      }
    }),
    ...registerCommandTable(XRT_COMMANDS, deps),
  );

  // Resume polling of unfinished jobs from an earlier session (finished ones are never polled again).
  scheduler.arm();
  rebins.arm();
  void batch.resume();
  const stopCampaigns = async (): Promise<void> => {
    const running = [...runningCampaigns.values()];
    for (const c of running) c.controller.abort();
    await Promise.all(running.map((c) => c.ended));
  };
  return {
    registry,
    scheduler,
    rebins,
    diagnostics,
    batch,
    announcements: announcer.announcements,
    registryProblems,
    tree,
    view,
    stopCampaigns,
  };
}
