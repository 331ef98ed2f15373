// Levenberg–Marquardt on the residual vector, with Marquardt's scaling of the damping by the
// diagonal of JᵀJ (parameters of very different scales: ln N, indices, ln t_b) and a projection after
// each step that keeps constrained parameters (break times) feasible. Deterministic: no random restarts
// here; the caller chooses the starting points.
import { choleskySolve } from './linearAlgebra';

export interface LeastSquaresProblem {
  readonly size: number;
  /** Residuals, χ² = Σ r², and when asked for the Jacobian (residuals × size, row-major). */
  evaluate(
    theta: Float64Array,
    withJacobian: boolean,
  ): { readonly residuals: Float64Array; readonly jacobian?: Float64Array; readonly chi2: number };
  /** Moves θ into the feasible set in place, leaving the parameters flagged in `fixed` where they are. */
  project(theta: Float64Array, fixed: Uint8Array): void;
}

interface MinimiseOptions {
  /** 1 for each parameter held at its starting value (profiles). */
  readonly fixed?: Uint8Array;
  readonly maxIterations?: number;
}

interface MinimiseResult {
  readonly theta: Float64Array;
  readonly chi2: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Stop when an accepted step lowers χ² by less than this (absolute, plus 10⁻¹⁰ relative): far below the
 * 0.002 to which profile crossings are found, so the minimum's rounding does not move the intervals.
 */
const CHI2_TOLERANCE = 1e-6;
const MAX_DAMPING = 1e16;

/** Normal equations over the free parameters: A = JᵀJ, g = Jᵀr. */
function normalEquations(
  jacobian: Float64Array,
  residuals: Float64Array,
  size: number,
  free: readonly number[],
): { a: Float64Array; g: Float64Array } {
  const f = free.length;
  const a = new Float64Array(f * f);
  const g = new Float64Array(f);
  const n = residuals.length;
  for (let i = 0; i < n; i++) {
    const row = i * size;
    const r = residuals[i]!;
    for (let p = 0; p < f; p++) {
      const jp = jacobian[row + free[p]!]!;
      if (jp === 0) continue;
      g[p]! += jp * r;
      for (let q = 0; q <= p; q++) a[p * f + q]! += jp * jacobian[row + free[q]!]!;
    }
  }
  for (let p = 0; p < f; p++) for (let q = 0; q < p; q++) a[q * f + p] = a[p * f + q]!;
  return { a, g };
}

export function minimise(problem: LeastSquaresProblem, start: ArrayLike<number>, options: MinimiseOptions = {}): MinimiseResult {
  const size = problem.size;
  const fixed = options.fixed ?? new Uint8Array(size);
  const free: number[] = [];
  for (let p = 0; p < size; p++) if (!fixed[p]) free.push(p);
  const theta = Float64Array.from(start);
  problem.project(theta, fixed);
  let current = problem.evaluate(theta, true);
  if (free.length === 0 || !Number.isFinite(current.chi2))
    return { theta, chi2: current.chi2, iterations: 0, converged: free.length === 0 };
  const maxIterations = options.maxIterations ?? 200;
  const f = free.length;
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  let { a, g } = normalEquations(current.jacobian!, current.residuals, size, free);
  while (iterations < maxIterations) {
    iterations++;
    // A parameter that the projection moves back (a break time at the edge of the data, an index at its
    // limit) is held where the projection puts it and the step re-solved for the rest: otherwise every
    // step is cut short at the constraint and the damping grows until the optimiser stalls.
    let held: number[] = [];
    let trial: Float64Array | undefined;
    const base = Float64Array.from(theta);
    for (let attempt = 0; attempt < 3; attempt++) {
      const active = free.filter((_, p) => !held.includes(p));
      const a2 = held.length === 0 ? a : subMatrix(a, f, free, active);
      // Gradient of the linearised χ² at the point with the held parameters already moved.
      const g2 = Float64Array.from(active, (q) => {
        const i = free.indexOf(q);
        let v = g[i]!;
        for (const h of held) v += a[i * f + h]! * (base[free[h]!]! - theta[free[h]!]!);
        return v;
      });
      const m = active.length;
      const damped = Float64Array.from(a2);
      for (let p = 0; p < m; p++) damped[p * m + p]! += lambda * Math.max(a2[p * m + p]!, 1e-12);
      const step =
        m === 0
          ? new Float64Array(0)
          : choleskySolve(
              damped,
              g2.map((x) => -x),
              m,
            );
      if (!step) break;
      const raw = Float64Array.from(base);
      for (let p = 0; p < m; p++) raw[active[p]!]! += step[p]!;
      const projected = Float64Array.from(raw);
      problem.project(projected, fixed);
      trial = projected;
      const clipped = free.map((q, p) => (Math.abs(projected[q]! - raw[q]!) > 1e-12 && !held.includes(p) ? p : -1)).filter((p) => p >= 0);
      if (clipped.length === 0 || attempt === 2) break;
      held = [...held, ...clipped];
      // Hold the clipped parameters at their projected values for the re-solve.
      for (const p of clipped) base[free[p]!] = projected[free[p]!]!;
    }
    if (!trial) {
      lambda *= 10;
      if (lambda > MAX_DAMPING) break;
      continue;
    }
    const next = problem.evaluate(trial, true);
    if (next.chi2 < current.chi2) {
      const gain = current.chi2 - next.chi2;
      theta.set(trial);
      current = next;
      ({ a, g } = normalEquations(current.jacobian!, current.residuals, size, free));
      lambda = Math.max(lambda / 5, 1e-12);
      if (gain < CHI2_TOLERANCE + 1e-10 * current.chi2) {
        converged = true;
        break;
      }
    } else {
      lambda *= 4;
      // No step, however short, lowers χ²: θ is a minimum (within rounding) of the feasible set.
      if (lambda > MAX_DAMPING) {
        converged = true;
        break;
      }
    }
  }
  return { theta, chi2: current.chi2, iterations, converged };
}

/** Rows and columns `keep` (parameter indices) of the f × f matrix `a` over `free`. */
function subMatrix(a: Float64Array, f: number, free: readonly number[], keep: readonly number[]): Float64Array {
  const m = keep.length;
  const out = new Float64Array(m * m);
  const at = keep.map((q) => free.indexOf(q));
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = a[at[i]! * f + at[j]!]!;
  return out;
}

/** JᵀJ over all parameters at θ (for the covariance: cov = (JᵀJ)⁻¹ for χ² = Σ r²). */
export function fisherMatrix(problem: LeastSquaresProblem, theta: Float64Array, free: readonly number[]): Float64Array {
  const ev = problem.evaluate(theta, true);
  return normalEquations(ev.jacobian!, ev.residuals, problem.size, free).a;
}
