// Download Products with fake deps: which archive a job row, a product row or a job ID asks for, what
// there is nothing to download of, that a second request for a running archive joins it, and the
// outcome of a cancelled or failed download.
import * as assert from 'node:assert/strict';
import type { CommandHandler } from '../../../../src/common/commandTable';
import { ServiceError } from '../../../../src/http/errors';
import type { ProductsDeps } from '../../../../src/products/commands/deps';
import { download } from '../../../../src/products/commands/download';
import type { ProductDownloadRequest, ProductDownloadResult } from '../../../../src/products/download/productDownload';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';
import { jobRecord } from '../../../support/jobRecords';

interface Harness {
  readonly deps: ProductsDeps;
  readonly ui: FakeWindow;
  readonly requests: ProductDownloadRequest[];
  readonly updated: { jobId: string; folder?: string }[];
  /** Resolves the downloads started so far (they wait until then). */
  finish(): void;
}

function harness(jobs: JobRecord[], opts: { fail?: Error; root?: string; campaignJobs?: readonly string[] } = {}): Harness {
  const ui = new FakeWindow();
  const requests: ProductDownloadRequest[] = [];
  const updated: Harness['updated'] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const deps = {
    jobs: {
      get: (id: string) => jobs.find((j) => j.jobId === id),
      all: () => jobs,
      update: (id: string, change: (j: JobRecord) => JobRecord) => {
        const job = jobs.find((j) => j.jobId === id);
        if (job) updated.push({ jobId: id, folder: change(job).downloadFolder });
        return Promise.resolve();
      },
    },
    log: fakeLog().channel,
    window: ui.window,
    settings: () => ({ requestTimeoutSeconds: 30 }),
    userAgent: 'test-agent',
    downloadRoot: () => Promise.resolve(opts.root),
    campaignDownloads: { retry: (id: string) => opts.campaignJobs?.includes(id) ?? false },
    downloadArchive: async (request: ProductDownloadRequest): Promise<ProductDownloadResult> => {
      requests.push(request);
      await released;
      if (opts.fail !== undefined) throw opts.fail;
      return { folder: `${request.downloadRoot}/${request.jobId}`, archiveBytes: 10, written: ['a.qdp', 'b.pha'], refused: [] };
    },
    withCancellableProgress: <T>(_title: string, task: (p: { report(): void }, signal: AbortSignal) => Promise<T>) =>
      task({ report: () => undefined }, new AbortController().signal),
    viewer: { isOpen: () => false, show: () => undefined },
    executeCommand: () => Promise.resolve(),
    revealInFileExplorer: () => undefined,
  } as unknown as ProductsDeps;
  return { deps, ui, requests, updated, finish: () => release() };
}

function run(handler: CommandHandler, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((handler as (...a: unknown[]) => unknown)(...args));
}

const ROOT = { downloadRoot: '/downloads' };

describe('Product command Download Products', () => {
  it('downloads the archive of all products for a job row or a job ID, and of one product for a product row', async () => {
    const h = harness([jobRecord('11', { codes: { lc: 4, spec: 4 } })]);
    h.finish();
    const handler = download(h.deps);
    await run(handler, { kind: 'job', jobId: '11' }, undefined, ROOT);
    await run(handler, '11', undefined, ROOT);
    await run(handler, { kind: 'product', jobId: '11', product: 'spec' }, undefined, ROOT);
    assert.deepEqual(
      h.requests.map((r) => [r.jobId, r.stem, r.downloadRoot, r.timeoutMs, r.userAgent]),
      [
        ['11', 'all', '/downloads', 30_000, 'test-agent'],
        ['11', 'all', '/downloads', 30_000, 'test-agent'],
        ['11', 'spec', '/downloads', 30_000, 'test-agent'],
      ],
    );
  });

  it('hands a campaign job not downloaded yet to the campaign downloads; its single products download as usual', async () => {
    const h = harness([jobRecord('17', { codes: { lc: 4, spec: 4 } }), jobRecord('18', { codes: { lc: 4 } })], {
      root: '/chosen',
      campaignJobs: ['17'],
    });
    h.finish();
    const handler = download(h.deps);
    assert.deepEqual(await run(handler, { kind: 'job', jobId: '17' }), {
      kind: 'queued',
      jobId: '17',
      message: "The products of Source 17 (XRT job 17) are being downloaded into its campaign's folder; the status bar shows the progress.",
    });
    await run(handler, { kind: 'product', jobId: '17', product: 'lc' });
    await run(handler, '18');
    assert.deepEqual(
      h.requests.map((r) => [r.jobId, r.stem, r.downloadRoot]),
      [
        ['17', 'lc', '/chosen'],
        ['18', 'all', '/chosen'],
      ],
    );
  });

  it('reports the downloaded folder, and keeps it in the job record', async () => {
    const h = harness([jobRecord('11', { codes: { lc: 4 } })]);
    h.finish();
    const outcome = await run(download(h.deps), '11', undefined, ROOT);
    assert.deepEqual(outcome, { kind: 'downloaded', jobId: '11', folder: '/downloads/11', files: 2, refused: [] });
    assert.deepEqual(h.updated, [{ jobId: '11', folder: '/downloads/11' }]);
  });

  it('has nothing to download of a product that is not complete, or of a job without complete products', async () => {
    const h = harness([jobRecord('12', { codes: { lc: 4, spec: 3 } }), jobRecord('13', { codes: { lc: 3 } })]);
    const handler = download(h.deps);
    const notComplete = await run(handler, { kind: 'product', jobId: '12', product: 'spec' }, undefined, ROOT);
    const noProduct = await run(handler, '13', undefined, ROOT);
    assert.deepEqual(notComplete, {
      kind: 'nothing',
      message: 'Spectrum of Source 12 (XRT job 12) is not complete yet; there is nothing to download.',
    });
    assert.deepEqual(noProduct, {
      kind: 'nothing',
      message: 'No product of Source 13 (XRT job 13) is complete yet; there is nothing to download.',
    });
    assert.equal(h.ui.texts('showWarningMessage').length, 2);
    assert.deepEqual(h.requests, []);
  });

  it('joins a download of the same archive that is still running, and starts another archive on its own', async () => {
    const h = harness([jobRecord('14', { codes: { lc: 4, spec: 4 } })]);
    const handler = download(h.deps);
    const first = run(handler, '14', undefined, ROOT);
    const second = run(handler, { kind: 'job', jobId: '14' }, undefined, ROOT);
    const other = run(handler, { kind: 'product', jobId: '14', product: 'lc' }, undefined, ROOT);
    await new Promise((resolve) => setImmediate(resolve));
    h.finish();
    const [a, b] = await Promise.all([first, second, other]);
    assert.deepEqual(
      h.requests.map((r) => r.stem),
      ['all', 'lc'],
    );
    assert.deepEqual(a, b);
  });

  it('asks for nothing and downloads nothing when no job is named and none has finished products', async () => {
    const h = harness([jobRecord('15', { codes: { lc: 3 } })]);
    assert.deepEqual(await run(download(h.deps)), { kind: 'nothing', message: 'no job chosen' });
    assert.deepEqual(h.ui.texts('showInformationMessage'), ['No XRT job has finished products yet.']);
    assert.deepEqual(h.requests, []);
  });

  it('uses the download folder of the deps when the caller gives none, and stops without one', async () => {
    const h = harness([jobRecord('16', { codes: { lc: 4 } })]);
    assert.deepEqual(await run(download(h.deps), '16'), { kind: 'nothing', message: 'no download folder chosen' });
    const withRoot = harness([jobRecord('16', { codes: { lc: 4 } })], { root: '/chosen' });
    withRoot.finish();
    await run(download(withRoot.deps), '16');
    assert.deepEqual(
      withRoot.requests.map((r) => r.downloadRoot),
      ['/chosen'],
    );
  });

  it('says a cancelled download was not kept, and a failed one why', async () => {
    const cancelled = harness([jobRecord('17', { codes: { lc: 4 } })], {
      fail: new ServiceError({ kind: 'cancelled', service: 'XRT product generator', message: 'cancelled' }),
    });
    cancelled.finish();
    assert.deepEqual(await run(download(cancelled.deps), '17', undefined, ROOT), { kind: 'cancelled', jobId: '17' });
    assert.deepEqual(cancelled.ui.texts('showInformationMessage'), [
      'Download cancelled: the products of Source 17 (XRT job 17) were not kept.',
    ]);
    const failed = harness([jobRecord('18', { codes: { lc: 4 } })], { fail: new Error('disk full') });
    failed.finish();
    const outcome = (await run(download(failed.deps), { kind: 'product', jobId: '18', product: 'lc' }, undefined, ROOT)) as {
      kind: string;
      message: string;
    };
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.message, /^Could not download the light curve of Source 18 \(XRT job 18\): .*disk full/);
    assert.deepEqual(failed.updated, []);
  });
});
