// Front end of the Swift TOO results panel: a history of results, the chosen result's timeline
// (UTC or Swift time) and table, and copy/save buttons. State is kept with setState so the panel
// comes back as it was after a reload.
import './common/resultsTable.css';
import './queryResults/styles.css';
import type { ExportFormat, HostToView, QueryResultView, ResultsState, ViewToHost } from '../../src/shared/queryResultModel';
import type { TimeBase } from '../../src/shared/swiftTime';
import { timelineInBase } from '../../src/shared/timelineLayout';
import { el } from './common/dom';
import { hostChannel } from './common/vscodeApi';
import { resultTable } from './queryResults/table';
import { timelineSvg } from './queryResults/timelineSvg';

const host = hostChannel<ViewToHost, HostToView, ResultsState>(['state']);
const send = host.post;
const app = document.getElementById('app') as HTMLElement;
let state: ResultsState = host.savedState() ?? { results: [], timeBase: 'utc' };

function setState(next: ResultsState): void {
  state = next;
  host.saveState(state);
  render();
}

function active(): QueryResultView | undefined {
  return state.results.find((r) => r.id === state.activeId) ?? state.results[0];
}

function historyList(current: QueryResultView | undefined): HTMLElement {
  const items = state.results.map((r) => {
    const select = el(
      'button',
      { type: 'button', class: 'history-item', 'aria-current': r.id === current?.id ? 'true' : undefined, title: r.summary },
      [el('span', { class: 'history-title' }, [r.title]), el('span', { class: 'history-summary' }, [r.summary])],
    );
    select.addEventListener('click', () => {
      send({ type: 'select', id: r.id });
      setState({ ...state, activeId: r.id });
    });
    const close = el('button', { type: 'button', class: 'icon', 'aria-label': `Remove ${r.title} from the list`, title: 'Remove' }, ['×']);
    close.addEventListener('click', () => send({ type: 'close', id: r.id }));
    return el('li', {}, [select, close]);
  });
  return el('nav', { class: 'history', 'aria-label': 'Query history' }, [el('h2', {}, ['History']), el('ul', {}, items)]);
}

function exportButtons(result: QueryResultView): HTMLElement {
  const buttons: HTMLButtonElement[] = [];
  for (const action of ['copy', 'save'] as const) {
    for (const format of ['csv', 'json'] as ExportFormat[]) {
      const b = el('button', { type: 'button' }, [`${action === 'copy' ? 'Copy' : 'Save'} ${format.toUpperCase()}`]);
      b.addEventListener('click', () => send({ type: 'export', id: result.id, format, action }));
      buttons.push(b);
    }
  }
  return el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' }, buttons);
}

function baseToggle(result: QueryResultView): HTMLElement | undefined {
  const convertible = result.anchors.length > 0 && (result.timeline?.base !== 'unknown' || result.table.columns.some((c) => c.time));
  if (!convertible) return undefined;
  const option = (base: TimeBase, label: string) => {
    const input = el('input', { type: 'radio', name: 'timebase', value: base, checked: state.timeBase === base });
    input.addEventListener('change', () => {
      send({ type: 'timeBase', base });
      setState({ ...state, timeBase: base });
    });
    return el('label', {}, [input, label]);
  };
  return el('fieldset', { class: 'timebase' }, [el('legend', {}, ['Times in']), option('utc', 'UTC'), option('swift', 'Swift time')]);
}

function timelineBlock(result: QueryResultView): HTMLElement | undefined {
  const model = result.timeline;
  if (!model || model.lanes.length === 0) return undefined;
  const wanted: TimeBase | 'unknown' = model.base === 'unknown' ? 'unknown' : result.anchors.length > 0 ? state.timeBase : model.base;
  const shown = wanted === 'unknown' ? model : (timelineInBase(model, wanted, result.anchors) ?? model);
  const label = shown.base === 'unknown' ? 'time base not documented' : shown.base === 'swift' ? 'Swift time' : 'UTC';
  // The history column sits beside the result only on wide panels (see the CSS breakpoint).
  const width = Math.max(320, Math.min(1400, app.clientWidth - (app.clientWidth < 700 ? 8 : 232)));
  return el('figure', { class: 'timeline-block' }, [timelineSvg(shown, width, label)]);
}

function resultBlock(result: QueryResultView): HTMLElement {
  return el('main', { class: 'result', 'aria-label': result.title }, [
    el('header', {}, [
      el('h1', {}, [result.title]),
      el('p', { class: 'summary' }, [result.summary]),
      el('p', { class: 'meta' }, [`${result.table.rows.length} row(s) · asked ${result.createdAt.slice(0, 19).replace('T', ' ')} UTC`]),
    ]),
    ...result.warnings.map((w) => el('p', { class: 'warning', role: 'note' }, [`Service warning: ${w}`])),
    el('div', { class: 'controls' }, [baseToggle(result), exportButtons(result)]),
    timelineBlock(result),
    result.table.rows.length === 0
      ? el('p', { class: 'empty' }, ['The service returned no rows for this query.'])
      : resultTable(result, state.timeBase, {
          openUrl: (url) => send({ type: 'openUrl', url }),
          download: (url, fileName) => send({ type: 'download', url, fileName }),
        }),
    el(
      'ul',
      { class: 'notes' },
      result.notes.map((n) => el('li', {}, [n])),
    ),
  ]);
}

let lastReported = '';

function render(): void {
  try {
    draw();
  } catch (error) {
    const text = `The results view could not show this result: ${error instanceof Error ? error.message : String(error)}`;
    send({ type: 'error', message: text });
    app.replaceChildren(el('p', { class: 'warning', role: 'alert' }, [text]));
  }
}

function draw(): void {
  const current = active();
  app.replaceChildren();
  if (!current) {
    app.append(
      el('p', { class: 'empty' }, ['Run a Swift TOO query from the Command Palette (category “Swift TOO”) to see its results here.']),
    );
    return;
  }
  app.append(el('div', { class: 'layout' }, [historyList(current), resultBlock(current)]));
  // Reported once per result shown, so the extension (and its tests) know what was drawn.
  if (lastReported !== current.id) {
    lastReported = current.id;
    send({ type: 'rendered', summary: { id: current.id, kind: current.kind, rows: current.table.rows.length } });
  }
}

host.onMessage((message) => setState(message.state));

let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(render, 150);
});

render();
send({ type: 'ready' });
