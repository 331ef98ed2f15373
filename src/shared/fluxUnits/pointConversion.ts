// Which conversion factor applies at a time, and count rates turned into fluxes with it. The light
// curve's points (lightCurveInFlux.ts) and a fitted model curve go through the same functions here, so
// a model drawn over the data in flux units is converted exactly as the data are.
import type { FluxConversion, IntervalFactors, ModeFactors, ValueWith1Sigma, XrtMode } from '../viewModel';

/** What the light curve's value axis shows: the count rate, or the flux observed or corrected for absorption. */
export type FluxUnit = 'rate' | 'observed' | 'unabsorbed';

/** Swift MET 0 = 2001-01-01T00:00:00 UTC = MJD 51910 (as the viewer's time axis, media/src/lib/timeAxis.ts). */
const MET_EPOCH_MJD = 51910;
const SECONDS_PER_DAY = 86400;

/** A light curve's time convention (test/fixtures/protocol/xrt-products.md §11.2 TimeFormat, T0). */
interface LightCurveClock {
  readonly timeFormat: string;
  /** Swift MET of the light curve's time zero. */
  readonly T0?: number;
}

/**
 * Maps a light curve's wire times onto the spectrum's clock (seconds since its T0), or says why it
 * cannot. MET times are seconds since the light curve's T0 (since MET 0 without one); MJD times are
 * converted without the UTCF clock correction (tens of seconds, far below any spectral interval's length).
 */
export function spectrumClock(lc: LightCurveClock, conversion: Pick<FluxConversion, 'T0'>): ((wireTime: number) => number) | string {
  const format = lc.timeFormat.toUpperCase();
  const specT0 = conversion.T0;
  if (format === 'MET') {
    if (lc.T0 !== undefined && specT0 !== undefined) {
      const shift = lc.T0 - specT0;
      return (t) => t + shift;
    }
    if (lc.T0 === undefined && specT0 !== undefined) return (t) => t - specT0;
    // Neither says its zero point, or only the light curve does: both are the job's, so they agree.
    return (t) => t;
  }
  if (format === 'MJD') {
    if (specT0 === undefined) return 'the light curve is in MJD and the spectrum gives no T0 to place its intervals';
    return (t) => (t - MET_EPOCH_MJD) * SECONDS_PER_DAY - specT0;
  }
  return `the light curve's time format (${lc.timeFormat}) cannot be matched with the spectral intervals`;
}

export type FluxOnlyUnit = Exclude<FluxUnit, 'rate'>;

/** The factor applied at one time, and how it was found. */
export interface FactorChoice {
  /** Index into `conversion.intervals`. */
  readonly interval: number;
  readonly mode: XrtMode;
  readonly factor: ValueWith1Sigma;
  /** No interval with a factor for this mode covers the time: the nearest one was used. */
  readonly outside: boolean;
  /** No interval has a factor for the requested mode: another mode's was used. */
  readonly otherMode: boolean;
}

function factorOf(m: ModeFactors, unit: FluxOnlyUnit): ValueWith1Sigma | undefined {
  return unit === 'observed' ? m.observed : m.unabsorbed;
}

/** Seconds from `s` to the interval's range (0 inside it). */
function distance(i: IntervalFactors, s: number): number {
  return s < i.start ? i.start - s : s > i.stop ? s - i.stop : 0;
}

/** Among intervals (with their index), the covering one of smallest span, else the nearest (then narrowest). */
function best(candidates: readonly { i: IntervalFactors; index: number }[], s: number): { i: IntervalFactors; index: number } | undefined {
  let chosen: { i: IntervalFactors; index: number } | undefined;
  for (const c of candidates) {
    if (!chosen) {
      chosen = c;
      continue;
    }
    const d = distance(c.i, s) - distance(chosen.i, s);
    if (d < 0 || (d === 0 && c.i.stop - c.i.start < chosen.i.stop - chosen.i.start)) chosen = c;
  }
  return chosen;
}

/**
 * The factor for `unit` at `seconds` (spectrum clock) for data of `mode`:
 * 1. the interval covering the time that has a factor for the mode — the narrowest when several overlap
 *    (a GRB's `late_time` lies inside `interval0`: the later, more specific spectrum applies);
 * 2. else the nearest interval with a factor for the mode (`outside`);
 * 3. else, when no interval has this mode, the covering or nearest interval's mode with the most exposure
 *    (`otherMode`).
 * Without `mode` (a model curve fitted to both modes together) the covering or nearest interval's mode
 * with the most exposure is used, flagged only when outside. Undefined when no interval has a factor.
 */
function chooseFactor(conversion: FluxConversion, unit: FluxOnlyUnit, seconds: number, mode?: XrtMode): FactorChoice | undefined {
  const all = conversion.intervals.map((i, index) => ({ i, index })).filter((c) => c.i.modes.some((m) => factorOf(m, unit)));
  if (mode) {
    const withMode = all.filter((c) => c.i.modes.some((m) => m.mode === mode && factorOf(m, unit)));
    const hit = best(withMode, seconds);
    if (hit) {
      const factor = factorOf(
        hit.i.modes.find((m) => m.mode === mode && factorOf(m, unit))!,
        unit,
      )!;
      return { interval: hit.index, mode, factor, outside: distance(hit.i, seconds) > 0, otherMode: false };
    }
  }
  const hit = best(all, seconds);
  if (!hit) return undefined;
  const modes = hit.i.modes.filter((m) => factorOf(m, unit));
  const used = modes.reduce((a, b) => (b.meanRate.exposure > a.meanRate.exposure ? b : a));
  return {
    interval: hit.index,
    mode: used.mode,
    factor: factorOf(used, unit)!,
    outside: distance(hit.i, seconds) > 0,
    otherMode: mode !== undefined,
  };
}

/** A curve in flux units, with the band the factor's 1σ uncertainty gives it. */
interface FluxCurve {
  readonly values: number[];
  readonly lower: number[];
  readonly upper: number[];
  /** The factor used at each time (undefined where none could be, then the values are NaN). */
  readonly choices: (FactorChoice | undefined)[];
}

/**
 * A model curve (count rates at wire times of the light curve `lc`) in flux units: each rate times the
 * factor that applies at its time (chooseFactor), so the curve steps where one spectral interval hands
 * over to the next, as the data do. `lower`/`upper` are the curve scaled by the factor's 1σ bounds: the
 * factor's uncertainty is one scale per interval (a normalisation), not a per-point error — fit in count
 * rates and convert the model, rather than fitting fluxes. Returns the reason when the light curve's
 * times cannot be placed on the spectrum's clock.
 */
export function fluxModelCurve(
  conversion: FluxConversion,
  unit: FluxOnlyUnit,
  lc: LightCurveClock,
  times: readonly number[],
  rates: readonly number[],
  mode?: XrtMode,
): FluxCurve | string {
  const clock = spectrumClock(lc, conversion);
  if (typeof clock === 'string') return clock;
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const choices: (FactorChoice | undefined)[] = [];
  for (let i = 0; i < times.length; i++) {
    const choice = chooseFactor(conversion, unit, clock(times[i]!), mode);
    const r = rates[i]!;
    choices.push(choice);
    if (!choice) {
      values.push(Number.NaN);
      lower.push(Number.NaN);
      upper.push(Number.NaN);
      continue;
    }
    const { value, pos, neg } = choice.factor;
    values.push(r * value);
    lower.push(r * (value + neg));
    upper.push(r * (value + pos));
  }
  return { values, lower, upper, choices };
}
