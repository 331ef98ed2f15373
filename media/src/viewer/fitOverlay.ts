// What a fit adds to the light-curve plot: the excluded time ranges washed out (their points stay
// visible but faded, with a dashed edge), the fitted law drawn over the data across the fitted bins,
// and the residuals panel's series, (data − model)/σ per bin, on the same time axis.
import type { BinResidual, LightCurveFitResult } from '../../../src/shared/lightCurveFit';
import { modelRates } from '../../../src/shared/lightCurveFit';
import type { ExclusionRange } from '../../../src/shared/lightCurveFit';
import type { LightCurveDataset, XrtMode } from '../../../src/shared/viewModel';
import type { PlotSeries } from '../lib/lightCurveSeries';
import { mapTime, type TimeMapping } from '../lib/timeAxis';

/** A value ↔ pixel mapping of one plot axis (canvas pixels inside the plot box). */
interface OverlayAxis {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  readonly size: number;
}

interface OverlayBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const toAxis = (v: number, log: boolean): number => (log ? Math.log10(v) : v);
const fromAxis = (v: number, log: boolean): number => (log ? 10 ** v : v);

function pixel(axis: OverlayAxis, v: number): number {
  if (axis.log && !(v > 0)) return Number.NaN;
  const a = toAxis(axis.min, axis.log);
  const b = toAxis(axis.max, axis.log);
  return ((toAxis(v, axis.log) - a) / (b - a || 1)) * axis.size;
}

/** Fit time (s since T0, the wire time of a MET light curve) of an axis value: the mapping's inverse. */
export function fitTimeOf(mapping: TimeMapping, axisValue: number): number {
  return (axisValue - mapping.offset) / mapping.scale;
}

/** The excluded ranges washed out with the background colour, so the points inside look faded. */
export function shadeExclusions(
  ctx: CanvasRenderingContext2D,
  exclusions: readonly ExclusionRange[],
  mapping: TimeMapping,
  x: OverlayAxis,
  box: OverlayBox,
  colors: { readonly background: string; readonly foreground: string },
  pxRatio: number,
): void {
  if (exclusions.length === 0) return;
  ctx.save();
  ctx.translate(box.left, box.top);
  ctx.beginPath();
  ctx.rect(0, 0, box.width, box.height);
  ctx.clip();
  for (const [start, stop] of exclusions) {
    const a = pixel(x, mapTime(mapping, start));
    const b = pixel(x, mapTime(mapping, stop));
    const left = Number.isNaN(a) ? 0 : Math.max(-1, a);
    const right = Math.min(box.width + 1, b);
    if (!(right > left)) continue;
    ctx.globalAlpha = 0.6;
    ctx.fillStyle = colors.background;
    ctx.fillRect(left, 0, right - left, box.height);
    ctx.globalAlpha = 0.7;
    ctx.strokeStyle = colors.foreground;
    ctx.lineWidth = pxRatio;
    ctx.setLineDash([4 * pxRatio, 3 * pxRatio]);
    ctx.beginPath();
    for (const edge of [left, right]) {
      if (edge < 0 || edge > box.width) continue;
      ctx.moveTo(edge, 0);
      ctx.lineTo(edge, box.height);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** The fitted range: from the first to the last fitted (not excluded) bin. */
function fittedSpan(result: Pick<LightCurveFitResult, 'residuals'>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of result.residuals) {
    if (r.excluded) continue;
    if (r.start < lo) lo = r.start;
    if (r.stop > hi) hi = r.stop;
  }
  return lo < hi ? [Math.max(lo, Number.MIN_VALUE), hi] : undefined;
}

/** Draws the fitted law over the fitted range on the rate panel; returns the number of points drawn. */
export function drawModelCurve(
  ctx: CanvasRenderingContext2D,
  result: LightCurveFitResult,
  mapping: TimeMapping,
  x: OverlayAxis,
  y: OverlayAxis,
  box: OverlayBox,
  style: { readonly color: string; readonly pxRatio: number; readonly onRange?: (range: [number, number]) => void },
  /** The model's rates in the unit the value axis shows (flux units convert them as the points are). */
  inAxisUnit: (fitTimes: readonly number[], rates: ArrayLike<number>) => ArrayLike<number> = (_, rates) => rates,
): number {
  const span = fittedSpan(result);
  if (!span) return 0;
  // The visible part of the fitted range, in axis units, sampled every two canvas pixels.
  const a = Math.max(toAxis(mapTime(mapping, span[0]), x.log), toAxis(x.min, x.log));
  const b = Math.min(toAxis(mapTime(mapping, span[1]), x.log), toAxis(x.max, x.log));
  if (!(b > a)) return 0;
  const n = Math.max(2, Math.ceil(box.width / 2));
  const axisValues = Array.from({ length: n }, (_, i) => fromAxis(a + ((b - a) * i) / (n - 1), x.log));
  const fitTimes = axisValues.map((v) => fitTimeOf(mapping, v));
  const rates = inAxisUnit(fitTimes, modelRates(result, fitTimes));
  ctx.save();
  ctx.translate(box.left, box.top);
  ctx.beginPath();
  ctx.rect(0, 0, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = style.color;
  ctx.lineWidth = 2 * style.pxRatio;
  ctx.beginPath();
  let pen = false;
  let drawn = 0;
  let low = Infinity;
  let high = -Infinity;
  axisValues.forEach((v, i) => {
    const px = pixel(x, v);
    const value = rates[i]!;
    if (Number.isFinite(value)) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
    const py = y.size - pixel(y, value);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      return;
    }
    const clamped = Math.max(-1e5, Math.min(1e5, py));
    if (pen) ctx.lineTo(px, clamped);
    else ctx.moveTo(px, clamped);
    pen = true;
    drawn++;
  });
  ctx.stroke();
  ctx.restore();
  if (low <= high) style.onRange?.([low, high]);
  return drawn;
}

/** The residuals panel's zero line. */
export function drawZeroLine(ctx: CanvasRenderingContext2D, y: OverlayAxis, box: OverlayBox, color: string, pxRatio: number): void {
  const py = y.size - pixel(y, 0);
  if (!Number.isFinite(py) || py < 0 || py > box.height) return;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = pxRatio;
  ctx.beginPath();
  ctx.moveTo(box.left, box.top + py);
  ctx.lineTo(box.left + box.width, box.top + py);
  ctx.stroke();
  ctx.restore();
}

/** Residual series drawn muted (the excluded bins'), told apart by identity, not by name. */
const mutedSeries = new WeakSet<PlotSeries>();
export const isMutedSeries = (s: PlotSeries): boolean => mutedSeries.has(s);

function modeOf(dataset: string): XrtMode {
  return dataset.startsWith('WT') ? 'WT' : 'PC';
}

/**
 * (data − model)/σ of the detection bins, one series per dataset and one more per dataset for the
 * excluded bins (drawn muted); error bars of ±1 (one σ). Upper limits are not drawn: a respected limit
 * has no residual.
 */
export function residualSeries(result: Pick<LightCurveFitResult, 'residuals'>, mapping: TimeMapping): PlotSeries[] {
  const groups = new Map<string, BinResidual[]>();
  for (const r of result.residuals) {
    if (r.upperLimit) continue;
    const key = `${r.dataset}${r.excluded ? ' excluded' : ''}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  const out: PlotSeries[] = [];
  for (const [key, rows] of groups) {
    const n = rows.length;
    const series: PlotSeries = {
      name: `${key} residuals`,
      mode: modeOf(rows[0]!.dataset),
      kind: 'detections',
      panel: 'residuals',
      x: Float64Array.from(rows, (r) => mapTime(mapping, (r.start + r.stop) / 2)),
      xLo: Float64Array.from(rows, (r) => mapTime(mapping, r.start)),
      xHi: Float64Array.from(rows, (r) => mapTime(mapping, r.stop)),
      // The engine's residual is (model − data)/σ; plots conventionally show data above the model as positive.
      y: Float64Array.from(rows, (r) => -r.residual),
      yErrLo: new Float64Array(n).fill(1),
      yErrHi: new Float64Array(n).fill(1),
      dataset: residualDataset(rows[0]!.dataset, rows),
      timeExtent: {},
      notPositive: { x: 0, y: 0, either: 0 },
      // Residuals are drawn on a linear value axis only: each bar is the point ± 1.
      valueExtent: { linear: residualExtent(rows, mapping), log: {} },
    };
    if (key.endsWith(' excluded')) mutedSeries.add(series);
    out.push(series);
  }
  return out;
}

/** The linear value-axis extent of residual bars (±1 about each point), over all bins and over t > 0. */
function residualExtent(
  rows: readonly BinResidual[],
  mapping: TimeMapping,
): { readonly anyTime?: [number, number]; readonly positiveTime?: [number, number] } {
  const span = (list: readonly BinResidual[]): [number, number] | undefined => {
    let min = Infinity;
    let max = -Infinity;
    for (const r of list) {
      const y = -r.residual;
      if (!Number.isFinite(y)) continue;
      if (y < min) min = y;
      if (y > max) max = y;
    }
    return min <= max ? [min - 1, max + 1] : undefined;
  };
  return { anyTime: span(rows), positiveTime: span(rows.filter((r) => mapTime(mapping, (r.start + r.stop) / 2) > 0)) };
}

/** A dataset record for the read-out and the legend of a residual series (its own times, in s since T0). */
function residualDataset(name: string, rows: readonly BinResidual[]): LightCurveDataset {
  const mid = rows.map((r) => (r.start + r.stop) / 2);
  return {
    name: `${name} residuals`,
    mode: modeOf(name),
    kind: 'detections',
    incbad: /incbad/.test(name),
    nosys: /nosys/.test(name),
    columns: {
      Time: mid,
      TimePos: rows.map((r, i) => r.stop - mid[i]!),
      TimeNeg: rows.map((r, i) => r.start - mid[i]!),
    },
  };
}
