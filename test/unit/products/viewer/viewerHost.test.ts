// Host-side pure logic of the viewer: table sorting, stored state, which files the webview may load.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { compareCells, sortRowIndices } from '../../../../media/src/lib/tableSort';
import { modelFilePaths, resolveInsideFolder } from '../../../../src/products/viewer/viewerResources';
import { parseViewerState } from '../../../../src/products/viewer/viewerState';
import { readFixture } from '../../../support/paths';
import { sampleModel } from '../../../viewer-harness/sampleModel';

describe('viewer: table sorting', () => {
  it('compares numeric strings as numbers and puts numbers before text', () => {
    assert.ok(compareCells('9', '10') < 0);
    assert.ok(compareCells('1e-5', '0.001') < 0);
    assert.ok(compareCells('2', 'abc') < 0);
    assert.ok(compareCells('src2', 'src10') < 0, 'natural order for text');
    assert.equal(compareCells(' 3 ', '3.0'), 0);
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
