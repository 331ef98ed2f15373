// Decay-law fits in the product viewer as a user makes them. In the real VS Code against the sandbox: a
// job's light curve downloaded and viewed, fitted with an exclusion (the fit runs in the extension
// host's worker thread), the result drawn (model over the data, residuals on the shared time axis, the
// parameter table), kept in the job's folder and shown again when the viewer is reopened; a fit
// cancelled; a bad request refused with a message; a QDP file opened on its own. The mouse part (brushing
// an exclusion, the Fit button, Copy JSON) drives the same viewer bundle in a Chromium page, playing
// the host with the real engine, since a test in the extension host cannot reach into a webview.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { DownloadOutcome, ViewOutcome } from '../../src/products/productsFeature';
import { prepareFitInput } from '../../src/products/viewer/fitInput';
import { runFitJob } from '../../src/products/viewer/fitJob';
import { renderFitReportJson } from '../../src/shared/lightCurveFit';
import type { FitChoice, FitRendered, RenderedSummary, ViewerFit } from '../../src/shared/viewerProtocol';
import type { ViewerModel } from '../../src/shared/viewModel';
import { requestScreenshot } from '../runners/screenshotRequests';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { readFixture } from '../support/paths';
import { launchChromium, openViewerPage, showModel } from '../viewer-harness/page';
import { sampleModel, syntheticLightCurve } from '../viewer-harness/sampleModel';
import { api, workspaceDir } from './support/extension';
import { sandbox, waitFor } from './support/sandbox';

const USER = 'astro@example.org';
const DOWNLOAD = 'swiftObservatory.xrt.downloadProducts';
const VIEW = 'swiftObservatory.xrt.viewProducts';
const OPEN = 'swiftObservatory.products.openInViewer';

const POWER_LAW: FitChoice = { model: 'power-law', breaks: 0, shape: 'sharp', exclusions: [[1, 150]], datasets: ['WT', 'PC', 'PCUL'] };

type Range = readonly [number, number];
function sameRange(a: Range, b: Range, what: string): void {
  const tol = Math.abs(b[1] - b[0]) * 1e-9;
  assert.ok(Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

describe('Product viewer: decay-law fits', function () {
  this.timeout(180_000);

  describe('in the VS Code webview, on a sandbox job', () => {
    let swift: ExtensionInternals;
    let downloadRoot: string;
    let jobId: string;
    let folder: string;

    before(async () => {
      swift = await api();
      await vscode.workspace.getConfiguration('swiftObservatory').update('xrt.userId', USER, vscode.ConfigurationTarget.Global);
      downloadRoot = path.join(workspaceDir(), 'swift-products');
      await sandbox.reset();
      await sandbox.freezeClock();
      await swift.xrt.registry.remove(swift.xrt.registry.all().map((j) => j.jobId));
      await fs.rm(downloadRoot, { recursive: true, force: true });
      const file = path.join(workspaceDir(), 'fit-tests', 'grb-lc.xrt.json');
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `${JSON.stringify({ ...GRB_LIGHT_CURVE, name: 'GRB fit test' }, null, 2)}\n`);
      const outcome = await vscode.commands.executeCommand<{ kind: string; job?: { jobId: string } }>(
        'swiftObservatory.xrt.submit',
        vscode.Uri.file(file),
      );
      assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
      jobId = outcome.job!.jobId;
      await sandbox.advance(300_000);
      await swift.xrt.scheduler.refreshNow([jobId]);
      const downloaded = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, jobId);
      assert.ok(downloaded.kind === 'downloaded', JSON.stringify(downloaded));
      folder = downloaded.folder;
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    function rendered(key: string, ready: (s: RenderedSummary) => boolean, what: string): Promise<RenderedSummary> {
      return waitFor(`the viewer to render ${what}`, 30_000, () => {
        const s = swift.products.viewer(key)?.lastRendered;
        return s && ready(s) ? s : undefined;
      });
    }

    const fitShown = (f: FitRendered | undefined): boolean =>
      f?.state === 'done' && f.parameters.length > 0 && f.modelCurvePoints > 0 && f.residualPoints > 0;

    async function viewJob(): Promise<string> {
      const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW, jobId);
      assert.ok(shown.kind === 'shown', JSON.stringify(shown));
      await rendered(shown.jobKey, (s) => s.lightCurve !== undefined && s.fit !== undefined, 'the light curve and the Fit panel');
      return shown.jobKey;
    }

    it('fits with an exclusion, draws the model and the residuals on the shared time axis, and keeps the fit in the job folder', async function () {
      const key = await viewJob();
      const panel = swift.products.viewer(key)!;
      const outcome = await panel.requestFit(1, POWER_LAW);
      assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
      assert.ok(outcome.kind === 'done');
      // The sandbox draws the rates from a decay of index 1.2 (test/sandbox/xrt/observations.ts).
      const alpha = outcome.result.parameters.find((p) => p.name === 'alpha1')!;
      assert.ok(alpha.lower! < alpha.value && alpha.value < alpha.upper! && Math.abs(alpha.value - 1.2) < 0.1, JSON.stringify(alpha));
      assert.ok(outcome.result.statistic.excluded > 0, 'the bins before 150 s are left out');

      // The page was told the outcome too (the host posts it, whoever asked), and drew it.
      const s = await rendered(key, (r) => fitShown(r.fit), 'the fit result');
      const fit = s.fit!;
      assert.equal(fit.model, 'power law');
      assert.deepEqual(
        fit.parameters.map((p) => p.name),
        ['N', 'alpha1'],
      );
      assert.match(fit.parameters[1]!.interval, /^1\.\d+ … 1\.\d+$/, 'a 90 % interval from the profile');
      assert.match(fit.statistic!, /^χ² = [\d.]+ for \d+ dof/);
      assert.deepEqual(fit.exclusions, [[1, 150]]);
      const lc = s.lightCurve!;
      assert.deepEqual(
        lc.panels.map((p) => p.panel),
        ['rate', 'residuals', 'hardness'].filter((p) => p !== 'hardness' || lc.panels.some((q) => q.panel === 'hardness')),
      );
      for (const p of lc.panels) sameRange(p.timeRange, lc.timeRange, `${p.panel} panel on the shared time axis`);

      const file = path.join(folder, 'lightcurve-fit.json');
      assert.equal(panel.fitFile, file);
      const kept = JSON.parse(readFileSync(file, 'utf8')) as { choice: FitChoice; result: { label: string } };
      assert.deepEqual(kept.choice, POWER_LAW);
      assert.equal(kept.result.label, 'power law');

      await new Promise((r) => setTimeout(r, 800));
      const shot = await requestScreenshot('product-viewer-fit');
      if (shot !== undefined) assert.equal(readFileSync(shot).subarray(1, 4).toString('latin1'), 'PNG');

      // Closed and opened again: the fit comes back from the folder, drawn as before.
      const statistic = fit.statistic;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor('the viewer to close', 10_000, () => (swift.products.viewer(key) ? undefined : true));
      const again = await viewJob();
      const back = await rendered(again, (r) => fitShown(r.fit), 'the kept fit');
      assert.equal(back.fit!.statistic, statistic);
      assert.deepEqual(back.fit!.exclusions, [[1, 150]]);
      assert.equal(back.fit!.message, undefined, 'the same data: not marked stale');
    });

    it('cancels a running fit, and refuses a request for a dataset the light curve does not have', async () => {
      const key = await viewJob();
      const panel = swift.products.viewer(key)!;
      const running = panel.requestFit(2, { ...POWER_LAW, model: 'auto', shape: 'smooth' });
      // What the page's Cancel button asks for.
      panel.cancelFit(2);
      assert.equal((await running).kind, 'cancelled');
      const refused = await panel.requestFit(3, { ...POWER_LAW, datasets: ['XRT'] });
      assert.ok(refused.kind === 'failed' && /no dataset XRT/.test(refused.message), JSON.stringify(refused));
    });

    it('fits a QDP file opened on its own and keeps the fit beside it', async () => {
      const qdp = await waitFor('the curve.qdp file', 5000, async () => {
        const found: string[] = [];
        const walk = async (dir: string): Promise<void> => {
          for (const e of await fs.readdir(dir, { withFileTypes: true })) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) await walk(p);
            else if (e.name === 'curve.qdp') found.push(p);
          }
        };
        await walk(folder);
        return found[0];
      });
      const shown = await vscode.commands.executeCommand<ViewOutcome>(OPEN, vscode.Uri.file(qdp));
      assert.ok(shown.kind === 'shown', JSON.stringify(shown));
      await rendered(shown.jobKey, (s) => s.fit !== undefined, 'the Fit panel of the file');
      const outcome = await swift.products.viewer(shown.jobKey)!.requestFit(4, { ...POWER_LAW, model: 'broken-power-law', breaks: 1 });
      assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
      await rendered(shown.jobKey, (r) => fitShown(r.fit) && r.fit!.parameters.length === 4, 'the broken power law');
      assert.ok(existsSync(qdp.replace(/\.qdp$/, '.fit.json')), 'kept beside the file');
    });
  });

  describe('with the mouse (the viewer bundle in Chromium, the test playing the host)', () => {
    let browser: Browser;
    let page: Page;
    let model: ViewerModel;

    before(async () => {
      browser = await launchChromium();
      // The fixture job's rows with a longer light curve: a decay with flares, 300 bins of WT and PC.
      model = { ...sampleModel((name) => readFixture('xrt', name) as Record<string, unknown>), lightCurve: syntheticLightCurve(300) };
    });
    after(async () => {
      await browser?.close();
    });
    beforeEach(async () => {
      page = await openViewerPage(browser, 'dark', 1100);
      await showModel(page, model);
    });
    afterEach(async () => {
      await page?.close();
    });

    const outbox = (): Promise<{ type: string; summary?: RenderedSummary; choice?: FitChoice; requestId?: number; text?: string }[]> =>
      page.evaluate(() => (window as unknown as { __webviewOutbox: never[] }).__webviewOutbox);

    async function summary(): Promise<RenderedSummary> {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const s = (await outbox()).filter((m) => m.type === 'rendered').pop()?.summary;
      assert.ok(s?.fit, 'the viewer reports its Fit panel');
      return s;
    }

    async function drag(fromFraction: number, toFraction: number, shift: boolean): Promise<void> {
      const over = (await page.locator('.panel-rate .u-over').boundingBox())!;
      if (shift) await page.keyboard.down('Shift');
      await page.mouse.move(over.x + over.width * fromFraction, over.y + over.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(over.x + over.width * toFraction, over.y + over.height * 0.5, { steps: 6 });
      await page.mouse.up();
      if (shift) await page.keyboard.up('Shift');
    }

    it('brushes exclusions with shift-drag and in "Exclude range" mode, types one, removes one, and fits with them', async () => {
      const start = await summary();
      await drag(0.1, 0.2, true);
      let s = await summary();
      assert.equal(s.fit!.exclusions.length, 1, 'shift-drag excludes');
      sameRange(s.lightCurve!.timeRange, start.lightCurve!.timeRange, 'and does not zoom');
      const brushed = s.fit!.exclusions[0]!;
      // On a log axis 10–20 % of the width is 10 % of the decades.
      const full = start.lightCurve!.timeRange;
      const decades = Math.log10(full[1] / full[0]);
      assert.ok(Math.abs(Math.log10(brushed[1] / brushed[0]) / decades - 0.1) < 0.02, JSON.stringify(brushed));

      await page.click('button:has-text("Exclude range")');
      await drag(0.7, 0.8, false);
      await page.click('button:has-text("Exclude range")');
      await page.fill('input[aria-label="Time range to exclude"]', '2e4–3e4');
      await page.keyboard.press('Enter');
      s = await summary();
      assert.equal(s.fit!.exclusions.length, 3, JSON.stringify(s.fit!.exclusions));
      assert.ok(s.fit!.exclusions.some(([a, b]) => a === 2e4 && b === 3e4));
      await page.fill('input[aria-label="Time range to exclude"]', 'later');
      await page.click('.fit-panel button:has-text("Add")');
      assert.match((await summary()).fit!.message ?? '', /“later” is not a time range/);
      await page.click('ul.exclusions li:nth-child(2) button:has-text("Remove")');
      s = await summary();
      assert.equal(s.fit!.exclusions.length, 2);
      const exclusions = s.fit!.exclusions;

      await page.selectOption('select[aria-label="Model"]', 'auto');
      await page.click('.fit-panel button:has-text("Fit")');
      const request = (await outbox()).filter((m) => m.type === 'fit').pop();
      assert.ok(request?.choice && request.requestId !== undefined, 'the Fit button asks the host');
      assert.deepEqual(request.choice.exclusions, exclusions);
      assert.equal(request.choice.model, 'auto');
      assert.deepEqual(
        request.choice.datasets,
        ['WT', 'PC', 'PCUL'].filter((d) => model.lightCurve!.datasets.some((x) => x.name === d)),
      );
      assert.equal((await summary()).fit!.state, 'running');
      assert.ok(await page.isVisible('.fit-panel button:has-text("Cancel")'), 'Cancel is offered while it runs');

      // The host's part, with the real engine.
      const input = prepareFitInput(model.lightCurve!, request.choice);
      assert.ok(input.ok, JSON.stringify(input));
      const fit: ViewerFit = {
        choice: request.choice,
        result: runFitJob(input.input.datasets, request.choice),
        source: input.input.source,
        fittedAt: '2026-12-02T07:00:00.000Z',
      };
      await page.evaluate((m) => window.dispatchEvent(new MessageEvent('message', { data: m })), {
        type: 'fitDone',
        requestId: request.requestId,
        fit,
      });
      s = await summary();
      assert.equal(s.fit!.state, 'done');
      assert.equal(s.fit!.competingModels, 6, 'the competing models of the automatic choice');
      assert.ok(s.fit!.modelCurvePoints > 0 && s.fit!.residualPoints > 0);
      for (const p of s.lightCurve!.panels) sameRange(p.timeRange, s.lightCurve!.timeRange, `${p.panel} on the shared time axis`);

      await page.click('button:has-text("Copy JSON")');
      const copied = (await outbox()).filter((m) => m.type === 'copy').pop();
      assert.equal(copied?.text, renderFitReportJson(fit.result, fit.source), 'the same JSON as the command line');

      const dir = process.env.SWIFT_SCREENSHOTS;
      if (dir) {
        await fs.mkdir(dir, { recursive: true });
        await page.locator('.product-lightCurve').screenshot({ path: path.join(dir, 'viewer-fit-harness.png') });
      }
    });
  });
});
