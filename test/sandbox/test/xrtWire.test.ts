// The emulated product generator on the wire: by default as the real server's captured reply (JSON
// labelled text/html after a blank line, a PHPSESSID cookie, no-store), and each switchable variant
// for what the references leave unknown: a JSON content type, null/"" in optional fields, the legacy
// jobPars echo, a newer APIVersion.
import * as assert from 'node:assert/strict';
import {
  listOldJobsResponseSchema,
  lcDataResponseSchema,
  positionResponseSchema,
  statusResponseSchema,
} from '../../../src/xrt/responseSchemas';
import { VariantSet } from '../variants';
import { ASTRO, createHarness, type Harness } from '../xrt/harness';
import { XRT_VARIANTS } from '../xrt/wire';

type Json = Record<string, unknown>;
const D = 60_000;
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

async function rawPost(
  h: Harness,
  path: string,
  body: unknown,
): Promise<{ headers: Record<string, string | string[]>; text: string; json: Json }> {
  const reply = await h.request('POST', path, JSON.stringify(body));
  assert.equal(reply.status, 200);
  const text = reply.body.toString('utf8');
  return { headers: reply.headers, text, json: JSON.parse(text) as Json };
}

describe('sandbox XRT wire', () => {
  it('answers JSON as text/html after a blank line, with a PHP session cookie and no-store, by default', async () => {
    const h = createHarness();
    for (const [path, body] of [
      ['/getNumJobs.php', { UserID: ASTRO }],
      ['/getNumJobs.php', { UserID: 'nobody@example.org' }],
      ['/run_userobject.php', { UserID: ASTRO }],
    ] as const) {
      const reply = await rawPost(h, path, body);
      assert.equal(reply.headers['content-type'], 'text/html; charset=UTF-8');
      assert.match(reply.text, /^\n\{/, 'a blank line before the JSON');
      assert.match(String(reply.headers['set-cookie']), /^PHPSESSID=[0-9a-f]+; path=\//);
      assert.match(String(reply.headers['cache-control']), /no-store/);
    }
    const broken = await h.request('POST', '/getNumJobs.php', '{not json');
    assert.equal(broken.headers['content-type'], 'text/html; charset=UTF-8', 'an unreadable request is answered the same way');
  });

  it('sends numbers as strings where the real service does (submit JobID, jobPars, positions)', async () => {
    const h = createHarness({ productDurationMs: D });
    const submitted = (
      await rawPost(h, '/run_userobject.php', { ...GRB, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1, dopsf: 1 })
    ).json;
    assert.equal(typeof submitted.JobID, 'string');
    const pars = submitted.jobPars as Json;
    for (const key of ['RA', 'Dec', 'maxCentTries', 'sss', 'pccounts', 'posRadius']) assert.equal(typeof pars[key], 'string', key);
    h.clock.advance(2 * D);
    const pos = (await rawPost(h, '/tprods/getPSFPos.php', { UserID: ASTRO, JobID: submitted.JobID })).json;
    assert.equal(typeof pos.RA, 'string');
    assert.equal(typeof pos.GotPos, 'number', 'flags stay numbers (xrt_prods calls bool() on them)');
  });

  it('echoes light-curve fields on a job without a light curve, as the real server does', async () => {
    const h = createHarness();
    const pars = (await rawPost(h, '/run_userobject.php', { ...GRB, spec: 1, specz: 0 })).json.jobPars as Json;
    assert.equal(pars.hrbin, 0);
    assert.equal(pars.lcobs, 'all');
    assert.equal(pars.lc, 0);
  });

  it(`${XRT_VARIANTS.jsonContentType}: application/json without the blank line`, async () => {
    const h = createHarness({ variants: new VariantSet({ [XRT_VARIANTS.jsonContentType]: true }) });
    const reply = await rawPost(h, '/getNumJobs.php', { UserID: ASTRO });
    assert.equal(reply.headers['content-type'], 'application/json');
    assert.match(reply.text, /^\{/);
  });

  it(`${XRT_VARIANTS.nullOptionals}: null and "" in the optional fields, which the extension still reads`, async () => {
    const h = createHarness({ productDurationMs: D, variants: new VariantSet({ [XRT_VARIANTS.nullOptionals]: true }) });
    // Nowhere near a catalogue source: the position products find nothing (GotPos 0).
    const id = (await rawPost(h, '/run_userobject.php', { ...GRB, RA: 10, Dec: 10, lc: 1, binMeth: 'snapshot', dopsf: 1 })).json.JobID;
    h.clock.advance(0.5 * D);
    const running = (await rawPost(h, '/checkProductStatus.php', { UserID: ASTRO, JobID: id, what: 'lc,psf', whatProg: 'lc,psf' })).json;
    assert.equal((running.lc as Json).statusText, null);
    assert.equal(((running.lc as Json).progress as Json).TimeRunning, null);
    assert.ok(statusResponseSchema.safeParse(running).success);
    h.clock.advance(2 * D);
    const pos = (await rawPost(h, '/tprods/getPSFPos.php', { UserID: ASTRO, JobID: id })).json;
    assert.deepEqual([pos.GotPos, pos.RA, pos.Dec, pos.Err90], [0, null, '', null]);
    assert.ok(positionResponseSchema.safeParse(pos).success);
    const lc = (await rawPost(h, '/tprods/getLCData.php', { UserID: ASTRO, JobID: id, nosys: 'no', incbad: 'no' })).json;
    assert.deepEqual([lc.T0, lc.Binning, lc.TimeFormat], [null, '', null]);
    assert.ok(lcDataResponseSchema.safeParse(lc).success);
    const old = (await rawPost(h, '/listOldJobs.php', { UserID: ASTRO })).json;
    const jobs = old.jobs as Json[];
    assert.ok(jobs.some((j) => j.Name === null) && jobs.some((j) => j.Name === ''));
    assert.equal(listOldJobsResponseSchema.parse(old).jobs.length, jobs.length);
  });

  it(`${XRT_VARIANTS.legacyEcho}: useSXPS as "2SXPS" and numeric enumeration codes, in submit and getOldProduct alike`, async () => {
    const h = createHarness({ variants: new VariantSet({ [XRT_VARIANTS.legacyEcho]: true }) });
    const reply = (await rawPost(h, '/run_userobject.php', { ...GRB, useSXPS: 1, spec: 1, specz: 0 })).json;
    const pars = reply.jobPars as Json;
    assert.deepEqual([pars.useSXPS, pars.timeslice, pars.specobs, pars.centMeth], ['2SXPS', 1, 1, '3']);
    const copy = (await rawPost(h, '/getOldProduct.php', { UserID: ASTRO, oldJob: reply.JobID })).json;
    assert.deepEqual(copy.jobPars, pars);
  });

  it(`${XRT_VARIANTS.apiVersion}=<v>: that APIVersion in every reply`, async () => {
    const h = createHarness({ variants: new VariantSet({ [XRT_VARIANTS.apiVersion]: '1.13' }) });
    assert.equal((await rawPost(h, '/getNumJobs.php', { UserID: ASTRO })).json.APIVersion, '1.13');
    assert.equal((await rawPost(h, '/getNumJobs.php', { UserID: 'nobody@example.org' })).json.APIVersion, '1.13');
  });
});
