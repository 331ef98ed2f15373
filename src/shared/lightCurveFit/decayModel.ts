// The decay laws and their averages over time bins, with derivatives for the optimiser.
//
// Every model is written through its log-rate L(x), x = ln t (t in seconds since T0), normalised at a
// fixed pivot time t0 so that N is the rate at t0:
//
//   L(x) = ln N + G(x) − G(x0),   G(x) = −α1·x − Σ_i (α_{i+1} − α_i)·S(x − ln t_b,i)
//
// with S(y) = max(0, y) for sharply broken power laws (continuous, the index changes from α_i to
// α_{i+1} exactly at t_b,i) and S(y) = ln(1 + e^{ωy}) / ω for smoothly broken ones, i.e.
//
//   F(t) = N (t/t0)^−α1 · Π_i [(1 + (t/t_b,i)^ω) / (1 + (t0/t_b,i)^ω)]^−(α_{i+1}−α_i)/ω,
//
// the form of astropy's SmoothlyBrokenPowerLaw1D (ω = 1/delta) extended to several breaks. For one
// break with α2 > α1 it is the Beuermann et al. (1999) form used for Swift-XRT afterglows,
// F ∝ [(t/t_b)^{ω'α1} + (t/t_b)^{ω'α2}]^{−1/ω'} with ω' = ω/(α2 − α1); written this way the width of
// the transition does not depend on the size of the change of index and flattenings (α2 < α1) work
// too. ω is fixed (default 3), not fitted. The constant is α1 = 0 without breaks.
//
// What is compared with a bin is the model averaged over the bin, (1/(t2 − t1))∫F dt, not F at the bin
// centre: early bins span a large range of log t where the decay is steep, and the centre value is
// biased low there. For sharp breaks each power-law piece is integrated analytically (bins that
// straddle a break are split at it); for smooth breaks by Gauss–Legendre quadrature in ln t.
import { NORM_INDEX, type ParameterLayout } from './parameterLayout';

/** Bins in the form the integrals need: ln of the edges and the width in seconds. */
export interface PreparedBins {
  readonly count: number;
  readonly lnStart: Float64Array;
  readonly lnStop: Float64Array;
  readonly width: Float64Array;
}

export function prepareBins(starts: ArrayLike<number>, stops: ArrayLike<number>): PreparedBins {
  const count = starts.length;
  const lnStart = new Float64Array(count);
  const lnStop = new Float64Array(count);
  const width = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    lnStart[i] = Math.log(starts[i]!);
    lnStop[i] = Math.log(stops[i]!);
    width[i] = stops[i]! - starts[i]!;
  }
  return { count, lnStart, lnStop, width };
}

/** expm1(z)/z, finite at z = 0. */
function phi1(z: number): number {
  if (Math.abs(z) < 1e-5) return 1 + z / 2 + (z * z) / 6;
  return Math.expm1(z) / z;
}

/** ∫₀¹ s·e^{zs} ds = (e^z (z − 1) + 1)/z², by its series near 0 where the closed form cancels. */
function phi2(z: number): number {
  if (Math.abs(z) < 1e-2) {
    let term = 1;
    let sum = 0;
    for (let n = 0; n < 6; n++) {
      sum += term / (n + 2);
      term *= z / (n + 1);
    }
    return sum;
  }
  return (Math.exp(z) * (z - 1) + 1) / (z * z);
}

/** S(y) and S'(y) of the smooth form, without overflow for large |ωy|. */
function softplus(y: number, omega: number): number {
  const wy = omega * y;
  return (Math.max(wy, 0) + Math.log1p(Math.exp(-Math.abs(wy)))) / omega;
}

function logistic(y: number, omega: number): number {
  const wy = omega * y;
  if (wy >= 0) return 1 / (1 + Math.exp(-wy));
  const e = Math.exp(wy);
  return e / (1 + e);
}

/** Six-point Gauss–Legendre nodes and weights on [−1, 1]. */
const GL_NODES = [
  -0.9324695142031521, -0.6612093864662645, -0.2386191860831969, 0.2386191860831969, 0.6612093864662645, 0.9324695142031521,
];
const GL_WEIGHTS = [0.1713244923791704, 0.3607615730481386, 0.467913934572691, 0.467913934572691, 0.3607615730481386, 0.1713244923791704];
/** Widest ln t span integrated with one set of nodes (a bin wider than this is split). */
const GL_MAX_SPAN = 0.5;

/** A model with its parameter vector unpacked: what the integrals read. */
interface ModelState {
  readonly layout: ParameterLayout;
  readonly lnPivot: number;
  readonly lnNorm: number;
  readonly alphas: Float64Array;
  readonly lnBreaks: Float64Array;
}

export function modelState(layout: ParameterLayout, lnPivot: number, theta: ArrayLike<number>): ModelState {
  const k = layout.segments - 1;
  const alphas = new Float64Array(k + 1);
  for (let j = 0; j <= k; j++) {
    const at = layout.alphaIndex(j);
    alphas[j] = at < 0 ? 0 : theta[at]!;
  }
  const lnBreaks = new Float64Array(k);
  for (let i = 0; i < k; i++) lnBreaks[i] = theta[layout.breakIndex(i)]!;
  return { layout, lnPivot, lnNorm: theta[NORM_INDEX]!, alphas, lnBreaks };
}

/** G(x) of the header comment. */
function shapeG(state: ModelState, x: number): number {
  const { alphas, lnBreaks, layout } = state;
  const smooth = layout.model.shape === 'smooth';
  const omega = layout.model.smoothness;
  let g = -alphas[0]! * x;
  for (let i = 0; i < lnBreaks.length; i++) {
    const y = x - lnBreaks[i]!;
    g -= (alphas[i + 1]! - alphas[i]!) * (smooth ? softplus(y, omega) : Math.max(0, y));
  }
  return g;
}

/** ∂G(x)/∂θ added into `out` with factor `scale` (only the vector's shape parameters; ln N has none). */
function addShapeGradient(state: ModelState, x: number, scale: number, out: Float64Array): void {
  const { alphas, lnBreaks, layout } = state;
  const k = lnBreaks.length;
  const smooth = layout.model.shape === 'smooth';
  const omega = layout.model.smoothness;
  const a0 = layout.alphaIndex(0);
  if (a0 >= 0) out[a0]! -= scale * x;
  for (let i = 0; i < k; i++) {
    const y = x - lnBreaks[i]!;
    const s = smooth ? softplus(y, omega) : Math.max(0, y);
    // S(x − x_i) enters with −(α_{i+1} − α_i): +S for α_i, −S for α_{i+1}.
    out[layout.alphaIndex(i)]! += scale * s;
    out[layout.alphaIndex(i + 1)]! -= scale * s;
    const ds = smooth ? logistic(y, omega) : y > 0 ? 1 : 0;
    out[layout.breakIndex(i)]! += scale * (alphas[i + 1]! - alphas[i]!) * ds;
  }
}

/** The model rate at time t (seconds since T0). */
export function rateAt(state: ModelState, t: number): number {
  const x = Math.log(t);
  return Math.exp(state.lnNorm + shapeG(state, x) - shapeG(state, state.lnPivot));
}

/**
 * Per-segment line of L(x) = c_s + β_s·x for sharp breaks, with ∂c_s/∂θ and ∂β_s/∂θ. Found from the
 * pointwise gradient at two points inside the segment: L and its gradient are linear in x there.
 */
interface SharpSegments {
  readonly c: Float64Array;
  readonly beta: Float64Array;
  /** segments × size, row-major. */
  readonly dc: Float64Array;
  readonly dbeta: Float64Array;
}

function sharpSegments(state: ModelState, gradient: boolean): SharpSegments {
  const { layout, lnBreaks, alphas } = state;
  const k = lnBreaks.length;
  const size = layout.size;
  const c = new Float64Array(k + 1);
  const beta = new Float64Array(k + 1);
  const dc = new Float64Array(gradient ? (k + 1) * size : 0);
  const dbeta = new Float64Array(gradient ? (k + 1) * size : 0);
  const g0 = shapeG(state, state.lnPivot);
  const grad0 = new Float64Array(size);
  if (gradient) addShapeGradient(state, state.lnPivot, 1, grad0);
  const ga = new Float64Array(size);
  const gb = new Float64Array(size);
  for (let s = 0; s <= k; s++) {
    // Two points strictly inside segment s (segments are unbounded at both ends).
    const lo = s === 0 ? (k > 0 ? lnBreaks[0]! - 2 : 0) : lnBreaks[s - 1]!;
    const hi = s === k ? lo + 2 : lnBreaks[s]!;
    const xa = lo + (hi - lo) / 3;
    const xb = lo + (2 * (hi - lo)) / 3;
    beta[s] = -alphas[s]!;
    c[s] = state.lnNorm + shapeG(state, xa) - g0 - beta[s]! * xa;
    if (!gradient || hi - lo <= 0) continue;
    ga.fill(0);
    gb.fill(0);
    addShapeGradient(state, xa, 1, ga);
    addShapeGradient(state, xb, 1, gb);
    for (let p = 0; p < size; p++) {
      const slope = (gb[p]! - ga[p]!) / (xb - xa);
      dbeta[s * size + p] = slope;
      dc[s * size + p] = ga[p]! - grad0[p]! - slope * xa;
    }
    dc[s * size + NORM_INDEX] = 1;
  }
  return { c, beta, dc, dbeta };
}

/**
 * Bin-averaged model rates into `out`, and when `jacobian` is given (bins × size, row-major) their
 * derivatives with respect to the parameter vector.
 */
export function binAverages(state: ModelState, bins: PreparedBins, out: Float64Array, jacobian?: Float64Array): void {
  if (state.layout.model.shape === 'smooth' && state.lnBreaks.length > 0) smoothAverages(state, bins, out, jacobian);
  else sharpAverages(state, bins, out, jacobian);
}

function sharpAverages(state: ModelState, bins: PreparedBins, out: Float64Array, jacobian?: Float64Array): void {
  const seg = sharpSegments(state, jacobian !== undefined);
  const { lnBreaks } = state;
  const k = lnBreaks.length;
  const size = state.layout.size;
  for (let i = 0; i < bins.count; i++) {
    const u = bins.lnStart[i]!;
    const v = bins.lnStop[i]!;
    let s = 0;
    while (s < k && lnBreaks[s]! <= u) s++;
    let from = u;
    let sum = 0;
    const row = i * size;
    if (jacobian) for (let p = 0; p < size; p++) jacobian[row + p] = 0;
    while (from < v) {
      const to = s < k && lnBreaks[s]! < v ? lnBreaks[s]! : v;
      const h = to - from;
      if (h > 0) {
        const gamma = seg.beta[s]! + 1;
        const z = gamma * h;
        const e = Math.exp(seg.c[s]! + gamma * from);
        const integral = e * h * phi1(z);
        sum += integral;
        if (jacobian) {
          const moment = from * integral + e * h * h * phi2(z);
          const base = s * size;
          for (let p = 0; p < size; p++) jacobian[row + p]! += integral * seg.dc[base + p]! + moment * seg.dbeta[base + p]!;
        }
      }
      from = to;
      s++;
    }
    const w = bins.width[i]!;
    out[i] = sum / w;
    if (jacobian) for (let p = 0; p < size; p++) jacobian[row + p]! /= w;
  }
}

/** Three-point Gauss–Legendre, for bins narrower than GL_NARROW in ln t (most counts-binned bins): exact to 1e-12 there. */
const GL3_NODES = [-0.7745966692414834, 0, 0.7745966692414834];
const GL3_WEIGHTS = [0.5555555555555556, 0.8888888888888888, 0.5555555555555556];
const GL_NARROW = 0.1;

/**
 * G(x) of the smooth form and, when `gradient` is given, ∂G/∂θ written into it (ln N's entry left 0):
 * one exponential and one logarithm per break.
 */
function smoothTerms(state: ModelState, x: number, gradient: Float64Array | undefined): number {
  const { alphas, lnBreaks, layout } = state;
  const omega = layout.model.smoothness;
  let g = -alphas[0]! * x;
  if (gradient) {
    gradient.fill(0);
    gradient[layout.alphaIndex(0)] = -x;
  }
  for (let i = 0; i < lnBreaks.length; i++) {
    const wy = omega * (x - lnBreaks[i]!);
    const e = Math.exp(-Math.abs(wy));
    const s = (Math.max(wy, 0) + Math.log1p(e)) / omega;
    const delta = alphas[i + 1]! - alphas[i]!;
    g -= delta * s;
    if (gradient) {
      gradient[layout.alphaIndex(i)]! += s;
      gradient[layout.alphaIndex(i + 1)]! -= s;
      gradient[layout.breakIndex(i)]! += delta * (wy >= 0 ? 1 / (1 + e) : e / (1 + e));
    }
  }
  return g;
}

function smoothAverages(state: ModelState, bins: PreparedBins, out: Float64Array, jacobian?: Float64Array): void {
  const size = state.layout.size;
  const grad0 = new Float64Array(size);
  const g0 = smoothTerms(state, state.lnPivot, jacobian ? grad0 : undefined);
  const gradient = jacobian ? new Float64Array(size) : undefined;
  for (let i = 0; i < bins.count; i++) {
    const u = bins.lnStart[i]!;
    const v = bins.lnStop[i]!;
    const narrow = v - u <= GL_NARROW;
    const nodes = narrow ? GL3_NODES : GL_NODES;
    const weights = narrow ? GL3_WEIGHTS : GL_WEIGHTS;
    const pieces = narrow ? 1 : Math.ceil((v - u) / GL_MAX_SPAN);
    const h = (v - u) / pieces;
    const row = i * size;
    if (jacobian) for (let p = 0; p < size; p++) jacobian[row + p] = 0;
    let sum = 0;
    for (let piece = 0; piece < pieces; piece++) {
      const mid = u + (piece + 0.5) * h;
      for (let n = 0; n < nodes.length; n++) {
        const x = mid + 0.5 * h * nodes[n]!;
        const f = weights[n]! * 0.5 * h * Math.exp(state.lnNorm + smoothTerms(state, x, gradient) - g0 + x);
        sum += f;
        if (jacobian && gradient) {
          jacobian[row + NORM_INDEX]! += f;
          for (let p = 1; p < size; p++) jacobian[row + p]! += f * (gradient[p]! - grad0[p]!);
        }
      }
    }
    const w = bins.width[i]!;
    out[i] = sum / w;
    if (jacobian) for (let p = 0; p < size; p++) jacobian[row + p]! /= w;
  }
}
