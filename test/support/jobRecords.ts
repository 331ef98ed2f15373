// A typed builder for job records, shared by the registry and scheduler tests: each test states only
// what it is about (the products' status codes, the submission time), the rest is a plausible job.
import type { JobRecord } from '../../src/xrt/jobs/jobRecord';

export interface JobRecordSpec {
  /** Status code per product; default one light curve, queued. */
  readonly codes?: Readonly<Record<string, number | null>>;
  readonly statusText?: string;
  readonly submittedAt?: string;
  readonly jobPars?: Record<string, unknown>;
}

export function jobRecord(id: string, spec: JobRecordSpec = {}): JobRecord {
  const codes = spec.codes ?? { lc: 2 };
  return {
    jobId: id,
    url: `http://127.0.0.1/user_objects/tprods/USERPROD_${id}`,
    name: `Source ${id}`,
    userId: 'astro@example.org',
    serviceUrl: 'http://127.0.0.1/user_objects',
    submittedAt: spec.submittedAt ?? '2026-01-01T00:00:00Z',
    origin: 'submitted',
    jobPars: spec.jobPars ?? {},
    products: Object.fromEntries(
      Object.entries(codes).map(([p, c]) => [p, { statusCode: c, statusText: spec.statusText ?? 'x', changedAt: 0 }]),
    ),
    poll: { unchanged: 0, errors: 0 },
  };
}
