// A walk through the extension as a user sees it, saving screenshots for the README and for a person
// to look at. It checks what it stages (so a broken stage fails), and runs only when screenshots are
// kept (SWIFT_SCREENSHOTS=<dir>), since pictures are its purpose.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import { requestScreenshot } from '../runners/screenshotRequests';
import { sandbox } from './support/sandbox';
import { api } from './support/extension';
import { XRT_USER, freshXrtState, setSetting } from './support/setup';

const REQUESTS: Record<string, Record<string, unknown>> = {
  'grb200416a-lightcurve.xrt.json': {
    name: 'GRB 200416A',
    targ: '00966554',
    Tstart: 608713541.952,
    RA: 335.6985,
    Dec: -7.5179,
    cent: 1,
    poserr: 1,
    useSXPS: 0,
    lc: 1,
    binMeth: 'counts',
    pccounts: 20,
    wtcounts: 30,
    dynamic: 1,
  },
  'gk-per-positions.xrt.json': {
    name: 'GK Per',
    targ: '00030842',
    RA: 52.79993,
    Dec: 43.90468,
    cent: 1,
    poserr: 1,
    useSXPS: 0,
    dopsf: 1,
    doenh: 1,
    doxastrom: 1,
  },
  'fo-aqr-spectrum.xrt.json': {
    name: 'FO Aqr',
    getCoords: 1,
    getTargs: 1,
    getT0: 1,
    cent: 1,
    poserr: 1,
    useSXPS: 0,
    spec: 1,
    specz: 0,
    models: ['powerlaw', 'apec'],
    hard1: 0.2,
  },
};

describe('Tour (screenshots)', function () {
  this.timeout(120_000);

  before(function () {
    if (!process.env.SWIFT_SCREENSHOTS) this.skip();
  });

  it('shows jobs building in the sidebar while a request is edited', async () => {
    const swift: ExtensionInternals = await api();
    await setSetting('xrt.userId', XRT_USER);
    await freshXrtState(swift);
    const dir = path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'requests');
    await fs.mkdir(dir, { recursive: true });
    const uris: vscode.Uri[] = [];
    for (const [name, body] of Object.entries(REQUESTS)) {
      const file = path.join(dir, name);
      await fs.writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
      uris.push(vscode.Uri.file(file));
    }
    // Two jobs submitted at different times, so they are at different stages.
    await vscode.commands.executeCommand('swiftObservatory.xrt.submit', uris[1]);
    await sandbox.advance(40_000);
    await vscode.commands.executeCommand('swiftObservatory.xrt.submit', uris[0]);
    await sandbox.advance(25_000);
    await swift.xrt.scheduler.refreshNow();
    assert.equal(swift.xrt.registry.all().length, 2);

    await vscode.commands.executeCommand('swiftObservatory.xrtJobs.focus');
    for (const job of swift.xrt.registry.all()) {
      await swift.xrt.view.reveal({ kind: 'job', jobId: job.jobId }, { expand: 2 });
    }
    // The request with a problem (hard1 below minen) open in the editor.
    const doc = await vscode.workspace.openTextDocument(uris[2]);
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 2500));
    const shot = await requestScreenshot('sidebar-and-editor');
    assert.ok(shot);
  });
});
