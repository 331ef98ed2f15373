// The job table of the emulated service: who owns what, when it was submitted, what was
// cancelled; product states follow from these and the simulated clock (timeline.ts).
import type { ProductCode } from './constants';
import type { JobSpec } from './jobSpec';
import { failingPositionProducts } from './positions';
import type { JsonObject } from './replies';
import { productState, type ProductState } from './timeline';

export interface Job {
  readonly id: number;
  readonly owner: string;
  readonly submittedMs: number;
  readonly spec: JobSpec;
  readonly jobPars: JsonObject;
  readonly durationMs: number;
  readonly cancelledAt: Map<ProductCode, number>;
  readonly failing: ReadonlySet<ProductCode>;
  /** False once the products have expired (old jobs); downloads and data then fail. */
  hasProd: boolean;
  /** Bytes of filler added to this job's archives (overrides the service-wide setting). */
  paddingBytes?: number;
  /** One-shot cancel outcomes a test asked for (codes 3 and 4 never happen on their own). */
  readonly forcedCancelCodes: Map<ProductCode, 3 | 4>;
}

export class JobStore {
  private readonly jobs = new Map<number, Job>();
  private nextId: number;

  constructor(private readonly firstId: number) {
    this.nextId = firstId;
  }

  add(owner: string, spec: JobSpec, jobPars: JsonObject, submittedMs: number, durationMs: number, fixedId?: number): Job {
    const id = fixedId ?? this.nextId++;
    const job: Job = {
      id,
      owner,
      submittedMs,
      spec,
      jobPars: { ...jobPars, outdir: `USERPROD_${id}` },
      durationMs,
      cancelledAt: new Map(),
      failing: failingPositionProducts(spec),
      hasProd: true,
      forcedCancelCodes: new Map(),
    };
    this.jobs.set(id, job);
    return job;
  }

  get(id: number): Job | undefined {
    return this.jobs.get(id);
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }

  /** Newest first. */
  ownedBy(owner: string): Job[] {
    return this.all()
      .filter((j) => j.owner === owner)
      .sort((a, b) => b.submittedMs - a.submittedMs || b.id - a.id);
  }

  clear(): void {
    this.jobs.clear();
    this.nextId = this.firstId;
  }
}

export function stateOf(job: Job, product: ProductCode, nowMs: number): ProductState {
  return productState(
    {
      submittedMs: job.submittedMs,
      durationMs: job.durationMs,
      products: job.spec.products,
      failing: job.failing,
      cancelledAt: job.cancelledAt,
    },
    product,
    nowMs,
  );
}

/** Queued or running (requested and waiting count too): what getNumJobs reports. */
export function isActive(job: Job, nowMs: number): boolean {
  return job.spec.products.some((p) => {
    const code = stateOf(job, p, nowMs).code;
    return code === 1 || code === 2 || code === 3 || code === 5;
  });
}
