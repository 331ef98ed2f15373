// The campaign results table folds each value's error columns into it (media/src/lib/campaignColumns.ts).
import * as assert from 'node:assert/strict';
import { displayColumns } from '../../../media/src/lib/campaignColumns';
import type { CampaignResultColumn } from '../../../src/shared/campaignResultsModel';

const n = (key: string, label: string): CampaignResultColumn => ({ key, label, kind: 'number' });

describe('campaign results table: columns shown', () => {
  it('folds a value’s + and − columns into it, naming the errors, and keeps every other column in order', () => {
    const shown = displayColumns([
      { key: 'name', label: 'Name', kind: 'text' },
      n('nh', 'NH (10²² cm⁻²)'),
      n('nhPos', 'NH + (90 %)'),
      n('nhNeg', 'NH − (90 %)'),
      n('rate', 'Count rate (ct s⁻¹)'),
      n('ratePos', 'Rate + (1σ)'),
      n('rateNeg', 'Rate − (1σ)'),
      n('decayLower', 'α lower (90 %)'),
    ]);
    assert.deepEqual(
      shown.map((c) => [c.column.key, c.label, c.pos, c.neg]),
      [
        ['name', 'Name', undefined, undefined],
        ['nh', 'NH (10²² cm⁻²) ± 90 %', 'nhPos', 'nhNeg'],
        ['rate', 'Count rate (ct s⁻¹) ± 1σ', 'ratePos', 'rateNeg'],
        ['decayLower', 'α lower (90 %)', undefined, undefined],
      ],
    );
  });

  it('folds nothing when one error column is missing or is not a number', () => {
    const shown = displayColumns([n('gamma', 'Γ'), n('gammaPos', 'Γ + (90 %)'), { key: 'gammaNeg', label: 'Γ −', kind: 'text' }]);
    assert.deepEqual(
      shown.map((c) => c.column.key),
      ['gamma', 'gammaPos', 'gammaNeg'],
    );
  });
});
