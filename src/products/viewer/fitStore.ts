// The light-curve fit kept with a job: a small JSON file in the job's product folder (visible to the
// user and kept with the data), `<name>.fit.json` beside a QDP file opened on its own, and — for a job
// shown from the service without a download — a file in the extension's storage. Read back when the
// viewer is opened again; a file that cannot be read is reported and left as it is, never overwritten
// unasked.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LightCurveFitResult } from '../../shared/lightCurveFit/fitResult';
import type { ViewerFit } from '../../shared/viewerProtocol';
import type { LightCurveDataset } from '../../shared/viewModel';
import { parseFitChoice } from './fitRequest';
import { subjectOfKey } from './viewerKeys';

/** Name of the fit file in a job's product folder. */
const FOLDER_FIT_FILE = 'lightcurve-fit.json';
const FORMAT = 'swift-observatory/lightcurve-fit';
const VERSION = 1;

/** What the file holds: the fit as the viewer shows it, and the fingerprint of the data fitted. */
interface StoredFitFile extends ViewerFit {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly fingerprint: string;
}

/**
 * Where the fit of the viewer `key` (src/products/viewer/viewerKeys.ts) is kept: beside a single QDP
 * file, in the product folder, or under `storageDir` for a job without a folder.
 */
export function fitFileFor(key: string, folder: string | undefined, storageDir: string): string {
  const subject = subjectOfKey(key);
  if (subject?.kind === 'file') return `${subject.path.replace(/\.qdp$/i, '')}.fit.json`;
  if (folder) return path.join(folder, FOLDER_FIT_FILE);
  return path.join(storageDir, 'fits', `${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
}

function serialiseFit(fit: ViewerFit, fingerprint: string): string {
  const { stale: _stale, ...kept } = fit;
  const file: StoredFitFile = { format: FORMAT, version: VERSION, fingerprint, ...kept };
  return `${JSON.stringify(file, null, 2)}\n`;
}

type Parsed =
  { readonly ok: true; readonly fit: ViewerFit; readonly fingerprint: string } | { readonly ok: false; readonly problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parts of a result the viewer reads, present and of the right kinds (the rest is shown as written). */
function resultProblem(result: unknown): string | undefined {
  if (!isObject(result)) return 'it has no result';
  const { label, parameters, statistic, residuals, model, pivot } = result;
  if (typeof label !== 'string' || !isObject(model) || typeof pivot !== 'number') return 'its result has no model';
  if (!Array.isArray(parameters) || !parameters.every((p) => isObject(p) && typeof p.name === 'string' && typeof p.value === 'number'))
    return 'its parameters are not a list of named values';
  if (!isObject(statistic) || typeof statistic.value !== 'number' || typeof statistic.dof !== 'number') return 'its statistic is missing';
  if (!Array.isArray(residuals)) return 'its residuals are missing';
  return undefined;
}

/** A stored fit, checked against the light curve it is shown with (the datasets it names must exist). */
function parseStoredFit(text: string, available: readonly Pick<LightCurveDataset, 'name' | 'kind'>[]): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObject(value) || value.format !== FORMAT)
    return { ok: false, problem: `it is not a fit file of this extension (no "format": "${FORMAT}")` };
  if (value.version !== VERSION)
    return { ok: false, problem: `it is of version ${JSON.stringify(value.version)}; this extension reads version ${VERSION}` };
  const choice = parseFitChoice(value.choice, available);
  if (!choice.ok) return { ok: false, problem: `its choice does not fit this light curve: ${choice.problem}` };
  const problem = resultProblem(value.result);
  if (problem) return { ok: false, problem };
  const source = isObject(value.source) ? value.source : {};
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  return {
    ok: true,
    fingerprint: typeof value.fingerprint === 'string' ? value.fingerprint : '',
    fit: {
      choice: choice.value,
      result: value.result as unknown as LightCurveFitResult,
      source: { files: strings(source.files), datasets: strings(source.datasets) },
      fittedAt: typeof value.fittedAt === 'string' ? value.fittedAt : '',
    },
  };
}

/** Writes the fit (through a temporary file, so a crash mid-write leaves the old one). */
export async function writeStoredFit(file: string, fit: ViewerFit, fingerprint: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, serialiseFit(fit, fingerprint), 'utf8');
  await rename(temporary, file);
}

type StoredFitRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'fit'; readonly fit: ViewerFit; readonly fingerprint: string }
  | { readonly kind: 'unreadable'; readonly problem: string };

export async function readStoredFit(file: string, available: readonly Pick<LightCurveDataset, 'name' | 'kind'>[]): Promise<StoredFitRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', problem: `it cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseStoredFit(text, available);
  return parsed.ok ? { kind: 'fit', fit: parsed.fit, fingerprint: parsed.fingerprint } : { kind: 'unreadable', problem: parsed.problem };
}
