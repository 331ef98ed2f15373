// The arguments of the command line (src/cli.ts): `fit <file.qdp | job folder> [options]`, read into a
// fit command, or a refusal worded for the user, or a request for the usage text.
import { MAX_BREAKS, parseTimeRange, type BreakShape, type ExclusionRange } from './shared/lightCurveFit';

export const USAGE = `Usage: node dist/cli.js fit <file.qdp | job folder> [options]

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

export interface FitCommand {
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
