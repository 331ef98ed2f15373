// "Export as Python" for TOO request files (src/too/export/pythonScript.ts), through the command's path:
// the file's text → checkTooRequestText (the submission check) → tooPythonScript. The client calls and
// attribute names are swift_too 2.0.1's (swifttools/swift_too/swift/toorequest.py `SwiftTOORequest`,
// alias `TOO`; `validate`, `server_validate`, `submit`, `status`); the forms the stock client sent
// (test/fixtures/protocol/too/too.post.request*.json) are compared field by field with the arguments.
import * as assert from 'node:assert/strict';
import { tooPythonScript } from '../../../../src/too/export/pythonScript';
import { checkTooRequestText } from '../../../../src/too/request/requestCheck';
import { readFixture } from '../../../support/paths';
import { SMC_X3_TOO } from '../../../support/requests';
import {
  assertParsesAsPython,
  hasPython3,
  pythonKeywordCalls,
  pythonStringConstants,
  type PythonArgument,
} from '../../../support/pythonSyntax';

const CONTEXT = { fileName: 'smc-x3.too.json', version: '9.8.7', date: new Date('2026-12-03T09:00:00Z') };

function script(request: Record<string, unknown>, context: Partial<typeof CONTEXT> & { username?: string } = {}): string {
  const checked = checkTooRequestText(JSON.stringify(request));
  assert.ok('request' in checked, 'problems' in checked ? checked.problems.join('; ') : '');
  const result = tooPythonScript(checked.request, { ...CONTEXT, ...context });
  assert.ok(result.ok, result.ok ? '' : result.problems.join('; '));
  return result.script;
}

function tooCall(source: string): Record<string, PythonArgument> {
  const calls = pythonKeywordCalls(source, 'TOO');
  assert.equal(calls.length, 1, 'one TOO(...) call');
  return calls[0] ?? {};
}

const GRB = {
  target_name: 'GRB 260101A',
  target_type: 'GRB',
  ra: 10,
  dec: 20,
  obs_type: 'Position',
  xrt_countrate: 5,
  grb_detector: 'Fermi/GBM',
  grb_triggertime: '2026-01-01T01:02:03',
  uvot_mode: '0x01ab',
  uvot_just: 'u filter for photometric redshift constraint.',
  science_just: 'Localise the X-ray afterglow of a GBM burst.',
  immediate_objective: 'Find the X-ray counterpart.',
  exposure: 2000,
  xrt_mode: 'WT',
  exp_time_just: '2 ks reaches the typical afterglow flux.',
  exp_time_per_visit: 2000,
  num_of_visits: 1,
  monitoring_freq: '1 day',
};

/** Form fields the client sends as str() of the value it was given (toorequest.py: `StrIntFloat`, `int`). */
const SENT_AS_GIVEN = new Set(['xrt_countrate', 'urgency', 'num_of_visits', 'xrt_mode']);

/** Fields of the captured form that the script leaves to the client: its defaults and its own fields. */
const CLIENT_SIDE: Readonly<Record<string, string>> = { proposal: 'false', tiling: 'false', debug: 'false', quiet: 'true' };

describe('TOO Export as Python', function () {
  this.timeout(60_000);
  before(function () {
    if (!hasPython3()) {
      console.log('    (python3 is not installed: the generated scripts cannot be parsed here; skipped)');
      this.skip();
    }
  });

  for (const [fixture, request] of [
    ['too.post.request.json', SMC_X3_TOO],
    ['too.post.request.grb-validate-only.json', GRB],
  ] as const) {
    it(`${fixture}: TOO(...) gets every field the stock client sent`, () => {
      const source = script(request);
      assertParsesAsPython(source);
      const args = tooCall(source);
      const form = (readFixture('too', fixture) as { form: Record<string, string> }).form;
      for (const [field, sent] of Object.entries(form)) {
        if (field === 'username' || field === 'validate_only') continue;
        if (field === 'exposure') {
          // Given in the file: set after construction, as the client computes it otherwise.
          assert.match(source, new RegExp(`^ {4}too\\.exposure = ${sent}$`, 'm'));
          continue;
        }
        const arg = args[field];
        if (arg === undefined) {
          assert.ok(
            CLIENT_SIDE[field] === sent || (field === 'uvot_just' && sent === ''),
            `${field}=${sent} is left to the client's default`,
          );
          continue;
        }
        const [type, value] = arg;
        // Python's str() of the value; the client sends exactly that for the fields it keeps as given
        // (`StrIntFloat`, ints), and converts the others to its form's type (exp_time_per_visit → float).
        const text = type === 'float' && Number.isInteger(value) ? `${String(value)}.0` : String(value);
        if (SENT_AS_GIVEN.has(field)) assert.equal(text, sent, field);
        else if (type === 'float' || type === 'int') assert.equal(value, Number(sent), field);
        else assert.equal(value, sent, field);
      }
      for (const name of Object.keys(args))
        assert.ok(name in form || ['shared_secret'].includes(name), `${name} is not a field the client sends`);
      assert.deepEqual(args.username, ['expr', 'username']);
      assert.deepEqual(args.shared_secret, ['expr', 'shared_secret']);
    });
  }

  it('writes the types swift_too wants: floats for the position, text for the BAT rate and tiles, codes for the XRT mode', () => {
    const args = tooCall(
      script({
        ...SMC_X3_TOO,
        ra: 13,
        dec: -72,
        bat_countrate: 0.25,
        xrt_countrate: 'about 1',
        xrt_mode: 'PC',
        tiling: true,
        number_of_tiles: 7,
        exposure_time_per_tile: 500,
        tiling_justification: 'Large error box.',
        debug: true,
      }),
    );
    assert.deepEqual(args.ra, ['float', 13]);
    assert.deepEqual(args.dec, ['float', -72]);
    assert.deepEqual(args.bat_countrate, ['str', '0.25']);
    assert.deepEqual(args.xrt_countrate, ['str', 'about 1']);
    assert.deepEqual(args.xrt_mode, ['int', 7]);
    assert.deepEqual(args.number_of_tiles, ['str', '7']);
    assert.deepEqual(args.exposure_time_per_tile, ['int', 500]);
    assert.deepEqual(args.tiling, ['bool', true]);
    assert.deepEqual(args.debug, ['bool', true]);
    assert.deepEqual(args.monitoring_freq, ['str', '2 days']);
  });

  it('validates, then submits or asks the service to validate, with the client’s own methods', () => {
    const source = script(SMC_X3_TOO);
    assert.match(source, /^from swifttools\.swift_too import TOO$/m);
    assert.match(source, /if not too\.validate\(\):/);
    assert.match(source, /ok = too\.server_validate\(\) if validate_only else too\.submit\(\)/);
    assert.match(source, /too\.status\.too_id/);
    assert.match(source, /too\.status\.errors/);
    assert.match(source, /too\.status\.warnings/);
    const methods = [...source.matchAll(/\btoo\.(\w+)\(/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(methods)].sort(), ['server_validate', 'submit', 'validate']);
  });

  it('never writes the API key: it comes from SWIFT_TOO_API_KEY or getpass', () => {
    const source = script(SMC_X3_TOO, { username: 'astro' });
    assert.match(source, /shared_secret = os\.environ\.get\("SWIFT_TOO_API_KEY"\) or getpass\.getpass\("Swift TOO API key: "\)/);
    assert.match(source, /username = os\.environ\.get\("SWIFT_TOO_USERNAME"\) or "astro"$/m);
    assert.match(script(SMC_X3_TOO), /or input\("Swift TOO username: "\)$/m);
  });

  it('says in its header that it files a real TOO, and how to only validate', () => {
    const header = script(SMC_X3_TOO)
      .split('\n')
      .filter((l) => l.startsWith('#'));
    assert.ok(header.some((l) => l.includes('REAL TOO request')));
    assert.ok(header.some((l) => l.includes('--validate-only')));
    assert.ok(header.some((l) => l.includes('pip install swifttools')));
    assert.ok(header.some((l) => l.includes('VS Code 9.8.7 on 2026-12-03')));
  });

  it('refuses fractional seconds that swift_too keeps as whole numbers', () => {
    const checked = checkTooRequestText(JSON.stringify({ ...SMC_X3_TOO, exp_time_per_visit: 1500.5 }));
    assert.ok('request' in checked);
    const result = tooPythonScript(checked.request, CONTEXT);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems.join(' '), /`exp_time_per_visit` is 1500\.5 s; swift_too takes whole seconds only/);
  });

  it('refuses nothing silently: an invalid file never reaches the generator', () => {
    const checked = checkTooRequestText(JSON.stringify({ ...SMC_X3_TOO, ra: 'north' }));
    assert.ok('problems' in checked && checked.problems.some((p) => p.includes('ra')));
  });

  for (const text of [
    '"""; import os; os.system("id"); """',
    'back\\slash \' and " quotes',
    'multi\nline\r\njustification',
    'ünïcødé 😀 \u202e bidi \u2028',
  ]) {
    it(`keeps hostile text ${JSON.stringify(text)} inert`, () => {
      const source = script(
        { ...SMC_X3_TOO, target_name: text, science_just: text, exp_time_just: text },
        { fileName: text, username: text },
      );
      assertParsesAsPython(source);
      assert.match(source, /^[\x20-\x7e\n]*$/);
      const args = tooCall(source);
      assert.deepEqual(args.target_name, ['str', text]);
      assert.deepEqual(args.science_just, ['str', text]);
      assert.ok(pythonStringConstants(source).filter((c) => c === text).length >= 4, 'name, justifications and username hold the text');
      const plain = script({ ...SMC_X3_TOO, target_name: 'x', science_just: 'x', exp_time_just: 'x' }, { fileName: 'x', username: 'x' });
      assert.equal(source.split('\n').length, plain.split('\n').length);
    });
  }
});
