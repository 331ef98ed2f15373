// 90 % confidence intervals from the profile of χ²: for one parameter of interest held at v, the other
// parameters are re-minimised and the interval is where χ²(v) − χ²min ≤ 2.706 (the 90 % point of χ²
// with one degree of freedom). This follows the statistic's real shape (skewed intervals on break times
// and on the indices around them), which the covariance matrix, also reported, cannot. When the
// profile stays below 2.706 up to the edge of what the data can say (a break time at the first or last
// detection, an index or normalisation changing without limit), that side is reported as unbounded
// rather than given a number.
import { minimise } from './levenbergMarquardt';
import { MAX_INDEX, type FitProblem } from './fitProblem';

/** Δχ² for a 90 % interval on one parameter. */
export const DELTA_CHI2_90 = 2.706;
/** Standard-normal quantile of a two-sided 90 % interval (the covariance estimate: ±1.645σ). */
export const Z_90 = 1.6449;

export interface ProfileSide {
  /** Internal (fitted) value of the bound; undefined when unbounded. */
  readonly value?: number;
  readonly unbounded: boolean;
}

export interface ProfileInterval {
  readonly lower: ProfileSide;
  readonly upper: ProfileSide;
}

/** A profile found χ² below the best fit's: the fit was not the global minimum; restart from here. */
export class BetterMinimum {
  constructor(
    readonly theta: Float64Array,
    readonly chi2: number,
  ) {}
}

const TARGET_TOLERANCE = 0.002;
const MAX_EXPANSIONS = 30;
const MAX_BISECTIONS = 40;
/** χ² below the minimum by more than this counts as a better minimum, not rounding. */
const BETTER_BY = 1e-3;

export interface ProfileContext {
  readonly problem: FitProblem;
  readonly best: Float64Array;
  readonly chi2: number;
  /** Called after each profile minimisation (progress and cancellation). */
  readonly tick?: () => void;
}

/** How far parameter p may go on each side: the data range for break times, generous limits elsewhere. */
export function parameterLimits(problem: FitProblem, p: number, best: Float64Array): readonly [number, number] {
  const layout = problem.layout;
  const k = layout.segments - 1;
  for (let i = 0; i < k; i++) {
    if (layout.breakIndex(i) === p) {
      const [lo, hi] = problem.data.lnBreakRange;
      return [lo, hi];
    }
  }
  // A normalisation known no better than a factor e^±30 is not constrained by the data; indices stop at ±MAX_INDEX.
  if (p === 0) return [best[p]! - 30, best[p]! + 30];
  return [-MAX_INDEX, MAX_INDEX];
}

function profileSide(ctx: ProfileContext, p: number, direction: 1 | -1, sigma: number): ProfileSide {
  const { problem, best, chi2 } = ctx;
  const [lo, hi] = parameterLimits(problem, p, best);
  const limit = direction > 0 ? hi : lo;
  const v0 = best[p]!;
  const room = Math.abs(limit - v0);
  if (room <= 1e-9) return { unbounded: true };
  const fixed = new Uint8Array(problem.size);
  fixed[p] = 1;
  let warm: Float64Array = Float64Array.from(best);
  const profile = (v: number): number => {
    const start = Float64Array.from(warm);
    start[p] = v;
    const r = minimise(problem, start, { fixed, maxIterations: 100 });
    ctx.tick?.();
    if (r.chi2 < chi2 - BETTER_BY) throw new BetterMinimum(r.theta, r.chi2);
    warm = r.theta;
    return r.chi2 - chi2;
  };
  let d = Number.isFinite(sigma) && sigma > 0 ? Z_90 * sigma : 0.1 * Math.max(1, room);
  d = Math.min(d, room);
  let vIn = v0;
  let dIn = 0;
  let vOut: number | undefined;
  let dOut = 0;
  for (let step = 0; step < MAX_EXPANSIONS; step++) {
    const atLimit = d >= room;
    const v = atLimit ? limit : v0 + direction * d;
    const delta = profile(v);
    if (delta >= DELTA_CHI2_90) {
      vOut = v;
      dOut = delta;
      break;
    }
    if (atLimit) return { unbounded: true };
    vIn = v;
    dIn = delta;
    // Δχ² ≈ c·d² near the minimum: aim past the crossing, at most four times as far.
    const guess = d * Math.sqrt(DELTA_CHI2_90 / Math.max(delta, 1e-3)) * 1.1;
    d = Math.min(room, Math.min(4 * d, Math.max(1.5 * d, guess)));
  }
  if (vOut === undefined) return { unbounded: true };
  return { value: crossing(profile, vIn, dIn, vOut, dOut), unbounded: false };
}

/** Where the profile crosses Δχ² = 2.706 between vIn (below) and vOut (above): Illinois regula falsi. */
function crossing(profile: (v: number) => number, vIn: number, dIn: number, vOut: number, dOut: number): number {
  // Illinois regula falsi between the last point inside and the first outside.
  let side = 0;
  for (let it = 0; it < MAX_BISECTIONS; it++) {
    const t = (DELTA_CHI2_90 - dIn) / (dOut - dIn);
    const v: number = vIn + t * (vOut - vIn);
    const delta = profile(v);
    if (Math.abs(delta - DELTA_CHI2_90) < TARGET_TOLERANCE || Math.abs(vOut - vIn) < 1e-7) return v;
    if (delta < DELTA_CHI2_90) {
      vIn = v;
      dIn = delta;
      if (side === -1) dOut = DELTA_CHI2_90 + (dOut - DELTA_CHI2_90) / 2;
      side = -1;
    } else {
      vOut = v;
      dOut = delta;
      if (side === 1) dIn = DELTA_CHI2_90 - (DELTA_CHI2_90 - dIn) / 2;
      side = 1;
    }
  }
  return (vIn + vOut) / 2;
}

/** The profile interval of parameter p; throws BetterMinimum when the profile finds a lower χ². */
export function profileInterval(ctx: ProfileContext, p: number, sigma: number): ProfileInterval {
  return { lower: profileSide(ctx, p, -1, sigma), upper: profileSide(ctx, p, 1, sigma) };
}
