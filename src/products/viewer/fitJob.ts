// One fit of the viewer, as the worker thread runs it (./fitWorker.ts): the engine
// (src/shared/lightCurveFit) on the chosen datasets with the Fit panel's choice. Pure, so it is
// unit-tested on Node without a worker.
import { fitLightCurve, fitLightCurveAuto, decayModel } from '../../shared/lightCurveFit/fitLightCurve';
import type { LightCurveFitResult } from '../../shared/lightCurveFit/fitResult';
import { binsFromDatasets, timesLookLikeMjd, type LightCurveDatasetLike } from '../../shared/lightCurveFit/fromDatasets';
import { FitError } from '../../shared/lightCurveFit/types';
import type { FitChoice } from '../../shared/viewerProtocol';

/** Fits `choice` to the datasets; `progress` as the engine's (returning false cancels). Throws FitError on bad data. */
export function runFitJob(
  datasets: readonly LightCurveDatasetLike[],
  choice: FitChoice,
  progress?: (fraction: number) => boolean | void,
): LightCurveFitResult {
  const bins = binsFromDatasets(datasets);
  if (timesLookLikeMjd(bins))
    throw new FitError(
      'The light curve’s times are MJD; the fit needs seconds since T0. Build the light curve with times in seconds since T0.',
    );
  const options = { exclude: choice.exclusions, shape: choice.shape, intervals: true, ...(progress ? { progress } : {}) };
  switch (choice.model) {
    case 'auto':
      return fitLightCurveAuto(bins, options);
    case 'constant':
      return fitLightCurve(bins, decayModel('constant', options), options);
    case 'power-law':
      return fitLightCurve(bins, decayModel(0, options), options);
    case 'broken-power-law':
      return fitLightCurve(bins, decayModel(choice.breaks, options), options);
  }
}
