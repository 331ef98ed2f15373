// The result table. Time columns follow the UTC / Swift-time choice; link columns get Open and
// Download buttons instead of bare URLs.
import type { Cell, QueryResultView, ResultColumn } from '../../../src/shared/queryResultModel';
import { convertTime, formatServiceTime, parseServiceTime, type TimeBase } from '../../../src/shared/swiftTime';
import { el } from '../common/dom';

interface TableActions {
  openUrl(url: string): void;
  download(url: string, filename: string): void;
}

const MAX_ROWS_DRAWN = 2000;

function cellText(value: Cell | undefined, column: ResultColumn, base: TimeBase, result: QueryResultView): string {
  if (value === null || value === undefined) return '';
  if (column.time && typeof value === 'string') {
    // Shown in one style (space, no T) whichever base, so converted and unconverted columns match.
    const ms = parseServiceTime(value);
    const converted = ms === undefined ? undefined : convertTime(ms, column.time, base, result.anchors);
    if (converted !== undefined) return formatServiceTime(converted);
  }
  return String(value);
}

function headerText(column: ResultColumn, base: TimeBase, canConvert: boolean): string {
  if (!column.time || !canConvert) return column.label;
  return `${column.key} (${base === 'swift' ? 'Swift time' : 'UTC'})`;
}

export function resultTable(result: QueryResultView, base: TimeBase, actions: TableActions): HTMLElement {
  const canConvert = result.anchors.length > 0;
  const shownBase = (column: ResultColumn): TimeBase => (canConvert ? base : (column.time ?? base));
  const columns = result.table.columns;
  const rows = result.table.rows.slice(0, MAX_ROWS_DRAWN);
  const table = el('table', { class: 'results' }, [
    el('caption', { class: 'visually-hidden' }, [`${result.title}: ${result.table.rows.length} row(s)`]),
    el('thead', {}, [
      el(
        'tr',
        {},
        columns.map((c) => el('th', { scope: 'col' }, [headerText(c, base, canConvert)])),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el(
          'tr',
          {},
          columns.map((c) => {
            const value = row[c.key];
            if (c.link && typeof value === 'string' && value !== '') {
              const filename = typeof row.filename === 'string' ? row.filename : (value.split('/').pop() ?? 'download');
              return el(
                'td',
                { class: 'actions' },
                [
                  el('button', { type: 'button', class: 'link', title: value, 'data-action': 'open' }, ['Open']),
                  el('button', { type: 'button', class: 'link', title: `Download ${filename}`, 'data-action': 'download' }, ['Download']),
                ].map((button) => {
                  button.addEventListener('click', () =>
                    button.dataset.action === 'open' ? actions.openUrl(value) : actions.download(value, filename),
                  );
                  return button;
                }),
              );
            }
            return el('td', { class: typeof value === 'number' ? 'num' : undefined }, [
              cellText(value, { ...c, ...(c.time ? { time: c.time } : {}) }, shownBase(c), result),
            ]);
          }),
        ),
      ),
    ),
  ]);
  const wrapper = el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': `${result.title} table` }, [table]);
  if (result.table.rows.length > MAX_ROWS_DRAWN)
    wrapper.append(
      el('p', { class: 'note' }, [`Showing the first ${MAX_ROWS_DRAWN} of ${result.table.rows.length} rows; export for all of them.`]),
    );
  return wrapper;
}
