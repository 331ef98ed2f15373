// Swift XRT: Export Request as Python with fake deps (src/xrt/commands/exportPython.ts): which file it
// reads, that a file with errors is refused with its problems and nothing is opened, and that a valid
// one opens as an untitled Python document with the configured user ID.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { XrtDeps } from '../../../../src/xrt/commands/deps';
import { planCampaign } from '../../../../src/xrt/campaign/campaignPlan';
import { exportPython } from '../../../../src/xrt/commands/exportPython';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';

const VALID = {
  name: 'GRB 200416A',
  targ: '00966554',
  RA: 335.6985,
  Dec: -7.5179,
  cent: 1,
  poserr: 1,
  useSXPS: 0,
  lc: 1,
  binMeth: 'obsid',
};

function fakeUri(path: string): vscode.Uri {
  return { path, fsPath: path, toString: () => `file://${path}` } as unknown as vscode.Uri;
}

const CAMPAIGN = {
  maxActiveJobs: 4,
  template: { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'obsid' },
  sources: [
    { name: 'GRB 200416A', RA: 335.6985, Dec: -7.5179 },
    { id: 'no-position', targ: '00966554' },
  ],
};

function harness(files: Record<string, string>, opts: { active?: string; userId?: string; maxActiveJobs?: number } = {}) {
  const ui = new FakeWindow();
  const log = fakeLog();
  const opened: { language: string; content: string }[] = [];
  const deps = {
    window: ui.window,
    log: log.channel,
    settings: () => ({ xrtUserId: opts.userId ?? '', maxActiveJobs: opts.maxActiveJobs ?? 5 }),
    // As campaignDocument.ts reads a campaign (its table is not needed here).
    campaignPlan: (uri: vscode.Uri) => {
      const text = files[uri.path];
      if (text === undefined) return Promise.reject(new Error(`no file ${uri.path}`));
      try {
        return Promise.resolve({ plan: planCampaign(JSON.parse(text) as unknown) });
      } catch {
        return Promise.resolve({ problem: 'it is not valid JSON' });
      }
    },
    extensionVersion: '1.2.3',
    documents: {
      requestFile: (given?: unknown) => (given as vscode.Uri | undefined) ?? (opts.active ? fakeUri(opts.active) : undefined),
      text: (uri: vscode.Uri) => {
        const text = files[uri.path];
        return text === undefined ? Promise.reject(new Error(`no file ${uri.path}`)) : Promise.resolve(text);
      },
      openUntitled: (language: string, content: string) => {
        opened.push({ language, content });
        return Promise.resolve();
      },
    },
  } as unknown as XrtDeps;
  const run = exportPython(deps) as unknown as (uri?: unknown) => Promise<{ kind: string; problems?: readonly string[] }>;
  return { ui, log, opened, run };
}

describe('Swift XRT: Export Request as Python (command)', () => {
  it('opens the script of the given file as an untitled Python document, with the configured user ID', async () => {
    const h = harness({ '/w/grb.xrt.json': JSON.stringify({ ...VALID, UserID: 'file@example.org' }) }, { userId: 'me@example.org' });
    const outcome = await h.run(fakeUri('/w/grb.xrt.json'));
    assert.equal(outcome.kind, 'opened');
    assert.equal(h.opened.length, 1);
    assert.equal(h.opened[0]?.language, 'python');
    assert.match(h.opened[0]?.content ?? '', /request\.addLightCurve\(\n\s+binMeth="obsid",\n\s+\)/);
    assert.match(h.opened[0]?.content ?? '', /or "me@example\.org"$/m);
    assert.match(h.opened[0]?.content ?? '', /# Request file: "grb\.xrt\.json"/);
    assert.match(h.opened[0]?.content ?? '', /Swift Observatory for VS Code 1\.2\.3 on \d{4}-\d\d-\d\d/);
    assert.deepEqual(h.ui.calls, []);
  });

  it('uses the active request file when none is given', async () => {
    const h = harness({ '/w/active.xrt.json': JSON.stringify(VALID) }, { active: '/w/active.xrt.json' });
    assert.equal((await h.run()).kind, 'opened');
  });

  it('refuses a file with errors, as submission does, and opens nothing', async () => {
    const h = harness({ '/w/bad.xrt.json': JSON.stringify({ ...VALID, binMeth: 'counts' }) });
    const outcome = await h.run(fakeUri('/w/bad.xrt.json'));
    assert.equal(outcome.kind, 'invalid');
    assert.deepEqual(h.opened, []);
    const [message] = h.ui.texts('showErrorMessage');
    assert.match(String(message), /^bad\.xrt\.json was not exported as Python: it has \d+ problems?\.$/);
    const detail = (h.ui.calls.find((c) => c.method === 'showErrorMessage')?.args[1] as { detail?: string } | undefined)?.detail ?? '';
    assert.match(detail, /pccounts/);
    assert.ok(h.log.lines.some((l) => l.startsWith('info: Not exported as Python /w/bad.xrt.json')));
  });

  it('refuses a request that xrt_prods cannot express, saying why', async () => {
    const h = harness({ '/w/t0.xrt.json': JSON.stringify({ ...VALID, Tstart: '2020-04-16' }) });
    assert.equal((await h.run(fakeUri('/w/t0.xrt.json'))).kind, 'invalid');
    const detail = (h.ui.calls.find((c) => c.method === 'showErrorMessage')?.args[1] as { detail?: string } | undefined)?.detail ?? '';
    assert.match(detail, /xrt_prods takes it only as a number/);
  });

  it('says what to do without a request file', async () => {
    const h = harness({});
    assert.equal((await h.run()).kind, 'no-file');
    assert.match(
      String(h.ui.texts('showWarningMessage')[0]),
      /Open an XRT request file \(\*\.xrt\.json\) or campaign file \(\*\.xrt-campaign\.json\) to export it as Python/,
    );
  });

  describe('a campaign file', () => {
    it('opens the campaign script, leaving out the sources with problems and saying how many', async () => {
      const h = harness({ '/w/grbs.xrt-campaign.json': JSON.stringify(CAMPAIGN) }, { userId: 'me@example.org', maxActiveJobs: 3 });
      const outcome = await h.run(fakeUri('/w/grbs.xrt-campaign.json'));
      assert.equal(outcome.kind, 'opened');
      const script = h.opened[0]?.content ?? '';
      assert.equal(h.opened[0]?.language, 'python');
      assert.match(script, /^SOURCES = \[$/m);
      assert.match(script, /"id": "grb-200416a",/);
      assert.match(script, /# Left out: source "no-position", because:/);
      // The smaller of the campaign's limit and the setting, as Run Campaign.
      assert.match(script, /^MAX_ACTIVE_JOBS = 3$/m);
      assert.match(script, /^USER_ID = "me@example\.org"$/m);
      assert.match(script, /# Campaign file: "grbs\.xrt-campaign\.json"/);
      assert.deepEqual(h.ui.texts('showWarningMessage'), [
        '1 of the 2 sources of grbs.xrt-campaign.json have problems and were left out of the script (each with a comment saying why).',
      ]);
    });

    it("uses the campaign's own limit when the setting allows more", async () => {
      const h = harness({ '/w/grbs.xrt-campaign.json': JSON.stringify(CAMPAIGN) }, { maxActiveJobs: 10 });
      await h.run(fakeUri('/w/grbs.xrt-campaign.json'));
      assert.match(h.opened[0]?.content ?? '', /^MAX_ACTIVE_JOBS = 4$/m);
    });

    it('refuses a campaign with a problem outside its sources, as Run Campaign does, and opens nothing', async () => {
      const h = harness({
        '/w/bad.xrt-campaign.json': JSON.stringify({ ...CAMPAIGN, template: { ...CAMPAIGN.template, binMeth: 'counts' } }),
      });
      const outcome = await h.run(fakeUri('/w/bad.xrt-campaign.json'));
      assert.equal(outcome.kind, 'invalid');
      assert.deepEqual(h.opened, []);
      assert.match(
        String(h.ui.texts('showErrorMessage')[0]),
        /^bad\.xrt-campaign\.json was not exported as Python: it has \d+ problems?\.$/,
      );
      assert.match((outcome.problems ?? []).join('\n'), /pccounts/);
    });

    it('refuses a campaign that is not JSON, saying why', async () => {
      const h = harness({ '/w/broken.xrt-campaign.json': '{ "template": ' });
      const outcome = await h.run(fakeUri('/w/broken.xrt-campaign.json'));
      assert.equal(outcome.kind, 'invalid');
      assert.deepEqual(outcome.problems, ['it is not valid JSON']);
    });
  });
});
