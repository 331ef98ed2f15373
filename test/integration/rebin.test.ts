// Rebinning a job's light curve on the UKSSDC site API, inside the real VS Code against the sandbox: the
// command, the rebin as a child of the light-curve product with its status, the one "ready" notice, the
// viewer showing the rebinned curve beside the original and switching between them; Cancel; a refusal
// and an error page; and the main flow again in the rebin wire variants.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { ViewOutcome } from '../../src/products/productsFeature';
import type { RenderedSummary } from '../../src/shared/viewerProtocol';
import type { XrtTreeNode } from '../../src/xrt/views/xrtJobsTree';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { jobRecord } from '../support/jobRecords';
import { launchChromium, openViewerPage, showModel } from '../viewer-harness/page';
import { api } from './support/extension';
import { control, sandbox, sandboxOrigin, waitFor } from './support/sandbox';
import { finishedJob as finishedJobIn } from './support/setup';

const USER = 'astro@example.org';
const REBIN = 'swiftObservatory.xrt.rebinLightCurve';
const CANCEL = 'swiftObservatory.xrt.cancelRebin';
const REMOVE = 'swiftObservatory.xrt.removeRebin';
const VIEW_REBIN = 'swiftObservatory.xrt.viewRebin';
const VIEW = 'swiftObservatory.xrt.viewProducts';
const TIME_BINNING = { binMeth: 'time', pcbin: 1000, wtbin: 10 };

type RebinOutcome =
  | { kind: 'requested'; jobId: string; rebinId: number }
  | { kind: 'failed'; message: string; uncertain: boolean }
  | { kind: 'nothing'; message: string };

interface SandboxRebin {
  rebinId: number;
  jobId: number;
  binMeth: string;
  status: number;
}

describe('XRT light curves rebinned on the service', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await vscode.workspace.getConfiguration('swiftObservatory').update('xrt.userId', USER, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('swiftObservatory').update('xrt.pollIntervalSeconds', 10, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.freezeClock();
    await swift.xrt.registry.remove(swift.xrt.registry.all().map((j) => j.jobId));
  });

  afterEach(async () => {
    await sandbox.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const finishedJob = (): Promise<string> => finishedJobIn(swift, 'rebin-tests/grb-lc.xrt.json', GRB_LIGHT_CURVE);

  const lcNode = (jobId: string): XrtTreeNode => ({ kind: 'product', jobId, product: 'lc' });

  /** The rebin rows under the job's light curve, as the XRT Jobs view shows them. */
  function rebinRows(jobId: string): { node: XrtTreeNode; item: vscode.TreeItem }[] {
    return swift.xrt.tree
      .getChildren(lcNode(jobId))
      .filter((n) => n.kind === 'rebin')
      .map((node) => ({ node, item: swift.xrt.tree.getTreeItem(node) }));
  }

  const sandboxRebins = async (): Promise<SandboxRebin[]> => (await control<{ rebins: SandboxRebin[] }>('GET', '/xrt/rebins')).rebins;

  function rendered(key: string, ready: (s: RenderedSummary) => boolean, what: string): Promise<RenderedSummary> {
    return waitFor(`the viewer to render ${what}`, 20_000, () => {
      const s = swift.products.viewer(key)?.lastRendered;
      return s && ready(s) ? s : undefined;
    });
  }

  async function requestRebin(jobId: string, binning: Record<string, unknown> = TIME_BINNING): Promise<number> {
    const outcome = await vscode.commands.executeCommand<RebinOutcome>(REBIN, lcNode(jobId), undefined, { binning });
    assert.equal(outcome.kind, 'requested', JSON.stringify(outcome));
    return outcome.kind === 'requested' ? outcome.rebinId : -1;
  }

  /** Runs the sandbox clock past the rebin's end and asks for its status, as the poller would. */
  async function finishRebin(jobId: string): Promise<void> {
    await sandbox.advance(60_000);
    await swift.xrt.rebins.refreshNow([jobId]);
  }

  /** The whole flow up to the viewer showing the rebin; returns the viewer's key and the summary. */
  async function rebinAndView(): Promise<{ jobId: string; rebinId: number; key: string; summary: RenderedSummary }> {
    const jobId = await finishedJob();
    const rebinId = await requestRebin(jobId);
    const stored = await sandboxRebins();
    assert.deepEqual(
      stored.map((r) => [r.jobId, r.binMeth]),
      [[Number(jobId), 'time']],
      'the sandbox received one time-binned rebin of this job',
    );
    const [running] = rebinRows(jobId);
    assert.ok(running, 'the rebin is a child of the light curve');
    assert.equal(running.item.contextValue, 'xrtRebinRunning');
    assert.match(String(running.item.description), new RegExp(`#${rebinId} · running`));
    assert.match(running.item.label as string, /time: PC 1000 s, WT 10 s/);

    const before = swift.xrt.announcements.length;
    await finishRebin(jobId);
    const [done] = rebinRows(jobId);
    assert.equal(done?.item.contextValue, 'xrtRebinDone', String(done?.item.description));
    const notices = swift.xrt.announcements.slice(before);
    assert.equal(notices.length, 1, `one notice: ${JSON.stringify(notices)}`);
    assert.match(notices[0]!, /rebinned light curve of GRB 200416A .*is ready/);
    // Asking again (another window's poll, a refresh) announces nothing more.
    await swift.xrt.rebins.refreshNow([jobId]);
    assert.equal(swift.xrt.announcements.length, before + 1);

    const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW_REBIN, done.node);
    assert.equal(shown.kind, 'shown', JSON.stringify(shown));
    const key = shown.kind === 'shown' ? shown.jobKey : '';
    const summary = await rendered(key, (s) => s.lightCurveChoice !== undefined && s.plotPoints > 0, 'the rebinned curve');
    return { jobId, rebinId, key, summary };
  }

  it('rebins: a child of the light curve with its status, one "ready" notice, the viewer shows it beside the original', async () => {
    const { jobId, rebinId, key, summary } = await rebinAndView();
    assert.equal(summary.lightCurveChoice?.options.length, 2);
    assert.match(summary.lightCurveChoice!.options[0]!, /^Original \(counts/);
    assert.equal(summary.lightCurveChoice!.selected, `Rebin ${rebinId} (time: PC 1000 s, WT 10 s)`);
    const rebinnedPoints = summary.plotPoints;

    // View Products shows the original first; both stay listed.
    await vscode.commands.executeCommand<ViewOutcome>(VIEW, jobId);
    const original = await rendered(key, (s) => s.lightCurveChoice?.selected.startsWith('Original') === true, 'the original curve');
    assert.deepEqual(original.lightCurveChoice?.options, summary.lightCurveChoice?.options);
    assert.notEqual(original.plotPoints, rebinnedPoints, 'the rebinned curve has other bins than the original');

    // The rebin is kept with the job: a window that reads the list afresh (reload, another window) has it.
    const text = await fs.readFile(swift.xrt.registry.file, 'utf8');
    assert.match(text, new RegExp(`"rebinId": ${rebinId}`));

    // Remove: the row goes, the original stays.
    await vscode.commands.executeCommand(REMOVE, rebinRows(jobId)[0]!.node);
    assert.equal(rebinRows(jobId).length, 0);
    assert.equal(swift.xrt.registry.get(jobId)?.products.lc?.statusCode, 4);
  });

  it('the viewer’s binning selector switches between the original and the rebin, and Rebin… asks the extension', async () => {
    const { key } = await rebinAndView();
    const model = await swift.products.reload({ jobKey: key });
    assert.ok(model?.rebinnedLightCurves?.length === 1, 'the model has the rebinned curve');
    let browser: Browser | undefined;
    let page: Page | undefined;
    try {
      browser = await launchChromium();
      page = await openViewerPage(browser, 'dark', 1100);
      const first = await showModel(page, model);
      const summaryNow = async (): Promise<RenderedSummary> => {
        await page!.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        return page!.evaluate(() => {
          const outbox = (window as unknown as { __webviewOutbox: { type: string; summary?: RenderedSummary }[] }).__webviewOutbox;
          return outbox.filter((m) => m.type === 'rendered').pop()!.summary!;
        });
      };
      const start = first.summary ?? (await summaryNow());
      assert.match(start.lightCurveChoice!.selected, /^Original/);
      await page.selectOption('select[aria-label="Binning"]', '1');
      const switched = await summaryNow();
      assert.match(switched.lightCurveChoice!.selected, /^Rebin \d+ \(time/);
      assert.notEqual(switched.plotPoints, start.plotPoints, 'another curve is drawn');
      await page.selectOption('select[aria-label="Binning"]', '0');
      assert.equal((await summaryNow()).plotPoints, start.plotPoints, 'the original is back, unchanged');
      await page.click('button:has-text("Rebin…")');
      const asked = await page.evaluate(
        () =>
          (window as unknown as { __webviewOutbox: { type: string }[] }).__webviewOutbox.filter((m) => m.type === 'rebinLightCurve').length,
      );
      assert.equal(asked, 1);
    } finally {
      await page?.close();
      await browser?.close();
    }
  });

  it('Cancel Rebin: the service cancels it, the row says cancelled, no notice', async () => {
    const jobId = await finishedJob();
    const rebinId = await requestRebin(jobId, { binMeth: 'snapshot' });
    const before = swift.xrt.announcements.length;
    const result = await vscode.commands.executeCommand<{ cancelled: boolean }>(CANCEL, rebinRows(jobId)[0]!.node, undefined, {
      confirmed: true,
    });
    assert.equal(result.cancelled, true);
    assert.equal((await sandboxRebins()).find((r) => r.rebinId === rebinId)?.status, -4, 'cancelled on the service');
    const [row] = rebinRows(jobId);
    assert.equal(row?.item.contextValue, 'xrtRebinCancelled');
    assert.match(String(row?.item.description), /cancelled/);
    await finishRebin(jobId);
    assert.equal(swift.xrt.announcements.length, before, 'a cancelled rebin announces nothing');
    // Without a confirmation given in advance, a menu click would ask first; here nothing is left to cancel.
    const again = await vscode.commands.executeCommand<{ cancelled: boolean }>(CANCEL, row!.node, undefined, { confirmed: true });
    assert.equal(again.cancelled, false);
  });

  it('a refusal by the service and an error page are reported and nothing is stored; an invalid binning is never sent', async () => {
    // A job the service does not know (its products expired, say): the site API refuses with ERROR/ERRORTEXT.
    const unknown = {
      ...jobRecord('424242', { codes: { lc: 4 } }),
      serviceUrl: `${sandboxOrigin()}/user_objects`,
      name: 'Expired job',
    };
    await swift.xrt.registry.add(unknown);
    const refused = await vscode.commands.executeCommand<RebinOutcome>(REBIN, lcNode('424242'), undefined, { binning: TIME_BINNING });
    assert.equal(refused.kind, 'failed', JSON.stringify(refused));
    if (refused.kind === 'failed') {
      assert.match(refused.message, /The UKSSDC refused to rebin the light curve of Expired job .*No light curve exists for objectID/);
      assert.equal(refused.uncertain, false, 'a refusal says nothing was started');
    }
    assert.equal((swift.xrt.registry.get('424242')?.rebins ?? []).length, 0);

    // An error page instead of an answer to the POST: it may or may not have been received.
    const jobId = await finishedJob();
    await sandbox.fault({ prefix: '/API/main.php', kind: 'html-error', status: 502, count: 1 });
    const lost = await vscode.commands.executeCommand<RebinOutcome>(REBIN, lcNode(jobId), undefined, { binning: TIME_BINNING });
    assert.equal(lost.kind, 'failed', JSON.stringify(lost));
    if (lost.kind === 'failed') {
      assert.equal(lost.uncertain, true);
      assert.match(lost.message, /may or may not have been received/);
    }
    assert.equal(rebinRows(jobId).length, 0);
    // A binning that is not valid is never sent.
    const sentBefore = (await sandbox.requests({ method: 'POST', pathPrefix: '/API/main.php' })).length;
    const invalid = await vscode.commands.executeCommand<RebinOutcome>(REBIN, lcNode(jobId), undefined, {
      binning: { binMeth: 'counts', pccounts: 20 },
    });
    assert.equal(invalid.kind, 'nothing');
    assert.match(invalid.kind === 'nothing' ? invalid.message : '', /wtcounts.*required/);
    assert.equal((await sandbox.requests({ method: 'POST', pathPrefix: '/API/main.php' })).length, sentBefore);
  });

  const variantSets: readonly Record<string, boolean>[] = [
    { 'rebin-status-string': true, 'rebin-jobid-string': true },
    { 'rebin-json-content-type': true, 'rebin-ok-true': true, 'rebin-no-api-version': true },
  ];
  for (const variants of variantSets) {
    it(`the main flow in the wire variants ${Object.keys(variants).join(', ')}`, async () => {
      await sandbox.variants(variants);
      const { summary, rebinId } = await rebinAndView();
      assert.equal(summary.lightCurveChoice?.selected, `Rebin ${rebinId} (time: PC 1000 s, WT 10 s)`);
      assert.ok(summary.plotPoints > 0);
    });
  }

  it('a rebin that produced no light curve (NOLC) is said so in the viewer; the original is still shown', async () => {
    await sandbox.variants({ 'rebin-nolc': true });
    const jobId = await finishedJob();
    await requestRebin(jobId);
    await finishRebin(jobId);
    const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW_REBIN, rebinRows(jobId)[0]!.node);
    assert.equal(shown.kind, 'shown');
    if (shown.kind !== 'shown') return;
    assert.ok(shown.problems >= 1);
    const model = await swift.products.reload({ jobKey: shown.jobKey });
    assert.ok(model?.problems.some((p) => /produced no light curve/.test(p.message)));
    assert.ok(model?.lightCurve, 'the original is kept');
    const summary = await rendered(shown.jobKey, (s) => s.plotPoints > 0, 'the original');
    assert.equal(summary.lightCurveChoice, undefined, 'no selector with only one curve');
  });
});
