import * as assert from 'node:assert/strict';
import { readFixture } from '../../../support/paths';
import {
  toFormFields,
  tooRequestSchema,
  validateTooRequest,
  uvotModeFormText,
  type TooRequest,
} from '../../../../src/too/request/requestSchema';
import { buildTooRequestJsonSchema } from '../../../../src/too/request/requestJsonSchema';
import { parseMonitoringFreq } from '../../../../src/too/request/monitoringFreq';
import { formatUvotModeHex, isFilterOfTheDay, parseUvotModeHex, xrtModeCode, xrtModeName } from '../../../../src/too/modes';
import { pythonDatetimeText, pythonFloatText } from '../../../../src/too/wireText';
import { SMC_X3_TOO } from '../../../support/requests';

interface FormFixture {
  form: Record<string, string>;
}

// What a user would write in `smc-x3.too.json` to get the stock client's captured form.
const SMC_X3 = { ...SMC_X3_TOO, instrument: 'XRT', xrt_mode: 'PC' };

const GRB = {
  target_name: 'GRB 260101A',
  target_type: 'GRB',
  ra: 10,
  dec: 20,
  obs_type: 'Position',
  xrt_countrate: '5',
  grb_detector: 'Fermi/GBM',
  grb_triggertime: '2026-01-01T01:02:03Z',
  uvot_mode: 0x01ab,
  science_just: 'Localise the X-ray afterglow of a GBM burst.',
  immediate_objective: 'Find the X-ray counterpart.',
  exposure: 2000,
  uvot_just: 'u filter for photometric redshift constraint.',
  xrt_mode: 6,
  exp_time_just: '2 ks reaches the typical afterglow flux.',
  exp_time_per_visit: 2000,
  monitoring_freq: '1 day',
};

function mustValidate(value: unknown): TooRequest {
  const result = validateTooRequest(value);
  if (!result.ok) assert.fail(`expected valid, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

function issuesOf(value: unknown): { path: string; message: string }[] {
  const result = validateTooRequest(value);
  assert.equal(result.ok, false, 'expected the request to be refused');
  return result.ok ? [] : result.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('TOO request schema', () => {
  describe('wire form', () => {
    it('reproduces the stock client form of the SMC X-3 monitoring request, field for field and in order', () => {
      const fixture = readFixture('too', 'too.post.request.json') as FormFixture;
      const form = toFormFields(mustValidate(SMC_X3), { username: 'myuser' });
      assert.deepEqual([...form.entries()], Object.entries(fixture.form));
    });

    it('reproduces the GRB validate-only form (trigger fields, hex UVOT mode, validate_only)', () => {
      const fixture = readFixture('too', 'too.post.request.grb-validate-only.json') as FormFixture;
      const form = toFormFields(mustValidate(GRB), { username: 'myuser', validateOnly: true });
      assert.deepEqual([...form.entries()], Object.entries(fixture.form));
    });

    it('omits null and absent optional fields, keeps empty strings, computes a missing exposure', () => {
      const { exposure: _dropped, ...withoutExposure } = SMC_X3;
      void _dropped;
      const form = toFormFields(mustValidate({ ...withoutExposure, poserr: null, opt_filt: '' }), { username: 'u' });
      assert.equal(form.get('exposure'), '42000');
      assert.equal(form.has('poserr'), false);
      assert.equal(form.get('opt_filt'), '');
      assert.equal(form.get('uvot_just'), '');
    });

    it('sends numbers and hex text as 0x%04X and free text unchanged', () => {
      assert.equal(uvotModeFormText(12525), '0x30ED');
      assert.equal(uvotModeFormText('0x1ab'), '0x01AB');
      assert.equal(uvotModeFormText('UVW2 only, event mode'), 'UVW2 only, event mode');
    });
  });

  describe('validation', () => {
    it('fills the client defaults', () => {
      const request = mustValidate({ ...SMC_X3, urgency: undefined, xrt_mode: undefined, instrument: undefined });
      assert.equal(request.urgency, 3);
      assert.equal(request.xrt_mode, 7);
      assert.equal(request.instrument, 'XRT');
      assert.equal(request.uvot_mode, '0x9999');
      assert.equal(request.proposal, false);
    });

    it('names each missing required field at its own key', () => {
      const issues = issuesOf({ ra: 1, dec: 2, xrt_countrate: 1, exposure: 10 });
      for (const field of ['target_name', 'target_type', 'obs_type', 'science_just', 'immediate_objective', 'exp_time_just']) {
        assert.ok(
          issues.some((i) => i.path === field && /required/.test(i.message)),
          `no issue for ${field}: ${JSON.stringify(issues)}`,
        );
      }
    });

    it('refuses out-of-range coordinates, unknown enums and unknown keys with specific messages', () => {
      const issues = issuesOf({ ...SMC_X3, ra: 361, dec: -91, obs_type: 'Imaging', xrt_mode: 'Turbo', urgency: 7, source_nam: 'x' });
      const byPath = new Map(issues.map((i) => [i.path, i.message]));
      assert.match(byPath.get('ra') ?? '', /0 to 360/);
      assert.match(byPath.get('dec') ?? '', /-90 to 90/);
      assert.match(byPath.get('obs_type') ?? '', /Light Curve/);
      assert.match(byPath.get('xrt_mode') ?? '', /WT/);
      assert.match(byPath.get('urgency') ?? '', /0 to 4/);
      assert.match(byPath.get('source_nam') ?? '', /Unknown field/);
    });

    it('applies the GRB, monitoring, brightness, UVOT, proposal and tiling rules at the offending keys', () => {
      const issues = issuesOf({
        ...SMC_X3,
        target_type: 'GRB',
        monitoring_freq: undefined,
        xrt_countrate: undefined,
        opt_mag: 17.5,
        uvot_mode: '0x30ED',
        proposal: true,
        proposal_id: '1922001',
        tiling: true,
      });
      const paths = issues.map((i) => i.path).sort();
      assert.deepEqual(paths, [
        'grb_detector',
        'grb_triggertime',
        'monitoring_freq',
        'opt_filt',
        'opt_filt',
        'proposal_pi',
        'proposal_trigger_just',
        'tiling_justification',
        'uvot_just',
      ]);
      assert.ok(issues.some((i) => i.message.startsWith('Missing brightness')));
    });

    it("counts empty text as given and null as missing, as swift_too's validators (`is None`) do; a UVOT justification must not be blank", () => {
      mustValidate({ ...GRB, grb_detector: '' });
      assert.deepEqual(
        issuesOf({ ...GRB, grb_detector: null }).map((i) => i.path),
        ['grb_detector'],
      );
      assert.deepEqual(
        issuesOf({ ...SMC_X3, uvot_mode: '0x30ED', uvot_just: '' }).map((i) => i.path),
        ['uvot_just'],
      );
      assert.deepEqual(
        issuesOf({ ...SMC_X3, uvot_mode: '0x30ED', uvot_just: ' ' }).map((i) => i.path),
        ['uvot_just'],
      );
    });

    it("requires monitoring_freq and exp_time_per_visit also for one visit, as swift_too's form does", () => {
      const { monitoring_freq: _f, exp_time_per_visit: _e, ...single } = SMC_X3;
      void _f;
      void _e;
      for (const visits of [{ num_of_visits: 1 }, {}]) {
        const issues = issuesOf({ ...single, ...visits, exposure: 3000 });
        assert.deepEqual(issues.map((i) => i.path).sort(), ['exp_time_per_visit', 'monitoring_freq'], JSON.stringify(issues));
      }
      mustValidate({
        ...single,
        num_of_visits: 1,
        exposure: 3000,
        exp_time_per_visit: 3000,
        monitoring_freq: '1 day',
        uvot_mode: 'use 0x9999 please',
      });
    });

    it('sends monitoring_freq trimmed', () => {
      const form = toFormFields(mustValidate({ ...SMC_X3, monitoring_freq: '  2 days \t' }), { username: 'astro' });
      assert.equal(form.get('monitoring_freq'), '2 days');
    });

    it('reports rule issues even when another field is invalid', () => {
      const issues = issuesOf({ ...SMC_X3, ra: 'thirteen', target_type: 'GRB' });
      assert.ok(issues.some((i) => i.path === 'ra'));
      assert.ok(issues.some((i) => i.path === 'grb_detector'));
    });

    it('explains a malformed monitoring_freq with the parser message', () => {
      const issues = issuesOf({ ...SMC_X3, monitoring_freq: '12 hours' });
      assert.equal(issues.length, 1);
      assert.equal(issues[0].path, 'monitoring_freq');
      assert.match(issues[0].message, /hours.*minutes or days/);
    });

    it('refuses hex-looking UVOT text that is not 1–4 hex digits', () => {
      const issues = issuesOf({ ...SMC_X3, uvot_mode: '0x12345', uvot_just: 'x' });
      assert.deepEqual(
        issues.map((i) => i.path),
        ['uvot_mode'],
      );
    });

    it('refuses a non-object with a message', () => {
      assert.deepEqual(issuesOf([1, 2]), [{ path: '', message: 'A TOO request must be a JSON object of form fields' }]);
    });
  });

  describe('JSON Schema agrees with zod', () => {
    const jsonSchema = buildTooRequestJsonSchema() as JsonSchema;
    const zodShape = tooRequestSchema.shape;

    it('has every zod field, with a markdownDescription, and nothing else', () => {
      const properties = jsonSchema.properties as Record<string, JsonSchema>;
      assert.deepEqual(Object.keys(properties).sort(), Object.keys(zodShape).sort());
      for (const [name, property] of Object.entries(properties)) {
        assert.equal(typeof property.markdownDescription, 'string', `${name} lacks markdownDescription`);
      }
      assert.equal(jsonSchema.additionalProperties, false);
      assert.equal(jsonSchema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(typeof jsonSchema.$id, 'string');
    });

    it("requires nothing: required fields and the rules are the extension's errors, on the causing key", () => {
      // VS Code's JSON language service reports a failed `required` as "Missing property" over the
      // whole file, as a warning, without the reason.
      assert.equal(jsonSchema.required, undefined);
      for (const keyword of ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'minProperties'])
        assert.equal(jsonSchema[keyword], undefined, keyword);
      const properties = jsonSchema.properties as Record<string, JsonSchema>;
      assert.match(String(properties.target_name!.markdownDescription), /Required/);
    });

    it('offers GRB, monitoring and single-observation snippets that both validators accept once filled in', () => {
      const snippets = jsonSchema.defaultSnippets as { label: string; body: Record<string, unknown> }[];
      assert.deepEqual(
        snippets.map((s) => s.label),
        ['GRB TOO', 'Monitoring campaign', 'Single observation'],
      );
      for (const snippet of snippets) {
        const filled = JSON.parse(JSON.stringify(snippet.body).replace(/\$\{\d+:([^}]*)\}/g, '$1')) as unknown;
        assert.deepEqual(validateJson(jsonSchema, filled), [], `${snippet.label} refused by JSON Schema`);
        mustValidate(filled);
      }
    });

    // Same verdict from both validators over cases that exercise every field type and rule.
    const cases: [string, unknown][] = [
      ['SMC X-3', SMC_X3],
      ['GRB', GRB],
      ['missing name', { ...SMC_X3, target_name: undefined }],
      ['blank name', { ...SMC_X3, target_name: '  ' }],
      ['ra 360 allowed', { ...SMC_X3, ra: 360 }],
      ['ra too big', { ...SMC_X3, ra: 360.1 }],
      ['dec as text', { ...SMC_X3, dec: '-72' }],
      ['unknown key', { ...SMC_X3, colour: 'red' }],
      ['$schema key', { ...SMC_X3, $schema: './too.schema.json' }],
      ['bad obs_type', { ...SMC_X3, obs_type: 'Imaging' }],
      ['urgency 0', { ...SMC_X3, urgency: 0 }],
      ['urgency 5', { ...SMC_X3, urgency: 5 }],
      ['urgency fractional', { ...SMC_X3, urgency: 2.5 }],
      ['xrt_mode WT', { ...SMC_X3, xrt_mode: 'WT' }],
      ['xrt_mode 150', { ...SMC_X3, xrt_mode: 150 }],
      ['xrt_mode 11', { ...SMC_X3, xrt_mode: 11 }],
      ['uvot number needs just', { ...SMC_X3, uvot_mode: 12525 }],
      ['uvot number with just', { ...SMC_X3, uvot_mode: 12525, uvot_just: 'UV colours' }],
      ['uvot 39321', { ...SMC_X3, uvot_mode: 39321 }],
      ['uvot 0X9999 text', { ...SMC_X3, uvot_mode: '0X9999' }],
      ['uvot too big', { ...SMC_X3, uvot_mode: 70000, uvot_just: 'x' }],
      ['uvot bad hex', { ...SMC_X3, uvot_mode: '0xZZ', uvot_just: 'x' }],
      ['uvot blank just', { ...SMC_X3, uvot_mode: '0x30ED', uvot_just: ' ' }],
      ['GRB without trigger', { ...GRB, grb_detector: null }],
      ['GRB detector empty text', { ...GRB, grb_detector: '' }],
      ['uvot empty just', { ...SMC_X3, uvot_mode: '0x30ED', uvot_just: '' }],
      ['uvot just not text', { ...SMC_X3, uvot_mode: '0x30ED', uvot_just: 5 }],
      ['GRB bad time', { ...GRB, grb_triggertime: '1 Jan 2026' }],
      ['grb case-sensitive', { ...GRB, target_type: 'grb', grb_detector: undefined, grb_triggertime: undefined }],
      ['visits without cadence', { ...SMC_X3, monitoring_freq: null }],
      ['two visits without cadence', { ...SMC_X3, num_of_visits: 2, monitoring_freq: undefined }],
      ['one visit without cadence', { ...SMC_X3, num_of_visits: 1, monitoring_freq: undefined }],
      ['visits without per-visit', { ...SMC_X3, exp_time_per_visit: undefined }],
      ['bad cadence', { ...SMC_X3, monitoring_freq: 'every two days' }],
      ['zero cadence', { ...SMC_X3, monitoring_freq: '0 days' }],
      ['cadence with remark', { ...SMC_X3, monitoring_freq: '2 days, flexible' }],
      ['cadence capitalised', { ...SMC_X3, monitoring_freq: '2 Days' }],
      ['cadence glued unit', { ...SMC_X3, monitoring_freq: '2 dayss' }],
      ['no exposure, per visit', { ...SMC_X3, exposure: undefined }],
      ['no exposure at all', { ...SMC_X3, exposure: undefined, exp_time_per_visit: undefined, num_of_visits: 1 }],
      ['fractional exposure', { ...SMC_X3, exposure: 100.5 }],
      ['zero visits', { ...SMC_X3, num_of_visits: 0 }],
      ['no brightness', { ...SMC_X3, xrt_countrate: undefined }],
      ['blank countrate text', { ...SMC_X3, xrt_countrate: ' ' }],
      ['magnitude with filter', { ...SMC_X3, xrt_countrate: undefined, opt_mag: 17, opt_filt: 'V' }],
      ['magnitude alone', { ...SMC_X3, xrt_countrate: undefined, opt_mag: 17 }],
      ['other brightness', { ...SMC_X3, xrt_countrate: null, other_brightness: 'bright' }],
      ['proposal incomplete', { ...SMC_X3, proposal: true, proposal_id: 'x', proposal_pi: 'y' }],
      ['proposal complete', { ...SMC_X3, proposal: true, proposal_id: 'x', proposal_pi: 'y', proposal_trigger_just: 'z' }],
      ['proposal as text', { ...SMC_X3, proposal: 'true' }],
      ['tiling without reason', { ...SMC_X3, tiling: true, number_of_tiles: 7 }],
      ['tiling with reason', { ...SMC_X3, tiling: true, number_of_tiles: 'Other', tiling_justification: 'large error' }],
      ['bad tile count', { ...SMC_X3, number_of_tiles: 5 }],
      ['negative poserr', { ...SMC_X3, poserr: -1 }],
      ['debug flag', { ...SMC_X3, debug: true }],
    ];
    // The schema's problems are warnings; each must come with the extension's error on the same key,
    // and a file the extension accepts must draw no warning from the schema at all.
    for (const [name, value] of cases) {
      it(`reports nothing for "${name}" that the extension does not report as an error on the same key`, () => {
        const clean = JSON.parse(JSON.stringify(value)) as unknown; // drops undefined like a JSON file would
        const validation = validateTooRequest(clean);
        const jsonErrors = validateJson(jsonSchema, clean);
        if (validation.ok) assert.deepEqual(jsonErrors, [], 'the schema warns about a file that is sent');
        const errorKeys = new Set(validation.ok ? [] : validation.issues.map((i) => String((i.at ?? i.path)[0] ?? '')));
        for (const error of jsonErrors) {
          const key = /^\$\.([^.:]+)/.exec(error)?.[1] ?? /unexpected (\S+)/.exec(error)?.[1] ?? '';
          assert.ok(
            errorKeys.has(key),
            `the schema's "${error}" has no error of the extension on "${key}" (errors on: ${[...errorKeys].join(', ')})`,
          );
        }
      });
    }

    it('shows each rule violation on the key that makes it apply', () => {
      const at = (value: unknown) => {
        const v = validateTooRequest(JSON.parse(JSON.stringify(value)));
        return v.ok ? [] : v.issues.map((i) => `${String(i.path[0] ?? '')}@${String((i.at ?? i.path)[0] ?? '')}`);
      };
      assert.deepEqual(at({ ...GRB, grb_detector: undefined }), ['grb_detector@target_type']);
      assert.deepEqual(at({ ...GRB, grb_detector: null }), ['grb_detector@grb_detector']);
      assert.deepEqual(at({ ...SMC_X3, proposal: true, proposal_id: 'x', proposal_pi: 'y' }), ['proposal_trigger_just@proposal']);
      assert.deepEqual(at({ ...SMC_X3, tiling: true }), ['tiling_justification@tiling']);
      assert.deepEqual(at({ ...SMC_X3, uvot_mode: '0x30ED' }), ['uvot_just@uvot_mode']);
      assert.deepEqual(at({ ...SMC_X3, uvot_mode: '0x30ED', uvot_just: ' ' }), ['uvot_just@uvot_just']);
      assert.deepEqual(at({ ...SMC_X3, xrt_countrate: undefined, opt_mag: 17 }), ['opt_filt@opt_mag', 'opt_filt@opt_mag']);
      assert.deepEqual(at({ ...SMC_X3, monitoring_freq: undefined }), ['monitoring_freq@'], 'a rule without a condition: the brace');
    });
  });
});

describe('TOO modes and monitoring_freq', () => {
  it('converts XRT mode names and codes both ways', () => {
    assert.equal(xrtModeCode('wt'), 6);
    assert.equal(xrtModeCode('PC_200'), 200);
    assert.equal(xrtModeCode(255), 255);
    assert.equal(xrtModeCode('Turbo'), undefined);
    assert.equal(xrtModeName(0), 'Auto');
  });

  it('formats and parses UVOT hex modes and recognises the filter of the day', () => {
    assert.equal(formatUvotModeHex(0x9999), '0x9999');
    assert.equal(formatUvotModeHex(427), '0x01AB');
    assert.throws(() => formatUvotModeHex(0x10000), /0 to 0xFFFF/);
    assert.equal(parseUvotModeHex('0x30ed'), 12525);
    assert.equal(parseUvotModeHex('0x12345'), undefined);
    assert.equal(isFilterOfTheDay(39321), true);
    assert.equal(isFilterOfTheDay('0x30ED'), false);
  });

  it('parses cadences with units, plurals and remarks', () => {
    assert.deepEqual(parseMonitoringFreq('2.5 weeks or so'), { ok: true, value: { quantity: 2.5, unit: 'week', remark: 'or so' } });
    assert.deepEqual(parseMonitoringFreq('1 orbit'), { ok: true, value: { quantity: 1, unit: 'orbit', remark: '' } });
  });

  it('refuses bad cadences with messages that say what is wrong', () => {
    const message = (text: string, allowHours = false) => {
      const result = parseMonitoringFreq(text, { allowHours });
      return result.ok ? 'ok' : result.message;
    };
    assert.match(message('daily'), /must start with a number/);
    assert.match(message('2 fortnights'), /unknown unit "fortnights"/);
    assert.match(message('0 days'), /greater than zero/);
    assert.match(message('12 hours'), /minutes or days/);
    assert.equal(message('12.0 hours', true), 'ok');
  });

  it('writes floats and datetimes like Python str()', () => {
    assert.equal(pythonFloatText(7), '7.0');
    assert.equal(pythonFloatText(0.2), '0.2');
    assert.equal(pythonFloatText(1e-5), '1e-05');
    assert.equal(pythonFloatText(1.5e16), '1.5e+16');
    assert.equal(pythonFloatText(-72.434508), '-72.434508');
    assert.equal(pythonDatetimeText('2026-11-21T04:23:16.356268'), '2026-11-21 04:23:16.356268');
    assert.equal(pythonDatetimeText(new Date(Date.UTC(2022, 0, 1, 0, 0, 0, 250))), '2022-01-01 00:00:00.250000');
    assert.equal(pythonDatetimeText('2026-01-01 01:02:03Z', 'T'), '2026-01-01T01:02:03');
    // An offset is moved to UTC, as the client's naive-UTC datetimes are.
    assert.equal(pythonDatetimeText('2026-01-01T01:02:03.5+02:00', 'T'), '2025-12-31T23:02:03.500000');
    assert.equal(pythonDatetimeText('2026-01-01 23:30:00-0130'), '2026-01-02 01:00:00');
  });
});

// ------------------------------------------------------------------------------------------------
// A small draft-07 evaluator covering the keywords the generated schema uses. It exists so that the
// drift test compares verdicts, not schema text; an unknown keyword fails loudly instead of passing.

type JsonSchema = Record<string, unknown>;

const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'markdownDescription',
  'default',
  'defaultSnippets',
  'errorMessage',
  'patternErrorMessage',
  'markdownEnumDescriptions',
  'enumDescriptions',
  'examples',
]);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeMatches(type: string, value: unknown): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return jsonType(value) === type;
}

function validateJson(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path}: ${why}`);
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
        if (!types.some((t) => typeMatches(t, value))) fail(`not of type ${types.join('|')}`);
        break;
      }
      case 'enum':
        if (!(arg as unknown[]).some((v) => v === value)) fail('not in enum');
        break;
      case 'const':
        if (arg !== value) fail(`not ${JSON.stringify(arg)}`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) fail('below minimum');
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (arg as number)) fail('above maximum');
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= (arg as number)) fail('not above exclusiveMinimum');
        break;
      case 'exclusiveMaximum':
        if (typeof value === 'number' && value >= (arg as number)) fail('not below exclusiveMaximum');
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (arg as number)) fail('too short');
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) fail(`does not match ${String(arg)}`);
        break;
      case 'required':
        if (jsonType(value) === 'object') {
          for (const key of arg as string[]) if (!(key in (value as object))) fail(`missing ${key}`);
        }
        break;
      case 'properties':
        if (jsonType(value) === 'object') {
          for (const [key, sub] of Object.entries(arg as Record<string, JsonSchema>)) {
            if (key in (value as object)) errors.push(...validateJson(sub, (value as Record<string, unknown>)[key], `${path}.${key}`));
          }
        }
        break;
      case 'additionalProperties':
        if (jsonType(value) === 'object' && arg === false) {
          const known = Object.keys((schema.properties ?? {}) as object);
          for (const key of Object.keys(value as object)) if (!known.includes(key)) fail(`unexpected ${key}`);
        } else if (arg !== false) {
          throw new Error(`evaluator: additionalProperties ${JSON.stringify(arg)} not supported`);
        }
        break;
      case 'allOf':
        for (const sub of arg as JsonSchema[]) errors.push(...validateJson(sub, value, path));
        break;
      case 'anyOf':
        if (!(arg as JsonSchema[]).some((sub) => validateJson(sub, value, path).length === 0)) fail('matches no anyOf branch');
        break;
      case 'oneOf':
        if ((arg as JsonSchema[]).filter((sub) => validateJson(sub, value, path).length === 0).length !== 1) fail('not exactly one oneOf');
        break;
      case 'not':
        if (validateJson(arg as JsonSchema, value, path).length === 0) fail('matches a forbidden schema');
        break;
      case 'if':
        if (validateJson(arg as JsonSchema, value, path).length === 0) {
          if (schema.then) errors.push(...validateJson(schema.then as JsonSchema, value, path));
        } else if (schema.else) {
          errors.push(...validateJson(schema.else as JsonSchema, value, path));
        }
        break;
      case 'then':
      case 'else':
        break;
      default:
        throw new Error(`evaluator: keyword ${keyword} not supported`);
    }
  }
  return errors;
}
