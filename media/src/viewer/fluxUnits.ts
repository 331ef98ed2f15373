// The light curve's unit choice: count s⁻¹, or erg cm⁻² s⁻¹ observed or unabsorbed from the job's own
// spectral fits (src/shared/fluxUnits). Holds the converted sections (one per unit, made on first use),
// the value-axis title with the energy band, and the note saying which spectral interval applies where.
import { fluxAxisLabel, fluxNote } from '../../../src/shared/fluxUnits/fluxNote';
import { FLUX_COLUMNS, lightCurveInFlux, type FluxLightCurve } from '../../../src/shared/fluxUnits/lightCurveInFlux';
import { fluxModelCurve, type FluxUnit } from '../../../src/shared/fluxUnits/pointConversion';
import type { FluxConversion, LightCurveDataset, LightCurveSection } from '../../../src/shared/viewModel';
import { el } from '../common/dom';

const RATE_AXIS = 'Count rate (0.3–10 keV, ct/s)';
const OPTIONS: readonly [FluxUnit, string][] = [
  ['rate', 'count s⁻¹'],
  ['observed', 'erg cm⁻² s⁻¹ (observed)'],
  ['unabsorbed', 'erg cm⁻² s⁻¹ (unabsorbed)'],
];

function isFluxUnit(value: unknown): value is FluxUnit {
  return value === 'rate' || value === 'observed' || value === 'unabsorbed';
}

export class LightCurveUnits {
  /** The `Units` select; absent without a conversion (no spectral fit with fluxes). */
  readonly control: HTMLElement | undefined;
  private readonly select: HTMLSelectElement | undefined;
  private readonly converted = new Map<FluxUnit, FluxLightCurve | string>();
  unit: FluxUnit = 'rate';

  constructor(
    private readonly section: LightCurveSection,
    private readonly conversion: FluxConversion | undefined,
    onChange: () => void,
  ) {
    if (!conversion) return;
    const select = el('select', { 'aria-label': 'Light-curve units', title: 'Count rate, or flux from the job’s spectral fits' });
    for (const [unit, label] of OPTIONS) select.append(el('option', { value: unit }, label));
    select.value = this.unit;
    select.addEventListener('change', () => {
      if (!isFluxUnit(select.value)) return;
      this.unit = select.value;
      onChange();
    });
    this.select = select;
    this.control = el('label', { class: 'select' }, 'Units ', select);
  }

  /** Chooses a unit as if the user had (the host's `lightCurveUnit` message); false when it is not offered. */
  choose(unit: FluxUnit): boolean {
    if (unit !== 'rate' && !this.conversion) return false;
    this.unit = unit;
    if (this.select) this.select.value = unit;
    return true;
  }

  /**
   * A model curve's count rates at `times` (the light curve's own times, s since T0) in the unit shown,
   * converted as the points are (each time by its interval's factor); NaN where no factor applies.
   */
  modelValues(times: readonly number[], rates: ArrayLike<number>): ArrayLike<number> {
    if (this.unit === 'rate' || !this.conversion) return rates;
    const curve = fluxModelCurve(this.conversion, this.unit, this.section, times, Array.from(rates));
    return typeof curve === 'string' ? new Float64Array(rates.length).fill(Number.NaN) : curve.values;
  }

  private inFlux(): FluxLightCurve | string | undefined {
    if (this.unit === 'rate' || !this.conversion) return undefined;
    let result = this.converted.get(this.unit);
    if (!result) this.converted.set(this.unit, (result = lightCurveInFlux(this.section, this.conversion, this.unit)));
    return result;
  }

  /** The section in the chosen unit (the count-rate one when the conversion is impossible; `note` says why). */
  shownSection(): LightCurveSection {
    const flux = this.inFlux();
    return flux && typeof flux !== 'string' ? flux.section : this.section;
  }

  /** The value axis's title, with the band. */
  axisLabel(): string {
    const flux = this.inFlux();
    return flux && typeof flux !== 'string' && this.unit !== 'rate' && this.conversion
      ? fluxAxisLabel(this.unit, this.conversion.band)
      : RATE_AXIS;
  }

  /** Unit of a value in the hover read-out. */
  valueUnit(): string {
    const flux = this.inFlux();
    return flux && typeof flux !== 'string' ? 'erg cm⁻² s⁻¹' : 'ct/s';
  }

  /** Columns the CSV puts first (the flux, then the count rate and factor it came from). */
  csvLeadingColumns(): readonly string[] | undefined {
    const flux = this.inFlux();
    return flux && typeof flux !== 'string' ? ['Time', 'TimePos', 'TimeNeg', ...FLUX_COLUMNS] : undefined;
  }

  /** Added to the CSV's file name, e.g. `-flux-observed`. */
  fileSuffix(): string {
    const flux = this.inFlux();
    return flux && typeof flux !== 'string' ? `-flux-${this.unit}` : '';
  }

  /** The note under the plot for the datasets shown (empty for count rates). */
  note(shown: readonly LightCurveDataset[]): string {
    const flux = this.inFlux();
    if (!flux || this.unit === 'rate' || !this.conversion) return '';
    if (typeof flux === 'string') return `Flux units are not available: ${flux}. Showing count rates.`;
    return fluxNote(this.conversion, this.unit, shown, flux.bandDatasetsLeftOut);
  }
}
