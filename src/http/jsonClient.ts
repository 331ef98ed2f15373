// A small JSON-over-HTTP client on axios that turns every failure mode the services show (HTML
// error pages, non-JSON, truncated JSON, timeouts, resets, 4xx/5xx) into a specific ServiceError.
// Service clients (XRT, TOO) build on it and add their own envelope rules.
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import {
  ACCEPTED_ENCODINGS,
  BodyDecodingError,
  BodyTooLargeError,
  UnsupportedEncodingError,
  contentCodings,
  decodedStream,
  megabytesText,
  readCapped,
  readHead,
} from './body';
import { RequestDeadline, secondsText } from './deadline';
import { describeError, ServiceError, type Delivery, type ServiceName } from './errors';
import { axiosLibrary, transportErrorCode } from './axiosLoader';
import { requestWithinOrigin } from './redirects';
import { htmlToText, looksLikeMarkup, summariseHtmlPage, truncate } from './text';

/** The default cap on a JSON answer: far above any real reply of either service (a long light curve is a few hundred kB). */
const DEFAULT_MAX_JSON_BYTES = 8_000_000;
/** Enough of an error page to find its title; the rest is not read. */
const ERROR_PAGE_BYTES = 64 * 1024;

interface JsonClientOptions {
  readonly service: ServiceName;
  readonly baseUrl: string;
  /** The total time limit of one request: connecting, the headers and the whole body (not an idle limit). */
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** A preconfigured instance (e.g. with a cookie jar); redirects, body handling and limits are set per request. */
  readonly axiosInstance?: AxiosInstance;
  /** Largest decoded answer accepted, in bytes; default DEFAULT_MAX_JSON_BYTES. */
  readonly maxResponseBytes?: number;
}

interface JsonRequest {
  readonly method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  readonly query?: URLSearchParams;
  /** Sent as `application/json`. */
  readonly json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  readonly form?: URLSearchParams;
  readonly signal?: AbortSignal;
  /** Non-2xx statuses whose JSON body the caller interprets itself (e.g. TOO 400 and 422). */
  readonly passStatuses?: readonly number[];
  /** Overrides the client's cap for an endpoint known to answer more (or less). */
  readonly maxResponseBytes?: number;
}

export interface JsonReply {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export class JsonClient {
  private instance: AxiosInstance | undefined;
  private readonly origin: string | undefined;

  constructor(private readonly options: JsonClientOptions) {
    this.origin = originOf(options.baseUrl);
  }

  /** Made at the first request, so a client can exist before axios is loaded (./axiosLoader.ts). */
  private get http(): AxiosInstance {
    this.instance ??= this.options.axiosInstance ?? axiosLibrary().create();
    return this.instance;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(request: JsonRequest): Promise<JsonReply> {
    const { service } = this.options;
    const endpoint = `${this.options.baseUrl}${request.path}`;
    const what = `${request.method} ${pathOf(endpoint)}`;
    if (request.signal?.aborted)
      throw new ServiceError({ kind: 'cancelled', service, endpoint, delivery: 'not-sent', message: 'Cancelled.' });
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'application/json',
      'accept-encoding': ACCEPTED_ENCODINGS,
    };
    let data: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      data = JSON.stringify(request.json);
    } else if (request.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      data = request.form.toString();
    }
    const limit = request.maxResponseBytes ?? this.options.maxResponseBytes ?? DEFAULT_MAX_JSON_BYTES;
    const deadline = new RequestDeadline(this.options.timeoutMs, request.signal);
    let response: AxiosResponse<Readable>;
    try {
      try {
        response = await requestWithinOrigin(
          this.http,
          {
            url: endpoint,
            method: request.method,
            params: request.query,
            data,
            headers,
            signal: deadline.signal,
            // axios counts the bytes off the wire, readCapped the decoded ones: neither may pass the cap.
            maxContentLength: limit,
            maxBodyLength: -1,
          },
          { service, allowedOrigin: this.origin ?? '', what },
        );
      } catch (error) {
        throw this.transportError(error, endpoint, deadline, false, limit);
      }
      const status = response.status;
      const replyHeaders = flattenHeaders(response.headers);
      const ok = status >= 200 && status < 300;
      const passed = passStatusesOf(request).includes(status);
      if (!ok && !passed) {
        let page = '';
        try {
          page = (
            await readHead(decodedStream(response.data, contentCodings(replyHeaders['content-encoding'])), ERROR_PAGE_BYTES)
          ).toString('utf8');
        } catch {
          // The page only decorates the status error; an unreadable one (cut, undecodable) leaves the status to speak.
          response.data.destroy();
        }
        throw statusError(service, status, page, endpoint, replyHeaders);
      }
      let body: string;
      try {
        body = (await readCapped(decodedStream(response.data, contentCodings(replyHeaders['content-encoding'])), limit)).toString('utf8');
      } catch (error) {
        response.data.destroy();
        throw this.bodyError(error, endpoint, status, limit, deadline);
      }
      // Decided by the body, never the content type: the XRT service sends its JSON as `text/html`
      // with a blank line before it (test/fixtures/protocol/xrt-products.md §1; xrt_prods parses every 200 body as JSON).
      return { status, headers: replyHeaders, data: parseJsonBody(service, stripBom(body), endpoint, status) };
    } finally {
      deadline.dispose();
    }
  }

  private bodyError(error: unknown, endpoint: string, status: number, limit: number, deadline: RequestDeadline): ServiceError {
    const { service } = this.options;
    if (error instanceof ServiceError) return error;
    if (error instanceof BodyTooLargeError) {
      return new ServiceError({
        kind: 'too-large',
        service,
        status,
        endpoint,
        message: `The ${service}'s answer was larger than ${megabytesText(limit)} and was refused (HTTP ${status} at ${pathOf(endpoint)}).`,
      });
    }
    if (error instanceof UnsupportedEncodingError) {
      return new ServiceError({
        kind: 'unsupported-encoding',
        service,
        status,
        endpoint,
        message: `The ${service} sent its answer in an encoding the extension cannot read (Content-Encoding “${truncate(error.encoding, 40)}”, HTTP ${status}).`,
      });
    }
    if (error instanceof BodyDecodingError) {
      return new ServiceError({
        kind: error.truncated ? 'truncated-json' : 'not-json',
        service,
        status,
        endpoint,
        message: error.truncated
          ? `The ${service}'s ${error.encoding}-compressed answer was cut short. Try again.`
          : `The ${service}'s ${error.encoding}-compressed answer is damaged and could not be decoded.`,
      });
    }
    return this.transportError(error, endpoint, deadline, true, limit);
  }

  private transportError(
    error: unknown,
    endpoint: string,
    deadline: RequestDeadline,
    headersArrived: boolean,
    limit: number,
  ): ServiceError {
    const { service, timeoutMs } = this.options;
    if (error instanceof ServiceError) return error;
    const host = hostOf(endpoint);
    if (deadline.stoppedBy === 'deadline') {
      const message = headersArrived
        ? `The ${service} did not finish its answer within ${secondsText(timeoutMs)} (${host}); it was stopped.`
        : `The ${service} did not answer within ${secondsText(timeoutMs)} (${host}).`;
      return new ServiceError({ kind: 'timeout', service, endpoint, cause: error, message });
    }
    if (deadline.stoppedBy === 'cancelled' || axiosLibrary().isCancel(error))
      return new ServiceError({ kind: 'cancelled', service, endpoint, message: 'Cancelled.', cause: error });
    const code = transportErrorCode(error);
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new ServiceError({
        kind: 'timeout',
        service,
        endpoint,
        cause: error,
        message: `The ${service} did not answer within ${secondsText(timeoutMs)} (${host}).`,
      });
    }
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(error instanceof Error ? error.message : '')) {
      return new ServiceError({
        kind: 'too-large',
        service,
        endpoint,
        message: `The ${service}'s answer was larger than ${megabytesText(limit)} and was refused (${pathOf(endpoint)}).`,
      });
    }
    const notSent = code !== undefined && NOT_SENT_CODES.has(code) && !headersArrived;
    const reason =
      code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : headersArrived
          ? 'the connection was closed before the whole answer arrived'
          : code === 'ECONNRESET' || code === 'ERR_SOCKET_CONNECTION_TIMEOUT'
            ? 'the connection was closed before an answer arrived'
            : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
              ? 'the host name could not be resolved'
              : describeError(error) || 'unknown network error';
    const delivery: Delivery | undefined = notSent ? 'not-sent' : undefined;
    return new ServiceError({
      kind: 'network',
      service,
      endpoint,
      cause: error,
      delivery,
      message: `Could not reach the ${service} at ${host}: ${reason}.`,
    });
  }
}

/**
 * Failures that happen before a single byte of the request can reach the service: no address, no
 * route, no connection, a TLS certificate refused during the handshake. After them nothing was received.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_INVALID_URL',
]);

function passStatusesOf(request: JsonRequest): readonly number[] {
  return request.passStatuses ?? [];
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    // A misconfigured base URL: the request itself fails with a clear message; no redirect is allowed.
    return undefined;
  }
}

function parseJsonBody(service: ServiceName, body: string, endpoint: string, status: number): unknown {
  const text = body.trim();
  if (text === '') {
    throw new ServiceError({
      kind: 'not-json',
      service,
      status,
      endpoint,
      message: `The ${service} sent an empty answer (HTTP ${status}).`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    if (looksLikeMarkup(text)) {
      const warning = phpWarning(text);
      throw new ServiceError({
        kind: 'html-page',
        service,
        status,
        endpoint,
        cause: error,
        message: warning
          ? `The ${service} printed a server warning before its answer (HTTP ${status}: “${warning}”), so the answer could not be read.`
          : `The ${service} answered with a web page instead of data (HTTP ${status}: “${summariseHtmlPage(text)}”). The service may be down or the base URL may be wrong.`,
      });
    }
    return failParse(service, endpoint, status, text, isCutShort(text, error), error);
  }
}

/**
 * Whether JSON that failed to parse is a cut-off prefix of JSON rather than something else. The
 * engines word this differently: older V8 says "Unexpected end of JSON input" for every cut, newer V8
 * names what it expected "at position N" — a cut after a comma reads "Expected double-quoted property
 * name … at position N" with N the length of the text. An error at the very end is a cut; one before
 * it is malformed JSON.
 */
function isCutShort(text: string, error: unknown): boolean {
  if (!(error instanceof SyntaxError)) return false;
  if (/end of (JSON|data)|Unterminated|Unexpected end/i.test(error.message)) return true;
  const position = /at position (\d+)/.exec(error.message)?.[1];
  return position !== undefined && Number(position) >= text.length;
}

/** "Warning: Undefined variable $x in /var/www/…/run_userobject.php on line 3", when PHP printed one. */
function phpWarning(text: string): string | undefined {
  const match = /<b>\s*(Warning|Notice|Deprecated|Fatal error|Parse error)\s*<\/b>\s*:([\s\S]*?)(<br\s*\/?>|\n\s*[[{]|$)/i.exec(text);
  if (!match) return undefined;
  return truncate(htmlToText(`${match[1]}:${match[2]}`), 160);
}

function failParse(service: ServiceName, endpoint: string, status: number, body: string, truncated: boolean, cause: unknown): never {
  throw new ServiceError({
    kind: truncated ? 'truncated-json' : 'not-json',
    service,
    status,
    endpoint,
    cause,
    message: truncated
      ? `The ${service}'s answer was cut short (incomplete JSON, ${body.length} bytes). Try again.`
      : `The ${service} sent something that is not JSON: “${truncate(body.replace(/\s+/g, ' ').trim(), 80)}”.`,
  });
}

function statusError(
  service: ServiceName,
  status: number,
  body: string,
  endpoint: string,
  headers: Readonly<Record<string, string>>,
): ServiceError {
  const page = looksLikeMarkup(body) ? ` (“${summariseHtmlPage(body)}”)` : '';
  const common = { service, status, endpoint };
  if (status === 401)
    return new ServiceError({
      ...common,
      kind: 'unauthorized',
      message: `The ${service} refused the request: not signed in, or the session has expired (HTTP 401).`,
    });
  if (status === 403)
    return new ServiceError({
      ...common,
      kind: 'forbidden',
      message: `The ${service} refused the request: your account is not allowed to do this (HTTP 403).`,
    });
  if (status === 404)
    return new ServiceError({
      ...common,
      kind: 'not-found',
      message: `The ${service} has no such resource (HTTP 404 at ${pathOf(endpoint)})${page}. Check the base URL setting.`,
    });
  if (status === 429) {
    const retryAfter = Number(headers['retry-after']);
    const wait = Number.isFinite(retryAfter) ? retryAfter : undefined;
    return new ServiceError({
      ...common,
      kind: 'rate-limited',
      retryAfterSeconds: wait,
      message: `The ${service} asks to slow down (HTTP 429)${wait !== undefined ? `; retry after ${wait} s` : ''}.`,
    });
  }
  if (status >= 500)
    return new ServiceError({
      ...common,
      kind: 'server',
      message: `The ${service} failed (HTTP ${status})${page}. It may be down or overloaded; try again later.`,
    });
  return new ServiceError({ ...common, kind: 'http', message: `The ${service} answered HTTP ${status}${page}.` });
}

function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.join(', ');
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value);
  }
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Not a URL (a misconfigured base URL): show it as given, it is what the user typed.
    return url;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    // As above: a malformed base URL is reported verbatim.
    return url;
  }
}
