// What a fit adds to the plot, as data: the residual series under the rate panel and the mapping from
// the plot's time axis back to the fit's seconds since T0 (brushed exclusions are made with it).
import * as assert from 'node:assert/strict';
import { fitTimeOf, isMutedSeries, residualSeries } from '../../../media/src/viewer/fitOverlay';
import { mapTime, timeMapping } from '../../../media/src/lib/timeAxis';
import type { BinResidual } from '../../../src/shared/lightCurveFit';

const row = (dataset: string, start: number, stop: number, residual: number, extra: Partial<BinResidual> = {}): BinResidual => ({
  dataset,
  start,
  stop,
  rate: 1,
  upperLimit: false,
  model: 1,
  residual,
  excluded: false,
  ...extra,
});

describe('viewer fit overlay', () => {
  it('maps an axis value back to seconds since T0 on every time axis of a MET light curve', () => {
    for (const axis of ['sinceT0', 'mjd'] as const) {
      const mapping = timeMapping({ timeFormat: 'MET', T0: 608713541 }, axis);
      for (const t of [150, 2.5e4, 1e6]) assert.ok(Math.abs(fitTimeOf(mapping, mapTime(mapping, t)) - t) < 1e-6 * t, `${axis} ${t}`);
    }
  });

  it('draws (data − model)/σ per dataset with ±1σ bars, the excluded bins muted, upper limits left out', () => {
    const mapping = timeMapping({ timeFormat: 'MET', T0: 1 }, 'sinceT0');
    const series = residualSeries(
      {
        residuals: [
          row('WT', 100, 200, 0.5),
          row('PC', 1000, 1200, -2),
          row('PC', 1300, 1400, 1, { excluded: true }),
          row('PCUL', 5000, 6000, 0, { upperLimit: true }),
          row('PC', 2000, 2400, 0.25),
        ],
      },
      mapping,
    );
    assert.deepEqual(
      series.map((s) => s.name),
      ['WT residuals', 'PC residuals', 'PC excluded residuals'],
    );
    const pc = series[1]!;
    assert.deepEqual(Array.from(pc.y), [2, -0.25], 'data above the model is positive');
    assert.deepEqual(Array.from(pc.x), [1100, 2200]);
    assert.deepEqual(Array.from(pc.xLo), [1000, 2000]);
    assert.deepEqual(Array.from(pc.yErrHi), [1, 1]);
    assert.equal(pc.panel, 'residuals');
    assert.equal(pc.mode, 'PC');
    assert.deepEqual(series.map(isMutedSeries), [false, false, true]);
  });
});
