// A small JSON-over-HTTP client on axios that turns every failure mode the services show (HTML
// error pages, non-JSON, truncated JSON, timeouts, resets, 4xx/5xx) into a specific ServiceError.
// Service clients (XRT, TOO) build on it and add their own envelope rules.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ServiceError, type ServiceName } from './errors';
import { looksLikeMarkup, summariseHtmlPage, truncate } from './text';

export interface JsonClientOptions {
  readonly service: ServiceName;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** A preconfigured instance (e.g. with a cookie jar); its baseURL and timeout are overridden per request. */
  readonly axiosInstance?: AxiosInstance;
}

export interface JsonRequest {
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
}

export interface JsonReply {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export class JsonClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: JsonClientOptions) {
    this.http = options.axiosInstance ?? axios.create();
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(request: JsonRequest): Promise<JsonReply> {
    const endpoint = `${this.options.baseUrl}${request.path}`;
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'application/json' };
    let data: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      data = JSON.stringify(request.json);
    } else if (request.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      data = request.form.toString();
    }
    let response: AxiosResponse<string>;
    try {
      response = await this.http.request<string>({
        url: endpoint,
        method: request.method,
        params: request.query,
        data,
        headers,
        timeout: this.options.timeoutMs,
        signal: request.signal,
        // The body is parsed here, not by axios, so that non-JSON and truncated JSON can be told apart.
        responseType: 'text',
        transformResponse: [(raw: unknown) => raw],
        validateStatus: () => true,
        maxRedirects: 5,
      });
    } catch (error) {
      throw this.transportError(error, endpoint);
    }
    return this.interpret(response, endpoint, request.passStatuses ?? []);
  }

  private interpret(response: AxiosResponse<string>, endpoint: string, passStatuses: readonly number[]): JsonReply {
    const { service } = this.options;
    const status = response.status;
    const body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const headers = flattenHeaders(response.headers);
    const ok = status >= 200 && status < 300;

    if (!ok && !passStatuses.includes(status)) throw statusError(service, status, body, endpoint, headers);
    // Decided by the body, never the content type: the XRT service sends its JSON as `text/html`
    // with a blank line before it (xrt-products reference §1; xrt_prods parses every 200 body as JSON).
    return { status, headers, data: parseJsonBody(service, body, endpoint, status) };
  }

  private transportError(error: unknown, endpoint: string): ServiceError {
    const { service, timeoutMs } = this.options;
    if (axios.isCancel(error)) return new ServiceError({ kind: 'cancelled', service, endpoint, message: 'Cancelled.', cause: error });
    const code = axios.isAxiosError(error) ? error.code : undefined;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new ServiceError({ kind: 'timeout', service, endpoint, cause: error, message: `The ${service} did not answer within ${Math.round(timeoutMs / 1000)} s (${hostOf(endpoint)}).` });
    }
    const reason =
      code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code === 'ECONNRESET' || code === 'ERR_SOCKET_CONNECTION_TIMEOUT'
          ? 'the connection was closed before an answer arrived'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'the host name could not be resolved'
            : (error instanceof Error ? error.message : String(error)) || 'unknown network error';
    return new ServiceError({ kind: 'network', service, endpoint, cause: error, message: `Could not reach the ${service} at ${hostOf(endpoint)}: ${reason}.` });
  }
}

export function parseJsonBody(service: ServiceName, body: string, endpoint: string, status: number): unknown {
  const text = body.trim();
  if (text === '') {
    throw new ServiceError({ kind: 'not-json', service, status, endpoint, message: `The ${service} sent an empty answer (HTTP ${status}).` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    if (looksLikeMarkup(text)) {
      throw new ServiceError({
        kind: 'html-page',
        service,
        status,
        endpoint,
        cause: error,
        message: `The ${service} answered with a web page instead of data (HTTP ${status}: “${summariseHtmlPage(text)}”). The service may be down or the base URL may be wrong.`,
      });
    }
    const truncated = error instanceof SyntaxError && /end of (JSON|data)|Unterminated|Unexpected end/i.test(error.message);
    return failParse(service, endpoint, status, text, truncated, error);
  }
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

function statusError(service: ServiceName, status: number, body: string, endpoint: string, headers: Readonly<Record<string, string>>): ServiceError {
  const page = looksLikeMarkup(body) ? ` (“${summariseHtmlPage(body)}”)` : '';
  const common = { service, status, endpoint };
  if (status === 401) return new ServiceError({ ...common, kind: 'unauthorized', message: `The ${service} refused the request: not signed in, or the session has expired (HTTP 401).` });
  if (status === 403) return new ServiceError({ ...common, kind: 'forbidden', message: `The ${service} refused the request: your account is not allowed to do this (HTTP 403).` });
  if (status === 404) return new ServiceError({ ...common, kind: 'not-found', message: `The ${service} has no such resource (HTTP 404 at ${pathOf(endpoint)})${page}. Check the base URL setting.` });
  if (status === 429) {
    const retryAfter = Number(headers['retry-after']);
    const wait = Number.isFinite(retryAfter) ? retryAfter : undefined;
    return new ServiceError({ ...common, kind: 'rate-limited', retryAfterSeconds: wait, message: `The ${service} asks to slow down (HTTP 429)${wait !== undefined ? `; retry after ${wait} s` : ''}.` });
  }
  if (status >= 500) return new ServiceError({ ...common, kind: 'server', message: `The ${service} failed (HTTP ${status})${page}. It may be down or overloaded; try again later.` });
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
