// Parity with the official client (xrt_prods 1.12): for every operation with a request captured from
// it, the extension builds the same request with its own builders (a request file through the
// submission checks, the poll scheduler's status request, the data calls) and the decoded bodies are
// compared field by field. Deliberate differences are asserted as such, so they cannot drift silently:
// - status: `whatProg` holds only the products still running (finished ones carry no progress);
//   for a new job it equals `what`, as captured;
// - light-curve data: the viewer asks `nosys: "both", incbad: "both"` in one call (every variant);
//   the client builds xrt_prods' body exactly for the same choices.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRegistry } from '../../../src/xrt/jobs/jobRegistry';
import { PollScheduler } from '../../../src/xrt/jobs/pollScheduler';
import { fetchJobProducts } from '../../../src/products/model/jobProducts';
import { XrtClient } from '../../../src/xrt/client';
import { recordForSubmission } from '../../../src/xrt/jobs/recordFromReply';
import { checkRequestText } from '../../../src/xrt/request/requestCheck';
import { readFixture } from '../../support/paths';
import { startLocalServer, type LocalServer } from '../../support/localServer';

type Json = Record<string, unknown>;
const capture = (name: string): Json => readFixture('xrt', name) as Json;
/** The user the captures were made with. */
const CAPTURED_USER = 'YOUR_EMAIL_ADDRESS';

const REPLIES: Readonly<Record<string, Json>> = {
  '/run_userobject.php': {
    OK: 1,
    URL: 'https://www.swift.ac.uk/user_objects/tprods/USERPROD_951',
    JobID: '951',
    jobPars: {},
    APIVersion: '1.12',
  },
  '/checkProductStatus.php': {
    OK: 1,
    JobID: 951,
    APIVersion: '1.12',
    lc: { statusCode: 3, statusText: 'Running', progress: { GotProgress: 0 } },
  },
  '/tprods/getLCData.php': { OK: 1, APIVersion: '1.12', Datasets: [] },
  '/tprods/getSpecData.php': { OK: 1, APIVersion: '1.12', NoSpectrum: 1 },
};

describe('XRT parity with the official client’s captured requests', function () {
  this.timeout(20_000);
  let server: LocalServer;
  let baseUrl: string;
  let sent: { path: string; body: Json }[] = [];

  before(async () => {
    server = await startLocalServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const route = (req.url ?? '').replace('/user_objects', '');
        sent.push({ path: route, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json });
        res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
        res.end(`\n${JSON.stringify(REPLIES[route] ?? { OK: 0, ERROR: 'unexpected call', APIVersion: '1.12' })}`);
      });
    });
    baseUrl = `${server.origin}/user_objects`;
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    sent = [];
  });

  const client = (): XrtClient =>
    new XrtClient({
      baseUrl,
      userId: CAPTURED_USER,
      timeoutMs: 5_000,
      userAgent: 'parity',
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
  const only = (route: string): Json => {
    const bodies = sent.filter((s) => s.path === route);
    assert.equal(bodies.length, 1, `one ${route} call: ${JSON.stringify(sent.map((s) => s.path))}`);
    return bodies[0]!.body;
  };

  for (const name of [
    'submit.request.all-products.json',
    'submit.request.lc-time-spec-user-image-psf.json',
    'submit.request.sourcedet-only.json',
  ]) {
    describe(name, () => {
      const captured = capture(name);
      const { api_name: _n, api_version: _v, UserID: _u, ...file } = captured;

      it('a request file with the same parameters is sent as the same body', async () => {
        const checked = checkRequestText(JSON.stringify(file, null, 2));
        assert.deepEqual(checked.problems, []);
        await client().submit(checked.request!);
        assert.deepEqual(only('/run_userobject.php'), captured);
      });

      it('so is the file without the get* zeros xrt_prods adds on its own, and with another envelope and user', async () => {
        const sparse: Json = { ...file, api_name: 'something', api_version: '0.1', UserID: 'someone@else' };
        if (sparse.getT0 === 0 && sparse.Tstart !== undefined) delete sparse.getT0;
        if (sparse.getTargs === 0 && sparse.targ !== undefined) delete sparse.getTargs;
        const checked = checkRequestText(JSON.stringify(sparse));
        assert.deepEqual(checked.problems, []);
        await client().submit(checked.request!);
        assert.deepEqual(only('/run_userobject.php'), captured);
      });
    });
  }

  it('status.request.python-all.json: the poll scheduler’s request for a new job of those products', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-parity-'));
    const registry = await JobRegistry.open(dir, 'parity');
    const xrt = client();
    const scheduler = new PollScheduler({
      registry,
      baseIntervalS: () => 60,
      isFocused: () => true,
      // As the XRT feature wires it.
      fetchStatus: (job, what, whatProg, signal) => xrt.status(job.jobId, what, whatProg, signal),
    });
    try {
      const request = capture('submit.request.all-products.json');
      const reply = REPLIES['/run_userobject.php']!;
      await registry.add(
        recordForSubmission({
          jobId: String(reply.JobID),
          url: String(reply.URL),
          request,
          jobPars: {},
          userId: CAPTURED_USER,
          serviceUrl: baseUrl,
          now: Date.now(),
          firstPollInMs: 0,
        }),
      );
      await scheduler.refreshNow(['951']);
      assert.deepEqual(only('/checkProductStatus.php'), capture('status.request.python-all.json'));
    } finally {
      scheduler.dispose();
      registry.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('lcdata.request.json and lcdata.request.both.json: the light-curve call for the same choices', async () => {
    await client().lightCurve('951', { nosys: 'no', incbad: 'no' });
    assert.deepEqual(only('/tprods/getLCData.php'), capture('lcdata.request.json'));
    sent = [];
    await client().lightCurve('951', { nosys: 'no', incbad: 'both' });
    assert.deepEqual(only('/tprods/getLCData.php'), capture('lcdata.request.both.json'));
  });

  it('deliberate difference: the viewer asks every light-curve variant in one call', async () => {
    await fetchJobProducts(client(), '951', ['lc']);
    assert.deepEqual(only('/tprods/getLCData.php'), { ...capture('lcdata.request.json'), nosys: 'both', incbad: 'both' });
  });

  it('specdata.request.json: the viewer’s spectral-fit call', async () => {
    await fetchJobProducts(client(), '951', ['spec']);
    assert.deepEqual(only('/tprods/getSpecData.php'), capture('specdata.request.json'));
  });
});
