// Min/max decimation per pixel column: what a dense light curve keeps for drawing.
import * as assert from 'node:assert/strict';
import { decimateByColumn } from '../../../media/src/lib/decimate';
import { columnEdges } from '../../../media/src/viewer/plotDraw';

describe('viewer: decimation per pixel column', () => {
  it('keeps the lowest and highest point of each column and the envelope of its error bars', () => {
    // Columns [0,1), [1,2), [2,3): three points in the first, one in the second, none in the third.
    const x = [0.1, 0.5, 0.9, 1.5];
    const y = [5, 2, 8, 4];
    const lo = [1, 1.5, 1, 0.5];
    const hi = [1, 1, 3, 0.5];
    const d = decimateByColumn(x, y, lo, hi, [0, 1, 2, 3], false);
    assert.deepEqual([...d.indices], [1, 2, 3]);
    assert.deepEqual([...d.denseColumns], [0]);
    assert.deepEqual([...d.low], [0.5]);
    assert.deepEqual([...d.high], [11]);
  });

  it('finds columns for unordered times, leaves out what the axes cannot show, and runs bars off a log axis', () => {
    const x = [2.5, 0.5, 2.6, -1, 9, 0.7];
    const y = [1, 2, 0.01, 3, 3, Number.NaN];
    const d = decimateByColumn(x, y, [0.5, 0, 0.02, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 1, 2, 3], true);
    assert.deepEqual([...d.indices], [1, 2, 0]);
    assert.deepEqual([...d.denseColumns], [2]);
    assert.equal(d.low[0], -Infinity, 'a lower end at or below zero runs to the bottom of a log axis');
  });

  it('bounds the kept points by twice the columns however many there are', () => {
    const n = 200_000;
    const x = Float64Array.from({ length: n }, (_, i) => 60 * Math.exp((i / n) * 10));
    const y = Float64Array.from(x, (t) => 100 * t ** -1.2);
    const err = Float64Array.from(y, (v) => v * 0.1);
    const edges = columnEdges({ min: 10, max: 1e6, log: true, size: 800, flipped: false }, 800);
    const d = decimateByColumn(x, y, err, err, edges, true);
    assert.ok(d.indices.length <= 1600 && d.indices.length > 400, `${d.indices.length} points kept`);
    assert.ok(Math.abs(edges[0]! - 10) < 1e-9 && Math.abs(edges[800]! - 1e6) < 1e-3);
  });
});
