// The emulated XRT service against the protocol fixtures: every request fixture is accepted (or refused
// where it is an error case), and every reply validates against the client's zod schemas and has the
// keys of the matching response fixture. Section numbers (§) and D identifiers:
// test/fixtures/protocol/xrt-products.md (D: its §17).
import * as assert from 'node:assert/strict';
import type { z } from 'zod';
import {
  cancelResponseSchema,
  lcDataResponseSchema,
  listOldJobsResponseSchema,
  numJobsResponseSchema,
  oldProductResponseSchema,
  positionResponseSchema,
  sourceDetResponseSchema,
  specDataResponseSchema,
  statusResponseSchema,
  submitResponseSchema,
} from '../../../src/xrt/responseSchemas';
import { xrtErrorResponseSchema } from '../../support/xrtReplyShapes';
import { ASTRO, OTHER, createHarness, type Harness } from '../xrt/harness';
import { listFixtures, readFixture } from '../../support/paths';

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return readFixture('xrt', name) as Json;
}

/** A request fixture as a registered user would send it. */
function request(name: string, user = ASTRO): Json {
  return JSON.parse(JSON.stringify(fixture(name)).replace(/YOUR_EMAIL_ADDRESS/g, user)) as Json;
}

function assertValid(schema: z.ZodType, body: unknown, what: string): void {
  const result = schema.safeParse(body);
  assert.ok(
    result.success,
    `${what} does not match its schema: ${result.success ? '' : result.error.message}\n${JSON.stringify(body).slice(0, 600)}`,
  );
}

function assertSameKeys(actual: Json, expected: Json, what: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what}: keys differ from the fixture`);
}

/** Wire names the server echoes under another spelling (§17 D4, D5, D20). */
const ECHO_NAME: Record<string, string> = {
  SinceT0: 'sinceT0',
  allowBayes: 'allowB',
  pcmaxGap: 'pcmaxgap',
  wtmaxGap: 'wtmaxgap',
  pcMaxGap: 'pcmaxgap',
  wtMaxGap: 'wtmaxgap',
};

const PATHS: Record<string, string> = {
  submit: '/run_userobject.php',
  status: '/checkProductStatus.php',
  cancel: '/canceljob.php',
  numjobs: '/getNumJobs.php',
  listoldjobs: '/listOldJobs.php',
  getoldproduct: '/getOldProduct.php',
  psfpos: '/tprods/getPSFPos.php',
  enhpos: '/tprods/getEnhPos.php',
  astrompos: '/tprods/getAstromPos.php',
  sourcedet: '/tprods/getSourceDetResults.php',
  lcdata: '/tprods/getLCData.php',
  specdata: '/tprods/getSpecData.php',
};

describe('sandbox XRT service: protocol fixtures', () => {
  let h: Harness;
  const DURATION = 60_000;
  beforeEach(() => {
    h = createHarness({ productDurationMs: DURATION });
  });

  /** Submits the all-products GRB job and lets it finish (xastrom runs after psf). */
  async function finishedGrbJob(extra: Json = {}): Promise<string> {
    const reply = await h.post(PATHS.submit, {
      ...request('submit.request.curl-tutorial.json'),
      useSXPS: 0,
      sourceDet: 1,
      detobs: 'all',
      models: ['powerlaw', 'apec'],
      ...extra,
    });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    h.clock.advance(3 * DURATION);
    return String(reply.JobID);
  }

  describe('submit request fixtures', () => {
    const submitFixtures = listFixtures('xrt').filter((f) => f.startsWith('submit.request.'));
    it('covers every submit request fixture', () => assert.ok(submitFixtures.length >= 7));
    for (const name of submitFixtures) {
      it(`accepts ${name} and echoes every parameter in jobPars`, async () => {
        const body = request(name);
        const reply = await h.post(PATHS.submit, body);
        assert.equal(reply.OK, 1, JSON.stringify(reply));
        assertValid(submitResponseSchema, reply, name);
        assert.equal(typeof reply.JobID, 'string');
        assert.equal(reply.URL, `http://127.0.0.1:8765/user_objects/tprods/USERPROD_${String(reply.JobID)}`);
        assert.equal(reply.APIVersion, '1.12');
        const pars = reply.jobPars as Json;
        for (const key of Object.keys(body)) assert.ok((ECHO_NAME[key] ?? key) in pars, `${key} missing from the echo`);
        assert.equal(pars.outdir, `USERPROD_${String(reply.JobID)}`);
        for (const key of ['lcobs', 'timeslice', 'specobs', 'posobs', 'detornot', 'detMeth', 'centMeth', 'binMeth', 'imobs', 'detobs']) {
          if (key in pars) assert.equal(typeof pars[key], 'string', `${key} must be echoed as a string`);
        }
      });
    }

    it('echoes at least the keys of submit.response.ok.json for the same kind of job, with server defaults', async () => {
      const reply = await h.post(PATHS.submit, request('submit.request.all-products.json'));
      const pars = reply.jobPars as Json;
      const expected = fixture('submit.response.ok.json').jobPars as Json;
      for (const key of Object.keys(expected)) assert.ok(key in pars, `jobPars lacks ${key}`);
      assert.equal(pars.minsnr, 1.5);
      assert.equal(pars.allowB, 'both');
      assert.equal(pars.whatSXPS, '2SXPS');
      assert.equal(pars.targ, '00966554', 'getTargs resolves the GRB target from the catalogue');
    });

    it('resolves getCoords, getTargs and getT0 from the catalogue', async () => {
      const reply = await h.post(PATHS.submit, request('submit.request.spec-getcoords.json'));
      const pars = reply.jobPars as Json;
      assert.equal(pars.RA, '334.4810');
      assert.equal(pars.Dec, '-8.3513');
      assert.deepEqual(String(pars.targ).split(','), ['00035190', '00037327']);
      assert.equal(pars.Tstart, 124048802.4);
    });

    it('refuses a name the resolver does not know when getCoords=1', async () => {
      const reply = await h.post(PATHS.submit, { ...request('submit.request.spec-getcoords.json'), name: 'Not A Real Object' });
      assert.equal(reply.OK, 0);
      assertValid(xrtErrorResponseSchema, reply, 'resolver failure');
      assert.match(String(reply.ERROR), /Not A Real Object/);
    });

    it('reproduces submit.response.error-params.json for a request missing Dec and cent with a bad poserr', async () => {
      const body: Json = { UserID: ASTRO, name: 'GRB 200416A', targ: '00966554', RA: 335.6985, poserr: 0.01, lc: 1, binMeth: 'snapshot' };
      const reply = await h.post(PATHS.submit, body);
      const expected = fixture('submit.response.error-params.json');
      assertSameKeys(reply, expected, 'error-params');
      assert.equal(reply.ERROR, expected.ERROR);
      assert.deepEqual(reply.listErr, expected.listErr);
    });

    it('reproduces common.response.error-listerr.json for an invalid binMeth', async () => {
      const reply = await h.post(PATHS.submit, { ...request('submit.request.lc-counts.json'), binMeth: 'fred' });
      assert.deepEqual(reply.listErr, fixture('common.response.error-listerr.json').listErr);
    });

    it('names every conditionally mandatory parameter that is missing', async () => {
      const reply = await h.post(PATHS.submit, {
        UserID: ASTRO,
        name: 'X',
        getTargs: 1,
        RA: 10,
        Dec: 10,
        cent: 1,
        lc: 1,
        binMeth: 'counts',
        spec: 1,
        timeslice: 'user',
        specz: 1,
        dopsf: 1,
        posobs: 'user',
        sourceDet: 1,
        detobs: 'user',
      });
      const needed = (reply.listErr as Array<{ label: string; list: string[] }>)[0];
      assert.equal(needed.label, 'The following parameters are needed, but were not supplied:');
      for (const key of ['poserr', 'pccounts', 'wtcounts', 'zval', 'rname1', 'gti1', 'useposobs', 'usedetobs'])
        assert.ok(needed.list.includes(key), `${key} not reported`);
    });

    it('checks enumerations, ranges and flags', async () => {
      const reply = await h.post(PATHS.submit, {
        ...request('submit.request.lc-counts.json'),
        lctimetype: 'years',
        femin: 2,
        dynamic: 7,
        allowUL: 'sometimes',
        poserr: 60,
      });
      const invalid = (reply.listErr as Array<{ list: string[] }>)[0].list.join('\n');
      for (const text of [
        'lctimetype is years',
        'femin is 2, but must be between 0 and 1',
        'dynamic is 7, but must be 0 or 1',
        'allowUL is sometimes',
        'poserr is 60, but must be between 1 and 6',
      ]) {
        assert.ok(invalid.includes(text), `"${text}" not in:\n${invalid}`);
      }
    });

    it('accepts poserr 60 when strictPoserrRange is off (§17 D6)', async () => {
      const lax = createHarness({ strictPoserrRange: false });
      const reply = await lax.post(PATHS.submit, { ...request('submit.request.lc-counts.json'), poserr: 60 });
      assert.equal(reply.OK, 1);
    });

    it('accepts the documented aliases and echoes the server spelling', async () => {
      const reply = await h.post(PATHS.submit, {
        ...request('submit.request.lc-counts.json'),
        SinceT0: 1,
        allowBayes: 'pc',
        pcmaxGap: 5000,
        wtMaxGap: 600,
      });
      const pars = reply.jobPars as Json;
      assert.equal(pars.sinceT0, 1);
      assert.equal(pars.allowB, 'pc');
      assert.equal(pars.pcmaxgap, 5000);
      assert.equal(pars.wtmaxgap, 600);
    });

    it('refuses an unregistered user the way submit.response.error-user.json shows', async () => {
      const reply = await h.post(PATHS.submit, request('submit.request.lc-counts.json', 'nobody@example.org'));
      assertSameKeys(reply, fixture('submit.response.error-user.json'), 'error-user');
      assert.equal(reply.ERROR, 'The user `nobody@example.org` is not recognised / validated');
    });

    it('reads the body as JSON whatever the content type, and explains malformed JSON', async () => {
      const form = await h.post(
        PATHS.submit,
        JSON.stringify(request('submit.request.lc-counts.json')),
        'application/x-www-form-urlencoded',
      );
      assert.equal(form.OK, 1);
      const broken = await h.post(PATHS.submit, '{"UserID": "astro@example.org", ', 'application/json');
      assert.equal(broken.OK, 0);
      assert.match(String(broken.ERROR), /could not be parsed as JSON/);
      assertValid(xrtErrorResponseSchema, broken, 'malformed JSON reply');
    });
  });

  describe('other request fixtures', () => {
    it('status: every status request fixture gets products keyed as asked, matching the fixture shapes', async () => {
      const id = await finishedGrbJob();
      for (const name of listFixtures('xrt').filter((f) => f.startsWith('status.request.'))) {
        const body: Json = { ...request(name), JobID: Number(id) };
        const reply = await h.post(PATHS.status, body);
        assert.equal(reply.OK, 1, `${name}: ${JSON.stringify(reply)}`);
        assertValid(statusResponseSchema, reply, name);
        const what = String(body.what).split(',');
        assertSameKeys(reply, { OK: 1, APIVersion: '', JobID: 0, ...Object.fromEntries(what.map((w) => [w, 0])) }, name);
        for (const product of what)
          assertSameKeys(reply[product] as Json, { statusCode: 0, statusText: '', progress: {} }, `${name} ${product}`);
      }
    });

    it('cancel, numjobs, listoldjobs, getoldproduct: replies shaped like their fixtures', async () => {
      const submitted = await h.post(PATHS.submit, request('submit.request.lc-time-spec-user-image-psf.json'));
      const cancel = await h.post(PATHS.cancel, { ...request('cancel.request.json'), JobID: Number(submitted.JobID) });
      assertValid(cancelResponseSchema, cancel, 'cancel');
      assertSameKeys(cancel, fixture('cancel.response.ok.json'), 'cancel');
      assert.deepEqual(cancel.statusCodes, { lc: 0, spec: 0 });

      const num = await h.post(PATHS.numjobs, request('numjobs.request.json'));
      assertValid(numJobsResponseSchema, num, 'numjobs');
      assertSameKeys(num, fixture('numjobs.response.ok.json'), 'numjobs');

      const list = await h.post(PATHS.listoldjobs, request('listoldjobs.request.json'));
      assertValid(listOldJobsResponseSchema, list, 'listoldjobs');
      assertSameKeys(list, fixture('listoldjobs.response.ok.json'), 'listoldjobs');
      const expectedJob = (fixture('listoldjobs.response.ok.json').jobs as Json[])[0];
      for (const job of list.jobs as Json[]) assertSameKeys(job, expectedJob, 'listoldjobs job');

      const old = await h.post(PATHS.getoldproduct, request('getoldproduct.request.json'));
      assertValid(oldProductResponseSchema, old, 'getoldproduct');
      assertSameKeys(old, fixture('getoldproduct.response.ok.json'), 'getoldproduct');
      const expectedPars = fixture('getoldproduct.response.ok.json').jobPars as Json;
      for (const key of Object.keys(expectedPars)) assert.ok(key in (old.jobPars as Json), `old jobPars lacks ${key}`);
    });

    it('positions, source lists, light curve and spectra: replies shaped like their fixtures', async () => {
      const id = await finishedGrbJob();
      const at = (name: string): Json => ({ ...request(name), JobID: id });

      const psf = await h.post(PATHS.psfpos, at('psfpos.request.json'));
      assertValid(positionResponseSchema, psf, 'psf');
      assertSameKeys(psf, fixture('psfpos.response.ok.json'), 'psf');
      assert.equal(typeof psf.GotPos, 'number');
      const enh = await h.post(PATHS.enhpos, at('enhpos.request.json'));
      assertSameKeys(enh, fixture('enhpos.response.ok.json'), 'enh');
      const astrom = await h.post(PATHS.astrompos, at('astrompos.request.json'));
      assertSameKeys(astrom, fixture('astrompos.response.ok.json'), 'astrom');
      const legacy = await h.post('/tprods/getXastromPos.php', at('astrompos.request.json'));
      assert.deepEqual(legacy, astrom, 'the legacy astrometry path answers the same');

      const sources = await h.post(PATHS.sourcedet, at('sourcedet.request.json'));
      assertValid(sourceDetResponseSchema, sources, 'sourcedet');
      assertSameKeys(sources, fixture('sourcedet.response.ok-total.json'), 'sourcedet');
      const expectedRow = (fixture('sourcedet.response.ok-total.json').Total as Json[])[0];
      for (const row of sources.Total as Json[]) {
        assertSameKeys(row, expectedRow, 'source row');
        for (const value of Object.values(row)) assert.equal(typeof value, 'string');
      }

      for (const [req, res] of [
        ['lcdata.request.json', 'lcdata.response.ok.json'],
        ['lcdata.request.both.json', 'lcdata.response.ok-both.json'],
      ]) {
        const lc = await h.post(PATHS.lcdata, at(req));
        assertValid(lcDataResponseSchema, lc, req);
        const envelope = (o: Json): string[] =>
          Object.keys(o)
            .filter((k) => !k.endsWith('Data'))
            .sort();
        assert.deepEqual(envelope(lc), envelope(fixture(res)), `${req}: envelope keys`);
        const expected = fixture(res);
        for (const name of lc.Datasets as string[]) {
          const kind = /HR/.test(name)
            ? 'PCHRData'
            : /Hard/.test(name)
              ? 'PCHardData'
              : /Soft/.test(name)
                ? 'PCSoftData'
                : /UL/.test(name)
                  ? 'PCULData'
                  : 'PCData';
          const model = (expected[kind] ?? fixture('lcdata.response.ok.json')[kind]) as Json;
          assertSameKeys(lc[`${name}Data`] as Json, model, name);
          assert.deepEqual((lc[`${name}Data`] as Json).columns, model.columns, `${name} columns`);
        }
      }

      const spec = await h.post(PATHS.specdata, at('specdata.request.json'));
      assertValid(specDataResponseSchema, spec, 'specdata');
      const withoutIntervals = (o: Json): string[] =>
        Object.keys(o)
          .filter((k) => !(o.rnames as string[]).includes(k))
          .sort();
      const model = fixture('specdata.response.ok-multimodel.json');
      assert.deepEqual(withoutIntervals(spec), withoutIntervals(model), 'specdata envelope keys');
      assert.deepEqual(
        (spec.rnames as string[]).slice(0, 2),
        ['Obs_00966554000', 'Obs_00966554001'],
        'timeslice=obsid gives one spectrum per obsID',
      );
      const first = spec[(spec.rnames as string[])[0]] as Json;
      const withoutModes = (o: Json): string[] =>
        Object.keys(o)
          .filter((k) => !(o.Modes as string[]).includes(k))
          .sort();
      assert.deepEqual(withoutModes(first), withoutModes(model.interval0 as Json), 'interval keys');
      const mode = first[(first.Modes as string[])[0]] as Json;
      const modelMode = (model.interval0 as Json).PC as Json;
      assert.deepEqual(Object.keys(mode).sort(), Object.keys(modelMode).sort(), 'mode keys (same models as the fixture)');
      assertSameKeys(mode.APEC as Json, modelMode.APEC as Json, 'APEC fit keys');
    });

    it('every *.response.error.json case: a job of someone else gets "not owned" with the same keys', async () => {
      const id = await finishedGrbJob();
      const cases: Array<[string, string, Json]> = [
        ['status', 'status.response.error.json', { JobID: id, what: 'lc' }],
        ['cancel', 'cancel.response.error.json', { JobID: id, what: 'lc' }],
        ['getoldproduct', 'getoldproduct.response.error.json', { oldJob: id }],
        ['psfpos', 'psfpos.response.error.json', { JobID: id }],
        ['sourcedet', 'sourcedet.response.error.json', { JobID: id }],
        ['lcdata', 'lcdata.response.error.json', { JobID: id, nosys: 'no', incbad: 'no' }],
        ['specdata', 'specdata.response.error.json', { JobID: id }],
      ];
      for (const [endpoint, file, body] of cases) {
        const reply = await h.post(PATHS[endpoint], { api_name: 'xrt_prods', api_version: '1.12', UserID: OTHER, ...body });
        assertValid(xrtErrorResponseSchema, reply, file);
        assertSameKeys(reply, fixture(file), file);
        assert.equal(reply.ERROR, `Job ${id} is not owned by user ${OTHER}`);
      }
    });

    it('numjobs/listoldjobs errors for an unknown user match their fixtures, `/` escaped as PHP does', async () => {
      for (const [endpoint, file] of [
        ['numjobs', 'numjobs.response.error.json'],
        ['listoldjobs', 'listoldjobs.response.error.json'],
      ]) {
        const raw = await h.request('POST', PATHS[endpoint], JSON.stringify({ UserID: 'NO-ONE' }));
        assert.ok(raw.body.toString('utf8').includes('recognised \\/ validated'));
        assert.deepEqual(JSON.parse(raw.body.toString('utf8')), fixture(file));
      }
    });
  });
});
