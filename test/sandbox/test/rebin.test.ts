// The emulated UKSSDC site API for rebinning (test/fixtures/protocol/xrt-products.md §16): a finished job's
// light curve is binned anew from the same simulated events, on the simulated clock, cancellable, with
// the real wire's habits (JSON as text/html after a blank line, errors as {ERROR, ERRORTEXT} at HTTP 200)
// and the variants for what the reference marks unknown.
import * as assert from 'node:assert/strict';
import { lcDataResponseSchema } from '../../../src/xrt/responseSchemas';
import { VariantSet } from '../variants';
import { ASTRO, collect, createHarness, type Harness } from '../xrt/harness';
import { REBIN_VARIANTS } from '../xrt/rebin';

type Json = Record<string, unknown>;
const D = 100_000;
const REBIN_D = 20_000;
const GRB: Json = {
  UserID: ASTRO,
  name: 'GRB 200416A',
  targ: '00966554',
  RA: 335.6985,
  Dec: -7.5179,
  Tstart: 608713541.952,
  cent: 1,
  poserr: 1,
  useSXPS: 0,
};

describe('sandbox site API: light-curve rebinning', () => {
  let h: Harness;
  let variants: VariantSet;
  beforeEach(() => {
    variants = new VariantSet();
    h = createHarness({ productDurationMs: D, rebinDurationMs: REBIN_D, variants });
  });

  async function site(
    body: unknown,
    method = 'POST',
    path = '/API/main.php',
  ): Promise<{ status: number; headers: Json; text: string; json: Json }> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const reply = await h.service.siteApi.handle({
      method,
      path,
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(raw),
      cookies: {},
    });
    assert.ok(reply, `no route for ${path}`);
    const text = (await collect(reply)).toString('utf8');
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // Not JSON (an HTML page): the caller asserts on `text` and `status`.
    }
    return { status: reply.status, headers: { ...(reply.headers ?? {}) }, text, json };
  }
  const call = async (func: string, fields: Json): Promise<Json> => (await site({ ...fields, APIFunc: func, APIVersion: '1.0.5' })).json;

  async function finishedJob(lc: Json = { binMeth: 'counts', pccounts: 20, wtcounts: 30 }): Promise<string> {
    const reply = await h.post('/run_userobject.php', { ...GRB, lc: 1, ...lc });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    h.clock.advance(D);
    return String(reply.JobID);
  }

  async function rebinned(jobId: string, binning: Json): Promise<number> {
    const reply = await call('rebinLightCurve', { type: 'UOB_LC', objectID: jobId, ...binning });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    assert.equal(typeof reply.JobID, 'number');
    return reply.JobID as number;
  }

  async function curve(rebinId: number, extra: Json = {}): Promise<Json> {
    const reply = await call('downloadLightCurve', { type: 'REBIN_LC', objectID: rebinId, incbad: 'no', nosys: 'no', ...extra });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    return reply;
  }

  it('answers on the real wire: JSON labelled text/html after a blank line, HTTP 200, APIVersion 1.0.5', async () => {
    const job = await finishedJob();
    const reply = await site({ type: 'UOB_LC', objectID: job, binMeth: 'snapshot', APIFunc: 'rebinLightCurve', APIVersion: '1.0.5' });
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^text\/html/);
    assert.ok(reply.text.startsWith('\n{'), JSON.stringify(reply.text.slice(0, 10)));
    assert.deepEqual(Object.keys(reply.json), ['JobID', 'OK', 'APIVersion']);
    assert.equal(reply.json.APIVersion, '1.0.5');
  });

  it('rebin → status 1, 2, 3 on the simulated clock → 4 "Complete"; the curve is the job\'s events with the new binning', async () => {
    const job = await finishedJob();
    const original = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: job, nosys: 'no', incbad: 'no' });
    const id = await rebinned(job, { binMeth: 'time', pcBinTime: 5000, wtBinTime: 50, timeFormat: 's' });
    const seen: unknown[] = [];
    for (let t = 0; t <= REBIN_D; t += REBIN_D / 10) {
      const s = await call('checkRebinStatus', { JobID: id });
      seen.push(s.status);
      if (t === REBIN_D / 2) assert.equal(s.text, 'Running');
      h.clock.advance(REBIN_D / 10);
    }
    assert.deepEqual([...new Set(seen)], [1, 2, 3, 4]);
    const done = await call('checkRebinStatus', { JobID: id });
    assert.deepEqual(done, { status: 4, text: 'Complete', OK: 1, APIVersion: '1.0.5' });

    const data = await curve(id);
    const parsed = lcDataResponseSchema.parse(data);
    const jobCurve = lcDataResponseSchema.parse(original);
    assert.equal(parsed.Binning, 'Time');
    assert.equal(jobCurve.Binning, 'Counts');
    assert.equal(parsed.T0, jobCurve.T0, 'the same events: the same T0');
    const span = (c: typeof parsed, name: string): [number, number] => {
      const rows = c.datasets[name].data as number[][];
      return [rows[0][0] + rows[0][2], rows[rows.length - 1][0] + rows[rows.length - 1][1]];
    };
    // Same snapshots, other bins: the PC curve starts where the job's does, with fewer, longer bins.
    assert.ok(Math.abs(span(parsed, 'PC')[0] - span(jobCurve, 'PC')[0]) < 1e-3 * Math.abs(span(jobCurve, 'PC')[0]) + 1);
    assert.notEqual(parsed.datasets.PC.data.length, jobCurve.datasets.PC.data.length);
    for (const row of parsed.datasets.PC.data as number[][])
      assert.ok(row[1] <= 2500 + 1e-6, `a PC bin of half-width ${row[1]} s is longer than 5000 s`);
  });

  it('is deterministic: the same rebin twice gives the same curve', async () => {
    const job = await finishedJob();
    const a = await rebinned(job, { binMeth: 'counts', pcCounts: 40, wtCounts: 80, dynamic: true });
    const b = await rebinned(job, { binMeth: 'counts', pcCounts: 40, wtCounts: 80, dynamic: true });
    assert.notEqual(a, b);
    h.clock.advance(REBIN_D);
    const first = await curve(a);
    const second = await curve(b);
    assert.deepEqual(first.PCData && (first.PCData as Json).data, (second.PCData as Json).data);
    assert.match(String((first.PCData as Json).URL), new RegExp(`/xrt_curves/tprods/REBIN_${a}/PCCURVE\\.qdp$`));
  });

  it('counts binning: more counts per bin → fewer bins; obsid binning says "ObsID" and MJD times for timeFormat "m"', async () => {
    const job = await finishedJob({ binMeth: 'counts', pccounts: 20, wtcounts: 30 });
    const few = await rebinned(job, { binMeth: 'counts', pcCounts: 200, wtCounts: 300, dynamic: false });
    const obs = await rebinned(job, { binMeth: 'obsid', timeFormat: 'm' });
    h.clock.advance(REBIN_D);
    const original = lcDataResponseSchema.parse(
      await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: job, nosys: 'no', incbad: 'no' }),
    );
    const coarse = lcDataResponseSchema.parse(await curve(few));
    const total = (c: typeof coarse): number =>
      Object.entries(c.datasets)
        .filter(([n]) => n === 'PC' || n === 'PCUL')
        .reduce((s, [, d]) => s + d.data.length, 0);
    assert.ok(total(coarse) < total(original), `${total(coarse)} bins, the job had ${total(original)}`);
    const byObs = lcDataResponseSchema.parse(await curve(obs));
    assert.equal(byObs.Binning, 'ObsID');
    assert.equal(byObs.TimeFormat, 'MJD');
    assert.ok(Number((byObs.datasets.PC ?? byObs.datasets.PCUL).data[0][0]) > 50_000, 'an MJD time');
  });

  it('downloadLightCurve defaults to incbad "yes" as the official client does: _incbad datasets', async () => {
    const job = await finishedJob();
    const id = await rebinned(job, { binMeth: 'snapshot' });
    h.clock.advance(REBIN_D);
    const reply = await call('downloadLightCurve', { type: 'REBIN_LC', objectID: id });
    assert.ok(
      (reply.Datasets as string[]).every((n) => n.endsWith('_incbad')),
      JSON.stringify(reply.Datasets),
    );
  });

  it('accepts the submit names as aliases, booleans as 1/"0", binMeth in any case and "observation" for obsid', async () => {
    const job = await finishedJob();
    await rebinned(job, { binMeth: 'COUNTS', pccounts: 10, wtcounts: 20, dynamic: '0' });
    await rebinned(job, { binMeth: 'observation', lctimetype: 'MJD' });
    const snaps = h.service.rebins();
    assert.deepEqual(
      snaps.map((r) => [r.binMeth, r.dynamic]),
      [
        ['counts', false],
        ['obsid', false],
      ],
    );
  });

  it('serves the rebinned QDP files at the returned URLs once complete, 404 before', async () => {
    const job = await finishedJob();
    const id = await rebinned(job, { binMeth: 'snapshot' });
    const path = `/xrt_curves/tprods/REBIN_${id}/PCCURVE.qdp`;
    assert.equal((await site('', 'GET', path)).status, 404);
    h.clock.advance(REBIN_D);
    const file = await site('', 'GET', path);
    assert.equal(file.status, 200);
    assert.match(file.text, /READ TERR 1 2/);
  });

  it('cancel: OK 1, then status −4 "Cancelled"; a second cancel and a cancel after completion are refused without OK', async () => {
    const job = await finishedJob();
    const id = await rebinned(job, { binMeth: 'snapshot' });
    h.clock.advance(REBIN_D / 2);
    assert.deepEqual(await call('cancelRebin', { JobID: id }), { OK: 1, APIVersion: '1.0.5' });
    assert.equal((await call('checkRebinStatus', { JobID: id })).status, -4);
    h.clock.advance(REBIN_D);
    assert.equal((await call('checkRebinStatus', { JobID: id })).status, -4, 'a cancelled rebin never completes');
    const again = await call('cancelRebin', { JobID: id });
    assert.equal(again.OK, undefined);
    assert.equal(typeof again.ERROR, 'number');
    const other = await rebinned(job, { binMeth: 'snapshot' });
    h.clock.advance(REBIN_D);
    const late = await call('cancelRebin', { JobID: other });
    assert.deepEqual(Object.keys(late), ['ERROR', 'ERRORTEXT']);
    assert.match(String(late.ERRORTEXT), /already finished/);
    const fetchCancelled = await call('downloadLightCurve', { type: 'REBIN_LC', objectID: id });
    assert.ok('ERROR' in fetchCancelled);
  });

  it('errors are {ERROR, ERRORTEXT} at HTTP 200 with no OK and no APIVersion', async () => {
    const job = await finishedJob();
    const cases: Array<[Json, RegExp]> = [
      [{ APIFunc: 'rebinLightCurve', type: 'UOB_LC', objectID: job, binMeth: 'weekly' }, /binMeth must be one of/],
      [{ APIFunc: 'rebinLightCurve', type: 'UOB_LC', objectID: job, binMeth: 'counts', pcCounts: 10 }, /needs wtCounts, dynamic/],
      [{ APIFunc: 'rebinLightCurve', type: 'UOB_LC', objectID: '99999', binMeth: 'snapshot' }, /No light curve exists/],
      [{ APIFunc: 'rebinLightCurve', type: 'UOB_LC', objectID: job, binMeth: 'time', pcBinTime: -5 }, /pcBinTime must be greater than 0/],
      [{ APIFunc: 'rebinLightCurve', type: 'UOB_LC', objectID: job, binMeth: 'snapshot', whichData: 'user' }, /needs useObs/],
      [{ APIFunc: 'checkRebinStatus', JobID: 7 }, /does not exist/],
      [{ APIFunc: 'checkRebinStatus', JobID: 'abc' }, /must be an integer/],
      [{ APIFunc: 'nonsense' }, /Unknown APIFunc/],
    ];
    for (const [body, text] of cases) {
      const reply = await site(body);
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys(reply.json), ['ERROR', 'ERRORTEXT'], JSON.stringify(body));
      assert.match(String(reply.json.ERRORTEXT), text);
    }
    assert.deepEqual(Object.keys((await site('{"APIFunc": ')).json), ['ERROR', 'ERRORTEXT'], 'a body that is not JSON');
  });

  it('refuses a job whose light curve is not complete, and a job without a light curve', async () => {
    const reply = await h.post('/run_userobject.php', { ...GRB, lc: 1, binMeth: 'snapshot' });
    const early = await call('rebinLightCurve', { type: 'UOB_LC', objectID: reply.JobID, binMeth: 'time' });
    assert.match(String(early.ERRORTEXT), /not complete/);
    const spec = await h.post('/run_userobject.php', { ...GRB, spec: 1, specz: 0 });
    h.clock.advance(D);
    const noLc = await call('rebinLightCurve', { type: 'UOB_LC', objectID: spec.JobID, binMeth: 'time' });
    assert.match(String(noLc.ERRORTEXT), /did not build a light curve/);
  });

  it('a GET of main.php is an HTML 405 page; reset forgets the rebins', async () => {
    const page = await site('', 'GET');
    assert.equal(page.status, 405);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const job = await finishedJob();
    await rebinned(job, { binMeth: 'snapshot' });
    h.service.reset();
    assert.deepEqual(h.service.rebins(), []);
  });

  describe('variants', () => {
    it(`${REBIN_VARIANTS.jsonContentType}: application/json without the blank line`, async () => {
      variants.set({ [REBIN_VARIANTS.jsonContentType]: true });
      const reply = await site({ APIFunc: 'checkRebinStatus', JobID: 1 });
      assert.equal(reply.headers['content-type'], 'application/json');
      assert.ok(reply.text.startsWith('{'));
    });

    it(`${REBIN_VARIANTS.errorAsString}, ${REBIN_VARIANTS.okTrue}, ${REBIN_VARIANTS.statusAsString}, ${REBIN_VARIANTS.jobIdAsString}, ${REBIN_VARIANTS.noApiVersion}`, async () => {
      const job = await finishedJob();
      variants.set({
        [REBIN_VARIANTS.errorAsString]: true,
        [REBIN_VARIANTS.okTrue]: true,
        [REBIN_VARIANTS.statusAsString]: true,
        [REBIN_VARIANTS.jobIdAsString]: true,
        [REBIN_VARIANTS.noApiVersion]: true,
      });
      const started = await call('rebinLightCurve', { type: 'UOB_LC', objectID: job, binMeth: 'snapshot' });
      assert.deepEqual(started, { JobID: '1520', OK: true });
      assert.deepEqual(await call('checkRebinStatus', { JobID: 1520 }), { status: '1', text: 'Requested', OK: true });
      assert.equal((await call('checkRebinStatus', { JobID: 4 })).ERROR, '5');
    });

    it(`${REBIN_VARIANTS.nolc}: a complete rebin answers NOLC 1 with Datasets []`, async () => {
      const job = await finishedJob();
      const id = await rebinned(job, { binMeth: 'snapshot' });
      h.clock.advance(REBIN_D);
      variants.set({ [REBIN_VARIANTS.nolc]: true });
      assert.deepEqual(await call('downloadLightCurve', { type: 'REBIN_LC', objectID: id }), {
        NOLC: 1,
        Datasets: [],
        OK: 1,
        APIVersion: '1.0.5',
      });
    });
  });
});
