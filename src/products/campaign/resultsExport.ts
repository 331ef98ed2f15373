// The results table as files the user keeps: CSV for spreadsheets and pandas (the one CSV writer,
// src/shared/csv.ts) and JSON for scripts. Both hold every row, not only the filtered ones, in the
// table's order. Pure.
//
// CSV: a header of `sourceId`, `progress`, `jobId`, every column's key, `changed` (the keys that changed
// since the previous results, space-separated) and `notes` (joined with " | "); empty fields are unknown.
//
// JSON (CAMPAIGN_RESULTS_EXPORT_VERSION):
// { "format": "swift-xrt-campaign-results-export", "version": 1, "campaign": "ulx.xrt-campaign.json",
//   "readAt": ISO 8601, "previousAt": ISO 8601 (when changes are marked),
//   "columns": [{ "key", "label", "kind" }, …],
//   "rows": [{ "sourceId", "progress", "jobId"?, "cells": { key: number | string | null, … }, "changed"?: [keys], "notes"?: [text] }] }
import type { CampaignResultsView } from '../../shared/campaignResultsModel';
import { toCsv, type CsvCell } from '../../shared/csv';

const CAMPAIGN_RESULTS_EXPORT_VERSION = 1;

export function campaignResultsCsv(view: CampaignResultsView): string {
  const keys = view.columns.map((c) => c.key);
  return toCsv(
    ['sourceId', 'progress', 'jobId', ...keys, 'changed', 'notes'],
    view.rows.map((row): CsvCell[] => [
      row.sourceId,
      row.progress,
      row.jobId ?? null,
      ...keys.map((k) => row.cells[k] ?? null),
      row.changed?.join(' ') ?? null,
      row.notes?.join(' | ') ?? null,
    ]),
  );
}

export function campaignResultsJson(view: CampaignResultsView): string {
  const document = {
    format: 'swift-xrt-campaign-results-export',
    version: CAMPAIGN_RESULTS_EXPORT_VERSION,
    campaign: view.campaign,
    readAt: view.readAt,
    ...(view.previousAt !== undefined ? { previousAt: view.previousAt } : {}),
    columns: view.columns,
    rows: view.rows.map((row) => ({
      sourceId: row.sourceId,
      progress: row.progress,
      ...(row.jobId !== undefined ? { jobId: row.jobId } : {}),
      cells: Object.fromEntries(view.columns.map((c) => [c.key, row.cells[c.key] ?? null])),
      ...(row.changed ? { changed: row.changed } : {}),
      ...(row.notes ? { notes: row.notes } : {}),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}
