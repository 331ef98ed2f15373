// Positions section: standard, enhanced and astrometric positions in decimal and sexagesimal form,
// their origin, the astrometric correction, and "Copy as GCN text".
import type { PositionResult, PositionsSection, ViewerJob } from '../../../src/shared/viewModel';
import type { ViewerRequest } from '../../../src/shared/viewerProtocol';
import { gcnPositionText } from '../lib/gcnText';
import { formatNumber } from '../lib/numberFormat';
import { formatDec, formatRa } from '../lib/sexagesimal';
import { button, el } from '../common/dom';
import { productFigure } from './figure';
import type { ResourceLookup } from './resources';

const KIND_NAMES = { standard: 'Standard', enhanced: 'Enhanced', astrometric: 'Astrometric' } as const;

function origin(p: PositionResult): string {
  if (p.fromSXPS) return `${p.catalogue?.trim() || 'SXPS'} catalogue${p.sxpsSourceId ? ` (source ${p.sxpsSourceId})` : ''}`;
  return 'New fit';
}

function positionRow(p: PositionResult, job: ViewerJob, post: (m: ViewerRequest) => void): HTMLTableRowElement {
  const name = el('th', { scope: 'row' }, KIND_NAMES[p.kind]);
  if (!p.found || p.ra === undefined || p.dec === undefined) {
    return el('tr', null, name, el('td', { class: 'message', colspan: '7' }, p.reason?.trim() || 'No position could be determined.'));
  }
  const { ra, dec } = p;
  const gcn = button(
    'Copy GCN text',
    () => post({ type: 'copy', text: gcnPositionText(p, job), what: `${KIND_NAMES[p.kind].toLowerCase()} position GCN text` }),
    {
      title: 'Copy a paragraph in the usual GCN circular wording',
      disabled: p.err90 === undefined,
    },
  );
  const coords = button('Copy RA, Dec', () => post({ type: 'copy', text: `${ra.toFixed(5)}, ${dec.toFixed(5)}`, what: 'coordinates' }));
  return el(
    'tr',
    null,
    name,
    el('td', { class: 'num' }, ra.toFixed(5)),
    el('td', { class: 'num' }, dec.toFixed(5)),
    el('td', { class: 'num' }, formatRa(ra, 'letters', 2)),
    el('td', { class: 'num' }, formatDec(dec, 'letters', 1)),
    el('td', { class: 'num' }, p.err90 !== undefined ? `${p.err90.toFixed(1)}″` : '—'),
    el('td', null, origin(p)),
    el('td', { class: 'actions' }, gcn, ' ', coords),
  );
}

function correctionBlock(p: PositionResult): HTMLElement | undefined {
  const c = p.correction;
  if (!c) return undefined;
  const item = (term: string, value: string): HTMLElement[] => [el('dt', null, term), el('dd', null, value)];
  return el(
    'div',
    { class: 'correction' },
    el('h3', null, 'Astrometric correction applied to the XRT frame'),
    el(
      'dl',
      null,
      ...item('RA shift', `${formatNumber(c.raShiftArcsec)}″`),
      ...item('Dec shift', `${formatNumber(c.decShiftArcsec)}″`),
      ...item('Roll correction', `${formatNumber(c.rollArcmin)}′`),
      ...item('Uncertainty (90 %)', `${formatNumber(c.err90Arcsec)}″`),
    ),
  );
}

export function positionsView(
  section: PositionsSection,
  job: ViewerJob,
  lookup: ResourceLookup,
  post: (m: ViewerRequest) => void,
): HTMLElement {
  const results = [section.standard, section.enhanced, section.astrometric].filter((p): p is PositionResult => p !== undefined);
  const headers = ['Position', 'RA (°)', 'Dec (°)', 'RA (J2000)', 'Dec (J2000)', 'Error (90 %)', 'Origin', 'Copy'];
  const table = el(
    'table',
    { class: 'data' },
    el('thead', null, el('tr', null, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', null, ...results.map((p) => positionRow(p, job, post))),
  );
  const root = el('div', { class: 'positions' }, table);
  for (const p of results) {
    const block = correctionBlock(p);
    if (block) root.append(block);
  }
  const figures = el('div', { class: 'figures' });
  for (const p of results) {
    for (const path of p.imagePaths ?? [])
      figures.append(productFigure(`${KIND_NAMES[p.kind]} position: ${path.split(/[\\/]/).pop() ?? path}`, path, lookup, post));
  }
  if (figures.childElementCount) root.append(figures);
  return root;
}
