import * as assert from 'node:assert/strict';
import {
  allOf,
  anyOf,
  applyImpliedKeys,
  conditionHolds,
  conditionToJsonSchema,
  equals,
  evaluateRules,
  isPresent,
  matches,
  not,
  present,
  ruleToJsonSchema,
  type RequestRule,
  type RequiredPhrasing,
} from '../../../src/editing/requestRules';

type Json = Record<string, unknown>;

const phrasing: RequiredPhrasing = (keys, because) => `${keys.join(', ')} required ${because}`;
const nonBlank = matches('note', (v) => typeof v === 'string' && /\S/.test(v), { type: 'string', pattern: '\\S' });

const RULES: readonly RequestRule[] = [
  { kind: 'require', id: 'grb', when: equals('type', 'GRB'), keys: ['detector', 'trigger'], because: 'for a GRB' },
  { kind: 'require', id: 'always', keys: ['name'], because: 'always' },
  { kind: 'requireOneGroup', id: 'brightness', groups: [['mag', 'filter'], ['rate']], message: 'Give mag with filter, or rate' },
  { kind: 'assert', id: 'note', when: present('mode'), condition: nonBlank, path: ['note'], message: 'A mode needs a note' },
  { kind: 'assert', id: 'some-flag', condition: anyOf(equals('a', 1), equals('b', 1)), message: 'Set a or b' },
];

/** Just enough draft-07 for what the engine emits: the editor's verdict on `value`. */
function schemaHolds(schema: Json, value: unknown): boolean {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  if (schema.type === 'null' && value !== null) return false;
  if (schema.type === 'string' && typeof value !== 'string') return false;
  if ('const' in schema && schema.const !== value) return false;
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) return false;
  if (Array.isArray(schema.required) && object && !(schema.required as string[]).every((k) => k in object)) return false;
  if (schema.properties && object) {
    for (const [key, sub] of Object.entries(schema.properties as Record<string, Json>)) if (key in object && !schemaHolds(sub, object[key])) return false;
  }
  if (schema.not && schemaHolds(schema.not as Json, value)) return false;
  if (Array.isArray(schema.allOf) && !(schema.allOf as Json[]).every((s) => schemaHolds(s, value))) return false;
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Json[]).some((s) => schemaHolds(s, value))) return false;
  if (schema.if && schemaHolds(schema.if as Json, value) && schema.then && !schemaHolds(schema.then as Json, value)) return false;
  return true;
}

describe('request rule engine', () => {
  describe('presence (one definition for XRT and TOO, as both official clients decide "set")', () => {
    it('counts a key with any value but null as present, also "" and 0 and false', () => {
      for (const value of ['', ' ', 0, false, 'x', [], {}]) assert.equal(isPresent(value), true, JSON.stringify(value));
      assert.equal(isPresent(null), false);
      assert.equal(isPresent(undefined), false);
    });

    it('lets "" satisfy a requirement and null not, in the check and in the JSON Schema alike', () => {
      const base = { name: 'x', rate: 1, a: 1 };
      const rule = RULES[0]!;
      const schema = ruleToJsonSchema(rule, phrasing);
      const cases: [Json, boolean][] = [
        [{ ...base, type: 'GRB', detector: '', trigger: '' }, true],
        [{ ...base, type: 'GRB', detector: null, trigger: 't' }, false],
        [{ ...base, type: 'GRB', trigger: 't' }, false],
        [{ ...base, type: 'grb' }, true],
      ];
      for (const [request, ok] of cases) {
        assert.equal(evaluateRules(request, [rule], phrasing).length === 0, ok, JSON.stringify(request));
        assert.equal(schemaHolds(schema, request), ok, `schema on ${JSON.stringify(request)}`);
      }
    });

    it('keeps blank text out only through an explicit value test', () => {
      assert.equal(conditionHolds(nonBlank, { note: ' ' }), false);
      assert.equal(conditionHolds(nonBlank, { note: null }), false);
      assert.equal(conditionHolds(nonBlank, {}), false);
      assert.equal(conditionHolds(nonBlank, { note: 'why' }), true);
      assert.equal(conditionHolds(not(nonBlank), {}), true);
    });
  });

  describe('evaluation', () => {
    it('reports each missing key of a require rule on that key, worded by the table', () => {
      const violations = evaluateRules({ type: 'GRB', rate: 1, a: 1 }, RULES, phrasing);
      assert.deepEqual(violations, [
        { ruleId: 'grb', path: ['detector'], message: 'detector required for a GRB' },
        { ruleId: 'grb', path: ['trigger'], message: 'trigger required for a GRB' },
        { ruleId: 'always', path: ['name'], message: 'name required always' },
      ]);
    });

    it('puts a missing group on the group the request started, else on the first group', () => {
      const at = (request: Json) => evaluateRules({ name: 'n', a: 1, ...request }, RULES, phrasing).map((v) => [v.ruleId, v.path.join('.')]);
      assert.deepEqual(at({}), [['brightness', 'mag']]);
      assert.deepEqual(at({ filter: 'V' }), [['brightness', 'mag']]);
      assert.deepEqual(at({ mag: 17 }), [['brightness', 'filter']]);
      assert.deepEqual(at({ mag: 17, filter: 'V' }), []);
      assert.deepEqual(at({ rate: 0 }), []);
    });

    it('checks an assertion only when its condition holds, on its path or the whole request', () => {
      const ids = (request: Json) => evaluateRules({ name: 'n', rate: 1, ...request }, RULES, phrasing).map((v) => `${v.ruleId}@${v.path.join('.')}`);
      assert.deepEqual(ids({ a: 1 }), []);
      assert.deepEqual(ids({ a: 1, mode: 5 }), ['note@note']);
      assert.deepEqual(ids({ a: 1, mode: 5, note: 'because' }), []);
      assert.deepEqual(ids({ a: 0, b: 0 }), ['some-flag@']);
    });

    it('combines conditions with not, allOf and anyOf', () => {
      const c = allOf(equals('x', 1), not(anyOf(present('y'), equals('z', 'no'))));
      assert.equal(conditionHolds(c, { x: 1 }), true);
      assert.equal(conditionHolds(c, { x: 1, y: null }), true);
      assert.equal(conditionHolds(c, { x: 1, y: 0 }), false);
      assert.equal(conditionHolds(c, { x: 1, z: 'no' }), false);
      assert.equal(conditionHolds(c, { x: '1' }), false, 'equals is strict');
    });
  });

  describe('JSON Schema', () => {
    it('gives every rule the verdict of the evaluation, over requests that exercise each rule', () => {
      const requests: Json[] = [
        {},
        { name: 'n', rate: 1, a: 1 },
        { name: null, rate: null, b: 1 },
        { name: '', mag: 1, filter: null, a: 1 },
        { name: 'n', mag: 1, filter: '', b: 1, mode: 3, note: ' ' },
        { name: 'n', rate: 1, a: 1, mode: null, note: null },
        { name: 'n', rate: 1, a: 1, mode: 'x', note: 'fine' },
        { name: 'n', rate: 1, a: 1, type: 'GRB', detector: 'BAT' },
        { name: 'n', rate: 1, a: 1, type: 'GRB', detector: 'BAT', trigger: null },
        { name: 'n', rate: 1, a: 1, type: 'GRB', detector: 'BAT', trigger: '' },
      ];
      for (const request of requests) {
        const failed = new Set(evaluateRules(request, RULES, phrasing).map((v) => v.ruleId));
        for (const rule of RULES) assert.equal(!schemaHolds(ruleToJsonSchema(rule, phrasing), request), failed.has(rule.id), `${rule.id} on ${JSON.stringify(request)}`);
      }
    });

    it('writes if/then for conditional rules, the demand alone otherwise, with the check\'s own message', () => {
      assert.deepEqual(ruleToJsonSchema(RULES[0]!, phrasing), {
        $comment: 'grb',
        if: { properties: { type: { const: 'GRB' } }, required: ['type'] },
        then: {
          required: ['detector', 'trigger'],
          properties: { detector: { not: { type: 'null' } }, trigger: { not: { type: 'null' } } },
          errorMessage: 'detector, trigger required for a GRB',
        },
      });
      const always = ruleToJsonSchema(RULES[1]!, phrasing);
      assert.equal(always.if, undefined);
      assert.deepEqual(always.required, ['name']);
      assert.deepEqual(conditionToJsonSchema(present('k')), { required: ['k'], properties: { k: { not: { type: 'null' } } } });
    });
  });

  describe('implied keys', () => {
    it('fills a key the request leaves out (or sets to null) when the condition holds, and never overrides a given value', () => {
      const implied = [
        { when: present('Tstart'), key: 'getT0', value: 0, why: 'Tstart is given' },
        { when: allOf(equals('spec', 1), equals('specz', 1)), key: 'galactic', value: 1, why: 'a redshift is fitted' },
      ];
      assert.deepEqual(applyImpliedKeys({ Tstart: 5 }, implied), { request: { Tstart: 5, getT0: 0 }, added: ['getT0: 0 (Tstart is given)'] });
      assert.deepEqual(applyImpliedKeys({ Tstart: 5, getT0: 1 }, implied).request, { Tstart: 5, getT0: 1 });
      assert.deepEqual(applyImpliedKeys({ Tstart: 5, getT0: null }, implied).request, { Tstart: 5, getT0: 0 });
      assert.deepEqual(applyImpliedKeys({ spec: 1, specz: 0 }, implied).added, []);
      assert.deepEqual(applyImpliedKeys({ spec: 1, specz: 1 }, implied).request, { spec: 1, specz: 1, galactic: 1 });
    });
  });
});
