// XRT product generator replies for tests that stand in for the client: written as the service sends
// them (test/fixtures/protocol/xrt-products.md §4) and read with the client's own schema, so a test
// gets exactly the type and defaults the product's poll scheduler gets.
import { statusResponseSchema, type StatusResponse } from '../../src/xrt/responseSchemas';

/** One product's entry of a status reply, as on the wire (`progress` may be left out). */
export interface WireProductStatus {
  readonly statusCode: number | null;
  readonly statusText: string;
  readonly progress?: unknown;
}

/** A successful `checkProductStatus.php` reply naming these products (and no others). */
export function statusReply(products: Readonly<Record<string, WireProductStatus>>): StatusResponse {
  return statusResponseSchema.parse({ OK: 1, ...products });
}
