// What a fit of the viewer's light curve is given: the chosen datasets of the model in the shape the
// engine reads (src/shared/lightCurveFit/fromDatasets.ts), checked for the time base the fit needs,
// and a fingerprint of the fitted numbers so a kept fit can tell when the light curve changed under it.
import type { LightCurveDatasetLike } from '../../shared/lightCurveFit/fromDatasets';
import type { FitChoice, FitSource } from '../../shared/viewerProtocol';
import type { LightCurveSection } from '../../shared/viewModel';

/** Swift MET of 2005-01-01: times since T0 are far smaller; raw MET of any Swift light curve is larger. */
const RAW_MET_FLOOR = 1.3e8;

interface FitInput {
  readonly datasets: readonly LightCurveDatasetLike[];
  readonly source: FitSource;
  readonly fingerprint: string;
}

type Prepared = { readonly ok: true; readonly input: FitInput } | { readonly ok: false; readonly problem: string };

/** The columns the engine reads, with missing values (JSON `null`) as NaN. */
const FIT_COLUMNS = ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RatePos', 'RateNeg'] as const;

/** FNV-1a over the text of the numbers: cheap, stable across runs and machines, enough to see a change. */
function fingerprintOf(datasets: readonly LightCurveDatasetLike[]): string {
  let h = 0x811c9dc5;
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  let rows = 0;
  for (const ds of datasets) {
    mix(ds.name);
    rows += ds.rowCount;
    for (const name of FIT_COLUMNS) {
      const column = ds.columns[name];
      if (!column) continue;
      mix(name);
      for (const v of column) mix(`${v};`);
    }
  }
  return `${rows}:${h.toString(16).padStart(8, '0')}`;
}

/**
 * The fit's input for `choice` (already checked by parseFitChoice against this section), or why this
 * light curve cannot be fitted. `files` names the light curve's files when the datasets do not (a QDP
 * file opened on its own).
 */
export function prepareFitInput(section: LightCurveSection, choice: FitChoice, files: readonly string[] = []): Prepared {
  if (section.timeFormat.toUpperCase() !== 'MET')
    return {
      ok: false,
      problem: `The fit needs times in seconds since T0; this light curve's times are ${section.timeFormat}. Build the light curve with times in seconds since T0.`,
    };
  const chosen = section.datasets.filter((d) => choice.datasets.includes(d.name));
  const datasets: LightCurveDatasetLike[] = chosen.map((d) => {
    const columns: Record<string, Float64Array> = {};
    for (const name of FIT_COLUMNS) {
      const values = d.columns[name];
      if (values) columns[name] = Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN));
    }
    // Symmetric errors (a QDP file with one error column): the same size on both sides.
    const symmetric = d.columns.RateErr;
    if (symmetric && !columns.RatePos && !columns.RateNeg) {
      columns.RatePos = Float64Array.from(symmetric, (v) => (typeof v === 'number' ? Math.abs(v) : Number.NaN));
      columns.RateNeg = Float64Array.from(columns.RatePos, (v) => -v);
    }
    // Upper-limit datasets may come without rate errors; the engine does not read them there.
    return { name: d.name, mode: d.mode, kind: d.kind, columns, rowCount: d.columns.Time.length };
  });
  if (section.T0 === undefined) {
    const times = datasets.flatMap((d) => Array.from(d.columns.Time ?? []));
    if (times.length > 0 && times.every((t) => t > RAW_MET_FLOOR))
      return {
        ok: false,
        problem: 'The light curve has no T0 and its times look like raw Swift MET; the fit needs seconds since T0 (the trigger time).',
      };
  }
  const urls = chosen.map((d) => d.sourceUrl).filter((u): u is string => typeof u === 'string' && u !== '');
  const source: FitSource = { files: urls.length > 0 ? [...new Set(urls)] : [...files], datasets: chosen.map((d) => d.name) };
  return { ok: true, input: { datasets, source, fingerprint: fingerprintOf(datasets) } };
}
