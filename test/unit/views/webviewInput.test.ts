// The checks the webview host base applies to what a page sends (src/views/webviewInput.ts): the
// message guard, the web-link rule and the proposed file names.
import * as assert from 'node:assert/strict';
import type { ViewerRequest } from '../../../src/shared/viewerProtocol';
import type { ResultsRequest } from '../../../src/shared/queryResultModel';
import { isWebUrl, messageGuard, preview, safeFileName, type CheckedMessage, type MessageSpec } from '../../../src/views/webviewInput';

const VIEWER: MessageSpec<ViewerRequest> = {
  exportCsv: { fileName: 'string', text: 'string' },
  savePng: { fileName: 'string', dataUrl: 'string' },
  copy: { text: 'string', what: 'string?' },
  openFile: { path: 'string' },
  openUrl: { url: 'string' },
  fit: { requestId: 'number', choice: 'object' },
  cancelFit: { requestId: 'number' },
  rebinLightCurve: {},
};

const RESULTS: MessageSpec<ResultsRequest> = {
  select: { id: 'string' },
  close: { id: 'string' },
  timeBase: { base: ['utc', 'swift'] },
  export: { id: 'string', format: ['json', 'csv'], action: ['copy', 'save'] },
  openUrl: { url: 'string' },
  download: { url: 'string', fileName: 'string' },
};

const problemOf = <M>(checked: CheckedMessage<M>): string | undefined => (checked.ok ? undefined : checked.problem);

describe('webview host: message guard', () => {
  const viewer = messageGuard(VIEWER);
  const results = messageGuard(RESULTS);

  it('passes the messages of the protocol through unchanged', () => {
    const message = { type: 'exportCsv', fileName: 'lc.csv', text: 'a,b\r\n' };
    assert.deepEqual(viewer(message), { ok: true, message });
    assert.equal(viewer({ type: 'copy', text: 'x' }).ok, true, 'an optional field may be missing');
    assert.equal(viewer({ type: 'copy', text: 'x', what: 'coordinates' }).ok, true);
    assert.equal(results({ type: 'export', id: 'r1', format: 'csv', action: 'save' }).ok, true);
    assert.equal(viewer({ type: 'openUrl', url: 'https://x', extra: 1 }).ok, true, 'fields the protocol does not name are ignored');
  });

  it('refuses values that are not messages', () => {
    for (const value of [undefined, null, 'ready', 42, ['exportCsv']]) {
      assert.equal(problemOf(viewer(value)), 'not an object with a type', JSON.stringify(value));
    }
    assert.equal(problemOf(viewer({ kind: 'exportCsv' })), 'unknown message type undefined');
  });

  it('refuses types the page does not send, including the old kebab-case names', () => {
    assert.equal(problemOf(viewer({ type: 'export-csv', fileName: 'a', text: 'b' })), 'unknown message type "export-csv"');
    assert.equal(problemOf(viewer({ type: 'open', url: 'https://x' })), 'unknown message type "open"');
    assert.equal(
      problemOf(results({ type: 'exportCsv', fileName: 'a', text: 'b' })),
      'unknown message type "exportCsv"',
      'each panel knows only its own page',
    );
    assert.equal(problemOf(viewer({ type: 'toString' })), 'unknown message type "toString"', 'inherited names are not types');
    assert.equal(problemOf(viewer({ type: 7 })), 'unknown message type 7');
  });

  it('names the field that is missing or of the wrong kind', () => {
    assert.equal(problemOf(viewer({ type: 'exportCsv', fileName: 'lc.csv' })), 'exportCsv: text is missing');
    assert.equal(problemOf(viewer({ type: 'savePng', fileName: 'p.png', dataUrl: 12 })), 'savePng: dataUrl is not a string');
    assert.equal(problemOf(viewer({ type: 'copy', text: 'x', what: 3 })), 'copy: what is not a string');
    assert.equal(problemOf(results({ type: 'timeBase', base: 'tdb' })), 'timeBase: base is not one of utc, swift');
    assert.equal(problemOf(results({ type: 'export', id: 'r1', format: 'xml', action: 'save' })), 'export: format is not one of json, csv');
  });

  it('checks object and array fields by kind', () => {
    const guard = messageGuard<{ type: 'rendered'; summary: object } | { type: 'list'; items: readonly string[]; note?: object }>({
      rendered: { summary: 'object' },
      list: { items: 'array', note: 'object?' },
    });
    assert.equal(guard({ type: 'rendered', summary: { rows: 1 } }).ok, true);
    assert.equal(problemOf(guard({ type: 'rendered', summary: null })), 'rendered: summary is not an object');
    assert.equal(problemOf(guard({ type: 'rendered', summary: [1] })), 'rendered: summary is not an object');
    assert.equal(guard({ type: 'list', items: [] }).ok, true);
    assert.equal(problemOf(guard({ type: 'list', items: 'a' })), 'list: items is not an array');
    assert.equal(problemOf(guard({ type: 'list', items: [], note: 'n' })), 'list: note is not an object');
  });

  it('previews what it refused briefly for the log', () => {
    assert.equal(preview({ type: 'x' }), '{"type":"x"}');
    assert.equal(preview('y'.repeat(300)).length, 201);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(preview(cyclic), '[object Object]');
    assert.equal(preview(undefined), 'undefined');
  });
});

describe('webview host: links', () => {
  it('opens http and https pages only', () => {
    assert.equal(isWebUrl('https://www.swift.ac.uk/user_objects/tprods/USERPROD_1/'), true);
    assert.equal(isWebUrl('http://example.org/data.tar.gz'), true);
    assert.equal(isWebUrl('HTTPS://EXAMPLE.ORG/'), true);
  });

  it('refuses every other scheme, relative links and non-text', () => {
    for (const link of [
      'file:///etc/passwd',
      'command:workbench.action.terminal.new',
      'vscode://file/x',
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.org/x',
      '//example.org/x',
      '/user_objects/x',
      'example.org',
      '',
      'https:',
    ]) {
      assert.equal(isWebUrl(link), false, link);
    }
    assert.equal(isWebUrl(undefined), false);
    assert.equal(isWebUrl(42), false);
  });
});

describe('webview host: proposed file names', () => {
  it('keeps the base name only', () => {
    assert.equal(safeFileName('../../etc/x.csv', 'f.csv'), 'x.csv');
    assert.equal(safeFileName('C:\\Users\\me\\y.png', 'f.png'), 'y.png');
    assert.equal(safeFileName('xrt-job-1-lightcurve.csv', 'f.csv'), 'xrt-job-1-lightcurve.csv');
  });

  it('replaces characters file systems refuse, drops leading dots and falls back when nothing is left', () => {
    assert.equal(safeFileName('a<b>.png', 'f.png'), 'a_b_.png');
    assert.equal(safeFileName('a:b|c?*"d\u0001', 'f'), 'a_b_c___d_');
    assert.equal(safeFileName('.bashrc', 'download'), 'bashrc');
    assert.equal(safeFileName('..', 'f.csv'), 'f.csv');
    assert.equal(safeFileName('dir/', 'download'), 'download');
    assert.equal(safeFileName('  ', 'download'), 'download');
  });
});
