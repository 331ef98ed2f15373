// Client of the UKSSDC XRT product generator API (XRT product generator API docs; xrt_prods 1.12 is
// the reference for what is sent and relied on). Every call is a JSON POST; application errors come
// back as HTTP 200 with OK 0, and any other OK is success, as in xrt_prods. Reads are retried when the
// failure is transient; submit and cancel never are.
import type * as z from 'zod';
import { ServiceError } from '../http/errors';
import { formatIssues } from '../http/issues';
import { JsonClient } from '../http/jsonClient';
import { retryIdempotent, type RetryPolicy, DEFAULT_READ_RETRY } from '../http/retry';
import type { ProductCode } from './productCodes';
import {
  cancelResponseSchema,
  lcDataResponseSchema,
  listOldJobsResponseSchema,
  numJobsResponseSchema,
  oldProductResponseSchema,
  positionResponseSchema,
  sourceDetResponseSchema,
  specDataResponseSchema,
  statusResponseSchema,
  submitResponseSchema,
  parseNumeric,
  type CancelResponse,
  type ListErrGroup,
  type StatusResponse,
} from './responseSchemas';

export type { ListErrGroup };

export const XRT_SERVICE = 'XRT product generator' as const;
/** The protocol version this client speaks; the server sends older clients legacy formats. */
export const XRT_API_VERSION = '1.12';
/**
 * How long a submission may take before its outcome is called uncertain. Submitting runs name
 * resolution and target searches on the server, so it gets far longer than a status call.
 */
const XRT_SUBMIT_TIMEOUT_MS = 120_000;

let newerApiListener: ((serverVersion: string) => void) | undefined;
const reportedApiVersions = new Set<string>();

/**
 * Where to report that the service speaks a newer API version than this client (xrt_prods warns its
 * user once). Each version is reported once per session, whichever client met it.
 */
export function onNewerXrtApiVersion(listener: ((serverVersion: string) => void) | undefined): void {
  newerApiListener = listener;
}

/** `a` > `b` for dotted versions ("1.13" > "1.12", "1.12.1" > "1.12"); undefined if either is not N.N[.N]. */
export function isNewerVersion(a: string, b: string): boolean | undefined {
  const parts = (v: string): number[] | undefined => (/^\d+(\.\d+){1,2}$/.test(v.trim()) ? v.trim().split('.').map(Number) : undefined);
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/** The service refused the request (OK:0); `listErr` names the offending parameters. */
export class XrtRejectedError extends ServiceError {
  constructor(
    message: string,
    readonly listErr: readonly ListErrGroup[],
    endpoint: string,
  ) {
    super({
      kind: 'rejected',
      service: XRT_SERVICE,
      endpoint,
      message,
      details: listErr.flatMap((g) => g.list.map((item) => `${g.label.replace(/:\s*$/, '')}: ${item}`)),
    });
    this.name = 'XrtRejectedError';
  }
}

interface XrtClientOptions {
  readonly baseUrl: string;
  readonly userId: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly retry?: RetryPolicy;
  /** Called once per distinct `deprecationWarning.type` the service sends. */
  readonly onDeprecationWarning?: (type: string, message: string) => void;
}

export type LcVariant = 'yes' | 'no' | 'both';
/** The product code of a position product, which picks its data endpoint. */
export type PositionEndpoint = Extract<ProductCode, 'psf' | 'enh' | 'xastrom'>;

const POSITION_ENDPOINTS: Readonly<Record<PositionEndpoint, string>> = {
  psf: '/tprods/getPSFPos.php',
  enh: '/tprods/getEnhPos.php',
  xastrom: '/tprods/getAstromPos.php',
};

export class XrtClient {
  private readonly http: JsonClient;
  private readonly submitHttp: JsonClient;
  private readonly warned = new Set<string>();

  constructor(private readonly options: XrtClientOptions) {
    this.http = new JsonClient({
      service: XRT_SERVICE,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
    });
    this.submitHttp = new JsonClient({
      service: XRT_SERVICE,
      baseUrl: options.baseUrl,
      timeoutMs: Math.max(options.timeoutMs, XRT_SUBMIT_TIMEOUT_MS),
      userAgent: options.userAgent,
    });
  }

  get userId(): string {
    return this.options.userId;
  }

  /**
   * Submits a job. Sent exactly once: a failure is reported, never retried. Success needs the
   * service's evidence (a JobID and URL); a reply without them is an `unexpected-shape` error, which
   * callers must treat as "the job may or may not have been created".
   */
  submit(request: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<z.output<typeof submitResponseSchema>> {
    return this.call('/run_userobject.php', { ...request, UserID: this.options.userId }, submitResponseSchema, {
      idempotent: false,
      signal,
      http: this.submitHttp,
    });
  }

  status(
    jobId: string | number,
    what: readonly ProductCode[],
    whatProg: readonly ProductCode[],
    signal?: AbortSignal,
  ): Promise<StatusResponse> {
    return this.call(
      '/checkProductStatus.php',
      { UserID: this.options.userId, JobID: jobId, what: what.join(','), whatProg: whatProg.join(',') },
      statusResponseSchema,
      { idempotent: true, signal },
    );
  }

  /** Cancels products. Never retried: the answer says per product what happened. */
  cancel(jobId: string | number, what: readonly ProductCode[], signal?: AbortSignal): Promise<CancelResponse> {
    return this.call('/canceljob.php', { UserID: this.options.userId, JobID: jobId, what: what.join(',') }, cancelResponseSchema, {
      idempotent: false,
      signal,
    });
  }

  countActiveJobs(signal?: AbortSignal): Promise<z.output<typeof numJobsResponseSchema>> {
    return this.call('/getNumJobs.php', { UserID: this.options.userId }, numJobsResponseSchema, { idempotent: true, signal });
  }

  listOldJobs(signal?: AbortSignal): Promise<z.output<typeof listOldJobsResponseSchema>> {
    return this.call('/listOldJobs.php', { UserID: this.options.userId }, listOldJobsResponseSchema, { idempotent: true, signal });
  }

  copyOldJob(jobId: string | number, signal?: AbortSignal): Promise<z.output<typeof oldProductResponseSchema>> {
    return this.call('/getOldProduct.php', { UserID: this.options.userId, oldJob: jobId }, oldProductResponseSchema, {
      idempotent: true,
      signal,
    });
  }

  position(kind: PositionEndpoint, jobId: string | number, signal?: AbortSignal): Promise<z.output<typeof positionResponseSchema>> {
    return this.call(POSITION_ENDPOINTS[kind], { UserID: this.options.userId, JobID: jobId }, positionResponseSchema, {
      idempotent: true,
      signal,
    });
  }

  sourceList(jobId: string | number, signal?: AbortSignal): Promise<z.output<typeof sourceDetResponseSchema>> {
    return this.call('/tprods/getSourceDetResults.php', { UserID: this.options.userId, JobID: jobId }, sourceDetResponseSchema, {
      idempotent: true,
      signal,
    });
  }

  lightCurve(
    jobId: string | number,
    variants: { nosys: LcVariant; incbad: LcVariant },
    signal?: AbortSignal,
  ): Promise<z.output<typeof lcDataResponseSchema>> {
    return this.call(
      '/tprods/getLCData.php',
      { UserID: this.options.userId, JobID: jobId, nosys: variants.nosys, incbad: variants.incbad },
      lcDataResponseSchema,
      { idempotent: true, signal },
    );
  }

  spectralFits(jobId: string | number, signal?: AbortSignal): Promise<z.output<typeof specDataResponseSchema>> {
    return this.call('/tprods/getSpecData.php', { UserID: this.options.userId, JobID: jobId }, specDataResponseSchema, {
      idempotent: true,
      signal,
    });
  }

  private async call<S extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    schema: S,
    how: { idempotent: boolean; signal?: AbortSignal; http?: JsonClient },
  ): Promise<z.output<S>> {
    const once = async (): Promise<z.output<S>> => {
      const reply = await (how.http ?? this.http).send({
        method: 'POST',
        path,
        // Set after the caller's keys, as xrt_prods does: a request file cannot change them.
        json: { ...body, api_name: 'xrt_prods', api_version: XRT_API_VERSION },
        signal: how.signal,
      });
      return this.interpret(reply.data, schema, `${this.options.baseUrl}${path}`);
    };
    return how.idempotent ? retryIdempotent(once, this.options.retry ?? DEFAULT_READ_RETRY, how.signal) : once();
  }

  private interpret<S extends z.ZodType>(data: unknown, schema: S, endpoint: string): z.output<S> {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ServiceError({
        kind: 'unexpected-shape',
        service: XRT_SERVICE,
        endpoint,
        message: `The ${XRT_SERVICE} sent JSON that is not an object.`,
      });
    }
    const envelope = data as Record<string, unknown>;
    this.reportDeprecation(envelope.deprecationWarning);
    reportApiVersion(envelope.APIVersion);
    const ok = typeof envelope.OK === 'boolean' ? Number(envelope.OK) : parseNumeric(envelope.OK);
    if (ok === undefined || !Number.isFinite(ok)) {
      throw new ServiceError({
        kind: 'unexpected-shape',
        service: XRT_SERVICE,
        endpoint,
        message: `The ${XRT_SERVICE}'s answer has no OK field; it may not be the product generator API (check the base URL).`,
      });
    }
    // xrt_prods treats OK 0 as the only refusal; 1 is success and cancel's 2 a partial success.
    if (ok === 0) {
      const text =
        typeof envelope.ERROR === 'string' && envelope.ERROR.trim() !== ''
          ? envelope.ERROR.trim()
          : 'The request was refused without a reason.';
      throw new XrtRejectedError(text, readListErr(envelope.listErr), endpoint);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error.issues, { max: 3 });
      throw new ServiceError({
        kind: 'unexpected-shape',
        service: XRT_SERVICE,
        endpoint,
        details: issues,
        message: `The ${XRT_SERVICE}'s answer does not have the documented shape.`,
      });
    }
    return parsed.data;
  }

  private reportDeprecation(value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    const { type, message } = value as { type?: unknown; message?: unknown };
    if (typeof type !== 'string' || typeof message !== 'string' || this.warned.has(type)) return;
    this.warned.add(type);
    this.options.onDeprecationWarning?.(type, message);
  }
}

function reportApiVersion(value: unknown): void {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  const version = String(value).trim();
  if (!newerApiListener || reportedApiVersions.has(version) || isNewerVersion(version, XRT_API_VERSION) !== true) return;
  reportedApiVersions.add(version);
  newerApiListener(version);
}

function readListErr(value: unknown): ListErrGroup[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((group: unknown) => {
    if (typeof group !== 'object' || group === null) return [];
    const { label, list } = group as { label?: unknown; list?: unknown };
    return [{ label: typeof label === 'string' ? label : '', list: Array.isArray(list) ? list.map(String) : [] }];
  });
}
