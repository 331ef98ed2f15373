// Reads a sky position typed by a user: "RA Dec" in decimal degrees or sexagesimal
// (RA in hours, Dec in degrees), in the forms astronomers paste from catalogues and papers.

export interface SkyPosition {
  /** J2000 degrees, [0, 360). */
  readonly ra: number;
  /** J2000 degrees, [-90, 90]. */
  readonly dec: number;
}

type PositionParse = { ok: true; position: SkyPosition } | { ok: false; message: string };

const FORMAT_HINT = 'Write "RA Dec" in degrees (83.6331 22.0145) or sexagesimal (05:34:31.94 +22:00:52.2 or 5h34m31.9s +22d00m52s).';

/**
 * Parses "RA Dec". Decimal numbers are degrees for both; a value with `:`, `h`/`m`/`s` or three
 * space-separated parts is sexagesimal, RA in hours and Dec in degrees. A comma may separate the two.
 */
export function parseSkyPosition(text: string): PositionParse {
  const cleaned = text
    .trim()
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/[°′″'"]/g, (c) => ({ '°': 'd', '′': 'm', "'": 'm', '″': 's', '"': 's' })[c] ?? c);
  if (cleaned === '') return { ok: false, message: `No position given. ${FORMAT_HINT}` };
  const halves = splitRaDec(cleaned);
  if (!halves) return { ok: false, message: `Cannot tell RA from Dec in "${text.trim()}". ${FORMAT_HINT}` };
  const ra = parseAngle(halves[0], 'ra');
  const dec = parseAngle(halves[1], 'dec');
  if (ra === undefined) return { ok: false, message: `"${halves[0]}" is not a right ascension. ${FORMAT_HINT}` };
  if (dec === undefined) return { ok: false, message: `"${halves[1]}" is not a declination. ${FORMAT_HINT}` };
  if (!(ra >= 0 && ra < 360)) return { ok: false, message: `RA ${ra}° is outside 0…360°.` };
  if (!(dec >= -90 && dec <= 90)) return { ok: false, message: `Dec ${dec}° is outside −90…+90°.` };
  return { ok: true, position: { ra: roundDegrees(ra === 360 ? 0 : ra), dec: roundDegrees(dec) } };
}

// 1e-7° (0.4 mas) is finer than any position the services use and hides float noise from 1/3600.
function roundDegrees(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/** Splits into RA and Dec text: at a comma, at the sign of Dec, or into halves of the space-separated parts. */
function splitRaDec(text: string): [string, string] | undefined {
  if (text.includes(',')) {
    const parts = text.split(',').map((p) => p.trim());
    return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
  }
  const signed = /^(.+?)\s*([+-]\s*\d.*)$/.exec(text);
  if (signed && !/^[+-]/.test(text)) return [signed[1].trim(), signed[2].replace(/^([+-])\s+/, '$1').trim()];
  const parts = text.split(/\s+/);
  if (parts.length === 2 || parts.length === 6) {
    const half = parts.length / 2;
    return [parts.slice(0, half).join(' '), parts.slice(half).join(' ')];
  }
  return undefined;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseAngle(text: string, axis: 'ra' | 'dec'): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]\s*/, '');
  const fields = body
    .replace(/[hdms:]/gi, ' ')
    .trim()
    .split(/\s+/);
  if (fields.length < 2 || fields.length > 3 || !fields.every((f) => DECIMAL.test(f))) return undefined;
  const [whole, minutes, seconds] = [Number(fields[0]), Number(fields[1]), Number(fields[2] ?? '0')];
  if (minutes >= 60 || seconds >= 60) return undefined;
  if (axis === 'ra' && /d/i.test(body)) return undefined; // an RA in d/m/s is almost always a mistake for h/m/s
  const value = whole + minutes / 60 + seconds / 3600;
  return axis === 'ra' ? value * 15 : sign * value;
}

/** "RA 83.6331°, Dec +22.0145°" for labels. */
export function formatSkyPosition(p: SkyPosition): string {
  return `RA ${p.ra.toFixed(4)}°, Dec ${p.dec >= 0 ? '+' : ''}${p.dec.toFixed(4)}°`;
}
