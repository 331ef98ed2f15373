// Fault injection: the sandbox can misbehave on purpose, the way real servers and networks do,
// so that the extension's handling of each failure can be tested and demonstrated.
import { z } from 'zod';

export const FAULT_KINDS = [
  'html-error', // an HTML error page with the given status (404, 500, 502, 503 …)
  'delay', // answer normally, but only after delayMs
  'timeout', // accept the request and never answer
  'reset', // close the connection without an answer
  'truncated-json', // the normal JSON answer, cut in the middle
  'malformed-json', // 200 with a body that is not JSON
  'ok0', // XRT-style application error: HTTP 200 with {"OK":0,"ERROR":message}
  'session-expiry', // every TOO session expires before the request is handled (so it gets a 401)
  'rate-limit', // 429 Too Many Requests with Retry-After
  'redirect-foreign', // a redirect (status, default 307) to the same path on the foreign listener, another origin
  'redirect-same-origin', // a redirect (status, default 307) to the same URL on this origin (the fault is then used up)
  'trickle', // the normal answer, preceded by one space every delayMs (default 1 s) for durationMs (default 120 s)
  'huge-body', // HTTP 200 with a JSON body of `bytes` (default 600 MB), generated while sent, never buffered
  'encoded', // the normal answer compressed with `encoding` (default gzip) and labelled so
  'encoding-label', // the normal answer unchanged, but labelled `Content-Encoding: <encoding>` (a .tar.gz served as "gzip")
  'php-warning', // the normal answer (and its effects) with a PHP warning printed before it, as a PHP server does
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Content codings the sandbox can apply: `deflate-raw` is raw deflate labelled `deflate` (as some
 * servers send it); `unknown` is gzip labelled `x-unknown`, an encoding no client can read.
 */
export const FAULT_ENCODINGS = ['gzip', 'deflate', 'deflate-raw', 'br', 'unknown'] as const;
export type FaultEncoding = (typeof FAULT_ENCODINGS)[number];

export const faultSpecSchema = z.object({
  /** Path prefix below the origin, e.g. `/user_objects/checkProductStatus.php` or `/api/v2/swift`. */
  prefix: z.string().startsWith('/'),
  kind: z.enum(FAULT_KINDS),
  /** How many matching requests the fault applies to before it is used up. */
  count: z.number().int().positive().default(1),
  /** 4xx/5xx for `html-error`; 301, 302, 303, 307 or 308 for the redirects. */
  status: z.number().int().min(300).max(599).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** `trickle`: how long the spaces go on before the answer follows (bounded: at most 10 minutes). */
  durationMs: z.number().int().nonnegative().max(600_000).optional(),
  /** `huge-body`: the size of the body (at most 4 GB). */
  bytes: z.number().int().positive().max(4_000_000_000).optional(),
  /** `encoded`, `encoding-label`, and `html-error` (an encoded error page). */
  encoding: z.enum(FAULT_ENCODINGS).optional(),
  /** Only requests whose body contains this text, e.g. `"JobID":"42"` to stall one job's status requests. */
  match: z.string().min(1).optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultSpecInput = z.input<typeof faultSpecSchema>;

export interface ActiveFault extends FaultSpec {
  readonly id: number;
  remaining: number;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(input: FaultSpecInput): ActiveFault {
    const spec = faultSpecSchema.parse(input);
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault whose prefix (and `match`, in the body) matches, used up by one; undefined when none applies. */
  take(path: string, body = ''): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && path.startsWith(f.prefix) && (f.match === undefined || body.includes(f.match)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): readonly ActiveFault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }
}

/** An error page of the kind Apache or a proxy in front of either service sends. */
export function htmlErrorPage(status: number, reason: string, detail: string): string {
  return [
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">',
    '<html><head>',
    `<title>${status} ${reason}</title>`,
    '</head><body>',
    `<h1>${reason}</h1>`,
    `<p>${detail}</p>`,
    '<hr>',
    '<address>Apache Server (Swift services sandbox)</address>',
    '</body></html>',
    '',
  ].join('\n');
}

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
