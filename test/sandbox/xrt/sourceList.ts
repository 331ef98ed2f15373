// Simulated source-detection results (test/fixtures/protocol/xrt-products.md §10): a handful of sources
// around the field centre, the catalogue object first when it is an X-ray source. Every value is a
// string (xrt_prods parses them).
import type { JobSpec } from './jobSpec';
import { fieldOf } from './observations';
import { between, seededRng } from './prng';

export const BANDS = ['Total', 'Soft', 'Medium', 'Hard'] as const;
export type Band = (typeof BANDS)[number];
export type SourceRow = Record<string, string>;

/** Share of total-band counts in each sub-band. */
const BAND_SHARE: Record<Band, number> = { Total: 1, Soft: 0.33, Medium: 0.41, Hard: 0.26 };
const PIXEL_ARCSEC = 2.357;

export function sourceLists(jobId: string, spec: JobSpec): Partial<Record<Band, SourceRow[]>> {
  const field = fieldOf(spec);
  const rng = seededRng(`sources:${jobId}`);
  const count = 3 + Math.floor(rng() * 5);
  const base: Array<{ ra: number; dec: number; counts: number; err: number }> = [];
  if (field.entry?.xraySource)
    base.push({ ra: field.entry.ra, dec: field.entry.dec, counts: Math.round(field.entry.meanRate * 4000) + 30, err: 3.5 });
  while (base.length < count) {
    const r = between(rng, 1, 10) / 60;
    const angle = between(rng, 0, 2 * Math.PI);
    base.push({
      ra: field.ra + (r * Math.cos(angle)) / Math.cos((field.dec * Math.PI) / 180),
      dec: field.dec + r * Math.sin(angle),
      counts: Math.round(between(rng, 12, 400)),
      err: between(rng, 3.6, 6.5),
    });
  }
  const bands: readonly Band[] = spec.sourceDetBands === 'all' ? BANDS : ['Total'];
  const out: Partial<Record<Band, SourceRow[]>> = {};
  for (const band of bands) {
    const rows: SourceRow[] = [];
    for (const src of base) {
      const c = Math.round(src.counts * BAND_SHARE[band]);
      // Sources too faint in a sub-band are not detected there.
      if (c < 8) continue;
      const [l, b] = galactic(src.ra, src.dec);
      const errDeg = src.err / 3600 / 2.1;
      rows.push({
        sno: String(rows.length + 1),
        x: (500 + ((src.ra - field.ra) * Math.cos((field.dec * Math.PI) / 180) * 3600) / -PIXEL_ARCSEC).toFixed(10),
        y: (500 + ((src.dec - field.dec) * 3600) / PIXEL_ARCSEC).toFixed(10),
        ra: src.ra.toFixed(10),
        ra_pos: errDeg.toPrecision(15),
        ra_neg: (-errDeg * 1.0002).toPrecision(15),
        dec: src.dec.toFixed(10),
        dec_pos: (errDeg * 0.53).toFixed(10),
        dec_neg: (-errDeg * 0.534).toFixed(10),
        err90: src.err.toPrecision(15),
        l: l.toPrecision(15),
        b: b.toPrecision(15),
        C: String(c),
      });
    }
    out[band] = rows;
  }
  return out;
}

/** J2000 equatorial → Galactic (degrees). */
export function galactic(ra: number, dec: number): [number, number] {
  const d = Math.PI / 180;
  const raNgp = 192.85948 * d;
  const decNgp = 27.12825 * d;
  const lNcp = 122.93192 * d;
  const sinB = Math.sin(dec * d) * Math.sin(decNgp) + Math.cos(dec * d) * Math.cos(decNgp) * Math.cos(ra * d - raNgp);
  const b = Math.asin(sinB);
  const y = Math.cos(dec * d) * Math.sin(ra * d - raNgp);
  const x = Math.sin(dec * d) * Math.cos(decNgp) - Math.cos(dec * d) * Math.sin(decNgp) * Math.cos(ra * d - raNgp);
  let l = lNcp - Math.atan2(y, x);
  l = (((l / d) % 360) + 360) % 360;
  return [l, b / d];
}
