// A campaign end to end on the product side, against the sandbox over real HTTP: the runner sends two
// sources (recording each request with its intent), the job list says their products are complete (as the
// poller would), and the downloader fetches each `all` archive into its source folder with a
// provenance.json that says what was sent, what the service made of it, and which observations were used.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CampaignDownloader } from '../../../../src/products/campaign/campaignDownloader';
import { downloadProducts } from '../../../../src/products/download/productDownload';
import { XrtClient } from '../../../../src/xrt/client';
import { CampaignRunner } from '../../../../src/xrt/campaign/campaignRunner';
import { readCampaignState } from '../../../../src/xrt/campaign/campaignState';
import { JobRegistry } from '../../../../src/xrt/jobs/jobRegistry';
import { StatusCode } from '../../../../src/xrt/productCodes';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { ASTRO } from '../../../sandbox/xrt/harness';
import { GRB_LIGHT_CURVE } from '../../../support/requests';

const PRODUCT_MS = 60_000;

/** GRB 200416A's field, where the sandbox has counts for a spectrum: its light curve and spectrum. */
function sourceRequest(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...GRB_LIGHT_CURVE, spec: 1, specz: 0, name, ...extra };
}

/** The fields of provenance.json this test reads (src/products/campaign/provenance.ts documents them all). */
interface Provenance {
  provenanceVersion: number;
  campaign: { file: string };
  sourceId: string;
  job: { jobId: string; name: string; url: string; serviceUrl: string };
  dates: { submitted: string; finished: string; downloaded: string };
  apiVersion: { client: string; service: string };
  request: unknown;
  jobPars: Record<string, unknown>;
  products: Record<string, unknown>;
}

describe('campaign downloads (against the sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  let registry: JobRegistry;

  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: PRODUCT_MS });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-download-'));
    registry = await JobRegistry.open(path.join(dir, 'storage'), 'window-1');
  });
  afterEach(async () => {
    registry.dispose();
    await sandbox.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('downloads each finished source into <campaign>/<source id>/ with its provenance.json', async () => {
    const client = new XrtClient({
      baseUrl: sandbox.xrtBaseUrl,
      userId: ASTRO,
      timeoutMs: 5_000,
      userAgent: 'swift-observatory-tests',
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const campaignFile = path.join(dir, 'grbs.xrt-campaign.json');
    const campaignUri = pathToFileURL(campaignFile).toString();
    const sources = [
      { id: 'grb-a', request: sourceRequest('GRB A') },
      // Spectra sliced per observation name the observations they use (Obs_<obsID>).
      { id: 'grb-bb', request: sourceRequest('GRB BB', { timeslice: 'obsid' }) },
    ];
    const runner = new CampaignRunner({
      stateFile: path.join(dir, 'grbs.xrt-campaign.state.json'),
      campaignFile: campaignUri,
      sources,
      client,
      registry,
      maxActiveJobs: () => 5,
      serviceUrl: sandbox.xrtBaseUrl,
      runnerId: 'window-1',
      now: () => sandbox.clock.nowMs(),
      sleep: async () => {
        sandbox.clock.advance(PRODUCT_MS);
      },
      waitMs: () => 30_000,
      firstPollInMs: 10_000,
      log: () => undefined,
    });
    assert.equal(await runner.run(new AbortController().signal), 'finished');
    const state = await readCampaignState(path.join(dir, 'grbs.xrt-campaign.state.json'));
    for (const s of sources) {
      assert.deepEqual(state.sources[s.id]?.request, s.request, `${s.id}: the request is recorded`);
      assert.equal(state.sources[s.id]?.serviceApiVersion, '1.12', `${s.id}: the reply's APIVersion is recorded`);
    }

    const log: string[] = [];
    const info: string[] = [];
    const downloader = new CampaignDownloader({
      jobs: registry,
      download: downloadProducts,
      pathOf: (uri) => fileURLToPath(uri),
      ui: {
        withWindowProgress: (_title, task) => task({ report: () => undefined }),
        showInformationMessage: async (message) => (info.push(message), undefined),
        showWarningMessage: async (message) => assert.fail(`unexpected warning: ${message}`),
        revealInFileExplorer: () => undefined,
        showLog: () => undefined,
      },
      log: {
        info: (line: string) => log.push(line),
        warn: (line: string) => log.push(line),
        error: (line: string) => log.push(line),
      },
      timeoutMs: () => 10_000,
      userAgent: 'swift-observatory-tests',
      extensionVersion: '0.0.0-test',
    });
    downloader.start();
    await downloader.idle();
    assert.deepEqual(log, [], 'nothing is downloaded while the jobs are active');

    // The products finish on the service, and the poller says so in the job list.
    sandbox.clock.advance(2 * PRODUCT_MS);
    const finishedAt = sandbox.clock.nowMs();
    for (const job of registry.all()) {
      await registry.update(job.jobId, (j) => ({
        ...j,
        products: Object.fromEntries(
          Object.keys(j.products).map((code) => [
            code,
            { statusCode: StatusCode.Complete, statusText: 'Complete', changedAt: finishedAt, finishedAt },
          ]),
        ),
      }));
    }
    await downloader.idle();
    downloader.dispose();

    for (const s of sources) {
      const jobId = state.sources[s.id]!.jobId!;
      const folder = path.join(dir, 'grbs', s.id);
      assert.equal(registry.get(jobId)?.downloadFolder, folder);
      assert.ok(existsSync(path.join(folder, `USERPROD_${jobId}`, 'lc', 'curve.qdp')), `${s.id}: the light curve is there`);
      const provenance = JSON.parse(await fs.readFile(path.join(folder, 'provenance.json'), 'utf8')) as Provenance;
      assert.equal(provenance.provenanceVersion, 1);
      assert.deepEqual(provenance.campaign, { file: path.basename(campaignFile) }, 'the name only: no path of the user’s');
      assert.equal(provenance.sourceId, s.id);
      assert.deepEqual(provenance.job, { jobId, name: s.request.name, url: registry.get(jobId)!.url, serviceUrl: sandbox.xrtBaseUrl });
      assert.deepEqual(provenance.request, s.request);
      assert.deepEqual(provenance.apiVersion, { client: '1.12', service: '1.12' });
      // What the service resolved and filled in, as it echoed it, without the user's e-mail address.
      assert.equal(provenance.jobPars.name, s.request.name);
      assert.ok('outdir' in provenance.jobPars, JSON.stringify(provenance.jobPars));
      assert.ok(!('UserID' in provenance.jobPars));
      assert.equal(provenance.dates.submitted, registry.get(jobId)!.submittedAt);
      assert.equal(provenance.dates.finished, new Date(finishedAt).toISOString());
      assert.match(provenance.dates.downloaded, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(Object.keys(provenance.products).sort(), ['lc', 'spec']);
    }
    const sliced = JSON.parse(await fs.readFile(path.join(dir, 'grbs', 'grb-bb', 'provenance.json'), 'utf8')) as {
      observations: { obsIds: string[]; from: { product: string; file: string; obsIds: string[] }[]; note?: string };
    };
    assert.ok(sliced.observations.obsIds.length > 0, JSON.stringify(sliced.observations));
    for (const id of sliced.observations.obsIds) assert.match(id, /^\d{11}$/);
    assert.ok(sliced.observations.from.every((f) => f.product === 'spec' && /^spec\/Obs_\d{11}$/.test(f.file)));
    assert.equal(sliced.observations.note, undefined);
    const single = JSON.parse(await fs.readFile(path.join(dir, 'grbs', 'grb-a', 'provenance.json'), 'utf8')) as {
      observations: { obsIds: string[]; note?: string };
    };
    assert.deepEqual(single.observations.obsIds, []);
    assert.match(single.observations.note ?? '', /do not name the observations used/);
    assert.equal(info.length, 1);
    assert.match(info[0]!, /XRT campaign grbs\.xrt-campaign\.json: every finished source is downloaded \(2 sources now\)/);
  });
});
