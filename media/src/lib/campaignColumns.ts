// The columns the campaign results table shows: a value and its `…Pos` / `…Neg` error columns become one
// column ("1.9 +0.2 −0.1", as the product viewer writes them), so a row reads like a paper's table and the
// page lays out a third fewer cells. The exports keep every column apart (src/products/campaign/resultsExport.ts).
import type { CampaignResultColumn } from '../../../src/shared/campaignResultsModel';

export interface DisplayColumn {
  readonly column: CampaignResultColumn;
  /** Keys of the error columns folded into this one. */
  readonly pos?: string;
  readonly neg?: string;
  readonly label: string;
}

/** What the error columns' labels say the errors are (`90 %`, `1σ`), from their last parenthesis. */
function errorKind(label: string): string | undefined {
  return /\(([^()]*)\)\s*$/.exec(label)?.[1];
}

export function displayColumns(columns: readonly CampaignResultColumn[]): DisplayColumn[] {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const folded = new Set<string>();
  for (const c of columns) {
    if (c.kind === 'number' && byKey.get(`${c.key}Pos`)?.kind === 'number' && byKey.get(`${c.key}Neg`)?.kind === 'number') {
      folded.add(`${c.key}Pos`);
      folded.add(`${c.key}Neg`);
    }
  }
  return columns
    .filter((c) => !folded.has(c.key))
    .map((column) => {
      const pos = byKey.get(`${column.key}Pos`);
      if (!pos || !folded.has(pos.key)) return { column, label: column.label };
      const kind = errorKind(pos.label);
      return { column, pos: pos.key, neg: `${column.key}Neg`, label: kind ? `${column.label} ± ${kind}` : column.label };
    });
}
