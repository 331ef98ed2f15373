// "Export as Python" for XRT request files (src/xrt/export/pythonScript.ts), through the path the command
// takes: the file's text → checkRequestText (the submission check) → xrtPythonScript. The expected client
// calls and parameter names are xrt_prods 1.12's (swifttools/ukssdc/xrt_prods/prod_request.py
// `setGlobalPars`/`add…`, productVars.py `prodPythonParsToJSONPars`/`prodParTypes`), written out here
// independently of the generator's tables; the captured bodies of the real client
// (test/fixtures/protocol/xrt/submit.request.*.json) are mapped back to them key by key.
import * as assert from 'node:assert/strict';
import { checkRequestText } from '../../../../src/xrt/request/requestCheck';
import { xrtPythonScript } from '../../../../src/xrt/export/pythonScript';
import { listFixtures, readFixture } from '../../../support/paths';
import {
  assertParsesAsPython,
  hasPython3,
  pythonKeywordCalls,
  pythonStringConstants,
  type PythonArgument,
} from '../../../support/pythonSyntax';
import { CALL_FLAG, CALL_WIRE } from '../../../support/xrtProdsNames';

const CONTEXT = { fileName: 'grb.xrt.json', version: '9.8.7', date: new Date('2026-12-03T09:00:00Z') };

function script(request: Record<string, unknown>, context: Partial<typeof CONTEXT> & { userId?: string } = {}): string {
  const checked = checkRequestText(JSON.stringify(request));
  assert.ok(checked.request, `the request should pass the submission check: ${checked.problems.join('; ')}`);
  const result = xrtPythonScript(checked.request, { ...CONTEXT, ...context });
  assert.ok(result.ok, result.ok ? '' : result.problems.join('; '));
  return result.script;
}

const BASE = { name: 'GRB 200416A', targ: '00966554', RA: 335.6985, Dec: -7.5179, cent: 1, poserr: 1, useSXPS: 0 };

/** Every method of `XRTProductRequest` a script may call (prod_request.py). */
const CLIENT_METHODS = ['setGlobalPars', ...Object.keys(CALL_FLAG), 'submit', 'downloadProducts'];

/** The wire body xrt_prods' getJSONDict would build from a script's calls (bools → 0/1, names renamed). */
function wireBodyOf(source: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [method, names] of Object.entries(CALL_WIRE)) {
    for (const call of pythonKeywordCalls(source, method)) {
      if (CALL_FLAG[method]) body[CALL_FLAG[method]] = 1;
      for (const [name, [type, value]] of Object.entries(call)) {
        assert.notEqual(type, 'expr', `${method}(${name}=…) must be a literal`);
        body[names[name] ?? name] = type === 'bool' ? (value === true ? 1 : 0) : value;
      }
    }
  }
  return body;
}

function call(source: string, method: string): Record<string, PythonArgument> {
  const calls = pythonKeywordCalls(source, method);
  assert.equal(calls.length, 1, `one ${method} call`);
  return calls[0] ?? {};
}

describe('XRT Export as Python', function () {
  this.timeout(60_000);
  before(function () {
    if (!hasPython3()) {
      console.log('    (python3 is not installed: the generated scripts cannot be parsed here; skipped)');
      this.skip();
    }
  });

  describe('the captured requests of the official client', () => {
    const captures = listFixtures('xrt').filter((f) => f.startsWith('submit.request.'));
    it('has captures to compare with', () => assert.ok(captures.length >= 4, captures.join(', ')));
    for (const name of captures) {
      it(`${name}: the script's calls send the captured body`, () => {
        const captured = readFixture('xrt', name) as Record<string, unknown>;
        const source = script(captured);
        assertParsesAsPython(source);
        // What submission sends for the capture: with the keys xrt_prods itself adds (getT0 0 with T0, …).
        const sentByExtension = checkRequestText(JSON.stringify(captured)).request ?? {};
        const expected = Object.fromEntries(
          Object.entries(sentByExtension)
            // The client adds these itself (constructor, every call); pcmaxgap is sent as pcmaxGap (§3.4).
            .filter(([k]) => !['UserID', 'api_name', 'api_version'].includes(k))
            .map(([k, v]) => [k === 'pcmaxgap' ? 'pcmaxGap' : k === 'wtmaxgap' ? 'wtmaxGap' : k, v]),
        );
        const sent = wireBodyOf(source);
        // xrt_prods fills in what the service assumes (useSXPS 0, incHours 12): allowed only as such.
        for (const [k, v] of Object.entries(sent)) if (!(k in expected)) assert.ok(k === 'useSXPS' && v === 0, `${k} is not in ${name}`);
        for (const [k, v] of Object.entries(expected)) assert.deepEqual(sent[k], v, `${k} of ${name}`);
      });
    }
  });

  it('writes the light curve with xrt_prods names and types', () => {
    const source = script({
      ...BASE,
      Tstart: 608713541.952,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      dynamic: 1,
      minen: 0.3,
      maxen: 10,
      lctimetype: 'm',
      lcobs: 'user',
      uselcobs: '00966554001',
      pcmaxgap: 1e6,
      allowB: 'pc',
      hrbin: 0,
      pchrbin: 200,
      wthrbin: 20,
    });
    assert.deepEqual(call(source, 'setGlobalPars'), {
      name: ['str', 'GRB 200416A'],
      targ: ['str', '00966554'],
      getTargs: ['bool', false],
      T0: ['float', 608713541.952],
      getT0: ['bool', false],
      RA: ['float', 335.6985],
      Dec: ['float', -7.5179],
      centroid: ['bool', true],
      posErr: ['int', 1],
      useSXPS: ['bool', false],
    });
    assert.deepEqual(call(source, 'addLightCurve'), {
      binMeth: ['str', 'counts'],
      minEnergy: ['float', 0.3],
      maxEnergy: ['int', 10],
      allowBayes: ['str', 'pc'],
      timeFormat: ['str', 'm'],
      useObs: ['str', '00966554001'],
      whichData: ['str', 'user'],
      pcCounts: ['int', 20],
      wtCounts: ['int', 30],
      dynamic: ['bool', true],
      pcmaxGap: ['int', 1000000],
      matchHR: ['int', 0],
      pcHRBinTime: ['int', 200],
      wtHRBinTime: ['int', 20],
    });
    assert.match(source, /^from swifttools\.xrt_prods import XRTProductRequest$/m);
    assert.match(source, /^ {4}request = XRTProductRequest\(user_id, silent=True\)$/m);
  });

  it('writes whole numbers as floats where xrt_prods accepts only float (RA, Dec), and as ints where it wants int', () => {
    const source = script({ ...BASE, RA: 180, Dec: 0, maxCentTries: 5, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 });
    const globals = call(source, 'setGlobalPars');
    assert.deepEqual(globals.RA, ['float', 180]);
    assert.deepEqual(globals.Dec, ['float', 0]);
    assert.deepEqual(globals.maxCentTries, ['int', 5]);
    assert.match(source, /^ {8}RA=180\.0,$/m);
  });

  it('writes the spectrum with the redshift before hasRedshift and galactic, and floats where xrt_prods wants them', () => {
    const source = script({
      ...BASE,
      spec: 1,
      specz: 1,
      zval: 2,
      dchi: 1,
      models: ['powerlaw', 'apec'],
      specobs: 'hours',
      timeslice: 'single',
    });
    const spec = call(source, 'addSpectrum');
    assert.deepEqual(spec, {
      redshift: ['float', 2],
      hasRedshift: ['bool', true],
      // The submission check adds it (a redshift implies it in xrt_prods too): explicit here.
      galactic: ['bool', true],
      whichData: ['str', 'hours'],
      timeslice: ['str', 'single'],
      models: ['list', ['powerlaw', 'apec']],
      deltaFitStat: ['float', 1],
      incHours: ['int', 12],
    });
    assert.deepEqual(Object.keys(spec).slice(0, 3), ['redshift', 'hasRedshift', 'galactic']);
    assert.match(source, /# incHours=12 is added to the spectrum: xrt_prods requires it with "hours"/);
  });

  it('keeps a redshift without specz from turning the Galactic absorber on', () => {
    const spec = call(script({ ...BASE, spec: 1, specz: 0, zval: 0.5 }), 'addSpectrum');
    assert.deepEqual(spec.hasRedshift, ['bool', false]);
    assert.deepEqual(spec.galactic, ['bool', false]);
    assert.ok(Object.keys(spec).indexOf('redshift') < Object.keys(spec).indexOf('hasRedshift'));
  });

  it('puts the shared position parameters on the first position product only, useObs before whichData', () => {
    const source = script({
      ...BASE,
      dopsf: 1,
      doenh: 1,
      doxastrom: 1,
      allxastrom: 1,
      posobs: 'user',
      useposobs: '00966554001',
      posRadius: 15,
      detornot: 'centroid',
      detMeth: 'iterative',
      centMeth: 'simple',
    });
    assert.deepEqual(call(source, 'addStandardPos'), {
      posRadius: ['int', 15],
      useObs: ['str', '00966554001'],
      whichData: ['str', 'user'],
      detOrCent: ['str', 'centroid'],
      centMeth: ['str', 'iterative'],
    });
    assert.deepEqual(call(source, 'addEnhancedPos'), {});
    assert.deepEqual(call(source, 'addAstromPos'), { useAllObs: ['bool', true] });
    // The global centMeth (centroiding) is another parameter than the positions' (detMeth).
    assert.deepEqual(call(source, 'setGlobalPars').centMeth, ['str', 'simple']);
    assert.match(source, /^ {4}request\.addEnhancedPos\(\)$/m);
  });

  it('adds the positions’ incHours that xrt_prods demands with "hours"', () => {
    const source = script({ ...BASE, doenh: 1, posobs: 'hours' });
    assert.deepEqual(call(source, 'addEnhancedPos'), { whichData: ['str', 'hours'], incHours: ['int', 12] });
  });

  it('writes images and source detection', () => {
    const image = script({ ...BASE, image: 1, imen: '0.3-10,1-4', imobs: 'all' });
    assert.deepEqual(call(image, 'addImage'), { energies: ['str', '0.3-10,1-4'], whichData: ['str', 'all'] });
    const det = script({
      name: 'M31 field',
      targ: '00035336',
      sourceDet: 1,
      detobs: 'user',
      usedetobs: '00035336001',
      detbands: 'all',
      fitStrayLight: 0,
    });
    assert.deepEqual(call(det, 'addSourceDet'), {
      useObs: ['str', '00035336001'],
      whichData: ['str', 'user'],
      whichBands: ['str', 'all'],
      fitStrayLight: ['bool', false],
    });
    // Source detection alone needs no useSXPS in xrt_prods (productVars.py `skipGlobals`): none is added.
    assert.equal(call(det, 'setGlobalPars').useSXPS, undefined);
  });

  it('adds useSXPS when the file leaves it out, and says so', () => {
    const { useSXPS: _omitted, ...withoutSxps } = BASE;
    const source = script({ ...withoutSxps, lc: 1, binMeth: 'snapshot' });
    assert.deepEqual(call(source, 'setGlobalPars').useSXPS, ['bool', false]);
    assert.match(source, /# useSXPS=False is added: xrt_prods requires it/);
  });

  it('calls only methods xrt_prods has, and submits, waits and downloads', () => {
    const source = script({ ...BASE, lc: 1, binMeth: 'obsid' });
    const called = [...source.matchAll(/\brequest\.(\w+)\(/g)].map((m) => m[1]);
    for (const name of called) assert.ok(CLIENT_METHODS.includes(name ?? ''), `request.${name} is not an XRTProductRequest method`);
    assert.ok(called.includes('submit') && called.includes('downloadProducts'));
    assert.match(source, /while not request\.complete:\n\s+time\.sleep\(POLL_SECONDS\)/);
    assert.match(source, /^POLL_SECONDS = 60$/m);
    assert.match(source, /request\.submitError/);
    assert.match(source, /request\.JobID/);
  });

  it('opens with what the script does, the version and date that wrote it and how to install the client', () => {
    const source = script({ ...BASE, lc: 1, binMeth: 'obsid' });
    const header = source.split('\n').filter((l) => l.startsWith('#'));
    assert.equal(header[0], '#!/usr/bin/env python3');
    assert.ok(header.some((l) => l.includes('Swift Observatory for VS Code 9.8.7 on 2026-12-03')));
    assert.ok(header.some((l) => l.includes('pip install swifttools')));
    assert.ok(header.some((l) => l.includes('Request file: "grb.xrt.json"')));
  });

  it('takes the user ID from the setting, else the file, else asks', () => {
    const withSetting = script({ ...BASE, UserID: 'file@example.org', lc: 1, binMeth: 'obsid' }, { userId: 'me@example.org' });
    assert.match(withSetting, /user_id = os\.environ\.get\("SWIFT_XRT_USER_ID"\) or "me@example\.org"$/m);
    assert.doesNotMatch(withSetting, /file@example\.org/);
    const fromFile = script({ ...BASE, UserID: 'file@example.org', lc: 1, binMeth: 'obsid' });
    assert.match(fromFile, /or "file@example\.org"$/m);
    const asked = script({ ...BASE, lc: 1, binMeth: 'obsid' });
    assert.match(asked, /or input\("UKSSDC user ID \(your registered e-mail address\): "\)$/m);
  });

  it('leaves out what xrt_prods cannot send, listing it as inert literals', () => {
    const source = script({ ...BASE, lc: 1, binMeth: 'obsid', timeslice: 'user', outdir: '/x', 'evil\nimport os': 1 });
    assert.match(
      source,
      /# Left out, as the service ignores them \(fields of products not requested, or its own echo\): \["timeslice", "outdir"\]\./,
    );
    assert.match(source, /# Left out, as xrt_prods has no such parameter: \["evil\\nimport os"\]\./);
    assert.doesNotMatch(source, /^import os\s*$(?![\s\S]*^import sys)/m);
    assertParsesAsPython(source);
    assert.equal(call(source, 'addLightCurve').timeslice, undefined);
  });

  it('refuses a T0 that xrt_prods cannot take, saying why', () => {
    const checked = checkRequestText(JSON.stringify({ ...BASE, Tstart: '2020-04-16T10:00:00', lc: 1, binMeth: 'obsid' }));
    assert.ok(checked.request);
    const result = xrtPythonScript(checked.request, CONTEXT);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems.join(' '), /`Tstart` is "2020-04-16T10:00:00"; xrt_prods takes it only as a number/);
    // A number written as text is a number to xrt_prods too.
    assert.deepEqual(call(script({ ...BASE, Tstart: '608713541.5', lc: 1, binMeth: 'obsid' }), 'setGlobalPars').T0, ['float', 608713541.5]);
  });

  describe('hostile text', () => {
    const HOSTILE = [
      'He said "hi"',
      "it's",
      'triple """ quotes """',
      "triple ''' quotes",
      'back\\slash\\',
      'line\nbreak\r\nand\rreturn',
      '"); import os; os.system("rm -rf ~"); ("',
      '\\"; import os #',
      'unicode: α β γ — 天体 😀',
      'line\u2028separator\u2029paragraph',
      'bidi \u202e)"(\u202c override',
      'nul \u0000 and bell \u0007 and tab \t',
      'lone surrogate \ud800',
      '{name}} f-string {{',
    ];
    for (const text of HOSTILE) {
      it(`keeps ${JSON.stringify(text)} a literal that holds exactly that text`, () => {
        const source = script(
          { ...BASE, name: text, lc: 1, binMeth: 'obsid', targ: '00966554', useposobs: text },
          { fileName: text, userId: text },
        );
        assertParsesAsPython(source);
        // ASCII only, so no character can render differently from what Python runs.
        assert.match(source, /^[\x20-\x7e\n]*$/);
        const constants = pythonStringConstants(source);
        assert.ok(constants.includes(text), 'the name literal holds the text exactly');
        assert.deepEqual(call(source, 'setGlobalPars').name, ['str', text]);
        // The text reaches no line as code: the script has the same lines as with a plain name.
        const plain = script(
          { ...BASE, name: 'x', lc: 1, binMeth: 'obsid', targ: '00966554', useposobs: 'x' },
          { fileName: 'x', userId: 'x' },
        );
        assert.equal(source.split('\n').length, plain.split('\n').length);
      });
    }
  });
});
