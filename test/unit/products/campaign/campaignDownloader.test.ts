// The campaign downloader's decisions, with a fake job list, a fake download and a fake clock (the lock,
// the state file and the provenance are real, in a temporary folder): which jobs are downloaded and where,
// once only and one at a time, the retries and their growing delays, the one warning after the last
// attempt, the one notification when a campaign is done, and two windows never downloading one source.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Emitter } from '../../../../src/common/emitter';
import { withFileLock } from '../../../../src/common/fileLock';
import { ServiceError } from '../../../../src/http/errors';
import { CampaignDownloader, type CampaignDownloaderDeps } from '../../../../src/products/campaign/campaignDownloader';
import type { ProductDownloadRequest, ProductDownloadResult } from '../../../../src/products/download/productDownload';
import { changeCampaignState, type SourceState } from '../../../../src/xrt/campaign/campaignState';
import type { JobRecord, ProductState } from '../../../../src/xrt/jobs/jobRecord';
import { StatusCode } from '../../../../src/xrt/productCodes';
import { qdpText } from '../../../sandbox/xrt/qdp';

const T0 = Date.parse('2026-12-03T10:00:00Z');

function product(code: number): ProductState {
  return { statusCode: code, statusText: code === StatusCode.Complete ? 'Complete' : `code ${code}`, changedAt: T0, finishedAt: T0 + 1000 };
}

/** The job list of one profile, shared by the "windows" of a test (as the real file is). */
class FakeJobs {
  readonly records = new Map<string, JobRecord>();
  private readonly changed = new Emitter<readonly string[]>();
  readonly onDidChange = this.changed.event;
  reloads = 0;

  all(): JobRecord[] {
    return [...this.records.values()];
  }
  get(id: string): JobRecord | undefined {
    return this.records.get(id);
  }
  async update(id: string, change: (job: JobRecord) => JobRecord | undefined): Promise<JobRecord | undefined> {
    const current = this.records.get(id);
    const next = current ? change(structuredClone(current)) : undefined;
    if (next) this.set(next);
    return next;
  }
  async reload(): Promise<void> {
    this.reloads += 1;
  }
  set(job: JobRecord): void {
    this.records.set(job.jobId, job);
    this.changed.fire([job.jobId]);
  }
  /** A listener per window: each window's registry fires on every change of the shared file. */
  fire(): void {
    this.changed.fire([...this.records.keys()]);
  }
}

interface Messages {
  info: string[];
  warnings: string[];
  progress: string[];
  log: string[];
}

describe('campaign downloader: decisions', () => {
  let dir: string;
  let campaignFile: string;
  let campaignUri: string;
  let jobs: FakeJobs;
  let now: number;
  let timers: { at: number; fn: () => void; cancelled: boolean }[];

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-dl-'));
    campaignFile = path.join(dir, 'grbs.xrt-campaign.json');
    campaignUri = pathToFileURL(campaignFile).toString();
    jobs = new FakeJobs();
    now = T0;
    timers = [];
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  function job(jobId: string, codes: Record<string, number>, extra: Partial<JobRecord> = {}): JobRecord {
    return {
      jobId,
      url: `https://example.invalid/USERPROD_${jobId}`,
      name: `Source ${jobId}`,
      userId: 'astro@example.org',
      serviceUrl: 'https://example.invalid',
      submittedAt: new Date(T0).toISOString(),
      origin: 'submitted',
      requestFile: campaignUri,
      jobPars: { name: `Source ${jobId}`, UserID: 'astro@example.org' },
      products: Object.fromEntries(Object.entries(codes).map(([code, c]) => [code, product(c)])),
      poll: { unchanged: 0, errors: 0 },
      ...extra,
    };
  }

  async function state(sources: Record<string, SourceState>): Promise<void> {
    await changeCampaignState(path.join(dir, 'grbs.xrt-campaign.state.json'), (s) => ({ state: { ...s, sources }, result: undefined }));
  }

  /** A fake download that writes one file into the folder, failing the first `failures[jobId]` times; `gate` holds it. */
  function fakeDownload(options: { failures?: Record<string, number>; gate?: Promise<void> } = {}) {
    const calls: ProductDownloadRequest[] = [];
    const failures = new Map(Object.entries(options.failures ?? {}));
    let running = 0;
    let most = 0;
    const download = async (request: ProductDownloadRequest): Promise<ProductDownloadResult> => {
      calls.push(request);
      running += 1;
      most = Math.max(most, running);
      try {
        await options.gate;
        const left = failures.get(request.jobId) ?? 0;
        if (left > 0) {
          failures.set(request.jobId, left - 1);
          throw new ServiceError({
            kind: 'server',
            service: 'XRT product generator',
            endpoint: 'all.tar.gz',
            message: 'HTTP 503 from the service.',
          });
        }
        const folder = request.folder!;
        await fs.mkdir(path.join(folder, `USERPROD_${request.jobId}`, 'lc'), { recursive: true });
        await fs.writeFile(path.join(folder, `USERPROD_${request.jobId}`, 'lc', 'README.txt'), 'x');
        return { folder, archiveBytes: 10, written: [`USERPROD_${request.jobId}/lc/README.txt`], refused: [] };
      } finally {
        running -= 1;
      }
    };
    return { download, calls, most: () => most };
  }

  function downloader(download: CampaignDownloaderDeps['download'], messages: Messages, registry: FakeJobs = jobs): CampaignDownloader {
    return new CampaignDownloader({
      jobs: registry,
      download,
      pathOf: (uri) => (uri === campaignUri ? campaignFile : undefined),
      ui: {
        withWindowProgress: async (title, task) => {
          messages.progress.push(title);
          return task({ report: () => undefined });
        },
        showInformationMessage: async (message) => (messages.info.push(message), undefined),
        showWarningMessage: async (message) => (messages.warnings.push(message), undefined),
        revealInFileExplorer: () => undefined,
        showLog: () => undefined,
      },
      log: {
        info: (line: string) => messages.log.push(`info ${line}`),
        warn: (line: string) => messages.log.push(`warn ${line}`),
        error: (line: string) => messages.log.push(`error ${line}`),
      },
      timeoutMs: () => 10_000,
      userAgent: 'tests',
      extensionVersion: '0.0.0-test',
      retry: { attempts: 3, firstDelayMs: 60_000, busyDelayMs: 30_000 },
      now: () => now,
      setTimer: (ms, fn) => {
        const timer = { at: now + ms, fn, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      },
    });
  }

  const messages = (): Messages => ({ info: [], warnings: [], progress: [], log: [] });

  /** Lets `ms` pass on the fake clock, firing the timers that fall due. */
  async function advance(d: CampaignDownloader, ms: number): Promise<void> {
    now += ms;
    for (const t of timers.filter((x) => !x.cancelled && x.at <= now)) {
      t.cancelled = true;
      t.fn();
    }
    await d.idle();
  }

  it('downloads settled campaign jobs with a complete product into their source folders, and nothing else', async () => {
    await state({
      'grb-a': { status: 'submitted', jobId: '1' },
      'grb-b': { status: 'submitted', jobId: '2' },
      'grb-c': { status: 'submitted', jobId: '3' },
      'grb-d': { status: 'submitted', jobId: '4' },
      'grb-e': { status: 'submitted', jobId: '5' },
    });
    jobs.set(job('1', { lc: StatusCode.Complete, spec: StatusCode.Complete }));
    // One product complete, one failed: the complete one is worth having.
    jobs.set(job('2', { lc: StatusCode.Complete, spec: StatusCode.NoProduct }));
    // Still running: not yet.
    jobs.set(job('3', { lc: StatusCode.Complete, spec: StatusCode.Running }));
    // Failed and cancelled only: nothing to fetch.
    jobs.set(job('4', { lc: StatusCode.NoProduct, spec: StatusCode.Cancelled }));
    // Downloaded already (by the Download command, or another window).
    jobs.set(job('5', { lc: StatusCode.Complete }, { downloadFolder: '/somewhere' }));
    // Not a campaign's.
    jobs.set(job('6', { lc: StatusCode.Complete }, { requestFile: pathToFileURL(path.join(dir, 'one.xrt.json')).toString() }));
    jobs.set(job('7', { lc: StatusCode.Complete }, { requestFile: undefined }));
    const fake = fakeDownload();
    const m = messages();
    const d = downloader(fake.download, m);
    d.start();
    await d.idle();
    assert.deepEqual(
      fake.calls.map((c) => [c.jobId, c.stem, c.folder]),
      [
        ['1', 'all', path.join(dir, 'grbs', 'grb-a')],
        ['2', 'all', path.join(dir, 'grbs', 'grb-b')],
      ],
    );
    assert.equal(fake.most(), 1, 'one download at a time');
    assert.equal(jobs.get('1')!.downloadFolder, path.join(dir, 'grbs', 'grb-a'));
    assert.equal(jobs.get('2')!.downloadFolder, path.join(dir, 'grbs', 'grb-b'));
    assert.equal(jobs.get('3')!.downloadFolder, undefined);
    assert.deepEqual(m.progress, [
      'XRT campaign grbs.xrt-campaign.json: downloading grb-a (2 of 4)',
      'XRT campaign grbs.xrt-campaign.json: downloading grb-b (3 of 4)',
    ]);
    const provenance = JSON.parse(await fs.readFile(path.join(dir, 'grbs', 'grb-a', 'provenance.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(provenance.sourceId, 'grb-a');
    assert.equal(provenance.request, 'not recorded', 'an older state without the request says so');
    assert.deepEqual(provenance.apiVersion, { client: '1.12', service: 'not recorded' });
    assert.deepEqual(provenance.jobPars, { name: 'Source 1' }, 'the user ID is left out');
    // Job 3 is still running: the campaign is not done, so no notification yet.
    assert.deepEqual(m.info, []);

    jobs.set(job('3', { lc: StatusCode.Complete, spec: StatusCode.Complete }));
    await d.idle();
    assert.deepEqual(
      fake.calls.map((c) => c.jobId),
      ['1', '2', '3'],
    );
    assert.equal(m.info.length, 1, 'one notification for the campaign, not one per source');
    assert.match(m.info[0]!, /XRT campaign grbs\.xrt-campaign\.json: every finished source is downloaded \(3 sources now\)/);
    assert.deepEqual(m.warnings, []);
    d.dispose();
  });

  it('downloads each job once, however often the job list changes, and leaves a job downloaded meanwhile alone', async () => {
    await state({ 'grb-a': { status: 'submitted', jobId: '1' }, 'grb-b': { status: 'submitted', jobId: '2' } });
    jobs.set(job('1', { lc: StatusCode.Complete }));
    jobs.set(job('2', { lc: StatusCode.Complete }));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const fake = fakeDownload({ gate });
    const m = messages();
    const d = downloader(fake.download, m);
    d.start();
    for (let i = 0; i < 5; i++) jobs.fire();
    d.scan();
    // While job 1 downloads, another window downloads job 2 (its record says so when this one looks).
    await jobs.update('2', (j) => ({ ...j, downloadFolder: '/elsewhere' }));
    open();
    await d.idle();
    jobs.fire();
    await d.idle();
    assert.deepEqual(
      fake.calls.map((c) => c.jobId),
      ['1'],
    );
    assert.equal(jobs.get('2')!.downloadFolder, '/elsewhere');
    d.dispose();
  });

  it('tries a failed download again after a growing delay, a few times, then warns once naming the sources', async () => {
    await state({ 'grb-a': { status: 'submitted', jobId: '1' }, 'grb-b': { status: 'submitted', jobId: '2' } });
    jobs.set(job('1', { lc: StatusCode.Complete }));
    jobs.set(job('2', { lc: StatusCode.Complete }));
    const fake = fakeDownload({ failures: { '1': 3, '2': 2 } });
    const m = messages();
    const d = downloader(fake.download, m);
    d.start();
    await d.idle();
    assert.deepEqual(
      fake.calls.map((c) => c.jobId),
      ['1', '2'],
    );
    assert.equal(jobs.get('1')!.downloadFolder, undefined, 'the job stays eligible');
    assert.ok(
      m.log.some((l) => /^error .*grb-a: could not download its products \(attempt 1 of 3; trying again in 1 minute\): .*HTTP 503/.test(l)),
    );
    // Changes of the job list before the delay do not bring the retry forward.
    jobs.fire();
    await advance(d, 59_000);
    assert.equal(fake.calls.length, 2);
    await advance(d, 1_000);
    assert.deepEqual(
      fake.calls.map((c) => c.jobId),
      ['1', '2', '1', '2'],
    );
    assert.ok(m.log.some((l) => /grb-b: .*attempt 2 of 3; trying again in 4 minutes/.test(l)));
    await advance(d, 3 * 60_000);
    assert.equal(fake.calls.length, 4, 'the second delay is four times the first');
    await advance(d, 60_000);
    // The third attempt: job 1 fails for the last time, job 2 succeeds.
    assert.deepEqual(
      fake.calls.map((c) => c.jobId),
      ['1', '2', '1', '2', '1', '2'],
    );
    assert.equal(jobs.get('1')!.downloadFolder, undefined);
    assert.equal(jobs.get('2')!.downloadFolder, path.join(dir, 'grbs', 'grb-b'));
    assert.ok(m.log.some((l) => /^error .*grb-a: .*attempt 3 of 3, not tried again in this session/.test(l)));
    assert.equal(m.warnings.length, 1);
    assert.match(m.warnings[0]!, /XRT campaign grbs\.xrt-campaign\.json: the products of grb-a could not be downloaded/);
    assert.match(m.warnings[0]!, /1 source was downloaded/);
    assert.match(m.warnings[0]!, /Download Products/);
    assert.deepEqual(m.info, [], 'a warning instead of the all-done notice');
    // Not tried again in this session, whatever happens.
    jobs.fire();
    await advance(d, 24 * 3600_000);
    assert.equal(fake.calls.length, 6);
    assert.equal(m.warnings.length, 1);
    // Until the user asks (Download Products): then it goes into its source folder like the others.
    assert.equal(d.retry('2'), false, "downloaded already: not the campaign downloads' to do");
    assert.equal(d.retry('1'), true);
    await d.idle();
    assert.equal(fake.calls.length, 7);
    assert.equal(jobs.get('1')!.downloadFolder, path.join(dir, 'grbs', 'grb-a'));
    assert.equal(m.info.length, 1, 'the campaign is complete now');
    d.dispose();
  });

  it('leaves a source to the window that holds its lock, and looks again later', async () => {
    await state({ 'grb-a': { status: 'submitted', jobId: '1' } });
    jobs.set(job('1', { lc: StatusCode.Complete }));
    const fake = fakeDownload();
    const m = messages();
    const d = downloader(fake.download, m);
    await fs.mkdir(path.join(dir, 'grbs'), { recursive: true });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const other = withFileLock(path.join(dir, 'grbs', '.grb-a.download.lock'), async () => {
      locked();
      await held;
    });
    await isLocked;
    d.start();
    await d.idle();
    assert.equal(fake.calls.length, 0);
    assert.ok(m.log.some((l) => /grb-a is being downloaded by another window/.test(l)));
    assert.equal(jobs.get('1')!.downloadFolder, undefined);
    // The other window finishes and records its download; this one looks again and finds nothing to do.
    await jobs.update('1', (j) => ({ ...j, downloadFolder: path.join(dir, 'grbs', 'grb-a') }));
    release();
    await other;
    await advance(d, 30_000);
    assert.equal(fake.calls.length, 0);
    assert.deepEqual(m.warnings, []);
    d.dispose();
  });

  it('two windows started at once download a source once: the second finds it locked, then recorded', async () => {
    await state({ 'grb-a': { status: 'submitted', jobId: '1' } });
    jobs.set(job('1', { lc: StatusCode.Complete }));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const fake = fakeDownload({ gate });
    const first = downloader(fake.download, messages());
    const second = downloader(fake.download, messages());
    first.start();
    // The first window holds the lock once its download has begun.
    while (fake.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    second.start();
    await second.idle();
    open();
    await first.idle();
    await advance(second, 30_000);
    assert.equal(fake.calls.length, 1);
    assert.equal(jobs.get('1')!.downloadFolder, path.join(dir, 'grbs', 'grb-a'));
    first.dispose();
    second.dispose();
  });

  it('writes into provenance.json the request, the API version and the observations the downloaded files name', async () => {
    const request = { name: 'Source 1', targ: '00012345', lc: 1, spec: 1, timeslice: 'obsid' };
    await state({ 'grb-a': { status: 'submitted', jobId: '1', request, serviceApiVersion: '1.13' } });
    jobs.set(job('1', { lc: StatusCode.Complete, spec: StatusCode.Complete }));
    const download = async (r: ProductDownloadRequest): Promise<ProductDownloadResult> => {
      const top = path.join(r.folder!, 'USERPROD_1');
      await fs.mkdir(path.join(top, 'lc'), { recursive: true });
      // A light curve whose rows say which observation each bin comes from (the ObsID column of §11.2).
      const columns = ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RatePos', 'RateNeg', 'ObsID'];
      const rows = [
        [100, 5, -5, 1.5, 0.1, -0.1, 12345001],
        [200, 5, -5, 1.2, 0.1, -0.1, 12345002],
      ];
      const text = qdpText('Source 1: light curve', { terr: [1, 2], serr: [] }, [
        { comment: 'PC: PC mode detections', columns, data: rows },
      ]);
      await fs.writeFile(path.join(top, 'lc', 'PCCURVE.qdp'), text);
      await fs.mkdir(path.join(top, 'spec', 'Obs_00012345002'), { recursive: true });
      await fs.mkdir(path.join(top, 'spec', 'Obs_00012345003'), { recursive: true });
      const written = ['USERPROD_1/lc/PCCURVE.qdp', 'USERPROD_1/spec/Obs_00012345002/README.txt'];
      return { folder: r.folder!, archiveBytes: 10, written, refused: [] };
    };
    const d = downloader(download, messages());
    d.start();
    await d.idle();
    const provenance = JSON.parse(await fs.readFile(path.join(dir, 'grbs', 'grb-a', 'provenance.json'), 'utf8')) as {
      request: unknown;
      apiVersion: unknown;
      observations: { obsIds: string[]; from: { product: string; file: string; obsIds: string[] }[]; note?: string };
    };
    assert.deepEqual(provenance.request, request);
    assert.deepEqual(provenance.apiVersion, { client: '1.12', service: '1.13' });
    assert.deepEqual(provenance.observations, {
      obsIds: ['00012345001', '00012345002', '00012345003'],
      from: [
        { product: 'lc', file: 'lc/PCCURVE.qdp (PC)', obsIds: ['00012345001', '00012345002'] },
        { product: 'spec', file: 'spec/Obs_00012345002', obsIds: ['00012345002'] },
        { product: 'spec', file: 'spec/Obs_00012345003', obsIds: ['00012345003'] },
      ],
    });
    d.dispose();
  });

  /** One pass of a downloader over job 1 (finished), with the campaign state `sources`. */
  async function runOverJobOne(sources: Parameters<typeof state>[0]): Promise<{ calls: unknown[]; log: string[] }> {
    await state(sources);
    jobs.set(job('1', { lc: StatusCode.Complete }));
    const fake = fakeDownload();
    const m = messages();
    const d = downloader(fake.download, m);
    d.start();
    await d.idle();
    d.dispose();
    return { calls: fake.calls, log: m.log };
  }

  it('a job the campaign state does not name is a logged failure, retried, and not downloaded anywhere else', async () => {
    const m = await runOverJobOne({ 'grb-a': { status: 'submitted', jobId: '99' } });
    assert.equal(m.calls.length, 0);
    assert.ok(
      m.log.some((l) => /^error .*Source 1 \(XRT job 1\): .*attempt 1 of 3.*names no source with XRT job 1/.test(l)),
      m.log.join('\n'),
    );
  });

  it('refuses a source id from a hand-edited state that would leave the campaign folder', async () => {
    const m = await runOverJobOne({ '../../etc': { status: 'submitted', jobId: '1' } });
    assert.equal(m.calls.length, 0);
    assert.ok(m.log.some((l) => /not a safe folder name/.test(l)));
  });
});
