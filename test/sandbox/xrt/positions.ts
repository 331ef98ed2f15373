// Simulated positions (test/fixtures/protocol/xrt-products.md §9): standard (PSF fit), enhanced
// (XRT–UVOT) and astrometric, all near the catalogue object and all failing when there is no X-ray
// source within posRadius.
import { separationDeg, type CatalogueEntry } from '../catalogue';
import type { ProductCode } from './constants';
import type { JobSpec } from './jobSpec';
import { fieldOf } from './observations';
import { between, seededRng } from './prng';

export interface Position {
  readonly ra: number;
  readonly dec: number;
  /** arcsec, 90 % radial, including systematics */
  readonly err90: number;
  readonly fromSXPS: boolean;
}

/** Astrometry needs enough field sources to match 2MASS; the sandbox says a faint field has too few. */
const ASTROMETRY_MIN_RATE = 0.2;

/** The X-ray source a position product finds: a catalogue object within posRadius of the input position. */
export function positionSource(spec: JobSpec): CatalogueEntry | undefined {
  const field = fieldOf(spec);
  const e = field.entry;
  if (!e || !e.xraySource) return undefined;
  return separationDeg(field.ra, field.dec, e.ra, e.dec) * 3600 <= spec.posRadius ? e : undefined;
}

/** Position products that run but end without a product (-3). */
export function failingPositionProducts(spec: JobSpec): Set<ProductCode> {
  const out = new Set<ProductCode>();
  if (!positionSource(spec)) for (const p of ['psf', 'enh', 'xastrom'] as const) if (spec.products.includes(p)) out.add(p);
  return out;
}

/** GRBs are transients and never in SXPS; persistent catalogue objects are. */
function inSXPS(spec: JobSpec, e: CatalogueEntry): boolean {
  return spec.useSXPS && e.kind !== 'grb';
}

function offsetPosition(e: CatalogueEntry, seed: string, maxOffsetArcsec: number, err: [number, number]): Position {
  const rng = seededRng(seed);
  const r = between(rng, 0.1, maxOffsetArcsec) / 3600;
  const angle = between(rng, 0, 2 * Math.PI);
  return {
    ra: e.ra + (r * Math.cos(angle)) / Math.cos((e.dec * Math.PI) / 180),
    dec: e.dec + r * Math.sin(angle),
    err90: between(rng, err[0], err[1]),
    fromSXPS: false,
  };
}

export function standardPosition(jobId: string, spec: JobSpec): Position | undefined {
  const e = positionSource(spec);
  if (!e) return undefined;
  if (inSXPS(spec, e)) return { ra: e.ra, dec: e.dec, err90: between(seededRng(`sxps:${e.name}`), 3.5, 4.5), fromSXPS: true };
  return offsetPosition(e, `psf:${jobId}`, 2, [3.4, 5.5]);
}

export function enhancedPosition(jobId: string, spec: JobSpec): Position | undefined {
  const e = positionSource(spec);
  return e ? offsetPosition(e, `enh:${jobId}`, 1.2, [1.4, 2.5]) : undefined;
}

/** undefined with the product complete means NOCORR: no correction could be made. */
export function astrometricPosition(jobId: string, spec: JobSpec): Position | undefined {
  const e = positionSource(spec);
  if (!e || e.meanRate < ASTROMETRY_MIN_RATE) return undefined;
  if (inSXPS(spec, e)) return standardPosition(jobId, spec);
  return offsetPosition(e, `xastrom:${jobId}`, 3, [4, 15]);
}

/** Astrometric correction: RA shift ″, Dec shift ″, roll ′, 90 % uncertainty ″. */
export function astrometricCorrection(jobId: string): [number, number, number, number] {
  const rng = seededRng(`xastrom-corr:${jobId}`);
  return [between(rng, -4, 4), between(rng, -4, 4), between(rng, -2, 2), between(rng, 1, 3)];
}

export function raSexagesimal(ra: number): string {
  const h = (((ra % 360) + 360) % 360) / 15;
  const hh = Math.floor(h);
  const mm = Math.floor((h - hh) * 60);
  const ss = ((h - hh) * 60 - mm) * 60;
  return `${String(hh).padStart(2, '0')} ${String(mm).padStart(2, '0')} ${ss.toFixed(2).padStart(5, '0')}`;
}

export function decSexagesimal(dec: number): string {
  const sign = dec < 0 ? '-' : '+';
  const a = Math.abs(dec);
  const dd = Math.floor(a);
  const mm = Math.floor((a - dd) * 60);
  const ss = ((a - dd) * 60 - mm) * 60;
  return `${sign}${String(dd).padStart(2, '0')} ${String(mm).padStart(2, '0')} ${ss.toFixed(1).padStart(4, '0')}`;
}

/** The wire form of a position reply (§9): strings for the values, numbers for the flags. */
export function positionFields(pos: Position | undefined, withSXPSFlag: boolean): Record<string, unknown> {
  if (!pos) return { GotPos: 0 };
  const fields: Record<string, unknown> = { GotPos: 1, RA: pos.ra.toFixed(5), Dec: pos.dec.toFixed(5), Err90: pos.err90.toFixed(1) };
  if (withSXPSFlag) {
    fields.FromSXPS = pos.fromSXPS ? 1 : 0;
    if (pos.fromSXPS) fields.WhichSXPS = '2SXPS';
  }
  return fields;
}
