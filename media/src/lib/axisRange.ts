// Axis ranges: extents merged across series, and padded so the data never touches the frame. A log axis
// gets whole decades, since it cannot show zero or negative values (which points those leave out, and
// where error bars that reach them end, is decided where the extents are gathered and the series drawn:
// ./lightCurveSeries.ts, ./valueExtent.ts, ../viewer/plotDraw.ts).

export function mergeExtents(a: [number, number] | undefined, b: [number, number] | undefined): [number, number] | undefined {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/**
 * Padded axis range. Log: whole decades around the data (at least one decade). Linear: 5 % margin,
 * and a unit-wide window around a single value so the scale is never empty.
 */
export function paddedRange(extent: [number, number] | undefined, log: boolean): [number, number] {
  if (!extent) return log ? [1, 10] : [0, 1];
  const [lo, hi] = extent;
  if (log) {
    const loDecade = Math.floor(Math.log10(lo));
    let hiDecade = Math.ceil(Math.log10(hi));
    if (hiDecade <= loDecade) hiDecade = loDecade + 1;
    return [10 ** loDecade, 10 ** hiDecade];
  }
  if (lo === hi) {
    const half = lo === 0 ? 0.5 : Math.abs(lo) * 0.5;
    return [lo - half, hi + half];
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}
