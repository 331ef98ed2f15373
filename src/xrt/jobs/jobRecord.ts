// The persisted record of one XRT job: what was asked, what the service last said about each
// product, and the bookkeeping the poll scheduler shares between windows. No secrets belong here.
import * as z from 'zod';
import { isTerminal } from '../productCodes';
import { progressSchema, type Progress } from '../responseSchemas';

/**
 * A saved progress report, read again with the reply's own schema (it is idempotent on what it
 * produced). One that cannot be read (a file written by another version) is dropped, never the job:
 * progress is decoration, and the next status check brings a fresh one.
 */
const savedProgressSchema = z.unknown().transform((value): Progress | undefined => {
  if (value === undefined) return undefined;
  const read = progressSchema.safeParse(value);
  return read.success ? read.data : undefined;
});

const productStateSchema = z.object({
  statusCode: z.number().nullable(),
  statusText: z.string(),
  /** The last progress report, as read from the status reply. */
  progress: savedProgressSchema.optional(),
  /** When the status code last changed (ms since epoch). */
  changedAt: z.number(),
  /** When the product reached a terminal code (see isTerminal). */
  finishedAt: z.number().optional(),
  /** Which progress step was active, and since when (seconds of running time), for completion estimates. */
  stepHistory: z.object({ starts: z.array(z.number()), counted: z.array(z.number()) }).optional(),
});

const pollStateSchema = z.object({
  /** When the job should next be asked about (ms since epoch); absent when nothing is active. */
  nextAt: z.number().optional(),
  unchanged: z.number().int().nonnegative().default(0),
  errors: z.number().int().nonnegative().default(0),
  lastPolledAt: z.number().optional(),
  lastError: z.string().optional(),
  /** When the soonest product was expected to finish (ms since epoch), once that was near. */
  expectedEndAt: z.number().optional(),
  /** The window that is polling this job right now, and until when its claim holds. */
  claimedBy: z.string().optional(),
  claimedUntil: z.number().optional(),
});

/**
 * A rebin of the job's light curve on the UKSSDC site API (test/fixtures/protocol/xrt-products.md §16):
 * kept with the job, so it survives a reload and every window sees it. The binning is stored as the user
 * chose it (request-file names) and checked again where it is used (src/xrt/rebin/rebinRequest.ts).
 */
const rebinStateSchema = z.object({
  /** The rebin's own JobID (not the job's). */
  rebinId: z.number().int().nonnegative(),
  binning: z.record(z.string(), z.unknown()),
  /** The site API URL the rebin was sent to: where its status and curve are asked for. */
  rebinUrl: z.string(),
  requestedAt: z.number(),
  /** The last status code the service gave (§16.3); null before the first look. */
  statusCode: z.number().nullable(),
  statusText: z.string(),
  changedAt: z.number(),
  finishedAt: z.number().optional(),
  poll: z
    .object({
      nextAt: z.number().optional(),
      errors: z.number().int().nonnegative().default(0),
      lastPolledAt: z.number().optional(),
      lastError: z.string().optional(),
      claimedBy: z.string().optional(),
      claimedUntil: z.number().optional(),
    })
    .default({ errors: 0 }),
});

export const jobRecordSchema = z.object({
  jobId: z.string().min(1),
  /** The job's product page and the base of its download URLs. */
  url: z.string(),
  name: z.string(),
  userId: z.string(),
  /** Which service instance (base URL) the job belongs to: jobs of the sandbox and the real service never mix. */
  serviceUrl: z.string(),
  submittedAt: z.string(),
  origin: z.enum(['submitted', 'imported']),
  /** The request file it was submitted from, if any (a URI string). */
  requestFile: z.string().optional(),
  /** Parameters as the service echoed them (wire names). */
  jobPars: z.record(z.string(), z.unknown()).default({}),
  /** Product short code → last known state. */
  products: z.record(z.string(), productStateSchema),
  poll: pollStateSchema.default({ unchanged: 0, errors: 0 }),
  /** Where the job's products were last downloaded on this machine (`<root>/<JobID>-<name>`), if they were. */
  downloadFolder: z.string().optional(),
  /** Rebins of the job's light curve, oldest first. */
  rebins: z.array(rebinStateSchema).optional(),
});

export type ProductState = z.infer<typeof productStateSchema>;
export type JobRecord = z.infer<typeof jobRecordSchema>;
export type RebinState = z.infer<typeof rebinStateSchema>;

export const REGISTRY_VERSION = 1;

export const registryFileSchema = z.object({
  version: z.literal(REGISTRY_VERSION),
  jobs: z.array(z.unknown()),
});

export function isJobActive(job: JobRecord): boolean {
  return Object.values(job.products).some((p) => !isTerminal(p.statusCode));
}
