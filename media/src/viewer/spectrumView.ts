// Spectrum section: one fit table per interval (a row per mode × model) and the fit plots.
import type { SpectralFit, SpectrumInterval, SpectrumModeResult, SpectrumSection } from '../../../src/shared/viewModel';
import type { ViewerRequest } from '../../../src/shared/viewerProtocol';
import { formatNumber, formatWithErrors } from '../lib/numberFormat';
import { button, el } from '../common/dom';
import { productFigure } from './figure';
import type { ResourceLookup } from './resources';

interface Column {
  readonly header: string;
  readonly title?: string;
  readonly cell: (fit: SpectralFit | undefined, mode: SpectrumModeResult) => string;
}

function cstatText(fit: SpectralFit | undefined): string {
  if (fit?.cstat === undefined) return '—';
  return fit.dof !== undefined ? `${formatNumber(fit.cstat, 6)} / ${fit.dof}` : formatNumber(fit.cstat, 6);
}

function columnsFor(interval: SpectrumInterval): Column[] {
  const fits = interval.modes.flatMap((m) => m.fits);
  const has = (pick: (f: SpectralFit) => unknown): boolean => fits.some((f) => pick(f) !== undefined);
  const columns: Column[] = [
    { header: 'NH (cm⁻²)', title: 'Fitted absorbing column with its 90 % errors', cell: (f) => formatWithErrors(f?.nh, 4) },
  ];
  if (has((f) => f.gamma)) columns.push({ header: 'Photon index Γ', cell: (f) => formatWithErrors(f?.gamma, 4) });
  if (has((f) => f.kT)) columns.push({ header: 'kT (keV)', cell: (f) => formatWithErrors(f?.kT, 4) });
  columns.push(
    { header: 'Observed flux', title: 'erg cm⁻² s⁻¹', cell: (f) => formatWithErrors(f?.obsFlux, 4) },
    { header: 'Unabsorbed flux', title: 'erg cm⁻² s⁻¹', cell: (f) => formatWithErrors(f?.unabsFlux, 4) },
    { header: 'C-stat / dof', cell: (f) => cstatText(f) },
  );
  if (has((f) => f.redshift))
    columns.push({
      header: 'Redshift',
      title: 'Redshift of the absorber',
      cell: (f) => (f?.redshift !== undefined ? formatNumber(f.redshift) : '—'),
    });
  columns.push(
    { header: 'Exposure (s)', cell: (_f, m) => (m.exposure !== undefined ? formatNumber(m.exposure, 6) : '—') },
    { header: 'Mean time (s since T0)', cell: (_f, m) => (m.meanTime !== undefined ? formatNumber(m.meanTime, 7) : '—') },
  );
  return columns;
}

function fitTable(interval: SpectrumInterval): HTMLTableElement {
  const columns = columnsFor(interval);
  const head = el(
    'tr',
    null,
    el('th', { scope: 'col' }, 'Mode'),
    el('th', { scope: 'col' }, 'Model'),
    ...columns.map((c) => el('th', { scope: 'col', title: c.title || undefined }, c.header)),
  );
  const body = el('tbody');
  for (const mode of interval.modes) {
    if (mode.noFit || mode.fits.length === 0) {
      const message = mode.noFit ? 'Not fitted (fitting was not requested)' : 'No fit results';
      body.append(
        el(
          'tr',
          null,
          el('th', { scope: 'row' }, mode.mode),
          el('td', { class: 'message', colspan: String(columns.length - 1) }, message),
          ...columns.slice(-2).map((c) => el('td', { class: 'num' }, c.cell(undefined, mode))),
        ),
      );
      continue;
    }
    for (const fit of mode.fits) {
      const label = el('td', null, fit.model);
      if (fit.fitFailed) {
        body.append(
          el(
            'tr',
            null,
            el('th', { scope: 'row' }, mode.mode),
            label,
            el('td', { class: 'message', colspan: String(columns.length - 2) }, 'The fit failed'),
            ...columns.slice(-2).map((c) => el('td', { class: 'num' }, c.cell(undefined, mode))),
          ),
        );
        continue;
      }
      body.append(
        el('tr', null, el('th', { scope: 'row' }, mode.mode), label, ...columns.map((c) => el('td', { class: 'num' }, c.cell(fit, mode)))),
      );
    }
  }
  return el('table', { class: 'data' }, el('thead', null, head), body);
}

function intervalTitle(interval: SpectrumInterval): string {
  const range =
    interval.start !== undefined && interval.stop !== undefined
      ? ` — ${formatNumber(interval.start, 7)} to ${formatNumber(interval.stop, 7)} s since T0`
      : '';
  return `${interval.name}${range}`;
}

export function spectrumView(section: SpectrumSection, lookup: ResourceLookup, post: (m: ViewerRequest) => void): HTMLElement {
  const root = el('div', { class: 'spectrum' });
  if (section.noSpectrum) {
    root.append(el('p', { class: 'message' }, 'No spectrum: the service could not make a spectrum from this job’s data.'));
    return root;
  }
  const facts: string[] = [];
  if (section.galNHUnfitted !== undefined) facts.push(`Galactic NH (not fitted): ${formatNumber(section.galNHUnfitted, 4)} cm⁻²`);
  if (section.deltaFitStat !== undefined)
    facts.push(`errors at Δ fit statistic ${formatNumber(section.deltaFitStat)} (90 % for one parameter when 2.706)`);
  if (facts.length) root.append(el('p', { class: 'facts' }, facts.join('; ')));
  if (section.intervals.length === 0) root.append(el('p', { class: 'message' }, 'The spectrum reply lists no time intervals.'));
  for (const interval of section.intervals) {
    const block = el('section', { class: 'interval', 'aria-label': `Interval ${interval.name}` }, el('h3', null, intervalTitle(interval)));
    if (interval.noSpectrum) {
      block.append(el('p', { class: 'message' }, 'No spectrum could be made for this interval.'));
    } else {
      block.append(fitTable(interval));
      const figures = el('div', { class: 'figures' });
      for (const mode of interval.modes) {
        for (const fit of mode.fits) {
          if (fit.plotPath === undefined && fit.plotUrl === undefined) continue;
          figures.append(
            productFigure(`${mode.mode} — ${fit.model} fit`, fit.plotPath, lookup, post, fit.plotUrl ? { url: fit.plotUrl } : {}),
          );
        }
      }
      if (figures.childElementCount) block.append(figures);
    }
    if (interval.dataFilePath) {
      const path = interval.dataFilePath;
      block.append(
        el(
          'p',
          null,
          button('Open spectral files', () => post({ type: 'openFile', path }), { class: 'link' }),
        ),
      );
    }
    root.append(block);
  }
  return root;
}
