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
  MAX_BREAKS,
  parseTimeRange,
  renderFitReportJson,
  renderFitReportText,
  timesLookLikeMjd,
  type BreakShape,
  type ExclusionRange,
  type LightCurveFitResult,
} from './shared/lightCurveFit';

const USAGE = `Usage: node dist/cli.js fit <file.qdp | job folder> [options]

Fits a decay law to a Swift-XRT light curve (WT and PC detections and upper limits, times in s since T0).

Options:
  --breaks N | auto     number of breaks, 0 (power law) to ${MAX_BREAKS}, or auto: the constant, the power law
                        and 1–${MAX_BREAKS} breaks compared by BIC (default auto)
  --exclude START-END …  leave out the bins whose centre lies in these time ranges (s since T0); repeatable
  --shape sharp|smooth  how the index changes at a break (default sharp)
  --smoothness W        ω of the smooth form, fixed (default 3)
  --dataset NAME …      datasets to fit (default: WT, PC, WTUL, PCUL); repeatable
  --ul-sigma K          read upper limits as K σ bounds (default 3)
  --no-intervals        skip the 90 % profile intervals (faster)
  --json                print the result as JSON instead of text
  --help                show this text
`;

interface FitCommand {
  readonly path: string;
  readonly breaks: number | 'auto';
  readonly exclude: readonly ExclusionRange[];
  readonly shape: BreakShape;
  readonly smoothness?: number;
  readonly datasets?: readonly string[];
  readonly upperLimitSigmas?: number;
  readonly intervals: boolean;
  readonly json: boolean;
}

type ParsedArguments =
  { readonly kind: 'fit'; readonly command: FitCommand } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** Parses `fit …` arguments (process.argv without node and the script). */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [verb, ...rest] = argv;
  if (verb !== 'fit') return { kind: 'error', message: `Unknown command "${verb}": the command is "fit".` };
  let path: string | undefined;
  let breaks: number | 'auto' = 'auto';
  const exclude: ExclusionRange[] = [];
  let shape: BreakShape = 'sharp';
  let smoothness: number | undefined;
  const datasets: string[] = [];
  let upperLimitSigmas: number | undefined;
  let intervals = true;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] =
      rest[i]!.startsWith('--') && rest[i]!.includes('=')
        ? [rest[i]!.slice(0, rest[i]!.indexOf('=')), rest[i]!.slice(rest[i]!.indexOf('=') + 1)]
        : [rest[i]!, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    switch (flag) {
      case '--breaks': {
        const v = value();
        if (v === 'auto') breaks = 'auto';
        else if (v !== undefined && /^\d+$/.test(v) && Number(v) <= MAX_BREAKS) breaks = Number(v);
        else
          return {
            kind: 'error',
            message: `--breaks takes a number from 0 to ${MAX_BREAKS} or "auto", not ${v === undefined ? 'nothing' : `"${v}"`}.`,
          };
        break;
      }
      case '--exclude': {
        // One or more ranges: the inline one, or every following argument that reads as a range.
        const first = value();
        const range = first === undefined ? undefined : parseTimeRange(first);
        if (!range)
          return {
            kind: 'error',
            message: `--exclude takes time ranges START-END in s since T0 with START < END, not ${first === undefined ? 'nothing' : `"${first}"`}.`,
          };
        exclude.push(range);
        if (inline === undefined) {
          while (i + 1 < rest.length && parseTimeRange(rest[i + 1]!)) exclude.push(parseTimeRange(rest[++i]!)!);
        }
        break;
      }
      case '--shape': {
        const v = value();
        if (v !== 'sharp' && v !== 'smooth')
          return { kind: 'error', message: `--shape is "sharp" or "smooth", not ${v === undefined ? 'nothing' : `"${v}"`}.` };
        shape = v;
        break;
      }
      case '--smoothness': {
        const v = value();
        const w = Number(v);
        if (v === undefined || !(w > 0) || !Number.isFinite(w))
          return { kind: 'error', message: `--smoothness takes a positive number, not ${v === undefined ? 'nothing' : `"${v}"`}.` };
        smoothness = w;
        break;
      }
      case '--dataset': {
        const v = value();
        if (v === undefined || v.startsWith('--'))
          return { kind: 'error', message: '--dataset takes a dataset name (WT, PC, WTUL, PCUL, PC_incbad, …).' };
        datasets.push(...v.split(',').filter((d) => d !== ''));
        break;
      }
      case '--ul-sigma': {
        const v = value();
        const k = Number(v);
        if (v === undefined || !(k > 0) || !Number.isFinite(k))
          return { kind: 'error', message: `--ul-sigma takes a positive number, not ${v === undefined ? 'nothing' : `"${v}"`}.` };
        upperLimitSigmas = k;
        break;
      }
      case '--no-intervals':
        intervals = false;
        break;
      case '--json':
        json = true;
        break;
      default:
        if (flag.startsWith('-')) return { kind: 'error', message: `Unknown option "${flag}".` };
        if (path !== undefined) return { kind: 'error', message: `One light curve at a time: "${path}" and "${flag}" were both given.` };
        path = flag;
    }
  }
  if (path === undefined) return { kind: 'error', message: 'Name a light-curve QDP file or a downloaded job folder to fit.' };
  return {
    kind: 'fit',
    command: {
      path,
      breaks,
      exclude,
      shape,
      ...(smoothness !== undefined ? { smoothness } : {}),
      ...(datasets.length > 0 ? { datasets } : {}),
      ...(upperLimitSigmas !== undefined ? { upperLimitSigmas } : {}),
      intervals,
      json,
    },
  };
}

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
