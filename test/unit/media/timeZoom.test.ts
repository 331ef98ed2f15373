// The light curve's time window: zoom, pan and reset stay within the data, in decades on log axes.
import * as assert from 'node:assert/strict';
import { clampWindow, keyAction, panWindow, zoomWindow } from '../../../media/src/lib/timeZoom';

const close = (a: readonly number[], b: readonly number[], what: string): void =>
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) <= Math.abs(b[i]!) * 1e-9, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`));

describe('viewer: time zoom', () => {
  it('zooms around the centre in decades on a log axis and linearly otherwise', () => {
    close(zoomWindow([100, 1e6], [100, 1e6], true, 0.5), [1000, 1e5], 'log zoom in');
    close(zoomWindow([0, 100], [0, 100], false, 0.5), [25, 75], 'linear zoom in');
    close(zoomWindow([1000, 1e5], [100, 1e6], true, 2), [100, 1e6], 'log zoom back out');
  });

  it('never leaves the data: zooming out stops at the full range, panning stops at its edges', () => {
    close(zoomWindow([0, 100], [0, 100], false, 2), [0, 100], 'zoom out past the data');
    close(panWindow([25, 75], [0, 100], false, 0.8), [50, 100], 'pan right to the edge');
    close(panWindow([25, 75], [0, 100], false, -0.8), [0, 50], 'pan left to the edge');
    close(panWindow([1000, 1e4], [100, 1e6], true, 0.2), [10 ** 3.2, 10 ** 4.2], 'log pan by a fifth of the window');
  });

  it('orders a selection dragged right to left and widens one too narrow to mean anything', () => {
    close(clampWindow([75, 25], [0, 100], false), [25, 75], 'reversed');
    const tiny = clampWindow([50, 50], [0, 100], false);
    assert.ok(tiny[1] > tiny[0] && tiny[0] >= 0 && tiny[1] <= 100, JSON.stringify(tiny));
    close(clampWindow([Number.NaN, 3], [0, 100], false), [0, 100], 'not a number');
  });

  it('maps the keys the plot announces', () => {
    assert.deepEqual(keyAction('+'), { zoom: 0.5 });
    assert.deepEqual(keyAction('-'), { zoom: 2 });
    assert.deepEqual(keyAction('ArrowLeft'), { pan: -0.2 });
    assert.deepEqual(keyAction('ArrowRight'), { pan: 0.2 });
    assert.equal(keyAction('0'), 'reset');
    assert.equal(keyAction('a'), undefined);
  });
});
