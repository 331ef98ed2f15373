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
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z.object({
  /** Path prefix below the origin, e.g. `/user_objects/checkProductStatus.php` or `/api/v2/swift`. */
  prefix: z.string().startsWith('/'),
  kind: z.enum(FAULT_KINDS),
  /** How many matching requests the fault applies to before it is used up. */
  count: z.number().int().positive().default(1),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
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
    const fault = this.faults.find((f) => f.remaining > 0 && path.startsWith(f.prefix) && (f.match === undefined || body.includes(f.match)));
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
