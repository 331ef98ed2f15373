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
const Z_90 = 1.6449;

interface ProfileSide {
  /** Internal (fitted) value of the bound; undefined when unbounded. */
  readonly value?: number;
  readonly unbounded: boolean;
}

export interface ProfileInterval {
  readonly lower: ProfileSide;
  readonly upper: ProfileSide;
}

/** A profile found χ² below the best fit's: the fit was not the global minimum; restart from here. */
export class BetterMinimum extends Error {
  override readonly name = 'BetterMinimum';
  constructor(
    readonly theta: Float64Array,
    readonly chi2: number,
  ) {
    super(`a lower χ² (${chi2}) was found while profiling: the fit restarts from there`);
  }
}

const TARGET_TOLERANCE = 0.002;
const MAX_EXPANSIONS = 30;
const MAX_BISECTIONS = 40;
/** χ² below the minimum by more than this counts as a better minimum, not rounding. */
const BETTER_BY = 1e-3;

interface ProfileContext {
  readonly problem: FitProblem;
  readonly best: Float64Array;
  readonly chi2: number;
  /** Called after each profile minimisation (progress and cancellation). */
  readonly tick?: () => void;
  /** Column p of the covariance divided by its diagonal: how the others move with p near the minimum. */
  readonly shift?: (p: number) => Float64Array | undefined;
}

/** How far parameter p may go on each side: the data range for break times, generous limits elsewhere. */
function parameterLimits(problem: FitProblem, p: number, best: Float64Array): readonly [number, number] {
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
  const shift = ctx.shift?.(p);
  // Each point starts from the solution at the last point found inside the interval (the best fit at
  // first), never from one outside: a minimisation far out can land in another basin, and starting
  // from there would make the profile depend on the path taken.
  let inside: Float64Array = Float64Array.from(best);
  const profile = (v: number): number => {
    // Also try the others moved as the covariance says they go with p (the conditional mean); start
    // from whichever is better (the linear prediction can overshoot where the statistic is not quadratic).
    let start = Float64Array.from(inside);
    start[p] = v;
    if (shift) {
      const shifted = Float64Array.from(inside);
      for (let q = 0; q < shifted.length; q++) if (q !== p) shifted[q]! += shift[q]! * (v - inside[p]!);
      shifted[p] = v;
      problem.project(shifted, fixed);
      problem.project(start, fixed);
      if (problem.evaluate(shifted, false).chi2 < problem.evaluate(start, false).chi2) start = shifted;
    }
    const r = minimise(problem, start, { fixed, maxIterations: 100 });
    ctx.tick?.();
    if (r.chi2 < chi2 - BETTER_BY) throw new BetterMinimum(r.theta, r.chi2);
    const delta = Math.max(0, r.chi2 - chi2);
    if (delta < DELTA_CHI2_90) inside = r.theta;
    return delta;
  };
  // The root is sought for √Δχ², which is close to linear in the distance from the minimum.
  const target = Math.sqrt(DELTA_CHI2_90);
  let d = Number.isFinite(sigma) && sigma > 0 ? Z_90 * sigma : 0.1 * Math.max(1, room);
  d = Math.min(d, room);
  let dIn = 0;
  let gIn = 0;
  let dOut: number | undefined;
  let gOut = 0;
  for (let step = 0; step < MAX_EXPANSIONS; step++) {
    const atLimit = d >= room;
    const g = Math.sqrt(profile(v0 + direction * (atLimit ? room : d)));
    if (g >= target) {
      dOut = atLimit ? room : d;
      gOut = g;
      break;
    }
    if (atLimit) return { unbounded: true };
    dIn = d;
    gIn = g;
    // Straight-line extrapolation of √Δχ² from the minimum, a little beyond, at most four times as far.
    const guess = g > 1e-3 ? (d * target) / g : 4 * d;
    d = Math.min(room, Math.min(4 * d, Math.max(1.05 * d, guess * 1.02)));
  }
  if (dOut === undefined) return { unbounded: true };
  return {
    value: v0 + direction * crossing((x) => Math.sqrt(profile(v0 + direction * x)), target, dIn, gIn, dOut, gOut),
    unbounded: false,
  };
}

/** Where g crosses `target` between xIn (below) and xOut (above): Illinois regula falsi. */
function crossing(g: (x: number) => number, target: number, xIn: number, gIn: number, xOut: number, gOut: number): number {
  let side = 0;
  for (let it = 0; it < MAX_BISECTIONS; it++) {
    const x = xIn + ((target - gIn) * (xOut - xIn)) / (gOut - gIn);
    const gx = g(x);
    // |√Δ − √2.706| < 0.0006 is |Δ − 2.706| < 0.002.
    if (Math.abs(gx - target) < TARGET_TOLERANCE / (2 * target) || Math.abs(xOut - xIn) < 1e-7) return x;
    if (gx < target) {
      xIn = x;
      gIn = gx;
      if (side === -1) gOut = target + (gOut - target) / 2;
      side = -1;
    } else {
      xOut = x;
      gOut = gx;
      if (side === 1) gIn = target - (target - gIn) / 2;
      side = 1;
    }
  }
  return (xIn + xOut) / 2;
}

/** The profile interval of parameter p; throws BetterMinimum when the profile finds a lower χ². */
export function profileInterval(ctx: ProfileContext, p: number, sigma: number): ProfileInterval {
  return { lower: profileSide(ctx, p, -1, sigma), upper: profileSide(ctx, p, 1, sigma) };
}
