// Reader for the QDP text files of the light-curve product (test/fixtures/protocol/xrt-products.md §13.3): `READ SERR` /
// `READ TERR` column layouts, `!` comments naming the sections, rows of `NO` between sections and
// `NO` in a cell for a missing value. The exact server layout is unknown (§13.3), so the reader
// follows QDP's own rules rather than one writer's habits.
//
// Light curves can be large (tens of MB for long monitoring campaigns), so the reader scans the
// text by character code, parses numbers by hand (falling back to `Number` only where the hand
// parse could round differently) and stores values in growable Float64Arrays: no per-row or
// per-cell objects.
import { ProductParseError } from './parseError';

interface SymmetricErrors {
  readonly kind: 'symmetric';
  readonly name: string;
  readonly values: Float64Array;
}

/** `READ TERR`: the positive error, then the negative one (stored with its minus sign, as written). */
interface AsymmetricErrors {
  readonly kind: 'asymmetric';
  readonly posName: string;
  readonly negName: string;
  readonly pos: Float64Array;
  readonly neg: Float64Array;
}

interface QdpColumn {
  readonly name: string;
  /** `NO` (masked) and `nan` cells are NaN; `inf` cells are ±Infinity. */
  readonly values: Float64Array;
  readonly errors?: SymmetricErrors | AsymmetricErrors;
}

export interface QdpTable {
  /** From the section's comment (`! PCHard: PC mode hard band` → `PCHard`), else `table <n>`. */
  readonly name: string;
  /** The rest of that comment line, when it had the `Name: description` form. */
  readonly description?: string;
  /** The section's comment lines without the `!` and without the column-name line. */
  readonly comments: readonly string[];
  readonly columns: readonly QdpColumn[];
  readonly rowCount: number;
  /** 1-based line of the table's first data row. */
  readonly firstLine: number;
}

export interface QdpFile {
  readonly fileName?: string;
  readonly tables: readonly QdpTable[];
  /** 1-based QDP columns with a symmetric error column (`READ SERR`). */
  readonly serr: readonly number[];
  /** 1-based QDP columns with a +/- error pair (`READ TERR`). */
  readonly terr: readonly number[];
  /** Other QDP commands (`LABEL`, `PLOT`, `SKIP`, …): kept for reference, not applied. */
  readonly ignoredCommands: readonly { readonly line: number; readonly text: string }[];
}

/** One flattened cell column in file order (value, then its error columns), as a JSON light curve lists them. */
interface QdpRawColumn {
  readonly name: string;
  readonly values: Float64Array;
}

const CH_TAB = 9;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_0 = 48;
const CH_9 = 57;
const CH_AT = 64;
const CH_UPPER_E = 69;
const CH_LOWER_E = 101;

/** Exactly representable powers of ten: one multiplication or division by them rounds correctly (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Largest integer a run of decimal digits may reach while every step stays exact. */
const MAX_EXACT_MANTISSA = 2 ** 53;

const isSeparator = (c: number): boolean => c === CH_SPACE || c === CH_TAB || c === CH_CR || c === CH_COMMA;

/** Where the last parseDecimal call stopped reading (a module variable: no result object per cell). */
let decimalEnd = 0;

/**
 * The decimal number that starts at `start` (reading no further than `end`), or NaN when none
 * does; `decimalEnd` is set to the first character after it. Exact: values outside the fast path
 * go through `Number`, which rounds correctly.
 */
function parseDecimal(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === CH_MINUS || c === CH_PLUS) {
    negative = c === CH_MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exactMantissa = true;
  let fractionDigits = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c < CH_0 || c > CH_9) break;
    mantissa = mantissa * 10 + (c - CH_0);
    digits++;
  }
  if (i < end && text.charCodeAt(i) === CH_DOT) {
    i++;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < CH_0 || c > CH_9) break;
      mantissa = mantissa * 10 + (c - CH_0);
      digits++;
      fractionDigits++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (mantissa >= MAX_EXACT_MANTISSA) exactMantissa = false;
  let exponent = 0;
  if (i < end && ((c = text.charCodeAt(i)) === CH_LOWER_E || c === CH_UPPER_E)) {
    i++;
    let expNegative = false;
    c = text.charCodeAt(i);
    if (c === CH_MINUS || c === CH_PLUS) {
      expNegative = c === CH_MINUS;
      i++;
    }
    let expDigits = 0;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < CH_0 || c > CH_9) break;
      exponent = exponent * 10 + (c - CH_0);
      expDigits++;
    }
    if (expDigits === 0) return Number.NaN;
    if (expNegative) exponent = -exponent;
  }
  decimalEnd = i;
  const scale = exponent - fractionDigits;
  if (exactMantissa && scale >= -22 && scale <= 22) {
    const value = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
    return negative ? -value : value;
  }
  return Number(text.slice(start, i));
}

/** `no`, `nan`, `inf`, `infinity` with an optional sign, any case; undefined for anything else. */
function parseWord(text: string, start: number, end: number): { value: number; masked: boolean } | undefined {
  const word = text.slice(start, end).toLowerCase();
  switch (word) {
    case 'no':
      return { value: Number.NaN, masked: true };
    case 'nan':
    case '+nan':
    case '-nan':
      return { value: Number.NaN, masked: false };
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return { value: Number.POSITIVE_INFINITY, masked: false };
    case '-inf':
    case '-infinity':
      return { value: Number.NEGATIVE_INFINITY, masked: false };
    default:
      return undefined;
  }
}

/** A growable row-major store of one table's cells. */
class TableBuilder {
  values = new Float64Array(1024);
  length = 0;
  rows = 0;

  constructor(
    readonly cellsPerRow: number,
    readonly firstLine: number,
    readonly comments: string[],
  ) {}

  append(row: Float64Array): void {
    const need = this.length + this.cellsPerRow;
    if (need > this.values.length) {
      let size = this.values.length * 2;
      while (size < need) size *= 2;
      const grown = new Float64Array(size);
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    this.values.set(row.subarray(0, this.cellsPerRow), this.length);
    this.length = need;
    this.rows++;
  }

  column(cell: number): Float64Array {
    const out = new Float64Array(this.rows);
    const stride = this.cellsPerRow;
    for (let r = 0, k = cell; r < this.rows; r++, k += stride) out[r] = this.values[k]!;
    return out;
  }
}

interface ReadLayout {
  readonly serr: Set<number>;
  readonly terr: Set<number>;
}

/** Widths (1, 2 or 3 cells) of the QDP columns of a row of `cells` cells, or undefined when they do not fit. */
function columnWidths(cells: number, layout: ReadLayout): number[] | undefined {
  const widths: number[] = [];
  let used = 0;
  for (let k = 1; used < cells; k++) {
    const width = 1 + (layout.serr.has(k) ? 1 : 0) + (layout.terr.has(k) ? 2 : 0);
    widths.push(width);
    used += width;
  }
  return used === cells ? widths : undefined;
}

const looksNumeric = (token: string): boolean => !Number.isNaN(Number(token)) || parseWord(token, 0, token.length) !== undefined;

/** The column-name comment of a table: the last comment with one name per cell that is not itself data. */
function takeColumnNames(comments: string[], cells: number): string[] | undefined {
  for (let i = comments.length - 1; i >= 0; i--) {
    const tokens = comments[i]!.split(/\s+/).filter((t) => t !== '');
    if (tokens.length === cells && !tokens.every(looksNumeric)) {
      comments.splice(i, 1);
      return tokens;
    }
  }
  return undefined;
}

const NAMED_COMMENT = /^([A-Za-z][\w+.-]*):\s*(.*)$/;

function finishTable(builder: TableBuilder, layout: ReadLayout, index: number, fileName: string | undefined): QdpTable {
  const widths = columnWidths(builder.cellsPerRow, layout);
  // Checked when the table's first row was read; kept so a future change cannot misalign columns.
  if (!widths) throw new ProductParseError('rows do not fit the READ SERR/TERR layout', builder.firstLine, fileName);
  const comments = [...builder.comments];
  const names = takeColumnNames(comments, builder.cellsPerRow);
  const columns: QdpColumn[] = [];
  let cell = 0;
  widths.forEach((width, k) => {
    const name = names?.[cell] ?? `col${k + 1}`;
    const values = builder.column(cell);
    if (width === 1) columns.push({ name, values });
    else if (layout.serr.has(k + 1) && width === 2) {
      columns.push({
        name,
        values,
        errors: { kind: 'symmetric', name: names?.[cell + 1] ?? `${name}Err`, values: builder.column(cell + 1) },
      });
    } else {
      const errorCell = cell + width - 2;
      columns.push({
        name,
        values,
        errors: {
          kind: 'asymmetric',
          posName: names?.[errorCell] ?? `${name}Pos`,
          negName: names?.[errorCell + 1] ?? `${name}Neg`,
          pos: builder.column(errorCell),
          neg: builder.column(errorCell + 1),
        },
      });
    }
    cell += width;
  });
  const label = comments[comments.length - 1];
  const named = label === undefined ? undefined : NAMED_COMMENT.exec(label);
  const name = named ? named[1]! : (label ?? `table ${index + 1}`);
  const description = named ? named[2] : undefined;
  return { name, ...(description ? { description } : {}), comments, columns, rowCount: builder.rows, firstLine: builder.firstLine };
}

/** Gives repeated table names a ` (2)`, ` (3)` … suffix so names stay unique within a file. */
function uniqueNames(tables: QdpTable[]): QdpTable[] {
  const seen = new Map<string, number>();
  return tables.map((t) => {
    const n = (seen.get(t.name) ?? 0) + 1;
    seen.set(t.name, n);
    return n === 1 ? t : { ...t, name: `${t.name} (${n})` };
  });
}

function parseReadCommand(words: string[], line: number, fileName: string | undefined, layout: ReadLayout): void {
  const which = words[1]?.toLowerCase();
  if (which !== 'serr' && which !== 'terr')
    throw new ProductParseError(`unknown READ command "${words.join(' ')}" (expected READ SERR or READ TERR)`, line, fileName);
  if (words.length < 3) throw new ProductParseError(`READ ${which.toUpperCase()} names no columns`, line, fileName);
  for (const word of words.slice(2)) {
    const column = Number(word);
    if (!Number.isInteger(column) || column < 1)
      throw new ProductParseError(`READ ${which.toUpperCase()}: "${word}" is not a column number (1, 2, …)`, line, fileName);
    const [mine, other] = which === 'serr' ? [layout.serr, layout.terr] : [layout.terr, layout.serr];
    if (other.has(column)) throw new ProductParseError(`column ${column} is in both READ SERR and READ TERR`, line, fileName);
    mine.add(column);
  }
}

/**
 * Reads a QDP file. Throws ProductParseError (with the 1-based line) for a row that is not numbers,
 * a row whose length differs from its table's, or a malformed READ command.
 */
export function parseQdp(text: string, fileName?: string): QdpFile {
  const layout: ReadLayout = { serr: new Set(), terr: new Set() };
  const tables: QdpTable[] = [];
  const ignoredCommands: { line: number; text: string }[] = [];
  let pending: string[] = [];
  let current: TableBuilder | undefined;
  let sawData = false;
  let row = new Float64Array(64);
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;

  const closeTable = (): void => {
    if (current) tables.push(finishTable(current, layout, tables.length, fileName));
    current = undefined;
  };

  while (pos < length) {
    lineNo++;
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = length;
    let i = pos;
    pos = lineEnd + 1;
    while (i < lineEnd && isSeparator(text.charCodeAt(i))) i++;
    if (i >= lineEnd) continue;
    const first = text.charCodeAt(i);

    if (first === CH_BANG) {
      const comment = text.slice(i + 1, lineEnd).trim();
      if (comment === '') continue;
      if (current) current.comments.push(comment);
      else pending.push(comment);
      continue;
    }

    const isDigitStart = (first >= CH_0 && first <= CH_9) || first === CH_MINUS || first === CH_PLUS || first === CH_DOT;
    if (!isDigitStart) {
      let wordEnd = i;
      while (wordEnd < lineEnd && !isSeparator(text.charCodeAt(wordEnd)) && text.charCodeAt(wordEnd) !== CH_BANG) wordEnd++;
      if (first === CH_AT || parseWord(text, i, wordEnd) === undefined) {
        const command = text.slice(i, lineEnd).replace(/!.*$/, '').trim();
        const words = command.split(/\s+/);
        if (words[0]!.toLowerCase() === 'read') {
          if (sawData)
            throw new ProductParseError(`"${command}" comes after data rows; READ commands must precede the data`, lineNo, fileName);
          parseReadCommand(words, lineNo, fileName, layout);
        } else if (/^[A-Za-z@]/.test(command)) {
          ignoredCommands.push({ line: lineNo, text: command });
        } else {
          throw new ProductParseError(`"${truncateForMessage(command)}" is neither data, a comment nor a QDP command`, lineNo, fileName);
        }
        continue;
      }
    }

    // A data row: numbers, `NO`, `nan`, `inf`, up to an optional `!` comment.
    let cells = 0;
    let masked = 0;
    while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (isSeparator(c)) {
        i++;
        continue;
      }
      if (c === CH_BANG) break;
      // Fast path: a number running up to a separator; anything else is read as a word.
      let value = parseDecimal(text, i, lineEnd);
      let tokenEnd = decimalEnd;
      const after = tokenEnd < lineEnd ? text.charCodeAt(tokenEnd) : CH_SPACE;
      if (Number.isNaN(value) || !(isSeparator(after) || after === CH_BANG)) {
        tokenEnd = i + 1;
        while (tokenEnd < lineEnd) {
          const t = text.charCodeAt(tokenEnd);
          if (isSeparator(t) || t === CH_BANG) break;
          tokenEnd++;
        }
        const word = parseWord(text, i, tokenEnd);
        if (!word)
          throw new ProductParseError(
            `"${truncateForMessage(text.slice(i, tokenEnd))}" is not a number (cell ${cells + 1})`,
            lineNo,
            fileName,
          );
        value = word.value;
        if (word.masked) masked++;
      }
      if (cells === row.length) {
        const grown = new Float64Array(row.length * 2);
        grown.set(row);
        row = grown;
      }
      row[cells++] = value;
      i = tokenEnd;
    }
    if (cells === 0) continue;
    if (masked === cells) {
      // A row of NO only: the end of a table (QDP's group separator).
      closeTable();
      continue;
    }
    sawData = true;
    if (!current) {
      if (!columnWidths(cells, layout)) {
        throw new ProductParseError(
          `a row of ${cells} values does not fit the layout READ SERR ${[...layout.serr].join(' ') || '-'} / READ TERR ${[...layout.terr].join(' ') || '-'}`,
          lineNo,
          fileName,
        );
      }
      current = new TableBuilder(cells, lineNo, pending);
      pending = [];
    } else if (cells !== current.cellsPerRow) {
      throw new ProductParseError(
        `expected ${current.cellsPerRow} values as in the table's first row (line ${current.firstLine}), found ${cells}`,
        lineNo,
        fileName,
      );
    }
    current.append(row);
  }
  closeTable();
  return {
    ...(fileName === undefined ? {} : { fileName }),
    tables: uniqueNames(tables),
    serr: [...layout.serr].sort((a, b) => a - b),
    terr: [...layout.terr].sort((a, b) => a - b),
    ignoredCommands,
  };
}

function truncateForMessage(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}

/** The table's cells as flat columns in file order (a value column, then its error columns). */
export function rawColumns(table: QdpTable): QdpRawColumn[] {
  const out: QdpRawColumn[] = [];
  for (const column of table.columns) {
    out.push({ name: column.name, values: column.values });
    if (column.errors?.kind === 'symmetric') out.push({ name: column.errors.name, values: column.errors.values });
    else if (column.errors?.kind === 'asymmetric')
      out.push({ name: column.errors.posName, values: column.errors.pos }, { name: column.errors.negName, values: column.errors.neg });
  }
  return out;
}
