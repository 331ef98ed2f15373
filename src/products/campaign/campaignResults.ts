// The campaign results table's data (src/shared/campaignResultsModel.ts): one row per planned source, in
// the campaign's order, from its campaign state, its job in the job list and its folder
// `<campaign folder>/<source id>/` (downloaded products, read as the product viewer reads them offline).
// What cannot be read becomes null cells and a note on that row; no source's trouble loses another's row.
// The results are kept in the campaign folder and compared with the previous ones (./resultsStore.ts).
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { describeError } from '../../http/errors';
import type { CampaignResultsView, ResultCell } from '../../shared/campaignResultsModel';
import { FitError } from '../../shared/lightCurveFit/types';
import type { ViewerModel } from '../../shared/viewModel';
import type { PlannedSource } from '../../xrt/campaign/campaignPlan';
import type { CampaignState } from '../../xrt/campaign/campaignState';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import { isComplete } from '../../xrt/productCodes';
import type { SpecDataResponse } from '../../xrt/responseSchemas';
import { readProductFolder, type ProductFolderSummary } from '../files/productFolder';
import type { SectionResult } from '../model/jobProducts';
import { modelFromFolder, modelFromJobData } from '../model/modelBuilder';
import { campaignFolderOf } from './campaignPaths';
import { decayCells, decayDatasets, decayFingerprint, fitInWorker, NO_DECAY, type DecayFitter } from './decayCells';
import { DECAY_KEYS, RESULT_COLUMNS, SPECTRUM_KEYS } from './resultColumns';
import { positionCells, rateCells, spectrumCells } from './resultCells';
import { lastResults, RESULTS_FILE_VERSION, saveResults, viewRow, type RowReuse, type StoredResults, type StoredRow } from './resultsStore';
import { sourceProgress } from './sourceProgress';

/** Sources read (and fitted, each fit a worker thread) at once: one per core, at most 4. */
const CONCURRENCY = Math.min(4, Math.max(1, availableParallelism()));

export interface CampaignResultsInput {
  /** The campaign file, `<dir>/<stem>.xrt-campaign.json`; its folder is `<dir>/<stem>/`. */
  readonly campaignFile: string;
  /** The planned sources (planCampaign), in the campaign's order. */
  readonly sources: readonly PlannedSource[];
  readonly state: CampaignState;
  /** The job list's records (the campaign's jobs among them). */
  readonly records: readonly JobRecord[];
}

export interface CampaignResultsOptions {
  /**
   * The service's spectral fits of a finished job (getSpecData, test/fixtures/protocol/xrt-products.md §12):
   * the only place fit values exist, as the downloaded files hold none (§13.4). Asked once per job: the
   * values are kept in results.json and taken over while the source's JobID stays the same. Without it, the
   * spectral cells stay null with a note.
   */
  readonly spectralFits?: (jobId: string) => Promise<SectionResult<SpecDataResponse>>;
  /** Runs the decay fits; by default each in a worker thread, as the viewer's (src/products/viewer/fitRunner.ts). */
  readonly fitDecay?: DecayFitter;
  readonly now?: () => Date;
}

/**
 * Builds the results table of a campaign, saves it as the campaign's last results and marks what changed
 * since the previous ones. Rejects only for a file that is not a campaign file; every other problem is a
 * row's note or one of the view's `problems`.
 */
export async function buildCampaignResults(
  input: CampaignResultsInput,
  options: CampaignResultsOptions = {},
): Promise<CampaignResultsView> {
  const folder = campaignFolderOf(input.campaignFile);
  const campaign = path.basename(input.campaignFile);
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const problems: string[] = [];
  const before = await lastResults(folder).catch((error: unknown) => {
    problems.push(`The last results could not be read (${describeError(error)}); every value is read again.`);
    return undefined;
  });
  const reuseOf = new Map((before?.rows ?? []).flatMap((r) => (r.reuse ? [[r.sourceId, r.reuse] as const] : [])));
  const records = new Map(input.records.map((r) => [r.jobId, r]));
  const context: RowContext = {
    folder,
    records,
    reuseOf,
    fitDecay: options.fitDecay ?? fitInWorker,
    ...(options.spectralFits ? { spectralFits: options.spectralFits } : {}),
  };
  const rows = await inOrder(input.sources, CONCURRENCY, (source) => sourceRow(source, input.state, context));
  const results: StoredResults = {
    format: 'swift-xrt-campaign-results',
    version: RESULTS_FILE_VERSION,
    campaign,
    writtenAt: readAt,
    columns: RESULT_COLUMNS,
    rows,
  };
  let changed: ReadonlyMap<string, readonly string[]> = new Map();
  let previousAt: string | undefined;
  try {
    const saved = await saveResults(folder, results);
    changed = saved.changed;
    previousAt = saved.previousAt;
    problems.push(...saved.problems);
  } catch (error) {
    problems.push(`The results could not be saved in ${folder} (${describeError(error)}); changes since the last run are not marked.`);
  }
  return {
    campaign,
    columns: RESULT_COLUMNS,
    rows: rows.map((row) => viewRow(row, changed.get(row.sourceId))),
    readAt,
    ...(previousAt !== undefined ? { previousAt } : {}),
    ...(problems.length > 0 ? { problems } : {}),
  };
}

interface RowContext {
  readonly folder: string;
  readonly records: ReadonlyMap<string, JobRecord>;
  readonly reuseOf: ReadonlyMap<string, RowReuse>;
  readonly fitDecay: DecayFitter;
  readonly spectralFits?: (jobId: string) => Promise<SectionResult<SpecDataResponse>>;
}

/** `work` on each item, at most `limit` at once, results in the items' order. */
async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const nullCells = (): Record<string, ResultCell> => Object.fromEntries(RESULT_COLUMNS.map((c) => [c.key, null]));

async function sourceRow(source: PlannedSource, campaignState: CampaignState, context: RowContext): Promise<StoredRow> {
  const state = campaignState.sources[source.id];
  const jobId = state?.status === 'submitted' ? state.jobId : undefined;
  const name = typeof source.request.name === 'string' ? source.request.name : null;
  try {
    return await readSourceRow(source.id, name, state, jobId, context);
  } catch (error) {
    // A bug or an unexpected failure in one source: its row says so, the others are unaffected.
    const progress = sourceProgress(state, jobId ? context.records.get(jobId) : undefined, false);
    return {
      sourceId: source.id,
      progress: progress.progress,
      ...(jobId !== undefined ? { jobId } : {}),
      cells: { ...nullCells(), name },
      notes: [...(progress.note ? [progress.note] : []), `The results of this source could not be read: ${describeError(error)}`],
    };
  }
}

/** The folder's products, or undefined when there is no folder or it holds no product folder yet. */
async function downloadedProducts(folder: string): Promise<ProductFolderSummary | undefined> {
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!info?.isDirectory()) return undefined;
  const summary = await readProductFolder(folder);
  return summary.products.length > 0 ? summary : undefined;
}

async function readSourceRow(
  sourceId: string,
  name: string | null,
  state: CampaignState['sources'][string] | undefined,
  jobId: string | undefined,
  context: RowContext,
): Promise<StoredRow> {
  const record = jobId ? context.records.get(jobId) : undefined;
  const summary = await downloadedProducts(path.join(context.folder, sourceId));
  const progress = sourceProgress(state, record, summary !== undefined);
  const notes: string[] = progress.note ? [progress.note] : [];
  const previous = context.reuseOf.get(sourceId);
  const reuse: { -readonly [K in keyof RowReuse]: RowReuse[K] } = {};

  // Spectral fits: the service's, once per job (kept), when the job's spectrum finished.
  const keptSpectrum = jobId !== undefined && previous?.spectrum?.jobId === jobId ? previous.spectrum : undefined;
  let spectrumReply: SectionResult<SpecDataResponse> | undefined;
  if (!keptSpectrum && jobId !== undefined && context.spectralFits && isComplete(record?.products.spec?.statusCode ?? null))
    spectrumReply = await context.spectralFits(jobId);

  let model: ViewerModel | undefined;
  const job = record ?? (jobId !== undefined ? { jobId } : undefined);
  if (spectrumReply && job) model = modelFromJobData(job, { positions: {}, spectrum: spectrumReply }, summary);
  else if (summary) model = modelFromFolder(summary, record);
  // The model's own problems (a file that cannot be read, with its line): the reason a cell is empty.
  for (const p of model?.problems ?? []) if (p.severity !== 'info') notes.push(p.message);

  const cells: Record<string, ResultCell> = { ...nullCells(), name };
  const add = (part: { cells: Record<string, ResultCell>; notes: readonly string[] }): void => {
    Object.assign(cells, part.cells);
    notes.push(...part.notes);
  };
  if (model) {
    add(positionCells(model));
    add(rateCells(model));
  }
  if (keptSpectrum) add({ cells: { ...keptSpectrum.cells }, notes: keptSpectrum.notes });
  else if (model) {
    const spectral = spectrumCells(model, spectrumReply?.ok === true);
    add(spectral);
    if (spectrumReply?.ok && jobId !== undefined && spectral.cells.model !== null)
      reuse.spectrum = { jobId, cells: pick(spectral.cells, SPECTRUM_KEYS), notes: spectral.notes };
  }

  if (summary) {
    const decay = await decayOf(summary, previous, context.fitDecay);
    add(decay);
    if (decay.fingerprint !== undefined)
      reuse.decay = { fingerprint: decay.fingerprint, cells: pick(decay.cells, DECAY_KEYS), notes: decay.notes };
  }
  if (!summary && (progress.progress === 'complete' || progress.progress === 'active') && !keptSpectrum)
    notes.push(`No products in ${path.join(context.folder, sourceId)} yet.`);

  return {
    sourceId,
    progress: progress.progress,
    ...(jobId !== undefined ? { jobId } : {}),
    cells,
    ...(notes.length > 0 ? { notes } : {}),
    ...(Object.keys(reuse).length > 0 ? { reuse } : {}),
  };
}

async function decayOf(
  summary: ProductFolderSummary,
  previous: RowReuse | undefined,
  fit: DecayFitter,
): Promise<{ cells: Record<string, ResultCell>; notes: readonly string[]; fingerprint?: string }> {
  const datasets = decayDatasets(summary.lightCurves);
  if (datasets.length === 0)
    return {
      cells: { ...NO_DECAY },
      notes: [
        summary.products.includes('lc')
          ? 'Decay: the light curve has no WT or PC dataset to fit.'
          : 'Decay: no light curve in the products.',
      ],
    };
  const fingerprint = decayFingerprint(datasets);
  if (previous?.decay?.fingerprint === fingerprint) return { cells: { ...previous.decay.cells }, notes: previous.decay.notes, fingerprint };
  try {
    return { ...(await decayCells(datasets, fit)), fingerprint };
  } catch (error) {
    // A light curve the engine refuses (MJD times, a dataset without its columns, too few bins) is said on the
    // row and kept with the fingerprint; anything else (a bug, a worker that died) is tried again next time.
    const expected = error instanceof FitError;
    return { cells: { ...NO_DECAY }, notes: [`Decay: not fitted: ${describeError(error)}`], ...(expected ? { fingerprint } : {}) };
  }
}

function pick(cells: Readonly<Record<string, ResultCell>>, keys: readonly string[]): Record<string, ResultCell> {
  return Object.fromEntries(keys.map((k) => [k, cells[k] ?? null]));
}
