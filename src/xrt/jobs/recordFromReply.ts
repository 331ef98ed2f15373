// Building registry records from what the service returns, and request files from records.
import type { JobRecord, ProductState } from './jobRecord';
import { PRODUCTS, StatusCode, productOutcome, type ProductCode } from '../productCodes';
import { ENUM_FIELDS, isFieldOfUnrequestedProduct } from '../request/requestSchema';
import type { OldJob } from '../responseSchemas';
import { parseServiceDate } from '../serviceDate';

/** The products a request asks for, from its flags (`lc`, `dopsf`, …). */
export function requestedProducts(request: Readonly<Record<string, unknown>>): ProductCode[] {
  return PRODUCTS.filter((p) => Number(request[p.flag]) === 1).map((p) => p.code);
}

/** A job name from the echo or the request: text (or a number written as one), never an object's "[object Object]". */
function nameOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function requested(now: number): ProductState {
  return { statusCode: StatusCode.Requested, statusText: 'Requested', changedAt: now };
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
    name: nameOf(args.jobPars.name) ?? nameOf(args.request.name) ?? `Job ${args.jobId}`,
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

/**
 * An old job from `listOldJobs`, completed by its `getOldProduct` reply, added to the list so it can be
 * polled, downloaded and viewed. The URL is the service's (its relation to the JobID is not
 * guaranteed), and the products are every one the job has: its echoed flags (which include source
 * detection, absent from `listOldJobs`) and the list's own flags; an astrometric position also builds
 * the standard one.
 */
/** The status text of an imported job's products until their first status check. */
const IMPORT_UNCHECKED_TEXT = 'Checking…';

/**
 * Whether a change of state is only the first look at an imported product: an old product being
 * complete is not news (the import's summary says it once), unlike a product finishing now.
 */
export function isFirstLookAtImport(job: JobRecord, before: ProductState | undefined): boolean {
  return job.origin === 'imported' && before?.statusCode === StatusCode.Queued && before.statusText === IMPORT_UNCHECKED_TEXT;
}

/** One line for the whole import: how many jobs, and what their products are now. */
export function importSummary(jobs: readonly JobRecord[]): string {
  const states = jobs.flatMap((j) => Object.values(j.products));
  const count = (outcome: string): number => states.filter((s) => productOutcome(s.statusCode) === outcome).length;
  const unchecked = states.filter((s) => s.statusText === IMPORT_UNCHECKED_TEXT).length;
  const parts = [
    [count('complete'), 'ready to view or download'],
    [count('active') - unchecked, 'still running'],
    [count('cancelled'), 'cancelled'],
    [count('failed'), 'failed'],
    [unchecked, 'not checked yet'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n as number} ${what as string}`);
  const jobsText = `${jobs.length} XRT job${jobs.length === 1 ? '' : 's'}`;
  return parts.length > 0 ? `Imported ${jobsText}; products: ${parts.join(', ')}.` : `Imported ${jobsText}.`;
}

export function recordForOldJob(
  old: OldJob,
  copy: { readonly URL: string; readonly jobPars: Readonly<Record<string, unknown>> },
  userId: string,
  serviceUrl: string,
  now: number,
): JobRecord {
  const listed = PRODUCTS.filter((p) => (old as Record<string, unknown>)[p.listOldJobsKey] === true).map((p) => p.code);
  const echoed = requestedProducts(copy.jobPars);
  const has = new Set<ProductCode>([...listed, ...echoed]);
  if (has.has('xastrom')) has.add('psf');
  const products = PRODUCTS.map((p) => p.code).filter((code) => has.has(code));
  const jobId = String(old.JobID);
  const submittedAt = parseServiceDate(old.DateSubmitted) ?? new Date(now).toISOString();
  const echoedName = typeof copy.jobPars.name === 'string' ? copy.jobPars.name.trim() : '';
  return {
    jobId,
    url: copy.URL,
    name: old.Name || echoedName || `Job ${jobId}`,
    userId,
    serviceUrl,
    submittedAt,
    origin: 'imported',
    jobPars: { ...copy.jobPars },
    // Unknown until the first status request, which the scheduler makes at once.
    products: Object.fromEntries(
      products.map((p) => [p, { statusCode: StatusCode.Queued, statusText: IMPORT_UNCHECKED_TEXT, changedAt: now }]),
    ),
    poll: { unchanged: 0, errors: 0, nextAt: now },
  };
}

/**
 * Keys the service adds to `jobPars` that a request must not send back, plus the resolver flags: the
 * service's documentation asks to remove `getCoords`/`getTargs`/`getT0` before resubmitting, so the
 * job is repeated with the values they resolved to.
 */
const NOT_FOR_RESUBMISSION = new Set([
  'getCoords',
  'getTargs',
  'getT0',
  'api_name',
  'api_version',
  'UserID',
  'outdir',
  'whatSXPS',
  'do3col',
  'enh',
  'pcmaxbin',
  'wtmaxbin',
  'OK',
  'APIVersion',
  'JobID',
  'URL',
]);

/** Keys whose echoed values are text by nature and must stay strings even when they look numeric. */
const TEXT_KEYS = new Set([
  'name',
  'targ',
  'uselcobs',
  'usespecobs',
  'useposobs',
  'useimobs',
  'usedetobs',
  'imen',
  'rname1',
  'rname2',
  'rname3',
  'rname4',
  'gti1',
  'gti2',
  'gti3',
  'gti4',
  'specstem',
]);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface RequestFromEcho {
  readonly request: Record<string, unknown>;
  /** What was changed or left out, in words, for the user (each a sentence). */
  readonly notes: readonly string[];
}

/**
 * A request file body that repeats a job from its returned parameters, normalised so that it passes the
 * request checks and means what the job meant: the service's echo carries fields of products the job
 * did not ask for (left out), legacy numeric codes for enumerations whose meaning is undocumented (left
 * out, so the service's default applies), `useSXPS` as the catalogue name ("2SXPS" → 1), the spelling
 * `sinceT0` (→ `SinceT0`), numbers as strings and braces around target lists.
 */
export function requestFromJobPars(jobPars: Readonly<Record<string, unknown>>): RequestFromEcho {
  const flags = new Set<string>(PRODUCTS.map((p) => p.flag));
  const requestedFlags = Object.fromEntries(PRODUCTS.map((p) => [p.flag, Number(jobPars[p.flag]) === 1 ? 1 : 0]));
  const request: Record<string, unknown> = {};
  const unrequested: string[] = [];
  const notes: string[] = [];
  for (const [key, raw] of Object.entries(jobPars)) {
    if (NOT_FOR_RESUBMISSION.has(key) || raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue;
    if (flags.has(key)) {
      // Only requested products are sent, as the official client does.
      if (requestedFlags[key] === 1) request[key] = 1;
      continue;
    }
    if (isFieldOfUnrequestedProduct(key, requestedFlags)) {
      unrequested.push(key);
      continue;
    }
    const name = key === 'sinceT0' && jobPars.SinceT0 === undefined ? 'SinceT0' : key;
    const value = normaliseEchoValue(name, raw, notes);
    if (value !== undefined) request[name] = value;
  }
  // The service echoes braces around resolved target lists ("{00010873,00010907}").
  if (typeof request.targ === 'string') request.targ = request.targ.replace(/[{}\s]/g, '');
  if (unrequested.length > 0) {
    notes.push(
      `Left out ${unrequested.length} parameter${unrequested.length === 1 ? '' : 's'} of products the job did not ask for (${unrequested.join(', ')}).`,
    );
  }
  return { request, notes };
}

function normaliseEchoValue(key: string, value: unknown, notes: string[]): unknown {
  if (key === 'useSXPS') {
    // Echoed once as the catalogue name ("2SXPS"); anything but zero means yes.
    const off = value === 0 || value === '0' || value === false || value === 'false';
    return off ? 0 : 1;
  }
  const allowed = ENUM_FIELDS.get(key);
  if (allowed) {
    const text = String(value).trim();
    const match = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
    if (match !== undefined) return match;
    if (typeof value === 'number' || NUMBER.test(text)) {
      notes.push(
        `\`${key}\` was echoed as the legacy code ${JSON.stringify(value)}, whose meaning is not documented; it was left out so the service's default applies.`,
      );
      return undefined;
    }
    return value;
  }
  if (key === 'models' && typeof value === 'string')
    return value
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
  if (typeof value !== 'string' || TEXT_KEYS.has(key)) return value;
  const trimmed = value.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : value;
}
