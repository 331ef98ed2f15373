// The XRT product generator's products and code tables (test/fixtures/protocol/xrt-products.md §3.1, §14).
// One place for the three names each product goes by on the wire: its short code (status, cancel,
// download stem), its submit flag, and its `listOldJobs` key.

export const PRODUCT_CODES = ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image', 'sourceDet'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export const PRODUCT_FLAGS = ['lc', 'spec', 'dopsf', 'doenh', 'doxastrom', 'image', 'sourceDet'] as const;
export type ProductFlag = (typeof PRODUCT_FLAGS)[number];

export type ListOldJobsKey = 'LightCurve' | 'Spectrum' | 'StandardPos' | 'EnhancedPos' | 'AstromPos' | 'Image' | 'SourceDet';

export interface ProductInfo {
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

export function productByFlag(flag: ProductFlag): ProductInfo {
  const found = PRODUCTS.find((p) => p.flag === flag);
  if (!found) throw new Error(`Unknown XRT product flag: ${flag}`);
  return found;
}

export function isProductCode(value: string): value is ProductCode {
  return (PRODUCT_CODES as readonly string[]).includes(value);
}

/** Client-side code for a product the status reply left out (xrt_prods' convention, §4.2). */
export const STATUS_NOT_REPORTED = -10;
export const STATUS_CANCELLED = -4;
export const STATUS_RUNNING = 3;
export const STATUS_COMPLETE = 4;

export interface StatusCodeInfo {
  readonly code: number;
  readonly label: string;
  /** Whether the product is finished (successfully or not) and will not change again. */
  readonly terminal: boolean;
  /** Whether this ended badly in a way the user should be told about. */
  readonly failure: boolean;
}

export const STATUS_CODES: readonly StatusCodeInfo[] = [
  { code: -10, label: 'The service did not report this product', terminal: true, failure: true },
  { code: -4, label: 'Cancelled', terminal: true, failure: false },
  { code: -3, label: 'Finished without a product (please report to the UKSSDC)', terminal: true, failure: true },
  { code: -2, label: 'Internal error: could not be queued', terminal: true, failure: true },
  { code: -1, label: 'Internal error: could not be requested', terminal: true, failure: true },
  { code: 1, label: 'Requested', terminal: false, failure: false },
  { code: 2, label: 'Queued', terminal: false, failure: false },
  { code: 3, label: 'Running', terminal: false, failure: false },
  { code: 4, label: 'Complete', terminal: true, failure: false },
  { code: 5, label: 'Waiting for the standard position', terminal: false, failure: false },
];

/** Label for a status code; `null` means the job does not contain the product. */
export function statusLabel(code: number | null): string {
  if (code === null) return 'Not part of this job';
  return STATUS_CODES.find((s) => s.code === code)?.label ?? `Unknown status (${code})`;
}

/**
 * Terminal = negative or 4 (§14.1). `null` (product not in the job) is terminal too: nothing about
 * it will change. Unknown positive codes are treated as still active so a job is never abandoned
 * because the service grew a new intermediate state.
 */
export function isTerminal(code: number | null): boolean {
  if (code === null) return true;
  return code < 0 || code === STATUS_COMPLETE;
}

/** How a product ended, or that it has not: what its tree row shows and offers. */
export type ProductOutcome = 'active' | 'complete' | 'cancelled' | 'failed' | 'absent';

export function productOutcome(code: number | null): ProductOutcome {
  if (code === null) return 'absent';
  if (code === STATUS_COMPLETE) return 'complete';
  if (code === STATUS_CANCELLED) return 'cancelled';
  if (code < 0) return 'failed';
  return 'active';
}

/**
 * A job as a whole, once nothing is active: `complete` when it has finished products to view or
 * download (others may have been cancelled), `partial` when it has some but others failed;
 * without any, `failed` when a product failed, and `cancelled` when all it asked for were cancelled.
 */
export type JobOutcome = 'active' | 'complete' | 'partial' | 'cancelled' | 'failed';

export interface JobSummary {
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

export interface CancelCodeInfo {
  readonly code: number;
  readonly label: string;
  readonly cancelled: boolean;
}

export const CANCEL_CODES: readonly CancelCodeInfo[] = [
  { code: 0, label: 'Cancelled', cancelled: true },
  { code: 1, label: 'Not cancelled: probably already finished', cancelled: false },
  { code: 2, label: 'Not cancelled: no record of this product for the job', cancelled: false },
  { code: 3, label: 'Not cancelled: reason unknown', cancelled: false },
  { code: 4, label: 'Unknown whether cancelled (an error occurred)', cancelled: false },
];

export function cancelLabel(code: number): string {
  return CANCEL_CODES.find((c) => c.code === code)?.label ?? `Unknown cancel result (${code})`;
}
