// The value-axis extent of light-curve series: what the value axis must show so that every point, its
// error bar and the arrow room below an upper limit fit. A lower bar end ≤ 0 does not widen a log axis
// (that bar runs to its edge), and a log time axis leaves out points at or before T0.
import { mergeExtents } from './axisRange';
import type { PlotSeries } from './lightCurveSeries';

type Range = readonly [number, number];

/**
 * The extent over the points whose bin reaches into `window` (all points without one), including
 * error-bar ends and room below upper limits for their arrows. A plain loop over every point: a zoom on a
 * 10^6-point curve runs it.
 */
export function valueExtent(series: readonly PlotSeries[], logX: boolean, logY: boolean, window?: Range): [number, number] | undefined {
  if (!window) return wholeValueExtent(series, logX, logY);
  let min = Infinity;
  let max = -Infinity;
  const [lo, hi] = window;
  for (const s of series) {
    const upperLimit = s.kind === 'upper-limits';
    const { x, xLo, xHi, y: ys, yErrLo, yErrHi } = s;
    for (let i = 0; i < ys.length; i++) {
      if (logX && !(x[i]! > 0)) continue;
      // Points whose bin reaches into the window count, so a zoomed plot keeps its partly shown bars.
      if (xHi[i]! < lo || xLo[i]! > hi) continue;
      const y = ys[i]!;
      // Inlined rather than a helper per value: this loop runs over every point.
      const top = y + yErrHi[i]!;
      const bottom = y - yErrLo[i]!;
      const mark = upperLimit ? (logY ? y / 4 : y * 0.8) : y;
      if (top === top && top !== Infinity && top !== -Infinity && (!logY || top > 0)) {
        if (top < min) min = top;
        if (top > max) max = top;
      }
      if (bottom === bottom && bottom !== Infinity && bottom !== -Infinity && (!logY || bottom > 0)) {
        if (bottom < min) min = bottom;
        if (bottom > max) max = bottom;
      }
      if (mark === mark && mark !== Infinity && mark !== -Infinity && (!logY || mark > 0)) {
        if (mark < min) min = mark;
        if (mark > max) max = mark;
      }
    }
  }
  return min <= max ? [min, max] : undefined;
}

/** The extent of whole series, from what toPlotSeries gathered (no pass over the points). */
function wholeValueExtent(series: readonly PlotSeries[], logX: boolean, logY: boolean): [number, number] | undefined {
  let extent: [number, number] | undefined;
  for (const s of series) {
    const axis = logY ? s.valueExtent.log : s.valueExtent.linear;
    extent = mergeExtents(extent, logX ? axis.positiveTime : axis.anyTime);
  }
  return extent;
}
