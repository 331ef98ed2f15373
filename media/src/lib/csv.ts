// CSV text (RFC 4180 quoting) for exports the user opens in a spreadsheet or reads with pandas.

export type CsvCell = string | number | boolean | null | undefined;

// A text cell starting with one of these is run as a formula by spreadsheets; prefixing a quote
// keeps file names or labels from the service inert. Numbers are written as numbers and never need it.
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : Number.isNaN(cell) ? 'nan' : cell > 0 ? 'inf' : '-inf';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(cellText).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} cells but the header has ${header.length}`);
    lines.push(row.map(cellText).join(','));
  }
  return lines.join('\n') + '\n';
}
