// A source's light-curve decay for the results table: the repository's fit engine (src/shared/lightCurveFit)
// with the automatic choice of breaks (the constant, the power law and 1–4 breaks, lowest BIC), on the
// datasets the command line fits by default (WT, PC, WTUL, PCUL), exactly as `node dist/cli.js fit <folder>`
// does. The table keeps the final index (the last segment's, the decay at the latest times), its 90 %
// interval from the χ² profile, and the number of breaks.
import { createHash } from 'node:crypto';
import type { ResultCell } from '../../shared/campaignResultsModel';
import type { LightCurveFitResult } from '../../shared/lightCurveFit/fitResult';
import { binsFromDatasets, defaultFitDatasets, type LightCurveDatasetLike } from '../../shared/lightCurveFit/fromDatasets';
import type { FitChoice } from '../../shared/viewerProtocol';
import { FitError } from '../../shared/lightCurveFit/types';
import type { LightCurveFileSummary } from '../files/productFolder';
import { startFit } from '../viewer/fitRunner';
import type { CellsWithNotes } from './resultCells';

/**
 * Fewer detection bins are not fitted: a power law has two free parameters, and with fewer than three
 * degrees of freedom its χ² says nothing about whether a decay law fits at all.
 */
const MIN_DECAY_DETECTIONS = 5;

/** Runs one fit; rejects with a FitError when the data cannot be fitted (as src/products/viewer/fitJob.ts does). */
export type DecayFitter = (datasets: readonly LightCurveDatasetLike[], choice: FitChoice) => Promise<LightCurveFitResult>;

/**
 * The fit in a worker thread (dist/fitWorker.js), as the viewer runs its fits (src/products/viewer/fitRunner.ts):
 * the engine stays out of the extension's bundle and a campaign's fits off the extension host's thread.
 */
export const fitInWorker: DecayFitter = async (datasets, choice) => {
  const outcome = await startFit({ datasets, choice }, () => undefined).outcome;
  if (outcome.kind === 'done') return outcome.result;
  if (outcome.kind === 'cancelled') throw new Error('The decay fit was cancelled.');
  throw outcome.expected ? new FitError(outcome.message) : new Error(outcome.message);
};

export const NO_DECAY: Record<string, ResultCell> = { decayIndex: null, decayLower: null, decayUpper: null, breaks: null };

/** The datasets to fit, once each (curve.qdp repeats the per-mode files' datasets; the first reading wins, as in the CLI). */
export function decayDatasets(files: readonly LightCurveFileSummary[]): LightCurveDatasetLike[] {
  const seen = new Set<string>();
  const all = files.flatMap((f) => f.datasets).filter((d) => !seen.has(d.name) && seen.add(d.name));
  return defaultFitDatasets(all);
}

/** What the fit depends on, so an unchanged light curve is not fitted again on the next build. */
export function decayFingerprint(datasets: readonly LightCurveDatasetLike[]): string {
  const hash = createHash('sha256');
  for (const d of [...datasets].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`${d.name}\u0000${d.rowCount}\u0000`);
    for (const key of ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RatePos', 'RateNeg']) {
      const column = d.columns[key];
      if (column) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
      hash.update('\u0000');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** The decay cells, or null cells and a note saying why there is no decay. Never throws for the data's sake. */
export async function decayCells(datasets: readonly LightCurveDatasetLike[], fit: DecayFitter): Promise<CellsWithNotes> {
  const detections = datasets.filter((d) => d.kind === 'detections').reduce((n, d) => n + d.rowCount, 0);
  if (detections < MIN_DECAY_DETECTIONS)
    return {
      cells: { ...NO_DECAY },
      notes: [`Decay: not fitted, the light curve has ${detections} WT/PC detection bin(s); at least ${MIN_DECAY_DETECTIONS} are needed.`],
    };
  // binsFromDatasets refuses datasets it cannot read; say why rather than fit a part.
  binsFromDatasets(datasets);
  const choice: FitChoice = { model: 'auto', breaks: 0, shape: 'sharp', exclusions: [], datasets: datasets.map((d) => d.name) };
  const result = await fit(datasets, choice);
  return cellsOf(result);
}

function cellsOf(result: LightCurveFitResult): CellsWithNotes {
  const notes = result.notes.map((n) => `Decay fit: ${n}`);
  const chi2 = `χ²/dof ${result.statistic.value.toFixed(1)}/${result.statistic.dof}`;
  if (result.model.kind === 'constant')
    return { cells: { ...NO_DECAY }, notes: [`Decay: a constant fits better than any power law (lowest BIC; ${chi2}).`, ...notes] };
  const last = result.parameters.find((p) => p.name === `alpha${result.model.breaks + 1}`);
  if (!last) throw new Error(`The fit result has no alpha${result.model.breaks + 1} (${result.parameters.map((p) => p.name).join(', ')}).`);
  if (last.lowerUnbounded || last.upperUnbounded)
    notes.push(`Decay: the data do not bound α's 90 % interval ${last.lowerUnbounded ? 'below' : 'above'}.`);
  notes.unshift(`Decay: ${result.label}, ${chi2}.`);
  return {
    cells: { decayIndex: last.value, decayLower: last.lower, decayUpper: last.upper, breaks: result.model.breaks },
    notes,
  };
}
