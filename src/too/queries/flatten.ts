// Turns service records (nested objects, lists) into flat table rows (src/shared/csv.ts writes them as CSV).
import type { Cell, ResultColumn, ResultTable } from '../../shared/queryResultModel';

/**
 * One flat row: nested objects become `parent.child` keys, lists of plain values are joined with
 * "; ", lists of objects are kept as JSON text (a table cell cannot hold a list of records).
 */
function flattenRecord(record: Readonly<Record<string, unknown>>, prefix = ''): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === undefined) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') row[name] = value;
    else if (Array.isArray(value))
      row[name] = value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
        ? value.map((v) => String(v)).join('; ')
        : JSON.stringify(value);
    else if (typeof value === 'object') Object.assign(row, flattenRecord(value as Record<string, unknown>, name));
    // Not JSON data (a parsed reply never holds these), but written as text rather than lost; functions are not data.
    else if (typeof value === 'bigint' || typeof value === 'symbol') row[name] = value.toString();
  }
  return row;
}

export interface ColumnHint {
  readonly label?: string;
  readonly time?: ResultColumn['time'];
  readonly link?: boolean;
}

/**
 * A table of flattened records: the `preferred` columns first (when any row has them), then every
 * other key in the order first seen, minus `omit` (and anything below them).
 */
export function tableOf(
  records: readonly Readonly<Record<string, unknown>>[],
  preferred: readonly string[],
  hints: Readonly<Record<string, ColumnHint>> = {},
  omit: readonly string[] = ['status'],
): ResultTable {
  const rows = records.map((r) => flattenRecord(r));
  const seen: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.includes(key)) seen.push(key);
  const isOmitted = (key: string) => omit.some((o) => key === o || key.startsWith(`${o}.`));
  const keys = [...preferred.filter((k) => seen.includes(k)), ...seen.filter((k) => !preferred.includes(k))].filter((k) => !isOmitted(k));
  const columns = keys.map((key) => ({
    key,
    label: hints[key]?.label ?? key,
    ...(hints[key]?.time ? { time: hints[key].time } : {}),
    ...(hints[key]?.link ? { link: true } : {}),
  }));
  return { columns, rows: rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k] ?? null]))) };
}
