// The conditional-rule engine both request kinds use (XRT product requests, TOO requests): a rule is
// a condition on the request and what it then demands — keys that must be present, one complete group
// of keys, a condition that must hold, or (for implications) a value filled in. Each feature keeps its
// own table (src/xrt/request/requestRules.ts, the TOO table in src/too/request/requestSchema.ts); this
// module evaluates a table against a request, for the editor's diagnostics and the refusal to submit
// alike, so the two cannot drift apart.
//
// The tables are deliberately NOT compiled to the JSON Schemas the editor applies: VS Code's JSON
// language service reports a `required` that fails as "Missing property" on the whole object (the
// whole file, for a request), as a warning, with no reason; and a rule can only be stated there with
// `required`. The extension's own diagnostics report each violation instead, as an error with the
// table's reason, on the key that causes it (`RuleViolation.at`).
//
// "Present" has one meaning for every rule of both kinds: the key is in the request with a value other
// than null. That is what both official clients call "set": xrt_prods counts a parameter as set when it
// is in its parameter dictionary (it cannot hold None: every value is type-checked), and swift_too's
// request validators (toorequest.py) test `is None` — an empty string is a value to both. Where a
// service's rule compares text with "" (swift_too's UVOT justification), the table says so with a
// value test (`matches`), not with a second notion of presence. A default never makes a key present:
// rules see the request as written.

type Request = Readonly<Record<string, unknown>>;

/** A condition on a request whose keys are `K` (a table may narrow it to its own field names). */
export type Condition<K extends string = string> =
  | { readonly equals: { readonly key: K; readonly value: string | number | boolean } }
  | { readonly present: K }
  /** The key is present and its value passes `test`. */
  | { readonly matches: { readonly key: K; readonly test: (value: unknown) => boolean } }
  | { readonly not: Condition<K> }
  | { readonly allOf: readonly Condition<K>[] }
  | { readonly anyOf: readonly Condition<K>[] };

/** Every key in `keys` must be present when `when` holds (omitted: always). */
interface RequireRule<K extends string = string> {
  readonly kind: 'require';
  readonly id: string;
  readonly when?: Condition<K>;
  readonly keys: readonly K[];
  /** Why, in words, completing the table's phrasing ("`binMeth` is \"counts\"", "when tiling is true"). */
  readonly because: string;
}

/** All keys of at least one group must be present when `when` holds. */
interface RequireOneGroupRule<K extends string = string> {
  readonly kind: 'requireOneGroup';
  readonly id: string;
  readonly when?: Condition<K>;
  readonly groups: readonly (readonly K[])[];
  /** The whole message. */
  readonly message: string;
}

/** `condition` must hold when `when` holds; the problem is about `path` ([] = the whole request). */
interface AssertRule<K extends string = string> {
  readonly kind: 'assert';
  readonly id: string;
  readonly when?: Condition<K>;
  readonly condition: Condition<K>;
  readonly path?: readonly K[];
  readonly message: string;
}

export type RequestRule<K extends string = string> = RequireRule<K> | RequireOneGroupRule<K> | AssertRule<K>;

/** A key the request gets when `when` holds and the request leaves it out (what an official client adds on its own). */
export interface ImpliedKey {
  readonly when: Condition;
  readonly key: string;
  readonly value: string | number | boolean;
  readonly why: string;
}

export interface RuleViolation {
  readonly ruleId: string;
  /** The key the problem is about (e.g. the missing key), or [] for the whole request. */
  readonly path: readonly string[];
  /**
   * The key of the request the problem is shown on: `path` when the request has that key (e.g. set to
   * null), else the key whose value makes the rule apply (`causingKey`), else [] (the opening brace:
   * only for a rule without a condition that the request has a key for).
   */
  readonly at: readonly string[];
  readonly message: string;
}

/** How a table words "these keys are required": the same text for the submit check and the editor. */
export type RequiredPhrasing = (keys: readonly string[], because: string) => string;

export const equals = <K extends string>(key: K, value: string | number | boolean): Condition<K> => ({ equals: { key, value } });
export const present = <K extends string>(key: K): Condition<K> => ({ present: key });
export const matches = <K extends string>(key: K, test: (value: unknown) => boolean): Condition<K> => ({ matches: { key, test } });
export const not = <K extends string>(condition: Condition<K>): Condition<K> => ({ not: condition });
export const allOf = <K extends string>(...conditions: Condition<K>[]): Condition<K> => ({ allOf: conditions });
export const anyOf = <K extends string>(...conditions: Condition<K>[]): Condition<K> => ({ anyOf: conditions });

/** The one definition of "present" (see the header). */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function conditionHolds<K extends string>(condition: Condition<K>, request: Request): boolean {
  if ('equals' in condition) return request[condition.equals.key] === condition.equals.value;
  if ('present' in condition) return isPresent(request[condition.present]);
  if ('matches' in condition) return isPresent(request[condition.matches.key]) && condition.matches.test(request[condition.matches.key]);
  if ('not' in condition) return !conditionHolds(condition.not, request);
  if ('allOf' in condition) return condition.allOf.every((c) => conditionHolds(c, request));
  return condition.anyOf.some((c) => conditionHolds(c, request));
}

/** Every violation of `rules` by `request`, in table order; works on unvalidated objects too. */
export function evaluateRules<K extends string>(
  request: Request,
  rules: readonly RequestRule<K>[],
  phrasing: RequiredPhrasing,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const rule of rules) {
    if (rule.when && !conditionHolds(rule.when, request)) continue;
    const cause = rule.when ? causingKey(rule.when, request) : undefined;
    const shownOn = (key: string | undefined): string[] =>
      key !== undefined && Object.hasOwn(request, key) ? [key] : cause !== undefined ? [cause] : [];
    switch (rule.kind) {
      case 'require':
        for (const key of rule.keys) {
          if (!isPresent(request[key]))
            out.push({ ruleId: rule.id, path: [key], at: shownOn(key), message: phrasing([key], rule.because) });
        }
        break;
      case 'requireOneGroup':
        if (!rule.groups.some((group) => group.every((key) => isPresent(request[key])))) {
          // The group the user started is what the problem is about: shown on its key that is there.
          const started = rule.groups.find((group) => group.some((key) => isPresent(request[key])));
          const given = started?.find((key) => isPresent(request[key]));
          out.push({
            ruleId: rule.id,
            path: [groupKeyToShow(rule.groups, request)],
            at: given !== undefined ? [given] : shownOn(undefined),
            message: rule.message,
          });
        }
        break;
      case 'assert':
        if (!conditionHolds(rule.condition, request))
          out.push({ ruleId: rule.id, path: [...(rule.path ?? [])], at: shownOn(rule.path?.[0]), message: rule.message });
        break;
    }
  }
  return out;
}

/**
 * The key of `request` whose value makes `condition` hold, for showing a problem there: for `allOf`,
 * the LAST member that has such a key (the tables write the general condition first — the product
 * flag — and the specific one last: `binMeth` "counts" after `lc` 1); for `anyOf`, the first member
 * that holds; for `not`, the key whose value makes the inner condition fail (a key left out makes
 * nothing fail visibly, so it names none). Undefined when no key in the request is the cause, e.g.
 * "`getTargs` is not 1" in a request without `getTargs`.
 */
function causingKey<K extends string>(condition: Condition<K>, request: Request): K | undefined {
  return conditionHolds(condition, request) ? holdsBecause(condition, request) : undefined;
}

function holdsBecause<K extends string>(condition: Condition<K>, request: Request): K | undefined {
  if ('equals' in condition) return condition.equals.key;
  if ('present' in condition) return condition.present;
  if ('matches' in condition) return condition.matches.key;
  if ('not' in condition) return failsBecause(condition.not, request);
  if ('allOf' in condition) return firstDefined([...condition.allOf].reverse(), (c) => holdsBecause(c, request));
  return firstDefined(
    condition.anyOf.filter((c) => conditionHolds(c, request)),
    (c) => holdsBecause(c, request),
  );
}

/** The key of `request` whose value makes `condition` (which fails) fail. */
function failsBecause<K extends string>(condition: Condition<K>, request: Request): K | undefined {
  const given = (key: K): K | undefined => (Object.hasOwn(request, key) ? key : undefined);
  if ('equals' in condition) return given(condition.equals.key);
  if ('present' in condition) return given(condition.present);
  if ('matches' in condition) return given(condition.matches.key);
  if ('not' in condition) return holdsBecause(condition.not, request);
  if ('allOf' in condition)
    return firstDefined(
      condition.allOf.filter((c) => !conditionHolds(c, request)),
      (c) => failsBecause(c, request),
    );
  return firstDefined(condition.anyOf, (c) => failsBecause(c, request));
}

function firstDefined<T, R>(items: readonly T[], pick: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

// The first missing key of the group the user has started, else the first key of the first group.
function groupKeyToShow<K extends string>(groups: readonly (readonly K[])[], request: Request): K {
  const started = groups.find((group) => group.some((key) => isPresent(request[key])));
  return started ? (started.find((key) => !isPresent(request[key])) ?? started[0]!) : groups[0]![0]!;
}

/** `request` with every implied key it leaves out filled in, and one line per key added (for the log). */
export function applyImpliedKeys(request: Request, implied: readonly ImpliedKey[]): { request: Record<string, unknown>; added: string[] } {
  const out: Record<string, unknown> = { ...request };
  const added: string[] = [];
  for (const rule of implied) {
    if (isPresent(out[rule.key]) || !conditionHolds(rule.when, out)) continue;
    out[rule.key] = rule.value;
    added.push(`${rule.key}: ${JSON.stringify(rule.value)} (${rule.why})`);
  }
  return { request: out, added };
}
