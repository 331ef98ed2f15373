// Fits one decay model, or chooses among them, and builds the result: the best fit over several
// starting points, the covariance, the profile intervals, per-bin residuals.
import { binAverages, modelState, prepareBins } from './decayModel';
import { fitData, fitProblem, selectBins, type FitData, type FitProblem } from './fitProblem';
import type { BinResidual, CompetingModel, FitParameter, LightCurveFitResult } from './fitResult';
import { symmetricInverse } from './linearAlgebra';
import { fisherMatrix, minimise } from './levenbergMarquardt';
import { bic, SELECTION_RULE } from './modelSelection';
import { modelLabel, NORM_INDEX, type ParameterLayout } from './parameterLayout';
import { BetterMinimum, profileInterval, type ProfileInterval } from './profileIntervals';
import { startingPoints } from './startingValues';
import { binResidual } from './statistic';
import { DEFAULT_SMOOTHNESS, FitCancelled, FitError, MAX_BREAKS, type DecayModel, type FitBin, type FitOptions } from './types';

/** Starts tried for models with breaks (the best of the log–log grid fits). */
const STARTS_WITH_BREAKS = 4;
/** Times a profile may find a lower minimum and restart the intervals. */
const MAX_RESTARTS = 3;

/** The model of `breaks` breaks (0 = power law) with the options' shape. */
export function decayModel(breaks: number | 'constant', options: FitOptions = {}): DecayModel {
  const shape = options.shape ?? 'sharp';
  const smoothness = options.smoothness ?? DEFAULT_SMOOTHNESS;
  if (breaks === 'constant') return { kind: 'constant', breaks: 0, shape, smoothness };
  if (!Number.isInteger(breaks) || breaks < 0 || breaks > MAX_BREAKS)
    throw new FitError(`The number of breaks must be 0 to ${MAX_BREAKS}, not ${breaks}.`);
  return { kind: breaks === 0 ? 'power-law' : 'broken-power-law', breaks, shape, smoothness };
}

class Progress {
  private done = 0;
  constructor(
    private readonly options: FitOptions,
    private readonly expected: number,
  ) {}
  tick(): void {
    this.done++;
    if (this.options.progress?.(Math.min(1, this.done / this.expected)) === false) throw new FitCancelled();
  }
}

interface BestFit {
  readonly problem: FitProblem;
  readonly theta: Float64Array;
  readonly chi2: number;
}

function bestFit(problem: FitProblem, progress: Progress, extraStarts: readonly Float64Array[] = []): BestFit {
  const k = problem.layout.segments - 1;
  const starts = [...extraStarts, ...startingPoints(problem.layout, problem.data, k > 0 ? STARTS_WITH_BREAKS : 1)];
  let best: BestFit | undefined;
  for (const start of starts) {
    const r = minimise(problem, start);
    progress.tick();
    if (!best || r.chi2 < best.chi2) best = { problem, theta: r.theta, chi2: r.chi2 };
  }
  if (!best || !Number.isFinite(best.chi2))
    throw new FitError(`The ${modelLabel(problem.layout.model)} could not be fitted: the statistic is not finite at any starting point.`);
  return best;
}

function checkEnoughBins(data: FitData, layout: ParameterLayout): void {
  if (data.detections <= layout.size) {
    throw new FitError(
      `A ${modelLabel(layout.model)} has ${layout.size} free parameters; ${data.detections} detection bin(s) are not enough to fit it (at least ${layout.size + 1} are needed).`,
    );
  }
}

/** Covariance of the fitted vector at θ, or undefined when JᵀJ is singular. */
function covarianceAt(fit: BestFit): Float64Array | undefined {
  const size = fit.problem.size;
  const all = Array.from({ length: size }, (_, p) => p);
  return symmetricInverse(fisherMatrix(fit.problem, fit.theta, all), size);
}

interface Intervals {
  readonly fit: BestFit;
  readonly covariance: Float64Array | undefined;
  readonly intervals: readonly ProfileInterval[] | undefined;
  readonly restarts: number;
}

function withIntervals(first: BestFit, wanted: boolean, progress: Progress): Intervals {
  let fit = first;
  for (let restart = 0; ; restart++) {
    const covariance = covarianceAt(fit);
    if (!wanted) return { fit, covariance, intervals: undefined, restarts: restart };
    try {
      const size = fit.problem.size;
      const shift = (p: number): Float64Array | undefined => {
        const cpp = covariance?.[p * size + p];
        if (!covariance || !(cpp! > 0)) return undefined;
        return Float64Array.from({ length: size }, (_, q) => covariance[q * size + p]! / cpp!);
      };
      const ctx = { problem: fit.problem, best: fit.theta, chi2: fit.chi2, tick: () => progress.tick(), shift };
      const intervals = Array.from({ length: fit.problem.size }, (_, p) =>
        profileInterval(ctx, p, covariance ? Math.sqrt(Math.max(0, covariance[p * fit.problem.size + p]!)) : Number.NaN),
      );
      return { fit, covariance, intervals, restarts: restart };
    } catch (error) {
      if (!(error instanceof BetterMinimum) || restart >= MAX_RESTARTS) throw error;
      // The profile walked into a deeper minimum than the starts found: polish it and start again.
      const r = minimise(fit.problem, error.theta);
      fit = { problem: fit.problem, theta: r.theta, chi2: Math.min(r.chi2, error.chi2) };
    }
  }
}

/** Physical value of vector entry p (ln N → N, ln t_b → t_b). */
function physical(layout: ParameterLayout, p: number, v: number): number {
  return isLogParameter(layout, p) ? Math.exp(v) : v;
}

function isLogParameter(layout: ParameterLayout, p: number): boolean {
  return p === NORM_INDEX || (layout.segments > 1 && p >= layout.breakIndex(0));
}

function parameters(result: Intervals): FitParameter[] {
  const { fit, covariance, intervals } = result;
  const layout = fit.problem.layout;
  return layout.names.map((name, p) => {
    const value = physical(layout, p, fit.theta[p]!);
    const variance = covariance?.[p * layout.size + p];
    const sigma = variance !== undefined && variance >= 0 ? Math.sqrt(variance) : undefined;
    const interval = intervals?.[p];
    const bound = (side: 'lower' | 'upper'): number | null => {
      const s = interval?.[side];
      return s && !s.unbounded && s.value !== undefined ? physical(layout, p, s.value) : null;
    };
    return {
      name,
      unit: name === 'N' ? 'count/s' : name.startsWith('tbreak') ? 's' : '',
      value,
      lower: bound('lower'),
      upper: bound('upper'),
      lowerUnbounded: interval?.lower.unbounded ?? false,
      upperUnbounded: interval?.upper.unbounded ?? false,
      covarianceError: sigma === undefined ? null : isLogParameter(layout, p) ? value * sigma : sigma,
    };
  });
}

function residuals(fit: BestFit, excluded: readonly FitBin[]): BinResidual[] {
  const { problem, theta } = fit;
  const data = problem.data;
  const state = modelState(problem.layout, data.lnPivot, theta);
  const inFit = new Float64Array(data.bins.length);
  binAverages(state, data.statistic.bins, inFit);
  const row = (b: FitBin, m: number, excluded: boolean): BinResidual => ({
    dataset: b.dataset,
    start: b.start,
    stop: b.stop,
    rate: b.rate,
    upperLimit: b.upperLimit,
    model: m,
    residual: binResidual(b.rate, b.errorPos, b.errorNeg, b.upperLimit, m, data.statistic.upperLimitSigmas),
    excluded,
  });
  const out: BinResidual[] = data.bins.map((b, i) => row(b, inFit[i]!, false));
  if (excluded.length > 0) {
    const prepared = prepareBins(
      excluded.map((b) => b.start),
      excluded.map((b) => b.stop),
    );
    const models = new Float64Array(excluded.length);
    binAverages(state, prepared, models);
    excluded.forEach((b, i) => out.push(row(b, models[i]!, true)));
  }
  return out.sort((a, b) => a.start - b.start);
}

function covarianceMatrix(layout: ParameterLayout, covariance: Float64Array | undefined): LightCurveFitResult['covariance'] {
  if (!covariance) return null;
  const names = layout.names.map((n, p) => (isLogParameter(layout, p) ? `ln ${n}` : n));
  const matrix = names.map((_, p) => names.map((__, q) => covariance[p * layout.size + q]!));
  return { parameters: names, matrix };
}

function buildResult(
  result: Intervals,
  selected: ReturnType<typeof selectBins>,
  options: FitOptions,
  notes: string[],
): LightCurveFitResult {
  const { fit } = result;
  const layout = fit.problem.layout;
  const data = fit.problem.data;
  let penalty = 0;
  const res = residuals(fit, selected.excluded);
  for (const r of res) if (!r.excluded && r.upperLimit) penalty += r.residual * r.residual;
  const allNotes = [...notes];
  if (selected.unusable.length > 0)
    allNotes.push(
      `${selected.unusable.length} bin(s) left out because they cannot be fitted: ${[...new Set(selected.unusable.map((u) => u.reason))].join('; ')}.`,
    );
  if (result.restarts > 0)
    allNotes.push('The profile of the statistic found a lower minimum than the first fit; the fit was restarted from it.');
  if (!result.covariance) allNotes.push('The covariance matrix is singular: some parameters are not constrained by the data.');
  return {
    model: layout.model,
    label: modelLabel(layout.model),
    pivot: Math.exp(data.lnPivot),
    parameters: parameters(result),
    statistic: {
      name: 'chi2',
      value: fit.chi2,
      dof: data.detections - layout.size,
      detections: data.detections,
      upperLimits: data.upperLimits,
      excluded: selected.excluded.length,
      unusable: selected.unusable.length,
      upperLimitPenalty: penalty,
      upperLimitSigmas: data.statistic.upperLimitSigmas,
    },
    covariance: covarianceMatrix(layout, result.covariance),
    exclusions: options.exclude ?? [],
    residuals: res,
    notes: allNotes,
  };
}

/** Number of profile minimisations to expect, for progress: two sides, a dozen steps each. */
function expectedTicks(size: number, intervals: boolean): number {
  return STARTS_WITH_BREAKS + (intervals ? size * 2 * 12 : 0);
}

/**
 * The best fit of a model with k breaks from its own grid starts and, for k ≥ 2, from the best fit with
 * k − 1 breaks extended by one (found the same way): a grid start can miss a weak break (a late jet
 * break behind a bright early decay), the chain rarely does.
 */
function bestFitChained(data: FitData, model: DecayModel, progress: Progress): BestFit {
  const problem = fitProblem(data, model);
  if (model.kind !== 'broken-power-law' || model.breaks < 2) return bestFit(problem, progress);
  const fewer = fitProblem(data, { ...model, breaks: model.breaks - 1 });
  if (data.detections <= fewer.size) return bestFit(problem, progress);
  const previous = bestFitChained(data, { ...model, breaks: model.breaks - 1 }, progress);
  return bestFit(problem, progress, [extendByBreak(previous, problem)]);
}

/** Fits `model` to the bins (after exclusions), with 90 % profile intervals unless `intervals: false`. */
export function fitLightCurve(bins: readonly FitBin[], model: DecayModel, options: FitOptions = {}): LightCurveFitResult {
  const selected = selectBins(bins, options.exclude ?? []);
  const data = fitData(selected.bins, options.upperLimitSigmas);
  const problem = fitProblem(data, model);
  checkEnoughBins(data, problem.layout);
  const wantIntervals = options.intervals ?? true;
  const progress = new Progress(options, expectedTicks(problem.size, wantIntervals) + model.breaks * STARTS_WITH_BREAKS);
  const result = withIntervals(bestFitChained(data, model, progress), wantIntervals, progress);
  return buildResult(result, selected, options, []);
}

/**
 * Fits the constant, the power law and broken power laws of 1 to `maxBreaks` breaks, and returns the
 * model of lowest BIC (modelSelection.ts) with its intervals; `comparison` lists every candidate.
 */
export function fitLightCurveAuto(
  bins: readonly FitBin[],
  options: FitOptions & { readonly maxBreaks?: number } = {},
): LightCurveFitResult {
  const selected = selectBins(bins, options.exclude ?? []);
  const data = fitData(selected.bins, options.upperLimitSigmas);
  const maxBreaks = Math.min(options.maxBreaks ?? MAX_BREAKS, MAX_BREAKS);
  const candidates: DecayModel[] = [
    decayModel('constant', options),
    ...Array.from({ length: maxBreaks + 1 }, (_, k) => decayModel(k, options)),
  ];
  const progress = new Progress(options, candidates.length * STARTS_WITH_BREAKS + expectedTicks(2 * maxBreaks + 2, true));
  const notes: string[] = [];
  const fits: { fit: BestFit; bic: number }[] = [];
  let previous: BestFit | undefined;
  for (const model of candidates) {
    const problem = fitProblem(data, model);
    if (data.detections <= problem.size) {
      notes.push(
        `The ${modelLabel(model)} was not tried: ${data.detections} detection bin(s) cannot constrain ${problem.size} parameters.`,
      );
      continue;
    }
    const fit = bestFit(problem, progress, previous ? [extendByBreak(previous, problem)] : []);
    fits.push({ fit, bic: bic(fit.chi2, problem.size, data.detections) });
    if (model.kind !== 'constant') previous = fit;
  }
  if (fits.length === 0) throw new FitError(`${data.detections} detection bin(s) are too few to fit any decay model.`);
  let chosen = 0;
  fits.forEach((f, i) => {
    if (f.bic < fits[chosen]!.bic) chosen = i;
  });
  const result = withIntervals(fits[chosen]!.fit, options.intervals ?? true, progress);
  const models: CompetingModel[] = fits.map((f, i) => {
    const fit = i === chosen ? result.fit : f.fit;
    const layout = fit.problem.layout;
    return {
      model: layout.model,
      label: modelLabel(layout.model),
      chi2: fit.chi2,
      dof: data.detections - layout.size,
      freeParameters: layout.size,
      bic: i === chosen ? bic(fit.chi2, layout.size, data.detections) : f.bic,
      chosen: i === chosen,
      parameters: Object.fromEntries(layout.names.map((n, p) => [n, physical(layout, p, fit.theta[p]!)])),
    };
  });
  const built = buildResult(result, selected, options, notes);
  return { ...built, comparison: { criterion: 'BIC', rule: SELECTION_RULE, models } };
}

/**
 * A start for k + 1 breaks from the best k-break fit: the new break in the middle of the widest
 * segment in ln t, with the index of that segment on both sides (the same curve, so the fit can only
 * improve from there).
 */
function extendByBreak(previous: BestFit, problem: FitProblem): Float64Array {
  const from = previous.problem.layout;
  const to = problem.layout;
  const k = from.segments - 1;
  const [lo, hi] = problem.data.lnBreakRange;
  const edges = [lo, ...Array.from({ length: k }, (_, i) => previous.theta[from.breakIndex(i)]!), hi];
  let widest = 0;
  for (let s = 1; s <= k; s++) if (edges[s + 1]! - edges[s]! > edges[widest + 1]! - edges[widest]!) widest = s;
  const alphas = Array.from({ length: k + 1 }, (_, j) => previous.theta[from.alphaIndex(j)]!);
  const breaks = edges.slice(1, -1);
  alphas.splice(widest, 0, alphas[widest]!);
  breaks.splice(widest, 0, (edges[widest]! + edges[widest + 1]!) / 2);
  const theta = new Float64Array(to.size);
  theta[NORM_INDEX] = previous.theta[NORM_INDEX]!;
  alphas.forEach((a, j) => (theta[to.alphaIndex(j)] = a));
  breaks.forEach((b, i) => (theta[to.breakIndex(i)] = b));
  return theta;
}
