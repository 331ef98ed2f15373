// Test helpers: build the `SandboxRequest`s the HTTP core would hand the TOO service, from the
// reference fixtures' request envelopes or by hand, and read the replies.
import { SimClock } from '../clock';
import { VariantSet } from '../variants';
import type { SandboxContext, SandboxRequest, SandboxResponse } from '../types';

export const TEST_ORIGIN = 'http://127.0.0.1:8765';

/** A context frozen at `now` (speed 0): time moves only when a test advances it. */
export function frozenContext(now: Date, variants = new VariantSet()): SandboxContext {
  const clock = new SimClock(0, now);
  return {
    clock,
    variants,
    origin: () => TEST_ORIGIN,
    xrtBaseUrl: () => `${TEST_ORIGIN}/user_objects`,
    tooBaseUrl: () => `${TEST_ORIGIN}/api/v2`,
  };
}

export interface Envelope {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RequestInit {
  query?: Record<string, string | string[]>;
  form?: Record<string, string>;
  json?: unknown;
  body?: string;
  contentType?: string;
  /** The `session` cookie value. */
  session?: string;
}

export function makeRequest(method: string, path: string, init: RequestInit = {}): SandboxRequest {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(init.query ?? {})) for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  let body = init.body ?? '';
  let contentType = init.contentType;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    contentType ??= 'application/x-www-form-urlencoded';
  } else if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    contentType ??= 'application/json';
  }
  return {
    method,
    path,
    query,
    headers: contentType ? { 'content-type': contentType } : {},
    body: Buffer.from(body, 'utf8'),
    cookies: init.session !== undefined ? { session: init.session } : {},
  };
}

/** The fixture's own credentials and placeholders replaced by the sandbox account's. */
const ACCOUNT_SUBSTITUTES: Record<string, string> = { myuser: 'astro', my_api_key_or_password: 'sandbox-key' };

function substitute<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === 'string' && v in ACCOUNT_SUBSTITUTES ? (ACCOUNT_SUBSTITUTES[v] as T) : v]),
  );
}

/**
 * The envelope as the service sees it: `/api/v2` removed, cookie placeholder → `session`.
 * `alwaysSession` sends the cookie even when the captured envelope has none (the stock client
 * sends it whenever a user is configured, which the anonymous captures were not).
 */
export function requestFromEnvelope(envelope: Envelope, session?: string, alwaysSession = false): SandboxRequest {
  const path = envelope.path.replace(/^\/api\/v2/, '') || '/';
  const wantsCookie = alwaysSession || /session=/.test(envelope.headers?.Cookie ?? '');
  return makeRequest(envelope.method, path, {
    query: envelope.query,
    form: envelope.form ? substitute(envelope.form) : undefined,
    json: envelope.json ? substitute(envelope.json) : undefined,
    contentType: envelope.contentType,
    session: wantsCookie ? session : undefined,
  });
}

export function bodyText(res: SandboxResponse): string {
  if (res.body === undefined) return '';
  if (typeof res.body === 'string') return res.body;
  if (Buffer.isBuffer(res.body)) return res.body.toString('utf8');
  throw new Error('streamed body: read it as a stream');
}

export function bodyJson(res: SandboxResponse): unknown {
  const text = bodyText(res);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`reply (HTTP ${res.status}) is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
}

/** The `session` value from a login reply's Set-Cookie header. */
export function sessionFrom(res: SandboxResponse): string {
  const header = res.headers?.['set-cookie'];
  const text = Array.isArray(header) ? header[0] : header;
  const m = /^session=([^;]+);/.exec(text ?? '');
  if (!m) throw new Error(`no session cookie in reply (HTTP ${res.status}): ${String(text)}`);
  return m[1];
}
