// Readers for the tabular text files of the image and source-detection products:
// `image/images.log` (test/fixtures/protocol/xrt-products.md §13.8) and the per-band source lists (§13.9, layout unknown:
// we read a header line of column names followed by tab-separated rows, as the sandbox writes).
import { ProductParseError } from './parseError';

interface ImageLogEntry {
  /** Image number n of `image<n>.img.gz` / `image<n>.gif`. */
  readonly index: number;
  /** keV. */
  readonly emin: number;
  readonly emax: number;
}

interface SourceListFile {
  readonly columns: readonly string[];
  /** Cells as written (strings), aligned with `columns`. */
  readonly rows: readonly (readonly string[])[];
}

function splitFields(line: string): string[] {
  return line.includes('\t') ? line.split('\t').map((f) => f.trim()) : line.trim().split(/\s+/);
}

export function parseImagesLog(text: string, fileName = 'images.log'): ImageLogEntry[] {
  const entries: ImageLogEntry[] = [];
  const seen = new Set<number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      const fields = splitFields(raw);
      if (fields.length < 3)
        throw new ProductParseError(`expected image number, Emin and Emax, found ${fields.length} value(s)`, line, fileName);
      const [index, emin, emax] = fields.slice(0, 3).map(Number) as [number, number, number];
      if (!Number.isInteger(index) || index < 1)
        throw new ProductParseError(`image number "${fields[0]}" is not a positive whole number`, line, fileName);
      if (!Number.isFinite(emin) || !Number.isFinite(emax))
        throw new ProductParseError(`energy band "${fields[1]}"–"${fields[2]}" is not two numbers (keV)`, line, fileName);
      if (emin >= emax) throw new ProductParseError(`energy band ${emin}–${emax} keV is empty or reversed`, line, fileName);
      if (seen.has(index)) throw new ProductParseError(`image ${index} is listed twice`, line, fileName);
      seen.add(index);
      entries.push({ index, emin, emax });
    });
  return entries;
}

export function parseSourceList(text: string, fileName = 'source list'): SourceListFile {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((t, i) => ({ text: t, line: i + 1 }))
    .filter((l) => l.text.trim() !== '' && !l.text.trimStart().startsWith('#'));
  if (lines.length === 0) throw new ProductParseError('the file is empty (expected a header line of column names)', 0, fileName);
  const columns = splitFields(lines[0]!.text);
  if (columns.some((c) => c === '')) throw new ProductParseError('the header has an empty column name', lines[0]!.line, fileName);
  const rows = lines.slice(1).map(({ text: raw, line }) => {
    const cells = splitFields(raw);
    if (cells.length !== columns.length)
      throw new ProductParseError(`expected ${columns.length} values as in the header, found ${cells.length}`, line, fileName);
    return cells;
  });
  return { columns, rows };
}
