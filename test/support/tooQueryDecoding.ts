// Reads back the query a client sent, so tests can check that the extension's encoding (toQueryParams in
// src/too/querySchemas.ts) re-creates the stock client's captured requests exactly. The product never
// decodes queries; the sandbox has its own reader (test/sandbox/too/params.ts).
//
// The decoder's own table of each endpoint's parameters, written from the protocol reference
// (test/fixtures/protocol/swift-too-v2.md §5–§15) rather than taken from the client's: which text is a
// number, a boolean or text, and which keys may repeat. A name or kind the client gets wrong then fails
// the round trip instead of being read back by the same mistake.
import { QUERY_ENDPOINT_PATHS, type QueryEndpoint } from '../../src/too/querySchemas';

type DecodedKind = 'number' | 'bool' | 'text';

interface DecodableSpec {
  readonly kind: DecodedKind;
  /** Several values allowed, sent as the key repeated. */
  readonly repeated?: boolean;
}

const NUMBER: DecodableSpec = { kind: 'number' };
const BOOL: DecodableSpec = { kind: 'bool' };
/** Text, datetimes (`2022-01-01 00:00:00`) and observation IDs (kept as text so leading zeros stay). */
const TEXT: DecodableSpec = { kind: 'text' };

// §8, §9: the two timeline queries take the same parameters.
const TIMELINE = {
  ra: NUMBER,
  dec: NUMBER,
  radius: NUMBER,
  begin: TEXT,
  end: TEXT,
  length: NUMBER,
  target_id: { kind: 'number', repeated: true },
  obs_id: { kind: 'text', repeated: true },
} satisfies Record<string, DecodableSpec>;

const PARAMS: Readonly<Record<QueryEndpoint, Readonly<Record<string, DecodableSpec>>>> = {
  resolve: { name: TEXT }, // §5.1
  visquery: { ra: NUMBER, dec: NUMBER, begin: TEXT, end: TEXT, length: NUMBER, hires: BOOL }, // §6
  saa: { begin: TEXT, end: TEXT, bat: BOOL }, // §7
  obsquery: TIMELINE,
  planquery: TIMELINE,
  // §10: `targetid` without the underscore on this endpoint.
  calendar: { too_id: NUMBER, begin: TEXT, end: TEXT, length: NUMBER, ra: NUMBER, dec: NUMBER, radius: NUMBER, targetid: NUMBER },
  tooList: {
    // §11.1
    begin: TEXT,
    end: TEXT,
    detail: BOOL,
    too_id: NUMBER,
    year: NUMBER,
    limit: NUMBER,
    page: NUMBER,
    ra: NUMBER,
    dec: NUMBER,
    radius: NUMBER,
    debug: BOOL,
  },
  // §12: one of the three, each repeatable.
  clock: {
    met: { kind: 'number', repeated: true },
    utctime: { kind: 'text', repeated: true },
    swifttime: { kind: 'text', repeated: true },
  },
  uvotMode: { uvot_mode: NUMBER, ra: NUMBER, dec: NUMBER }, // §13
  data: {
    // §14
    obs_id: TEXT,
    auxil: BOOL,
    bat: BOOL,
    xrt: BOOL,
    uvot: BOOL,
    log: BOOL,
    tdrss: BOOL,
    quicklook: BOOL,
    uksdc: BOOL,
    itsdc: BOOL,
    subthresh: BOOL,
  },
  guano: {
    // §15
    begin: TEXT,
    end: TEXT,
    triggertime: TEXT,
    subthreshold: BOOL,
    successful: BOOL,
    limit: NUMBER,
    page: NUMBER,
    triggertype: TEXT,
  },
  session: {},
};

/** The endpoint a request path belongs to (with or without `/api/v2` and a trailing slash). */
export function queryEndpointForPath(path: string): QueryEndpoint | undefined {
  const bare = path.replace(/^\/api\/v2/, '').replace(/\/+$/, '');
  return (Object.keys(QUERY_ENDPOINT_PATHS) as QueryEndpoint[]).find((e) => QUERY_ENDPOINT_PATHS[e] === bare);
}

export type DecodedQuery = { ok: true; params: Record<string, unknown> } | { ok: false; message: string };

/** Reads a query (URLSearchParams, or an object of decoded strings) into typed parameters; checking them is toQueryParams's job. */
export function fromQueryParams(endpoint: QueryEndpoint, query: URLSearchParams | Record<string, string | string[]>): DecodedQuery {
  const specs = PARAMS[endpoint];
  const entries = query instanceof URLSearchParams ? [...query.keys()].map((k) => [k, query.getAll(k)] as const) : Object.entries(query);
  const params: Record<string, unknown> = {};
  for (const [name, raw] of entries) {
    const spec = specs[name];
    if (!spec) return { ok: false, message: `unknown ${endpoint} parameter "${name}"` };
    const texts = Array.isArray(raw) ? raw : [raw];
    const values: unknown[] = [];
    for (const text of texts) {
      const value = decodeSingle(spec, text);
      if (value === undefined) return { ok: false, message: `${name}: cannot read "${text}" as ${spec.kind}` };
      values.push(value);
    }
    params[name] = spec.repeated && values.length > 1 ? values : values[0];
  }
  return { ok: true, params };
}

function decodeSingle(spec: DecodableSpec, text: string): unknown {
  switch (spec.kind) {
    case 'number': {
      const value = Number(text);
      return text.trim() === '' || Number.isNaN(value) ? undefined : value;
    }
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'text':
      return text;
  }
}
