// The Fit panel under the light curve: the model to fit (constant, power law, broken power law with 1–4
// sharp or smooth breaks, or the automatic choice by BIC), the exclusion ranges (typed, or brushed on the
// plot with shift-drag or in "Exclude range" mode), Fit / Cancel with progress, and the result: the
// parameters with their 90 % profile intervals, χ²/dof, the competing models, copy as text or JSON.
// The fit itself runs in the extension host (src/products/viewer/fitController.ts), so the page stays
// responsive; this panel only sends the choice and shows what comes back.
import {
  formatNumber,
  intervalText,
  MAX_BREAKS,
  modelFormula,
  parseTimeRange,
  renderFitReportJson,
  renderFitReportText,
  type ExclusionRange,
} from '../../../src/shared/lightCurveFit';
import type { FitChoice, FitRendered, HostToView, ViewerFit, ViewerRequest } from '../../../src/shared/viewerProtocol';
import { button, el, toggleButton } from '../common/dom';

type FitMessage = Extract<HostToView, { type: 'fitProgress' | 'fitDone' | 'fitFailed' | 'fitRestored' }>;

interface FitPanelHooks {
  readonly post: (message: ViewerRequest) => void;
  /** The datasets a fit uses now: the detections and upper limits shown for the chosen variants. */
  readonly datasets: () => string[];
  /**
   * The exclusions changed (redraw the shading), the result did (draw the model and residuals), or only
   * the panel's text (report it).
   */
  readonly changed: (what: 'exclusions' | 'result' | 'text') => void;
  /** Why this light curve cannot be fitted (its time base), or undefined when it can. */
  readonly unfittable?: string;
}

const MODEL_NAMES: Record<FitChoice['model'], string> = {
  auto: 'Automatic (lowest BIC)',
  constant: 'Constant',
  'power-law': 'Power law',
  'broken-power-law': 'Broken power law',
};

const AUTO_RULE = `Automatic: the constant, the power law and 1–${MAX_BREAKS} breaks are all fitted; the lowest BIC = χ² + k ln n (k free parameters, n detections) wins.`;

/** Request IDs stay unique across re-renders of the page, so a late answer to an old fit is ignored. */
let nextRequestId = 1;

function selectOf(label: string, options: readonly [string, string][], value: string): HTMLSelectElement {
  const select = el('select', { 'aria-label': label });
  for (const [v, text] of options) select.append(el('option', { value: v }, text));
  select.value = value;
  return select;
}

export class FitPanel {
  readonly element: HTMLElement;
  /** Ranges left out of the fit, s since T0, sorted by start. */
  exclusions: ExclusionRange[] = [];
  /** The fit shown (the last done, or the kept one). */
  fit: ViewerFit | undefined;
  /** Brushing on the plot adds an exclusion instead of zooming. */
  excludeMode = false;
  private state: FitRendered['state'] = 'none';
  private message: string | undefined;
  private running: number | undefined;
  private readonly modelSelect: HTMLSelectElement;
  private readonly breaksSelect: HTMLSelectElement;
  private readonly shapeSelect: HTMLSelectElement;
  private readonly fitButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly progress: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly exclusionList: HTMLElement;
  private readonly rangeInput: HTMLInputElement;
  private readonly results: HTMLElement;
  private readonly modeButton: HTMLButtonElement;
  /** Drawn on the plot in the last draw (reported by the view). */
  modelCurvePoints = 0;
  /** Least and greatest value of the model curve drawn, in the value axis's unit. */
  modelValueRange: [number, number] | undefined;
  residualPoints = 0;

  constructor(private readonly hooks: FitPanelHooks) {
    this.modelSelect = selectOf(
      'Model',
      (Object.keys(MODEL_NAMES) as FitChoice['model'][]).map((k) => [k, MODEL_NAMES[k]]),
      'auto',
    );
    this.breaksSelect = selectOf(
      'Breaks',
      Array.from({ length: MAX_BREAKS }, (_, i) => [String(i + 1), String(i + 1)]),
      '1',
    );
    this.shapeSelect = selectOf(
      'Break shape',
      [
        ['sharp', 'sharp'],
        ['smooth', 'smooth (ω = 3)'],
      ],
      'sharp',
    );
    this.modelSelect.addEventListener('change', () => this.syncControls());
    this.fitButton = button('Fit', () => this.requestFit(), {
      class: 'primary',
      title: 'Fit the chosen model to the shown WT and PC data',
    });
    this.cancelButton = button('Cancel', () => this.cancel(), { hidden: true });
    this.progress = el('progress', { max: '1', value: '0', hidden: true, 'aria-label': 'Fit progress' });
    this.status = el('p', { class: 'fit-status', 'aria-live': 'polite' });
    this.modeButton = toggleButton('Exclude range', false, (on) => (this.excludeMode = on), {
      title: 'Dragging on the plot marks a time range to leave out of the fit instead of zooming (shift-drag does that at any time)',
    });
    this.rangeInput = el('input', { type: 'text', placeholder: 'start–end (s since T0)', 'aria-label': 'Time range to exclude', size: 22 });
    this.rangeInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.addTypedRange();
    });
    this.exclusionList = el('ul', { class: 'exclusions', 'aria-label': 'Excluded time ranges' });
    this.results = el('div', { class: 'fit-results' });

    const controls = el(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Fit controls' },
      el('label', { class: 'select' }, 'Model ', this.modelSelect),
      el('label', { class: 'select' }, 'Breaks ', this.breaksSelect),
      el('label', { class: 'select' }, 'Breaks are ', this.shapeSelect),
      this.fitButton,
      this.cancelButton,
      this.progress,
    );
    const exclusions = el(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Exclusion ranges' },
      this.modeButton,
      this.rangeInput,
      button('Add', () => this.addTypedRange(), { title: 'Leave the bins whose centre lies in this range out of the fit' }),
      el('span', { class: 'hint' }, 'or shift-drag on the plot'),
    );
    this.element = el(
      'div',
      { class: 'fit-panel', role: 'region', 'aria-label': 'Decay-law fit' },
      el('h3', null, 'Fit a decay law'),
      controls,
      el('p', { class: 'hint fit-rule' }),
      exclusions,
      this.exclusionList,
      this.status,
      this.results,
    );
    if (hooks.unfittable) {
      for (const c of [this.modelSelect, this.breaksSelect, this.shapeSelect, this.fitButton, this.modeButton, this.rangeInput])
        c.disabled = true;
      this.message = hooks.unfittable;
    }
    this.syncControls();
    this.render();
  }

  /** The choice the controls show now. */
  choice(): FitChoice {
    const model = this.modelSelect.value as FitChoice['model'];
    return {
      model,
      breaks: model === 'broken-power-law' ? Number(this.breaksSelect.value) : 0,
      shape: this.shapeSelect.value === 'smooth' ? 'smooth' : 'sharp',
      exclusions: this.exclusions,
      datasets: this.hooks.datasets(),
    };
  }

  /** Adds a range (s since T0), merged with those it overlaps. */
  addExclusion(range: ExclusionRange): void {
    const [a, b] = range[0] <= range[1] ? range : [range[1], range[0]];
    if (!(b > a) || !Number.isFinite(a) || !Number.isFinite(b)) return;
    const all = [...this.exclusions, [a, b] as const].sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of all) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    this.exclusions = merged;
    this.render();
    this.hooks.changed('exclusions');
  }

  removeExclusion(index: number): void {
    this.exclusions = this.exclusions.filter((_, i) => i !== index);
    this.render();
    this.hooks.changed('exclusions');
  }

  /** A message of the fit protocol from the host. */
  onHostMessage(message: FitMessage): void {
    switch (message.type) {
      case 'fitRestored':
        if (this.running !== undefined) return;
        this.show(message.fit, message.fitProblem);
        return;
      case 'fitProgress':
        if (message.requestId === this.running) this.progress.value = message.fraction;
        return;
      // An answer to another request than the one running is stale; one while none runs is the host's
      // own (a fit asked for from outside the page) and is shown.
      case 'fitDone':
        if (this.running !== undefined && message.requestId !== this.running) return;
        this.running = undefined;
        this.show(message.fit, undefined);
        return;
      case 'fitFailed':
        if (this.running !== undefined && message.requestId !== this.running) return;
        this.running = undefined;
        this.state = message.cancelled ? (this.fit ? 'done' : 'none') : 'failed';
        this.message = message.message;
        this.render();
        return;
    }
  }

  /** Shows a fit (restored or just made) with its choice and exclusions in the controls. */
  show(fit: ViewerFit | undefined, problem: string | undefined): void {
    this.fit = fit;
    this.state = fit ? 'done' : problem ? 'failed' : 'none';
    this.message = problem ?? fit?.stale;
    if (fit) {
      this.modelSelect.value = fit.choice.model;
      if (fit.choice.model === 'broken-power-law') this.breaksSelect.value = String(fit.choice.breaks);
      this.shapeSelect.value = fit.choice.shape;
      this.exclusions = fit.choice.exclusions.map(([a, b]) => [a, b]);
    }
    this.syncControls();
    this.render();
    this.hooks.changed('result');
  }

  describe(): FitRendered {
    const rows = Array.from(this.results.querySelectorAll('table.fit-parameters tbody tr'), (tr) => {
      const cells = Array.from(tr.children, (c) => c.textContent ?? '');
      return { name: cells[0] ?? '', value: cells[1] ?? '', interval: cells[2] ?? '' };
    });
    return {
      state: this.state === 'none' && this.running !== undefined ? 'running' : this.state,
      exclusions: this.exclusions,
      ...(this.fit ? { model: this.fit.result.label } : {}),
      parameters: rows,
      ...(this.fit ? { statistic: this.results.querySelector('.fit-statistic')?.textContent ?? '' } : {}),
      competingModels: this.results.querySelectorAll('table.fit-models tbody tr').length,
      modelCurvePoints: this.modelCurvePoints,
      ...(this.modelValueRange ? { modelValueRange: this.modelValueRange } : {}),
      residualPoints: this.residualPoints,
      ...(this.message ? { message: this.message } : {}),
    };
  }

  private syncControls(): void {
    const model = this.modelSelect.value;
    const off = Boolean(this.hooks.unfittable);
    this.breaksSelect.disabled = off || model !== 'broken-power-law';
    this.shapeSelect.disabled = off || model === 'constant' || model === 'power-law';
    const rule = this.element.querySelector('.fit-rule');
    if (rule)
      rule.textContent =
        model === 'auto'
          ? AUTO_RULE
          : 'χ² with asymmetric errors, the model averaged over each bin, upper limits as censored bounds; WT and PC fitted together.';
  }

  private addTypedRange(): void {
    const range = parseTimeRange(this.rangeInput.value);
    if (!range) {
      this.message = `“${this.rangeInput.value}” is not a time range: write start–end in seconds since T0, e.g. 100–300.`;
      this.render();
      return;
    }
    this.rangeInput.value = '';
    this.message = undefined;
    this.addExclusion(range);
  }

  private requestFit(): void {
    const choice = this.choice();
    if (choice.datasets.length === 0) {
      this.state = 'failed';
      this.message = 'No WT or PC detections are shown for this choice of variants; nothing to fit.';
      this.render();
      return;
    }
    const requestId = nextRequestId++;
    this.running = requestId;
    this.state = 'running';
    this.message = undefined;
    this.progress.value = 0;
    this.render();
    this.hooks.post({ type: 'fit', requestId, choice });
  }

  private cancel(): void {
    if (this.running !== undefined) this.hooks.post({ type: 'cancelFit', requestId: this.running });
  }

  private render(): void {
    const running = this.running !== undefined;
    this.fitButton.disabled = running || Boolean(this.hooks.unfittable);
    this.cancelButton.hidden = !running;
    this.progress.hidden = !running;
    this.exclusionList.replaceChildren(
      ...this.exclusions.map(([a, b], i) =>
        el(
          'li',
          null,
          `${formatNumber(a)}–${formatNumber(b)} s`,
          ' ',
          button('Remove', () => this.removeExclusion(i), {
            class: 'link',
            'aria-label': `Remove the exclusion ${formatNumber(a)}–${formatNumber(b)} s`,
          }),
        ),
      ),
    );
    if (this.exclusions.length === 0) this.exclusionList.append(el('li', { class: 'hint' }, 'No time range is excluded.'));
    const changed = this.fit && !sameRanges(this.fit.choice.exclusions, this.exclusions);
    const lines = [
      running ? 'Fitting… (profile intervals take a few seconds on long light curves)' : '',
      this.message ?? '',
      changed ? 'The exclusions differ from those of the fit shown: press Fit to fit again.' : '',
    ].filter(Boolean);
    this.status.textContent = lines.join(' ');
    this.status.className = `fit-status${this.state === 'failed' ? ' problem error' : this.fit?.stale ? ' problem warning' : ''}`;
    this.results.replaceChildren(...(this.fit ? resultView(this.fit, this.hooks.post) : []));
    this.hooks.changed('text');
  }
}

function sameRanges(a: readonly ExclusionRange[], b: readonly ExclusionRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r[0] === b[i]![0] && r[1] === b[i]![1]);
}

function resultView(fit: ViewerFit, post: (m: ViewerRequest) => void): HTMLElement[] {
  const { result } = fit;
  const s = result.statistic;
  const reduced = s.dof > 0 ? ` (reduced ${formatNumber(s.value / s.dof, 3)})` : '';
  const parameters = el(
    'table',
    { class: 'data fit-parameters' },
    el('caption', null, `${result.label}: ${modelFormula(result)}; t in s since T0, t0 = ${formatNumber(result.pivot)} s`),
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        ...['Parameter', 'Value', '90 % interval (χ² profile)', '1σ (covariance)', 'Unit'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      null,
      ...result.parameters.map((p) =>
        el(
          'tr',
          null,
          el('th', { scope: 'row' }, p.name),
          el('td', { class: 'num' }, formatNumber(p.value)),
          el('td', { class: 'num' }, intervalText(p)),
          el('td', { class: 'num' }, p.covarianceError === null ? 'singular' : `±${formatNumber(p.covarianceError, 3)}`),
          el('td', null, p.unit),
        ),
      ),
    ),
  );
  const statistic = el(
    'p',
    { class: 'fit-statistic' },
    `χ² = ${formatNumber(s.value, 6)} for ${s.dof} dof${reduced}; ${s.detections} detections, ${s.upperLimits} upper limits (as ${s.upperLimitSigmas}σ bounds, adding ${formatNumber(s.upperLimitPenalty, 3)}), ${s.excluded} excluded`,
  );
  const parts: HTMLElement[] = [parameters, statistic];
  if (result.comparison) {
    const best = Math.min(...result.comparison.models.map((m) => m.bic));
    parts.push(
      el(
        'table',
        { class: 'data fit-models' },
        el('caption', null, `Competing models: ${result.comparison.rule}`),
        el('thead', null, el('tr', null, ...['Model', 'χ²', 'dof', 'BIC', 'ΔBIC'].map((h) => el('th', { scope: 'col' }, h)))),
        el(
          'tbody',
          null,
          ...result.comparison.models.map((m) =>
            el(
              'tr',
              { class: m.chosen ? 'chosen' : null },
              el('th', { scope: 'row' }, `${m.label}${m.chosen ? ' (chosen)' : ''}`),
              el('td', { class: 'num' }, formatNumber(m.chi2, 6)),
              el('td', { class: 'num' }, String(m.dof)),
              el('td', { class: 'num' }, formatNumber(m.bic, 6)),
              el('td', { class: 'num' }, formatNumber(m.bic - best, 3)),
            ),
          ),
        ),
      ),
    );
  }
  if (result.notes.length > 0) parts.push(el('ul', { class: 'fit-notes' }, ...result.notes.map((n) => el('li', null, n))));
  parts.push(
    el(
      'div',
      { class: 'toolbar' },
      button('Copy text', () => post({ type: 'copy', text: renderFitReportText(result, fit.source), what: 'the fit as text' })),
      button('Copy JSON', () => post({ type: 'copy', text: renderFitReportJson(result, fit.source), what: 'the fit as JSON' }), {
        title: 'The same JSON as node dist/cli.js fit --json',
      }),
      el(
        'span',
        { class: 'hint' },
        fit.fittedAt ? `Fitted ${fit.fittedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}; kept with the job.` : '',
      ),
    ),
  );
  return parts;
}
