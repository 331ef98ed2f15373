// Building registry records from what the service returns, and request files from records.
import type { JobRecord, ProductState } from '../jobs/jobRecord';
import { PRODUCTS, type ProductCode } from './products';
import type { OldJob } from './responseSchemas';

/** The products a request asks for, from its flags (`lc`, `dopsf`, …). */
export function requestedProducts(request: Readonly<Record<string, unknown>>): ProductCode[] {
  return PRODUCTS.filter((p) => Number(request[p.flag]) === 1).map((p) => p.code);
}

function requested(now: number): ProductState {
  return { statusCode: 1, statusText: 'Requested', changedAt: now };
}

export function recordForSubmission(args: {
  jobId: string;
  url: string;
  request: Readonly<Record<string, unknown>>;
  jobPars: Readonly<Record<string, unknown>>;
  userId: string;
  serviceUrl: string;
  requestFile?: string;
  now: number;
  firstPollInMs: number;
}): JobRecord {
  const products = requestedProducts(args.request);
  return {
    jobId: args.jobId,
    url: args.url,
    name: String(args.jobPars.name ?? args.request.name ?? `Job ${args.jobId}`),
    userId: args.userId,
    serviceUrl: args.serviceUrl,
    submittedAt: new Date(args.now).toISOString(),
    origin: 'submitted',
    requestFile: args.requestFile,
    jobPars: { ...args.jobPars },
    products: Object.fromEntries(products.map((p) => [p, requested(args.now)])),
    poll: { unchanged: 0, errors: 0, nextAt: args.now + args.firstPollInMs },
  };
}

/** An old job from `listOldJobs`, added to the list so it can be looked at and its products fetched. */
export function recordForOldJob(old: OldJob, urlBase: string, userId: string, serviceUrl: string, now: number): JobRecord {
  const products = PRODUCTS.filter((p) => (old as Record<string, unknown>)[p.listOldJobsKey] === true).map((p) => p.code);
  const jobId = String(old.JobID);
  const submittedAt = parseServiceDate(old.DateSubmitted) ?? new Date(now).toISOString();
  return {
    jobId,
    url: `${urlBase}/tprods/USERPROD_${jobId}`,
    name: old.Name || `Job ${jobId}`,
    userId,
    serviceUrl,
    submittedAt,
    origin: 'imported',
    jobPars: {},
    // Unknown until the first status request, which the scheduler makes at once.
    products: Object.fromEntries(products.map((p) => [p, { statusCode: 2, statusText: 'Checking…', changedAt: now }])),
    poll: { unchanged: 0, errors: 0, nextAt: now },
  };
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) → ISO 8601. */
export function parseServiceDate(text: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text ?? '');
  if (!m) return undefined;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * Keys the service adds to `jobPars` that a request must not send back, plus the resolver flags: the
 * service's documentation asks to remove `getCoords`/`getTargs`/`getT0` before resubmitting, so the
 * job is repeated with the values they resolved to.
 */
const NOT_FOR_RESUBMISSION = new Set(['getCoords', 'getTargs', 'getT0', 'api_name', 'api_version', 'UserID', 'outdir', 'whatSXPS', 'do3col', 'enh', 'pcmaxbin', 'wtmaxbin', 'OK', 'APIVersion', 'JobID', 'URL']);

/** A request file body that repeats a job from its returned parameters. */
export function requestFromJobPars(jobPars: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(jobPars)) {
    if (NOT_FOR_RESUBMISSION.has(key)) continue;
    request[key] = normaliseEchoValue(key, value);
  }
  // The service echoes braces around resolved target lists ("{00010873,00010907}").
  if (typeof request.targ === 'string') request.targ = request.targ.replace(/[{}\s]/g, '');
  return request;
}

/** Keys whose echoed values are text by nature and must stay strings even when they look numeric. */
const TEXT_KEYS = new Set(['name', 'targ', 'uselcobs', 'usespecobs', 'useposobs', 'useimobs', 'usedetobs', 'imen', 'rname1', 'rname2', 'rname3', 'rname4', 'gti1', 'gti2', 'gti3', 'gti4', 'specstem']);

/** The service echoes numbers as strings ("20", "2.51"); a request file wants numbers. */
function normaliseEchoValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || TEXT_KEYS.has(key)) return value;
  const trimmed = value.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return value;
}
