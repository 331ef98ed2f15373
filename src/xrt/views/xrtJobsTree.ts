// The "XRT Jobs" view: job → products → progress steps (sub-steps nested), newest first; the light
// curve's rebins (src/xrt/rebin/) are children of the light-curve product, before its steps. The jobs of
// a campaign (their request file is a `*.xrt-campaign.json`) are grouped under one campaign node, with
// done / total and counts, and a row per source in its state file's order (./campaignStates.ts): a
// source's job row once it has one, else a row saying queued, sending, refused, undecided or withdrawn.
// Reads the registry and the campaign states only; a failed poll never empties it. Text from the service
// is shown as plain text.
import * as vscode from 'vscode';
import { XrtCommands } from '../../common/commandIds';
import { htmlToText } from '../../http/text';
import { runnerIsLive } from '../campaign/campaignRunner';
import type { CampaignState, SourceState, SourceStatus } from '../campaign/campaignState';
import type { JobRecord, RebinState } from '../jobs/jobRecord';
import type { JobRegistry } from '../jobs/jobRegistry';
import { describeProgress, parseTimeRunning } from '../jobs/progressEstimate';
import {
  StatusCode,
  StepStatus,
  isProductCode,
  isRunning,
  productByCode,
  productOutcome,
  statusLabel,
  summariseJob,
  type JobOutcome,
  type ProductOutcome,
} from '../productCodes';
import { binningLabel, rebinOutcome, type RebinOutcome } from '../rebin/rebinState';
import type { ProgressStep } from '../responseSchemas';
import type { CampaignStates } from './campaignStates';

export type XrtTreeNode =
  | { readonly kind: 'campaign'; readonly file: string }
  /** A source of a campaign that has no job in the list (queued, sending, refused, undecided, withdrawn). */
  | { readonly kind: 'source'; readonly file: string; readonly sourceId: string }
  | { readonly kind: 'job'; readonly jobId: string }
  | { readonly kind: 'product'; readonly jobId: string; readonly product: string }
  | { readonly kind: 'step'; readonly jobId: string; readonly product: string; readonly path: readonly number[] }
  | { readonly kind: 'rebin'; readonly jobId: string; readonly rebinId: number };

export class XrtJobsTreeProvider implements vscode.TreeDataProvider<XrtTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<XrtTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: { dispose(): void }[];
  private readonly jobNodes = new Map<string, XrtTreeNode>();
  private readonly campaignNodes = new Map<string, XrtTreeNode>();
  private readonly sourceNodes = new Map<string, XrtTreeNode>();
  /** Each state's job → source id, made once per state object. */
  private readonly sourceOfJob = new WeakMap<CampaignState, Map<string, string>>();

  constructor(
    private readonly registry: Pick<JobRegistry, 'all' | 'get' | 'onDidChange'>,
    private readonly states: CampaignStates,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.subscriptions = [
      registry.onDidChange((ids) => {
        // Refresh only the changed jobs when they are already shown (a campaign's job: its campaign, whose
        // counts change too); a new or removed job changes the root.
        const known = ids.every((id) => this.jobNodes.has(id) && registry.get(id));
        if (!known || ids.length > 20) return this.emitter.fire(undefined);
        const nodes = new Set(ids.map((id) => this.campaignNodes.get(campaignOf(registry.get(id)) ?? '') ?? this.jobNodes.get(id)));
        for (const n of nodes) this.emitter.fire(n);
      }),
      states.onDidChange((file) => {
        const node = this.campaignNodes.get(file);
        const shown = states.reportedCampaigns().includes(file) || registry.all().some((j) => campaignOf(j) === file);
        // A row that stays is redrawn alone; one that comes or goes changes the root.
        if (node && shown) this.emitter.fire(node);
        else if (node || shown) this.emitter.fire(undefined);
      }),
    ];
  }

  getChildren(node?: XrtTreeNode): XrtTreeNode[] {
    if (!node) {
      this.jobNodes.clear();
      this.campaignNodes.clear();
      this.sourceNodes.clear();
      const roots: XrtTreeNode[] = [];
      const all = this.registry.all();
      const withJobs = new Set(all.map(campaignOf));
      // A campaign this window runs that has no job yet: first, as the newest thing going on.
      for (const file of this.states.reportedCampaigns()) if (!withJobs.has(file)) roots.push(this.campaignNode(file));
      for (const j of all) {
        const campaign = campaignOf(j);
        if (campaign === undefined) roots.push(this.jobNode(j.jobId));
        else if (!this.campaignNodes.has(campaign)) {
          // Where its newest job would be: the list stays newest first.
          roots.push(this.campaignNode(campaign));
        }
      }
      return roots;
    }
    if (node.kind === 'campaign') return this.campaignChildren(node.file);
    if (node.kind === 'source') return [];
    const job = this.registry.get(node.jobId);
    if (!job) return [];
    if (node.kind === 'job') return Object.keys(job.products).map((product) => ({ kind: 'product', jobId: job.jobId, product }));
    if (node.kind === 'rebin') return [];
    const rebins: XrtTreeNode[] =
      node.kind === 'product' && node.product === 'lc'
        ? (job.rebins ?? []).map((r) => ({ kind: 'rebin', jobId: job.jobId, rebinId: r.rebinId }))
        : [];
    const steps = node.kind === 'product' ? job.products[node.product]?.progress?.ProgressSteps : stepAt(job, node)?.SubStep;
    return [
      ...rebins,
      ...(steps ?? []).map((_, i): XrtTreeNode => ({
        kind: 'step',
        jobId: job.jobId,
        product: node.product,
        path: node.kind === 'step' ? [...node.path, i] : [i],
      })),
    ];
  }

  private jobNode(jobId: string): XrtTreeNode {
    const n: XrtTreeNode = this.jobNodes.get(jobId) ?? { kind: 'job', jobId };
    this.jobNodes.set(jobId, n);
    return n;
  }

  private campaignNode(file: string): XrtTreeNode {
    const n: XrtTreeNode = this.campaignNodes.get(file) ?? { kind: 'campaign', file };
    this.campaignNodes.set(file, n);
    return n;
  }

  private sourceNode(file: string, sourceId: string): XrtTreeNode {
    const key = `${file}\u0000${sourceId}`;
    const n: XrtTreeNode = this.sourceNodes.get(key) ?? { kind: 'source', file, sourceId };
    this.sourceNodes.set(key, n);
    return n;
  }

  private campaignJobs(file: string): JobRecord[] {
    return this.registry.all().filter((j) => campaignOf(j) === file);
  }

  /** A row per source in the state's order (its job's row once it has one), then jobs the state does not name. */
  private campaignChildren(file: string): XrtTreeNode[] {
    const jobs = this.campaignJobs(file);
    const state = this.states.get(file);
    if (!state) return jobs.map((j) => this.jobNode(j.jobId));
    const unnamed = new Map(jobs.map((j) => [j.jobId, j]));
    const rows: XrtTreeNode[] = [];
    for (const [id, source] of Object.entries(state.sources)) {
      if (source.status === 'submitted' && source.jobId !== undefined && unnamed.delete(source.jobId))
        rows.push(this.jobNode(source.jobId));
      else rows.push(this.sourceNode(file, id));
    }
    for (const j of unnamed.values()) rows.push(this.jobNode(j.jobId));
    return rows;
  }

  /** The id of the source a campaign's job was sent for, as its campaign's state says. */
  private sourceIdOf(job: JobRecord): string | undefined {
    const campaign = campaignOf(job);
    const state = campaign === undefined ? undefined : this.states.get(campaign);
    if (!state) return undefined;
    let byJob = this.sourceOfJob.get(state);
    if (!byJob) {
      byJob = new Map();
      for (const [id, source] of Object.entries(state.sources)) if (source.jobId !== undefined) byJob.set(source.jobId, id);
      this.sourceOfJob.set(state, byJob);
    }
    return byJob.get(job.jobId);
  }

  getParent(node: XrtTreeNode): XrtTreeNode | undefined {
    if (node.kind === 'campaign') return undefined;
    if (node.kind === 'source') return this.campaignNode(node.file);
    if (node.kind === 'job') {
      const campaign = campaignOf(this.registry.get(node.jobId));
      return campaign === undefined ? undefined : (this.campaignNodes.get(campaign) ?? { kind: 'campaign', file: campaign });
    }
    if (node.kind === 'product') return this.jobNodes.get(node.jobId) ?? { kind: 'job', jobId: node.jobId };
    if (node.kind === 'rebin') return { kind: 'product', jobId: node.jobId, product: 'lc' };
    return node.path.length === 1
      ? { kind: 'product', jobId: node.jobId, product: node.product }
      : { ...node, path: node.path.slice(0, -1) };
  }

  getTreeItem(node: XrtTreeNode): vscode.TreeItem {
    if (node.kind === 'campaign')
      return campaignItem(node.file, this.campaignJobs(node.file), this.states.get(node.file), this.states.problem(node.file), this.now());
    if (node.kind === 'source') {
      const source = this.states.get(node.file)?.sources[node.sourceId];
      return source
        ? sourceItem(node, source, source.jobId === undefined ? undefined : this.registry.get(source.jobId))
        : new vscode.TreeItem('(removed)');
    }
    const job = this.registry.get(node.jobId);
    if (!job) return new vscode.TreeItem('(removed)');
    if (node.kind === 'job') return jobItem(job, this.sourceIdOf(job));
    if (node.kind === 'product') return productItem(job, node.product);
    if (node.kind === 'rebin') {
      const rebin = job.rebins?.find((r) => r.rebinId === node.rebinId);
      return rebin ? rebinItem(job, rebin) : new vscode.TreeItem('(removed)');
    }
    const step = stepAt(job, node);
    const item = new vscode.TreeItem(
      plain(step?.StepLabel ?? '(step)'),
      step?.SubStep?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.iconPath = stepIcon(step?.StepStatus);
    item.description = step?.StepExtra ? plain(step.StepExtra) : undefined;
    item.contextValue = 'xrtStep';
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

const CAMPAIGN_SUFFIX = '.xrt-campaign.json';

/** The campaign file a job was sent from, if it was. */
function campaignOf(job: JobRecord | undefined): string | undefined {
  return job?.requestFile?.endsWith(CAMPAIGN_SUFFIX) ? job.requestFile : undefined;
}

/** `done` of `total` as a bar of ten cells, for a row that has no progress bar of its own. */
function progressBar(done: number, total: number): string {
  const cells = total > 0 ? Math.round((10 * done) / total) : 0;
  return `${'▰'.repeat(cells)}${'▱'.repeat(10 - cells)}`;
}

/** The campaign's name: its file name without `.xrt-campaign.json`. */
function campaignName(file: string): string {
  return decodeURIComponent(file.slice(file.lastIndexOf('/') + 1)).replace(/\.xrt-campaign\.json$/, '');
}

function campaignItem(
  file: string,
  jobs: readonly JobRecord[],
  state: CampaignState | undefined,
  problem: string | undefined,
  now: number,
): vscode.TreeItem {
  const name = campaignName(file);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `xrt-campaign:${file}`;
  const outcomes = jobs.map((j) => summariseJob(Object.values(j.products).map((p) => p.statusCode)).outcome);
  const count = (...of: JobOutcome[]): number => outcomes.filter((o) => of.includes(o)).length;
  const sources = Object.values(state?.sources ?? {});
  const by = (status: SourceStatus): number => sources.filter((s) => s.status === status).length;
  const named = new Set(sources.flatMap((s) => (s.jobId !== undefined ? [s.jobId] : [])));
  const done = count('complete', 'partial', 'failed', 'cancelled');
  const unsent = by('queued');
  // Every source but the withdrawn ones, and the jobs the state does not name (an unreadable state: the jobs).
  const total = sources.length - by('withdrawn') + jobs.filter((j) => !named.has(j.jobId)).length;
  const failed = count('failed', 'cancelled', 'partial');
  const paused = state?.paused === true;
  const running = !paused && state !== undefined && runnerIsLive(state, now);
  const parts = [...(paused ? ['paused'] : []), `${done}/${total} done`];
  if (count('active') > 0) parts.push(`${count('active')} active`);
  if (unsent > 0) parts.push(`${unsent} to send`);
  if (by('sending') > 0) parts.push(`${by('sending')} being checked`);
  if (by('refused') > 0) parts.push(`${by('refused')} refused`);
  if (by('undecided') > 0) parts.push(`${by('undecided')} undecided`);
  if (by('withdrawn') > 0) parts.push(`${by('withdrawn')} withdrawn`);
  if (failed > 0) parts.push(`${failed} with failed or cancelled products`);
  item.description = `${progressBar(done, total)} ${parts.join(' · ')}`;
  item.iconPath = paused
    ? new vscode.ThemeIcon('debug-pause')
    : running || count('active') > 0 || unsent > 0
      ? new vscode.ThemeIcon('rocket')
      : failed > 0 || by('refused') > 0 || by('undecided') > 0
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`Campaign ${name}: ${parts.join(', ')}${running ? ' (being sent)' : ''}\n${vscode.Uri.parse(file).fsPath}\n`);
  if (problem) tooltip.appendText(`Its state file could not be read: ${problem}\n`);
  item.tooltip = tooltip;
  // package.json's menus: Pause and Stop on a running campaign, Resume on a paused one, Run on an idle one,
  // Cancel Campaign on each.
  item.contextValue = paused ? 'xrtCampaignPaused' : running ? 'xrtCampaignRunning' : 'xrtCampaignIdle';
  item.resourceUri = vscode.Uri.parse(file);
  item.command = { command: 'vscode.open', title: 'Open Campaign File', arguments: [vscode.Uri.parse(file)] };
  return item;
}

interface SourceRow {
  readonly words: string;
  readonly icon: () => vscode.ThemeIcon;
  /** package.json's menus name none of these yet; distinct per status for the ones that will. */
  readonly context: string;
}

/** How a source without a job row looks, by its status (`submitted`: its job was removed from the list). */
const SOURCE_ROWS: Readonly<Record<SourceStatus, SourceRow>> = {
  queued: { words: 'queued', icon: () => new vscode.ThemeIcon('circle-large-outline'), context: 'xrtSourceQueued' },
  sending: {
    words: 'sending (checked against the job list if the answer is lost)',
    icon: () => new vscode.ThemeIcon('cloud-upload'),
    context: 'xrtSourceSending',
  },
  submitted: { words: 'submitted; its job is not in the list', icon: () => new vscode.ThemeIcon('archive'), context: 'xrtSourceSubmitted' },
  refused: {
    words: 'refused by the service',
    icon: () => new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
    context: 'xrtSourceRefused',
  },
  undecided: {
    words: 'undecided: was a job made? (see the log)',
    icon: () => new vscode.ThemeIcon('question', new vscode.ThemeColor('problemsWarningIcon.foreground')),
    context: 'xrtSourceUndecided',
  },
  withdrawn: {
    words: 'withdrawn (campaign cancelled)',
    icon: () => new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
    context: 'xrtSourceWithdrawn',
  },
};

function sourceItem(node: Extract<XrtTreeNode, { kind: 'source' }>, source: SourceState, job: JobRecord | undefined): vscode.TreeItem {
  const row = SOURCE_ROWS[source.status];
  const item = new vscode.TreeItem(node.sourceId, vscode.TreeItemCollapsibleState.None);
  item.id = `xrt-source:${node.file}:${node.sourceId}`;
  item.iconPath = row.icon();
  const failures =
    source.status === 'queued' && (source.failures ?? 0) > 0
      ? ` · not sent ${source.failures} time${source.failures === 1 ? '' : 's'}`
      : '';
  item.description = `${source.jobId !== undefined && !job ? `#${source.jobId} · ` : ''}${row.words}${failures}`;
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`Source ${node.sourceId} of campaign ${campaignName(node.file)}: ${row.words}\n`);
  if (source.status === 'refused' && source.message) tooltip.appendText(`The service's reason: ${plain(source.message)}\n`);
  else if (source.message) tooltip.appendText(`${plain(source.message)}\n`);
  if (source.candidates?.length) tooltip.appendText(`Jobs that could be this source's: ${source.candidates.join(', ')}\n`);
  if (source.intentAt !== undefined) tooltip.appendText(`Last sent ${formatTime(new Date(source.intentAt).toISOString())}\n`);
  item.tooltip = tooltip;
  item.contextValue = row.context;
  return item;
}

/** `sourceId`: the campaign source it was sent for, which names its row (the job's name is in the tooltip). */
function jobItem(job: JobRecord, sourceId?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(sourceId ?? plain(job.name || `Job ${job.jobId}`), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `xrt-job:${job.serviceUrl}:${job.jobId}`;
  const summary = summariseJob(Object.values(job.products).map((p) => p.statusCode));
  item.description = `#${job.jobId} · ${summary.text}`;
  item.iconPath = JOB_ICONS[summary.outcome]();
  const tooltip = new vscode.MarkdownString(undefined, false);
  if (sourceId !== undefined) tooltip.appendText(`Source ${sourceId} of campaign ${campaignName(job.requestFile ?? '')}\n`);
  tooltip.appendText(`${job.name} — XRT job ${job.jobId}\n`);
  tooltip.appendText(`Submitted ${formatTime(job.submittedAt)} as ${job.userId}\n`);
  tooltip.appendText(`State: ${summary.text}\n`);
  // As text, so it can be read and copied, not only opened (appendText escapes it as plain text).
  if (job.url) tooltip.appendText(`Web page: ${job.url}\n`);
  if (job.poll.lastPolledAt) tooltip.appendText(`Last checked ${formatTime(new Date(job.poll.lastPolledAt).toISOString())}\n`);
  if (job.poll.lastError) tooltip.appendText(`Last check failed: ${job.poll.lastError}\n`);
  item.tooltip = tooltip;
  // package.json's menus offer View/Download on xrtJobActive and xrtJobFinished only.
  item.contextValue = JOB_CONTEXT[summary.outcome];
  return item;
}

function productItem(job: JobRecord, product: string): vscode.TreeItem {
  const state = job.products[product];
  const progress = state.progress;
  const hasSteps = (progress?.ProgressSteps?.length ?? 0) > 0;
  const rebins = product === 'lc' ? (job.rebins?.length ?? 0) : 0;
  const item = new vscode.TreeItem(
    productLabel(product),
    // Expanded when it has rebins, so a new rebin shows where the user asked for it.
    rebins > 0
      ? vscode.TreeItemCollapsibleState.Expanded
      : hasSteps
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `xrt-product:${job.serviceUrl}:${job.jobId}:${product}`;
  item.iconPath = productIcon(state.statusCode);
  item.description = isRunning(state.statusCode)
    ? (describeProgress(progress) ?? statusLabel(state.statusCode))
    : statusLabel(state.statusCode);
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`${productLabel(product)}: ${statusLabel(state.statusCode)}\n`);
  tooltip.appendText(`Since ${formatTime(new Date(state.changedAt).toISOString())}\n`);
  const running = parseTimeRunning(progress?.TimeRunning);
  if (running !== undefined) tooltip.appendText(`Running for ${progress?.TimeRunning}\n`);
  if (progress?.PreProgress) tooltip.appendText(plain(progress.PreProgress));
  item.tooltip = tooltip;
  // package.json's menus offer View/Download on xrtProductComplete* and Cancel on xrtProductActive only;
  // a finished light curve (…CompleteLc) also offers Rebin Light Curve….
  const context = PRODUCT_CONTEXT[productOutcome(state.statusCode)];
  item.contextValue = product === 'lc' && context === 'xrtProductComplete' ? 'xrtProductCompleteLc' : context;
  return item;
}

function rebinItem(job: JobRecord, rebin: RebinState): vscode.TreeItem {
  const outcome = rebinOutcome(rebin.statusCode);
  const label = binningLabel(rebin.binning);
  const item = new vscode.TreeItem(`Rebinned (${label})`, vscode.TreeItemCollapsibleState.None);
  item.id = `xrt-rebin:${job.serviceUrl}:${job.jobId}:${rebin.rebinId}`;
  item.iconPath = rebinIcon(outcome, rebin.statusCode);
  const text = rebin.statusText ? plain(rebin.statusText) : '';
  item.description = `#${rebin.rebinId} · ${REBIN_WORDS[outcome]}${text && outcome !== 'done' && outcome !== 'cancelled' ? ` (${text})` : ''}`;
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`Rebin ${rebin.rebinId} of the light curve of ${job.name} (XRT job ${job.jobId})\n`);
  tooltip.appendText(`Binning: ${label}\n`);
  tooltip.appendText(`Requested ${formatTime(new Date(rebin.requestedAt).toISOString())}\n`);
  tooltip.appendText(`State: ${REBIN_WORDS[outcome]}${text ? ` — ${text}` : ''}\n`);
  if (rebin.poll.lastPolledAt) tooltip.appendText(`Last checked ${formatTime(new Date(rebin.poll.lastPolledAt).toISOString())}\n`);
  if (rebin.poll.lastError) tooltip.appendText(`Last check failed: ${rebin.poll.lastError}\n`);
  item.tooltip = tooltip;
  item.contextValue = REBIN_CONTEXT[outcome];
  if (outcome === 'done') {
    item.command = {
      command: XrtCommands.viewRebin,
      title: 'View Rebinned Light Curve',
      arguments: [{ kind: 'rebin', jobId: job.jobId, rebinId: rebin.rebinId } satisfies XrtTreeNode],
    };
  }
  return item;
}

const REBIN_WORDS: Readonly<Record<RebinOutcome, string>> = {
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** package.json's menus: View on xrtRebinDone, Cancel on xrtRebinRunning, Remove on every xrtRebin*. */
const REBIN_CONTEXT: Readonly<Record<RebinOutcome, string>> = {
  running: 'xrtRebinRunning',
  done: 'xrtRebinDone',
  failed: 'xrtRebinFailed',
  cancelled: 'xrtRebinCancelled',
};

function rebinIcon(outcome: RebinOutcome, code: number | null): vscode.ThemeIcon {
  if (outcome === 'done') return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (outcome === 'cancelled') return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  if (outcome === 'failed') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  // 3 running; before that (null, 1 requested, 2 queued) waiting.
  return code === 3 ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued'));
}

const JOB_CONTEXT: Readonly<Record<JobOutcome, string>> = {
  active: 'xrtJobActive',
  complete: 'xrtJobFinished',
  partial: 'xrtJobFinished',
  cancelled: 'xrtJobCancelled',
  failed: 'xrtJobFailed',
};

const PRODUCT_CONTEXT: Readonly<Record<ProductOutcome, string>> = {
  active: 'xrtProductActive',
  complete: 'xrtProductComplete',
  cancelled: 'xrtProductCancelled',
  failed: 'xrtProductFailed',
  absent: 'xrtProductAbsent',
};

const JOB_ICONS: Readonly<Record<JobOutcome, () => vscode.ThemeIcon>> = {
  active: () => new vscode.ThemeIcon('sync~spin'),
  complete: () => new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  partial: () => new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  cancelled: () => new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  failed: () => new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

function productLabel(code: string): string {
  return isProductCode(code) ? productByCode(code).label : code;
}

function productIcon(code: number | null): vscode.ThemeIcon {
  const outcome = productOutcome(code);
  if (outcome === 'absent') return new vscode.ThemeIcon('circle-slash');
  if (outcome === 'complete') return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (outcome === 'cancelled') return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  if (outcome === 'failed') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  if (isRunning(code)) return new vscode.ThemeIcon('loading~spin');
  if (code === StatusCode.WaitingForPosition) return new vscode.ThemeIcon('watch');
  return new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued'));
}

function stepIcon(status: number | undefined): vscode.ThemeIcon {
  if (status === StepStatus.Done) return new vscode.ThemeIcon('check');
  if (status === StepStatus.Active) return new vscode.ThemeIcon('loading~spin');
  return new vscode.ThemeIcon('circle-outline');
}

function stepAt(job: JobRecord, node: Extract<XrtTreeNode, { kind: 'step' }>): ProgressStep | undefined {
  let steps = job.products[node.product]?.progress?.ProgressSteps;
  let step: ProgressStep | undefined;
  for (const i of node.path) {
    step = steps?.[i];
    steps = step?.SubStep;
  }
  return step;
}

/** Service strings may contain HTML (`<em>`): show their text only. */
function plain(text: string): string {
  return htmlToText(text);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
