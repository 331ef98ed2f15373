// The sentences under a light curve shown in flux units: which spectral interval's factor applies over
// which time range, the band, how errors were treated, and the bins that needed the nearest interval.
import type { EnergyBand, FluxConversion, LightCurveDataset } from '../viewModel';
import type { FluxOnlyUnit } from './pointConversion';

const UNIT_NAMES: Record<FluxOnlyUnit, string> = { observed: 'Observed flux', unabsorbed: 'Unabsorbed flux' };

function short(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e6 ? x.toLocaleString('en-US') : Number(x.toPrecision(4)).toLocaleString('en-US');
}

/** "0.3–10 keV". */
function bandText(band: EnergyBand): string {
  return `${band.minKeV}–${band.maxKeV} keV`;
}

/** The value-axis title in a unit, with the band: "Observed flux (0.3–10 keV, erg cm⁻² s⁻¹)". */
export function fluxAxisLabel(unit: FluxOnlyUnit, band: EnergyBand): string {
  return `${UNIT_NAMES[unit]} (${bandText(band)}, erg cm⁻² s⁻¹)`;
}

/** What the shown datasets' bins used: per interval index the modes and counts, and the flagged bins. */
function usageOf(shown: readonly LightCurveDataset[]): { perInterval: Map<number, number>; outside: number; otherMode: number } {
  const perInterval = new Map<number, number>();
  let outside = 0;
  let otherMode = 0;
  for (const d of shown) {
    const interval = d.columns.SpectralInterval;
    const nearest = d.columns.NearestInterval;
    if (!interval || !nearest) continue;
    for (let i = 0; i < interval.length; i++) {
      const k = interval[i]!;
      if (!Number.isFinite(k)) continue;
      perInterval.set(k - 1, (perInterval.get(k - 1) ?? 0) + 1);
      if (nearest[i] === 1) outside++;
      if (nearest[i] === 2) otherMode++;
    }
  }
  return { perInterval, outside, otherMode };
}

export function fluxNote(
  conversion: FluxConversion,
  unit: FluxOnlyUnit,
  shown: readonly LightCurveDataset[],
  bandDatasetsLeftOut: number,
): string {
  const { perInterval, outside, otherMode } = usageOf(shown);
  const intervals = conversion.intervals
    .map((interval, index) => {
      const modes = interval.modes.flatMap((m) => {
        const k = unit === 'observed' ? m.observed : m.unabsorbed;
        return k ? [`${m.mode} ${k.value.toPrecision(3)} (${m.model})`] : [];
      });
      if (modes.length === 0) return '';
      const bins = perInterval.get(index) ?? 0;
      return `${index + 1}. ${interval.name}, ${short(interval.start)} to ${short(interval.stop)} s since T0: ${modes.join(', ')} erg cm⁻² per count; ${bins} bin${bins === 1 ? '' : 's'}`;
    })
    .filter(Boolean);
  const several = intervals.length > 1;
  const parts = [
    `${UNIT_NAMES[unit]} in ${bandText(conversion.band)}${conversion.band.assumed ? ' (assumed: the service does not state the band of its fluxes)' : ''}` +
      ` = count rate × the conversion factor of the job's spectral fit (flux / the light curve's mean count rate)` +
      (several ? ', each spectral interval applied over its own time range (the narrowest covering a bin):' : ':'),
    intervals.join('. ') + '.',
    'Error bars include the factor’s 1σ uncertainty (from the fit’s flux errors); upper limits use its central value.',
  ];
  if (outside > 0)
    parts.push(
      `${outside} bin${outside === 1 ? ' lies' : 's lie'} outside every interval and use${outside === 1 ? 's' : ''} the nearest one (NearestInterval 1 in the CSV).`,
    );
  if (otherMode > 0)
    parts.push(
      `${otherMode} bin${otherMode === 1 ? ' is' : 's are'} of a mode without a spectrum and use${otherMode === 1 ? 's' : ''} the other mode’s factor (NearestInterval 2).`,
    );
  if (bandDatasetsLeftOut > 0) parts.push('Hard- and soft-band rates are not shown in flux units (the factor is for the whole band).');
  parts.push(...conversion.notes);
  return parts.join(' ');
}
