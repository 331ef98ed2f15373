// Client of the UKSSDC site API (`POST https://www.swift.ac.uk/API/main.php`) for rebinning a job's
// light curve without rebuilding the job: rebinLightCurve, checkRebinStatus, cancelRebin and
// downloadLightCurve with type REBIN_LC. The official client (swifttools `ukssdc/main.py` submitAPICall
// and `ukssdc/data/download.py` _rebinLightCurve & co.) is the reference for what is sent and relied on:
// one flat JSON object with `APIFunc` and `APIVersion` "1.0.5" added after the function's fields, no user
// identity; an `ERROR` key means failure whatever `OK` says, `OK` must be present, and each function
// needs only its own keys. Reads are retried when the failure is transient; starting and cancelling a
// rebin never are.
import type * as z from 'zod';
import { ServiceError } from '../../http/errors';
import { formatIssues } from '../../http/issues';
import { JsonClient } from '../../http/jsonClient';
import { DEFAULT_READ_RETRY, retryIdempotent, type RetryPolicy } from '../../http/retry';
import { htmlToText, truncate } from '../../http/text';
import { XRT_SERVICE, isNewerVersion, type LcVariant } from '../client';
import type { LcDataResponse } from '../responseSchemas';
import { rebinLightCurveReplySchema, rebinStartReplySchema, rebinStatusReplySchema } from './rebinSchemas';
import { toRebinWire, validateRebinParams, type RebinParams, type RebinWireParams } from './rebinRequest';

/** The version of the swifttools `ukssdc` component the official client sends (`ukssdc/version.py`). */
const UKSSDC_API_VERSION = '1.0.5';
/** Where the site API lives below the site's origin (swifttools `ukssdc/main.py` APIURL). */
const SITE_API_PATH = '/API/main.php';

/**
 * The rebin endpoint for a product generator base URL: the same origin, at the site root. The real
 * service: `https://www.swift.ac.uk/user_objects` → `https://www.swift.ac.uk/API/main.php`; the sandbox
 * serves it on its own origin likewise. Undefined for a base URL that is not a URL.
 */
function rebinUrlFromXrtBase(xrtBaseUrl: string): string | undefined {
  try {
    return `${new URL(xrtBaseUrl).origin}${SITE_API_PATH}`;
  } catch {
    // Not a URL: the caller reports the setting; there is no origin to derive from.
    return undefined;
  }
}

/**
 * Where a job's rebins are sent: the `swiftObservatory.xrt.rebinUrl` setting when it is set, else the
 * site API on the origin of the job's own service (so a sandbox job is rebinned by the sandbox). Undefined
 * when neither gives a URL.
 */
export function rebinUrlForJob(setting: string, jobServiceUrl: string): string | undefined {
  if (setting.trim() !== '') {
    try {
      return new URL(setting.trim()).toString();
    } catch {
      // Not a URL: reported by the caller, never replaced silently by the derived one.
      return undefined;
    }
  }
  return rebinUrlFromXrtBase(jobServiceUrl);
}

/** What is rebinned: a product-generator job's light curve (`UOB_LC`) or an automatic GRB curve. */
type RebinObjectType = 'UOB_LC' | 'GRB';

/** Status codes as the product generator's (XRT product generator API docs, status codes). */
const REBIN_STATUS = {
  cancelled: -4,
  noProduct: -3,
  notQueued: -2,
  notRequested: -1,
  requested: 1,
  queued: 2,
  running: 3,
  complete: 4,
} as const;

interface RebinStatus {
  /** The status code; undefined when the service sent something that is not a whole number. */
  readonly code: number | undefined;
  /** The service's text, as sent (display only). */
  readonly text: string;
  /** 4: the curve can be fetched. */
  readonly complete: boolean;
  /** A negative code: the rebin ended without a curve (failed or cancelled) and never will. */
  readonly failed: boolean;
}

interface RebinCancelOutcome {
  /** No `ERROR` and a truthy `OK` (stricter than the official client, which accepts `OK: 0` too). */
  readonly cancelled: boolean;
  /** The service's reason when it refused (`ERRORTEXT`, else "code N"). */
  readonly reason?: string;
}

interface RebinLightCurve {
  /** The same shape as a job's light curve (`getLCData.php`): what the viewer and the files code read. */
  readonly data: LcDataResponse;
  /** `NOLC` set, or no dataset at all: the rebin produced no light curve. */
  readonly noLightCurve: boolean;
}

/** The service refused a rebin call (an `ERROR` key); `code` as sent, as text. */
export class RebinRejectedError extends ServiceError {
  constructor(
    message: string,
    readonly code: string,
    endpoint: string,
  ) {
    super({ kind: 'rejected', service: XRT_SERVICE, endpoint, message });
    this.name = 'RebinRejectedError';
  }
}

interface RebinClientOptions {
  /** The full `API/main.php` URL (see rebinUrlFromXrtBase). */
  readonly url: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly retry?: RetryPolicy;
  /** Called once per distinct server version above UKSSDC_API_VERSION (the official client warns once). */
  readonly onNewerApiVersion?: (serverVersion: string) => void;
}

type ApiFunction = 'rebinLightCurve' | 'checkRebinStatus' | 'cancelRebin' | 'downloadLightCurve';

export class RebinClient {
  private readonly http: JsonClient;
  private readonly reportedVersions = new Set<string>();

  constructor(private readonly options: RebinClientOptions) {
    this.http = new JsonClient({ service: XRT_SERVICE, baseUrl: options.url, timeoutMs: options.timeoutMs, userAgent: options.userAgent });
  }

  /** The `API/main.php` URL this client sends to (stored with each rebin, so its status is asked there). */
  get url(): string {
    return this.options.url;
  }

  /**
   * Asks for a job's light curve binned anew and returns the rebin's own JobID (not the job's). The
   * binning is checked first (validateRebinParams) and nothing invalid is sent: an invalid one throws a
   * RangeError listing the problems. Sent once: a lost answer is an error whose `deliveryUncertain` is
   * true (a rebin may be running). `jobId` is sent as the submit reply gave it (string or number), as the
   * official client does; `name` labels the result (the official client sends the job's name).
   */
  async rebin(
    jobId: string | number,
    params: RebinParams,
    options: { type?: RebinObjectType; name?: string; signal?: AbortSignal } = {},
  ): Promise<number> {
    const checked = validateRebinParams(params);
    if (!checked.ok) throw new RangeError(`The binning is not valid: ${checked.issues.map((i) => i.message).join(' ')}`);
    return this.rebinWithWireParams(jobId, toRebinWire(checked.value), options);
  }

  /** As `rebin`, with the body fields already in wire names and unchecked (tests, other callers of the site API). */
  async rebinWithWireParams(
    objectId: string | number,
    params: RebinWireParams,
    options: { type?: RebinObjectType; name?: string; signal?: AbortSignal } = {},
  ): Promise<number> {
    const body: Record<string, unknown> = { type: options.type ?? 'UOB_LC', objectID: objectId, ...params };
    if (options.name !== undefined) body.name = options.name;
    const reply = await this.call('rebinLightCurve', body, { idempotent: false, signal: options.signal });
    return this.shaped(rebinStartReplySchema, reply, 'rebinLightCurve').JobID;
  }

  async status(rebinId: number, signal?: AbortSignal): Promise<RebinStatus> {
    const reply = await this.call('checkRebinStatus', { JobID: wireJobId(rebinId) }, { idempotent: true, signal });
    const { code, text } = this.shaped(rebinStatusReplySchema, reply, 'checkRebinStatus');
    return { code, text, complete: code === REBIN_STATUS.complete, failed: code !== undefined && code < 0 };
  }

  /**
   * Cancels a rebin. Never retried. A refusal (an `ERROR` reply, e.g. the rebin already finished) is
   * an outcome, not an exception, as in the official client, which reads it as "not cancelled".
   */
  async cancel(rebinId: number, signal?: AbortSignal): Promise<RebinCancelOutcome> {
    const reply = await this.call('cancelRebin', { JobID: wireJobId(rebinId) }, { idempotent: false, signal, skipErrors: true });
    if ('ERROR' in reply) return { cancelled: false, reason: errorText(reply) };
    const ok = reply.OK;
    const truthy = ok !== undefined && ok !== null && ok !== 0 && ok !== '0' && ok !== '' && ok !== false;
    return truthy
      ? { cancelled: true }
      : {
          cancelled: false,
          reason: ok === undefined ? 'The service did not confirm the cancellation.' : `The service answered OK ${JSON.stringify(ok)}.`,
        };
  }

  /**
   * The rebinned curve, with `incbad`/`nosys` as for a job's curve. The official client defaults
   * `incbad` to "yes" here (unlike for a job's curve); callers say what they want.
   */
  async lightCurve(
    rebinId: number,
    variants: { incbad: LcVariant; nosys: LcVariant } = { incbad: 'yes', nosys: 'no' },
    signal?: AbortSignal,
  ): Promise<RebinLightCurve> {
    const body = { type: 'REBIN_LC', objectID: wireJobId(rebinId), incbad: variants.incbad, nosys: variants.nosys };
    const reply = await this.call('downloadLightCurve', body, { idempotent: true, signal });
    const data = this.shaped(rebinLightCurveReplySchema, { ...reply, OK: 1 }, 'downloadLightCurve');
    const nolc = reply.NOLC;
    const flagged = nolc !== undefined && nolc !== null && nolc !== 0 && nolc !== '0' && nolc !== false && nolc !== '';
    return { data, noLightCurve: flagged || data.Datasets.length === 0 };
  }

  private async call(
    func: ApiFunction,
    fields: Record<string, unknown>,
    how: { idempotent: boolean; signal?: AbortSignal; skipErrors?: boolean },
  ): Promise<Record<string, unknown>> {
    const once = async (): Promise<Record<string, unknown>> => {
      // The envelope goes after the function's fields, as the official client writes it: a parameter of
      // the same name cannot change it.
      const reply = await this.http.send({
        method: 'POST',
        path: '',
        json: { ...fields, APIFunc: func, APIVersion: UKSSDC_API_VERSION },
        signal: how.signal,
      });
      return this.interpret(reply.data, func, how.skipErrors === true);
    };
    return how.idempotent ? retryIdempotent(once, this.options.retry ?? DEFAULT_READ_RETRY, how.signal) : once();
  }

  private interpret(data: unknown, func: ApiFunction, skipErrors: boolean): Record<string, unknown> {
    const endpoint = this.endpoint(func);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ServiceError({
        kind: 'unexpected-shape',
        service: XRT_SERVICE,
        endpoint,
        message: `The UKSSDC rebin service (${func}) sent JSON that is not an object.`,
      });
    }
    const reply = data as Record<string, unknown>;
    this.reportApiVersion(reply.APIVersion);
    if (skipErrors) return reply;
    // The key's presence is the failure, whatever its value (even 0 or ""), as in the official client.
    if ('ERROR' in reply) throw new RebinRejectedError(errorText(reply), String(reply.ERROR), endpoint);
    if (!('OK' in reply)) {
      throw new ServiceError({
        kind: 'unexpected-shape',
        service: XRT_SERVICE,
        endpoint,
        message: `The UKSSDC rebin service (${func}) answered without OK; it may not be the UKSSDC API (check the rebin URL).`,
      });
    }
    return reply;
  }

  private shaped<S extends z.ZodType>(schema: S, reply: unknown, func: ApiFunction): z.output<S> {
    const parsed = schema.safeParse(reply);
    if (parsed.success) return parsed.data;
    throw new ServiceError({
      kind: 'unexpected-shape',
      service: XRT_SERVICE,
      endpoint: this.endpoint(func),
      details: formatIssues(parsed.error.issues, { max: 3 }),
      message: `The UKSSDC rebin service's answer to ${func} lacks what it must hold.`,
    });
  }

  private endpoint(func: ApiFunction): string {
    return `${this.options.url} (${func})`;
  }

  private reportApiVersion(value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const version = String(value).trim();
    if (this.reportedVersions.has(version) || isNewerVersion(version, UKSSDC_API_VERSION) !== true) return;
    this.reportedVersions.add(version);
    this.options.onNewerApiVersion?.(version);
  }
}

/** `ERRORTEXT` as plain text (markup in a server string is never shown as such), else "code N". */
function errorText(reply: Record<string, unknown>): string {
  const text = typeof reply.ERRORTEXT === 'string' ? truncate(htmlToText(reply.ERRORTEXT).trim(), 500) : '';
  if (text !== '') return text;
  return `The UKSSDC rebin service refused the request (code ${truncate(String(reply.ERROR), 40)}).`;
}

/** The official client refuses anything but an integer JobID before sending; so does this one. */
function wireJobId(rebinId: number): number {
  if (!Number.isSafeInteger(rebinId) || rebinId < 0) throw new RangeError(`A rebin JobID must be a whole number, not ${rebinId}`);
  return rebinId;
}
