// The XRT job commands with fake deps: which products Cancel asks about and sends, how it reports the
// cancel reply's per-product outcome, and when Remove from List asks first.
import * as assert from 'node:assert/strict';
import type { CommandHandler } from '../../../../src/common/commandTable';
import type { XrtClient } from '../../../../src/xrt/client';
import { cancelJob, cancelProduct } from '../../../../src/xrt/commands/cancel';
import type { XrtDeps } from '../../../../src/xrt/commands/deps';
import { removeJob } from '../../../../src/xrt/commands/removeJob';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import type { CancelResponse } from '../../../../src/xrt/responseSchemas';
import type { XrtTreeNode } from '../../../../src/xrt/views/xrtJobsTree';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';
import { jobRecord } from '../../../support/jobRecords';

interface Harness {
  readonly deps: XrtDeps;
  readonly ui: FakeWindow;
  readonly cancelled: { jobId: string; what: readonly string[] }[];
  readonly refreshed: (readonly string[] | undefined)[];
  readonly removed: string[][];
  readonly log: string[];
}

function harness(
  jobs: JobRecord[],
  opts: { reply?: Partial<CancelResponse>; fail?: Error; confirmed?: boolean; selection?: XrtTreeNode[] } = {},
): Harness {
  const ui = new FakeWindow();
  const log = fakeLog();
  const cancelled: Harness['cancelled'] = [];
  const refreshed: Harness['refreshed'] = [];
  const removed: string[][] = [];
  const client = {
    cancel: (jobId: string, what: readonly string[]) => {
      cancelled.push({ jobId, what });
      return opts.fail ? Promise.reject(opts.fail) : Promise.resolve({ status: {}, statusCodes: {}, ...opts.reply });
    },
  } as unknown as XrtClient;
  const registry = {
    get: (id: string) => jobs.find((j) => j.jobId === id),
    remove: (ids: string[]) => {
      removed.push(ids);
      return Promise.resolve();
    },
  };
  const deps = {
    registry,
    scheduler: { refreshNow: (ids?: readonly string[]) => (refreshed.push(ids), Promise.resolve()), arm: () => undefined },
    log: log.channel,
    window: ui.window,
    clientForJob: () => client,
    selection: () => opts.selection ?? [],
    confirmedInAdvance: (o?: { confirmed?: boolean }) => opts.confirmed === true && o?.confirmed === true,
  } as unknown as XrtDeps;
  return { deps, ui, cancelled, refreshed, removed, log: log.lines };
}

/** Runs a handler with the arguments a menu or a test passes. */
function run(handler: CommandHandler, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((handler as (...a: unknown[]) => unknown)(...args));
}

describe('XRT command Cancel Job', () => {
  it('asks about the products still active, and sends only those once the user confirms', async () => {
    const job = jobRecord('101', { codes: { lc: 3, spec: 4, psf: -4, enh: 2 } });
    const h = harness([job]);
    h.ui.answer('showWarningMessage', { title: 'Cancel Job' });
    await run(cancelJob(h.deps), { kind: 'job', jobId: '101' });
    const [question] = h.ui.calls.filter((c) => c.method === 'showWarningMessage');
    assert.equal(question?.args[0], 'Cancel the light curve, enhanced position of Source 101 (XRT job 101)?');
    assert.deepEqual(question?.args[1], { modal: true });
    assert.deepEqual(h.cancelled, [{ jobId: '101', what: ['lc', 'enh'] }]);
    assert.deepEqual(h.refreshed, [['101']]);
  });

  it('sends nothing when the user keeps the job running or dismisses the question', async () => {
    const h = harness([jobRecord('1', { codes: { lc: 3 } }), jobRecord('2', { codes: { lc: 3 } })]);
    h.ui.answer('showWarningMessage', { title: 'Keep Running', isCloseAffordance: true }, undefined);
    await run(cancelJob(h.deps), undefined, [
      { kind: 'job', jobId: '1' },
      { kind: 'job', jobId: '2' },
    ]);
    assert.equal(h.ui.texts('showWarningMessage').length, 2, 'one question per job');
    assert.deepEqual(h.cancelled, []);
  });

  it('neither asks nor sends for a job whose products have all finished', async () => {
    const h = harness([jobRecord('7', { codes: { lc: 4, spec: -3 } })]);
    await run(cancelJob(h.deps), { kind: 'job', jobId: '7' });
    assert.deepEqual(h.ui.calls, []);
    assert.deepEqual(h.cancelled, []);
  });

  it('reports each product by the reply text, else by its cancel code, and a missing code as an unknown outcome', async () => {
    const job = jobRecord('5', { codes: { lc: 3, spec: 2, psf: 1 } });
    const h = harness([job], { confirmed: true, reply: { status: { lc: 'Cancelled by request' }, statusCodes: { lc: 0, spec: 1 } } });
    await run(cancelJob(h.deps), { kind: 'job', jobId: '5' }, undefined, { confirmed: true });
    const report =
      'Light curve: Cancelled by request; Spectrum: Not cancelled: probably already finished; ' +
      'Standard position: Unknown whether cancelled (an error occurred)';
    assert.deepEqual(h.ui.texts('showInformationMessage'), [`XRT job 5: ${report}`]);
    assert.ok(h.log.includes(`info: Cancel XRT job 5: ${report}`));
    assert.equal(h.ui.texts('showWarningMessage').length, 0, 'confirmed in advance: no question');
  });

  it('asks again when the confirmation comes from a caller that may not skip it', async () => {
    const h = harness([jobRecord('5', { codes: { lc: 3 } })], { confirmed: false });
    await run(cancelJob(h.deps), { kind: 'job', jobId: '5' }, undefined, { confirmed: true });
    assert.equal(h.ui.texts('showWarningMessage').length, 1);
    assert.deepEqual(h.cancelled, []);
  });

  it('says why when the service cannot be reached, and does not refresh', async () => {
    const h = harness([jobRecord('9', { codes: { lc: 3 } })], { confirmed: true, fail: new Error('connection refused') });
    await run(cancelJob(h.deps), { kind: 'job', jobId: '9' }, undefined, { confirmed: true });
    assert.equal(h.ui.texts('showErrorMessage').length, 1);
    assert.match(String(h.ui.texts('showErrorMessage')[0]), /^Could not cancel XRT job 9: .*connection refused/);
    assert.deepEqual(h.refreshed, []);
  });

  it('uses the view selection when run without a row', async () => {
    const h = harness([jobRecord('3', { codes: { lc: 3 } })], {
      confirmed: true,
      selection: [{ kind: 'product', jobId: '3', product: 'lc' }],
    });
    await run(cancelJob(h.deps), undefined, undefined, { confirmed: true });
    assert.deepEqual(h.cancelled, [{ jobId: '3', what: ['lc'] }]);
  });
});

describe('XRT command Cancel Product', () => {
  it('cancels only the product of the row, with its own button', async () => {
    const h = harness([jobRecord('4', { codes: { lc: 3, spec: 3 } })]);
    h.ui.answer('showWarningMessage', { title: 'Cancel Product' });
    await run(cancelProduct(h.deps), { kind: 'product', jobId: '4', product: 'spec' });
    assert.deepEqual(h.ui.calls[0]?.args.slice(2), [{ title: 'Cancel Product' }, { title: 'Keep Running', isCloseAffordance: true }]);
    assert.deepEqual(h.cancelled, [{ jobId: '4', what: ['spec'] }]);
  });

  it('does nothing for a job row or an unknown product code', async () => {
    const h = harness([jobRecord('4', { codes: { lc: 3 } })], { confirmed: true });
    assert.equal(await run(cancelProduct(h.deps), { kind: 'job', jobId: '4' }), undefined);
    assert.equal(await run(cancelProduct(h.deps), { kind: 'product', jobId: '4', product: 'bogus' }), undefined);
    assert.deepEqual(h.cancelled, []);
  });
});

describe('XRT command Remove from List', () => {
  it('asks before removing jobs that still run, and keeps them when the user does not confirm', async () => {
    const h = harness([jobRecord('1', { codes: { lc: 3 } }), jobRecord('2', { codes: { lc: 4 } })]);
    await run(removeJob(h.deps), undefined, [
      { kind: 'job', jobId: '1' },
      { kind: 'job', jobId: '2' },
    ]);
    assert.deepEqual(h.ui.texts('showWarningMessage'), [
      '1 of these jobs are still running on the service. Removing them from the list does not cancel them.',
    ]);
    assert.deepEqual(h.removed, []);
  });

  it('removes every chosen job once confirmed, each once', async () => {
    const h = harness([jobRecord('1', { codes: { lc: 3 } }), jobRecord('2', { codes: { lc: 4 } })]);
    h.ui.answer('showWarningMessage', 'Remove from List');
    await run(removeJob(h.deps), { kind: 'job', jobId: '1' }, [
      { kind: 'job', jobId: '1' },
      { kind: 'product', jobId: '1', product: 'lc' },
      { kind: 'job', jobId: '2' },
    ]);
    assert.deepEqual(h.removed, [['1', '2']]);
  });

  it('removes finished jobs without asking', async () => {
    const h = harness([jobRecord('2', { codes: { lc: 4, spec: -4 } })]);
    await run(removeJob(h.deps), { kind: 'job', jobId: '2' });
    assert.deepEqual(h.ui.calls, []);
    assert.deepEqual(h.removed, [['2']]);
  });
});
