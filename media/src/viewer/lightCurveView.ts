// The light-curve section: toolbar, rate panel and hardness-ratio panel (uPlot for axes, scales, zoom
// and cursor; our draw hook for the points), hover read-out, CSV and PNG export.
import uPlot from 'uplot';
import type { LightCurveSection, ViewerJob } from '../../../src/shared/viewModel';
import type { ViewerRequest } from '../../../src/shared/viewerProtocol';
import { extentOf, mergeExtents, paddedRange } from '../lib/axisRange';
import { lightCurveCsv } from '../lib/lightCurveCsv';
import { datasetLabel, datasetsShown, toPlotSeries, variantAvailability, type Panel, type PlotSeries } from '../lib/lightCurveSeries';
import { formatNumber } from '../lib/numberFormat';
import { availableTimeAxes, mapTime, timeMapping, type TimeAxis, type TimeMapping } from '../lib/timeAxis';
import { button, el, toggleButton } from '../common/dom';
import { drawSeries, nearestPoint, type DrawnPoints } from './plotDraw';
import { plotColors, type PlotColors } from './theme';

export interface PlotStats {
  readonly points: number;
  readonly ms: number;
}

export interface LightCurveCallbacks {
  readonly post: (message: ViewerRequest) => void;
  readonly onDrawn: (stats: PlotStats) => void;
}

interface PanelPlot {
  readonly panel: Panel;
  readonly plot: uPlot;
  readonly series: readonly PlotSeries[];
  readonly fullX: [number, number];
  readonly fullY: [number, number];
  drawn: DrawnPoints[];
}

const TIME_AXIS_NAMES: Record<TimeAxis, string> = { sinceT0: 'Time since T0', mjd: 'MJD', raw: 'As given' };
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function powerOfTen(exponent: number): string {
  const digits = String(Math.abs(exponent))
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
  return `10${exponent < 0 ? '⁻' : ''}${digits}`;
}

/** Log axes label decades only (1, 10, 10², …); the other ticks stay as unlabelled grid lines. */
function tickLabels(log: boolean) {
  // uPlot passes null for splits its label filter dropped (dense log decades).
  return (_u: uPlot, splits: (number | null)[]): string[] =>
    splits.map((v) => {
      if (v === null || !Number.isFinite(v)) return '';
      if (!log) return formatNumber(v, 6);
      if (v <= 0) return '';
      const exponent = Math.round(Math.log10(v));
      if (Math.abs(Math.log10(v) - exponent) > 1e-9) return '';
      return exponent >= -2 && exponent <= 3 ? formatNumber(10 ** exponent) : powerOfTen(exponent);
    });
}

/**
 * Value-axis extent over the points the time axis can show, including error-bar ends (a lower end ≤ 0
 * does not widen a log axis: that bar runs to its edge) and room below upper limits for their arrows.
 * A plain loop: this runs over every point on each rebuild, 10^6 of them in the benchmark.
 */
function yExtentOf(series: readonly PlotSeries[], logX: boolean, logY: boolean): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  const take = (v: number): void => {
    if (!Number.isFinite(v) || (logY && v <= 0)) return;
    if (v < min) min = v;
    if (v > max) max = v;
  };
  for (const s of series) {
    const upperLimit = s.kind === 'upper-limits';
    for (let i = 0; i < s.y.length; i++) {
      if (logX && !(s.x[i]! > 0)) continue;
      const y = s.y[i]!;
      take(y + s.yErrHi[i]!);
      take(y - s.yErrLo[i]!);
      take(upperLimit ? (logY ? y / 4 : y * 0.8) : y);
    }
  }
  return min <= max ? [min, max] : undefined;
}

export class LightCurveView {
  readonly element: HTMLElement;
  private readonly plotsHost: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly note: HTMLElement;
  private panels: PanelPlot[] = [];
  private log = true;
  private axis: TimeAxis;
  private incbad: boolean;
  private nosys: boolean;
  private bands = false;
  private mapping!: TimeMapping;
  private colors: PlotColors = plotColors();
  private syncing = false;
  private resizeObserver: ResizeObserver | undefined;
  private drawStats = new Map<Panel, PlotStats>();

  constructor(
    private readonly section: LightCurveSection,
    private readonly job: ViewerJob,
    private readonly callbacks: LightCurveCallbacks,
  ) {
    const axes = availableTimeAxes(section);
    this.axis = axes[0]!;
    const variants = variantAvailability(section);
    this.incbad = variants.incbad.initial;
    this.nosys = variants.nosys.initial;

    const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Light-curve controls' });
    toolbar.append(
      toggleButton('Log–log', this.log, (on) => {
        this.log = on;
        this.rebuild();
      }, { title: 'Logarithmic time and rate axes (off: linear)' }),
    );
    if (axes.length > 1) {
      const select = el('select', { 'aria-label': 'Time axis' });
      for (const a of axes) select.append(el('option', { value: a }, TIME_AXIS_NAMES[a]));
      select.value = this.axis;
      select.addEventListener('change', () => {
        this.axis = select.value as TimeAxis;
        this.rebuild();
      });
      toolbar.append(el('label', { class: 'select' }, 'Time axis ', select));
    }
    toolbar.append(
      toggleButton('incbad', this.incbad, (on) => {
        this.incbad = on;
        this.rebuild();
      }, { disabled: !variants.incbad.choosable, title: 'Curves that include bins whose centroid could not be verified' + (variants.incbad.choosable ? '' : ' (only one variant was returned)') }),
      toggleButton('nosys', this.nosys, (on) => {
        this.nosys = on;
        this.rebuild();
      }, { disabled: !variants.nosys.choosable, title: 'Curves with the WT-mode systematic error removed' + (variants.nosys.choosable ? '' : ' (only one variant was returned)') }),
    );
    if (variants.hasBands) {
      toolbar.append(toggleButton('Hard/soft bands', this.bands, (on) => {
        this.bands = on;
        this.rebuild();
      }, { title: 'Also plot the hard- and soft-band rates' }));
    }
    toolbar.append(
      button('Reset zoom', () => this.resetZoom(), { title: 'Show all data (also: double-click the plot, or 0 on the focused plot)' }),
      button('Export CSV', () => this.exportCsv(), { title: 'Save the shown datasets within the visible time range as CSV' }),
      button('Save PNG', () => this.savePng(), { title: 'Save the plot as a PNG image' }),
    );

    this.legend = el('ul', { class: 'legend', 'aria-label': 'Datasets shown' });
    this.plotsHost = el('div', {
      class: 'plots',
      tabindex: '0',
      role: 'img',
      'aria-label': 'Light curve. Drag to zoom; keys: + and − zoom time, arrows pan, 0 resets.',
    });
    this.plotsHost.addEventListener('keydown', (e) => this.onKey(e));
    this.readout = el('div', { class: 'readout', 'aria-live': 'polite' }, ' ');
    this.note = el('p', { class: 'note' });
    this.element = el('div', { class: 'light-curve' }, toolbar, this.legend, this.plotsHost, this.readout, this.note);
  }

  /** Builds the plots; call once the element is in the document (uPlot measures it). */
  mount(): void {
    this.rebuild();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.plotsHost);
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    for (const p of this.panels) p.plot.destroy();
    this.panels = [];
  }

  /** Theme changed: new colours for axes and points. */
  refreshTheme(): void {
    this.colors = plotColors();
    this.renderLegend(this.currentSeries());
    for (const p of this.panels) p.plot.redraw(false, true);
  }

  private currentSeries(): PlotSeries[] {
    return this.panels.flatMap((p) => p.series);
  }

  private rebuild(): void {
    this.destroy();
    this.plotsHost.replaceChildren();
    this.drawStats.clear();
    this.mapping = timeMapping(this.section, this.axis);
    const logX = this.log && this.mapping.logCapable;
    const shown = datasetsShown(this.section, { incbad: this.incbad, nosys: this.nosys, bands: this.bands });
    const series = shown.map((d) => toPlotSeries(d, this.mapping));
    const rate = series.filter((s) => s.panel === 'rate');
    const hardness = series.filter((s) => s.panel === 'hardness');

    let xExtent: [number, number] | undefined;
    for (const s of series) xExtent = mergeExtents(xExtent, mergeExtents(extentOf(s.xLo, logX), extentOf(s.xHi, logX)));
    const fullX = paddedRange(xExtent, logX);
    this.renderLegend(series);

    if (series.length === 0) {
      this.note.textContent = 'No light-curve data for this choice of variants.';
      this.callbacks.onDrawn({ points: 0, ms: 0 });
      return;
    }
    const notes: string[] = [];
    const hidden = this.countHidden(series, logX, this.log);
    if (hidden > 0) notes.push(`${hidden} point${hidden === 1 ? ' is' : 's are'} not shown: log axes cannot show times at or before T0 or values ≤ 0. Switch off Log–log to see them.`);
    if (this.axis === 'mjd' && this.section.timeFormat.toUpperCase() === 'MET') notes.push('MJD is converted from Swift MET without the UTCF clock correction (tens of seconds).');
    this.note.textContent = notes.join(' ');

    const width = Math.max(320, this.plotsHost.clientWidth || 800);
    const xLabel = this.mapping.label;
    if (rate.length > 0) {
      this.panels.push(this.makePanel('rate', rate, fullX, logX, this.log, width, hardness.length > 0 ? 320 : 380, 'Count rate (0.3–10 keV, ct/s)', hardness.length > 0 ? '' : xLabel));
    }
    if (hardness.length > 0) {
      this.panels.push(this.makePanel('hardness', hardness, fullX, logX, false, width, rate.length > 0 ? 170 : 300, 'Hardness ratio', xLabel));
    }
  }

  private countHidden(series: readonly PlotSeries[], logX: boolean, logY: boolean): number {
    let hidden = 0;
    for (const s of series) {
      const yLog = logY && s.panel === 'rate';
      for (let i = 0; i < s.x.length; i++) if ((logX && !(s.x[i]! > 0)) || (yLog && !(s.y[i]! > 0))) hidden++;
    }
    return hidden;
  }

  private makePanel(panel: Panel, series: readonly PlotSeries[], fullX: [number, number], logX: boolean, logY: boolean, width: number, height: number, yLabel: string, xLabel: string): PanelPlot {
    const fullY = paddedRange(yExtentOf(series, logX, logY), logY);
    const axisStyle = (label: string, log: boolean): uPlot.Axis => ({
      label,
      stroke: () => this.colors.foreground,
      grid: { stroke: () => this.colors.grid, width: 1 },
      ticks: { stroke: () => this.colors.grid, width: 1 },
      font: this.colors.font,
      labelFont: this.colors.font,
      values: tickLabels(log),
    });
    const target = el('div', { class: `panel panel-${panel}` });
    this.plotsHost.append(target);
    const entry: PanelPlot = { panel, series, fullX, fullY, drawn: [], plot: undefined as unknown as uPlot };
    const opts: uPlot.Options = {
      width,
      height,
      scales: {
        x: { time: false, distr: logX ? 3 : 1, log: 10, auto: false, range: () => [fullX[0], fullX[1]] },
        y: { distr: logY ? 3 : 1, log: 10, auto: false, range: () => [fullY[0], fullY[1]] },
      },
      axes: [{ ...axisStyle(xLabel, logX), size: xLabel ? 50 : 30 }, { ...axisStyle(yLabel, logY), size: 70 }],
      // uPlot needs one series to set up its scales; the points themselves are drawn by the draw hook.
      series: [{}, { paths: () => null, points: { show: false } }],
      legend: { show: false },
      cursor: {
        drag: { x: true, y: true, uni: 20 },
        points: { show: false },
        sync: { key: `lc-${this.job.id}`, setSeries: false },
        bind: { dblclick: () => null },
      },
      hooks: {
        draw: [(u) => this.drawPanel(u, entry, logX, logY)],
        setScale: [(u, key) => this.syncX(u, key)],
      },
    };
    const plot = new uPlot(opts, [[fullX[0], fullX[1]], [fullY[0], fullY[1]]], target);
    (entry as { plot: uPlot }).plot = plot;
    plot.over.addEventListener('dblclick', () => this.resetZoom());
    plot.over.addEventListener('mousemove', (e) => this.hover(entry, e));
    plot.over.addEventListener('mouseleave', () => (this.readout.textContent = ' '));
    return entry;
  }

  private drawPanel(u: uPlot, entry: PanelPlot, logX: boolean, logY: boolean): void {
    const start = performance.now();
    const box = { left: u.bbox.left, top: u.bbox.top, width: u.bbox.width, height: u.bbox.height };
    const xAxis = { min: u.scales.x!.min!, max: u.scales.x!.max!, log: logX, size: box.width, flipped: false };
    const yAxis = { min: u.scales.y!.min!, max: u.scales.y!.max!, log: logY, size: box.height, flipped: true };
    entry.drawn = entry.series.map((s) => drawSeries(u.ctx, s, xAxis, yAxis, box, { color: this.seriesColor(s), filled: s.mode === 'PC', pxRatio: uPlot.pxRatio }));
    const points = entry.drawn.reduce((sum, d) => sum + d.indices.length, 0);
    this.drawStats.set(entry.panel, { points, ms: performance.now() - start });
    let total = 0;
    let ms = 0;
    for (const s of this.drawStats.values()) {
      total += s.points;
      ms += s.ms;
    }
    this.callbacks.onDrawn({ points: total, ms });
  }

  private seriesColor(s: PlotSeries): string {
    if (s.kind === 'hard') return this.colors.hard;
    if (s.kind === 'soft') return this.colors.soft;
    return s.mode === 'WT' ? this.colors.wt : this.colors.pc;
  }

  private renderLegend(series: readonly PlotSeries[]): void {
    this.legend.replaceChildren(
      ...series.map((s) => {
        const swatch = el('span', { class: `swatch ${s.mode === 'PC' ? 'filled' : 'outlined'} ${s.kind === 'upper-limits' ? 'arrow' : ''}`, 'aria-hidden': 'true' });
        // Set through the CSSOM, which the page's CSP allows (no inline style attributes).
        swatch.style.setProperty('--swatch', this.seriesColor(s));
        return el('li', null, swatch, `${datasetLabel(s.dataset)} (${s.x.length})`);
      }),
    );
  }

  private syncX(source: uPlot, key: string): void {
    if (key !== 'x' || this.syncing) return;
    this.syncing = true;
    try {
      const { min, max } = source.scales.x!;
      for (const p of this.panels) if (p.plot !== source && min !== undefined && max !== undefined) p.plot.setScale('x', { min, max });
    } finally {
      this.syncing = false;
    }
  }

  resetZoom(): void {
    for (const p of this.panels) {
      p.plot.batch(() => {
        p.plot.setScale('x', { min: p.fullX[0], max: p.fullX[1] });
        p.plot.setScale('y', { min: p.fullY[0], max: p.fullY[1] });
      });
    }
  }

  private onKey(e: KeyboardEvent): void {
    const first = this.panels[0]?.plot;
    if (!first) return;
    const { min, max, distr } = first.scales.x!;
    if (min === undefined || max === undefined) return;
    const log = distr === 3;
    const a = log ? Math.log10(min) : min;
    const b = log ? Math.log10(max) : max;
    const span = b - a;
    let next: [number, number] | undefined;
    if (e.key === '+' || e.key === '=') next = [a + span / 4, b - span / 4];
    else if (e.key === '-' || e.key === '_') next = [a - span / 2, b + span / 2];
    else if (e.key === 'ArrowLeft') next = [a - span / 5, b - span / 5];
    else if (e.key === 'ArrowRight') next = [a + span / 5, b + span / 5];
    else if (e.key === '0') {
      this.resetZoom();
      e.preventDefault();
      return;
    }
    if (!next) return;
    e.preventDefault();
    first.setScale('x', log ? { min: 10 ** next[0], max: 10 ** next[1] } : { min: next[0], max: next[1] });
  }

  private resize(): void {
    const width = Math.max(320, this.plotsHost.clientWidth);
    for (const p of this.panels) if (Math.abs(p.plot.width - width) > 1) p.plot.setSize({ width, height: p.plot.height });
  }

  private hover(entry: PanelPlot, e: MouseEvent): void {
    const u = entry.plot;
    const rect = u.over.getBoundingClientRect();
    const ratio = uPlot.pxRatio;
    const hit = nearestPoint(entry.drawn, (e.clientX - rect.left) * ratio, (e.clientY - rect.top) * ratio, 8 * ratio);
    if (!hit) {
      this.readout.textContent = ' ';
      return;
    }
    const s = hit.points.series;
    const i = hit.index;
    const time = `${this.mapping.label.replace(/^Time /, 't ')} = ${formatNumber(s.x[i]!, 7)} (+${formatNumber(s.xHi[i]! - s.x[i]!, 3)} −${formatNumber(s.x[i]! - s.xLo[i]!, 3)})`;
    const quantity = s.kind === 'hardness-ratio' ? 'HR' : s.kind === 'upper-limits' ? 'upper limit' : 'rate';
    const value =
      s.kind === 'upper-limits'
        ? `${quantity} < ${formatNumber(s.y[i]!)} ct/s`
        : `${quantity} = ${formatNumber(s.y[i]!)} (+${formatNumber(s.yErrHi[i]!, 3)} −${formatNumber(s.yErrLo[i]!, 3)})${s.kind === 'hardness-ratio' ? '' : ' ct/s'}`;
    const obsId = s.dataset.obsIds?.[i];
    this.readout.textContent = `${datasetLabel(s.dataset)} — ${time}; ${value}${obsId ? `; ObsID ${obsId}` : ''}`;
  }

  private visibleTimeRange(): [number, number] | undefined {
    const x = this.panels[0]?.plot.scales.x;
    return x?.min !== undefined && x.max !== undefined ? [x.min, x.max] : undefined;
  }

  exportCsv(): void {
    const range = this.visibleTimeRange();
    const shown = this.currentSeries().map((s) => s.dataset);
    const text = lightCurveCsv(shown, (d, i) => {
      if (!range) return true;
      const x = mapTime(this.mapping, d.columns.Time[i]!);
      return x >= range[0] && x <= range[1];
    });
    this.callbacks.post({ type: 'exportCsv', fileName: `xrt-job-${this.job.id}-lightcurve.csv`, text });
  }

  /** The panels stacked on one canvas with the theme background, since the plot canvases are transparent. */
  renderPng(): string {
    const canvases = this.panels.map((p) => p.plot.ctx.canvas);
    const width = Math.max(1, ...canvases.map((c) => c.width));
    const height = Math.max(1, canvases.reduce((h, c) => h + c.height, 0));
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('This webview cannot create a 2D canvas for the PNG export.');
    ctx.fillStyle = this.colors.background;
    ctx.fillRect(0, 0, width, height);
    let y = 0;
    for (const c of canvases) {
      ctx.drawImage(c, 0, y);
      y += c.height;
    }
    return out.toDataURL('image/png');
  }

  savePng(): void {
    this.callbacks.post({ type: 'savePng', fileName: `xrt-job-${this.job.id}-lightcurve.png`, dataUrl: this.renderPng() });
  }
}
