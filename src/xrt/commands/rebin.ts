// Rebin Light Curve…, Cancel Rebin and Remove Rebin: a job's finished light curve binned anew on the
// UKSSDC site API (test/fixtures/protocol/xrt-products.md §16) without rebuilding the job. The rebin is
// stored with the job in the registry (shared by all windows) and followed by src/xrt/rebin/rebinPoller.ts;
// the viewer shows its curve beside the original.
import { ProductCommands } from '../../common/commandIds';
import { deliveryUncertain, describeError } from '../../http/errors';
import type { JobRecord, RebinState } from '../jobs/jobRecord';
import { isComplete } from '../productCodes';
import { RebinRejectedError, type RebinClient } from '../rebin/rebinClient';
import { askBinning } from '../rebin/rebinForm';
import { rebinDefaultsFromJob, validateRebinParams, type RebinParams } from '../rebin/rebinRequest';
import { REBIN_FIRST_POLL_S, binningLabel, isRebinActive } from '../rebin/rebinState';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import type { ProgrammaticOptions, XrtCommand, XrtDeps } from './deps';

const TITLE = 'Rebin Light Curve';

type RebinOutcome =
  | { readonly kind: 'requested'; readonly jobId: string; readonly rebinId: number }
  /** The service refused, or the request failed; `uncertain`: it may have been received. */
  | { readonly kind: 'failed'; readonly message: string; readonly uncertain: boolean }
  | { readonly kind: 'nothing'; readonly message: string };

/** The job a rebin command is about: a row of the XRT Jobs view, a job ID, `{ jobId }` (the viewer), or else one picked. */
async function targetJob(deps: XrtDeps, arg: unknown): Promise<JobRecord | undefined> {
  if (typeof arg === 'string') return deps.registry.get(arg);
  const node = arg as { jobId?: unknown } | undefined;
  if (node && typeof node.jobId === 'string') return deps.registry.get(node.jobId);
  const candidates = deps.registry.all().filter(hasFinishedLightCurve);
  if (candidates.length === 0) {
    void deps.window.showInformationMessage('No XRT job in the list has a finished light curve to rebin.');
    return undefined;
  }
  const pick = await deps.window.showQuickPick(
    candidates.map((j) => ({ label: j.name || `Job ${j.jobId}`, description: `job ${j.jobId}`, job: j })),
    { title: TITLE, placeHolder: 'Choose the job whose light curve is rebinned' },
  );
  return pick?.job;
}

function hasFinishedLightCurve(job: JobRecord): boolean {
  return isComplete(job.products.lc?.statusCode ?? null);
}

/** The form's starting binning: what the user last chose for this job (a failed attempt loses nothing), else the job's own. */
function startingBinning(deps: XrtDeps, job: JobRecord): RebinParams {
  const kept = deps.lastBinning.get(job.jobId);
  return kept ?? rebinDefaultsFromJob(job.jobPars);
}

export const rebinLightCurve: XrtCommand =
  (deps) =>
  async (arg?: unknown, _nodes?: unknown, options?: ProgrammaticOptions): Promise<RebinOutcome> => {
    const job = await targetJob(deps, arg);
    if (!job) return { kind: 'nothing', message: 'no job chosen' };
    const what = `the light curve of ${job.name} (XRT job ${job.jobId})`;
    if (!hasFinishedLightCurve(job)) {
      const message = `${capitalise(what)} is not finished, so it cannot be rebinned yet.`;
      void deps.window.showInformationMessage(message);
      return { kind: 'nothing', message };
    }
    const running = (job.rebins ?? []).find(isRebinActive);
    if (running) {
      // One outstanding rebin per job (test/fixtures/protocol/xrt-products.md §16.6: concurrency is not documented).
      const message = `A rebin of ${what} is still running (${binningLabel(running.binning)}); wait for it or cancel it first.`;
      void deps.window.showInformationMessage(message);
      return { kind: 'nothing', message };
    }
    const client = deps.rebinClient(job);
    if (typeof client === 'string') {
      void deps.window.showErrorMessage(client);
      return { kind: 'nothing', message: client };
    }
    let binning: RebinParams | undefined;
    if (options?.binning !== undefined && deps.confirmedInAdvance({ confirmed: true })) {
      // Test runs only (see acceptsUnattendedArguments): the form's answer given in advance.
      const checked = validateRebinParams(options.binning);
      if (!checked.ok) {
        const message = `The binning is not valid: ${checked.issues.map((i) => i.message).join(' ')}`;
        void deps.window.showErrorMessage(message);
        return { kind: 'nothing', message };
      }
      binning = checked.value;
    } else {
      binning = await askBinning(deps.window, {
        title: `${TITLE}: ${job.name || job.jobId}`,
        initial: startingBinning(deps, job),
        defaultsFor: (method) => rebinDefaultsFromJob(job.jobPars, method),
      });
    }
    if (!binning) return { kind: 'nothing', message: 'no binning chosen' };
    deps.lastBinning.set(job.jobId, binning);
    return requestRebin(deps, job, client, binning, what);
  };

async function requestRebin(
  deps: XrtDeps,
  job: JobRecord,
  client: Pick<RebinClient, 'rebin' | 'url'>,
  binning: RebinParams,
  what: string,
): Promise<RebinOutcome> {
  const label = binningLabel(binning);
  let rebinId: number;
  try {
    rebinId = await client.rebin(job.jobId, binning, { name: job.name });
  } catch (error) {
    const uncertain = !(error instanceof RebinRejectedError) && !(error instanceof RangeError) && deliveryUncertain(error);
    const message =
      error instanceof RebinRejectedError
        ? `The UKSSDC refused to rebin ${what} (${label}): ${error.message}`
        : uncertain
          ? `The rebin of ${what} may or may not have been received: ${describeError(error)} ` +
            'It cannot be looked up without its rebin ID; wait a few minutes before asking again, or two rebins may run.'
          : `Could not ask for a rebin of ${what}: ${describeError(error)}`;
    deps.log.warn(message);
    void deps.window.showErrorMessage(`${message} Your binning is kept: Rebin Light Curve… offers it again.`);
    return { kind: 'failed', message, uncertain };
  }
  const now = Date.now();
  const record: RebinState = {
    rebinId,
    binning: { ...binning },
    rebinUrl: client.url,
    requestedAt: now,
    statusCode: null,
    statusText: 'Requested',
    changedAt: now,
    poll: { errors: 0, nextAt: now + REBIN_FIRST_POLL_S * 1000 },
  };
  const stored = await deps.registry.update(job.jobId, (j) => ({ ...j, rebins: [...(j.rebins ?? []), record] }));
  deps.lastBinning.delete(job.jobId);
  deps.log.info(`Rebin ${rebinId} of ${what} requested (${label}).`);
  if (!stored) {
    const message = `The rebin ${rebinId} of ${what} was requested, but the job is no longer in the list, so it is not followed.`;
    void deps.window.showWarningMessage(message);
    return { kind: 'failed', message, uncertain: false };
  }
  deps.rebins.arm();
  void deps.window.showInformationMessage(`Rebinning ${what} (${label}): rebin ${rebinId}. You will be told when it is done.`);
  return { kind: 'requested', jobId: job.jobId, rebinId };
}

/** The rebin a node names, with its job. */
function rebinOf(deps: XrtDeps, node: unknown): { job: JobRecord; rebin: RebinState } | undefined {
  const n = node as Partial<Extract<XrtTreeNode, { kind: 'rebin' }>> | undefined;
  if (!n || n.kind !== 'rebin' || typeof n.jobId !== 'string' || typeof n.rebinId !== 'number') return undefined;
  const job = deps.registry.get(n.jobId);
  const rebin = job?.rebins?.find((r) => r.rebinId === n.rebinId);
  return job && rebin ? { job, rebin } : undefined;
}

export const cancelRebin: XrtCommand = (deps) => async (node?: unknown, _nodes?: unknown, options?: ProgrammaticOptions) => {
  const found = rebinOf(deps, node);
  if (!found || !isRebinActive(found.rebin)) return { cancelled: false };
  const { job, rebin } = found;
  const what = `the rebin ${rebin.rebinId} (${binningLabel(rebin.binning)}) of ${job.name} (XRT job ${job.jobId})`;
  if (!deps.confirmedInAdvance(options)) {
    const ok = await deps.window.showWarningMessage(
      `Cancel ${what}?`,
      { modal: true },
      { title: 'Cancel Rebin' },
      { title: 'Keep Running', isCloseAffordance: true },
    );
    if (ok?.title !== 'Cancel Rebin') return { cancelled: false };
  }
  const client = deps.rebinClient(job, rebin.rebinUrl);
  if (typeof client === 'string') {
    void deps.window.showErrorMessage(client);
    return { cancelled: false };
  }
  try {
    const outcome = await client.cancel(rebin.rebinId);
    // The status is asked again at once (−4 is expected after a cancel but not documented, §16.6).
    await deps.rebins.refreshNow([job.jobId]);
    if (outcome.cancelled) {
      deps.log.info(`Cancelled ${what}.`);
      void deps.window.showInformationMessage(`Cancelled ${what}.`);
    } else {
      deps.log.warn(`The service did not cancel ${what}: ${outcome.reason ?? ''}`);
      void deps.window.showWarningMessage(`The service did not cancel ${what}: ${outcome.reason ?? 'no reason given'}`);
    }
    return { cancelled: outcome.cancelled };
  } catch (error) {
    void deps.window.showErrorMessage(`Could not cancel ${what}: ${describeError(error)}`);
    return { cancelled: false };
  }
};

export const removeRebin: XrtCommand = (deps) => async (node?: unknown, _nodes?: unknown, options?: ProgrammaticOptions) => {
  const found = rebinOf(deps, node);
  if (!found) return false;
  const { job, rebin } = found;
  if (isRebinActive(rebin) && !deps.confirmedInAdvance(options)) {
    const ok = await deps.window.showWarningMessage(
      `The rebin ${rebin.rebinId} is still running on the service. Removing it from the list does not cancel it.`,
      { modal: true },
      'Remove from List',
    );
    if (ok !== 'Remove from List') return false;
  }
  await deps.registry.update(job.jobId, (j) => ({ ...j, rebins: (j.rebins ?? []).filter((r) => r.rebinId !== rebin.rebinId) }));
  return true;
};

/** View Rebinned Light Curve: the job's viewer with this rebin's curve chosen. */
export const viewRebin: XrtCommand = (deps) => (node?: unknown) => {
  const found = rebinOf(deps, node);
  if (!found) return undefined;
  return deps.executeCommand(ProductCommands.view, { kind: 'job', jobId: found.job.jobId, rebinId: found.rebin.rebinId });
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
