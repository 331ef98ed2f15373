// Fetches the data the viewer shows for a finished job from the JSON endpoints (test/fixtures/protocol/xrt-products.md
// §9–12). Each section is fetched and validated on its own (the zod schemas run inside XrtClient):
// a refusal or a malformed answer becomes that section's error, and the other sections still show.
import { describeError, isServiceError, type ServiceErrorKind } from '../../http/errors';
import type { PositionEndpoint, XrtClient } from '../../xrt/client';
import type { ProductCode } from '../../xrt/productCodes';
import type { LcDataResponse, PositionResponse, SourceDetResponse, SpecDataResponse } from '../../xrt/responseSchemas';

export type SectionResult<T> =
  /** `notes`: records of the reply that could not be read and were skipped (the rest is shown). */
  | { readonly ok: true; readonly value: T; readonly notes?: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly kind?: ServiceErrorKind; readonly details?: readonly string[] };

export interface JobProductsData {
  /** With `nosys` and `incbad` both `both`: every variant of every dataset. */
  readonly lightCurve?: SectionResult<LcDataResponse>;
  readonly spectrum?: SectionResult<SpecDataResponse>;
  readonly positions: Partial<Record<PositionEndpoint, SectionResult<PositionResponse>>>;
  readonly sourceDetection?: SectionResult<SourceDetResponse>;
}

/** The part of XrtClient this needs (so tests can stand in for it). */
export type JobProductsClient = Pick<XrtClient, 'lightCurve' | 'spectralFits' | 'position' | 'sourceList'>;

/** The position products; each product code names its own data endpoint. */
const POSITION_PRODUCTS: readonly PositionEndpoint[] = ['psf', 'enh', 'xastrom'];

async function section<T>(call: () => Promise<T>): Promise<SectionResult<T>> {
  try {
    const value = await call();
    const skipped = (value as { skipped?: unknown }).skipped;
    const notes = Array.isArray(skipped) ? skipped.filter((n): n is string => typeof n === 'string') : [];
    return notes.length > 0 ? { ok: true, value, notes } : { ok: true, value };
  } catch (error) {
    if (isServiceError(error))
      return { ok: false, error: error.message, kind: error.kind, ...(error.details.length > 0 ? { details: error.details } : {}) };
    // Not a service error: a bug or an unexpected failure; still confined to its section, with its text.
    return { ok: false, error: describeError(error) };
  }
}

/**
 * Fetches the sections of `products` that have a data endpoint (`image` has none: its files are
 * downloaded instead). Requests run in parallel; the promise never rejects for one section's failure.
 */
export async function fetchJobProducts(
  client: JobProductsClient,
  jobId: string | number,
  products: readonly ProductCode[],
  signal?: AbortSignal,
): Promise<JobProductsData> {
  const wanted = new Set(products);
  // Every request starts here, before anything is awaited, so they run in parallel.
  const lightCurve = wanted.has('lc') ? section(() => client.lightCurve(jobId, { nosys: 'both', incbad: 'both' }, signal)) : undefined;
  const spectrum = wanted.has('spec') ? section(() => client.spectralFits(jobId, signal)) : undefined;
  const sourceDetection = wanted.has('sourceDet') ? section(() => client.sourceList(jobId, signal)) : undefined;
  const positions = POSITION_PRODUCTS.filter((code) => wanted.has(code)).map((kind) => ({
    kind,
    result: section(() => client.position(kind, jobId, signal)),
  }));

  const byKind: Partial<Record<PositionEndpoint, SectionResult<PositionResponse>>> = {};
  for (const { kind, result } of positions) byKind[kind] = await result;
  return {
    ...(lightCurve ? { lightCurve: await lightCurve } : {}),
    ...(spectrum ? { spectrum: await spectrum } : {}),
    positions: byKind,
    ...(sourceDetection ? { sourceDetection: await sourceDetection } : {}),
  };
}
