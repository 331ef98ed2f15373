// Rebin Light Curve…, Cancel Rebin and Remove Rebin with fake deps (src/xrt/commands/rebin.ts): what is
// sent and stored, what is refused before anything is sent, and what the user is told.
import * as assert from 'node:assert/strict';
import type { CommandHandler } from '../../../../src/common/commandTable';
import type { XrtDeps } from '../../../../src/xrt/commands/deps';
import { cancelRebin, rebinLightCurve, removeRebin } from '../../../../src/xrt/commands/rebin';
import type { JobRecord, RebinState } from '../../../../src/xrt/jobs/jobRecord';
import { RebinRejectedError } from '../../../../src/xrt/rebin/rebinClient';
import type { RebinParams } from '../../../../src/xrt/rebin/rebinRequest';
import { ServiceError } from '../../../../src/http/errors';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';
import { jobRecord } from '../../../support/jobRecords';

const URL = 'http://127.0.0.1:8765/API/main.php';

function harness(
  jobs: JobRecord[],
  opts: { unattended?: boolean; rebinFails?: Error; cancelReply?: { cancelled: boolean; reason?: string } } = {},
) {
  const ui = new FakeWindow();
  const log = fakeLog();
  const sent: { jobId: string | number; params: RebinParams; name?: string }[] = [];
  const cancelled: number[] = [];
  const refreshed: (readonly string[] | undefined)[] = [];
  let armed = 0;
  const client = {
    url: URL,
    rebin: (jobId: string | number, params: RebinParams, o: { name?: string }) => {
      sent.push({ jobId, params, name: o.name });
      return opts.rebinFails ? Promise.reject(opts.rebinFails) : Promise.resolve(1520);
    },
    cancel: (id: number) => {
      cancelled.push(id);
      return Promise.resolve(opts.cancelReply ?? { cancelled: true });
    },
  };
  const registry = {
    get: (id: string) => jobs.find((j) => j.jobId === id),
    all: () => jobs,
    update: (id: string, change: (j: JobRecord) => JobRecord | undefined) => {
      const i = jobs.findIndex((j) => j.jobId === id);
      if (i < 0) return Promise.resolve(undefined);
      const next = change(structuredClone(jobs[i]!));
      if (next) jobs[i] = next;
      return Promise.resolve(next);
    },
  };
  const deps = {
    registry,
    rebins: {
      refreshNow: (ids?: readonly string[]) => (refreshed.push(ids), Promise.resolve()),
      arm: () => void (armed += 1),
    },
    rebinClient: () => client,
    lastBinning: new Map<string, RebinParams>(),
    log: log.channel,
    window: ui.window,
    confirmedInAdvance: (o?: { confirmed?: boolean }) => opts.unattended === true && o?.confirmed === true,
  } as unknown as XrtDeps;
  return { deps, ui, sent, cancelled, refreshed, armed: () => armed, log: log.lines };
}

function run(handler: CommandHandler, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((handler as (...a: unknown[]) => unknown)(...args));
}

const lc = (jobId: string) => ({ kind: 'product', jobId, product: 'lc' });
const TIME = { binMeth: 'time', pcbin: 1000, wtbin: 10 };
const rebinState = (rebinId: number, statusCode: number | null): RebinState => ({
  rebinId,
  binning: { binMeth: 'snapshot' },
  rebinUrl: URL,
  requestedAt: 0,
  statusCode,
  statusText: '',
  changedAt: 0,
  poll: { errors: 0 },
});

describe('XRT command Rebin Light Curve…', () => {
  it('sends the binning once, with the job’s ID and name, and stores the rebin with the job to be polled', async () => {
    const jobs = [jobRecord('951', { codes: { lc: 4, spec: 4 } })];
    const h = harness(jobs, { unattended: true });
    const before = Date.now();
    const outcome = await run(rebinLightCurve(h.deps), lc('951'), undefined, { binning: TIME });
    assert.deepEqual(outcome, { kind: 'requested', jobId: '951', rebinId: 1520 });
    assert.deepEqual(h.sent, [{ jobId: '951', params: TIME, name: 'Source 951' }]);
    const [stored] = jobs[0]!.rebins!;
    assert.equal(stored?.rebinId, 1520);
    assert.deepEqual(stored?.binning, TIME);
    assert.equal(stored?.rebinUrl, URL);
    assert.equal(stored?.statusCode, null, 'no status until the service is asked');
    assert.ok(stored!.poll.nextAt! >= before + 30_000, 'the first look 30 s on, as the site API advises');
    assert.equal(h.armed(), 1);
    assert.match(
      String(h.ui.texts('showInformationMessage')[0]),
      /Rebinning the light curve of Source 951 .*time: PC 1000 s, WT 10 s.*rebin 1520/,
    );
  });

  it('sends nothing for an unfinished light curve, while a rebin of it still runs, or for an invalid binning', async () => {
    const unfinished = harness([jobRecord('1', { codes: { lc: 3 } })], { unattended: true });
    assert.equal(
      ((await run(rebinLightCurve(unfinished.deps), lc('1'), undefined, { binning: TIME })) as { kind: string }).kind,
      'nothing',
    );
    assert.match(String(unfinished.ui.texts('showInformationMessage')[0]), /not finished/);

    const busy = harness([{ ...jobRecord('2', { codes: { lc: 4 } }), rebins: [rebinState(7, 3)] }], { unattended: true });
    await run(rebinLightCurve(busy.deps), lc('2'), undefined, { binning: TIME });
    assert.match(String(busy.ui.texts('showInformationMessage')[0]), /still running \(one bin per snapshot\); wait for it or cancel it/);

    const invalid = harness([jobRecord('3', { codes: { lc: 4 } })], { unattended: true });
    await run(rebinLightCurve(invalid.deps), lc('3'), undefined, { binning: { binMeth: 'counts', pccounts: 0 } });
    assert.match(String(invalid.ui.texts('showErrorMessage')[0]), /pccounts.*at least 1/);
    assert.deepEqual([...unfinished.sent, ...busy.sent, ...invalid.sent], []);
  });

  it('a binning handed in by another extension is not taken as the user’s: the form is shown instead', async () => {
    const h = harness([jobRecord('951', { codes: { lc: 4 } })], { unattended: false });
    await run(rebinLightCurve(h.deps), lc('951'), undefined, { binning: TIME });
    assert.equal(h.ui.calls.filter((c) => c.method === 'showQuickPick').length, 1, 'the method was asked');
    assert.deepEqual(h.sent, []);
  });

  it('a refusal stores nothing, says the service’s reason, and keeps the binning for the next attempt', async () => {
    const jobs = [jobRecord('951', { codes: { lc: 4 } })];
    const h = harness(jobs, {
      unattended: true,
      rebinFails: new RebinRejectedError('No light curve exists for objectID "951".', '3', URL),
    });
    const outcome = (await run(rebinLightCurve(h.deps), lc('951'), undefined, { binning: TIME })) as { kind: string; uncertain: boolean };
    assert.equal(outcome.kind, 'failed');
    assert.equal(outcome.uncertain, false);
    assert.equal(jobs[0]!.rebins, undefined);
    const shown = String(h.ui.texts('showErrorMessage')[0]);
    assert.match(shown, /The UKSSDC refused to rebin the light curve of Source 951 .*\(time: PC 1000 s, WT 10 s\): No light curve exists/);
    assert.match(shown, /Your binning is kept/);
    assert.deepEqual(h.deps.lastBinning.get('951'), TIME);
  });

  it('a lost answer says the rebin may or may not have been received', async () => {
    const lost = new ServiceError({ kind: 'timeout', service: 'XRT product generator', endpoint: URL, message: 'No answer within 120 s.' });
    const h = harness([jobRecord('951', { codes: { lc: 4 } })], { unattended: true, rebinFails: lost });
    const outcome = (await run(rebinLightCurve(h.deps), lc('951'), undefined, { binning: TIME })) as { uncertain: boolean };
    assert.equal(outcome.uncertain, true);
    assert.match(String(h.ui.texts('showErrorMessage')[0]), /may or may not have been received/);
  });
});

describe('XRT commands Cancel Rebin and Remove Rebin', () => {
  const node = { kind: 'rebin', jobId: '951', rebinId: 1520 };

  it('Cancel asks with Cancel Rebin / Keep Running, sends nothing when kept, and re-reads the status after a cancel', async () => {
    const jobs = [{ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebinState(1520, 3)] }];
    const kept = harness(jobs);
    kept.ui.answer('showWarningMessage', { title: 'Keep Running', isCloseAffordance: true });
    assert.deepEqual(await run(cancelRebin(kept.deps), node), { cancelled: false });
    const question = kept.ui.calls.find((c) => c.method === 'showWarningMessage')!;
    assert.match(String(question.args[0]), /^Cancel the rebin 1520 \(one bin per snapshot\) of Source 951 \(XRT job 951\)\?$/);
    assert.deepEqual(question.args.slice(1), [
      { modal: true },
      { title: 'Cancel Rebin' },
      { title: 'Keep Running', isCloseAffordance: true },
    ]);
    assert.deepEqual(kept.cancelled, []);

    const h = harness(jobs);
    h.ui.answer('showWarningMessage', { title: 'Cancel Rebin' });
    assert.deepEqual(await run(cancelRebin(h.deps), node), { cancelled: true });
    assert.deepEqual(h.cancelled, [1520]);
    assert.deepEqual(h.refreshed, [['951']]);
  });

  it('Cancel reports the service’s refusal', async () => {
    const jobs = [{ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebinState(1520, 3)] }];
    const h = harness(jobs, { unattended: true, cancelReply: { cancelled: false, reason: 'Rebin job 1520 has already finished.' } });
    await run(cancelRebin(h.deps), node, undefined, { confirmed: true });
    assert.match(String(h.ui.texts('showWarningMessage')[0]), /did not cancel .*already finished/);
  });

  it('Remove forgets a finished rebin at once and asks first about a running one', async () => {
    const jobs = [{ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebinState(1520, 3), rebinState(1521, 4)] }];
    const h = harness(jobs);
    assert.equal(await run(removeRebin(h.deps), { ...node, rebinId: 1521 }), true);
    assert.deepEqual(
      jobs[0]!.rebins!.map((r) => r.rebinId),
      [1520],
    );
    assert.equal(await run(removeRebin(h.deps), node), false, 'dismissed');
    assert.match(String(h.ui.texts('showWarningMessage')[0]), /still running on the service. Removing it from the list does not cancel it/);
    h.ui.answer('showWarningMessage', 'Remove from List');
    assert.equal(await run(removeRebin(h.deps), node), true);
    assert.deepEqual(jobs[0]!.rebins, []);
  });
});
