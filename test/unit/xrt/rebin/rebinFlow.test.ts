// The whole rebin flow from the extension's client against a listening sandbox: a finished job's light
// curve rebinned (rebin → running → complete → the curve with the new binning), cancelled, refused, and
// the transport failures the JSON client turns into clear errors (an HTML error page, a server warning
// before the JSON, a timeout — with the rebin request's delivery called uncertain).
import * as assert from 'node:assert/strict';
import { ServiceError } from '../../../../src/http/errors';
import { XrtClient } from '../../../../src/xrt/client';
import { RebinClient, RebinRejectedError, rebinUrlForJob } from '../../../../src/xrt/rebin/rebinClient';
import { rebinDefaultsFromJob, validateRebinParams } from '../../../../src/xrt/rebin/rebinRequest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

const ASTRO = 'astro@example.org';
const D = 60_000;
const REBIN_D = 20_000;
const NO_RETRY = { retries: 0, baseDelayMs: 1, maxDelayMs: 1 };

describe('rebin flow against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let xrt: XrtClient;
  let rebin: RebinClient;

  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: D, variants: {} });
  });
  after(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.reset();
    xrt = new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: ASTRO, timeoutMs: 5000, userAgent: 'test', retry: NO_RETRY });
    const url = rebinUrlForJob('', sandbox.xrtBaseUrl);
    assert.equal(url, `${sandbox.origin}/API/main.php`);
    rebin = new RebinClient({ url: url ?? '', timeoutMs: 5000, userAgent: 'test', retry: NO_RETRY });
  });

  async function finishedJob(): Promise<{ id: string; jobPars: Record<string, unknown> }> {
    const reply = await xrt.submit({
      name: 'GRB 200416A',
      targ: '00966554',
      RA: 335.6985,
      Dec: -7.5179,
      Tstart: 608713541.952,
      cent: 1,
      poserr: 1,
      useSXPS: 0,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      dynamic: 1,
    });
    sandbox.clock.advance(D);
    return { id: String(reply.JobID), jobPars: reply.jobPars };
  }

  it('rebin → running → complete → the curve with the new binning, pre-filled from the job', async () => {
    const job = await finishedJob();
    const original = await xrt.lightCurve(job.id, { nosys: 'no', incbad: 'no' });
    const defaults = rebinDefaultsFromJob(job.jobPars);
    assert.equal(defaults.binMeth, 'counts');
    assert.equal(defaults.pccounts, 20);
    const chosen = validateRebinParams({ ...rebinDefaultsFromJob(job.jobPars, 'time'), pcbin: 4000, wtbin: 40 });
    assert.ok(chosen.ok, JSON.stringify(!chosen.ok && chosen.issues));
    const id = await rebin.rebin(job.id, chosen.value, { name: 'GRB 200416A' });
    assert.equal((await rebin.status(id)).complete, false);
    sandbox.clock.advance(REBIN_D / 2);
    assert.deepEqual(await rebin.status(id), { code: 3, text: 'Running', complete: false, failed: false });
    sandbox.clock.advance(REBIN_D);
    assert.equal((await rebin.status(id)).complete, true);
    const curve = await rebin.lightCurve(id, { incbad: 'no', nosys: 'no' });
    assert.equal(curve.noLightCurve, false);
    assert.equal(curve.data.Binning, 'Time');
    assert.equal(original.Binning, 'Counts');
    assert.equal(curve.data.T0, original.T0);
    assert.ok(curve.data.Datasets.includes('PC'));
    assert.notDeepEqual(curve.data.datasets.PC.data, original.datasets.PC.data);
    assert.ok(curve.data.datasets.PC.URL?.startsWith(`${sandbox.origin}/xrt_curves/`));
  });

  it('cancel: cancelled, then the status reads −4 (terminal); cancelling again is refused with the reason', async () => {
    const job = await finishedJob();
    const id = await rebin.rebin(job.id, { binMeth: 'snapshot' });
    assert.deepEqual(await rebin.cancel(id), { cancelled: true });
    assert.deepEqual(await rebin.status(id), { code: -4, text: 'Cancelled', complete: false, failed: true });
    const again = await rebin.cancel(id);
    assert.equal(again.cancelled, false);
    assert.match(again.reason ?? '', /already been cancelled/);
    await assert.rejects(rebin.lightCurve(id), (e: unknown) => e instanceof RebinRejectedError && /not complete/.test(e.message));
  });

  it('refusals carry the service’s text: an unfinished job, an unknown rebin, a bad binning', async () => {
    const early = await xrt.submit({
      name: 'GRB 200416A',
      targ: '00966554',
      RA: 335.6985,
      Dec: -7.5179,
      cent: 1,
      poserr: 1,
      useSXPS: 0,
      lc: 1,
      binMeth: 'snapshot',
    });
    await assert.rejects(
      rebin.rebin(String(early.JobID), { binMeth: 'time' }),
      (e: unknown) => e instanceof RebinRejectedError && /not complete/.test(e.message) && !e.deliveryUncertain,
    );
    await assert.rejects(rebin.status(424242), (e: unknown) => e instanceof RebinRejectedError && /does not exist/.test(e.message));
    sandbox.clock.advance(D);
    await assert.rejects(
      rebin.rebinWithWireParams(String(early.JobID), { binMeth: 'counts', pcCounts: 5 }),
      (e: unknown) => e instanceof RebinRejectedError && /needs wtCounts, dynamic/.test(e.message),
    );
  });

  it('works on every wire variant of the unknowns', async () => {
    const job = await finishedJob();
    sandbox.variants.set({
      'rebin-json-content-type': true,
      'rebin-error-string': true,
      'rebin-ok-true': true,
      'rebin-status-string': true,
      'rebin-jobid-string': true,
      'rebin-no-api-version': true,
    });
    const id = await rebin.rebin(job.id, { binMeth: 'obsid', lctimetype: 'm' });
    assert.equal(typeof id, 'number');
    sandbox.clock.advance(REBIN_D);
    assert.equal((await rebin.status(id)).complete, true);
    const curve = await rebin.lightCurve(id);
    assert.equal(curve.data.Binning, 'ObsID');
    assert.equal(curve.data.TimeFormat, 'MJD');
    await assert.rejects(rebin.status(1), (e: unknown) => e instanceof RebinRejectedError && e.code === '5');
    sandbox.variants.set({ 'rebin-nolc': true });
    assert.equal((await rebin.lightCurve(id)).noLightCurve, true);
  });

  it('an HTML error page (502) is a server error, not data; a PHP warning before the JSON is named', async () => {
    sandbox.faults.add({ prefix: '/API/main.php', kind: 'html-error', status: 502 });
    await assert.rejects(rebin.status(1520), (e: unknown) => e instanceof ServiceError && e.kind === 'server' && e.status === 502);
    const job = await finishedJob();
    sandbox.faults.add({ prefix: '/API/main.php', kind: 'php-warning' });
    await assert.rejects(
      rebin.rebin(job.id, { binMeth: 'snapshot' }),
      (e: unknown) => e instanceof ServiceError && e.kind === 'html-page' && /server warning/.test(e.message) && e.deliveryUncertain,
    );
  });

  it('a timeout: the status read says so; the rebin request is called possibly received', async () => {
    const quick = new RebinClient({ url: `${sandbox.origin}/API/main.php`, timeoutMs: 300, userAgent: 'test', retry: NO_RETRY });
    sandbox.faults.add({ prefix: '/API/main.php', kind: 'timeout', match: 'checkRebinStatus' });
    await assert.rejects(quick.status(1520), (e: unknown) => e instanceof ServiceError && e.kind === 'timeout');
    const job = await finishedJob();
    sandbox.faults.add({ prefix: '/API/main.php', kind: 'timeout', match: 'rebinLightCurve' });
    await assert.rejects(
      quick.rebin(job.id, { binMeth: 'snapshot' }),
      (e: unknown) => e instanceof ServiceError && e.kind === 'timeout' && e.deliveryUncertain,
    );
  });

  it('a redirect to another origin is refused and not followed', async () => {
    sandbox.faults.add({ prefix: '/API/main.php', kind: 'redirect-foreign', status: 307 });
    await assert.rejects(rebin.status(1520), (e: unknown) => e instanceof ServiceError);
    assert.deepEqual(sandbox.foreign.requests(), []);
  });

  it('a job is rebinned at the site root of its own service’s origin, unless the setting names a URL', () => {
    assert.equal(rebinUrlForJob('', 'https://www.swift.ac.uk/user_objects'), 'https://www.swift.ac.uk/API/main.php');
    assert.equal(rebinUrlForJob('  ', 'http://127.0.0.1:8765/user_objects/'), 'http://127.0.0.1:8765/API/main.php');
    assert.equal(rebinUrlForJob('', 'not a url'), undefined);
    assert.equal(
      rebinUrlForJob(' https://mirror.example/API/main.php ', 'https://www.swift.ac.uk/user_objects'),
      'https://mirror.example/API/main.php',
    );
    assert.equal(rebinUrlForJob('not a url', 'https://www.swift.ac.uk/user_objects'), undefined);
  });
});
