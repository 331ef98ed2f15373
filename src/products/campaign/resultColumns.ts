// The columns of the campaign results table, in display order: their keys are the cells' keys in every
// row, the CSV header and the JSON keys (src/shared/campaignResultsModel.ts). Errors keep the service's
// sign convention (test/fixtures/protocol/xrt-products.md §12: `…Neg` stored negative), so a `−` column
// holds a value ≤ 0; the decay index gives its interval's bounds instead, as the fit engine reports them.
import type { CampaignResultColumn } from '../../shared/campaignResultsModel';

const number = (key: string, label: string, decimals?: number): CampaignResultColumn => ({
  key,
  label,
  kind: 'number',
  ...(decimals !== undefined ? { decimals } : {}),
});
const text = (key: string, label: string): CampaignResultColumn => ({ key, label, kind: 'text' });

export const SPECTRUM_KEYS = [
  'spectrum',
  'model',
  'nh',
  'nhPos',
  'nhNeg',
  'gamma',
  'gammaPos',
  'gammaNeg',
  'kT',
  'kTPos',
  'kTNeg',
  'obsFlux',
  'obsFluxPos',
  'obsFluxNeg',
  'unabsFlux',
  'unabsFluxPos',
  'unabsFluxNeg',
  'cstat',
  'dof',
] as const;
export const DECAY_KEYS = ['decayIndex', 'decayLower', 'decayUpper', 'breaks'] as const;

export const RESULT_COLUMNS: readonly CampaignResultColumn[] = [
  text('name', 'Name'),
  // 10⁻⁵ degree is 0.036″, well below the best 90 % error (about 1.4″ for an enhanced position).
  number('ra', 'RA (°, J2000)', 5),
  number('dec', 'Dec (°, J2000)', 5),
  number('err90', '90 % error (″)', 1),
  text('position', 'Position from'),
  number('rate', 'Count rate (ct s⁻¹)'),
  number('ratePos', 'Rate + (1σ)'),
  number('rateNeg', 'Rate − (1σ)'),
  text('rateMode', 'Rate mode'),
  text('spectrum', 'Spectrum (interval, mode)'),
  text('model', 'Spectral model'),
  number('nh', 'NH (10²² cm⁻²)'),
  number('nhPos', 'NH + (90 %)'),
  number('nhNeg', 'NH − (90 %)'),
  number('gamma', 'Γ'),
  number('gammaPos', 'Γ + (90 %)'),
  number('gammaNeg', 'Γ − (90 %)'),
  number('kT', 'kT (keV)'),
  number('kTPos', 'kT + (90 %)'),
  number('kTNeg', 'kT − (90 %)'),
  number('obsFlux', 'Observed flux (erg cm⁻² s⁻¹)'),
  number('obsFluxPos', 'Observed flux + (90 %)'),
  number('obsFluxNeg', 'Observed flux − (90 %)'),
  number('unabsFlux', 'Unabsorbed flux (erg cm⁻² s⁻¹)'),
  number('unabsFluxPos', 'Unabsorbed flux + (90 %)'),
  number('unabsFluxNeg', 'Unabsorbed flux − (90 %)'),
  number('cstat', 'C-stat'),
  number('dof', 'dof'),
  number('decayIndex', 'Decay index α (last segment)'),
  number('decayLower', 'α lower (90 %)'),
  number('decayUpper', 'α upper (90 %)'),
  number('breaks', 'Breaks'),
];
