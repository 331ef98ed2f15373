// The emulated XRT service over time: each product goes 1 → 2 → 3 (with progress) → 4 on the
// simulated clock, data appear only when finished, positions fail for empty fields, xastrom
// waits for psf, and cancel/ownership/history behave as the reference describes.
import * as assert from 'node:assert/strict';
import { lcDataResponseSchema, specDataResponseSchema, statusResponseSchema } from '../../../src/xrt/responseSchemas';
import { CATALOGUE, separationDeg } from '../catalogue';
import { ASTRO, OTHER, createHarness, type Harness } from '../xrt/harness';

type Json = Record<string, unknown>;
const D = 100_000;

const GRB_BASE: Json = {
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
const PRODUCT_REQUEST: Record<string, Json> = {
  lc: { lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30 },
  spec: { spec: 1, specz: 0 },
  psf: { dopsf: 1 },
  enh: { doenh: 1 },
  xastrom: { doxastrom: 1 },
  image: { image: 1 },
  sourceDet: { sourceDet: 1, detobs: 'all' },
};
const FIRST_LABEL: Record<string, string> = {
  lc: 'Prepare data and centroid (if selected).',
  spec: 'Prepare data.',
  psf: 'Collect data.',
  enh: 'Identify XRT-UVOT overlaps.',
  xastrom: 'Prepare data.',
  image: 'Collect data.',
  sourceDet: 'Collect data.',
};

describe('sandbox XRT service: job lifecycle', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness({ productDurationMs: D });
  });

  async function submit(extra: Json): Promise<string> {
    const reply = await h.post('/run_userobject.php', { ...GRB_BASE, ...extra });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    return String(reply.JobID);
  }

  async function status(id: string, what: string, whatProg = what): Promise<Json> {
    const reply = await h.post('/checkProductStatus.php', { UserID: ASTRO, JobID: id, what, whatProg });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    assert.ok(statusResponseSchema.safeParse(reply).success);
    return reply;
  }

  const code = (reply: Json, product: string): unknown => (reply[product] as Json).statusCode;
  const progress = (reply: Json, product: string): Json => (reply[product] as Json).progress as Json;

  for (const product of Object.keys(PRODUCT_REQUEST)) {
    it(`${product}: requested → queued → running with progress → complete`, async () => {
      const id = await submit(PRODUCT_REQUEST[product]);
      const runsAfter = product === 'xastrom' ? D : 0.15 * D;
      const endsAt = product === 'xastrom' ? D + 0.85 * D : D;
      let reply = await status(id, product);
      assert.equal(code(reply, product), 1);
      assert.equal(progress(reply, product).GotProgress, 2, 'progress is unavailable before running');
      h.clock.advance(0.1 * D);
      assert.equal(code(await status(id, product), product), 2);

      h.clock.advance(runsAfter + 0.02 * D - 0.1 * D);
      reply = await status(id, product);
      assert.equal(code(reply, product), 3);
      const p = progress(reply, product);
      assert.equal(p.GotProgress, 1);
      const steps = p.ProgressSteps as Json[];
      assert.equal(steps[0].StepLabel, FIRST_LABEL[product]);
      assert.match(String(p.TimeRunning), /^\d\d:\d\d:\d\d$/);
      assert.equal(p.TimeRunning, '00:00:02', 'time since the product started running');
      if (product === 'enh') assert.equal(p.PreProgress, 'Trying using the <em>v,b,white</em> filters:');

      const data = await dataCall(product, id);
      assert.equal(data.OK, 0, `${product} data must not be served before completion`);
      assert.match(String(data.ERROR), /not complete yet/);

      h.clock.advance(endsAt - (runsAfter + 0.02 * D));
      reply = await status(id, product);
      assert.equal(code(reply, product), 4);
      assert.equal((reply[product] as Json).statusText, 'Complete');
      assert.deepEqual(progress(reply, product), { GotProgress: 0 }, 'finished products carry no progress');
      if (dataPath[product]) assert.equal((await dataCall(product, id)).OK, 1);
    });
  }

  const dataPath: Record<string, string | undefined> = {
    lc: '/tprods/getLCData.php',
    spec: '/tprods/getSpecData.php',
    psf: '/tprods/getPSFPos.php',
    enh: '/tprods/getEnhPos.php',
    xastrom: '/tprods/getAstromPos.php',
    sourceDet: '/tprods/getSourceDetResults.php',
    image: undefined,
  };
  async function dataCall(product: string, id: string): Promise<Json> {
    const path = dataPath[product];
    if (!path) {
      const archive = await h.request('GET', `/tprods/USERPROD_${id}/image.tar.gz`);
      return { OK: archive.status === 200 ? 1 : 0, ERROR: archive.status === 404 ? 'not complete yet' : '' };
    }
    return h.post(path, { UserID: ASTRO, JobID: id, nosys: 'no', incbad: 'no' });
  }

  it('counts in StepExtra advance linearly with simulated time', async () => {
    const id = await submit({ spec: 1, specz: 0, timeslice: 'snapshot' });
    const extras: Array<[number, number, number]> = [];
    for (const f of [0.2, 0.4, 0.6, 0.8]) {
      h.clock.set(new Date(Date.parse('2026-05-01T12:00:00Z') + 0.15 * D + f * 0.85 * D));
      const step = (progress(await status(id, 'spec'), 'spec').ProgressSteps as Json[])[1];
      const m = /\((\d+)\/(\d+)\)$/.exec(String(step.StepExtra));
      assert.ok(m, String(step.StepExtra));
      extras.push([f, Number(m[1]), Number(m[2])]);
    }
    const total = extras[0][2];
    for (const [f, k] of extras) assert.ok(Math.abs(k - Math.ceil(((f - 0.1) / 0.9) * total)) <= 1, `k=${k} at ${f} of ${total}`);
    assert.ok(extras[3][1] > extras[0][1]);
  });

  it('GotProgress is 0 for products not in whatProg, and products not in the job are null / Unknown status', async () => {
    const id = await submit({ lc: 1, binMeth: 'snapshot', spec: 1, specz: 0 });
    h.clock.advance(0.5 * D);
    const reply = await status(id, 'lc,spec,psf,image', 'spec');
    assert.deepEqual(progress(reply, 'lc'), { GotProgress: 0 });
    assert.equal(progress(reply, 'spec').GotProgress, 1);
    for (const p of ['psf', 'image'])
      assert.deepEqual(reply[p], { statusCode: null, statusText: 'Unknown status', progress: { GotProgress: 0 } });
    assert.equal(reply.JobID, Number(id), 'status echoes the JobID as a number');
  });

  it('xastrom waits (5) until the standard position completes, then runs', async () => {
    const id = await submit({ doxastrom: 1 });
    h.clock.advance(0.5 * D);
    let reply = await status(id, 'psf,xastrom');
    assert.equal(code(reply, 'psf'), 3, 'psf is built as the prerequisite even though only xastrom was asked for');
    assert.equal(code(reply, 'xastrom'), 5);
    h.clock.advance(0.6 * D);
    reply = await status(id, 'psf,xastrom');
    assert.equal(code(reply, 'psf'), 4);
    assert.equal(code(reply, 'xastrom'), 3);
    assert.equal((progress(reply, 'xastrom').ProgressSteps as Json[]).length, 12);
  });

  it('position products fail (-3, GotPos 0) for a field without an X-ray source; spectrum says NoSpectrum', async () => {
    const blank = CATALOGUE.find((e) => !e.xraySource);
    assert.ok(blank);
    const id = await submit({
      name: blank.name,
      targ: blank.targetIds[0],
      RA: blank.ra,
      Dec: blank.dec,
      dopsf: 1,
      doenh: 1,
      doxastrom: 1,
      spec: 1,
      specz: 0,
      lc: 1,
      binMeth: 'snapshot',
    });
    h.clock.advance(3 * D);
    const reply = await status(id, 'psf,enh,xastrom,spec,lc');
    for (const p of ['psf', 'enh', 'xastrom']) assert.equal(code(reply, p), -3, p);
    assert.equal(code(reply, 'spec'), 4);
    for (const path of ['/tprods/getPSFPos.php', '/tprods/getEnhPos.php', '/tprods/getAstromPos.php']) {
      const pos = await h.post(path, { UserID: ASTRO, JobID: id });
      assert.deepEqual([pos.OK, pos.GotPos], [1, 0], path);
    }
    const spec = await h.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID: id });
    assert.equal(spec.NoSpectrum, 1);
    assert.ok(specDataResponseSchema.safeParse(spec).success);
    const lc = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: id, nosys: 'no', incbad: 'no' });
    assert.deepEqual(lc.Datasets, ['PCUL'], 'an empty field has only upper limits');
  });

  it('a position far from every catalogue source fails too', async () => {
    const id = await submit({ name: 'Nowhere', RA: 10, Dec: 10, dopsf: 1 });
    h.clock.advance(D);
    assert.equal(code(await status(id, 'psf'), 'psf'), -3);
  });

  it('positions agree with the catalogue: within errors, FromSXPS for a persistent source when useSXPS=1', async () => {
    const gk = CATALOGUE.find((e) => e.name === 'GK Per');
    assert.ok(gk);
    const id = await submit({
      name: 'GK Per',
      targ: '00010873',
      RA: 52.8,
      Dec: 43.9043,
      Tstart: undefined,
      useSXPS: 1,
      dopsf: 1,
      doenh: 1,
    });
    h.clock.advance(D);
    const psf = await h.post('/tprods/getPSFPos.php', { UserID: ASTRO, JobID: id });
    assert.deepEqual([psf.GotPos, psf.FromSXPS, psf.WhichSXPS, psf.RA, psf.Dec], [1, 1, '2SXPS', gk.ra.toFixed(5), gk.dec.toFixed(5)]);
    const enh = await h.post('/tprods/getEnhPos.php', { UserID: ASTRO, JobID: id });
    assert.ok(!('FromSXPS' in enh), 'the enhanced position has no FromSXPS');
    assert.ok(separationDeg(Number(enh.RA), Number(enh.Dec), gk.ra, gk.dec) * 3600 < Number(enh.Err90));
  });

  it('astrometry of a faint field completes without a correction (NOCORR → GotPos 0)', async () => {
    const sgr = CATALOGUE.find((e) => e.name === 'Sgr A*');
    assert.ok(sgr);
    const id = await submit({ name: sgr.name, targ: sgr.targetIds[0], RA: sgr.ra, Dec: sgr.dec, doxastrom: 1 });
    h.clock.advance(2 * D);
    assert.equal(code(await status(id, 'xastrom'), 'xastrom'), 4);
    const pos = await h.post('/tprods/getAstromPos.php', { UserID: ASTRO, JobID: id });
    assert.equal(pos.GotPos, 0);
    const archive = await h.request('GET', `/tprods/USERPROD_${id}/xastrom/NOCORR`);
    assert.equal(archive.status, 200);
  });

  describe('cancel', () => {
    it('OK:1 when every product is cancelled; they then report -4', async () => {
      const id = await submit({ lc: 1, binMeth: 'snapshot', spec: 1, specz: 0 });
      h.clock.advance(0.3 * D);
      const reply = await h.post('/canceljob.php', { UserID: ASTRO, JobID: id, what: 'lc,spec' });
      assert.deepEqual([reply.OK, reply.JobID, reply.statusCodes], [1, Number(id), { lc: 0, spec: 0 }]);
      assert.deepEqual(reply.status, { lc: 'Job cancelled OK', spec: 'Job cancelled OK' });
      h.clock.advance(2 * D);
      const s = await status(id, 'lc,spec');
      assert.deepEqual(s.spec, { statusCode: -4, statusText: 'Cancelled at your request', progress: { GotProgress: 0 } });
      assert.equal((await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: id })).OK, 0);
    });

    it('OK:2 with code 1 for a finished product and 2 for one not in the job', async () => {
      const id = await submit({ doxastrom: 1 });
      h.clock.advance(1.2 * D);
      const reply = await h.post('/canceljob.php', { UserID: ASTRO, JobID: id, what: 'psf,xastrom,lc' });
      assert.equal(reply.OK, 2);
      assert.deepEqual(reply.statusCodes, { psf: 1, xastrom: 0, lc: 2 });
      assert.equal((reply.status as Json).psf, 'Job could not be cancelled - has it already finished?');
    });

    it('cancelling psf while xastrom waits makes xastrom fail', async () => {
      const id = await submit({ doxastrom: 1 });
      h.clock.advance(0.5 * D);
      await h.post('/canceljob.php', { UserID: ASTRO, JobID: id, what: 'psf' });
      const s = await status(id, 'psf,xastrom');
      assert.deepEqual([code(s, 'psf'), code(s, 'xastrom')], [-4, -3]);
    });

    it('codes 3 and 4 on request, and OK:0 for someone else’s job', async () => {
      const id = await submit({ lc: 1, binMeth: 'snapshot', spec: 1, specz: 0 });
      h.service.forceCancelOutcome(Number(id), 'lc', 3);
      h.service.forceCancelOutcome(Number(id), 'spec', 4);
      const reply = await h.post('/canceljob.php', { UserID: ASTRO, JobID: id, what: 'lc,spec' });
      assert.deepEqual([reply.OK, reply.statusCodes], [2, { lc: 3, spec: 4 }]);
      assert.equal(code(await status(id, 'lc'), 'lc'), 1, 'nothing was cancelled');
      const foreign = await h.post('/canceljob.php', { UserID: OTHER, JobID: id, what: 'lc' });
      assert.deepEqual([foreign.OK, foreign.ERROR], [0, `Job ${id} is not owned by user ${OTHER}`]);
    });
  });

  it('getNumJobs counts queued or running jobs only', async () => {
    const count = async (): Promise<unknown> => (await h.post('/getNumJobs.php', { UserID: ASTRO })).numJobs;
    assert.equal(await count(), 0, 'the pre-seeded jobs are long finished');
    await submit({ lc: 1, binMeth: 'snapshot' });
    await submit({ dopsf: 1 });
    assert.equal(await count(), 2);
    assert.equal((await h.post('/getNumJobs.php', { UserID: OTHER })).numJobs, 0);
    h.clock.advance(D);
    assert.equal(await count(), 0);
  });

  it('listOldJobs: newest first, pre-seeded history, own jobs only; getOldProduct returns jobPars and URL', async () => {
    const id = await submit({ spec: 1, specz: 0 });
    const jobs = (await h.post('/listOldJobs.php', { UserID: ASTRO })).jobs as Json[];
    assert.equal(jobs[0].JobID, Number(id));
    assert.deepEqual(
      jobs.map((j) => j.JobID),
      [Number(id), 3510, 3414, 3413, 800],
    );
    assert.equal(jobs[0].DateSubmitted, '2026-05-01 12:00:00');
    assert.deepEqual([jobs[0].Spectrum, jobs[0].LightCurve, jobs[0].hasProd], [true, false, true]);
    assert.ok(jobs.some((j) => j.Name === 'GRB 200416A' && j.JobID === 3414));
    const others = (await h.post('/listOldJobs.php', { UserID: OTHER })).jobs as Json[];
    assert.ok(others.every((j) => j.JobID !== Number(id) && j.JobID !== 800));
    assert.ok(others.some((j) => j.hasProd === false));

    const old = await h.post('/getOldProduct.php', { UserID: ASTRO, oldJob: 800 });
    assert.deepEqual([old.OK, old.oldJob, old.URL], [1, 800, 'http://127.0.0.1:8765/user_objects/tprods/USERPROD_800']);
    assert.equal((old.jobPars as Json).outdir, 'USERPROD_800');
    const resubmitted = await h.post('/run_userobject.php', old.jobPars);
    assert.equal(resubmitted.OK, 1, 'an old jobPars echo can be submitted again');
    const foreign = await h.post('/getOldProduct.php', { UserID: OTHER, oldJob: 800 });
    assert.equal(foreign.ERROR, `Job 800 is not owned by user ${OTHER}`);
  });

  it('expired products: data and downloads refused', async () => {
    const id = await submit({ lc: 1, binMeth: 'snapshot' });
    h.clock.advance(D);
    h.service.expireProducts(Number(id));
    const lc = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: id });
    assert.match(String(lc.ERROR), /expired/);
    assert.equal((await h.request('GET', `/tprods/USERPROD_${id}/lc.tar.gz`)).status, 404);
  });

  it('light-curve variants follow the dataset naming grammar; spectra follow the request', async () => {
    const id = await submit({
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      spec: 1,
      specz: 1,
      zval: 2.1,
      SinceT0: 1,
      timeslice: 'user',
      rname1: 'early-part',
      gti1: '0-2000',
      rname2: 'never',
      gti2: '9000000-9100000',
      models: ['apec', 'blackbody'],
    });
    h.clock.advance(D);
    const both = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: id, nosys: 'both', incbad: 'both' });
    assert.ok(lcDataResponseSchema.safeParse(both).success);
    const names = both.Datasets as string[];
    for (const n of ['WT', 'WT_nosys', 'WT_incbad', 'WT_nosys_incbad', 'PC', 'PCUL', 'PCHR_nosys_incbad'])
      assert.ok(names.includes(n), `${n} missing from ${names.join(',')}`);
    for (const n of names) assert.match(n, /^(WT|PC)(|UL|Hard|Soft|HR)(|_nosys)(|_incbad)$/);
    assert.deepEqual([both.Binning, both.TimeFormat, both.T0], ['Counts', 'MET', 608713541.952]);
    const only = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: id, nosys: 'yes', incbad: 'no' });
    assert.ok((only.Datasets as string[]).every((n) => n.endsWith('_nosys')));
    const plain = both.WTData as Json;
    const nosys = both.WT_nosysData as Json;
    assert.ok((nosys.data as number[][])[0][4] < (plain.data as number[][])[0][4], 'removing the WT systematic shrinks the error');

    const spec = await h.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID: id });
    assert.deepEqual(spec.rnames, ['earlypart', 'never'], 'labels lose non-alphanumerics');
    assert.equal((spec.never as Json).NOSPEC, 1);
    const early = spec.earlypart as Json;
    assert.deepEqual([early.Start, early.Stop], [0, 2000]);
    const wt = early.WT as Json;
    assert.deepEqual(wt.Models, ['APEC', 'Blackbody']);
    assert.ok('KT' in (wt.APEC as Json) && 'KTPos' in (wt.Blackbody as Json));
    assert.equal((wt.APEC as Json).Redshift_abs, 2.1);
  });

  it('doNotFit=1 gives NOFIT per mode; the same job gives the same numbers every time', async () => {
    const body = { spec: 1, specz: 0, doNotFit: 1 };
    const id = await submit(body);
    h.clock.advance(D);
    const spec = await h.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID: id });
    const interval = spec.interval0 as Json;
    for (const mode of interval.Modes as string[]) assert.equal((interval[mode] as Json).NOFIT, 1);
    const again = createHarness({ productDurationMs: D });
    const id2 = String((await again.post('/run_userobject.php', { ...GRB_BASE, ...body })).JobID);
    again.clock.advance(D);
    assert.equal(id2, id);
    assert.deepEqual(await again.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID: id2 }), spec);
  });

  it('source detection with detbands=all answers Total/Soft/Medium/Hard and nothing else', async () => {
    const reply = await h.post('/tprods/getSourceDetResults.php', { UserID: ASTRO, JobID: 3510 });
    assert.deepEqual(Object.keys(reply).sort(), ['APIVersion', 'Hard', 'Medium', 'OK', 'Soft', 'Total']);
  });

  it('routing: GET on an API path is 405, a trailing slash is accepted, unknown paths are left to the core', async () => {
    const get = await h.request('GET', '/run_userobject.php');
    assert.equal(get.status, 405);
    assert.match(get.body.toString(), /<html>/);
    const slash = await h.post('/getNumJobs.php/', { UserID: ASTRO });
    assert.equal(slash.OK, 1);
    const unknown = await h.service.handle({
      method: 'POST',
      path: '/nothing.php',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from('{}'),
      cookies: {},
    });
    assert.equal(unknown, undefined);
  });

  it('clients older than 1.10 get a deprecationWarning', async () => {
    const reply = await h.post('/getNumJobs.php', { UserID: ASTRO, api_version: '1.8' });
    assert.equal((reply.deprecationWarning as Json).type, 'api_version');
    assert.ok(!('deprecationWarning' in (await h.post('/getNumJobs.php', { UserID: ASTRO, api_version: '1.12' }))));
  });

  it('jobs() snapshot and reset()', async () => {
    const id = await submit({ dopsf: 1 });
    const mine = h.service.jobs().find((j) => j.JobID === Number(id));
    assert.deepEqual(mine?.products, { psf: 1 });
    h.service.reset();
    assert.equal(
      h.service.jobs().find((j) => j.JobID === Number(id)),
      undefined,
    );
    assert.ok(h.service.jobs().some((j) => j.JobID === 800));
  });
});
