// The rebinned light curves of a job beside its original one in the viewer model: each finished rebin's
// curve fetched from the UKSSDC site API (`downloadLightCurve`, type REBIN_LC:
// test/fixtures/protocol/xrt-products.md §16.4) and read with the same light-curve reading as the job's
// own (the reply format is the same, §11.2). A rebin that cannot be fetched is a problem in the model,
// never the end of the viewer; the original is always kept.
import { describeError } from '../../http/errors';
import {
  ORIGINAL_LIGHT_CURVE,
  type LightCurveChoice,
  type RebinnedLightCurve,
  type ViewerModel,
  type ViewerProblem,
} from '../../shared/viewModel';
import type { JobRecord, RebinState } from '../../xrt/jobs/jobRecord';
import { isComplete } from '../../xrt/productCodes';
import type { RebinClient } from '../../xrt/rebin/rebinClient';
import { rebinDefaultsFromJob } from '../../xrt/rebin/rebinRequest';
import { binningLabel, rebinOutcome } from '../../xrt/rebin/rebinState';
import { lightCurveSectionFromReply } from './modelBuilder';

type FetchRebinCurve = (rebin: RebinState, signal?: AbortSignal) => ReturnType<RebinClient['lightCurve']>;

function rebinChoiceId(rebinId: number): string {
  return `rebin:${rebinId}`;
}

/** The job's own binning in words: from its parameters when they name a method, else the reply's word. */
function originalBinningLabel(job: Pick<JobRecord, 'jobPars'>, replyBinning: string | undefined): string {
  if (typeof job.jobPars.binMeth === 'string' && job.jobPars.binMeth.trim() !== '')
    return binningLabel(rebinDefaultsFromJob(job.jobPars) as Record<string, unknown>);
  return replyBinning ? replyBinning.toLowerCase() : 'as the job made it';
}

/**
 * `model` with the job's finished rebins added (in the order they were asked for). `selectedRebinId`: the
 * rebin shown first (View from a rebin), else the original.
 */
export async function withRebinnedCurves(
  model: ViewerModel,
  job: JobRecord,
  fetchCurve: FetchRebinCurve,
  selectedRebinId?: number,
  signal?: AbortSignal,
): Promise<ViewerModel> {
  const done = (job.rebins ?? []).filter((r) => rebinOutcome(r.statusCode) === 'done');
  const lcComplete = isComplete(job.products.lc?.statusCode ?? null);
  if (!model.lightCurve && done.length === 0) return model;
  const problems: ViewerProblem[] = [];
  const fetched = await Promise.all(
    done.map(async (rebin): Promise<RebinnedLightCurve | undefined> => {
      const label = binningLabel(rebin.binning);
      try {
        const curve = await fetchCurve(rebin, signal);
        if (curve.noLightCurve) {
          problems.push({ severity: 'warning', product: 'lc', message: `Rebin ${rebin.rebinId} (${label}) produced no light curve.` });
          return undefined;
        }
        const section = lightCurveSectionFromReply(curve.data, problems);
        return { id: rebinChoiceId(rebin.rebinId), label, section };
      } catch (error) {
        problems.push({
          severity: 'warning',
          product: 'lc',
          message: `The rebinned light curve ${rebin.rebinId} (${label}) could not be fetched: ${describeError(error)} The original is shown.`,
        });
        return undefined;
      }
    }),
  );
  const rebinned = fetched.filter((r): r is RebinnedLightCurve => r !== undefined);
  const wanted = selectedRebinId === undefined ? undefined : rebinChoiceId(selectedRebinId);
  const selected = wanted && rebinned.some((r) => r.id === wanted) ? wanted : ORIGINAL_LIGHT_CURVE;
  if (wanted && selected !== wanted && !problems.some((p) => p.message.includes(`${selectedRebinId}`)))
    problems.push({
      severity: 'info',
      product: 'lc',
      message: `Rebin ${selectedRebinId} is not finished; the original light curve is shown.`,
    });
  const choice: LightCurveChoice = {
    originalLabel: originalBinningLabel(job, model.lightCurve?.binning),
    selected,
    rebinnable: lcComplete,
  };
  return {
    ...model,
    ...(rebinned.length > 0 ? { rebinnedLightCurves: rebinned } : {}),
    lightCurveChoice: choice,
    problems: [...model.problems, ...problems],
  };
}
