// The light-curve decay fit engine: pure (no vscode, no Node modules), so the extension host, a
// webview worker and the command line (src/cli.ts) run the same code.
export { binsFromDatasets, defaultFitDatasets, timesLookLikeMjd, type LightCurveDatasetLike } from './fromDatasets';
export { decayModel, fitLightCurve, fitLightCurveAuto } from './fitLightCurve';
export type { BinResidual, CompetingModel, FitParameter, LightCurveFitResult, ModelComparison } from './fitResult';
export { modelLabel } from './parameterLayout';
export { DELTA_CHI2_90 } from './profileIntervals';
export { formatNumber, renderFitJson, renderFitText } from './renderFit';
export { UPPER_LIMIT_SIGMAS } from './statistic';
export {
  DEFAULT_SMOOTHNESS,
  FitCancelled,
  FitError,
  MAX_BREAKS,
  type BreakShape,
  type DecayModel,
  type ExclusionRange,
  type FitBin,
  type FitOptions,
  type ModelKind,
} from './types';
