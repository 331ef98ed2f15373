// The conditional requirements of an XRT request (test/fixtures/protocol/xrt-products.md §3.2–3.7), written once as data.
// The zod schema evaluates them (`evaluateRules`), for the editor's diagnostics and the client's refusal
// to submit alike, so the two cannot drift apart (the JSON Schema leaves them out: src/editing/requestRules.ts).
// Order inside `both(…)`: the general condition first, the specific one last — a violation is shown on
// the key of the last condition the request has a key for (`causingKey`), e.g. `binMeth`, not `lc`.
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
import {
  allOf,
  anyOf,
  equals,
  evaluateRules as evaluateRuleTable,
  not,
  present,
  type Condition,
  type RequestRule,
  type RequiredPhrasing,
  type RuleViolation,
} from '../../editing/requestRules';
import { PRODUCT_FLAGS } from '../productCodes';

export type { Condition, RequestRule, RuleViolation };

const isOne = (key: string): Condition => equals(key, 1);

const anyProduct = anyOf(...PRODUCT_FLAGS.map(isOne));
const anyPosition = anyOf(...['dopsf', 'doenh', 'doxastrom'].map(isOne));
const both = allOf<string>;
/** Only source detection requested: then position and centroid fields "have no meaning" (§3.7). */
export const sourceDetOnly = allOf(isOne('sourceDet'), not(anyOf(...PRODUCT_FLAGS.filter((f) => f !== 'sourceDet').map(isOne))));

const intervalPairs: RequestRule[] = [1, 2, 3, 4].flatMap((n): RequestRule[] => [
  {
    kind: 'require',
    id: `rname${n}-needs-gti${n}`,
    when: both(isOne('spec'), present(`rname${n}`)),
    keys: [`gti${n}`],
    because: `\`rname${n}\` names interval ${n}`,
  },
  {
    kind: 'require',
    id: `gti${n}-needs-rname${n}`,
    when: both(isOne('spec'), present(`gti${n}`)),
    keys: [`rname${n}`],
    because: `interval ${n} (\`gti${n}\`) needs a name`,
  },
]);

const REQUEST_RULES: readonly RequestRule[] = [
  {
    kind: 'assert',
    id: 'at-least-one-product',
    condition: anyProduct,
    message: `Request at least one product: set one of ${PRODUCT_FLAGS.map((f) => `\`${f}\``).join(', ')} to 1.`,
  },
  {
    kind: 'require',
    id: 'non-sourcedet-needs-cent',
    when: not(sourceDetOnly),
    keys: ['cent'],
    because: 'every job except source detection alone needs it',
  },
  {
    kind: 'require',
    id: 'position-unless-getcoords',
    when: both(not(sourceDetOnly), not(isOne('getCoords'))),
    keys: ['RA', 'Dec'],
    because: '`getCoords` is not 1',
  },
  { kind: 'require', id: 'targ-unless-gettargs', when: not(isOne('getTargs')), keys: ['targ'], because: '`getTargs` is not 1' },
  { kind: 'require', id: 'cent-needs-poserr', when: both(not(sourceDetOnly), isOne('cent')), keys: ['poserr'], because: '`cent` is 1' },
  { kind: 'require', id: 'lc-needs-binmeth', when: isOne('lc'), keys: ['binMeth'], because: '`lc` is 1' },
  {
    kind: 'require',
    id: 'counts-binning',
    when: both(isOne('lc'), equals('binMeth', 'counts')),
    keys: ['pccounts', 'wtcounts', 'dynamic'],
    because: '`binMeth` is "counts"',
  },
  // HR bin durations belong to time binning (the service echoes `hrbin: 0` on counts-binned jobs too).
  {
    kind: 'require',
    id: 'separate-hr-bins',
    when: both(isOne('lc'), equals('binMeth', 'time'), equals('hrbin', 0)),
    keys: ['pchrbin', 'wthrbin'],
    because: '`hrbin` is 0 with time binning',
  },
  { kind: 'require', id: 'spec-needs-specz', when: isOne('spec'), keys: ['specz'], because: '`spec` is 1' },
  { kind: 'require', id: 'specz-needs-zval', when: both(isOne('spec'), isOne('specz')), keys: ['zval'], because: '`specz` is 1' },
  { kind: 'require', id: 'sourcedet-needs-detobs', when: isOne('sourceDet'), keys: ['detobs'], because: '`sourceDet` is 1' },
  {
    kind: 'require',
    id: 'user-lc-obs',
    when: both(isOne('lc'), equals('lcobs', 'user')),
    keys: ['uselcobs'],
    because: '`lcobs` is "user"',
  },
  {
    kind: 'require',
    id: 'user-spec-obs',
    when: both(isOne('spec'), equals('specobs', 'user')),
    keys: ['usespecobs'],
    because: '`specobs` is "user"',
  },
  {
    kind: 'require',
    id: 'user-pos-obs',
    when: both(anyPosition, equals('posobs', 'user')),
    keys: ['useposobs'],
    because: '`posobs` is "user"',
  },
  {
    kind: 'require',
    id: 'user-im-obs',
    when: both(isOne('image'), equals('imobs', 'user')),
    keys: ['useimobs'],
    because: '`imobs` is "user"',
  },
  {
    kind: 'require',
    id: 'user-det-obs',
    when: both(isOne('sourceDet'), equals('detobs', 'user')),
    keys: ['usedetobs'],
    because: '`detobs` is "user"',
  },
  {
    kind: 'require',
    id: 'user-timeslice',
    when: both(isOne('spec'), equals('timeslice', 'user')),
    keys: ['rname1', 'gti1'],
    because: '`timeslice` is "user"',
  },
  ...intervalPairs,
];

/** "`cent` is required because `lc` is 1." — in the submit check and the editor alike. */
const requiredPhrasing: RequiredPhrasing = (keys, because) => {
  const names = keys.map((k) => `\`${k}\``).join(', ');
  return `${names} ${keys.length === 1 ? 'is' : 'are'} required because ${because}.`;
};

export function evaluateRules(request: Readonly<Record<string, unknown>>, rules: readonly RequestRule[] = REQUEST_RULES): RuleViolation[] {
  return evaluateRuleTable(request, rules, requiredPhrasing);
}
