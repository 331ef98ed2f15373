import * as assert from 'node:assert/strict';
import {
  allOf,
  anyOf,
  applyImpliedKeys,
  conditionHolds,
  equals,
  evaluateRules,
  matches,
  not,
  present,
  type Condition,
  type RequestRule,
  type RequiredPhrasing,
} from '../../../src/editing/requestRules';

type Json = Record<string, unknown>;

const phrasing: RequiredPhrasing = (keys, because) => `${keys.join(', ')} required ${because}`;
const nonBlank = matches('note', (v) => typeof v === 'string' && /\S/.test(v));

const RULES: readonly RequestRule[] = [
  { kind: 'require', id: 'grb', when: equals('type', 'GRB'), keys: ['detector', 'trigger'], because: 'for a GRB' },
  { kind: 'require', id: 'always', keys: ['name'], because: 'always' },
  { kind: 'requireOneGroup', id: 'brightness', groups: [['mag', 'filter'], ['rate']], message: 'Give mag with filter, or rate' },
  { kind: 'assert', id: 'note', when: present('mode'), condition: nonBlank, path: ['note'], message: 'A mode needs a note' },
  { kind: 'assert', id: 'some-flag', condition: anyOf(equals('a', 1), equals('b', 1)), message: 'Set a or b' },
];

describe('request rule engine', () => {
  describe('presence (one definition for XRT and TOO, as both official clients decide "set")', () => {
    it('counts a key with any value but null as present, also "" and 0 and false', () => {
      const isPresent = (value: unknown): boolean => conditionHolds(present('k'), { k: value });
      for (const value of ['', ' ', 0, false, 'x', [], {}]) assert.equal(isPresent(value), true, JSON.stringify(value));
      assert.equal(isPresent(null), false);
      assert.equal(isPresent(undefined), false);
      assert.equal(conditionHolds(present('k'), {}), false, 'a key left out');
    });

    it('lets "" satisfy a requirement and null not', () => {
      const base = { name: 'x', rate: 1, a: 1 };
      const rule = RULES[0]!;
      const cases: [Json, boolean][] = [
        [{ ...base, type: 'GRB', detector: '', trigger: '' }, true],
        [{ ...base, type: 'GRB', detector: null, trigger: 't' }, false],
        [{ ...base, type: 'GRB', trigger: 't' }, false],
        [{ ...base, type: 'grb' }, true],
      ];
      for (const [request, ok] of cases) {
        assert.equal(evaluateRules(request, [rule], phrasing).length === 0, ok, JSON.stringify(request));
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
        { ruleId: 'grb', path: ['detector'], at: ['type'], message: 'detector required for a GRB' },
        { ruleId: 'grb', path: ['trigger'], at: ['type'], message: 'trigger required for a GRB' },
        { ruleId: 'always', path: ['name'], at: [], message: 'name required always' },
      ]);
    });

    it('puts a missing group on the group the request started, else on the first group', () => {
      const at = (request: Json) =>
        evaluateRules({ name: 'n', a: 1, ...request }, RULES, phrasing).map((v) => [v.ruleId, v.path.join('.')]);
      assert.deepEqual(at({}), [['brightness', 'mag']]);
      assert.deepEqual(at({ filter: 'V' }), [['brightness', 'mag']]);
      assert.deepEqual(at({ mag: 17 }), [['brightness', 'filter']]);
      assert.deepEqual(at({ mag: 17, filter: 'V' }), []);
      assert.deepEqual(at({ rate: 0 }), []);
    });

    it('checks an assertion only when its condition holds, on its path or the whole request', () => {
      const ids = (request: Json) =>
        evaluateRules({ name: 'n', rate: 1, ...request }, RULES, phrasing).map((v) => `${v.ruleId}@${v.path.join('.')}`);
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

  describe('where a violation is shown (the key that makes the rule apply)', () => {
    const at = (request: Json, rules: readonly RequestRule[] = RULES) =>
      evaluateRules(request, rules, phrasing).map((v) => `${v.ruleId}@${v.at.join('.')}`);

    it("shows a missing key on the condition's key, on the key itself when it is there as null, on the brace without a condition", () => {
      assert.deepEqual(at({ type: 'GRB', rate: 1, a: 1, name: 'n' }), ['grb@type', 'grb@type']);
      assert.deepEqual(at({ type: 'GRB', detector: null, trigger: 't', rate: 1, a: 1, name: 'n' }), ['grb@detector']);
      assert.deepEqual(at({ rate: 1, a: 1 }), ['always@']);
      assert.deepEqual(at({ name: 'n', rate: 1, a: 0 }), ['some-flag@']);
    });

    it('shows a missing group on the key of the group the request started, else on the brace', () => {
      assert.deepEqual(at({ name: 'n', a: 1, mag: 17 }), ['brightness@mag']);
      assert.deepEqual(at({ name: 'n', a: 1 }), ['brightness@']);
    });

    it("shows an assertion on its path when the request has that key, else on the condition's key", () => {
      assert.deepEqual(at({ name: 'n', rate: 1, a: 1, mode: 5, note: ' ' }), ['note@note']);
      assert.deepEqual(at({ name: 'n', rate: 1, a: 1, mode: 5 }), ['note@mode']);
    });

    it('takes the last condition of allOf the request has a key for, the holding branch of anyOf, and the falsifying key of not', () => {
      const request = { lc: 1, binMeth: 'counts', getCoords: 0, spec: 0 };
      // Where a rule with this condition shows the key it misses (a key the request leaves out);
      // undefined when the rule does not apply at all.
      const causingKey = (when: Condition, given: Json): string | undefined => {
        const violations = evaluateRules(given, [{ kind: 'require', id: 'r', when, keys: ['missing'], because: '' }], phrasing);
        if (violations.length === 0) return undefined;
        assert.ok(violations[0]!.at.length <= 1);
        return violations[0]!.at[0] ?? '(the opening brace)';
      };
      assert.equal(causingKey(allOf(equals('lc', 1), equals('binMeth', 'counts')), request), 'binMeth');
      assert.equal(causingKey(anyOf(equals('spec', 1), equals('lc', 1)), request), 'lc');
      assert.equal(causingKey(not(equals('getCoords', 1)), request), 'getCoords');
      assert.equal(causingKey(not(equals('getTargs', 1)), request), '(the opening brace)', 'a key left out causes nothing visibly');
      assert.equal(causingKey(allOf(equals('lc', 1), not(equals('getTargs', 1))), request), 'lc', 'falls back to an earlier condition');
      // not(allOf(sourceDet, not(anyOf(other products)))): the product that is on.
      assert.equal(causingKey(not(allOf(equals('sourceDet', 1), not(anyOf(equals('spec', 1), equals('lc', 1))))), request), 'lc');
      assert.equal(causingKey(equals('lc', 0), request), undefined, 'a condition that does not hold causes nothing');
    });
  });

  describe('implied keys', () => {
    it('fills a key the request leaves out (or sets to null) when the condition holds, and never overrides a given value', () => {
      const implied = [
        { when: present('Tstart'), key: 'getT0', value: 0, why: 'Tstart is given' },
        { when: allOf(equals('spec', 1), equals('specz', 1)), key: 'galactic', value: 1, why: 'a redshift is fitted' },
      ];
      assert.deepEqual(applyImpliedKeys({ Tstart: 5 }, implied), {
        request: { Tstart: 5, getT0: 0 },
        added: ['getT0: 0 (Tstart is given)'],
      });
      assert.deepEqual(applyImpliedKeys({ Tstart: 5, getT0: 1 }, implied).request, { Tstart: 5, getT0: 1 });
      assert.deepEqual(applyImpliedKeys({ Tstart: 5, getT0: null }, implied).request, { Tstart: 5, getT0: 0 });
      assert.deepEqual(applyImpliedKeys({ spec: 1, specz: 0 }, implied).added, []);
      assert.deepEqual(applyImpliedKeys({ spec: 1, specz: 1 }, implied).request, { spec: 1, specz: 1, galactic: 1 });
    });
  });
});
