// The redirect policy of every HTTP path of the extension. axios (follow-redirects) would re-send a
// 307/308 POST with its body to wherever `Location` points — for the TOO sign-in, the API key — and
// turn a 301/302 POST into a GET whose answer looks like success. So redirects are never followed by
// the library (`maxRedirects: 0`); this module follows them itself, and only when it is safe:
//  - a POST is never redirected: the answer is an error whose outcome is "may or may not have been
//    received" (the service may have acted on the POST before redirecting);
//  - a GET follows only within the origin it was allowed (scheme, host and port of the configured
//    base URL, or of the download link), so the session cookie — which the cookie jar would attach by
//    domain — and any other credential never travel to another origin.
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { discard } from './body';
import { ServiceError, type ServiceName } from './errors';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Enough for a trailing-slash fix and a load balancer hop; a loop is refused. */
const MAX_SAME_ORIGIN_REDIRECTS = 5;

interface RedirectContext {
  readonly service: ServiceName;
  /** The origin a GET may be redirected within, e.g. `https://www.swift.psu.edu`. */
  readonly allowedOrigin: string;
  /** For messages: what was being fetched ("the download of lc.tar.gz", "POST /login"). */
  readonly what: string;
}

/**
 * Sends `config` (its `url` absolute), following redirects only as described above; the answer's
 * body is a stream (the caller reads it, within its deadline and size cap). Throws ServiceError
 * `redirected` for a refused redirect; transport errors are passed on as thrown by axios.
 */
export async function requestWithinOrigin(
  http: AxiosInstance,
  config: AxiosRequestConfig & { url: string },
  context: RedirectContext,
): Promise<AxiosResponse<Readable>> {
  const method = (config.method ?? 'GET').toUpperCase();
  let current = config;
  for (let hops = 0; ; hops += 1) {
    const response = await http.request<Readable>({
      ...current,
      maxRedirects: 0,
      responseType: 'stream',
      decompress: false,
      validateStatus: () => true,
    });
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    const location = headerValue(response.headers.location);
    // A redirect status without a Location is not a redirect: the caller reports the status.
    if (location === undefined) return response;
    discard(response.data);
    const from = absoluteUrl(current);
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      // The Location is service text; it is named in the message, not followed.
      throw refused(context, response.status, from, `an address that is not valid (“${clip(location)}”)`, method, '');
    }
    if (method !== 'GET') throw refused(context, response.status, from, describeUrl(target), method, movedHint(from, target));
    if (target.origin !== context.allowedOrigin) {
      throw refused(
        context,
        response.status,
        from,
        `${describeUrl(target)}, which is not ${context.allowedOrigin}`,
        method,
        movedHint(from, target),
      );
    }
    if (hops >= MAX_SAME_ORIGIN_REDIRECTS) {
      throw new ServiceError({
        kind: 'redirected',
        service: context.service,
        status: response.status,
        endpoint: stripQuery(from),
        message: `The ${context.service} redirected ${context.what} more than ${MAX_SAME_ORIGIN_REDIRECTS} times (last to ${describeUrl(target)}); it was not followed further.`,
      });
    }
    current = { ...current, url: target.href, params: undefined };
  }
}

function refused(context: RedirectContext, status: number, from: string, where: string, method: string, hint: string): ServiceError {
  const why =
    method === 'GET'
      ? 'The extension follows a redirect only to the same scheme, host and port, so nothing was sent there.'
      : `A ${method} is never sent on to a redirect, so it was not repeated there.`;
  return new ServiceError({
    kind: 'redirected',
    service: context.service,
    status,
    endpoint: stripQuery(from),
    message: `The ${context.service} answered ${context.what} with a redirect (HTTP ${status}) to ${where}. ${why}${hint}`,
  });
}

/**
 * A redirect to the same host under another scheme is how a site moves from http to https: say
 * where the setting should point. Nothing is suggested for another host, which may be anyone's.
 */
function movedHint(from: string, target: URL): string {
  let source: URL;
  try {
    source = new URL(from);
  } catch {
    // `from` is the URL this request was sent to, so it parses; without it there is no hint to give.
    return '';
  }
  return source.hostname === target.hostname && source.protocol !== target.protocol
    ? ` If the service has moved to ${target.protocol}//${target.host}, change the base URL setting to that address.`
    : '';
}

/** Scheme, host, port and path: never the user-info or query of an address, which may hold secrets. */
function describeUrl(url: URL): string {
  return clip(`${url.protocol}//${url.host}${url.pathname}`);
}

function absoluteUrl(config: AxiosRequestConfig & { url: string }): string {
  return config.url;
}

function stripQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at < 0 ? url : url.slice(0, at);
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
