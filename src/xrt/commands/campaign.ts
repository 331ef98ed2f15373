// Run Campaign: plans the campaign file (src/xrt/campaign/campaignPlan.ts), refuses a plan with errors the
// way submission refuses a request file, and runs the rest with src/xrt/campaign/campaignRunner.ts under a
// cancellable notification. Cancelling stops sending (nothing already sent is lost or sent again); running
// the command again goes on where it stopped, from the state file beside the campaign.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import { readCampaignPlan } from '../campaign/campaignDocument';
import { CampaignRunner, type RunEnd } from '../campaign/campaignRunner';
import { recordPlannedSources, stateFileOf, type CampaignState } from '../campaign/campaignState';
import { FIRST_POLL_DELAY_S } from '../jobs/pollPolicy';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import { RUN_CANCELLED, RUN_PAUSED, type ProgrammaticOptions, type XrtCommand } from './deps';

const CAMPAIGN_SUFFIX = '.xrt-campaign.json';

/** The campaign file given (a URI, or a campaign row of the XRT Jobs view), or else the active editor's. */
export function campaignUri(arg?: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const node = arg as Partial<XrtTreeNode> | undefined;
  if (node?.kind === 'campaign' && typeof node.file === 'string') return vscode.Uri.parse(node.file);
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.path.endsWith(CAMPAIGN_SUFFIX) ? doc.uri : undefined;
}

function counts(state: CampaignState, total: number): string {
  const by = (status: string): number => Object.values(state.sources).filter((s) => s.status === status).length;
  const parts = [`${by('submitted')}/${total} submitted`];
  if (by('sending') > 0) parts.push(`${by('sending')} being checked`);
  if (by('refused') > 0) parts.push(`${by('refused')} refused`);
  if (by('undecided') > 0) parts.push(`${by('undecided')} for you to decide`);
  return parts.join(', ');
}

export const runCampaign: XrtCommand = (deps) => async (uri?: vscode.Uri | XrtTreeNode, options?: ProgrammaticOptions) => {
  const target = campaignUri(uri);
  if (!target) {
    void deps.window.showWarningMessage(`Open an XRT campaign file (*${CAMPAIGN_SUFFIX}) to run it, or choose one in the Explorer.`);
    return undefined;
  }
  const name = path.basename(target.fsPath);
  const { parsed, plan } = await readCampaignPlan(await vscode.workspace.openTextDocument(target));
  if (!plan) {
    const why = parsed.problems[0]?.message ?? parsed.syntaxErrors[0]?.message ?? 'it is not valid JSON';
    void deps.window.showErrorMessage(`${name} was not run: ${why}`);
    return undefined;
  }
  const errors = plan.problems.filter((p) => p.severity === 'error');
  const fileErrors = errors.filter((p) => p.sourceId === undefined);
  if (fileErrors.length > 0 || plan.sources.length === 0) {
    deps.log.info(`Campaign ${target.fsPath} not run: ${errors.map((p) => p.message).join('; ') || 'no sources'}`);
    void deps.window
      .showErrorMessage(
        plan.sources.length === 0 && fileErrors.length === 0
          ? `${name} was not run: it lists no sources.`
          : `${name} was not run: it has ${fileErrors.length} problem${fileErrors.length === 1 ? '' : 's'}.`,
        { modal: false, detail: fileErrors.map((p) => p.message).join('\n') },
        'Show Problems',
      )
      .then((choice) => {
        if (choice === 'Show Problems') void deps.executeCommand('workbench.actions.view.problems');
      });
    return undefined;
  }
  const runnable = plan.sources.filter((s) => !s.problems.some((p) => p.severity === 'error'));
  if (runnable.length < plan.sources.length && !deps.confirmedInAdvance(options)) {
    const skipped = plan.sources.length - runnable.length;
    const choice = await deps.window.showWarningMessage(
      `${skipped} of the ${plan.sources.length} sources of ${name} have problems and would be left out.`,
      {
        modal: true,
        detail: errors
          .map((p) => p.message)
          .slice(0, 20)
          .join('\n'),
      },
      `Run the Other ${runnable.length}`,
    );
    if (choice !== `Run the Other ${runnable.length}`) return undefined;
  }
  const key = target.toString();
  if (deps.runningCampaigns.has(key)) {
    void deps.window.showInformationMessage(`XRT campaign ${name} is already running in this window.`);
    return undefined;
  }
  const client = await deps.clientForUser();
  if (!client) return undefined;
  const maxActiveJobs = Math.min(plan.maxActiveJobs, deps.settings().maxActiveJobs);
  return deps.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `XRT campaign ${name}`, cancellable: true },
    async (progress, token): Promise<RunEnd> => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let ended!: () => void;
      deps.runningCampaigns.set(key, { controller: abort, ended: new Promise<void>((resolve) => (ended = resolve)) });
      const runner = new CampaignRunner({
        stateFile: stateFileOf(target.fsPath),
        campaignFile: target.toString(),
        sources: runnable,
        client,
        registry: deps.registry,
        maxActiveJobs: () => maxActiveJobs,
        serviceUrl: deps.submit.serviceUrl(),
        runnerId: `${vscode.env.sessionId}-${process.pid}`,
        sleep: (ms, signal) =>
          new Promise((resolve) => {
            const timer = setTimeout(resolve, ms);
            signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
          }),
        waitMs: () => Math.max(5, deps.settings().pollIntervalSeconds / 2) * 1000,
        firstPollInMs: FIRST_POLL_DELAY_S * 1000,
        log: (line) => deps.log.info(line),
        onProgress: (state) => {
          last = state;
          deps.campaignStates.report(key, state);
          progress.report({ message: `${counts(state, runnable.length)} (at most ${maxActiveJobs} active)` });
        },
      });
      let last: CampaignState | undefined;
      let end: RunEnd;
      deps.campaignStates.runStarted(key);
      try {
        // Every planned source is in the state before the first is sent: the XRT Jobs view shows them all.
        deps.campaignStates.report(
          key,
          await recordPlannedSources(
            stateFileOf(target.fsPath),
            runnable.map((s) => s.id),
          ),
        );
        end = await runner.run(abort.signal);
      } catch (error) {
        deps.log.error(`Campaign ${target.fsPath}: ${describeError(error)}`);
        void deps.window.showErrorMessage(`XRT campaign ${name} stopped: ${describeError(error)}`);
        return 'stopped';
      } finally {
        deps.runningCampaigns.delete(key);
        deps.campaignStates.runEnded(key);
        ended();
      }
      deps.scheduler.arm();
      if (end === 'stopped' && abort.signal.reason === RUN_PAUSED) end = 'paused';
      // Cancel Campaign, which ended the run, says what it did.
      if (end === 'stopped' && abort.signal.reason === RUN_CANCELLED) return end;
      if (end === 'taken')
        void deps.window.showInformationMessage(
          `XRT campaign ${name} is being run by another window (or by one that ended without letting go of it: then it can be run here a minute after that window's last sign of life).`,
        );
      else if (end === 'finished') {
        const settled = last ? counts(last, runnable.length) : `${runnable.length} sources`;
        const open = last ? Object.values(last.sources).filter((s) => s.status === 'refused' || s.status === 'undecided').length : 0;
        const text = `XRT campaign ${name} finished sending: ${settled}. The jobs are in the XRT Jobs view.`;
        if (open > 0) void deps.window.showWarningMessage(`${text} See the Swift Observatory log for the sources left out.`);
        else void deps.window.showInformationMessage(text);
      } else if (end === 'paused')
        void deps.window.showInformationMessage(`XRT campaign ${name} is paused: its active jobs go on; Resume Campaign sends the rest.`);
      else void deps.window.showInformationMessage(`XRT campaign ${name} stopped; run it again to go on where it stopped.`);
      return end;
    },
  );
};

/** Stop Campaign: stops sending the campaign's sources (this window's run); Run Campaign goes on later. */
export const stopCampaign: XrtCommand = (deps) => (uri?: vscode.Uri | XrtTreeNode) => {
  const target = campaignUri(uri);
  const running = target ? deps.runningCampaigns.get(target.toString()) : undefined;
  if (!target || !running) {
    void deps.window.showInformationMessage(
      target ? `XRT campaign ${path.basename(target.fsPath)} is not running in this window.` : 'Open the XRT campaign file to stop.',
    );
    return false;
  }
  running.controller.abort();
  return true;
};
