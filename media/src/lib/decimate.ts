// Thinning of dense point sets before drawing. Canvas cost grows with the number of shapes, not with
// what is visible: 10^5 error bars mostly overdraw each other. Keeping the first point in each cell of
// a pixel grid bounds the work by the plot's area while leaving every occupied cell marked.

/**
 * Indices of points to draw: inside the `width`×`height` box (pixel coordinates, origin top left) and
 * the first point falling into each `cell`×`cell` square. `cell` 1 drops only exact pixel duplicates.
 */
export function thinByPixelGrid(px: ArrayLike<number>, py: ArrayLike<number>, width: number, height: number, cell: number): Int32Array {
  if (px.length !== py.length) throw new Error(`thinByPixelGrid: ${px.length} x positions but ${py.length} y positions`);
  if (!(cell >= 1)) throw new RangeError(`thinByPixelGrid: cell must be at least 1 pixel, got ${cell}`);
  const cols = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const taken = new Uint8Array(cols * rows);
  const kept = new Int32Array(px.length);
  let count = 0;
  for (let i = 0; i < px.length; i++) {
    const x = px[i]!;
    const y = py[i]!;
    // Written so NaN fails the test too.
    if (!(x >= 0 && x < width && y >= 0 && y < height)) continue;
    const key = Math.floor(y / cell) * cols + Math.floor(x / cell);
    if (taken[key]) continue;
    taken[key] = 1;
    kept[count++] = i;
  }
  return kept.slice(0, count);
}

/** Grid cell size for error bars: every bar while few are visible, then coarser with density. */
export function errorBarCell(visiblePoints: number, budget = 4000): number {
  if (visiblePoints <= budget) return 1;
  return Math.min(16, Math.ceil(Math.sqrt(visiblePoints / budget)) * 2);
}
