// The documented shape of an XRT product generator error reply (test/fixtures/protocol/xrt-products.md
// §1.2, §3.11), so tests can check that the fixtures and the sandbox's refusals conform to it. The
// client reads refusals leniently instead (OK 0, then `ERROR` and `listErr` as far as they can be read,
// src/xrt/client.ts), as xrt_prods does, so this shape is no rule the product applies.
import * as z from 'zod';

/** `OK` as the envelope carries it: a JSON number, or its text (xrt_prods only compares it with 0). */
const okZero = z.union([z.literal(0), z.literal('0')], { error: 'an error reply has OK 0' });

export const xrtErrorResponseSchema = z.object({
  OK: okZero,
  APIVersion: z.union([z.string(), z.number()]),
  ERROR: z.string(),
  listErr: z.array(z.object({ label: z.string(), list: z.array(z.union([z.string(), z.number()])) })).optional(),
  deprecationWarning: z.object({ type: z.string(), message: z.string() }).optional(),
});
