// Sorting of table cells that arrive as strings (source detection values are all JSON strings):
// numbers compare as numbers, numbers come before text, text compares naturally.

export type SortDirection = 'ascending' | 'descending';

function asNumber(cell: string): number | undefined {
  const trimmed = cell.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Ascending order of two cells; empty cells sort last. */
function compareCells(a: string, b: string): number {
  const aEmpty = a.trim() === '';
  const bEmpty = b.trim() === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb ? 0 : na < nb ? -1 : 1;
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  return collator.compare(a, b);
}

/**
 * Row indices in the requested order by one column; ties keep the original order (stable), and
 * empty cells stay last in both directions so a descending sort still shows values first.
 */
export function sortRowIndices(rows: readonly (readonly string[])[], column: number, direction: SortDirection): number[] {
  const indices = rows.map((_, i) => i);
  const sign = direction === 'ascending' ? 1 : -1;
  indices.sort((i, j) => {
    const a = rows[i]?.[column] ?? '';
    const b = rows[j]?.[column] ?? '';
    const aEmpty = a.trim() === '';
    const bEmpty = b.trim() === '';
    if (aEmpty || bEmpty) return aEmpty === bEmpty ? i - j : aEmpty ? 1 : -1;
    return sign * compareCells(a, b) || i - j;
  });
  return indices;
}
