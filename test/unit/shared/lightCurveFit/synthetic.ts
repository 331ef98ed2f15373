// Synthetic Swift-XRT-like light curves with known decay parameters, for the fit engine's tests and
// benchmark. Independent of the engine: the true rate and its bin averages are computed here by
// their own formula and numerical integration, so a wrong integral in the engine cannot cancel out.
import type { FitBin } from '../../../../src/shared/lightCurveFit';

/** mulberry32: deterministic, seeded, good enough for Monte Carlo. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
export function normal(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export interface TrueDecay {
  /** Rate at t = 1000 s (count/s). */
  readonly rateAt1000: number;
  /** Indices, one more than the breaks. */
  readonly alphas: readonly number[];
  /** Break times (s), increasing. */
  readonly breaks: readonly number[];
  /** Smoothness ω of the smooth form; undefined for sharp breaks. */
  readonly smoothness?: number;
  /** A flare multiplying the decay by 1 + amplitude·exp(−(t − peak)²/(2 width²)). */
  readonly flare?: { readonly peak: number; readonly width: number; readonly amplitude: number };
}

/** ln of the unnormalised decay (sharp or smooth), written directly, not through the engine. */
function lnShape(d: TrueDecay, t: number): number {
  const x = Math.log(t);
  let g = -d.alphas[0]! * x;
  d.breaks.forEach((tb, i) => {
    const y = x - Math.log(tb);
    const s = d.smoothness === undefined ? Math.max(0, y) : Math.log(1 + Math.exp(d.smoothness * y)) / d.smoothness;
    g -= (d.alphas[i + 1]! - d.alphas[i]!) * s;
  });
  return g;
}

/** The true rate at t (s since T0). */
export function trueRate(d: TrueDecay, t: number): number {
  const base = d.rateAt1000 * Math.exp(lnShape(d, t) - lnShape(d, 1000));
  const f = d.flare;
  return f ? base * (1 + f.amplitude * Math.exp(-((t - f.peak) ** 2) / (2 * f.width ** 2))) : base;
}

/** Average of the true rate over [a, b], by Simpson's rule in ln t (fine enough to be exact at these noise levels). */
export function trueAverage(d: TrueDecay, a: number, b: number): number {
  const steps = 64;
  const la = Math.log(a);
  const h = (Math.log(b) - la) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const t = Math.exp(la + i * h);
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * trueRate(d, t) * t;
  }
  return (sum * h) / 3 / (b - a);
}

/** The physical parameters of the truth at the engine's pivot t0: N = F(t0), the indices, the breaks. */
export function truthAt(d: TrueDecay, pivot: number): Record<string, number> {
  const out: Record<string, number> = { N: trueRate({ ...d, flare: undefined }, pivot) };
  d.alphas.forEach((a, j) => (out[`alpha${j + 1}`] = a));
  d.breaks.forEach((tb, i) => (out[`tbreak${i + 1}`] = tb));
  return out;
}

export interface Schedule {
  /** Observing intervals [start, stop] in s since T0 (Swift snapshots). */
  readonly snapshots: readonly (readonly [number, number])[];
}

/** A GRB follow-up: a first snapshot from 100 s, then snapshots spaced ever wider out to ~10⁶ s. */
export function grbSchedule(count = 14): Schedule {
  const snapshots: [number, number][] = [[100, 1700]];
  for (let i = 1; i < count; i++) {
    const start = 3000 * Math.pow(1.75, i - 1);
    snapshots.push([start, start + 1500]);
  }
  return { snapshots };
}

export interface Binning {
  /** `counts`: bins of about `size` counts (variable width); `time`: bins of `size` seconds. */
  readonly kind: 'counts' | 'time';
  readonly size: number;
}

/** Bins in time order: counts binning follows the true expected counts, as the product generator's does. */
function binEdges(d: TrueDecay, schedule: Schedule, binning: Binning): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of schedule.snapshots) {
    if (binning.kind === 'time') {
      const n = Math.max(1, Math.round((b - a) / binning.size));
      for (let i = 0; i < n; i++) out.push([a + ((b - a) * i) / n, a + ((b - a) * (i + 1)) / n]);
      continue;
    }
    // Walk through the snapshot in small steps, closing a bin when its expected counts reach `size`.
    const total = trueAverage(d, a, b) * (b - a);
    const n = Math.max(1, Math.min(400, Math.floor(total / binning.size)));
    let start = a;
    let acc = 0;
    const step = (b - a) / 1000;
    for (let t = a; t < b - step / 2 && out.length < 1e6; t += step) {
      acc += trueRate(d, t + step / 2) * step;
      if (acc >= total / n && b - (t + step) > step / 2) {
        out.push([start, t + step]);
        start = t + step;
        acc = 0;
      }
    }
    out.push([start, b]);
  }
  return out;
}

export interface SyntheticOptions {
  readonly binning: Binning;
  readonly schedule?: Schedule;
  /** Relative asymmetry of the errors: σ+ = σ(1 + a), σ− = σ(1 − a). */
  readonly asymmetry?: number;
  /** Bins with fewer expected counts than this become 3σ upper limits. */
  readonly upperLimitBelowCounts?: number;
  /** Bins starting before this time are WT, the rest PC. */
  readonly wtUntil?: number;
}

/**
 * A realisation: for each bin the true bin average m, counts μ = m·width, σ = √μ / width, and a data
 * value drawn from the split normal the statistic assumes (below m with σ+, above with σ−, each side
 * with its share of probability). Low-count bins become upper limits U = max(y, 0) + 3σ.
 */
export function syntheticLightCurve(d: TrueDecay, rng: () => number, options: SyntheticOptions): FitBin[] {
  const schedule = options.schedule ?? grbSchedule();
  const a = options.asymmetry ?? 0.15;
  const wtUntil = options.wtUntil ?? 600;
  const ulBelow = options.upperLimitBelowCounts ?? 0;
  return binEdges(d, schedule, options.binning).map(([start, stop]) => {
    const width = stop - start;
    const m = trueAverage(d, start, stop);
    const mu = m * width;
    const sigma = Math.sqrt(Math.max(mu, 1)) / width;
    const dataset = start < wtUntil ? 'WT' : 'PC';
    if (mu < ulBelow) {
      const y = m + sigma * normal(rng);
      return { dataset: `${dataset}UL`, start, stop, rate: Math.max(y, 0) + 3 * sigma, errorPos: 0, errorNeg: 0, upperLimit: true };
    }
    const sp = sigma * (1 + a);
    const sn = sigma * (1 - a);
    const z = Math.abs(normal(rng));
    const rate = rng() < sp / (sp + sn) ? m - sp * z : m + sn * z;
    return { dataset, start, stop, rate, errorPos: sp, errorNeg: sn, upperLimit: false };
  });
}

/** A noiseless power law (N = 1 at 1000 s, α = 1.5) as exact bin averages with 5 % errors, WT and PC alternating. */
export function noiselessPowerLaw(count: number, from = 200, to = 2e5): FitBin[] {
  const out: FitBin[] = [];
  const step = Math.log(to / from) / count;
  for (let i = 0; i < count; i++) {
    const a = from * Math.exp(i * step);
    const b = a * Math.exp(step * 0.8);
    // ∫(t/1000)^-1.5 dt / (b − a) = 1000^1.5 · 2 (a^-0.5 − b^-0.5) / (b − a)
    const m = (Math.pow(1000, 1.5) * 2 * (Math.pow(a, -0.5) - Math.pow(b, -0.5))) / (b - a);
    out.push({ dataset: i % 2 ? 'PC' : 'WT', start: a, stop: b, rate: m, errorPos: 0.05 * m, errorNeg: 0.05 * m, upperLimit: false });
  }
  return out;
}
