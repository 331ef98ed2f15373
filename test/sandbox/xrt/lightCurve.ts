// The simulated light curve of a job (test/fixtures/protocol/xrt-products.md §11): bins from the
// snapshots and the binning method, then the datasets in the wire layout. The QDP files are written from
// the same datasets.
import type { JobSpec, LcSpec } from './jobSpec';
import { fieldOf, hardness, referenceTime, snapshots, sourceRate, type Snapshot, type XrtMode } from './observations';
import { between, gauss, seededRng, sig } from './prng';
import { metToMjd } from './time';

interface Bin {
  readonly mode: XrtMode;
  readonly start: number;
  readonly stop: number;
  readonly exposure: number;
  readonly counts: number;
  readonly bgRate: number;
  readonly corrFact: number;
  readonly rate: number;
  readonly err: number;
  /** Systematic error (WT only) that `nosys` removes. */
  readonly sysErr: number;
  readonly sigma: number;
  readonly upperLimit: boolean;
  /** Centroid could not be verified: only in `_incbad` datasets. */
  readonly bad: boolean;
  readonly softShare: number;
}

export type DatasetKind = '' | 'UL' | 'Hard' | 'Soft' | 'HR';
export type Cell = number | string;

export interface LcDataset {
  readonly name: string;
  readonly mode: XrtMode;
  readonly kind: DatasetKind;
  readonly suffix: string;
  readonly columns: readonly string[];
  readonly data: Cell[][];
  /** File under `lc/` holding this dataset. */
  readonly file: string;
}

export interface LightCurve {
  readonly datasets: LcDataset[];
  readonly binning: string;
  readonly timeFormat: 'MET' | 'MJD';
  readonly t0: number;
}

export const DETECTION_COLUMNS = [
  'Time',
  'TimePos',
  'TimeNeg',
  'Rate',
  'RatePos',
  'RateNeg',
  'FracExp',
  'BGrate',
  'BGerr',
  'CorrFact',
  'CtsInSrc',
  'BGInSrc',
  'Exposure',
  'Sigma',
  'SNR',
] as const;
export const BAND_COLUMNS = ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RateErr', 'Exposure'] as const;
export const HR_COLUMNS = ['Time', 'TimePos', 'TimeNeg', 'HR', 'HRErr', 'Exposure'] as const;

const MAX_BINS_PER_SEGMENT = 40;
const BINNING_LABEL: Record<LcSpec['binMeth'], string> = { counts: 'Counts', time: 'Time', snapshot: 'Snapshot', obsid: 'Observation' };

/** Segments to split into bins: one per snapshot, or one per obsID for `obsid` binning. */
function segments(snaps: readonly Snapshot[], lc: LcSpec): Array<{ mode: XrtMode; start: number; stop: number; exposure: number }> {
  if (lc.binMeth !== 'obsid') return snaps.map((s) => ({ mode: s.mode, start: s.start, stop: s.stop, exposure: s.exposure }));
  const byObs = new Map<string, { mode: XrtMode; start: number; stop: number; exposure: number }>();
  for (const s of snaps) {
    const key = `${s.obsid}:${s.mode}`;
    const seg = byObs.get(key);
    if (seg) byObs.set(key, { ...seg, stop: s.stop, exposure: seg.exposure + s.exposure });
    else byObs.set(key, { mode: s.mode, start: s.start, stop: s.stop, exposure: s.exposure });
  }
  return [...byObs.values()];
}

function bins(jobId: string, spec: JobSpec, lc: LcSpec): Bin[] {
  const field = fieldOf(spec);
  const snaps = snapshots(jobId, spec);
  const rng = seededRng(`lc:${jobId}`);
  const hr = hardness(field);
  const out: Bin[] = [];
  segments(snaps, lc).forEach((seg, segIndex) => {
    const meanRate = sourceRate(field, (seg.start + seg.stop) / 2);
    let n = 1;
    if (lc.binMeth === 'counts') n = Math.round((meanRate * seg.exposure) / (seg.mode === 'WT' ? lc.wtcounts : lc.pccounts));
    else if (lc.binMeth === 'time') n = Math.ceil(seg.exposure / (seg.mode === 'WT' ? lc.wtbin : lc.pcbin));
    n = Math.min(MAX_BINS_PER_SEGMENT, Math.max(1, n));
    const span = (seg.stop - seg.start) / n;
    const fracExp = seg.exposure / (seg.stop - seg.start);
    for (let i = 0; i < n; i++) {
      const start = seg.start + i * span;
      const stop = start + span;
      const exposure = span * fracExp;
      const corrFact = seg.mode === 'WT' ? between(rng, 1.05, 1.2) : between(rng, 1.1, meanRate > 0.6 ? 2.6 : 1.4);
      const bgRate = seg.mode === 'WT' ? between(rng, 0.005, 0.02) : between(rng, 0.0005, 0.007);
      const trueRate = sourceRate(field, (start + stop) / 2) * Math.max(0.2, 1 + 0.1 * gauss(rng));
      const bgInSrc = bgRate * exposure;
      const counts = Math.max(0, Math.round((trueRate * exposure) / corrFact + bgInSrc));
      const net = counts - bgInSrc;
      const rate = (net * corrFact) / exposure;
      const err = (Math.sqrt(Math.max(1, counts)) * corrFact) / exposure;
      const sigma = net / Math.sqrt(Math.max(bgInSrc, 0.01) + Math.max(net, 0));
      out.push({
        mode: seg.mode,
        start,
        stop,
        exposure,
        counts,
        bgRate,
        corrFact,
        rate,
        err,
        sysErr: seg.mode === 'WT' ? 0.03 * Math.abs(rate) : 0,
        sigma,
        upperLimit: sigma < lc.sigmin || counts < 3,
        bad: segIndex % 3 === 2 && i === 0,
        softShare: 1 / (1 + hr * Math.max(0.5, 1 + 0.15 * gauss(rng))),
      });
    }
  });
  return out;
}

function allowsUL(lc: LcSpec, mode: XrtMode): boolean {
  return lc.allowUL === 'both' || lc.allowUL === mode.toLowerCase();
}

export interface Variants {
  readonly nosys: readonly boolean[];
  readonly incbad: readonly boolean[];
}

/** `yes` → only the variant, `no` → only the plain one, `both` → both (§11.1). */
export function variantsFor(choice: string): boolean[] {
  return choice === 'yes' ? [true] : choice === 'both' ? [false, true] : [false];
}

export const ALL_VARIANTS: Variants = { nosys: [false, true], incbad: [false, true] };

export function lightCurve(jobId: string, spec: JobSpec, variants: Variants): LightCurve {
  const lc = spec.lc;
  if (!lc) throw new Error(`job ${jobId} has no light curve`);
  const all = bins(jobId, spec, lc);
  const snaps = snapshots(jobId, spec);
  const t0 = referenceTime(spec, snaps);
  const mjd = lc.timeFormat === 'MJD';
  const timeCells = (b: Bin): Cell[] => {
    const centre = (b.start + b.stop) / 2;
    const half = (b.stop - b.start) / 2;
    return mjd
      ? [sig(metToMjd(centre), 12), sig(half / 86400, 6), sig(-half / 86400, 6)]
      : [sig(centre - t0, 9), sig(half, 6), sig(-half, 6)];
  };
  const datasets: LcDataset[] = [];
  for (const mode of ['WT', 'PC'] as const) {
    const modeBins = all.filter((b) => b.mode === mode);
    if (modeBins.length === 0) continue;
    for (const kind of ['', 'UL', 'Hard', 'Soft', 'HR'] as const) {
      for (const nosys of variants.nosys) {
        for (const incbad of variants.incbad) {
          const suffix = `${nosys ? '_nosys' : ''}${incbad ? '_incbad' : ''}`;
          const chosen = modeBins.filter((b) => (incbad || !b.bad) && (kind === 'UL' ? b.upperLimit && allowsUL(lc, mode) : !b.upperLimit));
          if (chosen.length === 0) continue;
          const name = `${mode}${kind}${suffix}`;
          const fileStem = kind === '' ? 'CURVE' : kind === 'UL' ? 'UL' : 'HR';
          const file = `${mode}${fileStem}${suffix}.qdp`;
          datasets.push({ name, mode, kind, suffix, file, ...rowsFor(kind, chosen, nosys, timeCells) });
        }
      }
    }
  }
  return { datasets, binning: BINNING_LABEL[lc.binMeth], timeFormat: lc.timeFormat, t0 };
}

function rowsFor(
  kind: DatasetKind,
  chosen: readonly Bin[],
  nosys: boolean,
  timeCells: (b: Bin) => Cell[],
): { columns: readonly string[]; data: Cell[][] } {
  switch (kind) {
    case '':
      return {
        columns: DETECTION_COLUMNS,
        data: chosen.map((b) => {
          const e = nosys ? b.err : Math.hypot(b.err, b.sysErr);
          return [
            ...timeCells(b),
            sig(b.rate),
            sig(e),
            sig(-e),
            sig(b.exposure / (b.stop - b.start), 6),
            sig(b.bgRate),
            sig(b.bgRate * 0.3),
            sig(b.corrFact),
            b.counts,
            sig(b.bgRate * b.exposure),
            sig(b.exposure),
            sig(b.sigma),
            sig(Math.max(0, b.rate) / e),
          ];
        }),
      };
    case 'UL':
      return {
        columns: DETECTION_COLUMNS,
        data: chosen.map((b) => {
          const limit = ((Math.max(0, b.counts - b.bgRate * b.exposure) + 3 * Math.sqrt(b.counts + 1)) * b.corrFact) / b.exposure;
          // The server writes `inf` as the S/N of an upper limit (lcdata.response.ok.json).
          return [
            ...timeCells(b),
            sig(limit),
            0,
            0,
            sig(b.exposure / (b.stop - b.start), 6),
            sig(b.bgRate),
            sig(b.bgRate * 0.3),
            sig(b.corrFact),
            b.counts,
            sig(b.bgRate * b.exposure),
            sig(b.exposure),
            sig(Math.max(0, b.sigma)),
            'inf',
          ];
        }),
      };
    case 'Hard':
    case 'Soft':
      return {
        columns: BAND_COLUMNS,
        data: chosen.map((b) => {
          const share = kind === 'Soft' ? b.softShare : 1 - b.softShare;
          return [...timeCells(b), sig(b.rate * share), sig(b.err * Math.sqrt(share)), sig(b.exposure)];
        }),
      };
    case 'HR':
      return {
        columns: HR_COLUMNS,
        data: chosen.map((b) => {
          const soft = b.rate * b.softShare;
          const hard = b.rate - soft;
          const ratio = soft > 0 ? hard / soft : 0;
          const relErr = Math.hypot(b.err / Math.max(1e-9, hard), b.err / Math.max(1e-9, soft)) * 0.5;
          return [...timeCells(b), sig(ratio), sig(ratio * relErr), sig(b.exposure)];
        }),
      };
  }
}

/** Number of observations the light curve draws on (for progress "k / N"). */
export function observationCount(jobId: string, spec: JobSpec): number {
  return snapshots(jobId, spec).length;
}
