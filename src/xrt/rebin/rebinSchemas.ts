// Reply schemas of the UKSSDC site API (`API/main.php`) calls that rebin a job's light curve. As lenient
// as the official client (swifttools `ukssdc/main.py` submitAPICall): an `ERROR` key means failure
// whatever else the reply says, `OK` must be present (its value is never examined), and each call
// needs only its own "minKeys". Everything else is passed through or ignored.
import * as z from 'zod';
import { lcDataResponseSchema, parseNumeric } from '../responseSchemas';

/** Any JSON value counts as present (the official client tests presence only). */
const present = z.unknown().refine((v) => v !== undefined, { message: 'missing' });

/**
 * The rebin JobID: a JSON number or a string of digits. The official client runs `int()` on it, which
 * truncates a float; a non-integral string is refused there, and here.
 */
const rebinJobId = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const n = typeof value === 'number' ? Math.trunc(value) : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `JobID ${JSON.stringify(value)} is not a whole number` });
    return z.NEVER;
  }
  return n;
});

export const rebinStartReplySchema = z.object({ OK: present, JobID: rebinJobId }).loose();

/**
 * `status` is documented as a JSON number; a numeric string is read as its number (stricter servers
 * or proxies may quote it) and anything else as "unknown code", never as failure.
 */
export const rebinStatusReplySchema = z
  .object({
    OK: present,
    status: present,
    text: z.unknown().refine((v) => v !== undefined, { message: 'missing' }),
  })
  .loose()
  .transform((reply) => {
    const code = parseNumeric(reply.status);
    const text =
      typeof reply.text === 'string'
        ? reply.text.trim()
        : typeof reply.text === 'number' || typeof reply.text === 'boolean'
          ? String(reply.text)
          : '';
    return { code: code !== undefined && Number.isInteger(code) ? code : undefined, rawStatus: reply.status, text };
  });

/** `downloadLightCurve`: `Datasets` is the only key required; `NOLC` (any truthy value) means no curve. */
export const rebinLightCurveReplySchema = lcDataResponseSchema;
