// The TOO service's switchable wire variants (test/sandbox/variants.ts): for each behaviour the
// reference (test/fixtures/protocol/swift-too-v2.md) calls unknown, an alternative the real service
// might take. The default answers stay as the reference describes them; each variant is documented in
// test/sandbox/too/README.md.
import type { SandboxResponse } from '../types';
import type { VariantSet } from '../variants';

export const TOO_VARIANTS = {
  /** `POST /login` success body: `empty` (200, no body), `no-content` (204) or `text` (200 text/plain). */
  loginBody: 'too-login-body',
  /** The session cookie is set with `Path=/api/v2/` instead of `Path=/`. */
  cookiePathApi: 'too-cookie-path-api',
  /** `GET /swift/too_upload_enabled`: `404` (no such route) or `odd` (200 with a shape nobody documented). */
  uploadSwitch: 'too-upload-switch',
  /** `GET /swift/too/{too_id}` answers 404, as a server without that route would. */
  tooByIdMissing: 'too-by-id-404',
  /** JSON replies as a lax server might write them: 0/1 booleans, numbers as text, integer obs_id. */
  laxTypes: 'too-lax-types',
  /** JSON replies carry datetimes with an explicit offset (`Z`, or `+02:00` moved by two hours). */
  datetimeOffsets: 'too-datetime-offsets',
  /** A filed TOO is answered 201 `Accepted` without its `too_id` (the request is stored all the same). */
  submitWithoutId: 'too-submit-without-id',
} as const;

/** The success reply to a login under the `too-login-body` variant (undefined: the default `{}`). */
export function loginReplyVariant(variants: VariantSet, setCookie: string): SandboxResponse | undefined {
  const headers = { 'set-cookie': setCookie };
  if (variants.is(TOO_VARIANTS.loginBody, 'empty')) return { status: 200, headers, body: '' };
  if (variants.is(TOO_VARIANTS.loginBody, 'no-content')) return { status: 204, headers };
  if (variants.is(TOO_VARIANTS.loginBody, 'text'))
    return { status: 200, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: 'Login successful' };
  return undefined;
}

/** The cookie path the service sets and clears. */
export function cookiePath(variants: VariantSet): string {
  return variants.is(TOO_VARIANTS.cookiePathApi) ? '/api/v2/' : '/';
}

/** Rewrites a JSON reply under the body variants; other replies pass unchanged. */
export function applyBodyVariants(response: SandboxResponse, variants: VariantSet): SandboxResponse {
  const lax = variants.is(TOO_VARIANTS.laxTypes);
  const offsets = variants.is(TOO_VARIANTS.datetimeOffsets);
  if (!lax && !offsets) return response;
  const type = String(response.headers?.['content-type'] ?? '');
  if (!type.includes('application/json') || typeof response.body !== 'string' || response.body === '') return response;
  let body: unknown = JSON.parse(response.body);
  if (offsets) body = withOffsets(body, { next: 0 });
  if (lax) body = laxified(body, undefined);
  return { ...response, body: JSON.stringify(body) };
}

const NAIVE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

// Alternates `Z` and `+02:00` so that both forms occur in one reply; `+02:00` shifts the clock
// reading so the instant stays the same.
function withOffsets(node: unknown, count: { next: number }): unknown {
  if (typeof node === 'string') {
    const m = NAIVE_DATETIME.exec(node);
    if (!m) return node;
    count.next += 1;
    if (count.next % 2 === 1) return `${node}Z`;
    const shifted = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] + 2, +m[5], +m[6])).toISOString().slice(0, 19);
    return `${shifted}${m[7] ?? ''}+02:00`;
  }
  if (Array.isArray(node)) return node.map((item) => withOffsets(item, count));
  if (typeof node === 'object' && node !== null)
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withOffsets(v, count)]));
  return node;
}

// Booleans as 0/1, numbers as their text, an 11-digit obs_id as the integer it spells. The status
// word and message lists are left alone (they are text already).
function laxified(node: unknown, key: string | undefined): unknown {
  if (typeof node === 'boolean') return node ? 1 : 0;
  if (typeof node === 'number') return String(node);
  if (typeof node === 'string') return key === 'obs_id' && /^\d{11}$/.test(node) ? Number(node) : node;
  if (Array.isArray(node)) return node.map((item) => laxified(item, key));
  if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, laxified(v, k)]));
  return node;
}
