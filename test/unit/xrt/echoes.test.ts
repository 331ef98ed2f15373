// A request repeats a real job: the service's `jobPars` echo (fields of products not requested,
// legacy numeric codes, "2SXPS", numbers as strings) becomes a file the checks accept and that means
// what the job meant; the rules of a product apply only when it is requested; and what the official
// client adds on its own (galactic with a redshift, getT0/getTargs 0) is added here too, or said on the key.
import * as assert from 'node:assert/strict';
import { requestFromJobPars } from '../../../src/xrt/jobs/recordFromReply';
import { applyOfficialClientImplications } from '../../../src/xrt/request/requestImplications';
import { validateXrtRequest } from '../../../src/xrt/request/requestSchema';
import { checkXrtRequestSemantics, type SemanticIssue } from '../../../src/xrt/request/semanticChecks';
import { checkRequestText } from '../../../src/xrt/request/requestCheck';
import { readFixture } from '../../support/paths';

type Json = Record<string, unknown>;
const jobParsOf = (name: string): Json => (readFixture('xrt', name) as { jobPars: Json }).jobPars;
const issuesOn = (request: Json, key: string): SemanticIssue[] => checkXrtRequestSemantics(request).filter((i) => i.key === key);

function applyFix(request: Json, issue: SemanticIssue): Json {
  assert.ok(issue.fix, `no fix for ${issue.message}`);
  const out: Json = { ...request, [issue.key]: issue.fix.replaceWith };
  for (const extra of issue.fix.alsoReplace ?? []) out[extra.key] = extra.replaceWith;
  return out;
}

describe('XRT echoes: a request made from a job’s parameters', () => {
  for (const name of ['submit.response.ok.json', 'submit.response.ok-legacy-getcoords.json', 'getoldproduct.response.ok.json']) {
    it(`passes every check when made from ${name}`, () => {
      const { request } = requestFromJobPars(jobParsOf(name));
      const checked = checkRequestText(JSON.stringify(request));
      assert.deepEqual(checked.problems, []);
      assert.ok(checked.request);
    });
  }

  it('normalises the legacy echo: useSXPS "2SXPS" → 1, numeric codes dropped with a note, other products’ fields dropped', () => {
    const { request, notes } = requestFromJobPars(jobParsOf('submit.response.ok-legacy-getcoords.json'));
    assert.equal(request.useSXPS, 1);
    for (const key of ['centMeth', 'timeslice', 'specobs']) {
      assert.equal(request[key], undefined, key);
      assert.ok(
        notes.some((n) => n.includes(`\`${key}\``) && /legacy code/.test(n)),
        `a note on ${key}: ${notes.join(' | ')}`,
      );
    }
    for (const key of ['hrbin', 'lcobs', 'allxastrom', 'lc', 'dopsf', 'image'])
      assert.equal(request[key], undefined, `${key} belongs to a product the job did not ask for`);
    assert.ok(notes.some((n) => /hrbin/.test(n) && /lcobs/.test(n)));
    assert.equal(request.SinceT0, 0, 'sinceT0 as the service echoes it becomes SinceT0');
    assert.equal(request.sinceT0, undefined);
    assert.equal(request.spec, 1);
    assert.equal(
      request.targ,
      '00010873,00010907,00010944,00030842,00031653,00045767,00010502,00060130,00060134,00060136,00060138,00060140,00060142,00060144,00060146,00060148,00060150,00060152,00060156,00060158,00060160,00067244,00069549,00069616,00074701',
    );
    assert.equal(request.RA, 52.8);
    assert.ok(!('getCoords' in request) && !('outdir' in request) && !('whatSXPS' in request));
  });

  it('keeps enumerations that are valid, whatever their case, and numbers as numbers', () => {
    const { request, notes } = requestFromJobPars({
      name: 'x',
      sourceDet: 1,
      detbands: 'Total',
      detobs: 'all',
      lc: 0,
      spec: '1',
      specz: '0',
      specgrades: 0,
      pccounts: '20',
      models: 'powerlaw,apec',
      gti1: '1000',
    });
    assert.equal(request.detbands, 'total');
    assert.equal(request.specgrades, '0', 'grade 0 is a valid value sent as a number');
    assert.deepEqual(request.models, ['powerlaw', 'apec']);
    assert.equal(request.gti1, '1000', 'text fields stay text');
    assert.equal(request.pccounts, undefined, 'a light-curve field of a job without one');
    assert.equal(request.specz, 0);
    assert.equal(request.lc, undefined);
    assert.equal(notes.length, 1);
  });
});

describe('XRT rules apply only to the products a request asks for', () => {
  const specOnly = (): Json => ({
    name: 'GK Per',
    targ: '00010873',
    RA: 52.8,
    Dec: 43.9,
    cent: 1,
    poserr: 1,
    useSXPS: 0,
    spec: 1,
    specz: 0,
  });

  it('does not refuse echoed fields of products not requested, whatever their values', () => {
    const echoed = {
      ...specOnly(),
      hrbin: 0,
      lcobs: 0,
      binMeth: 'counts',
      uselcobs: '123',
      imobs: 'user',
      imen: 'soft',
      detobs: 3,
      posobs: 'user',
      allxastrom: '1',
      timeslice: 'single',
    };
    const validation = validateXrtRequest(echoed);
    assert.ok(validation.ok, validation.ok ? '' : JSON.stringify(validation.issues));
    assert.deepEqual(
      checkXrtRequestSemantics(echoed).filter((i) => i.severity === 'error'),
      [],
    );
  });

  it('still applies them when the product is requested', () => {
    const lc = { ...specOnly(), lc: 1, binMeth: 'time', hrbin: 0, lcobs: 'user' };
    const validation = validateXrtRequest(lc);
    assert.ok(!validation.ok);
    const paths = validation.issues.map((i) => i.path.join('.'));
    for (const key of ['pchrbin', 'wthrbin', 'uselcobs']) assert.ok(paths.includes(key), `${key}: ${paths.join(', ')}`);
    assert.ok(!validateXrtRequest({ ...specOnly(), image: 1, imobs: 'user' }).ok);
    assert.ok(!validateXrtRequest({ ...specOnly(), doenh: 1, posobs: 'user' }).ok);
  });

  it('needs HR bin durations only with time binning', () => {
    assert.ok(validateXrtRequest({ ...specOnly(), lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1, hrbin: 0 }).ok);
  });
});

describe('XRT requests: what the official client changes, done or said', () => {
  it('adds galactic 1 with a redshift, getT0 0 with Tstart and getTargs 0 with targ, never over the file’s value', () => {
    const base = { name: 'x', targ: '00010873', Tstart: 1e8, spec: 1, specz: 1, zval: 0.3 };
    const { request, added } = applyOfficialClientImplications(base);
    assert.equal(request.galactic, 1);
    assert.equal(request.getT0, 0);
    assert.equal(request.getTargs, 0);
    assert.equal(added.length, 3);
    const given = applyOfficialClientImplications({ ...base, galactic: 0, getT0: 1, getTargs: 1 });
    assert.deepEqual(given.added, []);
    assert.equal(given.request.galactic, 0);
    assert.equal(applyOfficialClientImplications({ name: 'x', spec: 1, specz: 0 }).request.galactic, undefined);
  });

  it('the submitted body carries them (checkRequestText is what submission sends)', () => {
    const text = JSON.stringify({
      name: 'x',
      targ: '00010873',
      RA: 1,
      Dec: 2,
      cent: 1,
      poserr: 1,
      useSXPS: 0,
      spec: 1,
      specz: 1,
      zval: 0.2,
    });
    const checked = checkRequestText(text);
    assert.deepEqual(checked.problems, []);
    assert.equal(checked.request?.galactic, 1);
    assert.equal(checked.request?.getTargs, 0);
  });

  it('says so on specz, with a quick fix that writes galactic 1', () => {
    const request = { name: 'x', spec: 1, specz: 1, zval: 0.2 };
    const [issue] = issuesOn(request, 'specz');
    assert.equal(issue?.severity, 'warning');
    assert.match(issue!.message, /galactic/);
    assert.deepEqual(issuesOn(applyFix(request, issue!), 'specz'), []);
    assert.equal(applyFix(request, issue!).galactic, 1);
  });

  it('an observation list without its mode "user" is an error, fixed by setting the mode', () => {
    const request = { name: 'x', lc: 1, binMeth: 'snapshot', uselcobs: '00010873001' };
    const [issue] = issuesOn(request, 'uselcobs');
    assert.equal(issue?.severity, 'error');
    const fixed = applyFix(request, issue!);
    assert.equal(fixed.lcobs, 'user');
    assert.equal(fixed.uselcobs, '00010873001');
    assert.deepEqual(issuesOn(fixed, 'uselcobs'), []);
    assert.ok(
      checkRequestText(
        JSON.stringify({
          name: 'x',
          targ: '00010873',
          RA: 1,
          Dec: 2,
          cent: 1,
          poserr: 1,
          lc: 1,
          binMeth: 'snapshot',
          uselcobs: '00010873001',
        }),
      ).problems.some((p) => p.startsWith('uselcobs')),
      'and it stops submission',
    );
  });

  it('"hours" without its time is said on the key, with the service’s 12 h as the fix', () => {
    for (const [mode, hours, product] of [
      ['posobs', 'posobstime', 'dopsf'],
      ['specobs', 'specobstime', 'spec'],
    ] as const) {
      const request = { name: 'x', [product]: 1, [mode]: 'hours' };
      const [issue] = issuesOn(request, mode);
      assert.equal(issue?.severity, 'warning', mode);
      const fixed = applyFix(request, issue!);
      assert.equal(fixed[hours], 12);
      assert.deepEqual(issuesOn(fixed, mode), []);
      assert.deepEqual(issuesOn({ ...request, [product]: 0 }, mode), [], 'nothing when the product is not requested');
    }
  });
});
