// Turns the light-curve section into the series the plot draws: which datasets are shown for the
// chosen variant toggles, and their points in axis units with absolute error extents.
import type { LightCurveDataset, LightCurveKind, LightCurveSection, XrtMode } from '../../../src/shared/viewModel';
import type { TimeMapping } from './timeAxis';

interface VariantChoice {
  readonly incbad: boolean;
  readonly nosys: boolean;
  /** Also draw the hard and soft band rates in the main panel. */
  readonly bands: boolean;
}

/** Which variant toggles mean anything for this section, and their starting values. */
interface VariantAvailability {
  readonly incbad: { readonly choosable: boolean; readonly initial: boolean };
  readonly nosys: { readonly choosable: boolean; readonly initial: boolean };
  readonly hasBands: boolean;
  readonly hasHardnessRatio: boolean;
}

function flagAvailability(datasets: readonly LightCurveDataset[], flag: 'incbad' | 'nosys'): { choosable: boolean; initial: boolean } {
  const withFlag = datasets.some((d) => d[flag]);
  const withoutFlag = datasets.some((d) => !d[flag]);
  // When only the variant was requested, start with it on: otherwise the plot would start empty.
  return { choosable: withFlag && withoutFlag, initial: withFlag && !withoutFlag };
}

export function variantAvailability(section: LightCurveSection): VariantAvailability {
  return {
    incbad: flagAvailability(section.datasets, 'incbad'),
    nosys: flagAvailability(section.datasets, 'nosys'),
    hasBands: section.datasets.some((d) => d.kind === 'hard' || d.kind === 'soft'),
    hasHardnessRatio: section.datasets.some((d) => d.kind === 'hardness-ratio'),
  };
}

/** `residuals`: the fit's (data − model)/σ, under the rate panel (media/src/viewer/fitOverlay.ts). */
export type Panel = 'rate' | 'residuals' | 'hardness';

export interface PlotSeries {
  readonly name: string;
  readonly mode: XrtMode;
  readonly kind: LightCurveKind;
  readonly panel: Panel;
  /** Bin centre and bin edges on the time axis. */
  readonly x: Float64Array;
  readonly xLo: Float64Array;
  readonly xHi: Float64Array;
  /** Value (rate, limit or ratio) and absolute errors (both ≥ 0; 0 for upper limits). */
  readonly y: Float64Array;
  readonly yErrLo: Float64Array;
  readonly yErrHi: Float64Array;
  /** Row in the dataset for each point (CSV export and read-out use the wire values). */
  readonly dataset: LightCurveDataset;
  /** Extent of the bin edges on a linear and on a log time axis (positive values only). */
  readonly timeExtent: { readonly linear?: [number, number]; readonly log?: [number, number] };
  /** Points a log axis cannot show: time ≤ 0, value ≤ 0, either (NaN counts as not positive). */
  readonly notPositive: { readonly x: number; readonly y: number; readonly either: number };
  /**
   * Value-axis extent of the whole series (see `valueExtent` in ./valueExtent.ts for the definition) on a
   * linear and a log value axis, over every point (`anyTime`) and over those a log time axis shows.
   */
  readonly valueExtent: {
    readonly linear: { readonly anyTime?: [number, number]; readonly positiveTime?: [number, number] };
    readonly log: { readonly anyTime?: [number, number]; readonly positiveTime?: [number, number] };
  };
}

const NO_VALUES: readonly number[] = [];

export function datasetsShown(section: LightCurveSection, choice: VariantChoice): LightCurveDataset[] {
  return section.datasets.filter((d) => {
    if (d.incbad !== choice.incbad || d.nosys !== choice.nosys) return false;
    if (d.kind === 'hard' || d.kind === 'soft') return choice.bands;
    return true;
  });
}

function column(dataset: LightCurveDataset, name: string): readonly number[] | undefined {
  return dataset.columns[name];
}

export function toPlotSeries(dataset: LightCurveDataset, mapping: TimeMapping): PlotSeries {
  const time = dataset.columns.Time;
  const n = time.length;
  const timePos = dataset.columns.TimePos;
  const timeNeg = dataset.columns.TimeNeg;
  const isRatio = dataset.kind === 'hardness-ratio';
  const value = isRatio ? column(dataset, 'HR') : column(dataset, 'Rate');
  if (!value) throw new Error(`Light-curve dataset ${dataset.name} has no ${isRatio ? 'HR' : 'Rate'} column`);
  const symmetric = isRatio ? column(dataset, 'HRErr') : column(dataset, 'RateErr');
  const pos = isRatio ? undefined : column(dataset, 'RatePos');
  const neg = isRatio ? undefined : column(dataset, 'RateNeg');
  const upperLimit = dataset.kind === 'upper-limits';

  const x = new Float64Array(n);
  const xLo = new Float64Array(n);
  const xHi = new Float64Array(n);
  const y = new Float64Array(n);
  const yErrLo = new Float64Array(n);
  const yErrHi = new Float64Array(n);
  const scale = Math.abs(mapping.scale);
  const { offset } = mapping;
  // One pass that also collects the extents and counts the view needs, with every column in a local:
  // this loop runs over each point of a 10^6-point curve before the first draw.
  const tPos = timePos ?? NO_VALUES;
  const tNeg = timeNeg ?? NO_VALUES;
  const sym = symmetric ?? NO_VALUES;
  const hiErr = pos ?? sym;
  const loErr = neg ?? sym;
  let linMin = Infinity;
  let linMax = -Infinity;
  let logMin = Infinity;
  let logMax = -Infinity;
  let xBad = 0;
  let yBad = 0;
  let eitherBad = 0;
  // Value extents, gathered here so the first draw needs no second pass over the points.
  let linAnyMin = Infinity;
  let linAnyMax = -Infinity;
  let linPosMin = Infinity;
  let linPosMax = -Infinity;
  let logAnyMin = Infinity;
  let logAnyMax = -Infinity;
  let logPosMin = Infinity;
  let logPosMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    const xi = (typeof t === 'number' ? t : Number.NaN) * mapping.scale + offset;
    const tn = tNeg[i];
    const tp = tPos[i];
    // Offsets keep their meaning whatever sign the file used (TimeNeg is stored negative).
    const lo = xi - (typeof tn === 'number' ? Math.abs(tn * scale) : 0);
    const hi = xi + (typeof tp === 'number' ? Math.abs(tp * scale) : 0);
    const v = value[i];
    const yi = typeof v === 'number' ? v : Number.NaN;
    x[i] = xi;
    xLo[i] = lo;
    xHi[i] = hi;
    y[i] = yi;
    if (lo === lo && lo !== -Infinity && lo !== Infinity) {
      if (lo < linMin) linMin = lo;
      if (lo > linMax) linMax = lo;
      if (lo > 0 && lo < logMin) logMin = lo;
      if (lo > 0 && lo > logMax) logMax = lo;
    }
    if (hi === hi && hi !== -Infinity && hi !== Infinity) {
      if (hi < linMin) linMin = hi;
      if (hi > linMax) linMax = hi;
      if (hi > 0 && hi > logMax) logMax = hi;
      if (hi > 0 && hi < logMin) logMin = hi;
    }
    const xOk = xi > 0;
    const yOk = yi > 0;
    if (!xOk) xBad++;
    if (!yOk) yBad++;
    if (!xOk || !yOk) eitherBad++;
    let errHi = 0;
    let errLo = 0;
    if (!upperLimit) {
      const eh = hiErr[i];
      const el = loErr[i];
      errHi = typeof eh === 'number' ? Math.abs(eh) || 0 : 0;
      errLo = typeof el === 'number' ? Math.abs(el) || 0 : 0;
      yErrHi[i] = errHi;
      yErrLo[i] = errLo;
    }
    if (!(yi === yi && yi !== Infinity && yi !== -Infinity)) continue;
    // The candidates of valueExtent (./valueExtent.ts) for this point, using bottom ≤ value ≤ top (errors are
    // ≥ 0, possibly infinite): on a linear axis the finite bar ends, or the value; on a log axis the least and
    // greatest positive finite one of them (NaN: none).
    let linLo: number;
    let linHi: number;
    let logLo: number;
    let logHi: number;
    if (upperLimit) {
      // The bar is the value itself; room below it for the arrow.
      const mark = yi * 0.8;
      linLo = mark < yi ? mark : yi;
      linHi = mark < yi ? yi : mark;
      logLo = yOk ? yi / 4 : Number.NaN;
      logHi = yOk ? yi : Number.NaN;
    } else {
      const top = yi + errHi;
      const bottom = yi - errLo;
      const topFinite = top !== Infinity;
      linLo = bottom !== -Infinity ? bottom : yi;
      linHi = topFinite ? top : yi;
      logLo = bottom > 0 ? bottom : yOk ? yi : topFinite && top > 0 ? top : Number.NaN;
      logHi = topFinite && top > 0 ? top : yOk ? yi : Number.NaN;
    }
    if (linLo < linAnyMin) linAnyMin = linLo;
    if (linHi > linAnyMax) linAnyMax = linHi;
    if (logLo < logAnyMin) logAnyMin = logLo;
    if (logHi > logAnyMax) logAnyMax = logHi;
    if (xOk) {
      if (linLo < linPosMin) linPosMin = linLo;
      if (linHi > linPosMax) linPosMax = linHi;
      if (logLo < logPosMin) logPosMin = logLo;
      if (logHi > logPosMax) logPosMax = logHi;
    }
  }
  const extent = (min: number, max: number): [number, number] | undefined => (min <= max ? [min, max] : undefined);
  return {
    name: dataset.name,
    mode: dataset.mode,
    kind: dataset.kind,
    panel: isRatio ? 'hardness' : 'rate',
    x,
    xLo,
    xHi,
    y,
    yErrLo,
    yErrHi,
    dataset,
    timeExtent: {
      ...(linMin <= linMax ? { linear: [linMin, linMax] as [number, number] } : {}),
      ...(logMin <= logMax ? { log: [logMin, logMax] as [number, number] } : {}),
    },
    notPositive: { x: xBad, y: yBad, either: eitherBad },
    valueExtent: {
      linear: { anyTime: extent(linAnyMin, linAnyMax), positiveTime: extent(linPosMin, linPosMax) },
      log: { anyTime: extent(logAnyMin, logAnyMax), positiveTime: extent(logPosMin, logPosMax) },
    },
  };
}

/** Human label of a dataset for legends and CSV: "PC upper limits (incl. unverified bins)". */
export function datasetLabel(dataset: Pick<LightCurveDataset, 'mode' | 'kind' | 'incbad' | 'nosys'>): string {
  const kind: Record<LightCurveKind, string> = {
    detections: '',
    'upper-limits': ' upper limits',
    hard: ' hard band',
    soft: ' soft band',
    'hardness-ratio': ' hardness ratio',
  };
  const notes = [dataset.incbad ? 'incl. unverified bins' : '', dataset.nosys ? 'no WT systematics' : ''].filter(Boolean);
  return `${dataset.mode}${kind[dataset.kind]}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}
