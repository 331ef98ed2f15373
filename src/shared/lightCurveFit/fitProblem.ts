// One model against one light curve: the bins left after exclusions, in the arrays the statistic
// reads, the pivot time, and the constraints on break times (inside the data, in time order).
import { prepareBins } from './decayModel';
import type { LeastSquaresProblem } from './levenbergMarquardt';
import { parameterLayout, type ParameterLayout } from './parameterLayout';
import { evaluate, UPPER_LIMIT_SIGMAS, type StatisticData } from './statistic';
import { FitError, type DecayModel, type ExclusionRange, type FitBin } from './types';

interface SelectedBins {
  /** Bins in the fit, in time order. */
  readonly bins: readonly FitBin[];
  /** Bins left out by an exclusion range. */
  readonly excluded: readonly FitBin[];
  /** Bins that cannot be fitted (at or before T0, zero width, non-positive errors), with why. */
  readonly unusable: readonly { readonly bin: FitBin; readonly reason: string }[];
}

/** A bin is excluded when its centre lies inside a range (what the plot shows as the point). */
function isExcluded(bin: FitBin, ranges: readonly ExclusionRange[]): boolean {
  const centre = (bin.start + bin.stop) / 2;
  return ranges.some(([a, b]) => centre >= Math.min(a, b) && centre <= Math.max(a, b));
}

function unusableReason(bin: FitBin): string | undefined {
  if (!(Number.isFinite(bin.start) && Number.isFinite(bin.stop) && Number.isFinite(bin.rate))) return 'a time or rate is not a number';
  if (bin.start <= 0) return 'the bin starts at or before T0 (a power law needs t > 0)';
  if (!(bin.stop > bin.start)) return 'the bin has no width';
  if (bin.upperLimit) return bin.rate > 0 ? undefined : 'the upper limit is not positive';
  if (!(bin.errorPos > 0 && bin.errorNeg > 0 && Number.isFinite(bin.errorPos) && Number.isFinite(bin.errorNeg)))
    return 'an error is zero or not a number';
  return undefined;
}

export function selectBins(all: readonly FitBin[], exclude: readonly ExclusionRange[]): SelectedBins {
  const bins: FitBin[] = [];
  const excluded: FitBin[] = [];
  const unusable: { bin: FitBin; reason: string }[] = [];
  for (const bin of all) {
    const reason = unusableReason(bin);
    if (reason) unusable.push({ bin, reason });
    else if (isExcluded(bin, exclude)) excluded.push(bin);
    else bins.push(bin);
  }
  bins.sort((a, b) => a.start - b.start || a.stop - b.stop);
  return { bins, excluded, unusable };
}

/** Data prepared once for all models fitted to the same bins. */
export interface FitData {
  readonly bins: readonly FitBin[];
  readonly statistic: StatisticData;
  readonly detections: number;
  readonly upperLimits: number;
  /** ln of the pivot t0 at which N is the rate. */
  readonly lnPivot: number;
  /** Range of ln t in which breaks may lie: first to last detection centre. */
  readonly lnBreakRange: readonly [number, number];
}

/** The pivot: geometric mean of the detections' centres, to two significant figures (N is read at a round time). */
function pivotTime(detections: readonly FitBin[]): number {
  let sum = 0;
  for (const b of detections) sum += Math.log((b.start + b.stop) / 2);
  const t = Math.exp(sum / detections.length);
  return Number(t.toPrecision(2));
}

export function fitData(bins: readonly FitBin[], upperLimitSigmas = UPPER_LIMIT_SIGMAS): FitData {
  if (!(upperLimitSigmas > 0)) throw new FitError(`Upper limits must be read as a positive number of σ, not ${upperLimitSigmas}.`);
  const detections = bins.filter((b) => !b.upperLimit);
  if (detections.length === 0) throw new FitError('No detection bins are left to fit (upper limits alone do not constrain a decay).');
  const n = bins.length;
  const rate = new Float64Array(n);
  const errorPos = new Float64Array(n);
  const errorNeg = new Float64Array(n);
  const upperLimit = new Uint8Array(n);
  bins.forEach((b, i) => {
    rate[i] = b.rate;
    errorPos[i] = b.errorPos;
    errorNeg[i] = b.errorNeg;
    upperLimit[i] = b.upperLimit ? 1 : 0;
  });
  const prepared = prepareBins(
    bins.map((b) => b.start),
    bins.map((b) => b.stop),
  );
  const centres = detections.map((b) => Math.log((b.start + b.stop) / 2));
  return {
    bins,
    statistic: { bins: prepared, rate, errorPos, errorNeg, upperLimit, upperLimitSigmas },
    detections: detections.length,
    upperLimits: n - detections.length,
    lnPivot: Math.log(pivotTime(detections)),
    lnBreakRange: [Math.min(...centres), Math.max(...centres)],
  };
}

/**
 * Smallest separation of two breaks in ln t (5 % in time): closer breaks cannot be told apart, and
 * letting them meet lets the optimiser build a step out of a vanishing segment with a wild index.
 */
const MIN_BREAK_GAP = 0.05;
/** Decay indices are kept within ±MAX_INDEX: steeper than any afterglow decay or flare rise. */
export const MAX_INDEX = 10;

export interface FitProblem extends LeastSquaresProblem {
  readonly layout: ParameterLayout;
  readonly data: FitData;
}

export function fitProblem(data: FitData, model: DecayModel): FitProblem {
  const layout = parameterLayout(model);
  const k = layout.segments - 1;
  const [lo, hi] = data.lnBreakRange;
  return {
    layout,
    data,
    size: layout.size,
    evaluate: (theta, withJacobian) => evaluate(layout, data.lnPivot, data.statistic, theta, withJacobian),
    project(theta, fixed) {
      for (let j = 0; j <= k; j++) {
        const p = layout.alphaIndex(j);
        if (p >= 0 && !fixed[p]) theta[p] = Math.min(MAX_INDEX, Math.max(-MAX_INDEX, theta[p]!));
      }
      if (k === 0) return;
      const idx = (i: number): number => layout.breakIndex(i);
      for (let i = 0; i < k; i++) {
        const p = idx(i);
        if (!fixed[p]) theta[p] = Math.min(hi - (k - 1 - i) * MIN_BREAK_GAP, Math.max(lo + i * MIN_BREAK_GAP, theta[p]!));
      }
      for (let i = 1; i < k; i++) {
        const p = idx(i);
        if (!fixed[p] && theta[p]! < theta[idx(i - 1)]! + MIN_BREAK_GAP) theta[p] = theta[idx(i - 1)]! + MIN_BREAK_GAP;
      }
      for (let i = k - 2; i >= 0; i--) {
        const p = idx(i);
        if (!fixed[p] && theta[p]! > theta[idx(i + 1)]! - MIN_BREAK_GAP) theta[p] = theta[idx(i + 1)]! - MIN_BREAK_GAP;
      }
    },
  };
}
