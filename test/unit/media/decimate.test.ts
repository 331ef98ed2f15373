// Min/max decimation per pixel column: what a dense light curve keeps for drawing.
import * as assert from 'node:assert/strict';
import { decimateByColumn } from '../../../media/src/lib/decimate';

/** The definition, written plainly: per column the first lowest and first highest point and the bar envelope. */
function naiveDecimation(x: number[], y: number[], lo: number[], hi: number[], edges: number[], logY: boolean) {
  const cols = edges.length - 1;
  const members: number[][] = Array.from({ length: cols }, () => []);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(y[i]!) || (logY && !(y[i]! > 0))) continue;
    const c = edges.findIndex((e, k) => k < cols && x[i]! >= e && x[i]! < edges[k + 1]!);
    if (c >= 0) members[c]!.push(i);
  }
  const indices: number[] = [];
  const dense: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  members.forEach((m, c) => {
    if (m.length === 0) return;
    const first = (better: (a: number, b: number) => boolean): number => m.reduce((best, i) => (better(y[i]!, y[best]!) ? i : best));
    const iLow = first((a, b) => a < b);
    const iHigh = first((a, b) => a > b);
    indices.push(iLow);
    if (iHigh !== iLow) indices.push(iHigh);
    if (m.length < 2) return;
    dense.push(c);
    low.push(Math.min(...m.map((i) => (logY && !(y[i]! - lo[i]! > 0) ? -Infinity : y[i]! - lo[i]!))));
    high.push(Math.max(...m.map((i) => y[i]! + hi[i]!)));
  });
  return { indices, dense, low, high };
}

describe('viewer: decimation per pixel column', () => {
  it('agrees with the plain definition on ordered and unordered points with ties, gaps and values an axis cannot show', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(rand() * 60);
      const ordered = trial % 2 === 0;
      const x = Array.from({ length: n }, (_, i) => (ordered ? (i / n) * 12 - 1 : rand() * 12 - 1));
      // Few distinct values, so ties happen; some NaN, infinite and non-positive ones.
      const y = Array.from({ length: n }, () => [Number.NaN, Infinity, -2, 0, 1, 2, 3, 5][Math.floor(rand() * 8)]!);
      const lo = Array.from({ length: n }, () => Math.floor(rand() * 4));
      const hi = Array.from({ length: n }, () => Math.floor(rand() * 4));
      const edges = [0, 1, 2, 3, 5, 8, 10];
      for (const logY of [false, true]) {
        const d = decimateByColumn(x, y, lo, hi, edges, logY);
        const want = naiveDecimation(x, y, lo, hi, edges, logY);
        const what = `trial ${trial}, logY ${logY}`;
        assert.deepEqual([...d.indices], want.indices, `${what}: kept points`);
        assert.deepEqual([...d.denseColumns], want.dense, `${what}: dense columns`);
        assert.deepEqual([...d.low], want.low, `${what}: low ends`);
        assert.deepEqual([...d.high], want.high, `${what}: high ends`);
      }
    }
  });

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
});
