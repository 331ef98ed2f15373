// The light-curve section: toolbar, rate panel and hardness-ratio panel (uPlot for axes, scales, zoom
// and cursor; our draw hook for the points), hover read-out, CSV and PNG export.
import uPlot from 'uplot';
import type { FluxUnit } from '../../../src/shared/fluxUnits/pointConversion';
import type { FluxConversion, LightCurveSection, ViewerJob } from '../../../src/shared/viewModel';
import type { LightCurveRendered, ViewerRequest } from '../../../src/shared/viewerProtocol';
import { mergeExtents, paddedRange } from '../lib/axisRange';
import { axisTicks, type Ticks } from '../lib/axisTicks';
import { lightCurveCsv } from '../lib/lightCurveCsv';
import { datasetLabel, datasetsShown, toPlotSeries, variantAvailability, type Panel, type PlotSeries } from '../lib/lightCurveSeries';
import { formatNumber } from '../lib/numberFormat';
import { valueExtent } from '../lib/valueExtent';
import { availableTimeAxes, mapTime, timeMapping, type TimeAxis, type TimeMapping } from '../lib/timeAxis';
import { clampWindow, keyAction, panWindow, zoomWindow, type Range } from '../lib/timeZoom';
import { button, el, toggleButton } from '../common/dom';
import { LightCurveUnits } from './fluxUnits';
import { FitPanel } from './fitPanel';
import { drawModelCurve, drawZeroLine, fitTimeOf, isMutedSeries, residualSeries, shadeExclusions } from './fitOverlay';
import { drawSeries, nearestPoint, type DrawnPoints } from './plotDraw';
import { plotColors, type PlotColors } from './theme';

export interface PlotStats {
  readonly points: number;
  readonly ms: number;
}

interface LightCurveCallbacks {
  readonly post: (message: ViewerRequest) => void;
  readonly onDrawn: (stats: PlotStats) => void;
}

interface PanelPlot {
  readonly panel: Panel;
  readonly plot: uPlot;
  readonly series: readonly PlotSeries[];
  readonly logY: boolean;
  readonly fullY: Range;
  /** Value range for the current time window (refitted to the points it shows). */
  y: Range;
  drawn: DrawnPoints[];
  /** The ticks last drawn on the time (0) and value (1) axes. */
  ticks: [Ticks, Ticks];
}

const TIME_AXIS_NAMES: Record<TimeAxis, string> = { sinceT0: 'Time since T0', mjd: 'MJD', raw: 'As given' };
/** Free pixels between neighbouring tick labels. */
const LABEL_GAP = 10;
/** Redraws on resize wait until the size has been still this long (dragging a sash fires continuously). */
const RESIZE_DEBOUNCE_MS = 80;

export class LightCurveView {
  readonly element: HTMLElement;
  private readonly plotsHost: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly note: HTMLElement;
  private readonly unitNote: HTMLElement;
  private readonly units: LightCurveUnits;
  private panels: PanelPlot[] = [];
  private log = true;
  private axis: TimeAxis;
  private incbad: boolean;
  private nosys: boolean;
  private bands = false;
  private mapping!: TimeMapping;
  private colors: PlotColors = plotColors();
  private resizeObserver: ResizeObserver | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private drawStats = new Map<Panel, PlotStats>();
  /** The data's whole time range, and the window every panel shows (one time axis for all panels). */
  private fullX: Range = [0, 1];
  private xWindow: Range = [0, 1];
  private logX = false;
  private measure: ((label: string) => number) | undefined;
  private valueAxisWidth = 0;
  /** The Fit panel under the plot; its exclusions and result are drawn on the plot (./fitOverlay.ts). */
  readonly fitPanel: FitPanel;
  /** The drag in progress began with Shift held: it marks an exclusion instead of zooming. */
  private shiftDrag = false;

  constructor(
    private readonly section: LightCurveSection,
    private readonly job: ViewerJob,
    private readonly callbacks: LightCurveCallbacks,
    fluxConversion?: FluxConversion,
  ) {
    this.units = new LightCurveUnits(section, fluxConversion, () => this.rebuild());
    const axes = availableTimeAxes(section);
    this.axis = axes[0]!;
    const variants = variantAvailability(section);
    this.incbad = variants.incbad.initial;
    this.nosys = variants.nosys.initial;

    const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Light-curve controls' });
    toolbar.append(
      toggleButton(
        'Log–log',
        this.log,
        (on) => {
          this.log = on;
          this.rebuild();
        },
        { title: 'Logarithmic time and rate axes (off: linear)' },
      ),
    );
    if (this.units.control) toolbar.append(this.units.control);
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
      toggleButton(
        'incbad',
        this.incbad,
        (on) => {
          this.incbad = on;
          this.rebuild();
        },
        {
          disabled: !variants.incbad.choosable,
          title:
            'Curves that include bins whose centroid could not be verified' +
            (variants.incbad.choosable ? '' : ' (only one variant was returned)'),
        },
      ),
      toggleButton(
        'nosys',
        this.nosys,
        (on) => {
          this.nosys = on;
          this.rebuild();
        },
        {
          disabled: !variants.nosys.choosable,
          title: 'Curves with the WT-mode systematic error removed' + (variants.nosys.choosable ? '' : ' (only one variant was returned)'),
        },
      ),
    );
    if (variants.hasBands) {
      toolbar.append(
        toggleButton(
          'Hard/soft bands',
          this.bands,
          (on) => {
            this.bands = on;
            this.rebuild();
          },
          { title: 'Also plot the hard- and soft-band rates' },
        ),
      );
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
    this.unitNote = el('p', { class: 'note flux-note' });
    this.fitPanel = new FitPanel({
      post: callbacks.post,
      datasets: () =>
        datasetsShown(this.section, { incbad: this.incbad, nosys: this.nosys, bands: false })
          .filter((d) => d.kind === 'detections' || d.kind === 'upper-limits')
          .map((d) => d.name),
      changed: (what) => this.onFitChanged(what),
      ...(section.timeFormat.toUpperCase() === 'MET'
        ? {}
        : { unfittable: `Fits need times in seconds since T0; this light curve's times are ${section.timeFormat}.` }),
    });
    this.element = el(
      'div',
      { class: 'light-curve' },
      toolbar,
      this.legend,
      this.plotsHost,
      this.readout,
      this.note,
      this.unitNote,
      this.fitPanel.element,
    );
  }

  /** Builds the plots; call once the element is in the document (uPlot measures it). */
  mount(): void {
    this.rebuild();
    // Observes the section, which the page lays out, not the plots, whose canvases have a fixed size.
    this.resizeObserver = new ResizeObserver(() => this.scheduleResize());
    this.resizeObserver.observe(this.element);
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    clearTimeout(this.resizeTimer);
    this.destroyPlots();
  }

  private destroyPlots(): void {
    for (const p of this.panels) p.plot.destroy();
    this.panels = [];
  }

  /** Theme changed: new colours for axes and points. */
  refreshTheme(): void {
    this.colors = plotColors();
    this.renderLegend(this.currentSeries());
    for (const p of this.panels) p.plot.redraw(false, true);
  }

  /** The data's series (the residuals panel's are the fit's, not data). */
  private currentSeries(): PlotSeries[] {
    return this.panels.filter((p) => p.panel !== 'residuals').flatMap((p) => p.series);
  }

  /** New exclusions are shaded at once; a new result adds the model curve and the residuals panel, keeping the zoom. */
  private onFitChanged(what: 'exclusions' | 'result' | 'text'): void {
    if (this.panels.length === 0) return;
    if (what === 'text') {
      // Nothing to draw; what the panel shows goes into the next rendered summary.
      this.callbacks.onDrawn(this.totalDrawStats());
      return;
    }
    if (what === 'exclusions') {
      for (const p of this.panels) p.plot.redraw(false, false);
      return;
    }
    const window = this.xWindow;
    this.rebuild();
    this.setWindow(window);
  }

  private rebuild(): void {
    this.destroyPlots();
    this.valueAxisWidth = 0;
    this.plotsHost.replaceChildren();
    this.drawStats.clear();
    this.mapping = timeMapping(this.section, this.axis);
    const logX = this.log && this.mapping.logCapable;
    const shown = datasetsShown(this.units.shownSection(), { incbad: this.incbad, nosys: this.nosys, bands: this.bands });
    this.unitNote.textContent = this.units.note(shown);
    const series = shown.map((d) => toPlotSeries(d, this.mapping));
    const rate = series.filter((s) => s.panel === 'rate');
    const hardness = series.filter((s) => s.panel === 'hardness');

    let xExtent: [number, number] | undefined;
    for (const s of series) xExtent = mergeExtents(xExtent, logX ? s.timeExtent.log : s.timeExtent.linear);
    const fullX = paddedRange(xExtent, logX);
    this.fullX = fullX;
    this.xWindow = fullX;
    this.logX = logX;
    this.renderLegend(series);

    if (series.length === 0) {
      this.note.textContent = 'No light-curve data for this choice of variants.';
      this.callbacks.onDrawn({ points: 0, ms: 0 });
      return;
    }
    const notes: string[] = [];
    const hidden = this.countHidden(series, logX, this.log);
    if (hidden > 0)
      notes.push(
        `${hidden} point${hidden === 1 ? ' is' : 's are'} not shown: log axes cannot show times at or before T0 or values ≤ 0. Switch off Log–log to see them.`,
      );
    if (this.axis === 'mjd' && this.section.timeFormat.toUpperCase() === 'MET')
      notes.push('MJD is converted from Swift MET without the UTCF clock correction (tens of seconds).');
    this.note.textContent = notes.join(' ');

    const width = this.plotWidth();
    const xLabel = this.mapping.label;
    const fit = this.fitPanel.fit;
    const residuals = fit && rate.length > 0 ? residualSeries(fit.result, this.mapping) : [];
    this.fitPanel.residualPoints = residuals.reduce((n, r) => n + r.x.length, 0);
    this.fitPanel.modelCurvePoints = 0;
    this.fitPanel.modelValueRange = undefined;
    if (rate.length > 0) {
      this.panels.push(
        this.makePanel(
          'rate',
          rate,
          logX,
          this.log,
          width,
          hardness.length > 0 ? 320 : 380,
          this.units.axisLabel(),
          hardness.length > 0 || residuals.length > 0 ? '' : xLabel,
        ),
      );
    }
    if (residuals.length > 0) {
      this.panels.push(this.makePanel('residuals', residuals, logX, false, width, 160, 'Residuals (σ)', hardness.length > 0 ? '' : xLabel));
    }
    if (hardness.length > 0) {
      this.panels.push(this.makePanel('hardness', hardness, logX, false, width, rate.length > 0 ? 190 : 300, 'Hardness ratio', xLabel));
    }
  }

  /** The width the plots get: the plot area's, or a stand-in while the page is not laid out (a hidden panel). */
  private plotWidth(): number {
    const available = this.plotsHost.clientWidth;
    return Math.max(280, available > 0 ? available : 800);
  }

  /** Label width (time axis) or height (value axis) in CSS pixels, measured in the axis font. */
  private labelExtent(axisIdx: number): (label: string) => number {
    if (axisIdx === 1) {
      const px = Number.parseFloat(/(\d+(?:\.\d+)?)px/.exec(this.colors.font)?.[1] ?? '13');
      return () => px * 1.25;
    }
    if (!this.measure) {
      const ctx = document.createElement('canvas').getContext('2d');
      const cache = new Map<string, number>();
      this.measure = (label) => {
        let w = cache.get(label);
        if (w === undefined) {
          if (ctx) ctx.font = this.colors.font;
          // Without a 2D context (never in a browser) a generous per-character estimate keeps labels apart.
          w = ctx ? ctx.measureText(label).width : label.length * 9;
          cache.set(label, w);
        }
        return w;
      };
    }
    return this.measure;
  }

  private countHidden(series: readonly PlotSeries[], logX: boolean, logY: boolean): number {
    let hidden = 0;
    for (const s of series) {
      const yLog = logY && s.panel === 'rate';
      hidden += logX && yLog ? s.notPositive.either : logX ? s.notPositive.x : yLog ? s.notPositive.y : 0;
    }
    return hidden;
  }

  private makePanel(
    panel: Panel,
    series: readonly PlotSeries[],
    logX: boolean,
    logY: boolean,
    width: number,
    height: number,
    yLabel: string,
    xLabel: string,
  ): PanelPlot {
    const fullY = paddedRange(valueExtent(series, logX, logY), logY);
    const target = el('div', { class: `panel panel-${panel}` });
    this.plotsHost.append(target);
    const entry: PanelPlot = {
      panel,
      series,
      logY,
      fullY,
      y: fullY,
      drawn: [],
      ticks: [
        { values: [], labels: [] },
        { values: [], labels: [] },
      ],
      plot: undefined as unknown as uPlot,
    };
    const axisStyle = (axisIdx: 0 | 1, label: string, log: boolean): uPlot.Axis => ({
      label,
      stroke: () => this.colors.foreground,
      grid: { stroke: () => this.colors.grid, width: 1 },
      ticks: { stroke: () => this.colors.grid, width: 1 },
      font: this.colors.font,
      labelFont: this.colors.font,
      // Our own ticks: positions and digits chosen for the axis length and the labels' measured size.
      splits: (u, _idx, min, max) => {
        const lengthPx = (axisIdx === 0 ? u.bbox.width : u.bbox.height) / uPlot.pxRatio;
        const ticks = axisTicks({
          min,
          max,
          log,
          lengthPx,
          extent: this.labelExtent(axisIdx),
          gapPx: LABEL_GAP,
          minSpacingPx: axisIdx === 0 ? 60 : 28,
        });
        entry.ticks[axisIdx] = ticks;
        return ticks.values;
      },
      values: (_u, splits) =>
        splits.map((v) => {
          const ticks = entry.ticks[axisIdx];
          const i = ticks.values.indexOf(v);
          return i >= 0 ? ticks.labels[i]! : '';
        }),
      // uPlot's own filter drops log ticks it finds crowded; ours are already spaced.
      filter: (_u, splits) => splits,
    });
    // Every panel's value axis gets the width of the widest one, so the plot areas, and with them the
    // time axes, line up exactly.
    const valueAxisSize = (u: uPlot, values: string[] | null): number => {
      const widest = Math.ceil(Math.max(24, ...(values ?? []).filter(Boolean).map((v) => this.labelExtent(0)(v)))) + 18;
      if (widest > this.valueAxisWidth) {
        this.valueAxisWidth = widest;
        queueMicrotask(() => {
          for (const p of this.panels) if (p.plot !== u) p.plot.redraw(false, true);
        });
      }
      return this.valueAxisWidth;
    };
    const opts: uPlot.Options = {
      width,
      height,
      scales: {
        // One time window for every panel: the range functions read the view's state, never the data.
        x: { time: false, distr: logX ? 3 : 1, log: 10, auto: false, range: () => [this.xWindow[0], this.xWindow[1]] },
        y: { distr: logY ? 3 : 1, log: 10, auto: false, range: () => [entry.y[0], entry.y[1]] },
      },
      axes: [
        { ...axisStyle(0, xLabel, logX), size: xLabel ? 50 : 30 },
        { ...axisStyle(1, yLabel, logY), size: valueAxisSize },
      ],
      // uPlot needs one series to set up its scales; the points themselves are drawn by the draw hook.
      series: [{}, { paths: () => null, points: { show: false } }],
      legend: { show: false },
      cursor: {
        // A drag selects a time range (across the panel's full height); the zoom itself is ours.
        drag: { x: true, y: false, setScale: false },
        points: { show: false },
        // The cursor line follows on every panel; a drag is not mirrored (the mirrored selection would zoom
        // the shared window a second time, measured on the already zoomed scale).
        sync: { key: `lc-${this.job.id}`, setSeries: false, filters: { pub: (type) => type !== 'mousedown' && type !== 'mouseup' } },
        bind: { dblclick: () => null },
      },
      hooks: {
        draw: [(u) => this.drawPanel(u, entry, logX, logY)],
        setSelect: [(u) => this.onSelect(u)],
      },
    };
    const plot = new uPlot(
      opts,
      [
        [this.fullX[0], this.fullX[1]],
        [fullY[0], fullY[1]],
      ],
      target,
    );
    (entry as { plot: uPlot }).plot = plot;
    plot.over.addEventListener('dblclick', () => this.resetZoom());
    plot.over.addEventListener('mousedown', (e) => (this.shiftDrag = e.shiftKey));
    plot.over.addEventListener('mousemove', (e) => this.hover(entry, e));
    plot.over.addEventListener('mouseleave', () => (this.readout.textContent = ' '));
    return entry;
  }

  private drawPanel(u: uPlot, entry: PanelPlot, logX: boolean, logY: boolean): void {
    const start = performance.now();
    const box = { left: u.bbox.left, top: u.bbox.top, width: u.bbox.width, height: u.bbox.height };
    const xAxis = { min: u.scales.x!.min!, max: u.scales.x!.max!, log: logX, size: box.width, flipped: false };
    const yAxis = { min: u.scales.y!.min!, max: u.scales.y!.max!, log: logY, size: box.height, flipped: true };
    if (entry.panel === 'residuals') drawZeroLine(u.ctx, yAxis, box, this.colors.foreground, uPlot.pxRatio);
    entry.drawn = entry.series.map((s) =>
      drawSeries(u.ctx, s, xAxis, yAxis, box, { color: this.seriesColor(s), filled: s.mode === 'PC', pxRatio: uPlot.pxRatio }),
    );
    this.drawFit(u, entry, xAxis, yAxis, box);
    const points = entry.drawn.reduce((sum, d) => sum + d.indices.length, 0);
    this.drawStats.set(entry.panel, { points, ms: performance.now() - start });
    this.callbacks.onDrawn(this.totalDrawStats());
  }

  private totalDrawStats(): PlotStats {
    let points = 0;
    let ms = 0;
    for (const s of this.drawStats.values()) {
      points += s.points;
      ms += s.ms;
    }
    return { points, ms };
  }

  /** The fit's part of a panel: excluded ranges washed out (every panel), the model over the rate panel. */
  private drawFit(
    u: uPlot,
    entry: PanelPlot,
    xAxis: { min: number; max: number; log: boolean; size: number },
    yAxis: { min: number; max: number; log: boolean; size: number },
    box: { left: number; top: number; width: number; height: number },
  ): void {
    if (entry.panel === 'hardness') return;
    const fit = this.fitPanel.fit;
    if (entry.panel === 'rate' && fit)
      this.fitPanel.modelCurvePoints = drawModelCurve(
        u.ctx,
        fit.result,
        this.mapping,
        xAxis,
        yAxis,
        box,
        { color: this.colors.foreground, pxRatio: uPlot.pxRatio, onRange: (range) => (this.fitPanel.modelValueRange = range) },
        (times, rates) => this.units.modelValues(times, rates),
      );
    shadeExclusions(u.ctx, this.fitPanel.exclusions, this.mapping, xAxis, box, this.colors, uPlot.pxRatio);
  }

  private seriesColor(s: PlotSeries): string {
    if (isMutedSeries(s)) return this.colors.grid;
    if (s.kind === 'hard') return this.colors.hard;
    if (s.kind === 'soft') return this.colors.soft;
    return s.mode === 'WT' ? this.colors.wt : this.colors.pc;
  }

  private renderLegend(series: readonly PlotSeries[]): void {
    this.legend.replaceChildren(
      ...series.map((s) => {
        const swatch = el('span', {
          class: `swatch ${s.mode === 'PC' ? 'filled' : 'outlined'} ${s.kind === 'upper-limits' ? 'arrow' : ''}`,
          'aria-hidden': 'true',
        });
        // Set through the CSSOM, which the page's CSP allows (no inline style attributes).
        swatch.style.setProperty('--swatch', this.seriesColor(s));
        return el('li', null, swatch, `${datasetLabel(s.dataset)} (${s.x.length})`);
      }),
    );
  }

  /**
   * A finished drag: zoom the time axis of every panel to the selected range — or, with Shift held or
   * in the Fit panel's "Exclude range" mode, leave that range out of the fit.
   */
  private onSelect(u: uPlot): void {
    const { left, width } = u.select;
    if (width < 3) return;
    const from = u.posToVal(left, 'x');
    const to = u.posToVal(left + width, 'x');
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (this.shiftDrag || this.fitPanel.excludeMode) {
      this.fitPanel.addExclusion([fitTimeOf(this.mapping, from), fitTimeOf(this.mapping, to)]);
      return;
    }
    this.setWindow([from, to]);
  }

  /** Shows `window` (clamped to the data) on every panel, refitting each value axis to what it shows. */
  private setWindow(window: Range): void {
    const next = clampWindow(window, this.fullX, this.logX);
    this.xWindow = next;
    const whole = next[0] === this.fullX[0] && next[1] === this.fullX[1];
    for (const p of this.panels) {
      // A window without points of this panel keeps the panel's full value range.
      const extent = whole ? undefined : valueExtent(p.series, this.logX, p.logY, next);
      p.y = extent ? paddedRange(extent, p.logY) : p.fullY;
      p.plot.batch(() => {
        p.plot.setScale('x', { min: next[0], max: next[1] });
        p.plot.setScale('y', { min: p.y[0], max: p.y[1] });
      });
    }
  }

  resetZoom(): void {
    this.setWindow(this.fullX);
  }

  /** Shows the curve in `unit` (the host's `lightCurveUnit` message); ignored when that unit is not offered. */
  setUnit(unit: FluxUnit): void {
    if (unit !== this.units.unit && this.units.choose(unit)) this.rebuild();
  }

  private onKey(e: KeyboardEvent): void {
    if (this.panels.length === 0 || e.ctrlKey || e.metaKey || e.altKey) return;
    const action = keyAction(e.key);
    if (!action) return;
    e.preventDefault();
    if (action === 'reset') this.resetZoom();
    else if ('zoom' in action) this.setWindow(zoomWindow(this.xWindow, this.fullX, this.logX, action.zoom));
    else this.setWindow(panWindow(this.xWindow, this.fullX, this.logX, action.pan));
  }

  private scheduleResize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.resize(), RESIZE_DEBOUNCE_MS);
  }

  private resize(): void {
    if (this.plotsHost.clientWidth === 0) return; // hidden (a background tab): keep the last size
    const width = this.plotWidth();
    for (const p of this.panels) if (Math.abs(p.plot.width - width) > 1) p.plot.setSize({ width, height: p.plot.height });
  }

  /** What the plot shows now, for the rendered summary. */
  describe(): LightCurveRendered | undefined {
    if (this.panels.length === 0) return undefined;
    const range = (r: Range): [number, number] => [r[0], r[1]];
    const firstValues: Record<string, number> = {};
    for (const s of this.currentSeries()) if (s.y.length > 0) firstValues[s.name] = s.y[0]!;
    const unitNote = this.unitNote.textContent ?? '';
    return {
      timeAxis: this.mapping.label,
      unit: this.units.unit,
      valueAxis: this.panels[0]!.panel === 'rate' ? this.units.axisLabel() : 'Hardness ratio',
      firstValues,
      ...(unitNote ? { unitNote } : {}),
      log: this.log,
      timeRange: range(this.xWindow),
      fullTimeRange: range(this.fullX),
      panels: this.panels.map((p) => {
        const x = p.plot.scales.x!;
        const y = p.plot.scales.y!;
        return {
          panel: p.panel,
          width: p.plot.width,
          height: p.plot.height,
          timeRange: [x.min ?? Number.NaN, x.max ?? Number.NaN] as [number, number],
          valueRange: [y.min ?? Number.NaN, y.max ?? Number.NaN] as [number, number],
          timeLabels: p.ticks[0].labels.filter(Boolean),
          valueLabels: p.ticks[1].labels.filter(Boolean),
        };
      }),
    };
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
    const quantity =
      s.kind === 'hardness-ratio' ? 'HR' : s.kind === 'upper-limits' ? 'upper limit' : this.units.unit === 'rate' ? 'rate' : 'flux';
    const value =
      s.panel === 'residuals'
        ? `(data − model)/σ = ${formatNumber(s.y[i]!, 3)}${isMutedSeries(s) ? ' (excluded from the fit)' : ''}`
        : s.kind === 'upper-limits'
          ? `${quantity} < ${formatNumber(s.y[i]!)} ${this.units.valueUnit()}`
          : `${quantity} = ${formatNumber(s.y[i]!)} (+${formatNumber(s.yErrHi[i]!, 3)} −${formatNumber(s.yErrLo[i]!, 3)})${s.kind === 'hardness-ratio' ? '' : ` ${this.units.valueUnit()}`}`;
    const obsId = s.dataset.obsIds?.[i];
    this.readout.textContent = `${datasetLabel(s.dataset)} — ${time}; ${value}${obsId ? `; ObsID ${obsId}` : ''}`;
  }

  private visibleTimeRange(): Range | undefined {
    return this.panels.length > 0 ? this.xWindow : undefined;
  }

  exportCsv(): void {
    const range = this.visibleTimeRange();
    const shown = this.currentSeries().map((s) => s.dataset);
    const text = lightCurveCsv(
      shown,
      (d, i) => {
        if (!range) return true;
        const x = mapTime(this.mapping, d.columns.Time[i]!);
        return x >= range[0] && x <= range[1];
      },
      this.units.csvLeadingColumns(),
    );
    this.callbacks.post({ type: 'exportCsv', fileName: `xrt-job-${this.job.id}-lightcurve${this.units.fileSuffix()}.csv`, text });
  }

  /** The panels stacked on one canvas with the theme background, since the plot canvases are transparent. */
  renderPng(): string {
    const canvases = this.panels.map((p) => p.plot.ctx.canvas);
    const width = Math.max(1, ...canvases.map((c) => c.width));
    const height = Math.max(
      1,
      canvases.reduce((h, c) => h + c.height, 0),
    );
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
