// Starting points for the optimiser from straight-line fits in log–log space: ln rate against ln t of
// the detections, weighted by (rate/σ)², as a continuous piecewise-linear function with hinges at
// candidate break times. Every combination of candidates from a grid (quantiles of the detections'
// times, so each segment holds data) is tried; the best few become starts. This is linear least squares,
// cheap and deterministic, and it puts the breaks near the right place, which a local optimiser alone
// would not find.
import { choleskySolve } from './linearAlgebra';
import { NORM_INDEX, type ParameterLayout } from './parameterLayout';
import type { FitData } from './fitProblem';

interface Points {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly w: Float64Array;
}

function logPoints(data: FitData): Points {
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  const s = data.statistic;
  for (let i = 0; i < s.rate.length; i++) {
    if (s.upperLimit[i] || !(s.rate[i]! > 0)) continue;
    const sigma = (s.errorPos[i]! + s.errorNeg[i]!) / 2;
    xs.push((s.bins.lnStart[i]! + s.bins.lnStop[i]!) / 2);
    ys.push(Math.log(s.rate[i]!));
    ws.push((s.rate[i]! / sigma) ** 2);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), w: Float64Array.from(ws) };
}

/** Candidate break positions: a fine grid for refining, every other one for the exhaustive search. */
const FINE_GRID = 48;
/** Candidates closer than this in ln t are one. */
const GRID_MERGE = 0.02;
/** Combinations of the coarse search refined on the fine grid. */
const REFINED = 8;

/**
 * Candidates from two grids, half each: quantiles of the detections' times (where the bins are dense,
 * as in counts-binned early data) and even steps in ln t (where they are sparse, late in the decay).
 */
function grid(points: Points, size: number, range: readonly [number, number]): number[] {
  const sorted = Float64Array.from(points.x).sort();
  const half = Math.ceil(size / 2);
  const raw: number[] = [];
  for (let g = 1; g <= half; g++) raw.push(sorted[Math.min(sorted.length - 1, Math.floor((g * sorted.length) / (half + 1)))]!);
  const [lo, hi] = range;
  for (let g = 1; g <= size - half; g++) raw.push(lo + ((hi - lo) * g) / (size - half + 1));
  raw.sort((x, y) => x - y);
  const out: number[] = [];
  for (const v of raw) if (out.length === 0 || v > out[out.length - 1]! + GRID_MERGE) out.push(v);
  return out;
}

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const walk = (from: number): void => {
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let i = from; i <= n - (k - pick.length); i++) {
      pick.push(i);
      walk(i + 1);
      pick.pop();
    }
  };
  walk(0);
  return out;
}

/**
 * Weighted sums for least squares of y on the basis [1, x − x0, hinge_1 … hinge_G] (hinge_g =
 * max(0, x − ξ_g) − max(0, x0 − ξ_g), zero at the pivot so the intercept is ln N): every combination of
 * knots is then a sub-matrix, solved without another pass over the data.
 */
interface GramSums {
  readonly m: number;
  readonly gram: Float64Array;
  readonly rhs: Float64Array;
  readonly yy: number;
}

function gramSums(points: Points, x0: number, knots: readonly number[]): GramSums {
  const m = 2 + knots.length;
  const gram = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  const row = new Float64Array(m);
  let yy = 0;
  for (let i = 0; i < points.x.length; i++) {
    const x = points.x[i]!;
    row[0] = 1;
    row[1] = x - x0;
    for (let j = 0; j < knots.length; j++) row[2 + j] = Math.max(0, x - knots[j]!) - Math.max(0, x0 - knots[j]!);
    const w = points.w[i]!;
    const y = points.y[i]!;
    yy += w * y * y;
    for (let p = 0; p < m; p++) {
      const wp = w * row[p]!;
      if (wp === 0) continue;
      rhs[p]! += wp * y;
      for (let q = 0; q <= p; q++) gram[p * m + q]! += wp * row[q]!;
    }
  }
  for (let p = 0; p < m; p++) for (let q = 0; q < p; q++) gram[q * m + p] = gram[p * m + q]!;
  return { m, gram, rhs, yy };
}

/** The fit on the intercept, the slope and the hinges `chosen` (indices into the knots); coefficients and weighted SSR. */
function hingeFit(sums: GramSums, chosen: readonly number[]): { coef: Float64Array; wssr: number } | undefined {
  const index = [0, 1, ...chosen.map((c) => 2 + c)];
  const m = index.length;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    b[p] = sums.rhs[index[p]!]!;
    for (let q = 0; q < m; q++) a[p * m + q] = sums.gram[index[p]! * sums.m + index[q]!]!;
    // A whisker of ridge: a knot with no data beyond it must not make the system singular.
    a[p * m + p]! *= 1 + 1e-10;
  }
  const coef = choleskySolve(a, b, m);
  if (!coef) return undefined;
  let explained = 0;
  for (let p = 0; p < m; p++) explained += coef[p]! * b[p]!;
  return { coef, wssr: sums.yy - explained };
}

function toParameters(layout: ParameterLayout, coef: Float64Array, knots: readonly number[]): Float64Array {
  const theta = new Float64Array(layout.size);
  theta[NORM_INDEX] = coef[0]!;
  let alpha = -coef[1]!;
  const first = layout.alphaIndex(0);
  if (first >= 0) theta[first] = alpha;
  knots.forEach((knot, j) => {
    alpha -= coef[2 + j]!;
    theta[layout.alphaIndex(j + 1)] = alpha;
    theta[layout.breakIndex(j)] = knot;
  });
  return theta;
}

/** Up to `count` starting vectors, best log–log fit first. */
export function startingPoints(layout: ParameterLayout, data: FitData, count: number): Float64Array[] {
  const points = logPoints(data);
  const x0 = data.lnPivot;
  const k = layout.segments - 1;
  if (layout.model.kind === 'constant' || points.x.length < 2) {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < points.x.length; i++) {
      sw += points.w[i]!;
      swy += points.w[i]! * points.y[i]!;
    }
    const theta = new Float64Array(layout.size);
    theta[NORM_INDEX] = sw > 0 ? swy / sw : Math.log(Math.max(1e-12, data.statistic.rate[0]!));
    return [theta];
  }
  if (k === 0) {
    const fit = hingeFit(gramSums(points, x0, []), []);
    return fit ? [toParameters(layout, fit.coef, [])] : [];
  }
  const candidates = grid(points, FINE_GRID, data.lnBreakRange);
  const sums = gramSums(points, x0, candidates);
  const coarse = candidates.map((_, i) => i).filter((i) => i % 2 === 0);
  const tried = new Map<string, { wssr: number; chosen: number[] }>();
  const attempt = (chosen: number[]): number => {
    const key = chosen.join(',');
    const known = tried.get(key);
    if (known) return known.wssr;
    const fit = hingeFit(sums, chosen);
    const wssr = fit && Number.isFinite(fit.wssr) ? fit.wssr : Number.POSITIVE_INFINITY;
    tried.set(key, { wssr, chosen });
    return wssr;
  };
  const fits: { wssr: number; chosen: number[] }[] = [];
  if (coarse.length >= k) {
    for (const combo of combinations(coarse.length, k)) {
      const chosen = combo.map((c) => coarse[c]!);
      fits.push({ wssr: attempt(chosen), chosen });
    }
  }
  fits.sort((x, y) => x.wssr - y.wssr);
  // Each of the best coarse combinations, knot by knot, moved to its best place on the fine grid.
  const refined = fits.slice(0, REFINED).map((f) => refine(f.chosen, candidates.length, attempt));
  if (!refined.some((r) => Number.isFinite(r.wssr))) {
    // Too few distinct times for a grid: evenly spaced breaks and one index throughout.
    const fit = hingeFit(gramSums(points, x0, []), []);
    const [lo, hi] = data.lnBreakRange;
    const knots = Array.from({ length: k }, (_, i) => lo + ((i + 1) * (hi - lo)) / (k + 1));
    const coef = new Float64Array(2 + k);
    if (fit) coef.set(fit.coef);
    return [toParameters(layout, coef, knots)];
  }
  const unique = new Map<string, { wssr: number; chosen: number[] }>();
  for (const r of refined) if (Number.isFinite(r.wssr)) unique.set(r.chosen.join(','), r);
  return [...unique.values()]
    .sort((x, y) => x.wssr - y.wssr)
    .slice(0, count)
    .map((r) =>
      toParameters(
        layout,
        hingeFit(sums, r.chosen)!.coef,
        r.chosen.map((c) => candidates[c]!),
      ),
    );
}

/** Coordinate descent: each knot in turn to the fine-grid position (between its neighbours) of lowest WSSR, until none moves. */
function refine(start: readonly number[], size: number, attempt: (chosen: number[]) => number): { wssr: number; chosen: number[] } {
  const chosen = [...start];
  let wssr = attempt(chosen);
  for (let round = 0; round < 10; round++) {
    let moved = false;
    for (let j = 0; j < chosen.length; j++) {
      const lo = j === 0 ? 0 : chosen[j - 1]! + 1;
      const hi = j === chosen.length - 1 ? size - 1 : chosen[j + 1]! - 1;
      for (let c = lo; c <= hi; c++) {
        if (c === chosen[j]) continue;
        const trial = [...chosen];
        trial[j] = c;
        const w = attempt(trial);
        if (w < wssr) {
          wssr = w;
          chosen[j] = c;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { wssr, chosen };
}
