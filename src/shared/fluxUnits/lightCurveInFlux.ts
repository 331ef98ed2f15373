// A light-curve section in flux units: each detection and upper limit times the conversion factor of
// the spectral interval that covers its bin (pointConversion.ts), errors with the factor's propagated,
// and the columns that say what was done (the CSV export carries them).
import type { FluxConversion, LightCurveColumns, LightCurveDataset, LightCurveSection } from '../viewModel';
import { fluxModelCurve, type FactorChoice, type FluxOnlyUnit } from './pointConversion';

/** The converted section; which factor each bin got is in its columns (see FLUX_COLUMNS). */
export interface FluxLightCurve {
  readonly section: LightCurveSection;
  /** Hard- and soft-band datasets left out: the factor is for the whole band. */
  readonly bandDatasetsLeftOut: number;
}

/**
 * Columns of a converted dataset after Time/TimePos/TimeNeg, in CSV order. Rate/RatePos/RateNeg hold the
 * flux (the plot reads them); `SpectralInterval` is the 1-based interval used; `NearestInterval` is 0 for
 * a bin its interval covers, 1 for one outside every interval (the nearest was used), 2 for a mode no
 * interval has (another mode's factor was used).
 */
export const FLUX_COLUMNS = [
  'Rate',
  'RatePos',
  'RateNeg',
  'CountRate',
  'CountRatePos',
  'CountRateNeg',
  'ECF',
  'ECFPos',
  'ECFNeg',
  'SpectralInterval',
  'NearestInterval',
] as const;

function nearestCode(choice: FactorChoice | undefined): number {
  if (!choice) return Number.NaN;
  return choice.otherMode ? 2 : choice.outside ? 1 : 0;
}

function numbers(column: readonly number[] | undefined, n: number): readonly number[] {
  return column ?? new Array<number>(n).fill(Number.NaN);
}

/**
 * One detection or upper-limit dataset in flux units. F = r·K; each side's error √((σr·K)² + (r·σK)²)
 * (rate and factor errors independent: a bin's own noise is not the interval's mean); an upper limit
 * becomes U·K, the factor's central value (a limit has no error bar to widen).
 */
function convertDataset(
  dataset: LightCurveDataset,
  conversion: FluxConversion,
  unit: FluxOnlyUnit,
  section: LightCurveSection,
): LightCurveDataset | string {
  const c = dataset.columns;
  const n = c.Time.length;
  const rate = numbers(c.Rate, n);
  const curve = fluxModelCurve(conversion, unit, section, c.Time, rate, dataset.mode);
  if (typeof curve === 'string') return curve;
  const upper = dataset.kind === 'upper-limits';
  const ratePos = c.RatePos ?? c.RateErr ?? new Array<number>(n).fill(0);
  const rateNeg = c.RateNeg ?? c.RateErr ?? new Array<number>(n).fill(0);
  const flux: number[] = [];
  const fluxPos: number[] = [];
  const fluxNeg: number[] = [];
  const ecf: number[] = [];
  const ecfPos: number[] = [];
  const ecfNeg: number[] = [];
  const interval: number[] = [];
  const nearest: number[] = [];
  for (let i = 0; i < n; i++) {
    const choice = curve.choices[i];
    const k = choice?.factor;
    const r = rate[i]!;
    flux.push(curve.values[i]!);
    ecf.push(k?.value ?? Number.NaN);
    ecfPos.push(k?.pos ?? Number.NaN);
    ecfNeg.push(k?.neg ?? Number.NaN);
    interval.push(choice ? choice.interval + 1 : Number.NaN);
    nearest.push(nearestCode(choice));
    if (upper || !k) {
      fluxPos.push(upper ? 0 : Number.NaN);
      fluxNeg.push(upper ? 0 : Number.NaN);
      continue;
    }
    const sp = Math.abs(ratePos[i] ?? Number.NaN);
    const sn = Math.abs(rateNeg[i] ?? Number.NaN);
    fluxPos.push(Math.hypot(sp * k.value, Math.abs(r) * k.pos));
    fluxNeg.push(-Math.hypot(sn * k.value, Math.abs(r) * Math.abs(k.neg)));
  }
  const { RateErr: _symmetric, ...rest } = c;
  const columns: LightCurveColumns = {
    ...rest,
    Rate: flux,
    RatePos: fluxPos,
    RateNeg: fluxNeg,
    CountRate: rate,
    CountRatePos: ratePos,
    CountRateNeg: rateNeg.map((v) => -Math.abs(v)),
    ECF: ecf,
    ECFPos: ecfPos,
    ECFNeg: ecfNeg,
    SpectralInterval: interval,
    NearestInterval: nearest,
  };
  return { ...dataset, columns };
}

/**
 * The section with its detections and upper limits in flux units (hardness ratios unchanged; hard and
 * soft band rates left out). Returns the reason when the light curve cannot be placed on the
 * spectrum's clock.
 */
export function lightCurveInFlux(section: LightCurveSection, conversion: FluxConversion, unit: FluxOnlyUnit): FluxLightCurve | string {
  let bandDatasetsLeftOut = 0;
  const datasets: LightCurveDataset[] = [];
  for (const d of section.datasets) {
    if (d.kind === 'hardness-ratio') datasets.push(d);
    else if (d.kind === 'hard' || d.kind === 'soft') bandDatasetsLeftOut++;
    else {
      const converted = convertDataset(d, conversion, unit, section);
      if (typeof converted === 'string') return converted;
      datasets.push(converted);
    }
  }
  return { section: { ...section, datasets }, bandDatasetsLeftOut };
}
