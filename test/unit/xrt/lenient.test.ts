// Reading the XRT product generator as leniently as its official client: numbers from numeric strings,
// booleans in every spelling, null or "" wherever the extension does not strictly need a value, and
// one odd record in a list skipped with a note instead of the whole reply lost. Plus the client's
// envelope rules: its own api_name/api_version win, any non-zero OK is success, a newer server API
// version is reported once, and a submission needs a JobID as evidence.
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { isServiceError } from '../../../src/http/errors';
import { fetchJobProducts } from '../../../src/products/model/jobProducts';
import { modelFromJobData } from '../../../src/products/model/modelBuilder';
import { XrtClient, XrtRejectedError, isNewerVersion, onNewerXrtApiVersion } from '../../../src/xrt/client';
import { recordForOldJob } from '../../../src/xrt/jobs/recordFromReply';
import {
  cancelResponseSchema,
  lcDataResponseSchema,
  listOldJobsResponseSchema,
  numJobsResponseSchema,
  positionResponseSchema,
  sourceDetResponseSchema,
  specDataResponseSchema,
  statusResponseSchema,
} from '../../../src/xrt/responseSchemas';
import { startLocalServer, type LocalServer } from '../../support/localServer';
import { readFixture } from '../../support/paths';
import { blankOptionals } from '../../sandbox/xrt/wire';

type Json = Record<string, unknown>;
const fixture = (name: string): Json => readFixture('xrt', name) as Json;

function ok<T>(result: { success: true; data: T } | { success: false; error: { issues: unknown[] } }): T {
  assert.ok(result.success, result.success ? '' : JSON.stringify(result.error.issues));
  return result.data;
}

describe('XRT lenient replies: scalars', () => {
  it('reads booleans as 0/1, "0"/"1", true/false and "true"/"false", and nothing else', () => {
    // A position reply's GotPos, a flag the reply cannot do without.
    const gotPos = (GotPos: unknown): boolean | undefined => {
      const read = positionResponseSchema.safeParse({ OK: 1, GotPos, RA: 10, Dec: 20, Err90: 3 });
      return read.success ? read.data.GotPos : undefined;
    };
    for (const yes of [1, '1', true, 'true', ' TRUE ']) assert.equal(gotPos(yes), true, String(yes));
    for (const no of [0, '0', false, 'false']) assert.equal(gotPos(no), false, String(no));
    for (const neither of [2, 'yes', null, '', {}]) assert.equal(gotPos(neither), undefined, JSON.stringify(neither));
  });

  it('reads numbers from numeric strings wherever a number is expected', () => {
    assert.equal(ok(numJobsResponseSchema.safeParse({ OK: '1', numJobs: '3' })).numJobs, 3);
    const cancel = ok(cancelResponseSchema.safeParse({ OK: 2, status: { lc: null }, statusCodes: { lc: '1' } }));
    assert.deepEqual(cancel.statusCodes, { lc: 1 });
    assert.deepEqual(cancel.status, { lc: '' });
  });
});

describe('XRT lenient replies: null and "" in optional fields', () => {
  it('positions: no values needed when GotPos is 0, and "0" strings read as false', () => {
    for (const GotPos of [0, '0', false]) {
      const reply = ok(positionResponseSchema.safeParse({ OK: 1, GotPos, RA: null, Dec: '', Err90: null, FromSXPS: null, WhichSXPS: '' }));
      assert.equal(reply.GotPos, false);
      assert.equal(reply.RA, undefined);
      assert.equal(reply.FromSXPS, undefined);
    }
    assert.ok(
      !positionResponseSchema.safeParse({ OK: 1, GotPos: 1, RA: null, Dec: '1', Err90: '3' }).success,
      'a found position needs its RA',
    );
  });

  it('light curves: T0, Binning, TimeFormat and dataset URLs may be null or ""', () => {
    const body = blankOptionals('/tprods/getLCData.php', fixture('lcdata.response.ok.json'));
    assert.equal(body.T0, null);
    const reply = ok(lcDataResponseSchema.safeParse(body));
    assert.equal(reply.T0, undefined);
    assert.equal(reply.Binning, undefined);
    assert.equal(reply.TimeFormat, undefined);
    assert.deepEqual(reply.skipped, []);
    assert.ok(Object.values(reply.datasets).every((d) => d.URL === undefined));
    assert.deepEqual(Object.keys(reply.datasets), fixture('lcdata.response.ok.json').Datasets);
  });

  it('spectra: T0, GalNH_unfitted and DataFile may be null or ""', () => {
    const body = blankOptionals('/tprods/getSpecData.php', fixture('specdata.response.ok-multimodel.json'));
    (body.interval0 as Json).DataFile = null;
    const reply = ok(specDataResponseSchema.safeParse(body));
    assert.ok(!reply.spectra.noSpectrum);
    if (reply.spectra.noSpectrum) return;
    assert.equal(reply.spectra.T0, undefined);
    assert.equal(reply.spectra.GalNH_unfitted, undefined);
    assert.equal(reply.spectra.intervals[0]!.DataFile, undefined);
    assert.equal(reply.spectra.intervals[0]!.modes[0]!.models.length, 2);
  });

  it('status: statusText, TimeRunning, PreProgress and StepExtra may be null or ""; a null statusCode is "not in the job"', () => {
    const body = blankOptionals('/checkProductStatus.php', fixture('status.response.all-products-progress.json'));
    const reply = ok(statusResponseSchema.safeParse(body));
    const spec = reply.spec!;
    assert.equal(spec.statusText, '');
    assert.equal(spec.progress.TimeRunning, undefined);
    assert.equal(spec.progress.PreProgress, undefined);
    assert.ok((spec.progress.ProgressSteps ?? []).length > 0, 'the steps still arrive');
    assert.ok((spec.progress.ProgressSteps ?? []).every((s) => s.StepExtra === undefined || typeof s.StepExtra === 'string'));
    const blank = ok(statusResponseSchema.safeParse({ OK: 1, lc: { statusCode: '', statusText: null, progress: null } }));
    assert.equal(blank.lc!.statusCode, null);
    assert.equal(blank.lc!.progress.GotProgress, 0);
  });

  it('old jobs: Name and DateSubmitted may be null or ""', () => {
    const body = blankOptionals('/listOldJobs.php', fixture('listoldjobs.response.ok.json'));
    const reply = ok(listOldJobsResponseSchema.safeParse(body));
    assert.equal(reply.jobs.length, (fixture('listoldjobs.response.ok.json').jobs as unknown[]).length);
    assert.deepEqual(reply.skipped, []);
    assert.ok(reply.jobs.every((j) => j.Name === '' && j.DateSubmitted === undefined));
  });
});

describe('XRT lenient replies: one odd record in a list', () => {
  it('skips an unreadable old job with a note naming it, and keeps the others', () => {
    const jobs = [
      { JobID: 1, Name: 'a', DateSubmitted: '2020-01-01 00:00:00', hasProd: true },
      'garbage',
      { Name: 'no id', hasProd: true },
      { JobID: '4', hasProd: '1', Spectrum: 'yes?' },
      { JobID: 5 },
    ];
    const reply = ok(listOldJobsResponseSchema.safeParse({ OK: 1, jobs }));
    assert.deepEqual(
      reply.jobs.map((j) => j.JobID),
      [1, 5],
    );
    assert.equal(reply.jobs[1]!.hasProd, true, 'hasProd missing: offered (the service says when products are gone)');
    assert.equal(reply.skipped.length, 3);
    assert.match(reply.skipped[0]!, /^Job record 2 was skipped/);
    assert.match(reply.skipped[1]!, /Job record 3 .*JobID/);
    assert.match(reply.skipped[2]!, /Job record 4 .*Spectrum/);
  });

  it('skips an odd source or band of a source list', () => {
    const reply = ok(
      sourceDetResponseSchema.safeParse({ OK: 1, Total: [{ sno: '1', ra: '32.1', x: null }, 'odd', { sno: 2, ra: ['x'] }], Soft: 'none' }),
    );
    assert.deepEqual(reply.bands.Total, [{ sno: '1', ra: '32.1', x: '' }]);
    assert.equal(reply.bands.Soft, undefined);
    assert.equal(reply.skipped.length, 3, reply.skipped.join(' | '));
    assert.ok(reply.skipped.some((n) => /Soft/.test(n)));
  });

  it('skips an odd spectral interval or light-curve dataset name', () => {
    const spec = ok(specDataResponseSchema.safeParse({ OK: 1, rnames: ['a', 7, 'b'], a: { Modes: [] }, b: 'lost' }));
    assert.ok(!spec.spectra.noSpectrum);
    if (spec.spectra.noSpectrum) return;
    assert.deepEqual(
      spec.spectra.intervals.map((i) => i.name),
      ['a'],
    );
    assert.equal(spec.skipped.length, 2);
    const lc = ok(
      lcDataResponseSchema.safeParse({ OK: 1, Datasets: [null, 'PC'], PCData: { columns: ['Time'], data: [[1], 'x', [1, 2]] } }),
    );
    assert.deepEqual(lc.Datasets, ['PC']);
    assert.deepEqual(lc.datasets.PC!.data, [[1]]);
    assert.equal(lc.skipped.length, 3);
  });
});

describe('XRT client: envelope and evidence', function () {
  this.timeout(20_000);
  let server: LocalServer;
  let baseUrl: string;
  let replies: Record<string, unknown>;
  let received: { path: string; body: Json }[];

  before(async () => {
    server = await startLocalServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '').replace('/user_objects', '');
        received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json });
        // The real server's wire: JSON labelled text/html, after a blank line.
        res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
        res.end(`\n${JSON.stringify(replies[path] ?? { OK: 0, ERROR: 'no reply set' })}\n`);
      });
    });
    baseUrl = `${server.origin}/user_objects`;
  });
  after(async () => {
    onNewerXrtApiVersion(undefined);
    await server.close();
  });
  beforeEach(() => {
    replies = {};
    received = [];
  });

  const client = (): XrtClient =>
    new XrtClient({
      baseUrl,
      userId: 'astro@example.org',
      timeoutMs: 5_000,
      userAgent: 'tests',
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });

  it('sends api_name and api_version after the request file’s keys, so a file cannot change them', async () => {
    replies['/run_userobject.php'] = { OK: 1, URL: 'https://x/tprods/USERPROD_7', JobID: '7', jobPars: {}, APIVersion: '1.12' };
    await client().submit({ name: 'x', api_name: 'mine', api_version: '0.1', UserID: 'someone@else' });
    assert.deepEqual(received[0]!.body, { name: 'x', UserID: 'astro@example.org', api_name: 'xrt_prods', api_version: '1.12' });
  });

  it('takes any non-zero OK as success, and only 0 as a refusal', async () => {
    replies['/getNumJobs.php'] = { OK: 3, numJobs: '2', APIVersion: '1.12' };
    assert.equal((await client().countActiveJobs()).numJobs, 2);
    replies['/getNumJobs.php'] = { OK: true, numJobs: 1, APIVersion: '1.12' };
    assert.equal((await client().countActiveJobs()).numJobs, 1);
    for (const OK of ['0', 0, false]) {
      replies['/getNumJobs.php'] = { OK, ERROR: 'nope', APIVersion: '1.12' };
      await assert.rejects(
        client().countActiveJobs(),
        (e: unknown) => isServiceError(e) && e.kind === 'rejected' && e.message === 'nope',
        String(OK),
      );
    }
  });

  it('takes a refusal before the endpoint shape, with its listErr, and names replies that are not the product generator', async () => {
    const refusal = fixture('submit.response.error-params.json') as Json & { ERROR: string; listErr: unknown };
    replies['/run_userobject.php'] = refusal;
    await assert.rejects(
      client().submit({ name: 'x' }),
      (e: unknown) => e instanceof XrtRejectedError && e.message === refusal.ERROR.trim() && isDeepStrictEqual(e.listErr, refusal.listErr),
    );
    replies['/getNumJobs.php'] = { OK: '0' };
    await assert.rejects(client().countActiveJobs(), (e: unknown) => isServiceError(e) && /without a reason/.test(e.message));
    replies['/getNumJobs.php'] = { numJobs: 1 };
    await assert.rejects(
      client().countActiveJobs(),
      (e: unknown) => isServiceError(e) && e.kind === 'unexpected-shape' && /no OK field/.test(e.message),
    );
    replies['/getNumJobs.php'] = ['OK', 1];
    await assert.rejects(
      client().countActiveJobs(),
      (e: unknown) => isServiceError(e) && e.kind === 'unexpected-shape' && /not an object/.test(e.message),
    );
  });

  it('calls a submission without a JobID a reply of unexpected shape (not a success, not a clean refusal)', async () => {
    for (const reply of [
      { OK: 1, URL: 'https://x/USERPROD_1', jobPars: {} },
      { OK: 1, URL: 'https://x/USERPROD_1', JobID: '', jobPars: {} },
      { OK: 1, JobID: 5 },
    ]) {
      replies['/run_userobject.php'] = reply;
      await assert.rejects(
        client().submit({ name: 'x' }),
        (e: unknown) => isServiceError(e) && e.kind === 'unexpected-shape',
        JSON.stringify(reply),
      );
    }
    replies['/run_userobject.php'] = { OK: 1, URL: 'https://x/USERPROD_1', JobID: 5 };
    assert.equal((await client().submit({ name: 'x' })).JobID, 5, 'jobPars is only kept: its absence is no reason to fail');
  });

  it('shows the records a data reply could not read as notes in the viewer, and the rest of the data', async () => {
    replies['/tprods/getSourceDetResults.php'] = { OK: 1, APIVersion: '1.12', Total: [{ sno: '1', ra: '32.1', dec: '56.9' }, 42] };
    replies['/tprods/getLCData.php'] = {
      OK: 1,
      APIVersion: '1.12',
      Datasets: ['PC', 'WT'],
      PCData: { columns: ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RatePos', 'RateNeg'], data: [[1, 1, -1, 2, 0.1, -0.1]] },
    };
    const data = await fetchJobProducts(client(), 7, ['lc', 'sourceDet']);
    assert.ok(data.sourceDetection?.ok && data.lightCurve?.ok);
    assert.equal(data.sourceDetection.notes?.length, 1);
    const model = modelFromJobData({ jobId: '7' }, data);
    const warnings = model.problems.filter((p) => p.severity === 'warning').map((p) => p.message);
    assert.ok(
      warnings.some((m) => /^Source detection: Total band: Source 2 was skipped/.test(m)),
      warnings.join(' | '),
    );
    assert.ok(
      warnings.some((m) => /^Light curve: .*WTData/.test(m)),
      warnings.join(' | '),
    );
    assert.equal(model.sourceDetection?.bands[0]?.rows.length, 1);
    assert.equal(model.lightCurve?.datasets.length, 1);
  });

  it('reports a newer server API version once per version, never an equal or older one', async () => {
    const heard: string[] = [];
    onNewerXrtApiVersion((v) => heard.push(v));
    for (const APIVersion of ['1.12', '1.13', 1.13, '1.13', '1.5', '2.0.1', 'x']) {
      replies['/getNumJobs.php'] = { OK: 1, numJobs: 0, APIVersion };
      await client().countActiveJobs();
    }
    assert.deepEqual(heard, ['1.13', '2.0.1']);
    assert.equal(isNewerVersion('1.12.1', '1.12'), true);
    assert.equal(isNewerVersion('1.9', '1.12'), false);
    assert.equal(isNewerVersion('latest', '1.12'), undefined);
  });
});

describe('XRT old jobs: imported from getOldProduct', () => {
  it('reads submission dates as documented (UTC), or with Z or an offset', () => {
    const importedAt = Date.UTC(2026, 0, 2);
    const submittedAt = (DateSubmitted: string | undefined): string => {
      const old = ok(listOldJobsResponseSchema.safeParse({ OK: 1, jobs: [{ JobID: 1, DateSubmitted, LightCurve: true }] })).jobs[0]!;
      return recordForOldJob(old, { URL: 'https://example.org/p/1', jobPars: {} }, 'astro@example.org', 'https://example.org', importedAt)
        .submittedAt;
    };
    assert.equal(submittedAt('2020-07-23 17:32:29'), '2020-07-23T17:32:29.000Z');
    assert.equal(submittedAt('2020-07-23T17:32:29Z'), '2020-07-23T17:32:29.000Z');
    assert.equal(submittedAt('2020-07-23T18:32:29+01:00'), '2020-07-23T17:32:29.000Z');
    assert.equal(submittedAt('2020-07-23 12:32:29-0500'), '2020-07-23T17:32:29.000Z');
    // Unreadable: the time of the import stands in.
    for (const bad of [undefined, '', 'yesterday', '2020-13-45 99:00:00'])
      assert.equal(submittedAt(bad), '2026-01-02T00:00:00.000Z', String(bad));
  });

  it('takes the URL from getOldProduct and keeps every product the job has, source detection included', () => {
    const old = ok(
      listOldJobsResponseSchema.safeParse({
        OK: 1,
        jobs: [{ JobID: 3510, Name: null, DateSubmitted: '2020-08-02 09:41:00', LightCurve: false, AstromPos: true, hasProd: true }],
      }),
    ).jobs[0]!;
    const record = recordForOldJob(
      old,
      { URL: 'https://elsewhere.example/products/abc', jobPars: { name: 'SS 433', sourceDet: 1, doxastrom: '1', lc: 0 } },
      'astro@example.org',
      'https://www.swift.ac.uk/user_objects',
      0,
    );
    assert.equal(record.url, 'https://elsewhere.example/products/abc');
    assert.deepEqual(Object.keys(record.products), ['psf', 'xastrom', 'sourceDet']);
    assert.equal(record.name, 'SS 433', 'a null Name falls back to the echoed name');
    assert.equal(record.jobPars.sourceDet, 1, 'jobPars kept for Save as Request');
    assert.equal(record.submittedAt, '2020-08-02T09:41:00.000Z');
  });
});
