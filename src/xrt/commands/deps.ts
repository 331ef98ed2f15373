// What the XRT commands work with: one object, built once in src/xrt/xrtFeature.ts. The UI functions
// come in here too (`window`, `env`), so the handlers that import nothing else from `vscode` at run time
// can be unit-tested with fakes.
import type * as vscode from 'vscode';
import type { CommandFactory, CommandWindow, RequestDocuments } from '../../common/commandTable';
import type { Settings } from '../../config';
import type { CampaignPlan } from '../campaign/campaignPlan';
import type { XrtClient } from '../client';
import type { JobRecord } from '../jobs/jobRecord';
import type { JobRegistry } from '../jobs/jobRegistry';
import type { PollScheduler } from '../jobs/pollScheduler';
import type { RebinClient } from '../rebin/rebinClient';
import type { RebinPoller } from '../rebin/rebinPoller';
import type { RebinParams } from '../rebin/rebinRequest';
import type { BatchQueue } from '../submission/batchQueue';
import type { SubmitDeps } from '../submission/submitRequest';
import type { CampaignStates } from '../views/campaignStates';
import type { XrtTreeNode } from '../views/xrtJobsTree';

/**
 * Options commands accept when run programmatically; menus never pass them. `confirmed` is honoured only
 * in this extension's own test runs (see acceptsUnattendedArguments), never for other extensions.
 */
export interface ProgrammaticOptions {
  /** Skip the modal confirmation (cancel, remove). */
  readonly confirmed?: boolean;
  /** Import every listed job instead of asking. */
  readonly all?: boolean;
  /** Rebin Light Curve: the binning the form would ask for (honoured in test runs only, like `confirmed`). */
  readonly binning?: unknown;
}

export interface XrtDeps {
  readonly registry: JobRegistry;
  readonly scheduler: Pick<PollScheduler, 'refreshNow' | 'arm'>;
  readonly batch: Pick<BatchQueue, 'enqueue'>;
  readonly submit: SubmitDeps;
  readonly log: vscode.LogOutputChannel;
  readonly window: CommandWindow;
  /** XRT request and campaign files (`*.xrt.json`, `*.xrt-campaign.json`) and new untitled documents. */
  readonly documents: RequestDocuments;
  /** A campaign file's plan as its diagnostics show it (src/xrt/campaign/campaignDocument.ts), or why there is none. */
  campaignPlan(uri: vscode.Uri): Promise<{ readonly plan: CampaignPlan } | { readonly problem: string }>;
  readonly env: Pick<typeof vscode.env, 'openExternal'>;
  readonly settings: () => Settings;
  /** The extension's version (package.json), for what it writes (Export as Python). */
  readonly extensionVersion: string;
  /** A client for the configured user, asking for the user ID first when none is set. */
  clientForUser(): Promise<XrtClient | undefined>;
  /** A client for the user who submitted `job`. */
  clientForJob(job: JobRecord): XrtClient;
  /** Follows the stored rebins of every job. */
  readonly rebins: Pick<RebinPoller, 'refreshNow' | 'arm'>;
  /**
   * A client of the UKSSDC site API for `job`'s rebins: at `url` (a stored rebin's), else the rebin URL
   * setting, else derived from the job's service URL; a message when there is no usable URL.
   */
  rebinClient(job: JobRecord, url?: string): Pick<RebinClient, 'rebin' | 'cancel' | 'url'> | string;
  /** The binning last chosen per job whose rebin request failed, offered again by the form (this window only). */
  readonly lastBinning: Map<string, RebinParams>;
  /** The campaigns this window is running, by campaign file URI: Stop, Pause and Cancel Campaign end one. */
  readonly runningCampaigns: Map<string, RunningCampaign>;
  /** The campaign states the XRT Jobs view shows: a runner reports each state it has written. */
  readonly campaignStates: Pick<CampaignStates, 'report' | 'runStarted' | 'runEnded'>;
  /** The campaign file given (a URI or a campaign row), or else the active editor's when it is one. */
  campaignFile(arg?: unknown): vscode.Uri | undefined;
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  /** The configured user ID, asked for (and saved) when it is empty. */
  ensureUserId(): Promise<string | undefined>;
  /** The rows selected in the XRT Jobs view. */
  selection(): readonly XrtTreeNode[];
  /** Whether `options` may skip a confirmation (only in this extension's own test runs). */
  confirmedInAdvance(options?: ProgrammaticOptions): boolean;
}

/** A campaign run of this window. */
export interface RunningCampaign {
  /** Aborted with {@link RUN_PAUSED} or {@link RUN_CANCELLED} when Pause or Cancel Campaign ends the run. */
  readonly controller: AbortController;
  /** Settles when the runner has let go of the campaign (a submission on its way answered first). */
  readonly ended: Promise<void>;
}

/** The abort reasons of a run that Pause Campaign and Cancel Campaign end (Stop Campaign gives none). */
export const RUN_PAUSED = 'paused';
export const RUN_CANCELLED = 'cancelled';

export type XrtCommand = CommandFactory<XrtDeps>;

/** The jobs a command is about: the rows it was given, or else the view's selection, each job once. */
export function selectedJobs(deps: XrtDeps, node?: XrtTreeNode, nodes?: readonly XrtTreeNode[]): JobRecord[] {
  const chosen = nodes && nodes.length > 0 ? nodes : node ? [node] : deps.selection();
  return [...new Set(chosen.flatMap((n) => ('jobId' in n ? [n.jobId] : [])))]
    .map((id) => deps.registry.get(id))
    .filter((j): j is JobRecord => j !== undefined);
}
