// Thinning of dense point sets before drawing. Canvas cost grows with the number of shapes, not with
// what is visible: 10^5 error bars mostly overdraw each other. Reducing each pixel column to its extremes
// bounds the work by the plot's width while keeping the shape of the data.

/** What a dense series becomes on screen: a few points drawn as they are, and a value envelope per column. */
interface ColumnDecimation {
  /** Points drawn one by one: the only point of a column, or the lowest and the highest of a fuller one. */
  readonly indices: Int32Array;
  /** Pixel columns holding more than one point, each with its lowest lower and highest upper error-bar end. */
  readonly denseColumns: Int32Array;
  /** Raw values; −∞ where a bar runs off the bottom of a log axis. */
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/**
 * Min/max decimation per pixel column, on the raw values: a log axis is monotonic, so the extremes of a
 * column are the same before and after the transform, and only the kept points need one. `edges` holds
 * the value at each column's left edge and, last, the right edge of the axis (ascending, columns + 1
 * entries). Time-ordered series (every light curve) find their column by walking; others by bisection.
 */
export function decimateByColumn(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  errLo: ArrayLike<number>,
  errHi: ArrayLike<number>,
  edges: ArrayLike<number>,
  logY: boolean,
): ColumnDecimation {
  const cols = edges.length - 1;
  if (!(cols >= 1)) throw new RangeError(`decimateByColumn: need at least two column edges, got ${edges.length}`);
  const count = new Int32Array(cols);
  const iLow = new Int32Array(cols);
  const iHigh = new Int32Array(cols);
  const low = new Float64Array(cols).fill(Infinity);
  const high = new Float64Array(cols).fill(-Infinity);
  const left = edges[0]!;
  const right = edges[cols]!;
  // The column being filled lives in locals (its edges, count, extreme points and envelope) and is written
  // back when a point falls into another one: a light curve is ordered in time, so that is once per column,
  // and the loop over every point touches no array but the inputs.
  let c = -1;
  let cLeft = Infinity;
  let cRight = -Infinity;
  let n = 0;
  let il = 0;
  let ih = 0;
  let yl = 0;
  let yh = 0;
  let lw = Infinity;
  let hg = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    // Written so NaN fails the tests too.
    if (!(xi >= left && xi < right) || !(logY ? yi > 0 : yi === yi) || yi === Infinity || yi === -Infinity) continue;
    if (!(xi >= cLeft && xi < cRight)) {
      if (c >= 0) {
        count[c] = n;
        iLow[c] = il;
        iHigh[c] = ih;
        low[c] = lw;
        high[c] = hg;
      }
      let lo = 0;
      let hi = cols;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (xi >= edges[mid]!) lo = mid;
        else hi = mid;
      }
      c = lo;
      cLeft = edges[c]!;
      cRight = edges[c + 1]!;
      n = count[c]!;
      il = iLow[c]!;
      ih = iHigh[c]!;
      yl = y[il]!;
      yh = y[ih]!;
      lw = low[c]!;
      hg = high[c]!;
    }
    if (n === 0) {
      il = i;
      ih = i;
      yl = yi;
      yh = yi;
    } else {
      if (yi < yl) {
        il = i;
        yl = yi;
      }
      if (yi > yh) {
        ih = i;
        yh = yi;
      }
    }
    n++;
    const bottom = yi - errLo[i]!;
    const top = yi + errHi[i]!;
    const b = logY && !(bottom > 0) ? -Infinity : bottom;
    if (b < lw) lw = b;
    if (top > hg) hg = top;
  }
  if (c >= 0) {
    count[c] = n;
    iLow[c] = il;
    iHigh[c] = ih;
    low[c] = lw;
    high[c] = hg;
  }
  const indices: number[] = [];
  const dense: number[] = [];
  for (let k = 0; k < cols; k++) {
    const n = count[k]!;
    if (n === 0) continue;
    indices.push(iLow[k]!);
    if (iHigh[k] !== iLow[k]) indices.push(iHigh[k]!);
    if (n > 1) dense.push(k);
  }
  const denseColumns = Int32Array.from(dense);
  return {
    indices: Int32Array.from(indices),
    denseColumns,
    low: Float64Array.from(denseColumns, (k) => low[k]!),
    high: Float64Array.from(denseColumns, (k) => high[k]!),
  };
}
