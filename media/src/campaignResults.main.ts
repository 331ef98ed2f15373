// Front end of the campaign results table: one row per source, sortable by any column (click a header, or
// Enter on it), filtered by text and by progress, changed values marked after a re-run, a row opening its
// source in the product viewer, and CSV/JSON export of the whole table. The order and filter survive a
// reload (setState); the data always comes from the extension.
import './common/resultsTable.css';
import './campaignResults/styles.css';
import type {
  CampaignResultColumn,
  CampaignResultRow,
  CampaignResultsPageState,
  CampaignResultsView,
  HostToView,
  SourceProgress,
  ViewToHost,
} from '../../src/shared/campaignResultsModel';
import { DEFAULT_ORDER, orderedRows, rowValue, type TableOrder } from './lib/campaignTableOrder';
import { displayColumns, type DisplayColumn } from './lib/campaignColumns';
import { formatNumber, formatWithErrors } from './lib/numberFormat';
import { button, el } from './common/dom';
import { hostChannel } from './common/vscodeApi';

const host = hostChannel<ViewToHost, HostToView, CampaignResultsPageState>(['results']);
const app = document.getElementById('app') as HTMLElement;

const saved = host.savedState();
let order: TableOrder = saved
  ? { sortKey: saved.sortKey, descending: saved.descending, filter: saved.filter, ...(saved.progress ? { progress: saved.progress } : {}) }
  : DEFAULT_ORDER;
let view: CampaignResultsView | undefined;
let campaignUri = saved?.campaignUri ?? '';

const PROGRESS_LABELS: Readonly<Record<SourceProgress, string>> = {
  queued: 'queued',
  sending: 'being sent',
  undecided: 'for you to decide',
  refused: 'refused',
  withdrawn: 'withdrawn',
  active: 'active',
  failed: 'failed',
  complete: 'complete',
  downloaded: 'downloaded',
};

/** The fixed columns before the campaign's own. */
const FIXED: readonly CampaignResultColumn[] = [
  { key: 'sourceId', label: 'Source', kind: 'text' },
  { key: 'progress', label: 'Status', kind: 'text' },
  { key: 'jobId', label: 'JobID', kind: 'text' },
];

function keep(): void {
  host.saveState({ campaignUri, ...order });
}

function cellText(row: CampaignResultRow, shown: DisplayColumn): string {
  const { column } = shown;
  const value = rowValue(row, column.key);
  if (value === null) return '';
  if (column.key === 'progress') return PROGRESS_LABELS[value as SourceProgress] ?? String(value);
  if (typeof value !== 'number') return value;
  if (shown.pos !== undefined && shown.neg !== undefined) {
    const pos = row.cells[shown.pos];
    const neg = row.cells[shown.neg];
    return formatWithErrors({ value, ...(typeof pos === 'number' ? { pos } : {}), ...(typeof neg === 'number' ? { neg } : {}) });
  }
  return column.decimals !== undefined && Number.isFinite(value) ? value.toFixed(column.decimals) : formatNumber(value);
}

function headerCell(shown: DisplayColumn): HTMLElement {
  const column = { ...shown.column, label: shown.label };
  const sorted = order.sortKey === column.key;
  const label = button(column.label + (sorted ? (order.descending ? ' ▼' : ' ▲') : ''), () => {
    order = { ...order, sortKey: column.key, descending: sorted ? !order.descending : false };
    keep();
    draw();
    document.querySelector<HTMLButtonElement>(`th[data-key="${CSS.escape(column.key)}"] button`)?.focus();
  });
  label.title = `Sort by ${column.label}`;
  return el(
    'th',
    {
      scope: 'col',
      'data-key': column.key,
      class: column.kind === 'number' ? 'number' : undefined,
      'aria-sort': sorted ? (order.descending ? 'descending' : 'ascending') : 'none',
    },
    label,
  );
}

function bodyRow(row: CampaignResultRow, columns: readonly DisplayColumn[], previousAt: string | undefined): HTMLElement {
  const changed = new Set(row.changed ?? []);
  const cells = columns.map((shown) => {
    const { column } = shown;
    const isChanged = [column.key, shown.pos, shown.neg].some((k) => k !== undefined && changed.has(k));
    return el(
      'td',
      {
        class: [
          column.kind === 'number' ? 'number' : '',
          isChanged ? 'changed' : '',
          column.key === 'progress' ? `progress ${row.progress}` : '',
        ]
          .filter(Boolean)
          .join(' '),
        title: isChanged ? `Changed since the results of ${previousAt ?? 'the previous run'}` : undefined,
      },
      cellText(row, shown),
      isChanged ? el('span', { class: 'visually-hidden' }, ' (changed)') : null,
    );
  });
  const open = button('Open', () => host.post({ type: 'openSource', sourceId: row.sourceId }), {
    class: 'open',
    title: `Open ${row.sourceId} in the product viewer`,
    'aria-label': `Open ${row.sourceId} in the product viewer`,
    disabled: row.jobId === undefined,
  });
  const notes =
    row.notes && row.notes.length > 0
      ? el('span', { class: 'note', title: row.notes.join('\n'), 'aria-label': row.notes.join('. ') }, 'i')
      : null;
  const tr = el('tr', { 'data-source': row.sourceId }, el('td', { class: 'actions' }, open, notes), ...cells);
  tr.addEventListener('dblclick', () => row.jobId !== undefined && host.post({ type: 'openSource', sourceId: row.sourceId }));
  return tr;
}

function toolbar(current: CampaignResultsView, shown: number): HTMLElement {
  const filter = el('input', { type: 'search', value: order.filter, placeholder: 'Filter rows', 'aria-label': 'Filter rows by text' });
  let timer: number | undefined;
  filter.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      order = { ...order, filter: filter.value };
      keep();
      draw();
      const again = document.querySelector<HTMLInputElement>('input[type="search"]');
      again?.focus();
      again?.setSelectionRange(again.value.length, again.value.length);
    }, 120);
  });
  const present = new Set(current.rows.map((r) => r.progress));
  const progress = el(
    'select',
    { 'aria-label': 'Show sources with this status' },
    el('option', { value: '' }, 'Every status'),
    (Object.keys(PROGRESS_LABELS) as SourceProgress[])
      .filter((p) => present.has(p) || p === order.progress)
      .map((p) => el('option', { value: p, selected: p === order.progress }, PROGRESS_LABELS[p])),
  );
  progress.addEventListener('change', () => {
    const value = progress.value as SourceProgress | '';
    const { progress: _old, ...rest } = order;
    order = value === '' ? rest : { ...rest, progress: value };
    keep();
    draw();
  });
  return el(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Table' },
    filter,
    progress,
    el(
      'span',
      { class: 'count', 'aria-live': 'polite' },
      shown === current.rows.length ? `${shown} sources` : `${shown} of ${current.rows.length} sources`,
    ),
    button('Export CSV', () => host.post({ type: 'export', format: 'csv' }), { title: 'Save the whole table as CSV' }),
    button('Export JSON', () => host.post({ type: 'export', format: 'json' }), { title: 'Save the whole table as JSON' }),
  );
}

/**
 * Rows drawn before the first frame: more than a tall panel shows at once. The others follow in chunks
 * after it, so the first screen of a 500-source table is not held back by the layout of rows below it.
 */
const FIRST_ROWS = 40;
const CHUNK_ROWS = 120;
/** Counts draws, so the chunks of an older draw stop when a newer one starts. */
let generation = 0;

function afterNextFrame(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}

function draw(): void {
  if (!view) return;
  const drawn = ++generation;
  const current = view;
  const columns = displayColumns([...FIXED, ...current.columns]);
  const rows = orderedRows(current.rows, current.columns, order);
  const changedRows = current.rows.filter((r) => (r.changed?.length ?? 0) > 0).length;
  const tbody = el(
    'tbody',
    {},
    rows.slice(0, FIRST_ROWS).map((r) => bodyRow(r, columns, current.previousAt)),
  );
  app.replaceChildren(
    el(
      'header',
      {},
      el('h1', {}, `XRT campaign ${current.campaign}`),
      el(
        'p',
        { class: 'meta' },
        `Read ${current.readAt.slice(0, 19).replace('T', ' ')} UTC`,
        current.previousAt
          ? ` · ${changedRows} source${changedRows === 1 ? '' : 's'} changed since the results of ${current.previousAt.slice(0, 19).replace('T', ' ')} UTC`
          : '',
      ),
    ),
    ...(current.problems ?? []).map((problem) => el('p', { class: 'warning', role: 'note' }, problem)),
    toolbar(current, rows.length),
    rows.length === 0
      ? el('p', { class: 'empty' }, current.rows.length === 0 ? 'This campaign has no sources yet.' : 'No source matches the filter.')
      : el(
          'div',
          { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Campaign results' },
          el(
            'table',
            { class: 'results' },
            el('caption', { class: 'visually-hidden' }, `Results of ${current.campaign}: ${rows.length} rows`),
            el(
              'thead',
              {},
              el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')), ...columns.map(headerCell)),
            ),
            tbody,
          ),
        ),
  );
  const done = (): void =>
    host.post({ type: 'rendered', summary: { rows: current.rows.length, shown: rows.length, sortKey: order.sortKey } });
  const appendFrom = (start: number): void => {
    if (drawn !== generation) return;
    if (start >= rows.length) return done();
    tbody.append(...rows.slice(start, start + CHUNK_ROWS).map((r) => bodyRow(r, columns, current.previousAt)));
    afterNextFrame(() => appendFrom(start + CHUNK_ROWS));
  };
  if (rows.length <= FIRST_ROWS) done();
  else afterNextFrame(() => appendFrom(FIRST_ROWS));
}

function render(): void {
  try {
    draw();
  } catch (error) {
    const text = `The campaign results could not be shown: ${error instanceof Error ? error.message : String(error)}`;
    host.post({ type: 'error', message: text });
    app.replaceChildren(el('p', { class: 'warning', role: 'alert' }, text));
  }
}

host.onMessage((message) => {
  campaignUri = message.campaignUri;
  keep();
  if (message.reading) {
    app.replaceChildren(el('p', { class: 'empty' }, `Reading the results of ${message.view.campaign}…`));
    return;
  }
  view = message.view;
  render();
});

host.post({ type: 'ready' });
