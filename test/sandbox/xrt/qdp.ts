// QDP text files as the light-curve product ships them: READ SERR/TERR lines, `!` comments,
// and `NO NO …` rows separating sections (the exact server layout is unknown,
// test/fixtures/protocol/xrt-products.md §13.3).
import type { Cell } from './lightCurve';

export interface QdpSection {
  readonly comment: string;
  readonly columns: readonly string[];
  readonly data: readonly Cell[][];
}

export interface QdpErrors {
  /** Columns (1-based) followed by a +/- error pair. */
  readonly terr: readonly number[];
  /** Columns (1-based) followed by one symmetric error. */
  readonly serr: readonly number[];
}

export function qdpText(title: string, errors: QdpErrors, sections: readonly QdpSection[]): string {
  const lines: string[] = [];
  if (errors.terr.length > 0) lines.push(`READ TERR ${errors.terr.join(' ')}`);
  if (errors.serr.length > 0) lines.push(`READ SERR ${errors.serr.join(' ')}`);
  lines.push(`! ${title}`);
  sections.forEach((section, i) => {
    if (i > 0) lines.push(Array(section.columns.length).fill('NO').join(' '));
    lines.push(`! ${section.comment}`);
    lines.push(`! ${section.columns.join('\t')}`);
    for (const row of section.data) lines.push(row.map(String).join('\t'));
  });
  return `${lines.join('\n')}\n`;
}

/** Reads back the numeric sections of a QDP file (used by tests and handy for debugging). */
export function parseQdp(text: string): Array<Array<Array<number | string>>> {
  const sections: Array<Array<Array<number | string>>> = [[]];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('!') || /^READ\s/i.test(line)) continue;
    const cells = line.split(/\s+/);
    if (cells.every((c) => c === 'NO')) {
      sections.push([]);
      continue;
    }
    sections[sections.length - 1].push(cells.map((c) => (Number.isNaN(Number(c)) ? c : Number(c))));
  }
  return sections;
}
