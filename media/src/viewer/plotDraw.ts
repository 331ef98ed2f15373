// Canvas drawing of light-curve series: markers, asymmetric error bars and upper-limit arrows, in one
// path per style so the canvas strokes once per series however many points there are. A series with
// more points than the plot has pixel columns is decimated per column first (../lib/decimate.ts): the
// lowest and highest point of each column and the envelope of its error bars, which looks the same and
// keeps 10^6 points interactive (only the kept points are transformed, so no logarithm per point).
import { decimateByColumn } from '../lib/decimate';
import type { PlotSeries } from '../lib/lightCurveSeries';

/** A value → pixel mapping along one axis, relative to the plot box. */
interface AxisTransform {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  /** Box size along this axis in canvas pixels. */
  readonly size: number;
  /** Pixels grow downwards for y. */
  readonly flipped: boolean;
}

function makeTransform(axis: AxisTransform): (v: number) => number {
  const { min, max, log, size, flipped } = axis;
  const a = log ? Math.log10(min) : min;
  const b = log ? Math.log10(max) : max;
  const k = size / (b - a || 1);
  if (log) {
    return flipped ? (v) => (v > 0 ? size - (Math.log10(v) - a) * k : Number.NaN) : (v) => (v > 0 ? (Math.log10(v) - a) * k : Number.NaN);
  }
  return flipped ? (v) => size - (v - a) * k : (v) => (v - a) * k;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

interface SeriesStyle {
  readonly color: string;
  /** Filled markers (else outlined), so two modes stay apart without colour. */
  readonly filled: boolean;
  /** Device pixel ratio: marker and arrow sizes are given in CSS pixels. */
  readonly pxRatio: number;
}

/** Where the drawn markers ended up, for the hover read-out (canvas pixels, relative to the box). */
export interface DrawnPoints {
  readonly series: PlotSeries;
  /** Rows of the series drawn, and their positions: px[j], py[j] belong to indices[j]. */
  readonly indices: Int32Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
}

/** Value at each pixel column's left edge, then the axis's right edge (the inverse of makeTransform). */
function columnEdges(axis: AxisTransform, columns: number): Float64Array {
  const a = axis.log ? Math.log10(axis.min) : axis.min;
  const b = axis.log ? Math.log10(axis.max) : axis.max;
  const edges = new Float64Array(columns + 1);
  for (let c = 0; c <= columns; c++) {
    const v = a + ((b - a) * c) / columns;
    edges[c] = axis.log ? 10 ** v : v;
  }
  return edges;
}

/** Rows of a sparse series to draw: those whose centre lies on the time axis, with a finite value. */
function visibleRows(series: PlotSeries, toX: (v: number) => number, width: number): Int32Array {
  const kept = new Int32Array(series.x.length);
  let count = 0;
  for (let i = 0; i < series.x.length; i++) {
    const x = toX(series.x[i]!);
    if (x >= 0 && x <= width && Number.isFinite(series.y[i]!)) kept[count++] = i;
  }
  return kept.slice(0, count);
}

// Far outside the box coordinates are clamped: canvases mis-draw lines to ±1e9 px in some engines.
const CLAMP = 1e5;
function clamp(v: number): number {
  return v < -CLAMP ? -CLAMP : v > CLAMP ? CLAMP : v;
}

export function drawSeries(
  ctx: CanvasRenderingContext2D,
  series: PlotSeries,
  xAxis: AxisTransform,
  yAxis: AxisTransform,
  box: Box,
  style: SeriesStyle,
): DrawnPoints {
  const toX = makeTransform(xAxis);
  const toY = makeTransform(yAxis);
  const columns = Math.max(1, Math.ceil(box.width));
  const upperLimit = series.kind === 'upper-limits';
  const decimated =
    series.x.length > 2 * columns
      ? decimateByColumn(series.x, series.y, series.yErrLo, series.yErrHi, columnEdges(xAxis, columns), yAxis.log)
      : undefined;
  const indices = decimated ? decimated.indices : visibleRows(series, toX, box.width);
  const px = new Float64Array(indices.length);
  const py = new Float64Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    px[j] = toX(series.x[indices[j]!]!);
    py[j] = toY(series.y[indices[j]!]!);
  }

  const r = 2.5 * style.pxRatio;
  const bottom = box.height;

  ctx.save();
  ctx.translate(box.left, box.top);
  ctx.beginPath();
  ctx.rect(0, 0, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.lineWidth = Math.max(1, style.pxRatio);

  const lines = new Path2D();
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j]!;
    const x = px[j]!;
    const y = py[j]!;
    // Horizontal bar: the bin. A log axis cannot show a bin edge ≤ 0: the bar runs to the left edge.
    const xl = toX(series.xLo[i]!);
    const xr = toX(series.xHi[i]!);
    lines.moveTo(clamp(Number.isNaN(xl) ? 0 : xl), y);
    lines.lineTo(clamp(xr), y);
    if (upperLimit) {
      const len = 10 * style.pxRatio;
      lines.moveTo(x, y);
      lines.lineTo(x, y + len);
      lines.moveTo(x - r * 1.4, y + len - r * 1.6);
      lines.lineTo(x, y + len);
      lines.lineTo(x + r * 1.4, y + len - r * 1.6);
    } else {
      const yHi = toY(series.y[i]! + series.yErrHi[i]!);
      const yLo = toY(series.y[i]! - series.yErrLo[i]!);
      lines.moveTo(x, clamp(yHi));
      lines.lineTo(x, clamp(Number.isNaN(yLo) ? bottom : yLo));
    }
  }
  if (decimated && !upperLimit) {
    // A column with many points: one line over all their error bars.
    for (let k = 0; k < decimated.denseColumns.length; k++) {
      const x = decimated.denseColumns[k]! + 0.5;
      const low = decimated.low[k]!;
      const yLo = low === -Infinity ? bottom : toY(low);
      lines.moveTo(x, clamp(toY(decimated.high[k]!)));
      lines.lineTo(x, clamp(Number.isNaN(yLo) ? bottom : yLo));
    }
  }
  ctx.stroke(lines);

  if (!upperLimit) {
    const dots = new Path2D();
    for (let j = 0; j < indices.length; j++) dots.rect(px[j]! - r, py[j]! - r, 2 * r, 2 * r);
    if (style.filled) ctx.fill(dots);
    else {
      // An outlined marker must not show the error bar through it.
      ctx.save();
      ctx.globalCompositeOperation = 'destination-out';
      ctx.fill(dots);
      ctx.restore();
      ctx.stroke(dots);
    }
  }
  ctx.restore();
  return { series, indices, px, py };
}

/** The drawn point nearest to (x, y) (box-relative canvas pixels), within `radius`. */
export function nearestPoint(
  drawn: readonly DrawnPoints[],
  x: number,
  y: number,
  radius: number,
): { points: DrawnPoints; index: number } | undefined {
  let best: { points: DrawnPoints; index: number } | undefined;
  let bestD = radius * radius;
  for (const d of drawn) {
    for (let j = 0; j < d.indices.length; j++) {
      const dx = d.px[j]! - x;
      const dy = d.py[j]! - y;
      const dist = dx * dx + dy * dy;
      if (dist <= bestD) {
        bestD = dist;
        best = { points: d, index: d.indices[j]! };
      }
    }
  }
  return best;
}
