// Monte Carlo over synthetic light curves: how often the 90 % intervals contain the true values, and
// the mean of the estimates (shared by the unit tests and the benchmark; not a test file itself).
import {
  fitLightCurve,
  type DecayModel,
  type FitBin,
  type FitOptions,
  type LightCurveFitResult,
} from '../../../../src/shared/lightCurveFit';
import { seeded, truthAt, type TrueDecay } from './synthetic';

export interface CoverageReport {
  readonly runs: number;
  /** Per parameter: the share of runs whose 90 % interval contained the truth. */
  readonly coverage: Readonly<Record<string, number>>;
  /** Per parameter: mean of (estimate − truth) / truth for N and t_b, estimate − truth for indices. */
  readonly meanError: Readonly<Record<string, number>>;
  /** Per parameter: standard deviation of the same. */
  readonly spread: Readonly<Record<string, number>>;
  readonly results: readonly LightCurveFitResult[];
}

const relative = (name: string): boolean => name === 'N' || name.startsWith('tbreak');

export function measureCoverage(
  runs: number,
  seed: number,
  truth: TrueDecay,
  model: DecayModel,
  makeBins: (rng: () => number) => FitBin[],
  options: FitOptions = {},
): CoverageReport {
  const hits: Record<string, number> = {};
  const errors: Record<string, number[]> = {};
  const results: LightCurveFitResult[] = [];
  for (let run = 0; run < runs; run++) {
    const rng = seeded(seed * 7919 + run);
    const result = fitLightCurve(makeBins(rng), model, options);
    results.push(result);
    const expected = truthAt(truth, result.pivot);
    for (const p of result.parameters) {
      const t = expected[p.name]!;
      const lower = p.lower ?? (p.lowerUnbounded ? Number.NEGATIVE_INFINITY : Number.NaN);
      const upper = p.upper ?? (p.upperUnbounded ? Number.POSITIVE_INFINITY : Number.NaN);
      hits[p.name] = (hits[p.name] ?? 0) + (lower <= t && t <= upper ? 1 : 0);
      (errors[p.name] ??= []).push(relative(p.name) ? (p.value - t) / t : p.value - t);
    }
  }
  const coverage: Record<string, number> = {};
  const meanError: Record<string, number> = {};
  const spread: Record<string, number> = {};
  for (const [name, list] of Object.entries(errors)) {
    coverage[name] = hits[name]! / runs;
    const mean = list.reduce((s, v) => s + v, 0) / list.length;
    meanError[name] = mean;
    spread[name] = Math.sqrt(list.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, list.length - 1));
  }
  return { runs, coverage, meanError, spread, results };
}

/** Half-width of the acceptance band for a coverage measured over `runs` runs: `sigmas` binomial standard deviations. */
export function coverageBand(runs: number, sigmas = 3, p = 0.9): number {
  return sigmas * Math.sqrt((p * (1 - p)) / runs);
}
