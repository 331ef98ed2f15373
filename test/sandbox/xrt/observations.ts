// The simulated observing history behind a job: which catalogue object is in the field, which
// snapshots exist, in which mode, and how bright the source is at any time. Everything else
// (light curve, spectra, positions, files) is derived from this, so all answers agree.
import { CATALOGUE, separationDeg, type CatalogueEntry } from '../catalogue';
import type { JobSpec } from './jobSpec';
import { between, seededRng } from './prng';
import { FIELD_RADIUS_DEG } from './submission';

export type XrtMode = 'WT' | 'PC';

export interface Snapshot {
  readonly index: number;
  readonly obsid: string;
  /** MET seconds */
  readonly start: number;
  readonly stop: number;
  readonly exposure: number;
  readonly mode: XrtMode;
}

export interface Field {
  /** The catalogue object in the field, if any (it may be one without an X-ray source). */
  readonly entry?: CatalogueEntry;
  readonly ra: number;
  readonly dec: number;
  readonly target: string;
}

/** Above this rate PC mode would pile up badly, so the simulated spacecraft used WT. */
const WT_RATE_THRESHOLD = 1.0;

export function fieldOf(spec: JobSpec): Field {
  let entry: CatalogueEntry | undefined;
  if (spec.ra !== undefined && spec.dec !== undefined) {
    const { ra, dec } = spec;
    entry = [...CATALOGUE].sort((a, b) => separationDeg(ra, dec, a.ra, a.dec) - separationDeg(ra, dec, b.ra, b.dec))[0];
    if (entry && separationDeg(ra, dec, entry.ra, entry.dec) > FIELD_RADIUS_DEG) entry = undefined;
  } else {
    entry = CATALOGUE.find((e) => e.targetIds.some((t) => spec.targets.includes(t)));
  }
  const target = spec.targets[0] ?? entry?.targetIds[0] ?? '00099999';
  const rng = seededRng(`field:${target}`);
  return { entry, ra: spec.ra ?? entry?.ra ?? between(rng, 0, 360), dec: spec.dec ?? entry?.dec ?? between(rng, -60, 60), target };
}

/** Count rate (ct/s, 0.3–10 keV) of the field's X-ray source at MET `t`. */
export function sourceRate(field: Field, t: number): number {
  const e = field.entry;
  if (!e || !e.xraySource) return 0;
  if (e.kind === 'grb') return 20 * e.meanRate * Math.pow(Math.max(10, t - e.t0) / 100, -1.2);
  return e.meanRate * (1 + 0.3 * Math.sin((2 * Math.PI * (t - e.t0)) / (5.3 * 86400)));
}

export function snapshots(jobId: string, spec: JobSpec): Snapshot[] {
  const field = fieldOf(spec);
  const rng = seededRng(`snapshots:${jobId}`);
  const grb = field.entry?.kind === 'grb';
  const anchor = field.entry?.t0 ?? spec.t0 ?? 600000000;
  const count = 6 + Math.floor(rng() * 4);
  const out: Snapshot[] = [];
  for (let i = 0; i < count; i++) {
    const offset = grb ? (i === 0 ? 90 : 3000 * Math.pow(1.9, i - 1) + between(rng, 0, 600)) : i * 3.1 * 86400 + between(rng, 0, 3600);
    const exposure = Math.round(grb && i === 0 ? 1500 : between(rng, 900, 1900));
    const start = Math.round((anchor + offset) * 1000) / 1000;
    const stop = start + exposure + Math.round(between(rng, 5, 60));
    const rate = sourceRate(field, (start + stop) / 2);
    const segment = Math.floor(i / 2) + (grb ? 0 : 1);
    out.push({
      index: i,
      obsid: `${field.target}${String(segment).padStart(3, '0')}`,
      start,
      stop,
      exposure,
      mode: rate > WT_RATE_THRESHOLD ? 'WT' : 'PC',
    });
  }
  return out;
}

/** The job's zero point: the given or resolved T0, else the start of the first snapshot. */
export function referenceTime(spec: JobSpec, snaps: readonly Snapshot[]): number {
  return spec.t0 ?? snaps[0]?.start ?? 0;
}

/** Hardness (hard/soft count ratio) typical of the object class. */
export function hardness(field: Field): number {
  switch (field.entry?.kind) {
    case 'grb':
      return 0.9;
    case 'cv':
      return 1.6;
    case 'pulsar':
      return 1.2;
    case 'xrb':
      return 2.0;
    case 'agn':
      return 3.5;
    default:
      return 1;
  }
}
