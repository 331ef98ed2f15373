// Campaigns inside the real VS Code against the sandbox: a small campaign (inline sources and a CSV
// table) run end to end within its active-job limit, stopped halfway and run again without a duplicate,
// an uncertain submission settled from the job list, and a table with a bad row refused with its line.
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import { requestScreenshot } from '../runners/screenshotRequests';
import { GRB_LIGHT_CURVE, GRB_STANDARD_JOB } from '../support/requests';
import { sandbox, waitFor } from './support/sandbox';
import { api, workspaceDir } from './support/extension';
import { XRT_USER, freshXrtState, setSetting } from './support/setup';

const { name: _name, targ: _targ, RA: _ra, Dec: _dec, ...TEMPLATE } = GRB_LIGHT_CURVE;
const SUBMIT = '/user_objects/run_userobject.php';

interface StateFile {
  sources: Record<string, { status: string; jobId?: string }>;
}

interface StoredResults {
  rows: { sourceId: string; progress: string; jobId?: string; cells: Record<string, number | string | null> }[];
}

/** Everything of the standard GRB job (light curve, spectrum, standard position) but what names the source. */
const { name: _n, targ: _t, RA: _r, Dec: _d, ...STANDARD_TEMPLATE } = GRB_STANDARD_JOB;

/** A campaign folder in the test workspace: the campaign file and its CSV; returns the campaign's URI. */
async function campaign(
  folder: string,
  inline: number,
  csvRows: string[],
  maxActiveJobs = 2,
  template: Record<string, unknown> = TEMPLATE,
  /** Sources given by name only (resolved by the service), instead of the inline ones at empty positions. */
  named: string[] = [],
): Promise<vscode.Uri> {
  const dir = path.join(workspaceDir(), 'campaign-tests', folder);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const positioned = Array.from({ length: inline }, (_, i) => ({
    name: `${folder} inline ${i + 1}`,
    targ: String(90_001 + i),
    RA: 10 + i,
    Dec: -20,
  }));
  const sources = [...positioned, ...named.map((name) => ({ name }))];
  await fs.writeFile(path.join(dir, 'sources.csv'), ['Name,Target,RA,Dec', ...csvRows].join('\r\n') + '\r\n');
  const file = path.join(dir, `${folder}.xrt-campaign.json`);
  const body = {
    maxActiveJobs,
    template,
    sources,
    sourceTable: { file: 'sources.csv', columns: { name: 'Name', targ: 'Target', RA: 'RA', Dec: 'Dec' } },
  };
  await fs.writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return vscode.Uri.file(file);
}

async function state(uri: vscode.Uri): Promise<StateFile> {
  return JSON.parse(await fs.readFile(uri.fsPath.replace(/\.json$/, '.state.json'), 'utf8')) as StateFile;
}

async function submissions(): Promise<number> {
  return (await sandbox.requests({ pathPrefix: SUBMIT })).filter((r) => r.method === 'POST').length;
}

describe('XRT campaigns', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
    // Short waits between rounds (half the poll interval, at least 5 s).
    await setSetting('xrt.pollIntervalSeconds', 10);
  });
  beforeEach(async () => {
    await freshXrtState(swift);
  });

  it('runs inline sources and CSV rows end to end, never with more than maxActiveJobs active', async () => {
    const uri = await campaign('small', 3, ['GRB csv one,90101,40.5,12.25', '"GRB csv two, field",90102,41.5,12.5']);
    const run = vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri);
    await waitFor('two submissions', 30_000, async () => ((await submissions()) >= 2 ? true : undefined));
    // The service now counts two active jobs: the campaign waits.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await submissions(), 2, 'the third source waits for room');
    for (let i = 0; i < 6 && (await submissions()) < 5; i++) {
      await sandbox.advance(10 * 60_000);
      await waitFor('the next submissions', 20_000, async () => ((await submissions()) >= Math.min(5, 2 * (i + 2)) ? true : undefined));
    }
    await sandbox.advance(10 * 60_000);
    assert.equal(await run, 'finished');
    assert.equal(await submissions(), 5);
    const saved = await state(uri);
    const ids = Object.keys(saved.sources).sort();
    assert.equal(ids.length, 5);
    for (const id of ids) assert.equal(saved.sources[id]?.status, 'submitted', id);
    // The XRT Jobs view groups them under the campaign, with done / total.
    const campaignNode = swift.xrt.tree.getChildren().find((n) => n.kind === 'campaign');
    assert.deepEqual(campaignNode, { kind: 'campaign', file: uri.toString() });
    assert.equal(swift.xrt.tree.getChildren(campaignNode).length, 5);
    const row = swift.xrt.tree.getTreeItem(campaignNode);
    assert.equal(row.label, 'small');
    assert.match(String(row.description), /\d\/5 done/);
    assert.doesNotMatch(String(row.description), /to send/, 'nothing is left to send');
    const names = swift.xrt.registry.all().map((j) => j.name);
    for (const n of ['small inline 1', 'small inline 2', 'small inline 3', 'GRB csv one', 'GRB csv two, field'])
      assert.ok(names.includes(n), `${n} is in the XRT Jobs list`);
  });

  it('stopped halfway and run again, sends only what was not sent', async () => {
    const uri = await campaign('resume', 4, [], 2);
    const first = vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri);
    await waitFor('two submissions', 30_000, async () => ((await submissions()) >= 2 ? true : undefined));
    assert.equal(await vscode.commands.executeCommand('swiftObservatory.xrt.stopCampaign', uri), true);
    assert.equal(await first, 'stopped');
    assert.equal(await submissions(), 2);
    await sandbox.advance(10 * 60_000);
    const second = vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri);
    await waitFor('the other two', 30_000, async () => ((await submissions()) >= 4 ? true : undefined));
    await sandbox.advance(10 * 60_000);
    assert.equal(await second, 'finished');
    assert.equal(await submissions(), 4, 'no source was sent twice');
    const jobs = (await sandbox.xrtJobs()).filter((j) => j.name.startsWith('resume '));
    assert.equal(jobs.length, 4);
  });

  it('settles a submission whose answer was cut from the job list instead of sending it again', async () => {
    const uri = await campaign('cut', 2, [], 5);
    await sandbox.fault({ prefix: SUBMIT, kind: 'truncated-json', match: '"cut inline 1"' });
    assert.equal(await vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri), 'finished');
    const jobs = (await sandbox.xrtJobs()).filter((j) => j.name.startsWith('cut '));
    assert.deepEqual(jobs.map((j) => j.name).sort(), ['cut inline 1', 'cut inline 2'], 'one job per source');
    const saved = await state(uri);
    const made = jobs.find((j) => j.name === 'cut inline 1')!;
    assert.ok(
      Object.values(saved.sources).some((s) => s.jobId === String(made.JobID)),
      'the cut answer’s job was adopted',
    );
  });

  it('refuses a campaign whose CSV has a bad row, naming its line, and sends nothing', async () => {
    const uri = await campaign('badrow', 1, ['GRB good,90201,40,10', 'GRB bad,90202,forty,10']);
    const run = await vscode.commands.executeCommand<string | undefined>('swiftObservatory.xrt.runCampaign', uri);
    assert.equal(run, undefined);
    assert.equal(await submissions(), 0);
    const diagnostics = await waitFor('the bad row in the Problems panel', 20_000, () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => /line 3/.test(d.message));
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
  });

  it('downloads each finished source into its folder with its provenance, and shows a row per source in the results table', async () => {
    // Two X-ray sources of the sandbox's catalogue, so that every product has something to show.
    const uri = await campaign('results', 0, [], 5, STANDARD_TEMPLATE, ['GRB 200416A', 'FO Aqr']);
    assert.equal(await vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri), 'finished');
    await sandbox.advance(30 * 60_000);
    await swift.xrt.scheduler.refreshNow();
    const ids = Object.keys((await state(uri)).sources).sort();
    assert.equal(ids.length, 2);
    const folder = path.join(path.dirname(uri.fsPath), 'results');
    for (const id of ids) {
      const provenance = await waitFor(`the products and provenance of ${id}`, 60_000, async () => {
        const text = await fs.readFile(path.join(folder, id, 'provenance.json'), 'utf8').catch(() => undefined);
        return text === undefined
          ? undefined
          : (JSON.parse(text) as { sourceId: string; job: { jobId: string }; request: unknown; jobPars: unknown });
      });
      assert.equal(provenance.sourceId, id);
      assert.equal(provenance.job.jobId, (await state(uri)).sources[id]?.jobId);
      assert.ok(provenance.request && typeof provenance.request === 'object', 'the request sent is recorded');
      const entries = await fs.readdir(path.join(folder, id));
      assert.ok(
        entries.some((e) => e.startsWith('USERPROD')),
        `${id}'s products are in its folder: ${entries.join(', ')}`,
      );
    }

    await vscode.commands.executeCommand('swiftObservatory.xrt.showCampaignResults', uri);
    const table = await waitFor('the results table', 30_000, () => {
      const drawn = swift.products.campaignTable(uri.toString())?.lastRendered;
      return drawn && drawn.rows > 0 ? drawn : undefined;
    });
    assert.deepEqual({ rows: table.rows, shown: table.shown }, { rows: 2, shown: 2 });
    const stored = JSON.parse(await fs.readFile(path.join(folder, 'results.json'), 'utf8')) as StoredResults;
    assert.deepEqual(stored.rows.map((r) => r.sourceId).sort(), ids);
    // A row's Open shows that source's job in the product viewer.
    const opened = stored.rows[0]!;
    await swift.products.campaignTable(uri.toString())!.openSource(opened.sourceId);
    await waitFor(`the viewer of ${opened.sourceId}`, 30_000, () => swift.products.viewer(swift.products.jobKey(opened.jobId!)));
    await vscode.commands.executeCommand('swiftObservatory.xrt.showCampaignResults', uri);
    // What a user sees: the campaign with its sources in the XRT Jobs view, the table beside it.
    await vscode.commands.executeCommand('swiftObservatory.xrtJobs.focus');
    await new Promise((r) => setTimeout(r, 800));
    const picture = await requestScreenshot('campaign-results');
    if (picture !== undefined) assert.equal(readFileSync(picture).subarray(1, 4).toString('latin1'), 'PNG');
    for (const row of stored.rows) {
      assert.equal(row.progress, 'downloaded', row.sourceId);
      for (const key of ['ra', 'dec', 'err90', 'rate', 'nh'])
        assert.equal(typeof row.cells[key], 'number', `${row.sourceId}: ${key} is ${String(row.cells[key])} (${JSON.stringify(row)})`);
    }
  });

  it('pauses and resumes, and Cancel Campaign withdraws what was not sent and cancels its active job', async () => {
    const uri = await campaign('pause', 4, [], 1);
    const run = vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri);
    await waitFor('the first submission', 30_000, async () => ((await submissions()) >= 1 ? true : undefined));
    await vscode.commands.executeCommand('swiftObservatory.xrt.pauseCampaign', uri);
    assert.equal(await run, 'paused');
    await sandbox.advance(10 * 60_000);
    const resumed = vscode.commands.executeCommand<string>('swiftObservatory.xrt.resumeCampaign', uri);
    await waitFor('the second submission', 30_000, async () => ((await submissions()) >= 2 ? true : undefined));
    await swift.xrt.scheduler.refreshNow();
    const outcome = await vscode.commands.executeCommand<{ cancelled: number; withdrawn: number; failed: number }>(
      'swiftObservatory.xrt.cancelCampaign',
      uri,
      undefined,
      { confirmed: true },
    );
    assert.notEqual(await resumed, 'finished');
    assert.deepEqual(outcome, { cancelled: 1, withdrawn: 2, failed: 0 });
    await sandbox.advance(10 * 60_000);
    assert.equal(await submissions(), 2, 'nothing was sent after the cancel');
    const statuses = Object.values((await state(uri)).sources).map((s) => s.status);
    assert.deepEqual(statuses.sort(), ['submitted', 'submitted', 'withdrawn', 'withdrawn']);
    const second = (await sandbox.xrtJobs()).find((j) => j.name === 'pause inline 2');
    assert.ok(
      second && Object.values(second.products).every((code) => code === -4),
      `the active job was cancelled: ${JSON.stringify(second)}`,
    );
  });
});
