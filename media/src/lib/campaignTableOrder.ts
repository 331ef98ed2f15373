// Which rows of the campaign results table are shown and in what order: a text filter, a progress filter
// and a sort by any column (numbers as numbers, empty cells last; media/src/lib/tableSort.ts). Kept apart
// from the DOM so it is tested on Node (test/unit/media).
import type { CampaignResultColumn, CampaignResultRow, ResultCell, SourceProgress } from '../../../src/shared/campaignResultsModel';
import { sortRowIndices } from './tableSort';

export interface TableOrder {
  /** Column key, or `sourceId` / `progress` / `jobId` for the fixed columns. */
  readonly sortKey: string;
  readonly descending: boolean;
  /** Words that must all appear (case-insensitive) in a row's text. */
  readonly filter: string;
  /** Only rows in this progress; undefined for every row. */
  readonly progress?: SourceProgress;
}

export const DEFAULT_ORDER: TableOrder = { sortKey: 'sourceId', descending: false, filter: '' };

/** The order sources move through a campaign, for sorting by progress. */
const PROGRESS_RANK: Readonly<Record<SourceProgress, number>> = {
  queued: 0,
  sending: 1,
  undecided: 2,
  refused: 3,
  withdrawn: 4,
  active: 5,
  failed: 6,
  complete: 7,
  downloaded: 8,
};

/** The cell a row has for a key, the fixed columns included. */
export function rowValue(row: CampaignResultRow, key: string): ResultCell {
  if (key === 'sourceId') return row.sourceId;
  if (key === 'progress') return row.progress;
  if (key === 'jobId') return row.jobId ?? null;
  return row.cells[key] ?? null;
}

/** The text the sort compares: progress by its place in a campaign, numbers exactly, empty as empty. */
function sortText(row: CampaignResultRow, key: string): string {
  if (key === 'progress') return String(PROGRESS_RANK[row.progress]);
  const value = rowValue(row, key);
  return value === null || (typeof value === 'number' && Number.isNaN(value)) ? '' : String(value);
}

function rowText(row: CampaignResultRow, columns: readonly CampaignResultColumn[]): string {
  const parts = [row.sourceId, row.progress, row.jobId ?? '', ...columns.map((c) => String(row.cells[c.key] ?? ''))];
  return parts.join(' ').toLowerCase();
}

/** The rows to show, filtered and sorted (stable: rows that compare equal keep the campaign's order). */
export function orderedRows(
  rows: readonly CampaignResultRow[],
  columns: readonly CampaignResultColumn[],
  order: TableOrder,
): CampaignResultRow[] {
  const words = order.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = rows.filter((row) => {
    if (order.progress && row.progress !== order.progress) return false;
    if (words.length === 0) return true;
    const text = rowText(row, columns);
    return words.every((w) => text.includes(w));
  });
  const texts = kept.map((row) => [sortText(row, order.sortKey)]);
  return sortRowIndices(texts, 0, order.descending ? 'descending' : 'ascending').map((i) => kept[i] as CampaignResultRow);
}
