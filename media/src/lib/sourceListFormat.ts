// Source-list cells as astronomers write them. The service sends every value as a string with up to
// 15 digits and the position errors in degrees (XRT product generator API docs, source detection);
// tables show RA/Dec to 5 decimals (about 0.04″, well below the ~3″ errors), errors in arcseconds,
// pixels and Galactic coordinates to sensible digits. Sorting still uses the values as sent, and
// each cell's tooltip keeps the full value.
import { formatDec, formatRa } from './sexagesimal';

/** Column headers for the documented keys; unknown keys (the full set is undocumented) show as sent. */
export const SOURCE_COLUMN_TITLES: Readonly<Record<string, string>> = {
  sno: 'Source',
  x: 'x (pixel)',
  y: 'y (pixel)',
  ra: 'RA (°)',
  ra_pos: 'RA +err (″)',
  ra_neg: 'RA −err (″)',
  dec: 'Dec (°)',
  dec_pos: 'Dec +err (″)',
  dec_neg: 'Dec −err (″)',
  err90: 'Error 90 % (″)',
  l: 'l (°)',
  b: 'b (°)',
  C: 'Counts',
};

const ARCSEC_PER_DEGREE = 3600;

type CellFormat = (value: number) => string;

const fixed =
  (digits: number): CellFormat =>
  (v) =>
    minusSign(v.toFixed(digits));
const degreesAsArcsec: CellFormat = (v) => minusSign((v * ARCSEC_PER_DEGREE).toFixed(2));

const FORMATS: Readonly<Partial<Record<string, CellFormat>>> = {
  x: fixed(1),
  y: fixed(1),
  ra: fixed(5),
  dec: fixed(5),
  ra_pos: degreesAsArcsec,
  ra_neg: degreesAsArcsec,
  dec_pos: degreesAsArcsec,
  dec_neg: degreesAsArcsec,
  err90: fixed(1),
  l: fixed(4),
  b: fixed(4),
};

/** A typographic minus, as in the rest of the viewer; "-0.00" becomes "0.00". */
function minusSign(text: string): string {
  if (/^-0(\.0+)?$/.test(text)) return text.slice(1);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** The text shown for one cell; a value that is not a number (or an unknown column) is shown as sent. */
export function formatSourceCell(key: string, cell: string): string {
  const format = FORMATS[key];
  const value = cell.trim() === '' ? Number.NaN : Number(cell);
  return format && Number.isFinite(value) ? format(value) : cell;
}

/** The cell's tooltip: the value as sent, and for RA/Dec the sexagesimal form. */
export function sourceCellTitle(key: string, cell: string): string {
  const value = Number(cell);
  if (cell.trim() !== '' && Number.isFinite(value)) {
    if (key === 'ra' && value >= 0 && value <= 360) return `${cell} (${formatRa(value)})`;
    if (key === 'dec' && value >= -90 && value <= 90) return `${cell} (${formatDec(value)})`;
  }
  return cell;
}
