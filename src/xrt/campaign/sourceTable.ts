// A campaign's sources as rows of a CSV or TSV file (delimitedText.ts): the first record names the
// columns, the campaign's `sourceTable.columns` and `sourceTable.parameters` say which column is which,
// and every later record is one source. A row that cannot be read, or does not have one cell per
// column, is reported with its line and left out; the other rows are still used. Cells are text here:
// what they must hold is the source schema's and the request check's to say (campaignPlan.ts).
import { parseDelimitedText, type DelimitedProblem } from './delimitedText';

export type SourceCellKey = 'id' | 'name' | 'targ' | 'RA' | 'Dec';

export interface SourceRow {
  /** The line the row starts on (1-based). */
  readonly line: number;
  /** The source's identity cells that are not empty, trimmed. */
  readonly cells: Readonly<Partial<Record<SourceCellKey, string>>>;
  /** Request parameter → the row's non-empty cell, trimmed. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** A column the campaign names that the file's header does not have (or has twice). */
export interface ColumnProblem {
  readonly mapping: 'columns' | 'parameters';
  readonly key: string;
  readonly message: string;
}

export interface SourceTable {
  readonly rows: readonly SourceRow[];
  readonly rowProblems: readonly DelimitedProblem[];
  readonly columnProblems: readonly ColumnProblem[];
  /** Why no row could be read at all (no header line). */
  readonly fileProblem?: string;
}

export interface SourceTableMapping {
  readonly columns: Readonly<Partial<Record<SourceCellKey, string>>>;
  readonly parameters?: Readonly<Record<string, string | undefined>>;
}

/** The field separator of a source table: its `format`, else its file name's extension. */
export function delimiterOf(file: string, format: 'csv' | 'tsv' | undefined): ',' | '\t' | undefined {
  if (format !== undefined) return format === 'csv' ? ',' : '\t';
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return ',';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return '\t';
  return undefined;
}

export function readSourceTable(text: string, delimiter: ',' | '\t', mapping: SourceTableMapping): SourceTable {
  const parsed = parseDelimitedText(text, delimiter);
  const [header, ...records] = parsed.records;
  const early = parsed.problems.find((p) => header === undefined || p.line < header.line);
  if (early) {
    return {
      rows: [],
      rowProblems: [],
      columnProblems: [],
      fileProblem: `its header line (line ${early.line}) could not be read: ${early.message}`,
    };
  }
  if (header === undefined)
    return { rows: [], rowProblems: [], columnProblems: [], fileProblem: 'the file has no header line naming its columns' };
  const names = header.fields.map((f) => f.trim());
  const columnProblems: ColumnProblem[] = [];
  const indexOf = (mappingName: ColumnProblem['mapping'], key: string, column: string): number | undefined => {
    const at = names.flatMap((n, i) => (n === column ? [i] : []));
    if (at.length === 1) return at[0];
    if (at.length > 1) {
      columnProblems.push({
        mapping: mappingName,
        key,
        message: `The header (line ${header.line}) has the column "${column}" ${at.length} times (fields ${at.map((i) => i + 1).join(', ')}): rename all but one.`,
      });
      return undefined;
    }
    const otherCase = names.find((n) => n.toLowerCase() === column.toLowerCase());
    columnProblems.push({
      mapping: mappingName,
      key,
      message:
        `The header (line ${header.line}) has no column "${column}"` +
        (otherCase !== undefined
          ? `; did you mean "${otherCase}"? (column names are case-sensitive)`
          : `; its columns are ${names.map((n) => `"${n}"`).join(', ')}.`),
    });
    return undefined;
  };

  const cellColumns: [SourceCellKey, number][] = [];
  for (const [key, column] of Object.entries(mapping.columns) as [SourceCellKey, string | undefined][]) {
    if (column === undefined) continue;
    const index = indexOf('columns', key, column);
    if (index !== undefined) cellColumns.push([key, index]);
  }
  const parameterColumns: [string, number][] = [];
  for (const [key, column] of Object.entries(mapping.parameters ?? {})) {
    if (column === undefined) continue;
    const index = indexOf('parameters', key, column);
    if (index !== undefined) parameterColumns.push([key, index]);
  }
  // A missing column would make every row look incomplete: the mapping is fixed first.
  if (columnProblems.length > 0) return { rows: [], rowProblems: parsed.problems, columnProblems };

  const rows: SourceRow[] = [];
  const rowProblems: DelimitedProblem[] = [...parsed.problems];
  for (const record of records) {
    const cells = record.fields.map((f) => f.trim());
    // Spreadsheets write rows of empty cells below the data: they are no sources.
    if (cells.every((c) => c === '')) continue;
    if (cells.length !== names.length) {
      rowProblems.push({
        line: record.line,
        message: `the row has ${cells.length} field${cells.length === 1 ? '' : 's'}, but the header (line ${header.line}) has ${names.length} columns`,
      });
      continue;
    }
    const pick = <K extends string>(columns: readonly [K, number][]): Partial<Record<K, string>> => {
      const out: Partial<Record<K, string>> = {};
      for (const [key, index] of columns) if (cells[index] !== '') out[key] = cells[index];
      return out;
    };
    rows.push({ line: record.line, cells: pick(cellColumns), parameters: pick(parameterColumns) as Record<string, string> });
  }
  rowProblems.sort((a, b) => a.line - b.line);
  return { rows, rowProblems, columnProblems };
}
