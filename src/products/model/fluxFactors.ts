// The flux-unit conversion of a job (src/shared/fluxUnits): per spectral interval and XRT mode, the
// fit's observed and unabsorbed flux over the light curve's mean count rate in the interval's time
// range. The spectral-fit reply carries fluxes but no count rate (test/fixtures/protocol/xrt-products.md
// §12, and the official client's description of it, swifttools/ukssdc/APIDocs/ukssdc/structures.md
// "The spectrum dict"), so the rate comes from the job's own light curve (§11.2 columns).
import { conversionFactor, DEFAULT_DELTA_FIT_STAT, meanRate, type RateBin } from '../../shared/fluxUnits/factors';
import { spectrumClock } from '../../shared/fluxUnits/pointConversion';
import type {
  FluxConversion,
  IntervalFactors,
  LightCurveDataset,
  LightCurveSection,
  MeanRate,
  ModeFactors,
  SpectralFit,
  SpectrumSection,
  XrtMode,
} from '../../shared/viewModel';

/** The band of the fit's fluxes. §12 leaves it unknown ("presumably 0.3–10 keV"), and no product states it. */
const ASSUMED_BAND = { minKeV: 0.3, maxKeV: 10, assumed: true } as const;

/** Light curves differing from the spectrum's exposure by more than this fraction get a note. */
const EXPOSURE_MISMATCH = 0.25;

/** The conversion, or why there is none (`reason` only when the spectrum has fluxes to offer). */
type FluxConversionResult = { readonly conversion: FluxConversion } | { readonly reason?: string };

/** The fit whose fluxes convert: `PowerLaw` when it succeeded (the service's default model), else the first with a flux. */
function chosenFit(fits: readonly SpectralFit[]): SpectralFit | undefined {
  const usable = fits.filter((f) => !f.fitFailed && (f.obsFlux !== undefined || f.unabsFlux !== undefined));
  return usable.find((f) => f.model.toLowerCase() === 'powerlaw') ?? usable[0];
}

/** The mode's detections and upper limits of one variant: plain first (nosys changes only WT errors; incbad adds bins). */
function datasetsFor(lc: LightCurveSection, mode: XrtMode): { detections?: LightCurveDataset; limits?: LightCurveDataset } {
  const order = (d: LightCurveDataset): number => (d.incbad ? 2 : 0) + (d.nosys ? 1 : 0);
  const detections = lc.datasets.filter((d) => d.mode === mode && d.kind === 'detections').sort((a, b) => order(a) - order(b))[0];
  const limits = lc.datasets.find(
    (d) =>
      d.mode === mode &&
      d.kind === 'upper-limits' &&
      (detections ? d.incbad === detections.incbad && d.nosys === detections.nosys : order(d) === 0),
  );
  return { detections, limits };
}

const at = (column: readonly number[] | undefined, i: number): number => {
  const v = column?.[i];
  return typeof v === 'number' ? v : Number.NaN;
};

/** Seconds of exposure of row i: `Exposure`, else the bin's width (on the spectrum's clock) times `FracExp` when given. */
function exposureOf(d: LightCurveDataset, i: number, clock: (t: number) => number): number {
  const exposure = at(d.columns.Exposure, i);
  if (exposure > 0) return exposure;
  const t = at(d.columns.Time, i);
  const width = clock(t + Math.abs(at(d.columns.TimePos, i))) - clock(t - Math.abs(at(d.columns.TimeNeg, i)));
  const frac = at(d.columns.FracExp, i);
  return width * (frac > 0 ? frac : 1);
}

interface ModeBins {
  readonly bins: RateBin[];
  /** Times (spectrum clock) of upper-limit bins that could not be turned into a rate. */
  readonly limitsLeftOut: number[];
}

function binsOf(lc: LightCurveSection, mode: XrtMode, clock: (t: number) => number): ModeBins {
  const { detections, limits } = datasetsFor(lc, mode);
  const bins: RateBin[] = [];
  const limitsLeftOut: number[] = [];
  if (detections) {
    const c = detections.columns;
    for (let i = 0; i < c.Time.length; i++) {
      const symmetric = at(c.RateErr, i);
      const pos = c.RatePos ? at(c.RatePos, i) : symmetric;
      const neg = c.RateNeg ? at(c.RateNeg, i) : symmetric;
      bins.push({ time: clock(at(c.Time, i)), rate: at(c.Rate, i), pos, neg, exposure: exposureOf(detections, i, clock) });
    }
  }
  if (limits) {
    // An upper-limit bin's photons are in the spectrum too: its net counts, corrected as the service corrects a
    // rate (§11.2: Rate = (CtsInSrc − BGInSrc) × CorrFact / Exposure), keep faint stretches from being left out.
    const c = limits.columns;
    for (let i = 0; i < c.Time.length; i++) {
      const time = clock(at(c.Time, i));
      const counts = at(c.CtsInSrc, i);
      const background = at(c.BGInSrc, i);
      const corr = at(c.CorrFact, i);
      const exposure = at(c.Exposure, i);
      if (![counts, background, corr, exposure].every(Number.isFinite) || !(exposure > 0)) {
        limitsLeftOut.push(time);
        continue;
      }
      const err = (Math.sqrt(Math.max(counts, 1)) * corr) / exposure;
      bins.push({ time, rate: ((counts - background) * corr) / exposure, pos: err, neg: err, exposure, fromUpperLimit: true });
    }
  }
  return { bins, limitsLeftOut };
}

export function fluxConversionOf(lightCurve: LightCurveSection, spectrum: SpectrumSection): FluxConversionResult {
  if (spectrum.noSpectrum) return {};
  const fitted = spectrum.intervals.some((i) => i.modes.some((m) => chosenFit(m.fits)));
  if (!fitted) return {};
  const clock = spectrumClock(lightCurve, { T0: spectrum.T0 });
  if (typeof clock === 'string') return { reason: `Flux units are not offered: ${clock}.` };
  const notes: string[] = [];
  const deltaFitStat = spectrum.deltaFitStat ?? DEFAULT_DELTA_FIT_STAT;
  if (spectrum.deltaFitStat === undefined)
    notes.push(
      `The fit does not say the confidence of its errors; Δ = ${DEFAULT_DELTA_FIT_STAT} (90 %), the service's default, is assumed.`,
    );
  const perMode = new Map<XrtMode, ModeBins>();
  const modeBins = (mode: XrtMode): ModeBins => {
    let b = perMode.get(mode);
    if (!b) perMode.set(mode, (b = binsOf(lightCurve, mode, clock)));
    return b;
  };

  const intervals: IntervalFactors[] = [];
  for (const interval of spectrum.intervals) {
    if (interval.noSpectrum || interval.start === undefined || interval.stop === undefined) continue;
    const { start, stop } = interval;
    const modes: ModeFactors[] = [];
    for (const m of interval.modes) {
      const fit = chosenFit(m.fits);
      if (!fit) continue;
      const { bins, limitsLeftOut } = modeBins(m.mode);
      const leftOut = limitsLeftOut.filter((t) => t >= start && t <= stop).length;
      const rate = meanRate(bins, start, stop, leftOut);
      if (!rate || !(rate.value > 0)) {
        notes.push(`${interval.name} ${m.mode}: the light curve has no ${m.mode} rate above zero in this interval, so it gives no factor.`);
        continue;
      }
      const observed = fit.obsFlux ? conversionFactor(fit.obsFlux, rate.value, deltaFitStat) : undefined;
      const unabsorbed = fit.unabsFlux ? conversionFactor(fit.unabsFlux, rate.value, deltaFitStat) : undefined;
      if (!observed && !unabsorbed) continue;
      if (m.exposure !== undefined && m.exposure > 0 && Math.abs(rate.exposure / m.exposure - 1) > EXPOSURE_MISMATCH) {
        notes.push(
          `${interval.name} ${m.mode}: the light-curve bins in this interval hold ${Math.round(rate.exposure)} s of exposure, the spectrum ${Math.round(m.exposure)} s; their mean rates may differ.`,
        );
      }
      if (leftOut > 0)
        notes.push(
          `${interval.name} ${m.mode}: ${leftOut} upper-limit bin${leftOut === 1 ? '' : 's'} without counts columns left out of the mean rate.`,
        );
      modes.push({
        mode: m.mode,
        model: fit.model,
        ...(observed ? { observed } : {}),
        ...(unabsorbed ? { unabsorbed } : {}),
        meanRate: rate,
        ...(m.exposure !== undefined ? { spectrumExposure: m.exposure } : {}),
      });
    }
    if (modes.length > 0) intervals.push({ name: interval.name, start, stop, modes });
  }
  if (intervals.length === 0) return { reason: `Flux units are not offered: ${notes.join(' ') || 'no spectral interval gives a factor.'}` };
  return { conversion: { band: ASSUMED_BAND, deltaFitStat, ...(spectrum.T0 !== undefined ? { T0: spectrum.T0 } : {}), intervals, notes } };
}

/**
 * The exposure-weighted mean count rate of the whole light curve in one mode, by the same bins and
 * arithmetic as a conversion factor's mean rate (detections, and upper-limit bins through their net
 * counts): the count rate of the campaign results table (src/products/campaign/resultCells.ts).
 * Undefined when the mode has no bin with exposure.
 */
export function wholeCurveMeanRate(lightCurve: LightCurveSection, mode: XrtMode): MeanRate | undefined {
  // Over the whole curve the clock only sizes the bins that have no Exposure column: seconds on any zero point.
  const clock = lightCurve.timeFormat.toUpperCase() === 'MJD' ? (t: number): number => t * 86400 : (t: number): number => t;
  const { bins, limitsLeftOut } = binsOf(lightCurve, mode, clock);
  return meanRate(bins, -Infinity, Infinity, limitsLeftOut.length);
}
