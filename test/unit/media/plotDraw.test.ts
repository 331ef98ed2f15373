// What the light-curve plot draws of its series (drawSeries, on a recording canvas): which points a log
// axis can place, where error bars end, and how a dense series is thinned to the plot's pixel columns.
import * as assert from 'node:assert/strict';
import type { LightCurveDataset } from '../../../src/shared/viewModel';
import { toPlotSeries, type PlotSeries } from '../../../media/src/lib/lightCurveSeries';
import { timeMapping } from '../../../media/src/lib/timeAxis';
import { drawSeries, type Box, type DrawnPoints } from '../../../media/src/viewer/plotDraw';
import { installRecordingPath2D, RecordingContext, type Segment } from '../../support/fakeCanvas';

const STYLE = { color: '#000', filled: true, pxRatio: 1 };
const sinceT0 = timeMapping({ timeFormat: 'MET', T0: 0 }, 'sinceT0');

function detections(columns: Record<string, number[]>): PlotSeries {
  const dataset: LightCurveDataset = { name: 'PC', mode: 'PC', kind: 'detections', incbad: false, nosys: false, columns: columns as never };
  return toPlotSeries(dataset, sinceT0);
}

interface Axis {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
}

/** Draws one series in a `width` × `height` box; the stroked error bars come back with the drawn points. */
function draw(series: PlotSeries, x: Axis, y: Axis, width: number, height: number): { drawn: DrawnPoints; lines: Segment[] } {
  const ctx = new RecordingContext();
  const box: Box = { left: 30, top: 10, width, height };
  const drawn = drawSeries(ctx.context, series, { ...x, size: width, flipped: false }, { ...y, size: height, flipped: true }, box, STYLE);
  assert.ok(ctx.stroked.length >= 1, 'the bars are stroked');
  return { drawn, lines: ctx.stroked[0]!.segments };
}

/** Pixel of `v` along an axis `size` long, measured from its low end (written out here, not taken from plotDraw). */
function pixel(axis: Axis, size: number, v: number): number {
  const f = axis.log
    ? (Math.log10(v) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min))
    : (v - axis.min) / (axis.max - axis.min);
  return f * size;
}

/** The vertical error bar drawn at canvas column `x`, as [upper end, lower end] in canvas pixels. */
function verticalBar(lines: readonly Segment[], x: number): [number, number] {
  const bars = lines.filter((s) => s.from[0] === x && s.to[0] === x && s.from[1] !== s.to[1]);
  assert.equal(bars.length, 1, `one vertical bar at x = ${x}: ${JSON.stringify(lines)}`);
  return [bars[0]!.from[1], bars[0]!.to[1]];
}

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);
}

describe('viewer: drawing light-curve series', () => {
  let uninstall: () => void;
  before(() => {
    uninstall = installRecordingPath2D();
  });
  after(() => uninstall());

  it('leaves out points a log time axis cannot place, and draws them on a linear one', () => {
    const series = detections({
      Time: [-3, 10, 100],
      TimePos: [1, 1, 1],
      TimeNeg: [-1, -1, -1],
      Rate: [1, 2, 3],
      RateErr: [0.1, 0.1, 0.1],
    });
    const y: Axis = { min: 0.1, max: 10, log: true };
    assert.deepEqual([...draw(series, { min: 1, max: 1000, log: true }, y, 600, 200).drawn.indices], [1, 2]);
    assert.deepEqual([...draw(series, { min: -10, max: 1000, log: false }, y, 600, 200).drawn.indices], [0, 1, 2]);
  });

  it('runs an error bar whose lower end is at or below zero to the bottom of a log axis, and to that end on a linear one', () => {
    // Lower ends 1 − |−1.5| = −0.5 and 2 − 0.5 = 1.5 (RateNeg is stored negative).
    const series = detections({
      Time: [10, 100],
      TimePos: [1, 1],
      TimeNeg: [-1, -1],
      Rate: [1, 2],
      RatePos: [0.5, 0.5],
      RateNeg: [-1.5, -0.5],
    });
    const x: Axis = { min: 1, max: 1000, log: true };
    const height = 200;
    const log: Axis = { min: 0.1, max: 10, log: true };
    const onLog = draw(series, x, log, 600, height);
    const fromTop = (axis: Axis, v: number): number => height - pixel(axis, height, v);
    const [top0, bottom0] = verticalBar(onLog.lines, onLog.drawn.px[0]!);
    near(top0, fromTop(log, 1.5), 'log: upper end of the first bar');
    assert.equal(bottom0, height, 'log: a lower end at −0.5 runs to the bottom edge');
    const [top1, bottom1] = verticalBar(onLog.lines, onLog.drawn.px[1]!);
    near(top1, fromTop(log, 2.5), 'log: upper end of the second bar');
    near(bottom1, fromTop(log, 1.5), 'log: a positive lower end is drawn where it is');

    const linear: Axis = { min: -1, max: 3, log: false };
    const onLinear = draw(series, x, linear, 600, height);
    near(verticalBar(onLinear.lines, onLinear.drawn.px[0]!)[1], fromTop(linear, -0.5), 'linear: the lower end at −0.5');
  });

  it('keeps at most the lowest and highest point of each pixel column of a dense series, over the whole axis and no further', () => {
    // 200 000 points, log-uniform in time from 5 to 2·10⁶, on a log time axis from 10 to 10⁶ 800 px wide.
    const n = 200_000;
    const Time = Array.from({ length: n }, (_, i) => 5 * 4e5 ** (i / (n - 1)));
    const Rate = Time.map((t) => 100 * t ** -1.2);
    const RateErr = Rate.map((v) => v * 0.1);
    const series = detections({ Time, TimePos: Time.map(() => 0), TimeNeg: Time.map(() => 0), Rate, RateErr });
    const width = 800;
    const { drawn } = draw(series, { min: 10, max: 1e6, log: true }, { min: 1e-6, max: 10, log: true }, width, 300);
    assert.ok(drawn.indices.length <= 2 * width && drawn.indices.length > width / 2, `${drawn.indices.length} points kept`);
    const perColumn = new Map<number, number>();
    for (const px of drawn.px) {
      assert.ok(px >= 0 && px <= width, `a kept point at ${px} px lies on the axis`);
      perColumn.set(Math.floor(px), (perColumn.get(Math.floor(px)) ?? 0) + 1);
    }
    const crowded = [...perColumn].filter(([, count]) => count > 2);
    assert.deepEqual(crowded, [], 'pixel columns with more than two kept points');
    assert.ok(perColumn.has(0) && perColumn.has(width - 1), 'the first and the last pixel column both keep points');
  });
});
