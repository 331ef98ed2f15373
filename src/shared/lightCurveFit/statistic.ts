// The fit statistic: χ² with asymmetric errors, upper limits as censored data.
//
// Detections: r = (m − y)/σ with σ the error on the side of the model, σ+ when the model is above the
// data (m > y) and σ− otherwise, so each bin is a split normal centred on the data. Upper limits: the
// limit U is read as a k σ bound (k = 3 by default; the XRT product generator API docs do not state the
// limits' confidence level, so it is an option), so a model below it costs nothing and a model above it
// costs ((m − U)/(U/k))², a Gaussian tail with σ = U/k that starts at the limit. χ² = Σ r² over the bins left in the fit; the degrees of freedom count detections only (an
// upper limit the model respects carries no measurement).
import { binAverages, modelState, type PreparedBins } from './decayModel';
import type { ParameterLayout } from './parameterLayout';

/** By default a limit is taken as this many σ above zero signal. */
export const UPPER_LIMIT_SIGMAS = 3;

export interface StatisticData {
  readonly bins: PreparedBins;
  readonly rate: Float64Array;
  readonly errorPos: Float64Array;
  readonly errorNeg: Float64Array;
  /** 1 for an upper limit. */
  readonly upperLimit: Uint8Array;
  /** k of the k σ reading of upper limits. */
  readonly upperLimitSigmas: number;
}

/** The residual of a bin of rate (or limit) y for model value m (0 for an upper limit the model respects). */
export function binResidual(
  y: number,
  errorPos: number,
  errorNeg: number,
  upperLimit: boolean,
  m: number,
  sigmas = UPPER_LIMIT_SIGMAS,
): number {
  if (upperLimit) return m > y ? (m - y) / (y / sigmas) : 0;
  return (m - y) / (m > y ? errorPos : errorNeg);
}

/** The residual of bin i of `data` for model value m. */
function residual(data: StatisticData, i: number, m: number): number {
  return binResidual(data.rate[i]!, data.errorPos[i]!, data.errorNeg[i]!, data.upperLimit[i] === 1, m, data.upperLimitSigmas);
}

/** d residual / d m of one bin. */
function residualSlope(data: StatisticData, i: number, m: number): number {
  const y = data.rate[i]!;
  if (data.upperLimit[i]) return m > y ? data.upperLimitSigmas / y : 0;
  return 1 / (m > y ? data.errorPos[i]! : data.errorNeg[i]!);
}

interface Evaluation {
  readonly model: Float64Array;
  readonly residuals: Float64Array;
  /** bins × size, row-major, when asked for. */
  readonly jacobian?: Float64Array;
  readonly chi2: number;
}

/** Model, residuals and χ² at θ; with `withJacobian`, d residual/dθ as well. Non-finite models give χ² = ∞. */
export function evaluate(
  layout: ParameterLayout,
  lnPivot: number,
  data: StatisticData,
  theta: ArrayLike<number>,
  withJacobian: boolean,
): Evaluation {
  const n = data.bins.count;
  const model = new Float64Array(n);
  const residuals = new Float64Array(n);
  const jacobian = withJacobian ? new Float64Array(n * layout.size) : undefined;
  binAverages(modelState(layout, lnPivot, theta), data.bins, model, jacobian);
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    const m = model[i]!;
    const r = residual(data, i, m);
    residuals[i] = r;
    chi2 += r * r;
    if (jacobian) {
      const slope = residualSlope(data, i, m);
      const row = i * layout.size;
      for (let p = 0; p < layout.size; p++) jacobian[row + p]! *= slope;
    }
  }
  if (!Number.isFinite(chi2)) chi2 = Number.POSITIVE_INFINITY;
  return { model, residuals, ...(jacobian ? { jacobian } : {}), chi2 };
}
