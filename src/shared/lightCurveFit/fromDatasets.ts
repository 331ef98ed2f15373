// Light-curve datasets (as the QDP reader recognises them, src/products/files/lightCurveFiles.ts) to
// fit bins. Declared structurally so this pure module does not depend on the products feature.
import { FitError, type FitBin } from './types';

export interface LightCurveDatasetLike {
  /** `WT`, `PCUL`, `PC_incbad`, … */
  readonly name: string;
  readonly mode: string;
  readonly kind: string;
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly rowCount: number;
}

/** The datasets fitted by default: detections and upper limits, without the `_nosys` / `_incbad` variants. */
export function defaultFitDatasets<T extends LightCurveDatasetLike>(datasets: readonly T[]): T[] {
  return datasets.filter((d) => /^(WT|PC)(UL)?$/.test(d.name));
}

function column(ds: LightCurveDatasetLike, name: string): Float64Array {
  const c = ds.columns[name];
  if (!c) throw new FitError(`Dataset ${ds.name} has no ${name} column (columns: ${Object.keys(ds.columns).join(', ')}).`);
  return c;
}

/**
 * Bins of detection (`kind: 'detections'`) and upper-limit datasets; other kinds (bands, hardness
 * ratios) are not decays of the count rate and are refused. Times as written (seconds since T0);
 * `TimeNeg` and `RateNeg` carry their minus sign, as in the product's files.
 */
export function binsFromDatasets(datasets: readonly LightCurveDatasetLike[]): FitBin[] {
  const out: FitBin[] = [];
  for (const ds of datasets) {
    if (ds.kind !== 'detections' && ds.kind !== 'upper-limits')
      throw new FitError(`Dataset ${ds.name} holds ${ds.kind}, not count rates; only detections and upper limits are fitted.`);
    const upperLimit = ds.kind === 'upper-limits';
    const time = column(ds, 'Time');
    const pos = column(ds, 'TimePos');
    const neg = column(ds, 'TimeNeg');
    const rate = column(ds, 'Rate');
    const ratePos = upperLimit ? undefined : column(ds, 'RatePos');
    const rateNeg = upperLimit ? undefined : column(ds, 'RateNeg');
    for (let i = 0; i < ds.rowCount; i++) {
      out.push({
        dataset: ds.name,
        start: time[i]! - Math.abs(neg[i]!),
        stop: time[i]! + Math.abs(pos[i]!),
        rate: rate[i]!,
        errorPos: ratePos ? Math.abs(ratePos[i]!) : 0,
        errorNeg: rateNeg ? Math.abs(rateNeg[i]!) : 0,
        upperLimit,
      });
    }
  }
  return out;
}

/**
 * True when the times look like MJD rather than seconds since T0: all between MJD 40000 and 100000
 * with bins shorter than a day. The fit needs seconds since T0.
 */
export function timesLookLikeMjd(bins: readonly FitBin[]): boolean {
  return bins.length > 0 && bins.every((b) => b.start > 40000 && b.stop < 100000 && b.stop - b.start < 1);
}
