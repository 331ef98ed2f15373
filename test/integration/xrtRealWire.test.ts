// XRT against the product generator as the real one speaks: by default the sandbox labels its JSON
// text/html after a blank line, sets a PHP session cookie and writes numbers as strings; each wire
// variant (test/sandbox/xrt/README.md) changes one thing the references leave unknown. In each, what a
// user does must work end to end: submit → monitor → download → view; and the history flows (import
// through getOldProduct, save a job as a request) must survive the service's echoes.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { DownloadOutcome, ViewOutcome } from '../../src/products/productsFeature';
import type { RenderedSummary } from '../../src/shared/viewerProtocol';
import { GRB_STANDARD_JOB } from '../support/requests';
import { api, workspaceDir, workspaceJsonFile } from './support/extension';
import { sandbox, sandboxOrigin, waitFor } from './support/sandbox';
import { XRT_USER, freshXrtState, setSetting } from './support/setup';

const DOWNLOAD = 'swiftObservatory.xrt.downloadProducts';
const VIEW = 'swiftObservatory.xrt.viewProducts';

/** Light curve, spectrum, standard position and source detection: four viewer sections. */
const GRB_JOB = { ...GRB_STANDARD_JOB, sourceDet: 1, detobs: 'all' };
const SECTIONS = ['lightCurve', 'spectrum', 'positions', 'sourceDetection'];

const WIRES: readonly { readonly label: string; readonly variants: Record<string, boolean | string> }[] = [
  { label: 'the real-wire default (text/html JSON after a blank line)', variants: {} },
  { label: 'xrt-json-content-type', variants: { 'xrt-json-content-type': true } },
  { label: 'xrt-null-optionals', variants: { 'xrt-null-optionals': true } },
  { label: 'xrt-legacy-echo', variants: { 'xrt-legacy-echo': true } },
  { label: 'xrt-api-version=1.13', variants: { 'xrt-api-version': '1.13' } },
];

type Outcome = { kind: string; job?: { jobId: string }; message?: string; problems?: string[] };

/** One raw POST to the sandbox's XRT service, to see its wire as the extension does. */
function rawPost(route: string, body: unknown): Promise<{ headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${sandboxOrigin()}/user_objects${route}`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('XRT on the real wire and its variants', function () {
  this.timeout(180_000);
  let swift: ExtensionInternals;
  let downloadRoot: string;
  /** Viewer problems of the default run, the baseline for the variants. */
  let baselineProblems: number | undefined;

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

  after(async () => {
    await sandbox.reset();
  });

  const requestFile = (name: string, body: Record<string, unknown>): Promise<vscode.Uri> => workspaceJsonFile('xrt-real-wire', name, body);

  function rendered(key: string, ready: (s: RenderedSummary) => boolean, what: string): Promise<RenderedSummary> {
    return waitFor(`the viewer to render ${what}`, 30_000, () => {
      const s = swift.products.viewer(key)?.lastRendered;
      return s && ready(s) ? s : undefined;
    });
  }

  /** Polls until every product of the job is finished, then downloads and views it. */
  async function monitorDownloadView(jobId: string, sections: readonly string[]): Promise<ViewOutcome & { kind: 'shown' }> {
    await swift.xrt.scheduler.refreshNow([jobId]);
    const states = Object.entries(swift.xrt.registry.get(jobId)!.products).map(([p, s]) => `${p}:${s.statusCode}`);
    assert.ok(
      states.every((s) => s.endsWith(':4')),
      `every product complete: ${states.join(' ')}`,
    );
    const downloaded = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, { kind: 'job', jobId });
    assert.equal(downloaded.kind, 'downloaded', JSON.stringify(downloaded));
    const shown = await vscode.commands.executeCommand<ViewOutcome>(VIEW, { kind: 'job', jobId });
    assert.equal(shown.kind, 'shown', JSON.stringify(shown));
    if (shown.kind !== 'shown') throw new Error('not shown');
    const summary = await rendered(
      shown.jobKey,
      (s) => s.sections.length === sections.length && (!sections.includes('lightCurve') || s.plotPoints > 0),
      sections.join(', '),
    );
    assert.deepEqual([...summary.sections], [...sections]);
    return shown;
  }

  for (const wire of WIRES) {
    it(`${wire.label}: submit → monitor → download → view`, async () => {
      await sandbox.variants(wire.variants);
      const outcome = await vscode.commands.executeCommand<Outcome>(
        'swiftObservatory.xrt.submit',
        await requestFile('grb.xrt.json', GRB_JOB),
      );
      assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
      const jobId = outcome.job!.jobId;
      assert.match(swift.xrt.registry.get(jobId)!.url, new RegExp(`/USERPROD_${jobId}$`), 'the URL the service returned');

      // Half-way: running, with progress shown (status texts may be null in a variant).
      await sandbox.advance(35_000);
      await swift.xrt.scheduler.refreshNow([jobId]);
      assert.equal(swift.xrt.registry.get(jobId)?.products.lc.statusCode, 3);
      assert.equal(swift.xrt.registry.get(jobId)?.poll.lastError, undefined, 'the status reply was read');

      await sandbox.advance(300_000);
      const shown = await monitorDownloadView(jobId, SECTIONS);
      assert.ok(swift.xrt.announcements.some((a) => a.includes(`XRT job ${jobId}`) && a.includes('is ready')));
      if (baselineProblems === undefined && Object.keys(wire.variants).length === 0) baselineProblems = shown.problems;
      else if (baselineProblems !== undefined && !wire.variants['xrt-null-optionals'])
        assert.equal(shown.problems, baselineProblems, 'the variant adds no problem to the view');
    });
  }

  it('the sandbox really answers as the real server does by default (text/html, a blank line, PHPSESSID)', async () => {
    const reply = await rawPost('/getNumJobs.php', { UserID: XRT_USER });
    assert.equal(reply.headers['content-type'], 'text/html; charset=UTF-8');
    assert.match(reply.text, /^\n\{/);
    assert.match(String(reply.headers['set-cookie']), /PHPSESSID=/);
    assert.equal(await vscode.commands.executeCommand<number>('swiftObservatory.xrt.countActiveJobs'), 0, 'and the extension reads it');
  });

  for (const variants of [{}, { 'xrt-null-optionals': true }] as Record<string, boolean | string>[]) {
    it(`imports old jobs through getOldProduct, source detection included, and polls, downloads and views one${Object.keys(variants).length ? ' (null names and dates)' : ''}`, async () => {
      await sandbox.variants(variants);
      const imported = await vscode.commands.executeCommand<number>('swiftObservatory.xrt.importJobs', { all: true });
      assert.ok(imported >= 3, `imported ${imported}`);
      assert.equal(
        (await sandbox.requests({ pathPrefix: '/user_objects/getOldProduct.php' })).length,
        imported,
        'one getOldProduct per job',
      );
      const sourceDet = swift.xrt.registry.get('3510');
      assert.ok(sourceDet, 'the source-detection job is imported');
      assert.deepEqual(Object.keys(sourceDet.products), ['sourceDet'], 'with its product, which listOldJobs does not name');
      assert.equal(sourceDet.name, 'SS 433');
      assert.equal(sourceDet.jobPars.detbands, 'all', 'the job keeps its parameters');
      const all = swift.xrt.registry.get('800');
      assert.deepEqual(Object.keys(all?.products ?? {}), ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image']);
      await monitorDownloadView('3510', ['sourceDetection']);
    });
  }

  it('xrt-legacy-echo: Save as Request turns the echo into a valid file that means the same, and it submits', async () => {
    await sandbox.variants({ 'xrt-legacy-echo': true });
    const outcome = await vscode.commands.executeCommand<Outcome>(
      'swiftObservatory.xrt.submit',
      await requestFile('legacy.xrt.json', { ...GRB_STANDARD_JOB, useSXPS: 1 }),
    );
    assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
    const jobId = outcome.job!.jobId;
    assert.equal(swift.xrt.registry.get(jobId)?.jobPars.useSXPS, '2SXPS', 'the service echoed the legacy form');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('swiftObservatory.xrt.saveAsRequest', { kind: 'job', jobId });
    const body = JSON.parse(editor.document.getText()) as Record<string, unknown>;
    assert.equal(body.useSXPS, 1);
    assert.equal(body.timeslice, undefined, 'a numeric code of unknown meaning is left out');
    assert.equal(body.centMeth, undefined);
    assert.equal(body.image, undefined, 'only requested products');
    await editor.document.save();
    const again = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', editor.document.uri);
    assert.equal(again.kind, 'submitted', JSON.stringify(again));
  });

  it('refuses an observation list whose mode is not "user" (the service would ignore the list), sending nothing', async () => {
    const uri = await requestFile('obs-list.xrt.json', { ...GRB_STANDARD_JOB, uselcobs: '00966554000' });
    const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
    assert.equal(outcome.kind, 'invalid', JSON.stringify(outcome));
    assert.ok(
      outcome.problems?.some((p) => p.startsWith('uselcobs') && /lcobs/.test(p)),
      JSON.stringify(outcome.problems),
    );
    assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length, 0);
  });
});
