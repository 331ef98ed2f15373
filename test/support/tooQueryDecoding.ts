// Reads back the query a client sent, so tests can check that the extension's encoding (toQueryParams in
// src/too/querySchemas.ts) re-creates the stock client's captured requests exactly. The product never
// decodes queries; the sandbox has its own reader (test/sandbox/too/params.ts).
import { QUERY_ENDPOINT_PATHS, QUERY_PARAM_SPECS, type QueryEndpoint } from '../../src/too/querySchemas';

/** The endpoint a request path belongs to (with or without `/api/v2` and a trailing slash). */
export function queryEndpointForPath(path: string): QueryEndpoint | undefined {
  const bare = path.replace(/^\/api\/v2/, '').replace(/\/+$/, '');
  return (Object.keys(QUERY_ENDPOINT_PATHS) as QueryEndpoint[]).find((e) => QUERY_ENDPOINT_PATHS[e] === bare);
}

export type DecodedQuery = { ok: true; params: Record<string, unknown> } | { ok: false; message: string };

interface DecodableSpec {
  readonly kind: string;
  readonly repeated?: boolean;
}

/** Reads a query (URLSearchParams, or an object of decoded strings) into typed parameters; checking them is toQueryParams's job. */
export function fromQueryParams(endpoint: QueryEndpoint, query: URLSearchParams | Record<string, string | string[]>): DecodedQuery {
  const specs: Record<string, DecodableSpec> = QUERY_PARAM_SPECS[endpoint];
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
    case 'float':
    case 'int': {
      const value = Number(text);
      return text.trim() === '' || Number.isNaN(value) ? undefined : value;
    }
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    default:
      return text;
  }
}
