// View Products with fake deps: what there is nothing to show of, which viewer a job is shown in, and
// the message when building the model fails.
import * as assert from 'node:assert/strict';
import type { CommandHandler } from '../../../../src/common/commandTable';
import type { ProductsDeps } from '../../../../src/products/commands/deps';
import { view } from '../../../../src/products/commands/view';
import type { ViewerModel } from '../../../../src/shared/viewModel';
import type { XrtClient } from '../../../../src/xrt/client';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';
import { jobRecord } from '../../../support/jobRecords';

interface Harness {
  readonly deps: ProductsDeps;
  readonly ui: FakeWindow;
  readonly shown: { key: string; folder?: string; model: ViewerModel }[];
  readonly log: string[];
}

function harness(jobs: JobRecord[], opts: { progressFails?: Error } = {}): Harness {
  const ui = new FakeWindow();
  const log = fakeLog();
  const shown: Harness['shown'] = [];
  const deps = {
    jobs: { get: (id: string) => jobs.find((j) => j.jobId === id), all: () => jobs, update: () => Promise.resolve() },
    log: log.channel,
    window: ui.window,
    // No product is complete in these tests, so the client is never asked.
    clientFor: () => ({}) as XrtClient,
    withCancellableProgress: <T>(_title: string, task: (p: { report(): void }, signal: AbortSignal) => Promise<T>) =>
      opts.progressFails ? Promise.reject(opts.progressFails) : task({ report: () => undefined }, new AbortController().signal),
    viewer: { isOpen: () => false, show: (model: ViewerModel, key: string, folder?: string) => void shown.push({ model, key, folder }) },
  } as unknown as ProductsDeps;
  return { deps, ui, shown, log: log.lines };
}

function run(handler: CommandHandler, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((handler as (...a: unknown[]) => unknown)(...args));
}

describe('Product command View Products', () => {
  it('has nothing to show of a job without complete products or a download', async () => {
    const h = harness([jobRecord('21', { codes: { lc: 3 } })]);
    const outcome = await run(view(h.deps), { kind: 'job', jobId: '21' });
    assert.deepEqual(outcome, { kind: 'nothing', message: 'No product of Source 21 (XRT job 21) is complete yet.' });
    assert.deepEqual(h.ui.texts('showInformationMessage'), ['No product of Source 21 (XRT job 21) is complete yet.']);
    assert.deepEqual(h.shown, []);
  });

  it("shows a job in its own viewer, with the service's data only when the download folder is gone", async () => {
    const gone = '/nonexistent/swift-observatory-test/22-Source';
    const h = harness([{ ...jobRecord('22', { codes: { lc: -4 } }), downloadFolder: gone }]);
    const outcome = (await run(view(h.deps), '22')) as { kind: string; jobKey: string };
    assert.equal(outcome.kind, 'shown');
    assert.equal(outcome.jobKey, 'xrt-job:22');
    assert.deepEqual(
      h.shown.map((s) => [s.key, s.folder]),
      [['xrt-job:22', gone]],
    );
    assert.ok(h.log.includes(`info: The download folder ${gone} is gone; showing the service's data only.`));
  });

  it('turns a failure while loading into a message and a "nothing" outcome', async () => {
    const h = harness([{ ...jobRecord('23', { codes: { lc: 3 } }), downloadFolder: '/tmp' }], {
      progressFails: new Error('socket hang up'),
    });
    const outcome = (await run(view(h.deps), '23')) as { kind: string; message: string };
    assert.equal(outcome.kind, 'nothing');
    assert.match(outcome.message, /^Could not show the products: .*socket hang up/);
    assert.deepEqual(h.ui.texts('showErrorMessage'), [outcome.message]);
    assert.ok(h.log.includes(`error: ${outcome.message}`));
  });
});
