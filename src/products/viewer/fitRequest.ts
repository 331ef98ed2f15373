// The Fit panel's request, checked before anything runs: the page is the extension's own code but it is
// treated as unchecked input (src/views/webviewInput.ts), and the same check reads a fit kept in a job's
// folder, which a person may have edited. Each refusal says what is wrong, so nothing fails silently.
import type { FitChoice } from '../../shared/viewerProtocol';
import type { LightCurveDataset } from '../../shared/viewModel';
import { MAX_BREAKS } from '../../shared/lightCurveFit/types';

/** More exclusion ranges than anyone brushes by hand; a bound keeps a bad message from costing much. */
const MAX_EXCLUSIONS = 50;

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const MODELS: readonly FitChoice['model'][] = ['auto', 'constant', 'power-law', 'broken-power-law'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

function exclusionsOf(value: unknown): Checked<[number, number][]> {
  if (!Array.isArray(value)) return fail('exclusions must be a list of [start, stop] time ranges.');
  if (value.length > MAX_EXCLUSIONS) return fail(`at most ${MAX_EXCLUSIONS} exclusion ranges, not ${value.length}.`);
  const out: [number, number][] = [];
  for (const [i, range] of value.entries()) {
    const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!ok) return fail(`exclusion ${i + 1} is not a [start, stop] pair of numbers (s since T0).`);
    const [a, b] = range as [number, number];
    if (!(b > a)) return fail(`exclusion ${i + 1} (${a} to ${b} s) must end after it starts.`);
    out.push([a, b]);
  }
  return { ok: true, value: out.sort((x, y) => x[0] - y[0]) };
}

/**
 * The choice when it is well formed and names datasets of `available` that hold count rates (detections
 * or upper limits), with at least one of detections; the exclusions come back sorted by start.
 */
export function parseFitChoice(value: unknown, available: readonly Pick<LightCurveDataset, 'name' | 'kind'>[]): Checked<FitChoice> {
  if (!isObject(value)) return fail('the fit choice is not an object.');
  const { model, breaks, shape, exclusions, datasets } = value;
  if (typeof model !== 'string' || !(MODELS as readonly string[]).includes(model))
    return fail(`the model must be one of ${MODELS.join(', ')}, not ${JSON.stringify(model)}.`);
  const broken = model === 'broken-power-law';
  if (broken && !(typeof breaks === 'number' && Number.isInteger(breaks) && breaks >= 1 && breaks <= MAX_BREAKS))
    return fail(`a broken power law has 1 to ${MAX_BREAKS} breaks, not ${JSON.stringify(breaks)}.`);
  if (shape !== 'sharp' && shape !== 'smooth') return fail(`the break shape is sharp or smooth, not ${JSON.stringify(shape)}.`);
  const ranges = exclusionsOf(exclusions);
  if (!ranges.ok) return ranges;
  if (!Array.isArray(datasets) || datasets.length === 0 || !datasets.every((d) => typeof d === 'string'))
    return fail('name the datasets to fit (e.g. WT, PC, WTUL, PCUL).');
  const names = [...new Set(datasets as string[])];
  for (const name of names) {
    const ds = available.find((d) => d.name === name);
    if (!ds) return fail(`the light curve has no dataset ${name} (it has ${available.map((d) => d.name).join(', ') || 'none'}).`);
    if (ds.kind !== 'detections' && ds.kind !== 'upper-limits')
      return fail(`dataset ${name} holds ${ds.kind}, not count rates; only detections and upper limits are fitted.`);
  }
  if (!names.some((n) => available.find((d) => d.name === n)?.kind === 'detections'))
    return fail('at least one dataset of detections is needed; upper limits alone cannot be fitted.');
  return {
    ok: true,
    value: {
      model: model as FitChoice['model'],
      breaks: broken ? (breaks as number) : 0,
      shape,
      exclusions: ranges.value,
      datasets: names,
    },
  };
}
