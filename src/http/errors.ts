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
  | 'redirected' // a redirect the extension refused to follow (any POST; a GET to another origin)
  | 'too-large' // an answer larger than the cap for its kind of call
  | 'unsupported-encoding' // a Content-Encoding the extension cannot decode
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'rejected' // the service understood the request and refused it (XRT OK:0, TOO 400/422)
  | 'unexpected-shape'; // JSON that does not have the documented shape

interface ServiceErrorInit {
  readonly kind: ServiceErrorKind;
  readonly service: ServiceName;
  readonly message: string;
  readonly status?: number;
  /** The endpoint, without query string (never carries credentials). */
  readonly endpoint?: string;
  /** Item-by-item detail, e.g. the groups of an XRT `listErr` or a FastAPI 422 `detail` list. */
  readonly details?: readonly string[];
  readonly retryAfterSeconds?: number;
  /**
   * Overrides the rule of `deliveryUncertain` when the transport knows better: `not-sent` when the
   * request provably never left (connection refused, host unknown, cancelled before sending, a sign-in
   * that failed before the request that needed it), `uncertain` when it may have been processed.
   */
  readonly delivery?: Delivery;
  readonly cause?: unknown;
}

export type Delivery = 'not-sent' | 'uncertain';

/**
 * Kinds after which a request that was sent may have been processed: the service got it and then the
 * answer was lost, cut, replaced (a proxy's 502/504 page, a PHP warning printed before the JSON) or
 * refused by the extension (a redirect, an oversized or undecodable answer). The other kinds are the
 * service's own refusal (4xx, XRT `OK:0`, a TOO `Rejected`), after which nothing was recorded.
 */
const UNCERTAIN_KINDS: ReadonlySet<ServiceErrorKind> = new Set<ServiceErrorKind>([
  'network',
  'timeout',
  'cancelled',
  'html-page',
  'not-json',
  'truncated-json',
  'http',
  'redirected',
  'too-large',
  'unsupported-encoding',
  'server',
  'unexpected-shape',
]);

export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  readonly service: ServiceName;
  readonly status?: number;
  readonly endpoint?: string;
  readonly details: readonly string[];
  readonly retryAfterSeconds?: number;
  private readonly delivery?: Delivery;

  constructor(init: ServiceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ServiceError';
    this.kind = init.kind;
    this.service = init.service;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.details = init.details ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.delivery = init.delivery;
  }

  /**
   * The one rule, for both services, of whether a request that failed (a submission, a cancellation)
   * may nevertheless have been received and acted on: true means "may or may not have been received —
   * check before sending it again", false means "nothing was recorded". A 4xx status is the service
   * saying it did not process the request (HTTP semantics: client error), whatever its body looks like.
   */
  get deliveryUncertain(): boolean {
    if (this.delivery !== undefined) return this.delivery === 'uncertain';
    if (this.status !== undefined && this.status >= 400 && this.status < 500) return false;
    return UNCERTAIN_KINDS.has(this.kind);
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

/**
 * `ServiceError.deliveryUncertain` for any thrown value. Anything that is not a ServiceError (a fault
 * of the extension's own after sending, e.g. while recording the answer) proves nothing about the
 * request, so it is uncertain.
 */
export function deliveryUncertain(error: unknown): boolean {
  return error instanceof ServiceError ? error.deliveryUncertain : true;
}

/** A one-line description of any thrown value, for messages and the log. */
export function describeError(error: unknown): string {
  if (error instanceof ServiceError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
