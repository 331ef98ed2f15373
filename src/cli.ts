// Command-line entry shipped in the package as dist/cli.js (Node, CommonJS), so fits made in the
// editor can be reproduced in scripts and notebooks with the same engine (src/shared/lightCurveFit):
//
//   node dist/cli.js fit <file.qdp | job folder> [--breaks N | --breaks auto] [--exclude START-END …]
//                        [--shape sharp|smooth] [--smoothness W] [--dataset NAME …] [--ul-sigma K] [--no-intervals] [--json]
//
// A job folder is a downloaded product folder (USERPROD_<id>/ or the folder holding it): its light-curve
// QDP files are found and recognised as the viewer does (src/products/files/productFolder.ts).
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArguments, USAGE, type FitCommand } from './cliArguments';
import { lightCurveDatasets, type LcFileDataset } from './products/files/lightCurveFiles';
import { isProductParseError } from './products/files/parseError';
import { readProductFolder } from './products/files/productFolder';
import { parseQdp } from './products/files/qdp';
import {
  binsFromDatasets,
  decayModel,
  defaultFitDatasets,
  fitLightCurve,
  fitLightCurveAuto,
  FitError,
  renderFitReportJson,
  renderFitReportText,
  timesLookLikeMjd,
  type LightCurveFitResult,
} from './shared/lightCurveFit';

interface LoadedLightCurve {
  readonly datasets: readonly LcFileDataset[];
  /** Files read, relative to the folder for a job folder. */
  readonly files: readonly string[];
  /** The file each dataset was taken from (its first occurrence). */
  readonly fileOf: ReadonlyMap<string, string>;
  /** Problems met while reading a folder (other files are still used). */
  readonly warnings: readonly string[];
}

/** The light-curve datasets of a QDP file or a job folder; repeated datasets (curve.qdp and the per-mode files) once. */
async function loadLightCurve(path: string): Promise<LoadedLightCurve> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new FitError(error.code === 'ENOENT' ? `${path} does not exist.` : `${path} cannot be read: ${error.message}`);
  });
  if (info.isFile()) {
    const name = basename(path);
    const text = await readFile(path, 'utf8').catch((error: Error) => {
      throw new FitError(`${path} cannot be read: ${error.message}`);
    });
    const { datasets, unrecognised } = lightCurveDatasets(parseQdp(text, name), name);
    const warnings =
      unrecognised.length > 0
        ? [`${name}: table(s) ${unrecognised.map((t) => `"${t}"`).join(', ')} are not light-curve datasets; left out.`]
        : [];
    return { datasets, files: [name], fileOf: new Map(datasets.map((d) => [d.name, name])), warnings };
  }
  const folder = await readProductFolder(path);
  const fileOf = new Map<string, string>();
  const datasets: LcFileDataset[] = [];
  for (const file of folder.lightCurves) {
    for (const ds of file.datasets) {
      if (fileOf.has(ds.name)) continue;
      fileOf.set(ds.name, file.file);
      datasets.push(ds);
    }
  }
  const warnings = folder.problems
    .filter((p) => p.product === undefined || p.product === 'lc')
    .map((p) => `${p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''}${p.message}`);
  return { datasets, files: folder.lightCurves.map((f) => f.file), fileOf, warnings };
}

function chooseDatasets(loaded: LoadedLightCurve, wanted: readonly string[] | undefined): LcFileDataset[] {
  const available = loaded.datasets.map((d) => d.name);
  if (wanted) {
    const missing = wanted.filter((w) => !available.includes(w));
    if (missing.length > 0)
      throw new FitError(`No dataset ${missing.join(', ')} in ${loaded.files.join(', ')} (available: ${available.join(', ') || 'none'}).`);
    return loaded.datasets.filter((d) => wanted.includes(d.name));
  }
  const chosen = defaultFitDatasets(loaded.datasets);
  if (chosen.filter((d) => d.kind === 'detections').length === 0) {
    throw new FitError(
      `No WT or PC detections in ${loaded.files.join(', ') || 'the folder'} (datasets found: ${available.join(', ') || 'none'}); name others with --dataset.`,
    );
  }
  return chosen;
}

interface FitOutput {
  readonly result: LightCurveFitResult;
  readonly datasets: readonly string[];
  /** The files the fitted datasets came from. */
  readonly files: readonly string[];
  readonly warnings: readonly string[];
}

async function runFit(command: FitCommand): Promise<FitOutput> {
  const loaded = await loadLightCurve(command.path);
  const chosen = chooseDatasets(loaded, command.datasets);
  const bins = binsFromDatasets(chosen);
  if (timesLookLikeMjd(bins))
    throw new FitError(
      'The light curve’s times are MJD; the fit needs seconds since T0. Build the light curve with times in seconds since T0.',
    );
  const options = {
    exclude: command.exclude,
    shape: command.shape,
    intervals: command.intervals,
    ...(command.smoothness !== undefined ? { smoothness: command.smoothness } : {}),
    ...(command.upperLimitSigmas !== undefined ? { upperLimitSigmas: command.upperLimitSigmas } : {}),
  };
  const result =
    command.breaks === 'auto' ? fitLightCurveAuto(bins, options) : fitLightCurve(bins, decayModel(command.breaks, options), options);
  const files = [...new Set(chosen.map((d) => loaded.fileOf.get(d.name)!))];
  return { result, datasets: chosen.map((d) => d.name), files, warnings: loaded.warnings };
}

function renderOutput(output: FitOutput, json: boolean): string {
  const source = { files: output.files, datasets: output.datasets };
  return json ? renderFitReportJson(output.result, source) : renderFitReportText(output.result, source);
}

interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs the command line; returns the exit code (0 done, 1 the fit or the files failed, 2 bad arguments). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const output = await runFit(parsed.command);
    for (const w of output.warnings) io.err(`warning: ${w}\n`);
    io.out(renderOutput(output, parsed.command.json));
    return 0;
  } catch (error) {
    if (error instanceof FitError || isProductParseError(error)) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // An unexpected failure (a bug, not bad input): show the stack so it can be reported.
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
