// After a submission whose outcome is unknown (a timeout, a reset connection, an error page, a crash between
// recording the intent and reading the reply), a campaign must find out whether the service created the job
// before it sends the source again: a blind retry is how hand-written loops end up with duplicates.
//
// The only record the service offers is the user's job list (listOldJobs, test/fixtures/protocol/xrt-products.md
// §7): JobID, the Name given, DateSubmitted (UTC, to the second) and one flag per product requested (a
// source-detection flag is not documented, so it may be missing). A job of the source's name and products,
// submitted after the intent was recorded, that nobody has claimed yet, is the one the uncertain submission
// made. The service's clock and ours may differ, so "after" allows `skewMs`; and a submission still being
// processed when the client gave up may appear in the list only later, so an empty list counts as "not
// created" only once `graceMs` has passed since the intent. Whatever cannot be told apart is put to the user.
import { PRODUCTS, type ProductCode } from '../productCodes';
import type { OldJob } from '../responseSchemas';
import { parseServiceDate } from '../serviceDate';

/** What a campaign writes down before it sends a source's request. */
export interface SubmissionIntent {
  readonly sourceId: string;
  /** The `name` the request sends: the service lists the job under it. */
  readonly name: string;
  readonly products: readonly ProductCode[];
  /** When the intent was recorded (ms since the epoch, this machine's clock). */
  readonly recordedAt: number;
}

/** A row of the user's job list, as reconciliation reads it. */
export interface ListedJob {
  readonly jobId: string;
  readonly name: string;
  /** ms since the epoch by the service's clock; undefined when the row has no readable date. */
  readonly submittedAt: number | undefined;
  /** Whether each product was requested, for the products the row states (a missing flag says nothing). */
  readonly products: Readonly<Partial<Record<ProductCode, boolean>>>;
}

export type Reconciliation =
  | { readonly kind: 'adopt'; readonly jobId: string }
  | { readonly kind: 'resubmit' }
  /** Too early to read an empty list as "not created": look again at `until`. */
  | { readonly kind: 'wait'; readonly until: number }
  | { readonly kind: 'ask'; readonly candidates: readonly ListedJob[]; readonly reason: string };

export interface ReconcileOptions {
  /** How long after the intent a job may still be missing from the list although it was created. */
  readonly graceMs: number;
  /** How far the service's clock may be behind ours. */
  readonly skewMs: number;
}

/** Generous for a service that answers a submission within its request timeout and lists jobs at once. */
export const DEFAULT_RECONCILE_OPTIONS: ReconcileOptions = { graceMs: 2 * 60_000, skewMs: 10 * 60_000 };

export function listedJob(row: OldJob): ListedJob {
  const products: Partial<Record<ProductCode, boolean>> = {};
  for (const p of PRODUCTS) {
    const flag = (row as Readonly<Record<string, unknown>>)[p.listOldJobsKey];
    if (typeof flag === 'boolean') products[p.code] = flag;
  }
  const date = parseServiceDate(row.DateSubmitted);
  return { jobId: String(row.JobID), name: row.Name, submittedAt: date === undefined ? undefined : Date.parse(date), products };
}

/** Names as the service may echo them: the comparison ignores case and runs of white space. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
}

function sameProducts(intent: SubmissionIntent, job: ListedJob): boolean {
  return PRODUCTS.every((p) => {
    const stated = job.products[p.code];
    return stated === undefined || stated === intent.products.includes(p.code);
  });
}

/** Jobs of the list that the uncertain submission of `intent` could have made. */
function candidatesFor(intent: SubmissionIntent, listed: readonly ListedJob[], claimed: ReadonlySet<string>, options: ReconcileOptions) {
  return listed.filter(
    (job) =>
      !claimed.has(job.jobId) &&
      sameName(intent.name, job.name) &&
      sameProducts(intent, job) &&
      (job.submittedAt === undefined || job.submittedAt >= intent.recordedAt - options.skewMs),
  );
}

/**
 * What to do about each uncertain submission, given the user's job list read after all of them, the job IDs
 * already attributed to something (other sources, the job registry) and the time now. Intents that the same
 * job could belong to (same name and products) are decided together: one job cannot settle two of them.
 */
export function reconcileIntents(
  intents: readonly SubmissionIntent[],
  listed: readonly ListedJob[],
  claimed: ReadonlySet<string>,
  now: number,
  options: ReconcileOptions = DEFAULT_RECONCILE_OPTIONS,
): Map<string, Reconciliation> {
  const out = new Map<string, Reconciliation>();
  for (const intent of intents) {
    const candidates = candidatesFor(intent, listed, claimed, options);
    const rivals = intents.filter((other) => other !== intent && candidatesFor(other, candidates, claimed, options).length > 0);
    out.set(intent.sourceId, decide(intent, candidates, rivals, now, options));
  }
  return out;
}

function decide(
  intent: SubmissionIntent,
  candidates: readonly ListedJob[],
  rivals: readonly SubmissionIntent[],
  now: number,
  options: ReconcileOptions,
): Reconciliation {
  if (candidates.length === 0) {
    const until = intent.recordedAt + options.graceMs;
    return now < until ? { kind: 'wait', until } : { kind: 'resubmit' };
  }
  if (rivals.length > 0) {
    return {
      kind: 'ask',
      candidates,
      reason: `${rivals.length + 1} sources named "${intent.name}" with the same products were being submitted; the job list cannot tell which job is whose.`,
    };
  }
  const undated = candidates.filter((job) => job.submittedAt === undefined);
  if (candidates.length === 1 && undated.length === 0) return { kind: 'adopt', jobId: candidates[0]!.jobId };
  return {
    kind: 'ask',
    candidates,
    reason:
      undated.length > 0
        ? `The job list gives no submission date for ${undated.length === 1 ? 'a job' : `${undated.length} jobs`} named "${intent.name}", so it cannot tell whether the uncertain submission made it.`
        : `${candidates.length} jobs named "${intent.name}" with the same products were submitted since the uncertain submission.`,
  };
}
