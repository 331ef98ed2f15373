// The value-axis extent of whole series comes from what toPlotSeries gathers while converting; it must
// equal the extent the point-by-point loop (the one a zoom runs) finds over all points, for every kind of
// series and awkward value (zero, negative, NaN, infinite, null from JSON, missing errors).
import * as assert from 'node:assert/strict';
import type { LightCurveDataset, LightCurveKind } from '../../../src/shared/viewModel';
import { toPlotSeries, type PlotSeries } from '../../../media/src/lib/lightCurveSeries';
import { timeMapping } from '../../../media/src/lib/timeAxis';
import { valueExtent } from '../../../media/src/lib/valueExtent';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AWKWARD = [0, -0, -1, Number.NaN, Infinity, -Infinity, null];

function column(rand: () => number, n: number, typical: () => number): number[] {
  // null stands for "nan"/"inf" that JSON turned into null (src/shared/viewModel.ts).
  return Array.from({ length: n }, () => (rand() < 0.15 ? AWKWARD[Math.floor(rand() * AWKWARD.length)]! : typical()) as number);
}

function dataset(rand: () => number, kind: LightCurveKind, n: number): LightCurveDataset {
  const time = column(rand, n, () => (rand() - 0.2) * 1e4);
  const value = column(rand, n, () => (rand() - 0.1) * 10 ** (rand() * 6 - 3));
  const error = (): number[] => column(rand, n, () => (rand() < 0.5 ? -1 : 1) * rand() * 5);
  const columns: Record<string, number[]> = { Time: time, TimePos: error(), TimeNeg: error() };
  if (kind === 'hardness-ratio') Object.assign(columns, { HR: value, HRErr: error() });
  else if (kind === 'hard' || kind === 'soft') Object.assign(columns, { Rate: value, RateErr: error() });
  else if (kind === 'upper-limits') Object.assign(columns, { Rate: value });
  else if (rand() < 0.5) Object.assign(columns, { Rate: value, RatePos: error(), RateNeg: error() });
  else Object.assign(columns, { Rate: value }); // no error columns at all
  return { name: kind, mode: rand() < 0.5 ? 'WT' : 'PC', kind, incbad: false, nosys: false, columns: columns as never };
}

const KINDS: LightCurveKind[] = ['detections', 'upper-limits', 'hard', 'soft', 'hardness-ratio'];
const mapping = timeMapping({ timeFormat: 'MET', T0: 0 }, 'sinceT0');
const everything = [-Infinity, Infinity] as const;
/** −0 and 0 are the same place on an axis (the two ways of gathering may meet them in another order). */
const unsigned = (e: [number, number] | undefined): [number, number] | undefined => e && [e[0] + 0, e[1] + 0];

describe('viewer: value-axis extent of whole series', () => {
  it('equals the point-by-point extent on linear and log axes, with and without a log time axis', () => {
    const rand = random(15);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * 40);
      const series: PlotSeries[] = [];
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++)
        series.push(toPlotSeries(dataset(rand, KINDS[Math.floor(rand() * KINDS.length)]!, n), mapping));
      for (const logX of [false, true])
        for (const logY of [false, true])
          assert.deepEqual(
            unsigned(valueExtent(series, logX, logY)),
            unsigned(valueExtent(series, logX, logY, everything)),
            `trial ${trial}, logX ${logX}, logY ${logY}: ${JSON.stringify(series.map((s) => s.dataset.columns))}`,
          );
    }
  });

  it('includes error-bar ends and the arrow room below upper limits, and leaves out what a log axis cannot show', () => {
    const detections = toPlotSeries(
      {
        name: 'PC',
        mode: 'PC',
        kind: 'detections',
        incbad: false,
        nosys: false,
        columns: {
          Time: [-5, 10, 100],
          TimePos: [1, 1, 1],
          TimeNeg: [-1, -1, -1],
          Rate: [50, 2, 3],
          RatePos: [1, 0.5, 1],
          RateNeg: [-1, -3, -1],
        },
      },
      mapping,
    );
    assert.deepEqual(valueExtent([detections], false, false), [-1, 51]);
    assert.deepEqual(valueExtent([detections], false, true), [2, 51], 'a bar end at or below zero does not widen a log axis');
    assert.deepEqual(valueExtent([detections], true, true), [2, 4], 'a log time axis leaves out the point before T0');
    const limits = toPlotSeries(
      {
        name: 'PCUL',
        mode: 'PC',
        kind: 'upper-limits',
        incbad: false,
        nosys: false,
        columns: { Time: [10], TimePos: [1], TimeNeg: [-1], Rate: [8] },
      },
      mapping,
    );
    assert.deepEqual(valueExtent([limits], false, false), [6.4, 8]);
    assert.deepEqual(valueExtent([limits], false, true), [2, 8]);
    assert.equal(valueExtent([limits], true, true, [20, 30]), undefined, 'nothing in the window');
  });
});
