// The campaign results table's filter and sort (media/src/lib/campaignTableOrder.ts).
import * as assert from 'node:assert/strict';
import { orderedRows, type TableOrder } from '../../../media/src/lib/campaignTableOrder';
import type { CampaignResultColumn, CampaignResultRow } from '../../../src/shared/campaignResultsModel';

const columns: CampaignResultColumn[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'nh', label: 'NH', kind: 'number' },
];

function row(sourceId: string, progress: CampaignResultRow['progress'], nh: number | null, name = sourceId): CampaignResultRow {
  return { sourceId, progress, ...(nh !== null ? { jobId: `J${sourceId}` } : {}), cells: { name, nh } };
}

const rows = [
  row('src10', 'downloaded', 0.3, 'NGC 1313 X-1'),
  row('src2', 'queued', null, 'NGC 5408 X-1'),
  row('src1', 'downloaded', 12, 'M82 X-1'),
  row('src3', 'failed', 0.3, 'Ho IX X-1'),
  row('src4', 'active', 1e-3, 'NGC 1313 X-2'),
];
const ids = (order: TableOrder): string[] => orderedRows(rows, columns, order).map((r) => r.sourceId);

describe('campaign results table: order and filter', () => {
  it('sorts numbers as numbers, with empty cells last in both directions and ties in campaign order', () => {
    assert.deepEqual(ids({ sortKey: 'nh', descending: false, filter: '' }), ['src4', 'src10', 'src3', 'src1', 'src2']);
    assert.deepEqual(ids({ sortKey: 'nh', descending: true, filter: '' }), ['src1', 'src10', 'src3', 'src4', 'src2']);
  });

  it('sorts source IDs naturally (src2 before src10)', () => {
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: '' }), ['src1', 'src2', 'src3', 'src4', 'src10']);
  });

  it('sorts by progress in the order a campaign moves, not alphabetically', () => {
    assert.deepEqual(ids({ sortKey: 'progress', descending: false, filter: '' }), ['src2', 'src4', 'src3', 'src10', 'src1']);
  });

  it('keeps rows holding every word of the filter, in any cell, ignoring case', () => {
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: 'ngc 1313' }), ['src4', 'src10']);
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: 'X-1 downloaded' }), ['src1', 'src10']);
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: 'Jsrc3' }), ['src3']);
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: 'nothing like it' }), []);
  });

  it('keeps only the chosen progress when one is chosen', () => {
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: '', progress: 'downloaded' }), ['src1', 'src10']);
    assert.deepEqual(ids({ sortKey: 'sourceId', descending: false, filter: 'm82', progress: 'failed' }), []);
  });

  it('never changes the rows it was given', () => {
    const before = rows.map((r) => r.sourceId);
    ids({ sortKey: 'nh', descending: true, filter: '' });
    assert.deepEqual(
      rows.map((r) => r.sourceId),
      before,
    );
  });
});
