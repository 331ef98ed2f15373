// Host-side pure logic of the viewer: table sorting, stored state, which files the webview may load.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { sortRowIndices } from '../../../../media/src/lib/tableSort';
import { modelFilePaths, resolveInsideFolder } from '../../../../src/products/viewer/viewerResources';
import { parseViewerState } from '../../../../src/products/viewer/viewerState';
import { readFixture } from '../../../support/paths';
import { sampleModel } from '../../../viewer-harness/sampleModel';

// Cell order read off the sort the table runs: given b first, an ascending sort moves a ahead only if a < b.
function sortsBefore(a: string, b: string): boolean {
  return sortRowIndices([[b], [a]], 0, 'ascending')[0] === 1;
}

// Equal cells keep their input order whichever way the column is sorted.
function sortsEqual(a: string, b: string): boolean {
  const rows = [[a], [b]];
  return ['ascending', 'descending'].every((d) => sortRowIndices(rows, 0, d as 'ascending' | 'descending').join() === '0,1');
}

describe('viewer: table sorting', () => {
  it('compares numeric strings as numbers and puts numbers before text', () => {
    assert.ok(sortsBefore('9', '10'));
    assert.ok(sortsBefore('1e-5', '0.001'));
    assert.ok(sortsBefore('2', 'abc'));
    assert.ok(sortsBefore('src2', 'src10'), 'natural order for text');
    assert.ok(sortsEqual(' 3 ', '3.0'));
  });

  it('sorts rows stably in both directions with empty cells last', () => {
    const rows = [
      ['b', '10'],
      ['a', ''],
      ['c', '9'],
      ['d', '10'],
    ];
    assert.deepEqual(sortRowIndices(rows, 1, 'ascending'), [2, 0, 3, 1]);
    assert.deepEqual(sortRowIndices(rows, 1, 'descending'), [0, 3, 2, 1]);
    assert.deepEqual(sortRowIndices(rows, 0, 'descending'), [3, 2, 0, 1]);
  });
});

describe('viewer: stored panel state', () => {
  it('accepts a job key with an optional folder and rejects anything else', () => {
    assert.deepEqual(parseViewerState({ jobKey: 'k1', folder: '/tmp/x' }), { jobKey: 'k1', folder: '/tmp/x' });
    assert.deepEqual(parseViewerState({ jobKey: 'k1' }), { jobKey: 'k1' });
    assert.equal(parseViewerState(undefined), undefined);
    assert.equal(parseViewerState({ jobKey: ' ' }), undefined);
    assert.equal(parseViewerState({ jobKey: 'k', folder: 3 }), undefined);
  });
});

describe('viewer: files the webview may load', () => {
  const folder = path.resolve('/data/jobs/951');

  it('resolves relative paths in the job folder and refuses escapes', () => {
    assert.equal(resolveInsideFolder(folder, 'image/image1.gif'), path.join(folder, 'image', 'image1.gif'));
    assert.equal(resolveInsideFolder(folder, path.join(folder, 'spec', 'a.gif')), path.join(folder, 'spec', 'a.gif'));
    assert.equal(resolveInsideFolder(folder, '../952/image1.gif'), undefined);
    assert.equal(resolveInsideFolder(folder, '/etc/passwd'), undefined);
    assert.equal(resolveInsideFolder(folder, '.'), undefined);
    assert.equal(resolveInsideFolder(folder, '..data/x.gif'), path.join(folder, '..data', 'x.gif'));
  });

  it('lists each file the model names once', () => {
    const model = sampleModel((name) => readFixture('xrt', name) as Record<string, unknown>);
    assert.deepEqual(modelFilePaths(model), ['image/image1.gif', 'image/image1.img.gz', 'image/image2.gif', 'image/summed_vignet_ex.gif']);
  });
});
