// Canvas drawing of light-curve series: markers, asymmetric error bars and upper-limit arrows, in one
// path per style so the canvas strokes once per series however many points there are. Dense sets are
// thinned on a pixel grid first (../lib/decimate.ts), which keeps 10^5–10^6 points interactive.
import { errorBarCell, thinByPixelGrid } from '../lib/decimate';
import type { PlotSeries } from '../lib/lightCurveSeries';

/** A value → pixel mapping along one axis, relative to the plot box. */
export interface AxisTransform {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  /** Box size along this axis in canvas pixels. */
  readonly size: number;
  /** Pixels grow downwards for y. */
  readonly flipped: boolean;
}

export function makeTransform(axis: AxisTransform): (v: number) => number {
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

export interface SeriesStyle {
  readonly color: string;
  /** Filled markers (else outlined), so two modes stay apart without colour. */
  readonly filled: boolean;
  /** Device pixel ratio: marker and arrow sizes are given in CSS pixels. */
  readonly pxRatio: number;
}

/** Where the drawn markers ended up, for the hover read-out (canvas pixels, relative to the box). */
export interface DrawnPoints {
  readonly series: PlotSeries;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly indices: Int32Array;
}

// Far outside the box coordinates are clamped: canvases mis-draw lines to ±1e9 px in some engines.
const CLAMP = 1e5;
function clamp(v: number): number {
  return v < -CLAMP ? -CLAMP : v > CLAMP ? CLAMP : v;
}

export function drawSeries(ctx: CanvasRenderingContext2D, series: PlotSeries, xAxis: AxisTransform, yAxis: AxisTransform, box: Box, style: SeriesStyle): DrawnPoints {
  const toX = makeTransform(xAxis);
  const toY = makeTransform(yAxis);
  const n = series.x.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = toX(series.x[i]!);
    py[i] = toY(series.y[i]!);
  }
  const markers = thinByPixelGrid(px, py, box.width, box.height, 1);
  const cell = errorBarCell(markers.length);
  const bars = cell === 1 ? markers : thinByPixelGrid(px, py, box.width, box.height, cell * style.pxRatio);

  const r = 2.5 * style.pxRatio;
  const bottom = box.height;
  const upperLimit = series.kind === 'upper-limits';

  ctx.save();
  ctx.translate(box.left, box.top);
  ctx.beginPath();
  ctx.rect(0, 0, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.lineWidth = Math.max(1, style.pxRatio);

  const lines = new Path2D();
  for (let j = 0; j < bars.length; j++) {
    const i = bars[j]!;
    const x = px[i]!;
    const y = py[i]!;
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
  ctx.stroke(lines);

  if (!upperLimit) {
    const dots = new Path2D();
    for (let j = 0; j < markers.length; j++) {
      const i = markers[j]!;
      dots.rect(px[i]! - r, py[i]! - r, 2 * r, 2 * r);
    }
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
  return { series, px, py, indices: markers };
}

/** The drawn point nearest to (x, y) (box-relative canvas pixels), within `radius`. */
export function nearestPoint(drawn: readonly DrawnPoints[], x: number, y: number, radius: number): { points: DrawnPoints; index: number } | undefined {
  let best: { points: DrawnPoints; index: number } | undefined;
  let bestD = radius * radius;
  for (const d of drawn) {
    for (let j = 0; j < d.indices.length; j++) {
      const i = d.indices[j]!;
      const dx = d.px[i]! - x;
      const dy = d.py[i]! - y;
      const dist = dx * dx + dy * dy;
      if (dist <= bestD) {
        bestD = dist;
        best = { points: d, index: i };
      }
    }
  }
  return best;
}
