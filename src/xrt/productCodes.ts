// The XRT product generator's products and code tables (test/fixtures/protocol/xrt-products.md §3.1, §14).
// One place for the three names each product goes by on the wire: its short code (status, cancel,
// download stem), its submit flag, and its `listOldJobs` key.

export const PRODUCT_CODES = ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image', 'sourceDet'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export const PRODUCT_FLAGS = ['lc', 'spec', 'dopsf', 'doenh', 'doxastrom', 'image', 'sourceDet'] as const;
export type ProductFlag = (typeof PRODUCT_FLAGS)[number];

type ListOldJobsKey = 'LightCurve' | 'Spectrum' | 'StandardPos' | 'EnhancedPos' | 'AstromPos' | 'Image' | 'SourceDet';

interface ProductInfo {
  /** Used in `what`, as a status/cancel key and as the download stem. */
  readonly code: ProductCode;
  /** The submit field that requests the product (value 1). */
  readonly flag: ProductFlag;
  /** Short human label. */
  readonly label: string;
  /** Boolean key in each `listOldJobs` row. */
  readonly listOldJobsKey: ListOldJobsKey;
}

// `SourceDet` in listOldJobs is not documented (§7); we assume the xrt_prods class name, as for the others,
// and readers must treat the key as optional.
export const PRODUCTS: readonly ProductInfo[] = [
  { code: 'lc', flag: 'lc', label: 'Light curve', listOldJobsKey: 'LightCurve' },
  { code: 'spec', flag: 'spec', label: 'Spectrum', listOldJobsKey: 'Spectrum' },
  { code: 'psf', flag: 'dopsf', label: 'Standard position', listOldJobsKey: 'StandardPos' },
  { code: 'enh', flag: 'doenh', label: 'Enhanced position', listOldJobsKey: 'EnhancedPos' },
  { code: 'xastrom', flag: 'doxastrom', label: 'Astrometric position', listOldJobsKey: 'AstromPos' },
  { code: 'image', flag: 'image', label: 'Image', listOldJobsKey: 'Image' },
  { code: 'sourceDet', flag: 'sourceDet', label: 'Source detection', listOldJobsKey: 'SourceDet' },
];

export function productByCode(code: ProductCode): ProductInfo {
  const found = PRODUCTS.find((p) => p.code === code);
  if (!found) throw new Error(`Unknown XRT product code: ${code}`);
  return found;
}

export function isProductCode(value: string): value is ProductCode {
  return (PRODUCT_CODES as readonly string[]).includes(value);
}

/**
 * Product status codes (`statusCode`, §14.1). `NotReported` is the official client's own code for a
 * product the status reply left out (xrt_prods' convention, §4.2), never sent by the service. `null`
 * on the wire means the job does not contain the product.
 */
export const StatusCode = {
  NotReported: -10,
  Cancelled: -4,
  NoProduct: -3,
  NotQueued: -2,
  NotRequested: -1,
  Requested: 1,
  Queued: 2,
  Running: 3,
  Complete: 4,
  /** Astrometric position only: waiting for the standard position, which it then corrects. */
  WaitingForPosition: 5,
} as const;
type KnownStatusCode = (typeof StatusCode)[keyof typeof StatusCode];

/** A progress step's `StepStatus` (§4.2). */
export const StepStatus = { NotReached: 0, Active: 1, Done: 2 } as const;

interface StatusCodeInfo {
  readonly code: KnownStatusCode;
  readonly label: string;
}

const STATUS_CODES: readonly StatusCodeInfo[] = [
  { code: StatusCode.NotReported, label: 'The service did not report this product' },
  { code: StatusCode.Cancelled, label: 'Cancelled' },
  { code: StatusCode.NoProduct, label: 'Finished without a product (please report to the UKSSDC)' },
  { code: StatusCode.NotQueued, label: 'Internal error: could not be queued' },
  { code: StatusCode.NotRequested, label: 'Internal error: could not be requested' },
  { code: StatusCode.Requested, label: 'Requested' },
  { code: StatusCode.Queued, label: 'Queued' },
  { code: StatusCode.Running, label: 'Running' },
  { code: StatusCode.Complete, label: 'Complete' },
  { code: StatusCode.WaitingForPosition, label: 'Waiting for the standard position' },
];

/** Label for a status code; `null` means the job does not contain the product. */
export function statusLabel(code: number | null): string {
  if (code === null) return 'Not part of this job';
  return STATUS_CODES.find((s) => s.code === code)?.label ?? `Unknown status (${code})`;
}

/**
 * Terminal = negative or Complete (§14.1). `null` (product not in the job) is
 * terminal too: nothing about it will change. Unknown positive codes are treated as still active so a
 * job is never abandoned because the service grew a new intermediate state.
 */
export function isTerminal(code: number | null): boolean {
  if (code === null) return true;
  return code < 0 || code === StatusCode.Complete;
}

/** Finished with products to view or download. */
export function isComplete(code: number | null): boolean {
  return code === StatusCode.Complete;
}

/** Cancelled by the user (not a failure: nothing to report). */
function isCancelled(code: number | null): boolean {
  return code === StatusCode.Cancelled;
}

/**
 * Ended badly in a way the user should be told about: every negative code but Cancelled, unknown
 * negative codes included (negative is terminal, and a new one cannot be assumed to be good news).
 */
export function isFailure(code: number | null): boolean {
  return code !== null && code < 0 && !isCancelled(code);
}

/** Being worked on now (the only state with a progress report worth reading for an estimate). */
export function isRunning(code: number | null): boolean {
  return code === StatusCode.Running;
}

/** How a product ended, or that it has not: what its tree row shows and offers. */
export type ProductOutcome = 'active' | 'complete' | 'cancelled' | 'failed' | 'absent';

export function productOutcome(code: number | null): ProductOutcome {
  if (code === null) return 'absent';
  if (isComplete(code)) return 'complete';
  if (isCancelled(code)) return 'cancelled';
  if (isFailure(code)) return 'failed';
  return 'active';
}

/**
 * A job as a whole, once nothing is active: `complete` when it has finished products to view or
 * download (others may have been cancelled), `partial` when it has some but others failed;
 * without any, `failed` when a product failed, and `cancelled` when all it asked for were cancelled.
 */
export type JobOutcome = 'active' | 'complete' | 'partial' | 'cancelled' | 'failed';

interface JobSummary {
  readonly outcome: JobOutcome;
  /** Short text for the job's row, e.g. "2/3 done", "finished, 1 cancelled", "cancelled". */
  readonly text: string;
}

export function summariseJob(codes: readonly (number | null)[]): JobSummary {
  const outcomes = codes.map(productOutcome).filter((o) => o !== 'absent');
  const count = (o: ProductOutcome): number => outcomes.filter((x) => x === o).length;
  const [complete, cancelled, failed] = [count('complete'), count('cancelled'), count('failed')];
  if (count('active') > 0) return { outcome: 'active', text: `${complete}/${outcomes.length} done` };
  const others = [failed > 0 ? `${failed} failed` : '', cancelled > 0 ? `${cancelled} cancelled` : ''].filter(Boolean).join(', ');
  if (complete > 0) return { outcome: failed > 0 ? 'partial' : 'complete', text: others ? `finished, ${others}` : 'finished' };
  if (failed > 0) return { outcome: 'failed', text: cancelled > 0 ? `failed (${others})` : 'failed' };
  return { outcome: 'cancelled', text: 'cancelled' };
}

/** Per-product codes of a cancel reply (`statusCodes`, §14.2). */
export const CancelCode = { Cancelled: 0, AlreadyFinished: 1, NoRecord: 2, ReasonUnknown: 3, UnknownOutcome: 4 } as const;

interface CancelCodeInfo {
  readonly code: number;
  readonly label: string;
}

const CANCEL_CODES: readonly CancelCodeInfo[] = [
  { code: CancelCode.Cancelled, label: 'Cancelled' },
  { code: CancelCode.AlreadyFinished, label: 'Not cancelled: probably already finished' },
  { code: CancelCode.NoRecord, label: 'Not cancelled: no record of this product for the job' },
  { code: CancelCode.ReasonUnknown, label: 'Not cancelled: reason unknown' },
  { code: CancelCode.UnknownOutcome, label: 'Unknown whether cancelled (an error occurred)' },
];

export function cancelLabel(code: number): string {
  return CANCEL_CODES.find((c) => c.code === code)?.label ?? `Unknown cancel result (${code})`;
}
