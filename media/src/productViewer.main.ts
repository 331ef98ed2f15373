// Entry of the product viewer webview: waits for the model from the host, renders a section per
// product present, reports what it drew, and follows the theme.
import 'uplot/dist/uPlot.min.css';
import './productViewer.css';
import { ORIGINAL_LIGHT_CURVE, type ViewerModel, type ViewerSectionKey } from '../../src/shared/viewModel';
import {
  HOST_TO_VIEW_TYPES,
  type HostToView,
  type RenderedSummary,
  type ViewToHost,
  type ViewerWebviewState,
} from '../../src/shared/viewerProtocol';
import { button, el } from './common/dom';
import { hostChannel } from './common/vscodeApi';
import { lightCurveChoices, type LightCurveOption } from './lib/lightCurveChoices';
import { imageView } from './viewer/imageView';
import { lightCurveChooser } from './viewer/lightCurveChoice';
import { LightCurveView, type PlotStats } from './viewer/lightCurveView';
import { positionsView } from './viewer/positionsView';
import { resourceLookup } from './viewer/resources';
import { sourceDetectionView } from './viewer/sourceDetectionView';
import { spectrumView } from './viewer/spectrumView';
import { rehearseFirstDraw } from './viewer/firstDrawRehearsal';
import { onThemeChange } from './viewer/theme';

const SECTION_TITLES: Record<ViewerSectionKey, string> = {
  lightCurve: 'Light curve',
  spectrum: 'Spectrum',
  positions: 'Positions',
  image: 'Image',
  sourceDetection: 'Source detection',
};

const host = hostChannel<ViewToHost, HostToView, ViewerWebviewState>(HOST_TO_VIEW_TYPES);
const post = host.post;

let lightCurve: LightCurveView | undefined;
/** The binning selector's labels and the one shown (undefined without a selector). */
let lightCurveChoice: { options: string[]; selected: string } | undefined;
let plotStats: PlotStats = { points: 0, ms: 0 };
let sections: ViewerSectionKey[] = [];
let summaryQueued = false;
/** Cancels the sections still to be added below the light curve (built after the frame that shows it). */
let cancelPendingSections: (() => void) | undefined;

/**
 * Runs `task` once, after the next frame has been painted: a task queued from an animation-frame callback runs
 * after that frame's style, layout, paint and commit. A page that draws no frames (hidden) runs it after
 * `fallbackMs` instead. Returns a cancel function.
 */
function afterNextPaint(task: () => void, fallbackMs = 1000): () => void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    task();
  };
  const fallback = setTimeout(run, fallbackMs);
  requestAnimationFrame(() => setTimeout(run, 0));
  return () => {
    done = true;
    clearTimeout(fallback);
  };
}

function reportRendered(): void {
  // Coalesce the bursts of draws (two panels, resize) into one message, composed after the frame that shows
  // them: it walks the whole page (activeMarkup), which would otherwise delay that frame.
  if (summaryQueued) return;
  summaryQueued = true;
  afterNextPaint(() => {
    summaryQueued = false;
    if (cancelPendingSections) return; // the page is not complete yet: its summary follows once it is
    const summary: RenderedSummary = {
      sections,
      plotPoints: plotStats.points,
      tables: document.querySelectorAll('table.data').length,
      plotMs: Math.round(plotStats.ms * 10) / 10,
      headerText: document.querySelector('header h1')?.textContent ?? '',
      activeMarkup: activeMarkup(),
      ...(lightCurve?.describe() ? { lightCurve: lightCurve.describe() } : {}),
      ...(lightCurve ? { fit: lightCurve.fitPanel.describe() } : {}),
      ...(lightCurveChoice ? { lightCurveChoice } : {}),
    };
    post({ type: 'rendered', summary });
  });
}

/**
 * Anything in the viewer's content (#app, where everything from the model is drawn) that could run
 * code or fetch content; the viewer's own script and what VS Code injects live outside it.
 */
function activeMarkup(): string[] {
  const found: string[] = [];
  for (const element of Array.from(document.getElementById('app')?.querySelectorAll('*') ?? [])) {
    const tag = element.tagName.toLowerCase();
    const handlers = element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'));
    if (['script', 'iframe', 'object', 'embed'].includes(tag) || handlers.length > 0)
      found.push(`${tag}${handlers.map((h) => `[${h}]`).join('')}`);
  }
  return found;
}

function section(key: ViewerSectionKey, content: HTMLElement): HTMLElement {
  const heading = el('h2', { id: `section-${key}` }, SECTION_TITLES[key]);
  return el('section', { class: `product product-${key}`, 'aria-labelledby': `section-${key}` }, heading, content);
}

function header(model: ViewerModel): HTMLElement {
  const title = model.job.name?.trim() ? `${model.job.name.trim()} — XRT job ${model.job.id}` : `XRT job ${model.job.id}`;
  const head = el('header', null, el('h1', null, title));
  const url = model.job.url;
  if (url) head.append(button('Open job web page', () => post({ type: 'openUrl', url }), { class: 'link' }));
  return head;
}

function problems(model: ViewerModel): HTMLElement | undefined {
  if (model.problems.length === 0) return undefined;
  return el(
    'ul',
    { class: 'problems', 'aria-label': 'Problems' },
    ...model.problems.map((p) =>
      el(
        'li',
        { class: `problem ${p.severity}` },
        el(
          'strong',
          null,
          `${p.severity === 'error' ? 'Error' : p.severity === 'warning' ? 'Warning' : 'Note'}${p.product ? ` (${p.product})` : ''}: `,
        ),
        p.message,
      ),
    ),
  );
}

function render(message: Extract<HostToView, { type: 'model' }>): void {
  const { model } = message;
  const lookup = resourceLookup(message.resources);
  host.saveState(message.state);
  lightCurve?.destroy();
  lightCurve = undefined;
  cancelPendingSections?.();
  cancelPendingSections = undefined;
  lightCurveChoice = undefined;
  plotStats = { points: 0, ms: 0 };
  sections = [];

  const root = document.getElementById('app') ?? document.body;
  const parts: HTMLElement[] = [header(model)];
  const problemList = problems(model);
  if (problemList) parts.push(problemList);
  // With a light curve on top, the sections below it are built after the frame that shows the plot: laying
  // out their tables and figures would otherwise come first (the plot needs the page's width), about as long
  // again as drawing 10^5 points. They appear one frame later, in the same place.
  const below: (() => HTMLElement)[] = [];
  const add = (key: ViewerSectionKey, content: () => HTMLElement): void => {
    sections.push(key);
    if (model.lightCurve) below.push(() => section(key, content()));
    else parts.push(section(key, content()));
  };

  const choices = lightCurveChoices(model);
  if (choices) {
    // One plot at a time: choosing another binning replaces the view with one of that curve.
    const plotHost = el('div', { class: 'light-curve-plot' });
    const showCurve = (option: LightCurveOption): void => {
      lightCurve?.destroy();
      lightCurve = new LightCurveView(
        option.section,
        model.job,
        {
          post,
          onDrawn: (stats) => {
            plotStats = stats;
            reportRendered();
          },
        },
        model.fluxConversion,
      );
      // The fit kept with the job is of the job's own curve.
      if (option.id === ORIGINAL_LIGHT_CURVE) lightCurve.fitPanel.show(message.fit, message.fitProblem);
      plotHost.replaceChildren(lightCurve.element);
      if (choices.options.length > 1) lightCurveChoice = { options: choices.options.map((o) => o.label), selected: option.label };
    };
    const chooser = lightCurveChooser(
      choices,
      (option) => {
        showCurve(option);
        lightCurve?.mount();
        reportRendered();
      },
      () => post({ type: 'rebinLightCurve' }),
    );
    showCurve(choices.options[choices.selected]!);
    parts.push(section('lightCurve', el('div', null, chooser, plotHost)));
    sections.push('lightCurve');
  }
  const { spectrum, positions, image, sourceDetection } = model;
  if (spectrum) add('spectrum', () => spectrumView(spectrum, lookup, post));
  if (positions) add('positions', () => positionsView(positions, model.job, lookup, post));
  if (image) add('image', () => imageView(image, lookup, post));
  if (sourceDetection) add('sourceDetection', () => sourceDetectionView(sourceDetection));
  if (sections.length === 0) parts.push(el('p', { class: 'message' }, 'No products of this job have been downloaded yet.'));
  root.replaceChildren(...parts);
  // Set by showCurve above (TypeScript does not follow assignments made inside a closure).
  (lightCurve as LightCurveView | undefined)?.mount();
  if (below.length > 0) {
    cancelPendingSections = afterNextPaint(() => {
      cancelPendingSections = undefined;
      showFailure(() => root.append(...below.map((build) => build())));
      reportRendered();
    });
  }
  reportRendered();
}

/** Runs `draw`; if it throws, tells the host and shows the reason instead of the page. */
function showFailure(draw: () => void): void {
  try {
    draw();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    post({ type: 'error', message: `The product viewer could not show this job: ${text}` });
    (document.getElementById('app') ?? document.body).replaceChildren(
      el('p', { class: 'problem error' }, `The product viewer could not show this job: ${text}`),
    );
  }
}

host.onMessage((message) => {
  if (message.type === 'lightCurveUnit') {
    lightCurve?.setUnit(message.unit);
    return;
  }
  if (message.type !== 'model') {
    // The fit's progress and answers go to the Fit panel; the rest of the page stays as it is.
    lightCurve?.fitPanel.onHostMessage(message);
    reportRendered();
    return;
  }
  showFailure(() => render(message));
});
onThemeChange(() => lightCurve?.refreshTheme());
post({ type: 'ready' });
// While the host reads the products, not before the ready (that would delay them). A failure here is the
// real draw's to meet and report; the console has it too.
rehearseFirstDraw().catch((error: unknown) => console.error('Swift Observatory viewer: the rehearsal of the first draw failed', error));
