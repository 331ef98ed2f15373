// Source-detection section: one table per band, sortable by any column with mouse or keyboard.
import type { SourceDetectionBand, SourceDetectionSection } from '../../../src/shared/viewModel';
import { SOURCE_COLUMN_TITLES, formatSourceCell, sourceCellTitle } from '../lib/sourceListFormat';
import { sortRowIndices, type SortDirection } from '../lib/tableSort';
import { el } from '../common/dom';

function sortableTable(band: SourceDetectionBand): HTMLTableElement {
  let sortColumn = -1;
  let direction: SortDirection = 'ascending';
  const body = el('tbody');
  const headerCells: HTMLTableCellElement[] = [];

  const render = (): void => {
    const order = sortColumn >= 0 ? sortRowIndices(band.rows, sortColumn, direction) : band.rows.map((_, i) => i);
    body.replaceChildren(
      ...order.map((i) =>
        el(
          'tr',
          null,
          ...band.columns.map((key, c) => {
            const cell = band.rows[i]?.[c] ?? '';
            return el('td', { class: 'num', title: sourceCellTitle(key, cell) || undefined }, formatSourceCell(key, cell));
          }),
        ),
      ),
    );
    headerCells.forEach((th, c) => th.setAttribute('aria-sort', c === sortColumn ? direction : 'none'));
  };

  band.columns.forEach((key, c) => {
    const label = SOURCE_COLUMN_TITLES[key] ?? key;
    // A button inside the header gives keyboard focus and Enter/Space for free.
    const sortButton = el('button', { class: 'sort', type: 'button', title: `Sort by ${label}` }, label);
    sortButton.addEventListener('click', () => {
      direction = sortColumn === c && direction === 'ascending' ? 'descending' : 'ascending';
      sortColumn = c;
      render();
    });
    headerCells.push(el('th', { scope: 'col', 'aria-sort': 'none' }, sortButton));
  });
  render();
  return el(
    'table',
    { class: 'data sortable' },
    el('caption', null, `${band.band} band: ${band.rows.length} source${band.rows.length === 1 ? '' : 's'}`),
    el('thead', null, el('tr', null, ...headerCells)),
    body,
  );
}

export function sourceDetectionView(section: SourceDetectionSection): HTMLElement {
  const root = el('div', { class: 'source-detection' });
  if (section.bands.length === 0) root.append(el('p', { class: 'message' }, 'No source-detection results.'));
  for (const band of section.bands) {
    root.append(band.rows.length ? sortableTable(band) : el('p', { class: 'message' }, `${band.band} band: no sources detected.`));
  }
  return root;
}
