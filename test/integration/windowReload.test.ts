// A campaign across a real window reload: the window is reloaded while a campaign is sending (the extension
// host and every run in it end; the workbench starts a new one), and the campaign then goes on from its state
// file without sending any source twice. This file runs last (see test/integration/index.ts): the run before
// the reload ends with it, and the run after it only goes on with the continuation.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { api, workspaceDir } from './support/extension';
import { continuedReload, reloadWindow } from './support/reload';
import { sandbox, waitFor } from './support/sandbox';
import { XRT_USER, freshXrtState, setSetting } from './support/setup';

const { name: _name, targ: _targ, RA: _ra, Dec: _dec, ...TEMPLATE } = GRB_LIGHT_CURVE;
const SUBMIT = '/user_objects/run_userobject.php';
const SUITE = 'XRT campaigns across a window reload';
const CONTINUATION = 'goes on after the reload from its state file, sending each source once';
const SOURCES = 4;

async function submissions(): Promise<number> {
  return (await sandbox.requests({ pathPrefix: SUBMIT })).filter((r) => r.method === 'POST').length;
}

describe(SUITE, function () {
  this.timeout(120_000);

  it('reloads the window while a campaign is sending', async function () {
    // The run after the reload has the marker; it only goes on (the grep keeps this test out of it anyway).
    if (continuedReload()) this.skip();
    const swift = await api();
    await setSetting('xrt.userId', XRT_USER);
    await setSetting('xrt.pollIntervalSeconds', 10);
    await freshXrtState(swift);
    const dir = path.join(workspaceDir(), 'campaign-tests', 'reload');
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'reload.xrt-campaign.json');
    const sources = Array.from({ length: SOURCES }, (_, i) => ({
      name: `reload ${i + 1}`,
      targ: String(91_001 + i),
      RA: 20 + i,
      Dec: -30,
    }));
    await fs.writeFile(file, `${JSON.stringify({ maxActiveJobs: 2, template: TEMPLATE, sources }, null, 2)}\n`);
    const uri = vscode.Uri.file(file);
    void vscode.commands.executeCommand('swiftObservatory.xrt.runCampaign', uri);
    await waitFor('two submissions', 30_000, async () => ((await submissions()) >= 2 ? true : undefined));
    // The other two wait for room: the reload comes while the campaign is running.
    await reloadWindow(`${SUITE} ${CONTINUATION}`, { campaign: uri.toString(), sent: await submissions() });
  });

  it(CONTINUATION, async function () {
    const marker = continuedReload();
    if (!marker) this.skip();
    const uri = vscode.Uri.parse(String(marker.data.campaign));
    assert.equal(await submissions(), Number(marker.data.sent), 'nothing was sent during the reload');
    const state = JSON.parse(await fs.readFile(uri.fsPath.replace(/\.json$/, '.state.json'), 'utf8')) as {
      sources: Record<string, { status: string }>;
      runner?: unknown;
    };
    assert.equal(state.runner, undefined, 'the window let go of the campaign as it closed');
    assert.equal(Object.values(state.sources).filter((s) => s.status === 'submitted').length, 2);
    await api();
    await sandbox.advance(10 * 60_000);
    const run = vscode.commands.executeCommand<string>('swiftObservatory.xrt.runCampaign', uri);
    await waitFor('the other two submissions', 30_000, async () => ((await submissions()) >= SOURCES ? true : undefined));
    await sandbox.advance(10 * 60_000);
    assert.equal(await run, 'finished');
    assert.equal(await submissions(), SOURCES, 'no source was sent twice');
    const jobs = (await sandbox.xrtJobs()).filter((j) => j.name.startsWith('reload '));
    assert.deepEqual(jobs.map((j) => j.name).sort(), ['reload 1', 'reload 2', 'reload 3', 'reload 4']);
  });
});
