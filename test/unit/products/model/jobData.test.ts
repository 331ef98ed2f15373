// The viewer's JSON data: every section fetched from the sandbox, and a failing or malformed
// section reported on its own while the others still arrive.
import * as assert from 'node:assert/strict';
import { fetchJobProducts, type JobProductsClient } from '../../../../src/products/model/jobProducts';
import { XrtClient } from '../../../../src/xrt/client';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { ASTRO } from '../../../sandbox/xrt/harness';
import { ALL_PRODUCTS_REQUEST, PRODUCT_DURATION_MS } from '../../../support/sandboxJob';
import { startLocalServer } from '../../../support/localServer';

describe('products: JSON data for the viewer', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let client: XrtClient;
  let jobId: string;
  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: PRODUCT_DURATION_MS });
    // No retries: a fault must show as that section's error at once.
    client = new XrtClient({
      baseUrl: sandbox.xrtBaseUrl,
      userId: ASTRO,
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const { UserID: _ignored, ...request } = ALL_PRODUCTS_REQUEST;
    jobId = String((await client.submit(request)).JobID);
    sandbox.clock.advance(2 * PRODUCT_DURATION_MS);
  });
  after(() => sandbox.stop());
  beforeEach(() => sandbox.faults.clear());

  it('fetches every section, with light-curve variants for nosys and incbad both', async () => {
    const data = await fetchJobProducts(client, jobId, ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image', 'sourceDet']);
    assert.ok(data.lightCurve?.ok);
    assert.ok(data.lightCurve.value.Datasets.includes('PC_nosys_incbad'), 'variants requested with "both"');
    assert.ok(data.spectrum?.ok && !data.spectrum.value.spectra.noSpectrum);
    assert.deepEqual(Object.keys(data.positions).sort(), ['enh', 'psf', 'xastrom']);
    for (const section of Object.values(data.positions)) assert.ok(section?.ok && section.value.GotPos);
    assert.ok(data.sourceDetection?.ok && data.sourceDetection.value.bands.Total!.length > 0);
    const lcRequests = sandbox.requests.list({ pathPrefix: '/user_objects/tprods/getLCData.php' });
    assert.equal(lcRequests.length, 1);
  });

  it('fetches only the sections asked for', async () => {
    const data = await fetchJobProducts(client, jobId, ['psf']);
    assert.equal(data.lightCurve, undefined);
    assert.equal(data.spectrum, undefined);
    assert.equal(data.sourceDetection, undefined);
    assert.deepEqual(Object.keys(data.positions), ['psf']);
  });

  it('a refused or broken section is that section’s error; the others still arrive', async () => {
    sandbox.faults.add({ prefix: '/user_objects/tprods/getSpecData.php', kind: 'ok0', message: 'Spectrum data are being regenerated.' });
    sandbox.faults.add({ prefix: '/user_objects/tprods/getEnhPos.php', kind: 'malformed-json' });
    sandbox.faults.add({ prefix: '/user_objects/tprods/getLCData.php', kind: 'html-error', status: 500 });
    const data = await fetchJobProducts(client, jobId, ['lc', 'spec', 'psf', 'enh', 'sourceDet']);
    assert.ok(data.spectrum && !data.spectrum.ok);
    assert.equal(data.spectrum.kind, 'rejected');
    assert.match(data.spectrum.error, /being regenerated/);
    assert.ok(data.positions.enh && !data.positions.enh.ok);
    assert.equal(data.positions.enh.kind, 'not-json');
    assert.ok(data.lightCurve && !data.lightCurve.ok);
    assert.equal(data.lightCurve.kind, 'server');
    assert.ok(data.positions.psf?.ok);
    assert.ok(data.sourceDetection?.ok);
  });

  it('a reply that fails its schema becomes a clear error for that section only', async () => {
    // A stand-in service: getLCData sends no list of datasets, the position is fine.
    const server = await startLocalServer((req, res) => {
      const body = req.url?.endsWith('/getLCData.php')
        ? { OK: 1, APIVersion: '1.12', PCData: {} }
        : { OK: 1, APIVersion: '1.12', GotPos: 1, RA: '10.5', Dec: '-3.25', Err90: '3.5', FromSXPS: 0 };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    try {
      const standIn = new XrtClient({
        baseUrl: `${server.origin}/user_objects`,
        userId: ASTRO,
        timeoutMs: 5_000,
        userAgent: 'swift-observatory-tests',
        retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
      });
      const data = await fetchJobProducts(standIn, 1, ['lc', 'psf']);
      assert.ok(data.lightCurve && !data.lightCurve.ok);
      assert.equal(data.lightCurve.kind, 'unexpected-shape');
      assert.match(data.lightCurve.error, /does not have the documented shape/);
      assert.ok(
        data.lightCurve.details?.some((d) => /Datasets/.test(d)),
        JSON.stringify(data.lightCurve.details),
      );
      assert.ok(data.positions.psf?.ok);
      assert.equal(data.positions.psf.value.RA, 10.5);
    } finally {
      await server.close();
    }
  });

  it('an unexpected failure (not a service error) is still confined to its section', async () => {
    const failing: JobProductsClient = {
      lightCurve: (id, variants, signal) => client.lightCurve(id, variants, signal),
      spectralFits: (id, signal) => client.spectralFits(id, signal),
      position: (kind, id, signal) => client.position(kind, id, signal),
      sourceList: () => Promise.reject(new TypeError('Cannot read properties of undefined')),
    };
    const data = await fetchJobProducts(failing, jobId, ['lc', 'sourceDet']);
    assert.ok(data.lightCurve?.ok);
    assert.ok(data.sourceDetection && !data.sourceDetection.ok);
    assert.equal(data.sourceDetection.error, 'Cannot read properties of undefined');
    assert.equal(data.sourceDetection.kind, undefined);
  });
});
