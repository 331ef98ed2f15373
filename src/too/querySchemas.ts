// Query parameters of the TOO API v2 GET endpoints (test/fixtures/protocol/swift-too-v2.md §5–§15) and their
// encoding exactly as the stock client sends them (§1.2): booleans `true`/`false`, nulls omitted,
// lists as repeated keys, floats and datetimes as Python `str()`.
//
// One table per endpoint says each parameter's kind; the zod schema and the encoder are both derived
// from it, so they cannot disagree. (The unit tests read the official client's captured queries back
// with a table of their own, test/support/tooQueryDecoding.ts, so a wrong kind here cannot hide.)
import * as z from 'zod';
import { DATETIME_TEXT_PATTERN, pythonDatetimeText, pythonFloatText } from './wireText';

type ParamKind = 'float' | 'int' | 'bool' | 'datetime' | 'text' | 'obsId';

interface ParamSpec {
  kind: ParamKind;
  /** Several values allowed; sent as the key repeated. */
  repeated?: boolean;
  required?: boolean;
  /** Value the stock client always sends when the caller gives none. */
  sentDefault?: number | boolean;
  min?: number;
  max?: number;
  /** `min` is exclusive (e.g. a length must be more than 0). */
  exclusiveMin?: boolean;
}

const ra: ParamSpec = { kind: 'float', min: 0, max: 360 }; // §17 T8: accept [0, 360]
const dec: ParamSpec = { kind: 'float', min: -90, max: 90 };
const positive: ParamSpec = { kind: 'float', min: 0, exclusiveMin: true };
const datetime: ParamSpec = { kind: 'datetime' };
const count: ParamSpec = { kind: 'int', min: 1 };

// Key order = the order the stock client sends (captured fixtures); where captures never show two
// keys together their relative order is a guess — servers read queries by name.
const TIMELINE_PARAMS = {
  ra,
  dec,
  radius: positive,
  begin: datetime,
  end: datetime,
  length: positive,
  target_id: { kind: 'int', repeated: true, min: 0 },
  obs_id: { kind: 'obsId', repeated: true },
} satisfies Record<string, ParamSpec>;

const QUERY_PARAM_SPECS = {
  resolve: { name: { kind: 'text', required: true } },
  visquery: {
    ra: { ...ra, required: true },
    dec: { ...dec, required: true },
    begin: datetime,
    end: datetime,
    length: positive,
    hires: { kind: 'bool', sentDefault: false },
  },
  saa: { begin: datetime, end: datetime, bat: { kind: 'bool', sentDefault: false } },
  obsquery: TIMELINE_PARAMS,
  planquery: TIMELINE_PARAMS,
  calendar: {
    too_id: { kind: 'int', min: 0 },
    begin: datetime,
    end: datetime,
    length: positive,
    ra,
    dec,
    radius: { ...positive, sentDefault: 0.2 },
    targetid: { kind: 'int', min: 0 }, // spelled without underscore on this endpoint (§17 T9)
  },
  tooList: {
    begin: datetime,
    end: datetime,
    detail: { kind: 'bool', sentDefault: false },
    too_id: { kind: 'int', min: 0 },
    year: { kind: 'int', min: 0 },
    limit: count,
    page: { kind: 'int', min: 0 }, // pagination semantics unknown (§11.1): any non-negative page
    ra,
    dec,
    radius: positive,
    debug: { kind: 'bool', sentDefault: false },
  },
  clock: {
    met: { kind: 'float', repeated: true, min: 0 },
    utctime: { kind: 'datetime', repeated: true },
    swifttime: { kind: 'datetime', repeated: true },
  },
  uvotMode: { uvot_mode: { kind: 'int', required: true, min: 0, max: 0xffff }, ra, dec },
  data: {
    obs_id: { kind: 'obsId', required: true },
    auxil: { kind: 'bool', sentDefault: true },
    bat: { kind: 'bool', sentDefault: false },
    xrt: { kind: 'bool', sentDefault: false },
    uvot: { kind: 'bool', sentDefault: false },
    log: { kind: 'bool', sentDefault: false },
    tdrss: { kind: 'bool', sentDefault: false },
    quicklook: { kind: 'bool', sentDefault: false },
    uksdc: { kind: 'bool', sentDefault: false },
    itsdc: { kind: 'bool', sentDefault: false },
    subthresh: { kind: 'bool', sentDefault: false },
  },
  guano: {
    begin: datetime,
    end: datetime,
    triggertime: datetime,
    subthreshold: { kind: 'bool', sentDefault: false },
    successful: { kind: 'bool', sentDefault: true },
    limit: count,
    page: { kind: 'int', min: 0 },
    triggertype: { kind: 'text' }, // vocabulary unknown (§15): any text
  },
  session: {},
} satisfies Record<string, Record<string, ParamSpec>>;

export type QueryEndpoint = keyof typeof QUERY_PARAM_SPECS;

/** Paths below the API base (no trailing slash, as the stock client calls them). */
export const QUERY_ENDPOINT_PATHS: Record<QueryEndpoint, string> = {
  resolve: '/resolve',
  visquery: '/swift/visquery',
  saa: '/swift/saa',
  obsquery: '/swift/obsquery',
  planquery: '/swift/planquery',
  calendar: '/swift/calendar',
  tooList: '/swift/too',
  clock: '/swift/clock',
  uvotMode: '/swift/uvot_mode',
  data: '/swift/data',
  guano: '/swift/guano',
  session: '/session',
};

// ---------------------------------------------------------------------------------------------
// zod schemas, derived from the table.

const DATETIME_TEXT = new RegExp(DATETIME_TEXT_PATTERN);

function singleValueSchema(name: string, spec: ParamSpec): z.ZodType {
  switch (spec.kind) {
    case 'float':
    case 'int': {
      let schema = z.number({ error: `${name} must be a number` });
      if (spec.kind === 'int') schema = schema.int({ error: `${name} must be a whole number` });
      if (spec.min !== undefined) {
        schema = spec.exclusiveMin
          ? schema.gt(spec.min, { error: `${name} must be more than ${spec.min}` })
          : schema.min(spec.min, { error: `${name} must be at least ${spec.min}` });
      }
      if (spec.max !== undefined) schema = schema.max(spec.max, { error: `${name} must be at most ${spec.max}` });
      return schema;
    }
    case 'bool':
      return z.boolean({ error: `${name} must be true or false` });
    case 'datetime': {
      const error = `${name} must be a Date or text like 2022-01-01 00:00:00 (UTC)`;
      return z.union([z.date(), z.string().regex(DATETIME_TEXT, { error })], { error });
    }
    case 'text':
      return z.string({ error: `${name} must be text` }).regex(/\S/, { error: `${name} must not be empty` });
    case 'obsId':
      // §3.5: 11-digit SDC form; shorter digit strings are zero-padded like the client does.
      return z.string({ error: `${name} must be text such as "00035190015"` }).regex(/^\d{1,11}$/, {
        error: `${name} must be an observation ID of up to 11 digits, e.g. "00035190015"`,
      });
  }
}

function paramSchema(name: string, spec: ParamSpec): z.ZodType {
  const single = singleValueSchema(name, spec);
  const value = spec.repeated ? z.union([single, z.array(single).min(1)]) : single;
  return spec.required ? value : value.nullish();
}

function endpointSchema(endpoint: QueryEndpoint) {
  const specs: Record<string, ParamSpec> = QUERY_PARAM_SPECS[endpoint];
  const shape = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, paramSchema(name, spec)]));
  return z.strictObject(shape).superRefine((params, ctx) => {
    for (const message of endpointRuleMessages(endpoint, params)) ctx.addIssue({ code: 'custom', message, path: [] });
  });
}

const isSet = (value: unknown) => value !== undefined && value !== null;

// The stock client's own checks (§8, §9, §11.1, §12); the server's answer without them is unknown.
function endpointRuleMessages(endpoint: QueryEndpoint, params: Record<string, unknown>): string[] {
  const needOneOf = (names: string[]) =>
    names.some((n) => isSet(params[n])) ? [] : [`${endpoint} needs at least one of ${names.join(', ')}`];
  switch (endpoint) {
    case 'obsquery':
    case 'planquery':
      return needOneOf(['begin', 'end', 'length', 'ra', 'dec', 'target_id', 'obs_id']);
    case 'tooList':
      return needOneOf(['begin', 'end', 'ra', 'dec', 'limit', 'year', 'too_id']);
    case 'clock': {
      const kinds = ['met', 'utctime', 'swifttime'].filter((n) => isSet(params[n]));
      return kinds.length === 1 ? [] : ['clock needs exactly one of met, utctime or swifttime'];
    }
    default:
      return [];
  }
}

/**
 * Each endpoint's schema, built the first time that endpoint is queried: building all of them when the
 * module loads cost about 8 ms of the features' first use, for queries most sessions never run.
 */
const querySchemas: Partial<Record<QueryEndpoint, ReturnType<typeof endpointSchema>>> = {};
function querySchema(endpoint: QueryEndpoint): ReturnType<typeof endpointSchema> {
  return (querySchemas[endpoint] ??= endpointSchema(endpoint));
}

type DatetimeValue = Date | string;
type SingleParam<K extends ParamKind> = K extends 'float' | 'int'
  ? number
  : K extends 'bool'
    ? boolean
    : K extends 'datetime'
      ? DatetimeValue
      : string;
type ParamValue<S> = S extends { kind: infer K extends ParamKind }
  ? S extends { repeated: true }
    ? SingleParam<K> | SingleParam<K>[]
    : SingleParam<K>
  : never;

/** Typed parameters of an endpoint, as callers write them (every parameter optional but the required ones). */
export type QueryParams<E extends QueryEndpoint> = {
  [P in keyof (typeof QUERY_PARAM_SPECS)[E]]?: ParamValue<(typeof QUERY_PARAM_SPECS)[E][P]> | null;
};

type QueryCheck = { ok: true } | { ok: false; issues: { path: (string | number)[]; message: string }[] };

function checkQueryParams(endpoint: QueryEndpoint, params: unknown): QueryCheck {
  const parsed = querySchema(endpoint).safeParse(params);
  if (parsed.success) return { ok: true };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.code === 'unrecognized_keys' ? `unknown ${endpoint} parameter(s): ${issue.keys.join(', ')}` : issue.message,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding.

function encodeSingle(spec: ParamSpec, value: unknown): string {
  switch (spec.kind) {
    case 'float':
      return pythonFloatText(value as number);
    case 'int':
      return String(value as number);
    case 'bool':
      return value ? 'true' : 'false';
    case 'datetime':
      return pythonDatetimeText(value as DatetimeValue, ' ');
    case 'text':
      return value as string;
    case 'obsId':
      return (value as string).padStart(11, '0');
  }
}

/**
 * The query the stock client would send, after checking the parameters (throws a RangeError
 * listing every problem). Defaults the client always sends are added; the obsquery/planquery
 * radius defaults to 0.2° when a position is given (§8).
 */
export function toQueryParams<E extends QueryEndpoint>(endpoint: E, params: QueryParams<E>): URLSearchParams {
  const check = checkQueryParams(endpoint, params);
  if (!check.ok) {
    throw new RangeError(
      `Invalid ${endpoint} query: ${check.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`,
    );
  }
  const given = params as Record<string, unknown>;
  const specs: Record<string, ParamSpec> = QUERY_PARAM_SPECS[endpoint];
  const query = new URLSearchParams();
  for (const [name, spec] of Object.entries(specs)) {
    let value = given[name];
    if (!isSet(value)) value = spec.sentDefault;
    if (!isSet(value) && name === 'radius' && (endpoint === 'obsquery' || endpoint === 'planquery') && isSet(given.ra)) value = 0.2;
    if (!isSet(value)) continue;
    for (const single of Array.isArray(value) ? value : [value]) query.append(name, encodeSingle(spec, single));
  }
  return query;
}

// ---------------------------------------------------------------------------------------------
// NICER `/nicer/visquery` and `/nicer/planquery`: listed only on the TOO API overview page, parameters unknown (§16).
// Rather than guess that they mirror the Swift endpoints, callers pass raw parameters through;
// they are encoded by the same general rules (whole numbers as ints, other numbers as Python floats).

export const NICER_QUERY_PATHS = { nicerVisquery: '/nicer/visquery', nicerPlanquery: '/nicer/planquery' } as const;

const passthroughScalar = z.union([z.string(), z.number(), z.boolean(), z.date()]);
const passthroughQuerySchema = z.record(z.string(), z.union([passthroughScalar, z.array(passthroughScalar)]).nullish());
export type PassthroughQuery = z.infer<typeof passthroughQuerySchema>;

export function toPassthroughQueryString(params: PassthroughQuery): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(passthroughQuerySchema.parse(params))) {
    if (!isSet(value)) continue;
    for (const single of Array.isArray(value) ? value : [value]) query.append(name, encodePassthrough(single));
  }
  return query.toString();
}

function encodePassthrough(value: string | number | boolean | Date): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloatText(value);
  if (value instanceof Date) return pythonDatetimeText(value, ' ');
  return value;
}
