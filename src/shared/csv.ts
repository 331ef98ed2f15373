// The one CSV writer, for every export the user opens in a spreadsheet or reads with pandas: the TOO
// query results (extension side) and the light-curve data (product viewer webview). RFC 4180: CRLF
// line ends (after the last record too), fields holding a comma, a double quote or a line break are
// quoted with quotes doubled; fields with leading or trailing blanks are quoted too, so readers that
// trim unquoted fields keep them.
import type { ResultTable } from './queryResultModel';

export type CsvCell = string | number | boolean | null | undefined;

const LINE_END = '\r\n';

// A text cell starting with one of these is run as a formula by spreadsheets (the OWASP "CSV
// injection" list); a leading apostrophe keeps service text inert. Numbers, and text that is a plain
// decimal number such as "-12.5", are data and stay as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function numberText(value: number): string {
  // The product service writes non-finite values as inf/nan; pandas and astropy read them back.
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

/** One field as it appears in the file. */
function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows; every row must have as many cells as the header. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} cells but the header has ${header.length}`);
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join(LINE_END)}${LINE_END}`;
}

/** A result table as CSV: the column keys as the header, one line per row. */
export function tableCsv(table: ResultTable): string {
  const keys = table.columns.map((c) => c.key);
  return toCsv(
    keys,
    table.rows.map((row) => keys.map((key) => row[key] ?? null)),
  );
}
