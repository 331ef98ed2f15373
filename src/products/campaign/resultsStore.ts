// The last results of a campaign, kept in its folder so a re-run shows what changed:
//   <campaign folder>/results.json           the last results built
//   <campaign folder>/results.previous.json  the results before the last change
// When new results differ from results.json in any row's progress, JobID or cell (numbers compared
// exactly as read back from JSON; null counts as a value), results.json becomes results.previous.json and
// the new results are written; otherwise results.previous.json stays, and results.json is only refreshed
// (its notes and reuse records). Changes are marked against results.previous.json. Both files have the
// shape below (RESULTS_FILE_VERSION), written under a file lock and replaced atomically.
//
// {
//   "format": "swift-xrt-campaign-results", "version": 1,
//   "campaign": "ulx.xrt-campaign.json",          the campaign file's name
//   "writtenAt": "2026-12-03T12:00:00.000Z",
//   "columns": [{ "key": "ra", "label": "RA (°, J2000)", "kind": "number" }, …],
//   "rows": [{
//     "sourceId": "grb-221009a", "progress": "downloaded", "jobId": "951",
//     "cells": { "name": "GRB 221009A", "ra": 288.26, …, "breaks": 1 },   every column's key, null when unknown
//     "notes": ["…"],                                                      optional
//     "reuse": { "decay": { "fingerprint": "…", "cells": {…}, "notes": […] },   optional: what the next
//                "spectrum": { "jobId": "951", "cells": {…}, "notes": […] } }  build may take over unchanged
//   }, …]
// }
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { withFileLock, writeFileAtomic } from '../../common/fileLock';
import { describeError } from '../../http/errors';
import type { CampaignResultColumn, CampaignResultRow, ResultCell, SourceProgress } from '../../shared/campaignResultsModel';

const FORMAT = 'swift-xrt-campaign-results';
export const RESULTS_FILE_VERSION = 1;
const RESULTS_FILE = 'results.json';
const PREVIOUS_FILE = 'results.previous.json';
/** Where an unreadable results.json is moved, so it is neither lost nor read again. */
const UNREADABLE_FILE = 'results.unreadable.json';

interface CachedCells {
  readonly cells: Readonly<Record<string, ResultCell>>;
  readonly notes: readonly string[];
}

export interface RowReuse {
  /** The decay fit of a light curve with this fingerprint (decayCells.ts). */
  readonly decay?: CachedCells & { readonly fingerprint: string };
  /** The service's spectral fit of this job (a finished job's fits do not change). */
  readonly spectrum?: CachedCells & { readonly jobId: string };
}

export interface StoredRow {
  readonly sourceId: string;
  readonly progress: SourceProgress;
  readonly jobId?: string;
  readonly cells: Readonly<Record<string, ResultCell>>;
  readonly notes?: readonly string[];
  readonly reuse?: RowReuse;
}

export interface StoredResults {
  readonly format: typeof FORMAT;
  readonly version: typeof RESULTS_FILE_VERSION;
  readonly campaign: string;
  readonly writtenAt: string;
  readonly columns: readonly CampaignResultColumn[];
  readonly rows: readonly StoredRow[];
}

let schema: z.ZodType<StoredResults> | undefined;
/** Built on first read, not when the module loads (start-up cost). */
function resultsSchema(): z.ZodType<StoredResults> {
  if (schema) return schema;
  const cell = z.union([z.string(), z.number(), z.null()]);
  const cells = z.record(z.string(), cell);
  const cached = { cells, notes: z.array(z.string()) };
  schema = z.object({
    format: z.literal(FORMAT),
    version: z.literal(RESULTS_FILE_VERSION),
    campaign: z.string(),
    writtenAt: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['number', 'text']) })),
    rows: z.array(
      z.object({
        sourceId: z.string(),
        progress: z.enum(['queued', 'sending', 'refused', 'undecided', 'active', 'complete', 'downloaded', 'failed']),
        jobId: z.string().optional(),
        cells,
        notes: z.array(z.string()).optional(),
        reuse: z
          .object({
            decay: z.object({ fingerprint: z.string(), ...cached }).optional(),
            spectrum: z.object({ jobId: z.string(), ...cached }).optional(),
          })
          .optional(),
      }),
    ),
  });
  return schema;
}

type ReadOutcome = { readonly results?: StoredResults } | { readonly unreadable: string };

async function readResults(file: string): Promise<ReadOutcome> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { unreadable: `${file} cannot be read: ${describeError(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { unreadable: `${file} is not valid JSON (${(error as Error).message})` };
  }
  const parsed = resultsSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      unreadable: `${file} is not campaign results this version can read (${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'unknown shape'})`,
    };
  }
  return { results: parsed.data };
}

/** The last results written, to take over unchanged work from (undefined when none can be read). */
export async function lastResults(folder: string): Promise<StoredResults | undefined> {
  const read = await readResults(path.join(folder, RESULTS_FILE));
  return 'results' in read ? read.results : undefined;
}

/** The keys of a row compared between two results: the row's progress and JobID, and every cell. */
function differingKeys(now: StoredRow, before: StoredRow | undefined, columns: readonly CampaignResultColumn[]): string[] {
  const keys: string[] = [];
  if (now.progress !== before?.progress) keys.push('progress');
  if (now.jobId !== before?.jobId) keys.push('jobId');
  for (const { key } of columns) {
    const a = now.cells[key] ?? null;
    const b = before ? (before.cells[key] ?? null) : undefined;
    // A source new since then differs where it has a value; null against no row at all is no news.
    if (before === undefined ? a !== null : a !== b) keys.push(key);
  }
  return keys;
}

/** The same sources with the same values (their order aside: the marks are per source). */
function sameValues(a: StoredResults, b: StoredResults): boolean {
  if (a.rows.length !== b.rows.length) return false;
  const columns = [...a.columns, ...b.columns.filter((c) => !a.columns.some((d) => d.key === c.key))];
  const before = new Map(b.rows.map((r) => [r.sourceId, r]));
  return a.rows.every((row) => before.has(row.sourceId) && differingKeys(row, before.get(row.sourceId), columns).length === 0);
}

export interface SavedResults {
  /** Per source: the keys that differ from the results before the last change (absent when there are none). */
  readonly changed: ReadonlyMap<string, readonly string[]>;
  /** When those previous results were written. */
  readonly previousAt?: string;
  /** What went wrong with the files (the rows are still shown). */
  readonly problems: readonly string[];
}

/**
 * Saves `results` as the campaign's last results (moving the ones before to results.previous.json when they
 * differ) and marks each row's changes against the previous results.
 */
export async function saveResults(folder: string, results: StoredResults): Promise<SavedResults> {
  // Compared as they will be read back: JSON keeps every finite double exactly, and turns −0 into 0.
  const fresh = JSON.parse(JSON.stringify(results)) as StoredResults;
  const problems: string[] = [];
  await fs.mkdir(folder, { recursive: true });
  const current = path.join(folder, RESULTS_FILE);
  const previousFile = path.join(folder, PREVIOUS_FILE);
  const previous = await withFileLock(`${current}.lock`, async () => {
    const last = await readResults(current);
    if ('unreadable' in last) {
      await fs.rename(current, path.join(folder, UNREADABLE_FILE));
      problems.push(`${last.unreadable}; it was moved to ${UNREADABLE_FILE} and new results written.`);
    }
    const before = 'results' in last ? last.results : undefined;
    const rotate = before !== undefined && !sameValues(fresh, before);
    if (rotate) await fs.rename(current, previousFile);
    await writeFileAtomic(current, JSON.stringify(fresh, null, 1) + '\n');
    if (rotate) return before;
    const older = await readResults(previousFile);
    if ('unreadable' in older) {
      problems.push(`${older.unreadable}; changes are not marked until the results change again.`);
      return undefined;
    }
    return older.results;
  });
  const changed = new Map<string, readonly string[]>();
  if (previous) {
    const byId = new Map(previous.rows.map((r) => [r.sourceId, r]));
    for (const row of fresh.rows) {
      const keys = differingKeys(row, byId.get(row.sourceId), fresh.columns);
      if (keys.length > 0) changed.set(row.sourceId, keys);
    }
  }
  return { changed, ...(previous ? { previousAt: previous.writtenAt } : {}), problems };
}

/** A stored row as the table shows it. */
export function viewRow(row: StoredRow, changed: readonly string[] | undefined): CampaignResultRow {
  return {
    sourceId: row.sourceId,
    progress: row.progress,
    ...(row.jobId !== undefined ? { jobId: row.jobId } : {}),
    cells: row.cells,
    ...(changed && changed.length > 0 ? { changed } : {}),
    ...(row.notes && row.notes.length > 0 ? { notes: row.notes } : {}),
  };
}
