// Light-curve fit engine: fit times against the budgets (a power law under 50 ms; a broken power law
// with 3 breaks on a 1,000-bin light curve, with 90 % intervals, under 1 s) and the coverage of the
// 90 % intervals over many synthetic realisations (the unit tests run fewer).
import { decayModel, fitLightCurve, fitLightCurveAuto, type DecayModel, type FitBin } from '../../src/shared/lightCurveFit';
import { coverageBand, measureCoverage } from '../unit/shared/lightCurveFit/coverage';
import { seeded, syntheticLightCurve, type SyntheticOptions, type TrueDecay } from '../unit/shared/lightCurveFit/synthetic';

const POWER_LAW: TrueDecay = { rateAt1000: 5, alphas: [1.2], breaks: [] };
/** The canonical X-ray afterglow: steep decay, plateau, normal decay, jet break. */
const CANONICAL: TrueDecay = { rateAt1000: 10, alphas: [3, 0.5, 1.2, 2.0], breaks: [400, 8000, 8e4] };
const CANONICAL_SMOOTH: TrueDecay = { ...CANONICAL, smoothness: 3 };
const ONE_BREAK: TrueDecay = { rateAt1000: 4, alphas: [0.6, 1.4], breaks: [4000] };

export interface TimedFit {
  readonly label: string;
  readonly bins: number;
  /** The first fit in this process (includes the JIT's warm-up). */
  readonly firstMs: number;
  /** Median of the repeated fits. */
  readonly medianMs: number;
  readonly budgetMs?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeFit(label: string, bins: FitBin[], fit: () => unknown, repeats: number, budgetMs?: number): TimedFit {
  let t = performance.now();
  fit();
  const firstMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    t = performance.now();
    fit();
    times.push(performance.now() - t);
  }
  return { label, bins: bins.length, firstMs, medianMs: median(times), ...(budgetMs !== undefined ? { budgetMs } : {}) };
}

/** About 1,000 bins: counts binning at a size that gives that many on these decays. */
function thousandBins(truth: TrueDecay, size: number): FitBin[] {
  return syntheticLightCurve(truth, seeded(2026), { binning: { kind: 'counts', size }, upperLimitBelowCounts: 8 });
}

export function benchFitTimes(): TimedFit[] {
  const pl = thousandBins(POWER_LAW, 5);
  const canonical = thousandBins(CANONICAL, 26);
  const smooth = thousandBins(CANONICAL_SMOOTH, 26);
  return [
    timeFit('power law, 90 % intervals', pl, () => fitLightCurve(pl, decayModel(0)), 20, 50),
    timeFit('broken power law, 3 sharp breaks, 90 % intervals', canonical, () => fitLightCurve(canonical, decayModel(3)), 5, 1000),
    timeFit(
      'broken power law, 3 smooth breaks (ω = 3), 90 % intervals',
      smooth,
      () => fitLightCurve(smooth, decayModel(3, { shape: 'smooth' })),
      3,
    ),
    timeFit('automatic choice among 0–4 breaks (BIC), intervals for the chosen', canonical, () => fitLightCurveAuto(canonical), 3),
  ];
}

export interface CoverageLine {
  readonly label: string;
  readonly runs: number;
  readonly band: number;
  readonly coverage: Readonly<Record<string, number>>;
  readonly meanError: Readonly<Record<string, number>>;
  readonly seconds: number;
}

function coverageOf(label: string, runs: number, truth: TrueDecay, model: DecayModel, options: SyntheticOptions): CoverageLine {
  const t = performance.now();
  const r = measureCoverage(runs, 100, truth, model, (rng) => syntheticLightCurve(truth, rng, options));
  return { label, runs, band: coverageBand(runs), coverage: r.coverage, meanError: r.meanError, seconds: (performance.now() - t) / 1000 };
}

export function benchFitCoverage(): CoverageLine[] {
  return [
    coverageOf('power law, counts-binned (20 counts/bin)', 400, { ...POWER_LAW, rateAt1000: 1.5 }, decayModel(0), {
      binning: { kind: 'counts', size: 20 },
    }),
    coverageOf('1 sharp break, fixed 250 s bins, upper limits below 10 counts', 300, ONE_BREAK, decayModel(1), {
      binning: { kind: 'time', size: 250 },
      upperLimitBelowCounts: 10,
    }),
    coverageOf('canonical 3 sharp breaks, counts-binned (60 counts/bin, ~550 bins), upper limits', 100, CANONICAL, decayModel(3), {
      binning: { kind: 'counts', size: 60 },
      upperLimitBelowCounts: 8,
    }),
    coverageOf('canonical 3 sharp breaks, counts-binned (26 counts/bin, ~1,000 bins), upper limits', 100, CANONICAL, decayModel(3), {
      binning: { kind: 'counts', size: 26 },
      upperLimitBelowCounts: 8,
    }),
    coverageOf(
      'canonical 3 smooth breaks (ω = 3), counts-binned (26 counts/bin)',
      40,
      CANONICAL_SMOOTH,
      decayModel(3, { shape: 'smooth' }),
      { binning: { kind: 'counts', size: 26 }, upperLimitBelowCounts: 8 },
    ),
  ];
}
