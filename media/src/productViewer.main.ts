// Entry of the product viewer webview: waits for the model from the host, renders a section per
// product present, reports what it drew, and follows the theme.
import 'uplot/dist/uPlot.min.css';
import './productViewer.css';
import type { ViewerModel, ViewerSectionKey } from '../../src/shared/viewModel';
import type { HostToView, RenderedSummary, ViewToHost, ViewerWebviewState } from '../../src/shared/viewerProtocol';
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
import { onThemeChange } from './viewer/theme';

const SECTION_TITLES: Record<ViewerSectionKey, string> = {
  lightCurve: 'Light curve',
  spectrum: 'Spectrum',
  positions: 'Positions',
  image: 'Image',
  sourceDetection: 'Source detection',
};

const host = hostChannel<ViewToHost, HostToView, ViewerWebviewState>(['model']);
const post = host.post;

let lightCurve: LightCurveView | undefined;
/** The binning selector's labels and the one shown (undefined without a selector). */
let lightCurveChoice: { options: string[]; selected: string } | undefined;
let plotStats: PlotStats = { points: 0, ms: 0 };
let sections: ViewerSectionKey[] = [];
let summaryQueued = false;

function reportRendered(): void {
  // Coalesce the bursts of draws (two panels, resize) into one message.
  if (summaryQueued) return;
  summaryQueued = true;
  requestAnimationFrame(() => {
    summaryQueued = false;
    const summary: RenderedSummary = {
      sections,
      plotPoints: plotStats.points,
      tables: document.querySelectorAll('table.data').length,
      plotMs: Math.round(plotStats.ms * 10) / 10,
      headerText: document.querySelector('header h1')?.textContent ?? '',
      activeMarkup: activeMarkup(),
      ...(lightCurve?.describe() ? { lightCurve: lightCurve.describe() } : {}),
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

function render(message: HostToView): void {
  const { model } = message;
  const lookup = resourceLookup(message.resources);
  host.saveState(message.state);
  lightCurve?.destroy();
  lightCurve = undefined;
  lightCurveChoice = undefined;
  plotStats = { points: 0, ms: 0 };
  sections = [];

  const root = document.getElementById('app') ?? document.body;
  const parts: HTMLElement[] = [header(model)];
  const problemList = problems(model);
  if (problemList) parts.push(problemList);

  const choices = lightCurveChoices(model);
  if (choices) {
    // One plot at a time: choosing another binning replaces the view with one of that curve.
    const plotHost = el('div', { class: 'light-curve-plot' });
    const showCurve = (option: LightCurveOption): void => {
      lightCurve?.destroy();
      lightCurve = new LightCurveView(option.section, model.job, {
        post,
        onDrawn: (stats) => {
          plotStats = stats;
          reportRendered();
        },
      });
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
  if (model.spectrum) {
    parts.push(section('spectrum', spectrumView(model.spectrum, lookup, post)));
    sections.push('spectrum');
  }
  if (model.positions) {
    parts.push(section('positions', positionsView(model.positions, model.job, lookup, post)));
    sections.push('positions');
  }
  if (model.image) {
    parts.push(section('image', imageView(model.image, lookup, post)));
    sections.push('image');
  }
  if (model.sourceDetection) {
    parts.push(section('sourceDetection', sourceDetectionView(model.sourceDetection)));
    sections.push('sourceDetection');
  }
  if (sections.length === 0) parts.push(el('p', { class: 'message' }, 'No products of this job have been downloaded yet.'));
  root.replaceChildren(...parts);
  // Set by showCurve above (TypeScript does not follow assignments made inside a closure).
  (lightCurve as LightCurveView | undefined)?.mount();
  reportRendered();
}

host.onMessage((message) => {
  try {
    render(message);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    post({ type: 'error', message: `The product viewer could not show this job: ${text}` });
    (document.getElementById('app') ?? document.body).replaceChildren(
      el('p', { class: 'problem error' }, `The product viewer could not show this job: ${text}`),
    );
  }
});
onThemeChange(() => lightCurve?.refreshTheme());
post({ type: 'ready' });
