// Pause, Resume and Cancel Campaign. Pause and Cancel are written into the campaign's state file, so they
// hold in every window (a runner reads the state before each source: src/xrt/campaign/campaignRunner.ts),
// and they end this window's run at once rather than at its next look. Cancel withdraws the sources not
// sent and cancels the campaign's active jobs as Cancel Job does (./cancel.ts), after one confirmation.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { XrtCommands } from '../../common/commandIds';
import { describeError } from '../../http/errors';
import { runnerIsLive } from '../campaign/campaignRunner';
import { changeCampaignState, readCampaignState, stateFileOf, type CampaignState, type SourceState } from '../campaign/campaignState';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import { activeProducts, sendCancel } from './cancel';
import { RUN_CANCELLED, RUN_PAUSED, type ProgrammaticOptions, type XrtCommand, type XrtDeps } from './deps';

interface Target {
  readonly uri: vscode.Uri;
  /** The campaign's key: its URI as text, as the jobs' `requestFile` and the running runs have it. */
  readonly key: string;
  readonly name: string;
  readonly stateFile: string;
}

function targetOf(deps: XrtDeps, arg: unknown, verb: string): Target | undefined {
  const uri = deps.campaignFile(arg);
  if (!uri) {
    void deps.window.showWarningMessage(
      `Open an XRT campaign file (*.xrt-campaign.json) to ${verb} it, or use its row in the XRT Jobs view.`,
    );
    return undefined;
  }
  return { uri, key: uri.toString(), name: path.basename(uri.fsPath), stateFile: stateFileOf(uri.fsPath) };
}

/** Changes the state file, tells the XRT Jobs view, and reports a state it cannot read or write. */
async function changeState<T>(
  deps: XrtDeps,
  target: Target,
  what: string,
  change: (state: CampaignState) => { state: CampaignState; result: T },
): Promise<{ state: CampaignState; result: T } | undefined> {
  try {
    const out = await changeCampaignState(target.stateFile, (state) => {
      const { state: next, result } = change(state);
      return { state: next, result: { state: next, result } };
    });
    deps.campaignStates.report(target.key, out.state);
    return out;
  } catch (error) {
    deps.log.error(`Campaign ${target.uri.fsPath}: could not ${what}: ${describeError(error)}`);
    void deps.window.showErrorMessage(`Could not ${what} XRT campaign ${target.name}: ${describeError(error)}`);
    return undefined;
  }
}

/** Pause Campaign: no new source is sent (by any window) until Resume Campaign; active jobs go on. */
export const pauseCampaign: XrtCommand = (deps) => async (arg?: vscode.Uri | XrtTreeNode) => {
  const target = targetOf(deps, arg, 'pause');
  if (!target) return false;
  const changed = await changeState(deps, target, 'pause', (state) => ({ state: { ...state, paused: true }, result: undefined }));
  if (!changed) return false;
  const running = deps.runningCampaigns.get(target.key);
  if (running) {
    // Its notification says it is paused once the run has ended (a submission on its way answered first).
    running.controller.abort(RUN_PAUSED);
    await running.ended;
  } else {
    const elsewhere = runnerIsLive(changed.state, Date.now()) ? ' The window sending it stops before its next source.' : '';
    void deps.window.showInformationMessage(
      `XRT campaign ${target.name} is paused: its active jobs go on; Resume Campaign sends the rest.${elsewhere}`,
    );
  }
  return true;
};

/** Resume Campaign: clears the pause and runs the campaign again, as Run Campaign does. */
export const resumeCampaign: XrtCommand = (deps) => async (arg?: vscode.Uri | XrtTreeNode, options?: ProgrammaticOptions) => {
  const target = targetOf(deps, arg, 'resume');
  if (!target) return undefined;
  const changed = await changeState(deps, target, 'resume', ({ paused: _cleared, ...state }) => ({ state, result: undefined }));
  if (!changed) return undefined;
  return deps.executeCommand(XrtCommands.runCampaign, target.uri, options);
};

/** Every source not sent yet withdrawn: the queued ones, and those whose submission's outcome is unknown. */
function withdrawUnsent(state: CampaignState): { state: CampaignState; result: { withdrawn: number; uncertain: string[] } } {
  const sources: Record<string, SourceState> = {};
  let withdrawn = 0;
  const uncertain: string[] = [];
  for (const [id, source] of Object.entries(state.sources)) {
    if (source.status === 'queued') {
      sources[id] = { ...source, status: 'withdrawn' };
      withdrawn += 1;
    } else if (source.status === 'sending') {
      // Never settled from the job list now, so never sent again; a job it may have made is the user's to find.
      sources[id] = {
        ...source,
        status: 'withdrawn',
        message: 'Withdrawn while the outcome of its submission was unknown: the service may have made a job for it.',
      };
      withdrawn += 1;
      uncertain.push(id);
    } else sources[id] = source;
  }
  return { state: { ...state, sources }, result: { withdrawn, uncertain } };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Cancel Campaign: after one confirmation, ends this window's run, withdraws the sources not sent (they are
 * never sent later), and cancels every active job of the campaign; says which jobs could not be cancelled.
 */
export const cancelCampaign: XrtCommand =
  (deps) => async (arg?: vscode.Uri | XrtTreeNode, _nodes?: unknown, options?: ProgrammaticOptions) => {
    const target = targetOf(deps, arg, 'cancel');
    if (!target) return undefined;
    const activeJobs = () => deps.registry.all().filter((j) => j.requestFile === target.key && activeProducts(j).length > 0);
    let before: CampaignState;
    try {
      before = await readCampaignState(target.stateFile);
    } catch (error) {
      void deps.window.showErrorMessage(`Could not cancel XRT campaign ${target.name}: ${describeError(error)}`);
      return undefined;
    }
    const unsent = Object.values(before.sources).filter((s) => s.status === 'queued' || s.status === 'sending').length;
    const active = activeJobs().length;
    const running = deps.runningCampaigns.get(target.key);
    if (active === 0 && unsent === 0 && !running) {
      void deps.window.showInformationMessage(
        `XRT campaign ${target.name} has nothing to cancel: no active job and no source left to send.`,
      );
      return undefined;
    }
    if (!deps.confirmedInAdvance(options)) {
      const ok = await deps.window.showWarningMessage(
        `Cancel XRT campaign ${target.name} and its ${plural(active, 'active job')}?`,
        {
          modal: true,
          detail:
            `${plural(unsent, 'source')} not sent yet will be withdrawn and not sent later. ` +
            'Finished jobs and their products are kept.',
        },
        { title: 'Cancel Jobs' },
        { title: 'Keep Running', isCloseAffordance: true },
      );
      if (ok?.title !== 'Cancel Jobs') return undefined;
    }
    // A submission on its way is answered (and its job recorded) before anything is withdrawn or cancelled.
    if (running) {
      running.controller.abort(RUN_CANCELLED);
      await running.ended;
    }
    const changed = await changeState(deps, target, 'cancel', withdrawUnsent);
    if (!changed) return undefined;
    const { withdrawn, uncertain } = changed.result;
    const failures: string[] = [];
    const jobs = activeJobs();
    for (const job of jobs) {
      try {
        await sendCancel(deps, job, activeProducts(job));
      } catch (error) {
        deps.log.warn(`Cancel Campaign ${target.name}: could not cancel XRT job ${job.jobId}: ${describeError(error)}`);
        failures.push(`${job.jobId} (${job.name}): ${describeError(error)}`);
      }
    }
    const cancelled = jobs.length - failures.length;
    const parts = [`${plural(cancelled, 'job')} cancelled`, `${plural(withdrawn, 'source')} withdrawn`];
    const notes: string[] = [];
    if (uncertain.length > 0)
      notes.push(
        `${plural(uncertain.length, 'source')} (${uncertain.join(', ')}) had a submission whose outcome was unknown: ` +
          'if the service made a job for it, that job was not cancelled (Import My Jobs lists it).',
      );
    // This window's run has let go by now: a live runner is another window's.
    if (runnerIsLive(changed.state, Date.now()))
      notes.push('Another window was sending it: it stops before its next source; a submission it has on its way may still make a job.');
    deps.log.info(`Cancel Campaign ${target.uri.fsPath}: ${parts.join(', ')}; ${failures.length} failed. ${notes.join(' ')}`);
    if (failures.length > 0) {
      const shown = failures.slice(0, 3).join('; ') + (failures.length > 3 ? `; and ${failures.length - 3} more (see the log)` : '');
      void deps.window.showErrorMessage(
        `XRT campaign ${target.name}: ${plural(failures.length, 'job')} of ${jobs.length} could not be cancelled (${shown}); ` +
          `${parts.join(', ')}. Cancel those from their rows to try again.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`,
      );
    } else {
      const text = `XRT campaign ${target.name} cancelled: ${parts.join(', ')}.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`;
      if (notes.length > 0) void deps.window.showWarningMessage(text);
      else void deps.window.showInformationMessage(text);
    }
    return { cancelled, failed: failures.length, withdrawn };
  };
