// XRT products inside the real VS Code against the sandbox: download a finished job into the
// workspace, view it (a section per product, drawn), bring the viewer back as a window reload would,
// open a folder or a QDP file offline, and survive hostile downloads and hostile names.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { DownloadOutcome, ViewOutcome } from '../../src/products/productsFeature';
import type { RenderedSummary } from '../../src/shared/viewerProtocol';
import type { ViewerModel, ViewerSectionKey } from '../../src/shared/viewModel';
import { requestScreenshot } from '../runners/screenshotRequests';
import { sandbox, waitFor } from './support/sandbox';
import { GRB_STANDARD_JOB } from '../support/requests';
import { api, workspaceDir } from './support/extension';
import { XRT_USER, finishedJob as finishedJobIn, freshXrtState, setSetting } from './support/setup';

const DOWNLOAD = 'swiftObservatory.xrt.downloadProducts';
const VIEW = 'swiftObservatory.xrt.viewProducts';
const OPEN = 'swiftObservatory.products.openInViewer';

/** GRB 200416A with every product that has a section in the viewer. */
const GRB_ALL = { ...GRB_STANDARD_JOB, image: 1, imen: '0.3-10,1-4', sourceDet: 1, detobs: 'all' };
const ALL_SECTIONS: readonly ViewerSectionKey[] = ['lightCurve', 'spectrum', 'positions', 'image', 'sourceDetection'];

describe('XRT products: download and viewer', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;
  let downloadRoot: string;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
    await setSetting('xrt.pollIntervalSeconds', 10);
    downloadRoot = path.join(workspaceDir(), 'swift-products');
  });

  beforeEach(async () => {
    await freshXrtState(swift);
    await fs.rm(downloadRoot, { recursive: true, force: true });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Submits the request, runs the sandbox clock past completion and polls until every product is done. */
  const finishedJob = (request: Record<string, unknown> = GRB_ALL): Promise<string> =>
    finishedJobIn(swift, `products-tests/${String(request.name).replace(/\W+/g, '-')}.xrt.json`, request);

  /** The next summary the viewer of `key` reports in which `ready` holds. */
  function rendered(key: string, ready: (s: RenderedSummary) => boolean, what: string): Promise<RenderedSummary> {
    return waitFor(`the viewer to render ${what}`, 20_000, () => {
      const s = swift.products.viewer(key)?.lastRendered;
      return s && ready(s) ? s : undefined;
    });
  }

  it('downloads a finished job into <JobID>-<name>/ and views it: a section per product, plot and tables drawn', async () => {
    const jobId = await finishedJob();
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, { kind: 'job', jobId });
    assert.equal(outcome.kind, 'downloaded', JSON.stringify(outcome));
    const folder = path.join(downloadRoot, `${jobId}-GRB_200416A`);
    assert.equal(outcome.folder, folder);
    assert.ok(existsSync(path.join(folder, `USERPROD_${jobId}`, 'lc', 'curve.qdp')), 'curve.qdp is on disk');
    assert.deepEqual(readdirSync(downloadRoot), [`${jobId}-GRB_200416A`], 'nothing else (no staging folder, no archive) is left');
    assert.equal(swift.xrt.registry.get(jobId)?.downloadFolder, folder, 'the job remembers its folder');
    const archives = await sandbox.requests({ method: 'GET', pathPrefix: `/user_objects/tprods/USERPROD_${jobId}/all.tar.gz` });
    assert.equal(archives.length, 1);

    const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW, { kind: 'job', jobId });
    assert.equal(shown.kind, 'shown', JSON.stringify(shown));
    if (shown.kind !== 'shown') return;
    const summary = await rendered(shown.jobKey, (s) => s.sections.length === ALL_SECTIONS.length && s.plotPoints > 0, 'every section');
    assert.deepEqual(summary.sections, ALL_SECTIONS);
    assert.ok(summary.plotPoints > 10, `points drawn: ${summary.plotPoints}`);
    assert.ok(summary.tables >= 3, `tables drawn (fits, positions, sources): ${summary.tables}`);

    // Viewing again reuses the job's panel.
    const again = await vscode.commands.executeCommand<ViewOutcome>(VIEW, jobId);
    assert.equal(again.kind === 'shown' && again.jobKey, shown.jobKey);
  });

  it('a single product downloads as <stem>.tar.gz into the job folder', async () => {
    const jobId = await finishedJob();
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, { kind: 'product', jobId, product: 'psf' });
    assert.equal(outcome.kind, 'downloaded', JSON.stringify(outcome));
    assert.equal((await sandbox.requests({ method: 'GET', pathPrefix: `/user_objects/tprods/USERPROD_${jobId}/psf.tar.gz` })).length, 1);
    assert.deepEqual(readdirSync(path.join(downloadRoot, `${jobId}-GRB_200416A`, `USERPROD_${jobId}`)), ['psf']);
  });

  it('the viewer comes back after a window reload (serializer’s reload function), and says so when it cannot', async () => {
    const jobId = await finishedJob();
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, { kind: 'job', jobId });
    assert.equal(outcome.kind, 'downloaded');
    const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW, jobId);
    assert.ok(shown.kind === 'shown');
    const key = shown.jobKey;
    const before = await rendered(key, (s) => s.sections.length === ALL_SECTIONS.length && s.plotPoints > 0, 'before the reload');

    // What the webview stored with setState, then the panel goes as a reloaded window loses it.
    const state = { jobKey: key, folder: outcome.kind === 'downloaded' ? outcome.folder : '' };
    swift.products.viewer(key)!.dispose();
    assert.equal(swift.products.viewer(key), undefined);
    const model = await swift.products.reload(state);
    assert.ok(model, 'the model is rebuilt from the registry, the service and the folder');
    assert.deepEqual(
      ALL_SECTIONS.filter((s) => model[s] !== undefined),
      ALL_SECTIONS,
    );
    swift.products.show(model, key, state.folder);
    const after = await rendered(key, (s) => s.sections.length === ALL_SECTIONS.length && s.plotPoints > 0, 'after the reload');
    assert.equal(after.plotPoints, before.plotPoints);
    assert.equal(after.tables, before.tables);

    // The service forgot the job (expired) and the job left the list: the folder alone still shows it.
    await swift.xrt.registry.remove([jobId]);
    const offline = await swift.products.reload(state);
    assert.ok(offline?.lightCurve && offline.image, 'rebuilt from the folder');
    await fs.rm(state.folder, { recursive: true, force: true });
    assert.equal(await swift.products.reload(state), undefined, 'nothing left to show: the serializer shows its notice');
    assert.equal(await swift.products.reload({ jobKey: 'something-else:1' }), undefined);
  });

  it('opens a downloaded folder, or one QDP file, offline from the Explorer', async () => {
    const jobId = await finishedJob();
    const outcome = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, jobId);
    assert.ok(outcome.kind === 'downloaded');
    // Offline: the service is unreachable from now on, and must not be asked.
    const before = (await sandbox.requests({ pathPrefix: '/user_objects/tprods/get' })).length;
    await sandbox.fault({ prefix: '/user_objects', kind: 'reset', count: 100 });

    const fromFolder = await vscode.commands.executeCommand<ViewOutcome>(OPEN, vscode.Uri.file(outcome.folder));
    assert.ok(fromFolder.kind === 'shown', JSON.stringify(fromFolder));
    assert.deepEqual(fromFolder.sections, ALL_SECTIONS);
    await rendered(fromFolder.jobKey, (s) => s.sections.length === ALL_SECTIONS.length && s.plotPoints > 0, 'the folder');

    const qdp = path.join(outcome.folder, `USERPROD_${jobId}`, 'lc', 'curve.qdp');
    const fromFile = await vscode.commands.executeCommand<ViewOutcome>(OPEN, vscode.Uri.file(qdp));
    assert.ok(fromFile.kind === 'shown', JSON.stringify(fromFile));
    const lc = await rendered(fromFile.jobKey, (s) => s.plotPoints > 0, 'the QDP file');
    assert.deepEqual(lc.sections, ['lightCurve']);
    assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/tprods/get' })).length, before, 'no data request offline');

    const empty = path.join(workspaceDir(), 'products-tests', 'not-products');
    await fs.mkdir(empty, { recursive: true });
    const nothing = await vscode.commands.executeCommand<ViewOutcome>(OPEN, vscode.Uri.file(empty));
    assert.equal(nothing.kind, 'nothing');
    assert.match(nothing.kind === 'nothing' ? nothing.message : '', /No XRT product folders/);
  });

  it('a hostile download (connection reset, error page) gives a clear message and leaves nothing that looks finished', async () => {
    const jobId = await finishedJob();
    const archive = `/user_objects/tprods/USERPROD_${jobId}/all.tar.gz`;
    await sandbox.fault({ prefix: archive, kind: 'reset' });
    const reset = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, jobId);
    assert.equal(reset.kind, 'failed', JSON.stringify(reset));
    assert.match(
      reset.kind === 'failed' ? reset.message : '',
      new RegExp(`^Could not download the products of GRB 200416A \\(XRT job ${jobId}\\): `),
    );

    await sandbox.fault({ prefix: archive, kind: 'html-error', status: 502, message: '<b>Proxy</b> failure' });
    const page = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, jobId);
    assert.equal(page.kind, 'failed');
    const message = page.kind === 'failed' ? page.message : '';
    assert.match(message, /HTTP 502/);
    assert.doesNotMatch(message, /<[a-z!/]/i, 'no markup in the message');

    const left = existsSync(downloadRoot) ? readdirSync(downloadRoot) : [];
    assert.deepEqual(left, [], `nothing left in ${downloadRoot}`);
    assert.equal(swift.xrt.registry.get(jobId)?.downloadFolder, undefined, 'no folder recorded');
  });

  it('shows hostile text literally, with the plot and tables drawn (screenshot)', async function () {
    const hostile = '<img src=x onerror=alert(1)>';
    const model: ViewerModel = {
      version: 1,
      job: { id: '424242', name: hostile, targetName: hostile },
      lightCurve: {
        timeFormat: 'MET',
        T0: 608713541.952,
        datasets: [
          {
            name: 'PC',
            mode: 'PC',
            kind: 'detections',
            incbad: false,
            nosys: false,
            columns: {
              Time: [100, 300, 900, 2500, 8000],
              TimePos: [50, 80, 200, 500, 2000],
              TimeNeg: [-50, -80, -200, -500, -2000],
              Rate: [12, 6.5, 2.1, 0.7, 0.12],
              RatePos: [1.2, 0.8, 0.3, 0.1, 0.03],
              RateNeg: [-1.2, -0.8, -0.3, -0.1, -0.03],
            },
          },
          {
            name: 'PCUL',
            mode: 'PC',
            kind: 'upper-limits',
            incbad: false,
            nosys: false,
            columns: { Time: [20000], TimePos: [3000], TimeNeg: [-3000], Rate: [0.05] },
          },
        ],
      },
      sourceDetection: {
        bands: [
          {
            band: 'Total',
            columns: ['sno', 'ra', 'dec', '<script>alert(2)</script>'],
            rows: [['1', '335.69850', '-7.51788', '<img src=y onerror=alert(3)>']],
          },
        ],
      },
      problems: [{ severity: 'warning', product: 'lc', message: `A note with markup: ${hostile}` }],
    };
    const key = 'test:hostile';
    swift.products.show(model, key);
    const summary = await rendered(key, (s) => s.plotPoints > 0 && s.tables > 0, 'the hostile model');
    assert.deepEqual(summary.sections, ['lightCurve', 'sourceDetection']);
    assert.equal(summary.plotPoints, 6, 'five detections and one upper limit placed on the canvas');
    assert.ok(summary.tables >= 1);
    assert.ok(summary.headerText.includes(hostile), `the name shows literally in the heading: ${summary.headerText}`);
    assert.deepEqual(summary.activeMarkup, [], 'no element from service text can run code or load content');
    await new Promise((r) => setTimeout(r, 800));
    const file = await requestScreenshot('product-viewer-hostile');
    if (file === undefined) this.skip();
    assert.equal(readFileSync(file).subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('shows a downloaded job as the user sees it (screenshot)', async function () {
    const jobId = await finishedJob();
    assert.equal((await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, jobId)).kind, 'downloaded');
    const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW, jobId);
    assert.ok(shown.kind === 'shown');
    await rendered(shown.jobKey, (s) => s.sections.length === ALL_SECTIONS.length && s.plotPoints > 0, 'every section');
    await new Promise((r) => setTimeout(r, 800));
    const file = await requestScreenshot('product-viewer');
    if (file === undefined) this.skip();
    assert.equal(readFileSync(file).subarray(1, 4).toString('latin1'), 'PNG');
  });
});
