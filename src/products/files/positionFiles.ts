// Readers for the small text files of the position products (test/fixtures/protocol/xrt-products.md §13.5–13.7):
// `results.dat` / `NOPOS`, `INSXPS`, `success.txt`, `corrpos.dat`, `xastrom_corr.dat`, `NOCORR`.
import type { AstrometricCorrection } from '../../shared/viewModel';
import { ProductParseError } from './parseError';

/** `psf/results.dat` (§13.5): `NOPOS`, or one tab-separated line of 11 values. */
type StandardPositionFile =
  | { readonly found: false; readonly reason: string }
  | {
      readonly found: true;
      readonly ra: number;
      readonly dec: number;
      readonly raSexagesimal: string;
      readonly decSexagesimal: string;
      readonly err90: number;
      readonly piledUp: boolean;
      /** Number of the detected source that matched the input position. */
      readonly matchedSource: number;
      /** Pile-up PSF fit values S, l, c, τ (Evans et al. 2020); absent when the line stops early. */
      readonly psfFit?: { readonly S: number; readonly l: number; readonly c: number; readonly tau: number };
    };

/** `INSXPS` (§13.5, §13.7): one value per line, the position copied from an SXPS catalogue. */
interface SxpsPositionFile {
  readonly sxpsSourceId: string;
  readonly ra: number;
  readonly dec: number;
  readonly err90: number;
  readonly raSexagesimal: string;
  readonly decSexagesimal: string;
  readonly sxpsDatasetId: string;
  readonly catalogue: string;
}

/** `enh/success.txt` (§13.6): one value per line. */
interface EnhancedPositionFile {
  readonly objectName: string;
  readonly targetIds: string;
  readonly uvotOverlaps: number;
  readonly overlapExposure: number;
  readonly outliersRejected: number;
  readonly excludedTime: number;
  readonly ra: number;
  readonly dec: number;
  readonly raSexagesimal: string;
  readonly decSexagesimal: string;
  readonly err90: number;
}

/** `xastrom/corrpos.dat` (§13.7): one tab-separated line. */
interface AstrometricPositionFile {
  readonly ra: number;
  readonly dec: number;
  readonly raSexagesimal: string;
  readonly decSexagesimal: string;
  readonly err90: number;
}

interface Line {
  readonly text: string;
  readonly line: number;
}

/** Non-blank lines with their 1-based numbers, trimmed; a leading byte-order mark is dropped. */
function contentLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
}

/** Fields of a one-line file; tabs are documented, but runs of spaces are read too (hand-edited files). */
function singleRecord(text: string, fileName: string, minFields: number, what: string): { fields: string[]; line: number } {
  const lines = contentLines(text);
  if (lines.length === 0) throw new ProductParseError(`the file is empty (expected ${what})`, 0, fileName);
  const { text: first, line } = lines[0]!;
  const fields = first.includes('\t') ? first.split('\t').map((f) => f.trim()) : first.split(/\s+/);
  if (fields.length < minFields)
    throw new ProductParseError(`expected at least ${minFields} values (${what}), found ${fields.length}`, line, fileName);
  if (lines.length > 1) throw new ProductParseError(`expected one line of values, found more text`, lines[1]!.line, fileName);
  return { fields, line };
}

function numberAt(fields: readonly string[], index: number, label: string, line: number, fileName: string): number {
  const raw = fields[index];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new ProductParseError(`${label} (value ${index + 1}) is not a number: "${raw ?? ''}"`, line, fileName);
  return value;
}

function checkSky(ra: number, dec: number, line: number, fileName: string): void {
  if (ra < 0 || ra >= 360.000001) throw new ProductParseError(`RA ${ra} is outside 0–360°`, line, fileName);
  if (dec < -90 || dec > 90) throw new ProductParseError(`Dec ${dec} is outside −90…90°`, line, fileName);
}

export function parseResultsDat(text: string, fileName = 'results.dat'): StandardPositionFile {
  const lines = contentLines(text);
  if (lines.length > 0 && lines[0]!.text.toUpperCase() === 'NOPOS')
    return { found: false, reason: 'No position could be determined (NOPOS).' };
  const { fields, line } = singleRecord(text, fileName, 7, 'RA, Dec, RA and Dec sexagesimal, err90, pile-up flag, source number');
  const ra = numberAt(fields, 0, 'RA', line, fileName);
  const dec = numberAt(fields, 1, 'Dec', line, fileName);
  checkSky(ra, dec, line, fileName);
  const piled = numberAt(fields, 5, 'pile-up flag', line, fileName);
  if (piled !== 0 && piled !== 1) throw new ProductParseError(`the pile-up flag (value 6) must be 0 or 1, found ${piled}`, line, fileName);
  const fit =
    fields.length >= 11
      ? {
          S: numberAt(fields, 7, 'S', line, fileName),
          l: numberAt(fields, 8, 'l', line, fileName),
          c: numberAt(fields, 9, 'c', line, fileName),
          tau: numberAt(fields, 10, 'τ', line, fileName),
        }
      : undefined;
  return {
    found: true,
    ra,
    dec,
    raSexagesimal: fields[2]!,
    decSexagesimal: fields[3]!,
    err90: numberAt(fields, 4, 'err90', line, fileName),
    piledUp: piled === 1,
    matchedSource: numberAt(fields, 6, 'source number', line, fileName),
    ...(fit ? { psfFit: fit } : {}),
  };
}

export function parseInsxps(text: string, fileName = 'INSXPS'): SxpsPositionFile {
  const lines = contentLines(text);
  if (lines.length < 8)
    throw new ProductParseError(
      `expected 8 lines (source ID, RA, Dec, err90, RA and Dec sexagesimal, dataset ID, catalogue), found ${lines.length}`,
      lines.at(-1)?.line ?? 0,
      fileName,
    );
  const num = (i: number, label: string): number => numberAt([lines[i]!.text], 0, label, lines[i]!.line, fileName);
  const ra = num(1, 'RA');
  const dec = num(2, 'Dec');
  checkSky(ra, dec, lines[1]!.line, fileName);
  return {
    sxpsSourceId: lines[0]!.text,
    ra,
    dec,
    err90: num(3, 'err90'),
    raSexagesimal: lines[4]!.text,
    decSexagesimal: lines[5]!.text,
    sxpsDatasetId: lines[6]!.text,
    catalogue: lines[7]!.text,
  };
}

export function parseSuccessTxt(text: string, fileName = 'success.txt'): EnhancedPositionFile {
  const lines = contentLines(text);
  // Blank lines are dropped above, but the object name or target list could legitimately be empty;
  // the file is read by position, so it needs its 11 raw lines.
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (raw.length > 0 && raw[raw.length - 1]!.trim() === '') raw.pop();
  if (raw.length < 11)
    throw new ProductParseError(
      `expected 11 lines (name, targets, overlaps, exposure, outliers, excluded time, RA, Dec, RA and Dec sexagesimal, err90), found ${raw.length}`,
      lines.at(-1)?.line ?? 0,
      fileName,
    );
  const num = (i: number, label: string): number => numberAt([raw[i]!.trim()], 0, label, i + 1, fileName);
  const ra = num(6, 'RA');
  const dec = num(7, 'Dec');
  checkSky(ra, dec, 7, fileName);
  return {
    objectName: raw[0]!.trim(),
    targetIds: raw[1]!.trim(),
    uvotOverlaps: num(2, 'number of overlaps'),
    overlapExposure: num(3, 'overlap exposure'),
    outliersRejected: num(4, 'number of rejected overlaps'),
    excludedTime: num(5, 'excluded time'),
    ra,
    dec,
    raSexagesimal: raw[8]!.trim(),
    decSexagesimal: raw[9]!.trim(),
    err90: num(10, 'err90'),
  };
}

export function parseCorrposDat(text: string, fileName = 'corrpos.dat'): AstrometricPositionFile {
  const { fields, line } = singleRecord(text, fileName, 5, 'RA, Dec, RA and Dec sexagesimal, err90');
  const ra = numberAt(fields, 0, 'RA', line, fileName);
  const dec = numberAt(fields, 1, 'Dec', line, fileName);
  checkSky(ra, dec, line, fileName);
  return { ra, dec, raSexagesimal: fields[2]!, decSexagesimal: fields[3]!, err90: numberAt(fields, 4, 'err90', line, fileName) };
}

/** `xastrom/xastrom_corr.dat` (§13.7): the correction applied to the XRT frame, as the viewer shows it. */
export function parseXastromCorr(text: string, fileName = 'xastrom_corr.dat'): AstrometricCorrection {
  const { fields, line } = singleRecord(text, fileName, 4, 'RA shift, Dec shift, roll correction, uncertainty');
  return {
    raShiftArcsec: numberAt(fields, 0, 'RA shift', line, fileName),
    decShiftArcsec: numberAt(fields, 1, 'Dec shift', line, fileName),
    rollArcmin: numberAt(fields, 2, 'roll correction', line, fileName),
    err90Arcsec: numberAt(fields, 3, 'uncertainty', line, fileName),
  };
}

/** `NOCORR` (§13.7) only signals by its presence; its text, when there is any, is the reason. */
export function parseNocorr(text: string): { readonly found: false; readonly reason: string } {
  const reason = contentLines(text)
    .map((l) => l.text)
    .join(' ');
  return { found: false, reason: reason || 'No astrometric correction could be determined (NOCORR).' };
}
