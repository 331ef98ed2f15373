// CSV of the light-curve data the user is looking at: the shown datasets, rows within the visible
// time window, wire values unchanged (the axis transform is for display only).
import type { LightCurveDataset } from '../../../src/shared/viewModel';
import { toCsv, type CsvCell } from '../../../src/shared/csv';

const LEADING_COLUMNS = ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RatePos', 'RateNeg', 'RateErr', 'HR', 'HRErr'];

/**
 * `keepRow(dataset, row)` selects rows (e.g. by the visible time range); all rows when omitted. `leading`:
 * the columns to put first instead of the wire's (a light curve in flux units puts its flux columns there).
 */
export function lightCurveCsv(
  datasets: readonly LightCurveDataset[],
  keepRow?: (dataset: LightCurveDataset, row: number) => boolean,
  leading: readonly string[] = LEADING_COLUMNS,
): string {
  const present = new Set<string>();
  for (const d of datasets) for (const [name, values] of Object.entries(d.columns)) if (values) present.add(name);
  const extras = [...present].filter((c) => !leading.includes(c)).sort();
  const columns = [...leading.filter((c) => present.has(c)), ...extras];
  const withObsId = datasets.some((d) => d.obsIds);
  const header = ['Dataset', 'Mode', 'Kind', 'IncBad', 'NoSys', ...columns, ...(withObsId ? ['ObsID'] : [])];

  function* rows(): Generator<CsvCell[]> {
    for (const d of datasets) {
      for (let i = 0; i < d.columns.Time.length; i++) {
        if (keepRow && !keepRow(d, i)) continue;
        const cells: CsvCell[] = [d.name, d.mode, d.kind, d.incbad, d.nosys];
        // JSON carries the wire's "inf"/"nan" as null; an empty cell says "no value" just as well.
        for (const c of columns) cells.push(d.columns[c]?.[i] ?? null);
        if (withObsId) cells.push(d.obsIds?.[i] ?? null);
        yield cells;
      }
    }
  }
  return toCsv(header, rows());
}
