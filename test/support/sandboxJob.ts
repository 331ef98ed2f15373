// A sandbox job with every product, shared by the products tests (not a test file itself).
import { XrtClient } from '../../src/xrt/client';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ASTRO, createHarness, type Harness } from '../sandbox/xrt/harness';

export const PRODUCT_DURATION_MS = 60_000;

/** Every product of GRB 200416A; xastrom finishes last, at 1.85 × the product duration. */
export const ALL_PRODUCTS_REQUEST: Readonly<Record<string, unknown>> = {
  UserID: ASTRO,
  name: 'GRB 200416A',
  targ: '00966554',
  RA: 335.6985,
  Dec: -7.5179,
  Tstart: 608713541.952,
  cent: 1,
  poserr: 1,
  useSXPS: 0,
  lc: 1,
  binMeth: 'counts',
  pccounts: 20,
  wtcounts: 30,
  spec: 1,
  specz: 0,
  dopsf: 1,
  doenh: 1,
  doxastrom: 1,
  image: 1,
  imen: '0.3-10,1-4',
  sourceDet: 1,
  detobs: 'all',
};

/** Submits `request` to a fresh harness and runs the clock until every product is finished. */
export async function finishedSandboxJob(
  request: Readonly<Record<string, unknown>> = ALL_PRODUCTS_REQUEST,
): Promise<{ h: Harness; jobId: string }> {
  const h = createHarness({ productDurationMs: PRODUCT_DURATION_MS });
  const reply = await h.post('/run_userobject.php', request);
  if (reply.OK !== 1) throw new Error(`the sandbox refused the test job: ${JSON.stringify(reply)}`);
  h.clock.advance(2 * PRODUCT_DURATION_MS);
  return { h, jobId: String(reply.JobID) };
}

/** A finished job of every product on a listening sandbox (for tests that download over HTTP). */
export interface ServedSandboxJob {
  readonly sandbox: Sandbox;
  readonly client: XrtClient;
  readonly jobId: string;
  readonly jobUrl: string;
}

/** Starts a sandbox on a free port, submits ALL_PRODUCTS_REQUEST through the extension's client, finishes it. */
export async function servedFinishedJob(): Promise<ServedSandboxJob> {
  const sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: PRODUCT_DURATION_MS });
  const client = new XrtClient({
    baseUrl: sandbox.xrtBaseUrl,
    userId: ASTRO,
    timeoutMs: 10_000,
    userAgent: 'swift-observatory-tests',
    retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const { UserID: _ignored, ...request } = ALL_PRODUCTS_REQUEST;
  const reply = await client.submit(request);
  sandbox.clock.advance(2 * PRODUCT_DURATION_MS);
  return { sandbox, client, jobId: String(reply.JobID), jobUrl: reply.URL };
}
