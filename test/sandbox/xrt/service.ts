// The emulated UKSSDC XRT product generator (`/user_objects`): routing of the JSON API (POST),
// downloads (GET), the job table on the simulated clock, and the controls tests and the
// control API use. Protocol: test/fixtures/protocol/xrt-products.md; sandbox choices: ./README.md.
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from '../types';
import { API_ROUTES, type ApiState } from './apiHandlers';
import { DEFAULT_MAX_ACTIVE_JOBS, PRODUCT_CODES, type ProductCode } from './constants';
import { handleDownload, type DownloadState } from './downloads';
import { JobStore, stateOf } from './jobs';
import { errorReply, htmlReply, parseJsonBody } from './replies';
import { createRebinService, type RebinSnapshot } from './rebin';
import { Responder } from './responder';
import { seedOldJobs } from './seedJobs';

export interface XrtServiceOptions {
  /** Simulated ms a product takes from submission to completion (xastrom then runs after psf). Default 60 000. */
  readonly productDurationMs?: number;
  /** Refuse `poserr` outside 1–6 arcmin (§17 D6). Default true. */
  readonly strictPoserrRange?: boolean;
  /** Filler bytes added to every archive (benchmarks). Default 0. */
  readonly archivePaddingBytes?: number;
  /** Per-user cap on queued/running jobs (real value unknown). Default 50. */
  readonly maxActiveJobs?: number;
  /** Simulated ms a rebin of a light curve takes from request to completion (§16; real runtime unknown). Default 20 000. */
  readonly rebinDurationMs?: number;
}

export interface XrtJobSnapshot {
  readonly JobID: number;
  readonly UserID: string;
  readonly name: string;
  readonly submitted: string;
  readonly hasProd: boolean;
  /** Product code → current status code. */
  readonly products: Partial<Record<ProductCode, number>>;
}

export interface XrtService extends SandboxService {
  /** Every job with its products' current status codes. */
  jobs(): XrtJobSnapshot[];
  /** Filler bytes for all archives of jobs without their own setting (0 = none). */
  setArchivePadding(bytes: number): void;
  setJobArchivePadding(jobId: number, bytes: number): void;
  /** Makes the next cancel of that product answer code 3 or 4 (which never happen on their own). */
  forceCancelOutcome(jobId: number, product: ProductCode, code: 3 | 4): void;
  /** Marks a job's products as expired (`hasProd: false`; downloads and data then fail). */
  expireProducts(jobId: number): void;
  /** The site API on the same origin (`/API/main.php`: light-curve rebinning) and the rebinned files. */
  readonly siteApi: SandboxService;
  /** Every rebin with its current status code. */
  rebins(): RebinSnapshot[];
}

/** New jobs are numbered from here; the seeded old jobs sit below. */
const FIRST_JOB_ID = 4001;

export function createXrtService(ctx: SandboxContext, options: XrtServiceOptions = {}): XrtService {
  const durationMs = options.productDurationMs ?? 60_000;
  if (!(durationMs > 0)) throw new Error(`productDurationMs must be positive, not ${durationMs}`);
  const store = new JobStore(FIRST_JOB_ID);
  let padding = options.archivePaddingBytes ?? 0;
  const jobUrl = (id: number): string => `${ctx.xrtBaseUrl()}/tprods/USERPROD_${id}`;
  const nowMs = (): number => ctx.clock.nowMs();
  const api: ApiState = {
    store,
    nowMs,
    durationMs,
    strictPoserrRange: options.strictPoserrRange ?? true,
    maxActiveJobs: options.maxActiveJobs ?? DEFAULT_MAX_ACTIVE_JOBS,
    jobUrl,
  };
  const downloads: DownloadState = { store, nowMs, jobUrl, paddingBytes: () => padding, variants: ctx.variants };
  seedOldJobs(store, durationMs);
  const rebinDurationMs = options.rebinDurationMs ?? 20_000;
  if (!(rebinDurationMs > 0)) throw new Error(`rebinDurationMs must be positive, not ${rebinDurationMs}`);
  const siteApi = createRebinService({ store, nowMs, origin: () => ctx.origin(), variants: ctx.variants, durationMs: rebinDurationMs });

  const mustFind = (jobId: number) => {
    const job = store.get(jobId);
    if (!job) throw new Error(`no XRT job ${jobId}`);
    return job;
  };

  return {
    async handle(req: SandboxRequest): Promise<SandboxResponse | undefined> {
      // Apache hands `/x.php/` to x.php (PATH_INFO), so one trailing slash is accepted.
      const apiPath = req.path.endsWith('.php/') ? req.path.slice(0, -1) : req.path;
      const handler = API_ROUTES[apiPath];
      if (handler) {
        if (req.method !== 'POST')
          return htmlReply(
            405,
            `The requested method ${req.method} is not allowed for ${req.path}; the API takes POST requests with a JSON body.`,
            { allow: 'POST' },
          );
        const parsed = parseJsonBody(req);
        if (!parsed.ok) return errorReply(parsed.message, undefined, ctx.variants);
        return handler(api, parsed.value, new Responder(parsed.value, { variants: ctx.variants, path: apiPath }));
      }
      return handleDownload(downloads, req.method, req.path);
    },
    reset(): void {
      store.clear();
      padding = options.archivePaddingBytes ?? 0;
      seedOldJobs(store, durationMs);
      siteApi.reset();
    },
    siteApi,
    rebins: () => siteApi.rebins(),
    jobs(): XrtJobSnapshot[] {
      const now = nowMs();
      return store.all().map((job) => ({
        JobID: job.id,
        UserID: job.owner,
        name: job.spec.name,
        submitted: new Date(job.submittedMs).toISOString(),
        hasProd: job.hasProd,
        products: Object.fromEntries(PRODUCT_CODES.filter((p) => job.spec.products.includes(p)).map((p) => [p, stateOf(job, p, now).code])),
      }));
    },
    setArchivePadding(bytes: number): void {
      if (!(Number.isInteger(bytes) && bytes >= 0)) throw new Error(`archive padding must be a whole number of bytes ≥ 0, not ${bytes}`);
      padding = bytes;
    },
    setJobArchivePadding(jobId: number, bytes: number): void {
      if (!(Number.isInteger(bytes) && bytes >= 0)) throw new Error(`archive padding must be a whole number of bytes ≥ 0, not ${bytes}`);
      mustFind(jobId).paddingBytes = bytes;
    },
    forceCancelOutcome(jobId: number, product: ProductCode, code: 3 | 4): void {
      mustFind(jobId).forcedCancelCodes.set(product, code);
    },
    expireProducts(jobId: number): void {
      mustFind(jobId).hasProd = false;
    },
  };
}
