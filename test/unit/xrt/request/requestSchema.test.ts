// The XRT request schema (zod) and the JSON Schema generated from it: documented requests pass,
// broken ones are refused at the right key, and the two schemas cannot drift apart.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { listFixtures, readFixture } from '../../../support/paths';
import { KNOWN_REQUEST_KEYS, REQUEST_ALIASES, validateXrtRequest, xrtRequestFieldsSchema } from '../../../../src/xrt/request/requestSchema';
import { buildXrtRequestJsonSchema } from '../../../../src/xrt/request/requestJsonSchema';
import { evaluateRules } from '../../../../src/xrt/request/requestRules';

type Json = Record<string, unknown>;

const submitFixtures = listFixtures('xrt').filter((f) => f.startsWith('submit.request.'));
const fixture = (name: string): Json => readFixture('xrt', name) as Json;
const lcCounts = (): Json => fixture('submit.request.lc-counts.json');

function issuesOf(value: unknown): { path: (string | number)[]; message: string }[] {
  const result = validateXrtRequest(value);
  return result.ok ? [] : result.issues;
}

function pathsOf(value: unknown): string[] {
  return issuesOf(value).map((i) => i.path.join('.'));
}

describe('XRT request schema (zod)', () => {
  it('finds the documented submit requests', () => {
    assert.ok(submitFixtures.length >= 7, `only ${submitFixtures.length} submit request fixtures`);
  });

  for (const name of submitFixtures) {
    it(`accepts ${name}`, () => {
      const result = validateXrtRequest(fixture(name));
      assert.ok(result.ok, `${name}: ${JSON.stringify(result.ok ? [] : result.issues)}`);
    });
  }

  it('does not fill in defaults when parsing (the service applies its own)', () => {
    const result = validateXrtRequest(lcCounts());
    assert.ok(result.ok);
    assert.equal(result.value.minsnr, undefined);
    assert.equal(result.value.specobs, undefined);
  });

  it('keeps keys it does not know (the service ignores them)', () => {
    const result = validateXrtRequest({ ...lcCounts(), myNote: 'for the paper' });
    assert.ok(result.ok);
    assert.equal((result.value as Json).myNote, 'for the paper');
  });

  const broken: { what: string; edit: (r: Json) => Json; path: string }[] = [
    { what: 'a position of the wrong type', edit: (r) => ({ ...r, RA: '335.6985' }), path: 'RA' },
    { what: 'a declination out of range', edit: (r) => ({ ...r, Dec: -91 }), path: 'Dec' },
    { what: 'a flag other than 0/1', edit: (r) => ({ ...r, dynamic: 2 }), path: 'dynamic' },
    { what: 'an unknown binning method', edit: (r) => ({ ...r, binMeth: 'Counts' }), path: 'binMeth' },
    { what: 'a fractional count', edit: (r) => ({ ...r, pccounts: 20.5 }), path: 'pccounts' },
    { what: 'a missing name', edit: ({ name: _name, ...r }) => r, path: 'name' },
    {
      what: 'a light curve without a binning method',
      edit: ({ binMeth: _b, pccounts: _p, wtcounts: _w, dynamic: _d, ...r }) => r,
      path: 'binMeth',
    },
    { what: 'counts binning without WT counts', edit: ({ wtcounts: _w, ...r }) => r, path: 'wtcounts' },
    { what: 'a centroid without a position error', edit: ({ poserr: _p, ...r }) => r, path: 'poserr' },
    { what: 'no position and no getCoords', edit: ({ Dec: _d, ...r }) => r, path: 'Dec' },
    { what: 'no targets and no getTargs', edit: ({ targ: _t, ...r }) => r, path: 'targ' },
    { what: 'a job without cent', edit: ({ cent: _c, poserr: _p, ...r }) => r, path: 'cent' },
    { what: 'a request for no product', edit: (r) => ({ ...r, lc: 0 }), path: '' },
    { what: 'models as a plain string', edit: (r) => ({ ...r, spec: 1, specz: 0, models: 'powerlaw' }), path: 'models' },
    { what: 'an unknown model', edit: (r) => ({ ...r, spec: 1, specz: 0, models: ['powerlaw', 'bremss'] }), path: 'models.1' },
    { what: 'a redshifted absorber without a redshift', edit: (r) => ({ ...r, spec: 1, specz: 1 }), path: 'zval' },
    {
      what: 'user intervals without the first one',
      edit: (r) => ({ ...r, spec: 1, specz: 0, timeslice: 'user', rname2: 'late', gti2: '0-10' }),
      path: 'gti1',
    },
    { what: 'an interval without a name', edit: (r) => ({ ...r, spec: 1, specz: 0, gti3: '0-10' }), path: 'rname3' },
    { what: 'user light-curve data without a selection', edit: (r) => ({ ...r, lcobs: 'user' }), path: 'uselcobs' },
    { what: 'separate HR bins without durations', edit: (r) => ({ ...r, binMeth: 'time', hrbin: 0, pchrbin: 10 }), path: 'wthrbin' },
    { what: 'a not-a-target-ID targ', edit: (r) => ({ ...r, targ: 'GRB200416A' }), path: 'targ' },
  ];

  for (const { what, edit, path } of broken) {
    it(`refuses ${what}, pointing at "${path || '(the request)'}"`, () => {
      assert.ok(pathsOf(edit(lcCounts())).includes(path), JSON.stringify(issuesOf(edit(lcCounts()))));
    });
  }

  // Where the editor shows each rule's problem: on the key whose value makes the key required.
  const shownOn: { what: string; edit: (r: Json) => Json; path: string; at: string; because: RegExp }[] = [
    {
      what: 'counts binning without WT counts',
      edit: ({ wtcounts: _w, ...r }) => r,
      path: 'wtcounts',
      at: 'binMeth',
      because: /`wtcounts` is required because `binMeth` is "counts"/,
    },
    {
      what: 'a centroid without a position error',
      edit: ({ poserr: _p, ...r }) => r,
      path: 'poserr',
      at: 'cent',
      because: /because `cent` is 1/,
    },
    {
      what: 'a light curve without a binning method',
      edit: ({ binMeth: _b, ...r }) => r,
      path: 'binMeth',
      at: 'lc',
      because: /because `lc` is 1/,
    },
    {
      what: 'a redshifted absorber without a redshift',
      edit: (r) => ({ ...r, spec: 1, specz: 1 }),
      path: 'zval',
      at: 'specz',
      because: /because `specz` is 1/,
    },
    {
      what: 'user light-curve data without a selection',
      edit: (r) => ({ ...r, lcobs: 'user' }),
      path: 'uselcobs',
      at: 'lcobs',
      because: /because `lcobs` is "user"/,
    },
    {
      what: 'separate HR bins without durations',
      edit: (r) => ({ ...r, binMeth: 'time', hrbin: 0, pchrbin: 10 }),
      path: 'wthrbin',
      at: 'hrbin',
      because: /`hrbin` is 0/,
    },
    {
      what: 'an interval without a name',
      edit: (r) => ({ ...r, spec: 1, specz: 0, gti3: '0-10' }),
      path: 'rname3',
      at: 'gti3',
      because: /interval 3/,
    },
    {
      what: 'no position with getCoords 0',
      edit: ({ Dec: _d, ...r }) => ({ ...r, getCoords: 0 }),
      path: 'Dec',
      at: 'getCoords',
      because: /`getCoords` is not 1/,
    },
    { what: 'no position, getCoords left out', edit: ({ Dec: _d, ...r }) => r, path: 'Dec', at: 'lc', because: /`getCoords` is not 1/ },
    { what: 'a job without cent', edit: ({ cent: _c, poserr: _p, ...r }) => r, path: 'cent', at: 'lc', because: /source detection alone/ },
    {
      what: 'a key set to null',
      edit: (r) => ({ ...r, wtcounts: null }),
      path: 'wtcounts',
      at: 'wtcounts',
      because: /because `binMeth` is "counts"/,
    },
    {
      what: 'no targets, getTargs left out (no key causes it)',
      edit: ({ targ: _t, ...r }) => r,
      path: 'targ',
      at: '',
      because: /`getTargs` is not 1/,
    },
    {
      what: 'a request for no product (a rule without a condition)',
      edit: (r) => ({ ...r, lc: 0 }),
      path: '',
      at: '',
      because: /at least one product/,
    },
  ];
  for (const { what, edit, path, at, because } of shownOn) {
    it(`shows ${what} on "${at || '(the opening brace)'}", with the reason`, () => {
      const issue = issuesOf(edit(lcCounts())).find((i) => i.path.join('.') === path && because.test(i.message)) as
        { path: (string | number)[]; at?: readonly (string | number)[]; message: string } | undefined;
      assert.ok(issue, JSON.stringify(issuesOf(edit(lcCounts()))));
      assert.equal((issue.at ?? issue.path).join('.'), at);
    });
  }

  it('gives every rule violation a key the request has, or the brace', () => {
    for (const name of submitFixtures) {
      const base = fixture(name);
      for (const key of Object.keys(base)) {
        const { [key]: _removed, ...without } = base;
        for (const violation of evaluateRules(without)) {
          assert.ok(
            violation.at.length === 0 || violation.at[0]! in without,
            `${violation.ruleId} at ${violation.at.join('.')} in ${name} without ${key}`,
          );
        }
      }
    }
  });

  it('names the offending wire key in every message about a key', () => {
    for (const { edit } of broken) {
      for (const issue of issuesOf(edit(lcCounts()))) {
        const key = issue.path.find((p) => typeof p === 'string');
        if (key !== undefined) assert.match(issue.message, new RegExp('`' + key + '`'), JSON.stringify(issue));
      }
    }
  });

  it('reports type errors and rule violations in one pass', () => {
    const paths = pathsOf({ ...lcCounts(), RA: 'east', pccounts: undefined });
    assert.ok(paths.includes('RA') && paths.includes('pccounts'), paths.join(','));
  });

  it('needs neither position nor centroid for source detection alone, but needs detobs', () => {
    const request = { name: 'M31 field', targ: '00035336', sourceDet: 1, detobs: 'all' };
    assert.deepEqual(pathsOf(request), []);
    assert.deepEqual(pathsOf({ ...request, detobs: undefined }), ['detobs']);
    assert.ok(pathsOf({ ...request, image: 1 }).includes('RA'), 'adding another product brings back the position');
  });

  it('takes getCoords/getTargs instead of a position/targets', () => {
    const { RA: _ra, Dec: _dec, targ: _t, ...rest } = lcCounts();
    assert.deepEqual(pathsOf({ ...rest, getCoords: 1, getTargs: 1 }), []);
    assert.deepEqual(pathsOf({ ...rest, getCoords: 0, getTargs: 1 }).sort(), ['Dec', 'RA']);
  });

  it('accepts model names in any case and the documented aliases', () => {
    assert.deepEqual(pathsOf({ ...lcCounts(), spec: 1, specz: 0, models: ['PowerLaw', 'APEC', 'blackbody'] }), []);
    assert.deepEqual(pathsOf({ ...lcCounts(), allowBayes: 'pc', sinceT0: 1, pcmaxGap: 100, wtmaxGap: 50 }), []);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, [], 'lc', 3]) assert.deepEqual(pathsOf(value), ['']);
  });
});

// ---------------------------------------------------------------------------------------------
// The generated JSON Schema

const jsonSchema = buildXrtRequestJsonSchema() as Json;
const properties = jsonSchema.properties as Record<string, Json>;

function zodInner(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** The regexes a zod string checks, read from its check definitions. */
function stringPatterns(schema: z.ZodString): string[] {
  const checks = (schema._zod.def.checks ?? []) as { _zod: { def: { check?: string; format?: string; pattern?: RegExp } } }[];
  return checks
    .map((c) => c._zod.def)
    .filter((d) => d.check === 'string_format' && d.format === 'regex' && d.pattern)
    .map((d) => d.pattern!.source);
}

/** The lower bound of a zod number as the JSON Schema must state it, from how zod treats the bound itself. */
function expectedLowerBound(schema: z.ZodNumber): { minimum?: number; exclusiveMinimum?: number } {
  const min = schema.minValue;
  if (min === null || min === undefined || !Number.isFinite(min) || Math.abs(min) >= Number.MAX_SAFE_INTEGER) return {};
  return schema.safeParse(min).success ? { minimum: min } : { exclusiveMinimum: min };
}

function assertFieldAgrees(key: string, field: z.ZodType, json: Json): void {
  const inner = zodInner(field);
  if (inner instanceof z.ZodLiteral) {
    assert.deepEqual(json.enum, [...inner.values], key);
  } else if (inner instanceof z.ZodEnum) {
    assert.deepEqual(json.enum, inner.options, key);
    assert.equal(
      (json.markdownEnumDescriptions as string[] | undefined)?.length,
      inner.options.length,
      `${key}: one description per value`,
    );
  } else if (inner instanceof z.ZodNumber) {
    assert.equal(json.type, inner.isInt ? 'integer' : 'number', key);
    const lower = expectedLowerBound(inner);
    assert.equal(json.minimum, lower.minimum, `${key} minimum`);
    assert.equal(json.exclusiveMinimum, lower.exclusiveMinimum, `${key} exclusiveMinimum`);
    const max = inner.maxValue;
    if (max !== null && Number.isFinite(max) && max < Number.MAX_SAFE_INTEGER) assert.equal(json.maximum, max, `${key} maximum`);
  } else if (inner instanceof z.ZodString) {
    assert.equal(json.type, 'string', key);
    const patterns = stringPatterns(inner);
    assert.deepEqual(json.pattern === undefined ? [] : [json.pattern], patterns, `${key} pattern`);
  } else if (inner instanceof z.ZodArray) {
    assert.equal(json.type, 'array', key);
    assertFieldAgrees(`${key}[]`, inner.element as z.ZodType, json.items as Json);
  } else if (inner instanceof z.ZodUnion) {
    const alternatives = (json.anyOf as Json[] | undefined)?.length ?? (Array.isArray(json.type) ? json.type.length : 0);
    assert.equal(alternatives, inner.options.length, `${key}: union alternatives`);
  } else {
    assert.ok(inner instanceof z.ZodUnknown, `${key}: field kind not covered by the drift test`);
  }
}

describe('XRT request JSON Schema (generated)', () => {
  it('is a draft-07 schema with an id, a title and every field', () => {
    assert.equal(jsonSchema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(String(jsonSchema.$id), /xrt-request\.schema\.json$/);
    assert.ok(typeof jsonSchema.title === 'string' && jsonSchema.title.length > 0);
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(xrtRequestFieldsSchema.shape).sort());
  });

  it('agrees with zod on each field: type, enum, range, pattern', () => {
    for (const [key, field] of Object.entries(xrtRequestFieldsSchema.shape)) assertFieldAgrees(key, field as z.ZodType, properties[key]!);
  });

  it('documents every field, and marks aliases deprecated without suggesting them', () => {
    for (const [key, json] of Object.entries(properties)) {
      assert.ok(typeof json.markdownDescription === 'string' && json.markdownDescription.length > 20, `${key} lacks a description`);
    }
    for (const [alias, canonical] of Object.entries(REQUEST_ALIASES)) {
      assert.match(String(properties[alias]!.markdownDescription), new RegExp(`Deprecated.*\`${canonical}\``), alias);
      assert.equal(properties[alias]!.doNotSuggest, true, alias);
    }
  });

  it("requires nothing: defaults are documentation, and requirements are the extension's errors", () => {
    // VS Code's JSON language service reports a failed `required` as "Missing property" over the whole
    // file, as a warning, without the reason; the extension's diagnostics report it on the causing key.
    assert.equal(jsonSchema.required, undefined);
    for (const keyword of ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'minProperties'])
      assert.equal(jsonSchema[keyword], undefined, keyword);
    assert.equal(properties.pcbin!.default, 2.51);
    assert.match(String(properties.pcbin!.markdownDescription), /Default `2\.51`/);
  });

  it('states each conditional rule in the documentation of the keys it requires', () => {
    assert.match(String(properties.wtcounts!.markdownDescription), /Needed when `binMeth` is "counts"/);
    assert.match(String(properties.zval!.markdownDescription), /Needed when `specz` is 1/);
  });

  it('flags known names in the wrong case, and nothing else', () => {
    const patterns = Object.entries(jsonSchema.patternProperties as Record<string, Json>).map(([p, s]) => ({ re: new RegExp(p), s }));
    const flagged = (key: string) => patterns.find((p) => p.re.test(key));
    assert.match(String(flagged('posErr')?.s.deprecationMessage), /"poserr"/);
    assert.match(String(flagged('BINMETH')?.s.deprecationMessage), /"binMeth"/);
    for (const key of KNOWN_REQUEST_KEYS) assert.equal(flagged(key), undefined, `${key} is a real name`);
    assert.equal(flagged('myNote'), undefined);
    assert.notEqual(jsonSchema.additionalProperties, false);
  });

  it('offers whole-request skeletons that are themselves valid requests', () => {
    const snippets = jsonSchema.defaultSnippets as { label: string; body: Json }[];
    assert.ok(snippets.length >= 5);
    const fill = (value: unknown): unknown => {
      if (typeof value !== 'string') return value;
      const m = /^(\^)?\$\{\d+:(.*)\}$/.exec(value);
      if (!m) return value;
      return m[1] ? Number(m[2]) : m[2];
    };
    for (const { label, body } of snippets) {
      const request = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fill(v)]));
      assert.deepEqual(issuesOf(request), [], label);
    }
  });
});
