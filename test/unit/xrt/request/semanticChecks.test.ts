// Semantic checks of XRT requests: each bad case is caught on the right key, documented requests
// raise no errors, and every offered fix, applied, removes the problem it was offered for.
import * as assert from 'node:assert/strict';
import { listFixtures, readFixture } from '../../../support/paths';
import { checkXrtRequestSemantics, type SemanticIssue } from '../../../../src/xrt/request/semanticChecks';
import { validateXrtRequest } from '../../../../src/xrt/request/requestSchema';

type Json = Record<string, unknown>;

const base = (): Json => readFixture('xrt', 'submit.request.lc-counts.json') as Json;
const check = (request: Json): SemanticIssue[] => checkXrtRequestSemantics(request);
const on = (request: Json, key: string, severity?: 'error' | 'warning'): SemanticIssue[] =>
  check(request).filter((i) => i.key === key && (!severity || i.severity === severity));

/** The request as the editor would leave it after applying the issue's fix. */
function applyFix(request: Json, issue: SemanticIssue): Json {
  assert.ok(issue.fix, `no fix offered for: ${issue.message}`);
  const out: Json = { ...request };
  if (issue.fix.renameKeyTo) delete out[issue.key];
  out[issue.fix.renameKeyTo ?? issue.key] = issue.fix.replaceWith;
  for (const extra of issue.fix.alsoReplace ?? []) out[extra.key] = extra.replaceWith;
  return out;
}

function assertFixClears(request: Json, key: string, severity: 'error' | 'warning' = 'error'): Json {
  const issues = on(request, key, severity);
  assert.equal(issues.length, 1, JSON.stringify(check(request)));
  const fixed = applyFix(request, issues[0]!);
  assert.deepEqual(
    check(fixed).filter((i) => i.severity === 'error'),
    [],
    JSON.stringify(fixed),
  );
  return fixed;
}

describe('XRT semantic checks', () => {
  for (const name of listFixtures('xrt').filter((f) => f.startsWith('submit.request.'))) {
    it(`raises no error for ${name}`, () => {
      assert.deepEqual(
        check(readFixture('xrt', name) as Json).filter((i) => i.severity === 'error'),
        [],
      );
    });
  }

  it('ignores values of the wrong type (the schema reports those) and non-objects', () => {
    assert.deepEqual(
      check({ ...base(), soft1: 'low', imen: 5, gti1: 7, targ: 12, poserr: 'x' }).filter((i) => i.severity === 'error'),
      [],
    );
    assert.deepEqual(checkXrtRequestSemantics(null), []);
    assert.deepEqual(checkXrtRequestSemantics(['lc']), []);
  });

  describe('energy bands', () => {
    it('swaps reversed band limits', () => {
      const fixed = assertFixClears({ ...base(), soft1: 2, soft2: 0.5 }, 'soft1');
      assert.equal(fixed.soft1, 0.5);
      assert.equal(fixed.soft2, 2);
      assertFixClears({ ...base(), minen: 10, maxen: 0.3 }, 'minen');
    });

    it('compares with the defaults of the limits not given', () => {
      const [issue] = on({ ...base(), hard2: 12 }, 'hard2', 'error');
      assert.match(issue!.message, /`maxen` \(10 keV, the default\)/);
      assert.equal(on({ ...base(), soft1: 0.2 }, 'soft1', 'error').length, 1);
      assert.equal(on({ ...base(), minen: 2 }, 'minen', 'error').length, 2, 'soft1 and hard1 defaults fall below it');
      assert.equal(on({ ...base(), hard1: 1, hard2: 8, soft1: 0.5, soft2: 1 }, 'hard1').length, 0);
    });

    it('warns outside the calibrated range', () => {
      assert.equal(on({ ...base(), minen: 0.1, soft1: 0.1 }, 'minen', 'warning').length, 1);
    });
  });

  describe('image bands', () => {
    it('puts a reversed band in order', () => {
      const fixed = assertFixClears({ ...base(), image: 1, imen: '0.3-10,4-1' }, 'imen');
      assert.equal(fixed.imen, '0.3-10,1-4');
    });

    it('refuses empty and malformed bands', () => {
      const fixed = assertFixClears({ ...base(), image: 1, imen: '0.3-10,,1-4' }, 'imen');
      assert.equal(fixed.imen, '0.3-10,1-4');
      const bad = on({ ...base(), image: 1, imen: 'soft,1-4' }, 'imen', 'error');
      assert.equal(bad.length, 1);
      assert.equal(bad[0]!.fix, undefined);
      assert.deepEqual(on({ ...base(), image: 1, imen: '0.3-10,0.3-1.5,1.51-10' }, 'imen'), []);
    });
  });

  describe('spectral intervals', () => {
    const user = (extra: Json): Json => ({ ...base(), spec: 1, specz: 0, timeslice: 'user', Tstart: 608713541, ...extra });

    it('accepts absolute MET ranges and relative ones with SinceT0', () => {
      assert.deepEqual(check(user({ rname1: 'early', gti1: '608713541-608714541,608720000-608730000' })), []);
      assert.deepEqual(check(user({ SinceT0: 1, rname1: 'early', gti1: '0-1000' })), []);
    });

    it('swaps a reversed interval and refuses a non-interval', () => {
      const fixed = assertFixClears(user({ SinceT0: 1, rname1: 'a', gti1: '0-100,900-500' }), 'gti1');
      assert.equal(fixed.gti1, '0-100,500-900');
      assert.equal(on(user({ rname1: 'a', gti1: 'yesterday' }), 'gti1', 'error').length, 1);
    });

    it('warns when times look relative without SinceT0, or absolute with it', () => {
      assert.match(on(user({ rname1: 'a', gti1: '0-1000' }), 'gti1', 'warning')[0]!.message, /SinceT0/);
      assert.equal(on(user({ SinceT0: 1, rname1: 'a', gti1: '608713541-608714541' }), 'gti1', 'warning').length, 1);
      assert.equal(on(user({ sinceT0: 1, rname1: 'a', gti1: '0-1000' }), 'gti1').length, 0, 'the alias counts too');
    });

    it('warns when intervals are given but timeslice is not "user"', () => {
      assert.equal(on({ ...user({ rname1: 'a', gti1: '608713541-608714541' }), timeslice: 'single' }, 'gti1', 'warning').length, 1);
    });

    it('strips interval names to letters and digits, and refuses empty or repeated ones', () => {
      const fixed = assertFixClears(user({ rname1: 'early part!', gti1: '608713541-608714541' }), 'rname1', 'warning');
      assert.equal(fixed.rname1, 'earlypart');
      assert.equal(on(user({ rname1: '+++', gti1: '608713541-608714541' }), 'rname1', 'error').length, 1);
      const twice = user({ rname1: 'Late', gti1: '608713541-608714541', rname2: 'late', gti2: '608714541-608715541' });
      assert.equal(on(twice, 'rname2', 'error').length, 1);
    });
  });

  describe('data selections', () => {
    it('accepts obsID lists, obsID ranges and time ranges', () => {
      assert.deepEqual(on({ ...base(), lcobs: 'user', uselcobs: '00010873001,00010873002' }, 'uselcobs'), []);
      assert.deepEqual(on({ ...base(), lcobs: 'user', uselcobs: '00035336001-00035336005' }, 'uselcobs'), []);
      assert.deepEqual(on({ ...base(), lcobs: 'user', uselcobs: '608713541-608714541' }, 'uselcobs'), []);
    });

    it('zero-pads short obsIDs and explains target IDs given as obsIDs', () => {
      const fixed = assertFixClears({ ...base(), lcobs: 'user', uselcobs: '00010873001,0010873002' }, 'uselcobs');
      assert.equal(fixed.uselcobs, '00010873001,00010873002');
      const [target] = on({ ...base(), dopsf: 1, posobs: 'user', useposobs: '00010873' }, 'useposobs', 'error');
      assert.match(target!.message, /target ID/);
      assert.equal(target!.fix, undefined);
    });

    it('refuses mixed lists and reversed ranges; doubts undocumented time formats', () => {
      assert.equal(on({ ...base(), lcobs: 'user', uselcobs: '00010873001,608713541-608714541' }, 'uselcobs', 'error').length, 1);
      assert.equal(on({ ...base(), lcobs: 'user', uselcobs: '608714541-608713541' }, 'uselcobs', 'error').length, 1);
      assert.equal(on({ ...base(), lcobs: 'user', uselcobs: '00010873005-00010873001' }, 'uselcobs', 'error').length, 1);
      const iso = on({ ...base(), lcobs: 'user', uselcobs: '2020-04-16T10:00:00/2020-04-17T10:00:00' }, 'uselcobs');
      assert.deepEqual(
        iso.map((i) => i.severity),
        ['warning'],
      );
    });

    it('refuses a selection whose switch is not "user" (the service would ignore it), with a fix that sets it', () => {
      const fixed = assertFixClears({ ...base(), image: 1, useimobs: '00010873001' }, 'useimobs');
      assert.equal(fixed.imobs, 'user');
      assert.match(on({ ...base(), sourceDet: 1, detobs: 'all', usedetobs: '00010873001' }, 'usedetobs', 'error')[0]!.message, /"all"/);
      assert.equal(assertFixClears({ ...base(), lcobs: 'all', uselcobs: '00010873001' }, 'uselcobs').lcobs, 'user');
    });

    it('says nothing about selections of products the request does not ask for', () => {
      assert.deepEqual(on({ ...base(), useimobs: '00010873001' }, 'useimobs'), []);
      assert.deepEqual(on({ ...base(), posobs: 'user', useposobs: '00010873' }, 'useposobs'), []);
    });
  });

  describe('target IDs', () => {
    it('zero-pads to 8 digits, drops echoed braces and repeats', () => {
      assert.equal(assertFixClears({ ...base(), targ: '966554' }, 'targ', 'warning').targ, '00966554');
      assert.equal(assertFixClears({ ...base(), targ: '{00010873,00010907}' }, 'targ', 'warning').targ, '00010873,00010907');
      assert.equal(assertFixClears({ ...base(), targ: '00010873, 00010873' }, 'targ', 'warning').targ, '00010873');
      assert.deepEqual(on({ ...base(), targ: '00010873,00030842' }, 'targ'), []);
    });
  });

  describe('single values', () => {
    it('turns a numeric-string Tstart into a number and doubts other formats', () => {
      const fixed = assertFixClears({ ...base(), Tstart: '608713541.5' }, 'Tstart', 'warning');
      assert.equal(fixed.Tstart, 608713541.5);
      assert.deepEqual(
        on({ ...base(), Tstart: '2020-04-16T10:00:00' }, 'Tstart').map((i) => i.severity),
        ['warning'],
      );
      assert.equal(on({ ...base(), Tstart: 1000 }, 'Tstart', 'warning').length, 1, 'before launch');
      assert.equal(on({ ...base(), getT0: 1 }, 'Tstart', 'warning').length, 1, 'overridden by getT0');
    });

    it('warns about poserr outside 1–6 and srcrad above 30 px', () => {
      assert.equal(on({ ...base(), poserr: 60 }, 'poserr', 'warning').length, 1);
      assert.equal(on({ ...base(), poserr: 0.5 }, 'poserr', 'warning').length, 1);
      assert.deepEqual(on({ ...base(), poserr: 6 }, 'poserr'), []);
      assert.equal(assertFixClears({ ...base(), srcrad: 40 }, 'srcrad', 'warning').srcrad, 30);
    });

    it('offers useSXPS: 0 when missing, except for source detection alone', () => {
      const { useSXPS: _u, ...without } = base();
      assert.equal(assertFixClears(without, 'useSXPS', 'warning').useSXPS, 0);
      assert.deepEqual(on({ name: 'M31', targ: '00035336', sourceDet: 1, detobs: 'all' }, 'useSXPS'), []);
    });
  });

  describe('spelling', () => {
    it('renames accepted aliases to the canonical name, keeping the value', () => {
      const fixed = assertFixClears({ ...base(), allowBayes: 'pc' }, 'allowBayes', 'warning');
      assert.equal(fixed.allowB, 'pc');
      assert.equal(fixed.allowBayes, undefined);
      assert.ok(validateXrtRequest(fixed).ok);
      assert.equal(assertFixClears({ ...base(), wtmaxGap: 50 }, 'wtmaxGap', 'warning').wtmaxgap, 50);
    });

    it('refuses an alias that contradicts its canonical name', () => {
      assert.equal(on({ ...base(), allowBayes: 'pc', allowB: 'wt' }, 'allowBayes', 'error').length, 1);
      assert.equal(on({ ...base(), sinceT0: 1, SinceT0: 1 }, 'sinceT0', 'warning').length, 1);
    });

    it('suggests the wire name for Python-client names and near-misses', () => {
      const python = assertFixClears({ ...base(), redshift: 0.3 }, 'redshift', 'warning');
      assert.equal(python.zval, 0.3);
      const { binMeth: _b, pccounts: _p, wtcounts: _w, dynamic: _d, ...noBinning } = base();
      assert.equal(assertFixClears({ ...noBinning, binMth: 'time' }, 'binMth', 'warning').binMeth, 'time');
      const [taken] = on({ ...base(), centroid: 1 }, 'centroid', 'warning');
      assert.match(taken!.message, /`cent`/);
      assert.equal(taken!.fix, undefined, 'no rename onto a key already set');
    });

    it('says nothing about unrelated extra keys or mere case variants (the JSON Schema flags those)', () => {
      assert.deepEqual(on({ ...base(), comment: 'for the paper' }, 'comment'), []);
      assert.deepEqual(on({ ...base(), posErr: 1 }, 'posErr'), []);
      assert.deepEqual(on({ ...base(), whatSXPS: '2SXPS', outdir: 'USERPROD_1' }, 'whatSXPS'), []);
    });
  });
});
