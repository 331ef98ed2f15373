// Loads the built product-viewer bundle into a headless Chromium page with VS Code-like theme
// variables, for screenshots (run.ts) and the plot benchmark (../bench/plotBench.ts). Not shipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RenderedSummary } from '../../src/shared/viewerProtocol';
import type { ViewerModel } from '../../src/shared/viewModel';
import { repoRoot } from '../support/paths';

export type HarnessTheme = 'dark' | 'light';

// A subset of the variables VS Code defines for its default Dark Modern / Light Modern themes.
const THEMES: Record<HarnessTheme, Record<string, string>> = {
  dark: {
    foreground: '#cccccc',
    'editor-background': '#1f1f1f',
    'editor-foreground': '#cccccc',
    'charts-blue': '#3794ff',
    'charts-red': '#f14c4c',
    'charts-orange': '#d18616',
    'charts-green': '#89d185',
    'editorWidget-border': '#454545',
    'editorWidget-background': '#202020',
    'panel-border': '#2b2b2b',
    'button-background': '#0078d4',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    'button-secondaryHoverBackground': '#3c3c3c',
    'button-border': '#ffffff12',
    focusBorder: '#0078d4',
    'textLink-foreground': '#4daafc',
    descriptionForeground: '#9d9d9d',
    'list-hoverBackground': '#2a2d2e',
    'dropdown-background': '#313131',
    'dropdown-foreground': '#cccccc',
    'dropdown-border': '#3c3c3c',
    'textBlockQuote-background': '#2b2b2b',
    errorForeground: '#f85149',
    'editorWarning-foreground': '#cca700',
    'editor-selectionBackground': '#264f78',
    'font-family': 'system-ui, sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
  },
  light: {
    foreground: '#3b3b3b',
    'editor-background': '#ffffff',
    'editor-foreground': '#3b3b3b',
    'charts-blue': '#1a85ff',
    'charts-red': '#e51400',
    'charts-orange': '#d18616',
    'charts-green': '#388a34',
    'editorWidget-border': '#c8c8c8',
    'editorWidget-background': '#f8f8f8',
    'panel-border': '#e5e5e5',
    'button-background': '#005fb8',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    'button-secondaryHoverBackground': '#cccccc',
    'button-border': '#0000001a',
    focusBorder: '#005fb8',
    'textLink-foreground': '#005fb8',
    descriptionForeground: '#3b3b3b',
    'list-hoverBackground': '#f2f2f2',
    'dropdown-background': '#ffffff',
    'dropdown-foreground': '#3b3b3b',
    'dropdown-border': '#cecece',
    'textBlockQuote-background': '#f8f8f8',
    errorForeground: '#f85149',
    'editorWarning-foreground': '#bf8803',
    'editor-selectionBackground': '#add6ff',
    'font-family': 'system-ui, sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
  },
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

function themeCss(theme: HarnessTheme): string {
  return `body { ${Object.entries(THEMES[theme])
    .map(([k, v]) => `--vscode-${k}: ${v};`)
    .join(' ')} }`;
}

const consoleErrors = new WeakMap<Page, string[]>();

/** The errors a page of openWebviewPage wrote to its console so far. */
export function pageConsoleErrors(page: Page): readonly string[] {
  return consoleErrors.get(page) ?? [];
}

/**
 * A page with the viewer bundle loaded, its `ready` message sent and a frame painted: the page the host's model
 * meets in VS Code, whose shell (src/views/webviewHtml.ts) links the bundle's CSS in the head and shows the panel's
 * placeholder (src/products/viewer/viewerPanel.ts) while the host reads the products.
 */
export function openViewerPage(browser: Browser, theme: HarnessTheme, width = 1100): Promise<Page> {
  return openWebviewPage(browser, theme, {
    bundle: 'productViewer.main',
    placeholder: '<main id="app"><p>Loading products…</p></main>',
    width,
  });
}

/** As openViewerPage, for any page of dist/webview (`bundle` without extension) and its panel's placeholder. */
export async function openWebviewPage(
  browser: Browser,
  theme: HarnessTheme,
  options: { readonly bundle: string; readonly placeholder: string; readonly width?: number },
): Promise<Page> {
  const dist = path.join(repoRoot(), 'dist', 'webview');
  const script = path.join(dist, `${options.bundle}.js`);
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: run "node esbuild.js" first`);
  const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  // What the page reports itself (e.g. the viewer's rehearsal of its first draw failing) is shown, and kept.
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    errors.push(m.text());
    console.error(`page console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    throw new Error(`the page opened a ${d.type()} dialog: ${d.message()}`);
  });
  const css = fs.readFileSync(path.join(dist, `${options.bundle}.css`), 'utf8');
  await page.setContent(
    `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><style>${themeCss(theme)}</style><style>${css}</style></head>` +
      `<body class="vscode-${theme}">${options.placeholder}</body></html>`,
  );
  await page.addScriptTag({ path: script });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return page;
}

/**
 * What showModel measured: `ms` is the wall time from the message to the end of the first draw (data
 * preparation, DOM, uPlot set-up and our canvas drawing: the canvases hold the plot); `frameMs` to the end
 * of the first frame after it (style, layout, paint and commit of the page with the plot on it).
 */
interface ShownModel {
  readonly ms: number;
  readonly frameMs: number;
  readonly summary: RenderedSummary | undefined;
}

/** Sends the model as the host would and waits until the plot has drawn and a frame has shown it. */
export async function showModel(page: Page, model: ViewerModel, resources: Record<string, string> = {}): Promise<ShownModel> {
  // Sent as JSON source text (a valid expression): Playwright's structured serialisation of large arrays is slow.
  return showModelSource(page, JSON.stringify(model), resources);
}

/**
 * As showModel, with the model given as a JavaScript expression evaluated in the page (for large
 * synthetic models that would be slow to send). The expression is evaluated before the clock starts.
 */
export async function showModelSource(page: Page, modelExpression: string, resources: Record<string, string> = {}): Promise<ShownModel> {
  // `; 0` so the page does not hand the model back: serialising 10^6 points to Node leaves garbage that the
  // collector would clear inside the measured time.
  await page.evaluate(`window.__benchModel = (${modelExpression}); 0`);
  return page.evaluate(
    async ({ resources }) => {
      const model = (window as unknown as { __benchModel: ViewerModel }).__benchModel;
      type Outbox = { type: string; summary?: unknown }[];
      const outbox = (window as unknown as { __webviewOutbox: Outbox }).__webviewOutbox;
      outbox.length = 0;
      // Marks for a trace of the run (../bench/plotBench.ts reads the main thread's CPU time between them).
      performance.mark('harness-model-sent');
      const start = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'model', model, resources, state: { jobKey: model.job.id } } }));
      // The first frame after the draw: animation-frame callbacks run first in it, then style, layout, paint and
      // the commit to the compositor; a task queued from the callback runs after all of that.
      const frame = new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - start), 0)));
      // uPlot commits its first draw in a microtask; a macrotask boundary is after it.
      await new Promise((r) => setTimeout(r, 0));
      const ms = performance.now() - start;
      const frameMs = await frame;
      performance.mark('harness-frame-shown');
      // The rendered summary is composed after the frame that shows the plot.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => setTimeout(r, 0));
      const rendered = outbox.filter((m) => m.type === 'rendered').pop();
      return { ms, frameMs, summary: rendered?.summary as never };
    },
    { resources },
  );
}
