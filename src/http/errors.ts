// One error type for everything that can go wrong between the extension and either service, so
// commands can show a clear, specific message and decide whether a retry makes sense.

export type ServiceName = 'XRT product generator' | 'Swift TOO API';

export type ServiceErrorKind =
  | 'network' // no connection (refused, reset, DNS)
  | 'timeout' // no answer within the time limit
  | 'cancelled' // the user cancelled
  | 'html-page' // an HTML page where data was expected (error page of a proxy or web server)
  | 'not-json' // a body that is not JSON
  | 'truncated-json' // JSON cut short
  | 'http' // another non-success HTTP status
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'rejected' // the service understood the request and refused it (XRT OK:0, TOO 400/422)
  | 'unexpected-shape'; // JSON that does not have the documented shape

export interface ServiceErrorInit {
  readonly kind: ServiceErrorKind;
  readonly service: ServiceName;
  readonly message: string;
  readonly status?: number;
  /** The endpoint, without query string (never carries credentials). */
  readonly endpoint?: string;
  /** Item-by-item detail, e.g. the groups of an XRT `listErr` or a FastAPI 422 `detail` list. */
  readonly details?: readonly string[];
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  readonly service: ServiceName;
  readonly status?: number;
  readonly endpoint?: string;
  readonly details: readonly string[];
  readonly retryAfterSeconds?: number;

  constructor(init: ServiceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ServiceError';
    this.kind = init.kind;
    this.service = init.service;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.details = init.details ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Whether repeating the same idempotent request later may succeed. */
  get transient(): boolean {
    return ['network', 'timeout', 'server', 'rate-limited', 'html-page', 'truncated-json'].includes(this.kind);
  }

  /** The message plus its details as a bulleted list, for a notification's detail or the log. */
  fullText(): string {
    return this.details.length === 0 ? this.message : `${this.message}\n${this.details.map((d) => `• ${d}`).join('\n')}`;
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/** A one-line description of any thrown value, for messages and the log. */
export function describeError(error: unknown): string {
  if (error instanceof ServiceError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
