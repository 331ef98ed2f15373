// Light-curve data preparation: variants, axis transforms, log-axis handling, decimation, CSV export.
import * as assert from 'node:assert/strict';
import { paddedRange } from '../../../media/src/lib/axisRange';
import { lightCurveCsv } from '../../../media/src/lib/lightCurveCsv';
import { datasetLabel, datasetsShown, toPlotSeries, variantAvailability, type PlotSeries } from '../../../media/src/lib/lightCurveSeries';
import { availableTimeAxes, mapTime, timeMapping } from '../../../media/src/lib/timeAxis';
import { valueExtent } from '../../../media/src/lib/valueExtent';
import { readFixture } from '../../support/paths';
import { lightCurveFromReply } from '../../viewer-harness/sampleModel';

type Json = Record<string, unknown>;
const lc = lightCurveFromReply(readFixture('xrt', 'lcdata.response.ok.json') as Json);
const both = lightCurveFromReply(readFixture('xrt', 'lcdata.response.ok-both.json') as Json);
/**
 * Swift MET counts seconds from 2001-01-01T00:00:00 UTC (test/fixtures/protocol/xrt-products.md), and
 * MJD 40587 is 1970-01-01: the MJD of MET 0, worked out here rather than taken from the viewer.
 */
const MJD_OF_MET_0 = Date.UTC(2001, 0, 1) / 86_400_000 + 40587;

describe('viewer: light-curve variants', () => {
  it('starts with the incbad variant on when only incbad upper limits exist for that choice', () => {
    const v = variantAvailability(both);
    assert.equal(v.incbad.choosable, true);
    assert.equal(v.incbad.initial, false);
    assert.deepEqual(
      datasetsShown(both, { incbad: true, nosys: false, bands: false }).map((d) => d.name),
      ['PC_incbad', 'PCUL_incbad'],
    );
    assert.deepEqual(
      datasetsShown(both, { incbad: false, nosys: false, bands: false }).map((d) => d.name),
      ['PC'],
    );
  });

  it('switches a toggle on from the start when only the variant was returned', () => {
    const onlyIncbad = { ...both, datasets: both.datasets.filter((d) => d.incbad) };
    assert.deepEqual(variantAvailability(onlyIncbad).incbad, { choosable: false, initial: true });
  });

  it('keeps band curves out of the rate panel unless asked for, and the ratio in its own panel', () => {
    const plain = datasetsShown(lc, { incbad: false, nosys: false, bands: false }).map((d) => d.name);
    assert.deepEqual(plain, ['PC', 'PCUL', 'PCHR']);
    const withBands = datasetsShown(lc, { incbad: false, nosys: false, bands: true }).map((d) => d.name);
    assert.deepEqual(withBands, ['PC', 'PCUL', 'PCHard', 'PCSoft', 'PCHR']);
    const hr = lc.datasets.find((d) => d.kind === 'hardness-ratio')!;
    assert.equal(toPlotSeries(hr, timeMapping(lc, 'sinceT0')).panel, 'hardness');
    assert.equal(datasetLabel({ mode: 'PC', kind: 'upper-limits', incbad: true, nosys: false }), 'PC upper limits (incl. unverified bins)');
  });

  it('turns stored-negative errors into extents on both sides of the point', () => {
    const pc = lc.datasets.find((d) => d.name === 'PC')!;
    const s = toPlotSeries(pc, timeMapping(lc, 'sinceT0'));
    const t = pc.columns.Time[0]!;
    assert.equal(s.x[0], t);
    assert.equal(s.xLo[0], t + pc.columns.TimeNeg[0]!);
    assert.equal(s.xHi[0], t + pc.columns.TimePos[0]!);
    assert.equal(s.yErrLo[0], Math.abs(pc.columns.RateNeg![0]!));
    assert.equal(s.yErrHi[0], pc.columns.RatePos![0]);
    const soft = toPlotSeries(
      lc.datasets.find((d) => d.kind === 'soft')!,
      timeMapping(lc, 'sinceT0'),
    );
    assert.equal(soft.yErrLo[0], soft.yErrHi[0], 'RateErr is symmetric');
    const ul = toPlotSeries(
      lc.datasets.find((d) => d.kind === 'upper-limits')!,
      timeMapping(lc, 'sinceT0'),
    );
    assert.equal(ul.yErrLo[0], 0);
  });
});

describe('viewer: time axes', () => {
  it('offers time since T0 and MJD for MET data with a T0, and converts bin widths to days', () => {
    assert.deepEqual(availableTimeAxes(lc), ['sinceT0', 'mjd']);
    const m = timeMapping(lc, 'mjd');
    assert.equal(mapTime(m, 0), MJD_OF_MET_0 + lc.T0! / 86400, 'wire times count from T0');
    assert.ok(Math.abs(mapTime(m, 86400) - mapTime(m, 0) - 1) < 1e-9);
    assert.equal(mapTime(timeMapping({ timeFormat: 'MET' }, 'mjd'), 0), MJD_OF_MET_0, 'without a T0, from MET 0');
  });

  it('maps MJD data with a T0 back to seconds since T0, and shows unknown formats as given', () => {
    const mjd = { timeFormat: 'MJD', T0: 86400 * 10 };
    const m = timeMapping(mjd, 'sinceT0');
    assert.ok(Math.abs(mapTime(m, MJD_OF_MET_0 + 10 + 0.5) - 43200) < 1e-4);
    assert.deepEqual(availableTimeAxes({ timeFormat: 'TDB' }), ['raw']);
    assert.throws(() => timeMapping({ timeFormat: 'TDB' }, 'mjd'), /not available/);
  });
});

// Which points a log axis leaves out when drawn, and where their error bars end: ./plotDraw.test.ts.
describe('viewer: log axes', () => {
  it('ignores zero, negative and non-finite values on a log axis but not on a linear one', () => {
    const awkward = [-5, 0, 2, 300, Number.NaN, Infinity];
    const series = (time: number[], rate: number[]): PlotSeries =>
      toPlotSeries(
        {
          name: 'PC',
          mode: 'PC',
          kind: 'detections',
          incbad: false,
          nosys: false,
          columns: { Time: time, TimePos: time.map(() => 0), TimeNeg: time.map(() => 0), Rate: rate, RateErr: rate.map(() => 0) } as never,
        },
        timeMapping({ timeFormat: 'MET', T0: 1000 }, 'sinceT0'),
      );
    const times = series(
      awkward,
      awkward.map(() => 1),
    );
    assert.deepEqual(times.timeExtent, { linear: [-5, 300], log: [2, 300] });
    const values = series([1, 2, 3, 4, 5, 6], awkward);
    for (const window of [undefined, [0, 10] as const]) {
      assert.deepEqual(valueExtent([values], false, true, window), [2, 300], `log value axis, window ${String(window)}`);
      assert.deepEqual(valueExtent([values], false, false, window), [-5, 300], `linear value axis, window ${String(window)}`);
    }
    const none = series([0, -1], [0, -1]);
    assert.deepEqual(none.timeExtent, { linear: [-1, 0] }, 'no time a log axis can show');
    assert.equal(valueExtent([none], false, true), undefined, 'no value a log axis can show');
  });

  it('pads log ranges to whole decades and never returns an empty range', () => {
    assert.deepEqual(paddedRange([2, 300], true), [1, 1000]);
    assert.deepEqual(paddedRange([10, 10], true), [10, 100]);
    assert.deepEqual(paddedRange([5, 5], false), [2.5, 7.5]);
    assert.deepEqual(paddedRange(undefined, true), [1, 10]);
  });
});

describe('viewer: light-curve CSV export', () => {
  it('writes every shown row with its dataset, keeping wire values and the column union', () => {
    const shown = datasetsShown(lc, { incbad: false, nosys: false, bands: false });
    const csv = lightCurveCsv(shown);
    const lines = csv.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    assert.deepEqual(header.slice(0, 11), [
      'Dataset',
      'Mode',
      'Kind',
      'IncBad',
      'NoSys',
      'Time',
      'TimePos',
      'TimeNeg',
      'Rate',
      'RatePos',
      'RateNeg',
    ]);
    assert.ok(header.includes('HR') && header.includes('SNR'));
    const rows = shown.reduce((n, d) => n + d.columns.Time.length, 0);
    assert.equal(lines.length - 1, rows);
    const pc = shown[0]!;
    assert.ok(lines[1]!.startsWith(`PC,PC,detections,false,false,${pc.columns.Time[0]},`));
  });

  it('keeps only the rows the filter accepts (the visible time range)', () => {
    const pc = lc.datasets.filter((d) => d.name === 'PC');
    const cut = pc[0]!.columns.Time[1]!;
    const csv = lightCurveCsv(pc, (d, i) => d.columns.Time[i]! >= cut);
    assert.equal(csv.trimEnd().split('\n').length - 1, pc[0]!.columns.Time.filter((t) => t >= cut).length);
  });
});

describe('viewer: series extents gathered while converting', () => {
  it('gives the bin-edge extent on linear and log time axes and counts what a log axis cannot show', () => {
    const s = toPlotSeries(
      {
        name: 'PC',
        mode: 'PC',
        kind: 'detections',
        incbad: false,
        nosys: false,
        columns: {
          Time: [-20, 10, 100],
          TimePos: [5, 5, 50],
          TimeNeg: [-5, -15, -50],
          Rate: [1, 0, 2],
          RatePos: [0.1, 0.1, 0.1],
          RateNeg: [-0.1, -0.1, -0.1],
        } as never,
      },
      timeMapping({ timeFormat: 'MET', T0: 1000 }, 'sinceT0'),
    );
    assert.deepEqual(s.timeExtent.linear, [-25, 150]);
    assert.deepEqual(s.timeExtent.log, [15, 150], 'bin edges at or below zero left out');
    assert.deepEqual(s.notPositive, { x: 1, y: 1, either: 2 });
  });
});
