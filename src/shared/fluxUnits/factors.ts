// The conversion factor of one spectral interval and mode, and the light curve's mean count rate it
// divides by. Pure arithmetic, checked against known answers and by simulation (test/unit/shared/fluxUnits).
import type { MeanRate, ValueWith1Sigma } from '../viewModel';

/** The service's default Δ statistic for fit errors (test/fixtures/protocol/xrt-products.md §3.5 `dchi`: 2.706, 90 %). */
export const DEFAULT_DELTA_FIT_STAT = 2.706;

/** A flux as the fit reports it: errors at the confidence of the fit's Δ statistic, `neg` ≤ 0 (either sign tolerated). */
interface FitFlux {
  readonly value: number;
  readonly pos?: number;
  readonly neg?: number;
}

/**
 * flux / rate in erg cm⁻² per count, with 1σ errors.
 *
 * Method: the factor's relative errors are the flux's, each side scaled from the fit's confidence to
 * 1σ by √Δ (a parameter's Δ-statistic interval is ±√Δ σ for a Gaussian likelihood: 2.706 → 1.645σ).
 * The scaling is done on ln F, where a fitted flux's asymmetric interval is nearly symmetric: the side
 * F·(1 + e) becomes F·(1 + e)^(1/√Δ). Exact for a lognormal flux, the plain division for small errors;
 * a lower error reaching zero flux is divided linearly (its logarithm does not exist).
 * The mean rate's own error is NOT added: the rate comes from the same photons as the spectrum, so its
 * Poisson noise is the noise of the fitted normalisation, which already is in the flux's error and
 * cancels in the ratio. What remains of the factor's true uncertainty is the spectral shape's (NH, Γ),
 * which is part of the flux's error, so these errors are an upper bound when the light curve and the
 * spectrum hold the same photons (the simulations in the unit tests show the coverage).
 * Undefined when the flux or the rate is not a positive number.
 */
export function conversionFactor(flux: FitFlux, rate: number, deltaFitStat: number): ValueWith1Sigma | undefined {
  if (!(flux.value > 0) || !Number.isFinite(flux.value) || !(rate > 0) || !Number.isFinite(rate)) return undefined;
  const sigmas = deltaFitStat > 0 && Number.isFinite(deltaFitStat) ? Math.sqrt(deltaFitStat) : Math.sqrt(DEFAULT_DELTA_FIT_STAT);
  const value = flux.value / rate;
  const relative = (err: number | undefined): number => (err !== undefined && Number.isFinite(err) ? Math.abs(err) / flux.value : 0);
  const up = relative(flux.pos);
  const down = relative(flux.neg);
  return {
    value,
    pos: value * (Math.pow(1 + up, 1 / sigmas) - 1),
    neg: -value * (down < 1 ? 1 - Math.pow(1 - down, 1 / sigmas) : down / sigmas),
  };
}

/** One light-curve bin as the mean rate needs it. */
export interface RateBin {
  /** Bin centre, seconds since the spectrum's T0. */
  readonly time: number;
  /** ct/s and 1σ errors (`neg` either sign). */
  readonly rate: number;
  readonly pos: number;
  readonly neg: number;
  /** Seconds of exposure in the bin (its weight). */
  readonly exposure: number;
  /** An upper-limit bin whose rate was estimated from its net counts. */
  readonly fromUpperLimit?: boolean;
}

/**
 * The exposure-weighted mean rate of the bins whose centre lies in [start, stop]: Σ rᵢtᵢ / Σ tᵢ, i.e. the
 * light curve's corrected counts over its exposure, with each side's error √Σ(σᵢtᵢ)² / Σ tᵢ.
 * Undefined when no bin with exposure lies in the range.
 */
export function meanRate(bins: readonly RateBin[], start: number, stop: number, upperLimitBinsLeftOut = 0): MeanRate | undefined {
  let weight = 0;
  let sum = 0;
  let varPos = 0;
  let varNeg = 0;
  let count = 0;
  let fromLimits = 0;
  for (const b of bins) {
    if (!(b.time >= start && b.time <= stop) || !(b.exposure > 0) || !Number.isFinite(b.rate)) continue;
    weight += b.exposure;
    sum += b.rate * b.exposure;
    varPos += (Math.abs(b.pos) * b.exposure) ** 2;
    varNeg += (Math.abs(b.neg) * b.exposure) ** 2;
    if (b.fromUpperLimit) fromLimits++;
    else count++;
  }
  if (!(weight > 0)) return undefined;
  return {
    value: sum / weight,
    pos: Math.sqrt(varPos) / weight,
    neg: -Math.sqrt(varNeg) / weight,
    bins: count,
    upperLimitBins: fromLimits,
    upperLimitBinsLeftOut,
    exposure: weight,
  };
}
