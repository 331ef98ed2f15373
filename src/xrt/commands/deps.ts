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
  /** The campaigns this window is running, by campaign file URI: Stop Campaign aborts one. */
  readonly runningCampaigns: Map<string, AbortController>;
  /** Tells the XRT Jobs view how many of a campaign's sources are still to be sent. */
  showUnsent(campaignFile: string, count: number): void;
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  /** The configured user ID, asked for (and saved) when it is empty. */
  ensureUserId(): Promise<string | undefined>;
  /** The rows selected in the XRT Jobs view. */
  selection(): readonly XrtTreeNode[];
  /** Whether `options` may skip a confirmation (only in this extension's own test runs). */
  confirmedInAdvance(options?: ProgrammaticOptions): boolean;
}

export type XrtCommand = CommandFactory<XrtDeps>;

/** The jobs a command is about: the rows it was given, or else the view's selection, each job once. */
export function selectedJobs(deps: XrtDeps, node?: XrtTreeNode, nodes?: readonly XrtTreeNode[]): JobRecord[] {
  const chosen = nodes && nodes.length > 0 ? nodes : node ? [node] : deps.selection();
  return [...new Set(chosen.flatMap((n) => (n.kind === 'campaign' ? [] : [n.jobId])))]
    .map((id) => deps.registry.get(id))
    .filter((j): j is JobRecord => j !== undefined);
}
