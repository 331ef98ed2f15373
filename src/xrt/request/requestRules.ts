// The conditional requirements of an XRT request (test/fixtures/protocol/xrt-products.md §3.2–3.7), written once as data.
// The zod schema evaluates them (`evaluateRules`) and the JSON Schema generator compiles them to
// `if/then` under `allOf` (`ruleToJsonSchema`), so the editor's squiggles and the client's refusal
// to submit cannot drift apart.
//
// Where the server (as the API's direct-HTTP docs, APIDocs, describe it) and the official Python client
// (xrt_prods) disagree we follow xrt_prods, the authority for what a client sends (§0, §17 D3): `cent` is
// needed for every job that is not source-detection only. `useSXPS`, also enforced by xrt_prods, is NOT
// a rule here: a documented request (the curl tutorial) omits it and the server
// defaults it to 0; semanticChecks warns and offers to add it instead.
//
// A product's rules apply only when the request asks for that product: the service echoes fields of
// products that were not requested (e.g. `hrbin: 0` on a spectrum-only job), and a file made from such
// an echo must not be refused for them.
import { PRODUCT_FLAGS } from '../productCodes';

export type Condition =
  | { readonly equals: { readonly key: string; readonly value: string | number } }
  | { readonly present: string }
  | { readonly not: Condition }
  | { readonly allOf: readonly Condition[] }
  | { readonly anyOf: readonly Condition[] };

export interface RequireRule {
  readonly kind: 'require';
  readonly id: string;
  /** Omitted: always. */
  readonly when?: Condition;
  readonly keys: readonly string[];
  /** Why, in words, for the message ("when `binMeth` is \"counts\""). */
  readonly because: string;
}

export interface AssertRule {
  readonly kind: 'assert';
  readonly id: string;
  readonly condition: Condition;
  readonly message: string;
}

export type RequestRule = RequireRule | AssertRule;

const equals = (key: string, value: string | number): Condition => ({ equals: { key, value } });
const isOne = (key: string): Condition => equals(key, 1);
const present = (key: string): Condition => ({ present: key });
const not = (condition: Condition): Condition => ({ not: condition });

const anyProduct: Condition = { anyOf: PRODUCT_FLAGS.map(isOne) };
const anyPosition: Condition = { anyOf: ['dopsf', 'doenh', 'doxastrom'].map(isOne) };
const both = (...conditions: Condition[]): Condition => ({ allOf: conditions });
/** Only source detection requested: then position and centroid fields "have no meaning" (§3.7). */
export const sourceDetOnly: Condition = { allOf: [isOne('sourceDet'), not({ anyOf: PRODUCT_FLAGS.filter((f) => f !== 'sourceDet').map(isOne) })] };

const intervalPairs: RequestRule[] = [1, 2, 3, 4].flatMap((n): RequestRule[] => [
  { kind: 'require', id: `rname${n}-needs-gti${n}`, when: both(isOne('spec'), present(`rname${n}`)), keys: [`gti${n}`], because: `\`rname${n}\` names interval ${n}` },
  { kind: 'require', id: `gti${n}-needs-rname${n}`, when: both(isOne('spec'), present(`gti${n}`)), keys: [`rname${n}`], because: `interval ${n} (\`gti${n}\`) needs a name` },
]);

export const REQUEST_RULES: readonly RequestRule[] = [
  {
    kind: 'assert',
    id: 'at-least-one-product',
    condition: anyProduct,
    message: `Request at least one product: set one of ${PRODUCT_FLAGS.map((f) => `\`${f}\``).join(', ')} to 1.`,
  },
  { kind: 'require', id: 'non-sourcedet-needs-cent', when: not(sourceDetOnly), keys: ['cent'], because: 'every job except source detection alone needs it' },
  { kind: 'require', id: 'position-unless-getcoords', when: { allOf: [not(isOne('getCoords')), not(sourceDetOnly)] }, keys: ['RA', 'Dec'], because: '`getCoords` is not 1' },
  { kind: 'require', id: 'targ-unless-gettargs', when: not(isOne('getTargs')), keys: ['targ'], because: '`getTargs` is not 1' },
  { kind: 'require', id: 'cent-needs-poserr', when: both(isOne('cent'), not(sourceDetOnly)), keys: ['poserr'], because: '`cent` is 1' },
  { kind: 'require', id: 'lc-needs-binmeth', when: isOne('lc'), keys: ['binMeth'], because: '`lc` is 1' },
  { kind: 'require', id: 'counts-binning', when: both(isOne('lc'), equals('binMeth', 'counts')), keys: ['pccounts', 'wtcounts', 'dynamic'], because: '`binMeth` is "counts"' },
  // HR bin durations belong to time binning (the service echoes `hrbin: 0` on counts-binned jobs too).
  { kind: 'require', id: 'separate-hr-bins', when: both(isOne('lc'), equals('binMeth', 'time'), equals('hrbin', 0)), keys: ['pchrbin', 'wthrbin'], because: '`hrbin` is 0 with time binning' },
  { kind: 'require', id: 'spec-needs-specz', when: isOne('spec'), keys: ['specz'], because: '`spec` is 1' },
  { kind: 'require', id: 'specz-needs-zval', when: both(isOne('spec'), isOne('specz')), keys: ['zval'], because: '`specz` is 1' },
  { kind: 'require', id: 'sourcedet-needs-detobs', when: isOne('sourceDet'), keys: ['detobs'], because: '`sourceDet` is 1' },
  { kind: 'require', id: 'user-lc-obs', when: both(isOne('lc'), equals('lcobs', 'user')), keys: ['uselcobs'], because: '`lcobs` is "user"' },
  { kind: 'require', id: 'user-spec-obs', when: both(isOne('spec'), equals('specobs', 'user')), keys: ['usespecobs'], because: '`specobs` is "user"' },
  { kind: 'require', id: 'user-pos-obs', when: both(anyPosition, equals('posobs', 'user')), keys: ['useposobs'], because: '`posobs` is "user"' },
  { kind: 'require', id: 'user-im-obs', when: both(isOne('image'), equals('imobs', 'user')), keys: ['useimobs'], because: '`imobs` is "user"' },
  { kind: 'require', id: 'user-det-obs', when: both(isOne('sourceDet'), equals('detobs', 'user')), keys: ['usedetobs'], because: '`detobs` is "user"' },
  { kind: 'require', id: 'user-timeslice', when: both(isOne('spec'), equals('timeslice', 'user')), keys: ['rname1', 'gti1'], because: '`timeslice` is "user"' },
  ...intervalPairs,
];

export function conditionHolds(condition: Condition, request: Readonly<Record<string, unknown>>): boolean {
  if ('equals' in condition) return request[condition.equals.key] === condition.equals.value;
  if ('present' in condition) return request[condition.present] !== undefined;
  if ('not' in condition) return !conditionHolds(condition.not, request);
  if ('allOf' in condition) return condition.allOf.every((c) => conditionHolds(c, request));
  return condition.anyOf.some((c) => conditionHolds(c, request));
}

export interface RuleViolation {
  readonly ruleId: string;
  /** The missing key, or [] for a rule about the whole request. */
  readonly path: readonly string[];
  readonly message: string;
}

export function evaluateRules(request: Readonly<Record<string, unknown>>, rules: readonly RequestRule[] = REQUEST_RULES): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const rule of rules) {
    if (rule.kind === 'assert') {
      if (!conditionHolds(rule.condition, request)) out.push({ ruleId: rule.id, path: [], message: rule.message });
      continue;
    }
    if (rule.when && !conditionHolds(rule.when, request)) continue;
    for (const key of rule.keys) {
      if (request[key] === undefined) out.push({ ruleId: rule.id, path: [key], message: `\`${key}\` is required because ${rule.because}.` });
    }
  }
  return out;
}

export function conditionToJsonSchema(condition: Condition): Record<string, unknown> {
  if ('equals' in condition) return { properties: { [condition.equals.key]: { const: condition.equals.value } }, required: [condition.equals.key] };
  if ('present' in condition) return { required: [condition.present] };
  if ('not' in condition) return { not: conditionToJsonSchema(condition.not) };
  if ('allOf' in condition) return { allOf: condition.allOf.map(conditionToJsonSchema) };
  return { anyOf: condition.anyOf.map(conditionToJsonSchema) };
}

export function ruleToJsonSchema(rule: RequestRule): Record<string, unknown> {
  if (rule.kind === 'assert') return { $comment: rule.id, ...conditionToJsonSchema(rule.condition) };
  const then = { required: [...rule.keys] };
  return rule.when ? { $comment: rule.id, if: conditionToJsonSchema(rule.when), then } : { $comment: rule.id, ...then };
}
