// Pause, Resume and Cancel Campaign with fake deps and a real state file: what each writes into the state,
// how it ends this window's run, which jobs Cancel Campaign asks about and cancels (the campaign's active
// ones only), that the sources it withdraws are never sent afterwards, and how a partial failure is told.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { CommandHandler } from '../../../../src/common/commandTable';
import { CampaignRunner } from '../../../../src/xrt/campaign/campaignRunner';
import { changeCampaignState, readCampaignState, type CampaignState } from '../../../../src/xrt/campaign/campaignState';
import type { XrtClient } from '../../../../src/xrt/client';
import { cancelCampaign, pauseCampaign, resumeCampaign } from '../../../../src/xrt/commands/campaignControl';
import { RUN_CANCELLED, RUN_PAUSED, type RunningCampaign, type XrtDeps } from '../../../../src/xrt/commands/deps';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';
import { jobRecord } from '../../../support/jobRecords';

function fakeUri(fsPath: string): vscode.Uri {
  return { fsPath, path: fsPath, toString: () => `file://${fsPath}` } as unknown as vscode.Uri;
}

/** Runs a handler with the arguments a menu or a test passes. */
function run(handler: CommandHandler, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((handler as (...a: unknown[]) => unknown)(...args));
}

describe('XRT commands Pause, Resume and Cancel Campaign', () => {
  let dir: string;
  let campaignFile: string;
  let stateFile: string;
  let key: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-control-'));
    campaignFile = path.join(dir, 'grbs.xrt-campaign.json');
    stateFile = path.join(dir, 'grbs.xrt-campaign.state.json');
    key = `file://${campaignFile}`;
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function writeState(state: CampaignState): Promise<void> {
    await changeCampaignState(stateFile, () => ({ state, result: undefined }));
  }

  function harness(jobs: JobRecord[], opts: { failFor?: string[]; active?: boolean } = {}) {
    const ui = new FakeWindow();
    const log = fakeLog();
    const cancelled: { jobId: string; what: readonly string[] }[] = [];
    const executed: unknown[][] = [];
    const reported: CampaignState[] = [];
    const runningCampaigns = new Map<string, RunningCampaign>();
    const deps = {
      registry: { all: () => jobs, get: (id: string) => jobs.find((j) => j.jobId === id) },
      scheduler: { refreshNow: () => Promise.resolve(), arm: () => undefined },
      log: log.channel,
      window: ui.window,
      clientForJob: (job: JobRecord) =>
        ({
          cancel: (jobId: string, what: readonly string[]) => {
            cancelled.push({ jobId, what });
            return opts.failFor?.includes(job.jobId)
              ? Promise.reject(new Error('connection reset'))
              : Promise.resolve({ status: {}, statusCodes: Object.fromEntries(what.map((p) => [p, 0])) });
          },
        }) as unknown as XrtClient,
      runningCampaigns,
      campaignStates: {
        report: (_file: string, state: CampaignState) => void reported.push(state),
        runStarted: () => undefined,
        runEnded: () => undefined,
      },
      // As src/xrt/commands/campaign.ts campaignUri: a campaign row, a URI, or else the active editor's file.
      campaignFile: (arg?: unknown) => {
        const node = arg as { kind?: string; file?: string } | undefined;
        if (node?.kind === 'campaign' && node.file) return fakeUri(node.file.replace(/^file:\/\//, ''));
        if (arg !== undefined) return arg as vscode.Uri;
        return opts.active === false ? undefined : fakeUri(campaignFile);
      },
      executeCommand: (...args: unknown[]) => (executed.push(args), Promise.resolve('finished')),
      confirmedInAdvance: () => false,
    } as unknown as XrtDeps;
    return { deps, ui, cancelled, executed, reported, runningCampaigns, log: log.lines };
  }

  /** A run of this window that ends (its runner lets go) a little after being aborted, saying why. */
  function fakeRun(h: ReturnType<typeof harness>): { reasons: unknown[] } {
    const controller = new AbortController();
    const reasons: unknown[] = [];
    const ended = new Promise<void>((resolve) =>
      controller.signal.addEventListener('abort', () => {
        reasons.push(controller.signal.reason);
        setTimeout(() => (h.runningCampaigns.delete(key), resolve()), 10);
      }),
    );
    h.runningCampaigns.set(key, { controller, ended });
    return { reasons };
  }

  const campaignJob = (id: string, codes: Record<string, number>, file = key): JobRecord => ({
    ...jobRecord(id, { codes }),
    requestFile: file,
  });

  it('Pause records the pause, ends this window’s run and waits for it; without a run it says the jobs go on', async () => {
    await writeState({ version: 1, sources: { a: { status: 'queued' } } });
    const h = harness([]);
    const { reasons } = fakeRun(h);
    assert.equal(await run(pauseCampaign(h.deps), { kind: 'campaign', file: key }), true);
    assert.equal((await readCampaignState(stateFile)).paused, true);
    assert.deepEqual(reasons, [RUN_PAUSED]);
    assert.equal(h.runningCampaigns.size, 0, 'the run had ended when Pause returned');
    assert.equal(h.reported.at(-1)?.paused, true, 'the view is told');

    const idle = harness([]);
    await run(pauseCampaign(idle.deps));
    assert.deepEqual(idle.ui.texts('showInformationMessage'), [
      'XRT campaign grbs.xrt-campaign.json is paused: its active jobs go on; Resume Campaign sends the rest.',
    ]);
  });

  it('Resume clears the pause and runs the campaign as Run Campaign does', async () => {
    await writeState({ version: 1, sources: { a: { status: 'queued' } }, paused: true });
    const h = harness([]);
    assert.equal(await run(resumeCampaign(h.deps), fakeUri(campaignFile)), 'finished');
    assert.equal((await readCampaignState(stateFile)).paused, undefined);
    assert.equal(h.executed.length, 1);
    assert.equal(h.executed[0]?.[0], 'swiftObservatory.xrt.runCampaign');
    assert.equal(String(h.executed[0]?.[1]), key);
  });

  it('asks for a campaign file when none is given or open', async () => {
    const h = harness([], { active: false });
    for (const command of [pauseCampaign, resumeCampaign, cancelCampaign]) await run(command(h.deps));
    assert.equal(h.ui.texts('showWarningMessage').length, 3);
    assert.match(String(h.ui.texts('showWarningMessage')[0]), /^Open an XRT campaign file \(\*\.xrt-campaign\.json\) to pause it/);
  });

  it('Cancel asks once, naming the campaign and its active jobs, and does nothing unless told "Cancel Jobs"', async () => {
    await writeState({ version: 1, sources: { a: { status: 'submitted', jobId: '1' }, b: { status: 'queued' } } });
    const h = harness([campaignJob('1', { lc: 3 }), campaignJob('2', { lc: 2, spec: 4 }), campaignJob('3', { lc: 4 })]);
    h.ui.answer('showWarningMessage', { title: 'Keep Running', isCloseAffordance: true });
    await run(cancelCampaign(h.deps), { kind: 'campaign', file: key });
    const [question] = h.ui.calls.filter((c) => c.method === 'showWarningMessage');
    assert.equal(question?.args[0], 'Cancel XRT campaign grbs.xrt-campaign.json and its 2 active jobs?');
    assert.deepEqual(question?.args[1], {
      modal: true,
      detail: '1 source not sent yet will be withdrawn and not sent later. Finished jobs and their products are kept.',
    });
    assert.deepEqual(question?.args.slice(2), [{ title: 'Cancel Jobs' }, { title: 'Keep Running', isCloseAffordance: true }]);
    assert.deepEqual(h.cancelled, []);
    assert.equal((await readCampaignState(stateFile)).sources.b?.status, 'queued', 'nothing withdrawn');
  });

  it('Cancel ends the run, withdraws what was not sent, cancels the campaign’s active jobs only; withdrawn sources are never sent', async () => {
    await writeState({
      version: 1,
      sources: {
        a: { status: 'submitted', jobId: '1' },
        b: { status: 'submitted', jobId: '2' },
        c: { status: 'queued' },
        d: { status: 'sending', intentAt: 1 },
        e: { status: 'refused', message: 'no' },
      },
    });
    const jobs = [
      campaignJob('1', { lc: 3, spec: 4 }),
      campaignJob('2', { lc: 4 }),
      campaignJob('9', { lc: 3 }, 'file:///other/ulx.xrt-campaign.json'),
      jobRecord('10', { codes: { lc: 3 } }),
    ];
    const h = harness(jobs);
    const { reasons } = fakeRun(h);
    h.ui.answer('showWarningMessage', { title: 'Cancel Jobs' });
    const result = await run(cancelCampaign(h.deps), { kind: 'campaign', file: key });
    assert.deepEqual(reasons, [RUN_CANCELLED]);
    assert.deepEqual(h.cancelled, [{ jobId: '1', what: ['lc'] }], 'only the campaign’s active job, only its active products');
    const state = await readCampaignState(stateFile);
    assert.deepEqual(Object.fromEntries(Object.entries(state.sources).map(([id, s]) => [id, s.status])), {
      a: 'submitted',
      b: 'submitted',
      c: 'withdrawn',
      d: 'withdrawn',
      e: 'refused',
    });
    assert.match(state.sources.d?.message ?? '', /outcome of its submission was unknown/);
    assert.deepEqual(result, { cancelled: 1, failed: 0, withdrawn: 2 });
    const [warning] = h.ui.texts('showWarningMessage').slice(1);
    assert.match(
      String(warning),
      /^XRT campaign grbs\.xrt-campaign\.json cancelled: 1 job cancelled, 2 sources withdrawn\. 1 source \(d\) had a submission whose outcome was unknown/,
    );

    // A later run sends none of them.
    const sent: unknown[] = [];
    const runner = new CampaignRunner({
      stateFile,
      campaignFile: key,
      sources: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, request: { name: id } })),
      client: {
        userId: 'astro@example.org',
        submit: (request) => (sent.push(request), Promise.resolve({ JobID: 50, URL: 'u', jobPars: {} })),
        countActiveJobs: () => Promise.resolve({ numJobs: 0 }),
        listOldJobs: () => Promise.resolve({ jobs: [] }),
        copyOldJob: () => Promise.reject(new Error('not used')),
      },
      registry: { add: () => Promise.resolve(), get: () => undefined },
      maxActiveJobs: () => 5,
      serviceUrl: 'http://127.0.0.1',
      runnerId: 'window-2',
      sleep: () => Promise.resolve(),
      waitMs: () => 0,
      firstPollInMs: 0,
      log: () => undefined,
    });
    assert.equal(await runner.run(new AbortController().signal), 'finished');
    assert.deepEqual(sent, []);
  });

  it('Cancel says which jobs could not be cancelled, and cancels the others', async () => {
    await writeState({ version: 1, sources: {} });
    const h = harness([campaignJob('1', { lc: 3 }), campaignJob('2', { lc: 3 }), campaignJob('3', { spec: 2 })], { failFor: ['2'] });
    h.ui.answer('showWarningMessage', { title: 'Cancel Jobs' });
    assert.deepEqual(await run(cancelCampaign(h.deps), { kind: 'campaign', file: key }), { cancelled: 2, failed: 1, withdrawn: 0 });
    assert.deepEqual(
      h.cancelled.map((c) => c.jobId),
      ['1', '2', '3'],
    );
    assert.deepEqual(h.ui.texts('showErrorMessage'), [
      'XRT campaign grbs.xrt-campaign.json: 1 job of 3 could not be cancelled (2 (Source 2): connection reset); ' +
        '2 jobs cancelled, 0 sources withdrawn. Cancel those from their rows to try again.',
    ]);
    assert.ok(
      h.log.some((l) => l.startsWith('warn: Cancel Campaign grbs.xrt-campaign.json: could not cancel XRT job 2: connection reset')),
    );
  });

  it('Cancel says there is nothing to cancel when no job is active and nothing is left to send', async () => {
    await writeState({ version: 1, sources: { a: { status: 'submitted', jobId: '1' } } });
    const h = harness([campaignJob('1', { lc: 4 })]);
    await run(cancelCampaign(h.deps), { kind: 'campaign', file: key });
    assert.deepEqual(h.ui.texts('showWarningMessage'), []);
    assert.deepEqual(h.ui.texts('showInformationMessage'), [
      'XRT campaign grbs.xrt-campaign.json has nothing to cancel: no active job and no source left to send.',
    ]);
  });
});
