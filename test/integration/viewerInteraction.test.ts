// The light-curve plot as a user handles it: time zoom by dragging and with the keyboard on one time
// axis for both panels, reset, readable ticks on every time axis, and plots that follow the panel's
// size. The first part runs in the real VS Code webview (what the viewer reports after each draw); the
// mouse and keyboard part drives the same viewer bundle in a Chromium page of its own, since a test in
// the extension host cannot reach into a webview.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { LightCurveRendered, RenderedSummary } from '../../src/shared/viewerProtocol';
import type { LightCurveSection, ViewerModel } from '../../src/shared/viewModel';
import { readFixture } from '../support/paths';
import { estimatedWidth, labelsApart } from '../support/tickLabels';
import { launchChromium, openViewerPage, pageConsoleErrors, showModel } from '../viewer-harness/page';
import { sampleModel } from '../viewer-harness/sampleModel';
import { api } from './support/extension';
import { waitFor } from './support/sandbox';

type Range = readonly [number, number];

/** An afterglow observed in MJD over a few hours: the axis that used to read "58955.358955.3…". */
function mjdLightCurve(): LightCurveSection {
  const Time: number[] = [];
  const Rate: number[] = [];
  const RateErr: number[] = [];
  const TimePos: number[] = [];
  const TimeNeg: number[] = [];
  for (let i = 0; i < 40; i++) {
    Time.push(58955.3123 + i * 0.0045);
    TimePos.push(0.002);
    TimeNeg.push(-0.002);
    Rate.push(3 * Math.exp(-i / 15) + 0.2);
    RateErr.push(0.1);
  }
  return {
    timeFormat: 'MJD',
    datasets: [
      {
        name: 'PC',
        mode: 'PC',
        kind: 'detections',
        incbad: false,
        nosys: false,
        columns: { Time, TimePos, TimeNeg, Rate, RateErr } as unknown as LightCurveSection['datasets'][number]['columns'],
      },
    ],
  };
}

function fixtureModel(): ViewerModel {
  return sampleModel((name) => readFixture('xrt', name) as Record<string, unknown>);
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The number a tick label stands for: "58955.35", "−0.2", "1.5e6", "10⁴", "2×10⁻³". */
function labelValue(label: string): number {
  const plain = label
    .replace(/−/g, '-')
    .replace(/⁻/g, '-')
    .replace(/[⁰-⁹]/g, (c) => String(SUPERSCRIPTS.indexOf(c)));
  const power = /^(?:([\d.]+)×)?10(-?\d+)$/.exec(plain);
  if (power && /[×⁰-⁹]/.test(label)) return Number(power[1] ?? 1) * 10 ** Number(power[2]);
  return Number(plain);
}

/**
 * Labels that read differently, stand for ticks inside the window, and at the plot's width keep apart
 * by an estimated text width (the plot area is the plot less its value axis, about 90 px).
 */
function assertReadableTimeAxis(lc: LightCurveRendered, what: string): void {
  const extent = estimatedWidth(13);
  for (const p of lc.panels) {
    assert.ok(p.timeLabels.length >= 2, `${what}: ${p.panel} panel time labels ${JSON.stringify(p.timeLabels)}`);
    assert.equal(new Set(p.timeLabels).size, p.timeLabels.length, `${what}: repeated time labels ${JSON.stringify(p.timeLabels)}`);
    const values = p.timeLabels.map(labelValue);
    for (const [i, v] of values.entries()) {
      assert.ok(
        Number.isFinite(v) && v >= p.timeRange[0] && v <= p.timeRange[1],
        `${what}: label ${p.timeLabels[i]} inside ${JSON.stringify(p.timeRange)}`,
      );
    }
    const request = { min: p.timeRange[0], max: p.timeRange[1], log: lc.log, lengthPx: p.width - 90, extent, gapPx: 4 };
    assert.ok(
      labelsApart({ values, labels: [...p.timeLabels] }, request),
      `${what}: labels overlap at ${p.width} px: ${JSON.stringify(p.timeLabels)}`,
    );
  }
}

function sameRange(a: Range, b: Range, what: string): void {
  const tol = Math.abs(b[1] - b[0]) * 1e-9;
  assert.ok(Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

describe('Product viewer: light-curve interaction', function () {
  this.timeout(120_000);

  describe('in the VS Code webview', () => {
    let swift: ExtensionInternals;

    before(async () => {
      swift = await api();
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    function rendered(key: string, ready: (s: RenderedSummary) => boolean, what: string): Promise<RenderedSummary> {
      return waitFor(`the viewer to render ${what}`, 20_000, () => {
        const s = swift.products.viewer(key)?.lastRendered;
        return s && ready(s) ? s : undefined;
      });
    }

    it('reports one time window for both panels, the whole data at first, with readable ticks', async () => {
      const key = 'test:interaction-fixture';
      swift.products.show(fixtureModel(), key);
      const s = await rendered(key, (r) => r.lightCurve !== undefined && r.lightCurve.panels.length === 2, 'both light-curve panels');
      const lc = s.lightCurve!;
      sameRange(lc.timeRange, lc.fullTimeRange, 'not zoomed at first');
      for (const p of lc.panels) sameRange(p.timeRange, lc.timeRange, `${p.panel} panel on the shared time axis`);
      assertReadableTimeAxis(lc, 'seconds since T0, log');
      assert.equal(lc.panels[0]!.width, lc.panels[1]!.width, 'both panels as wide');
    });

    it('labels an MJD axis a few hours wide with distinct, non-overlapping ticks', async () => {
      const key = 'test:interaction-mjd';
      swift.products.show({ version: 1, job: { id: 'mjd-1' }, lightCurve: mjdLightCurve(), problems: [] }, key);
      const s = await rendered(key, (r) => r.lightCurve !== undefined, 'the MJD light curve');
      const lc = s.lightCurve!;
      assert.match(lc.timeAxis, /MJD/);
      assertReadableTimeAxis(lc, 'MJD');
      for (const label of lc.panels[0]!.timeLabels) assert.match(label, /^5895[45]\.\d{1,3}$/, `MJD label ${label}`);
    });

    it('follows the panel when the editor area changes size', async () => {
      const key = 'test:interaction-resize';
      swift.products.show(fixtureModel(), key);
      const before = (await rendered(key, (r) => r.lightCurve !== undefined, 'the light curve')).lightCurve!;
      const width = before.panels[0]!.width;
      // A text editor beside the viewer halves the viewer's group.
      const doc = await vscode.workspace.openTextDocument({ content: 'beside the viewer', language: 'plaintext' });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
      const after = (
        await rendered(key, (r) => r.lightCurve !== undefined && r.lightCurve.panels[0]!.width < width - 100, 'a narrower plot')
      ).lightCurve!;
      assert.equal(after.panels[0]!.width, after.panels[1]!.width, 'both panels follow');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await rendered(
        key,
        (r) => r.lightCurve !== undefined && Math.abs(r.lightCurve.panels[0]!.width - width) <= 2,
        'the first width again',
      );
    });
  });

  describe('with mouse and keyboard (the viewer bundle in Chromium)', () => {
    let browser: Browser;
    let page: Page;

    before(async () => {
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
    });
    beforeEach(async () => {
      page = await openViewerPage(browser, 'dark', 1100);
      await showModel(page, fixtureModel());
    });
    afterEach(async () => {
      await page?.close();
    });

    /** The light-curve part of the last summary, once the page has drawn what it was asked. */
    async function plotNow(): Promise<LightCurveRendered> {
      // The viewer composes its summary in a task after the frame that shows a change.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
      const summary = await page.evaluate(() => {
        const outbox = (window as unknown as { __webviewOutbox: { type: string; summary?: RenderedSummary }[] }).__webviewOutbox;
        return outbox.filter((m) => m.type === 'rendered').pop()?.summary;
      });
      assert.ok(summary?.lightCurve, 'the viewer reports its light curve');
      return summary.lightCurve;
    }

    function assertOneTimeAxis(lc: LightCurveRendered, what: string): void {
      for (const p of lc.panels) sameRange(p.timeRange, lc.timeRange, `${what}: ${p.panel} panel`);
    }

    function narrower(a: Range, b: Range, log: boolean): boolean {
      const span = (r: Range): number => (log ? Math.log10(r[1]) - Math.log10(r[0]) : r[1] - r[0]);
      return span(a) < span(b) * 0.9;
    }

    it('a drag selects a time range on both panels; a diagonal drag does not squash the hardness panel; reset restores both', async () => {
      const start = await plotNow();
      const hardness = start.panels.find((p) => p.panel === 'hardness')!;
      const over = (await page.locator('.panel-rate .u-over').boundingBox())!;
      await page.mouse.move(over.x + over.width * 0.2, over.y + over.height * 0.1);
      await page.mouse.down();
      await page.mouse.move(over.x + over.width * 0.6, over.y + over.height * 0.8, { steps: 8 });
      await page.mouse.up();
      const zoomed = await plotNow();
      assert.ok(
        narrower(zoomed.timeRange, start.timeRange, zoomed.log),
        `zoomed: ${JSON.stringify(zoomed.timeRange)} from ${JSON.stringify(start.timeRange)}`,
      );
      assertOneTimeAxis(zoomed, 'after the drag');
      // The selection spans 20–60 % of the plot width: on a log axis that is 40 % of the decades.
      const decades = (r: Range): number => Math.log10(r[1] / r[0]);
      assert.ok(
        Math.abs(decades(zoomed.timeRange) / decades(start.timeRange) - 0.4) < 0.05,
        `40 % of the axis: ${JSON.stringify(zoomed.timeRange)}`,
      );
      const hardAfter = zoomed.panels.find((p) => p.panel === 'hardness')!;
      assert.equal(hardAfter.height, hardness.height, 'the hardness panel keeps its height');
      assert.ok(
        hardAfter.valueRange[1] - hardAfter.valueRange[0] > 0.2,
        `hardness values still readable: ${JSON.stringify(hardAfter.valueRange)}`,
      );

      await page.click('button:has-text("Reset zoom")');
      const reset = await plotNow();
      sameRange(reset.timeRange, reset.fullTimeRange, 'reset');
      assertOneTimeAxis(reset, 'after reset');
      reset.panels.forEach((p, i) => sameRange(p.valueRange, start.panels[i]!.valueRange, `${p.panel} value axis restored`));
    });

    it('+ and − zoom, the arrow keys pan, 0 and a double-click reset, on both panels at once', async () => {
      const start = await plotNow();
      await page.focus('.plots');
      await page.keyboard.press('+');
      const zoomed = await plotNow();
      assert.ok(narrower(zoomed.timeRange, start.timeRange, start.log), `+ zooms in: ${JSON.stringify(zoomed.timeRange)}`);
      assertOneTimeAxis(zoomed, 'after +');
      await page.keyboard.press('ArrowRight');
      const right = await plotNow();
      assert.ok(
        right.timeRange[0] > zoomed.timeRange[0] && right.timeRange[1] > zoomed.timeRange[1],
        `→ pans later: ${JSON.stringify(right.timeRange)}`,
      );
      assertOneTimeAxis(right, 'after →');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      const left = await plotNow();
      assert.ok(left.timeRange[0] < right.timeRange[0], `← pans earlier: ${JSON.stringify(left.timeRange)}`);
      await page.keyboard.press('-');
      const out = await plotNow();
      assert.ok(narrower(left.timeRange, out.timeRange, out.log), `− zooms out: ${JSON.stringify(out.timeRange)}`);
      await page.keyboard.press('+');
      await page.keyboard.press('0');
      sameRange((await plotNow()).timeRange, start.fullTimeRange, '0 resets');
      await page.keyboard.press('+');
      await page.dblclick('.panel-hardness .u-over');
      const back = await plotNow();
      sameRange(back.timeRange, start.fullTimeRange, 'double-click resets');
      assertOneTimeAxis(back, 'after the double-click');
    });

    it('keeps a zoom and readable MJD ticks on the MJD axis at narrow and wide sizes', async () => {
      await page.selectOption('select[aria-label="Time axis"]', 'mjd');
      for (const width of [520, 1400]) {
        await page.setViewportSize({ width, height: 900 });
        await waitForWidth(width);
        const lc = await plotNow();
        assert.match(lc.timeAxis, /MJD/);
        assertReadableTimeAxis(lc, `MJD at ${width} px`);
        await page.focus('.plots');
        await page.keyboard.press('+');
        await page.keyboard.press('+');
        const zoomed = await plotNow();
        assert.ok(narrower(zoomed.timeRange, lc.timeRange, false));
        assertReadableTimeAxis(zoomed, `zoomed MJD at ${width} px`);
        await page.keyboard.press('0');
      }
    });

    it('plots follow the page width, narrower and wider, and keep the zoom', async () => {
      await page.focus('.plots');
      await page.keyboard.press('+');
      const zoomed = await plotNow();
      for (const width of [600, 1300]) {
        await page.setViewportSize({ width, height: 900 });
        const lc = await waitForWidth(width);
        sameRange(lc.timeRange, zoomed.timeRange, `zoom kept at ${width} px`);
        const canvasWidth = await page.$eval('.panel-rate canvas', (c) => c.getBoundingClientRect().width);
        const hostWidth = await page.$eval('.plots', (e) => e.clientWidth);
        assert.ok(canvasWidth <= hostWidth + 1, `not clipped: canvas ${canvasWidth} px in ${hostWidth} px`);
      }
      // After a rebuild (a toggle), too.
      await page.click('button:has-text("Log–log")');
      await page.setViewportSize({ width: 700, height: 900 });
      await waitForWidth(700);
    });

    async function waitForWidth(viewport: number): Promise<LightCurveRendered> {
      const deadline = Date.now() + 5000;
      for (;;) {
        const lc = await plotNow();
        const host = await page.$eval('.plots', (e) => e.clientWidth);
        if (lc.panels.every((p) => Math.abs(p.width - Math.max(280, host)) <= 1)) return lc;
        if (Date.now() > deadline)
          assert.fail(`plots did not follow the ${viewport} px page: ${JSON.stringify(lc.panels.map((p) => p.width))} in ${host} px`);
        await page.waitForTimeout(50);
      }
    }
  });

  describe('before the first model (the viewer bundle in Chromium)', () => {
    let browser: Browser;
    before(async () => {
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
    });

    it('rehearses its first draw while the products are read, leaves nothing of it behind, and then draws the real one', async () => {
      const page = await openViewerPage(browser, 'dark', 1100);
      try {
        // The rehearsal (media/src/viewer/firstDrawRehearsal.ts) has run by the time the page has painted a frame.
        assert.deepEqual(pageConsoleErrors(page), [], 'the rehearsal ran without an error');
        const left = await page.evaluate(() => ({
          stage: document.querySelectorAll('.first-draw-rehearsal').length,
          plots: document.querySelectorAll('.uplot, canvas').length,
          app: document.getElementById('app')?.textContent?.trim(),
        }));
        assert.deepEqual(left, { stage: 0, plots: 0, app: 'Loading products…' }, 'the page shows only the placeholder');
        const { summary } = await showModel(page, fixtureModel());
        assert.ok(summary && summary.plotPoints > 0, 'the real light curve is drawn');
        assert.deepEqual(summary.sections[0], 'lightCurve');
        assert.deepEqual(pageConsoleErrors(page), []);
      } finally {
        await page.close();
      }
    });
  });
});
