// The light-curve decay fit engine: pure (no vscode, no Node modules), so the extension host, a
// webview worker and the command line (src/cli.ts) run the same code.
export { binsFromDatasets, defaultFitDatasets, timesLookLikeMjd, type LightCurveDatasetLike } from './fromDatasets';
export { decayModel, fitLightCurve, fitLightCurveAuto } from './fitLightCurve';
export type { BinResidual, CompetingModel, FitParameter, LightCurveFitResult, ModelComparison } from './fitResult';
export { modelRates } from './modelCurve';
export { modelLabel } from './parameterLayout';
export { DELTA_CHI2_90 } from './profileIntervals';
export {
  formatNumber,
  intervalText,
  modelFormula,
  renderFitJson,
  renderFitReportJson,
  renderFitReportText,
  renderFitText,
  type FitReportSource,
} from './renderFit';
export { UPPER_LIMIT_SIGMAS } from './statistic';
export { parseTimeRange } from './timeRange';
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
