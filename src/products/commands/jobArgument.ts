// The job (and product) a product command is about: a job ID (notifications, tests), a row of the XRT
// Jobs view, or else a job the user picks among those with finished products.
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import { isComplete, isProductCode, productByCode, type ProductCode } from '../../xrt/productCodes';
import type { XrtTreeNode } from '../../xrt/views/xrtJobsTree';
import type { ProductsDeps } from './deps';

/** The products of `job` that are complete (the ones there is something to download or show of). */
export function completeProducts(job: JobRecord): ProductCode[] {
  return Object.entries(job.products)
    .filter(([code, s]) => isProductCode(code) && isComplete(s.statusCode))
    .map(([code]) => code as ProductCode);
}

export async function jobOf(
  deps: ProductsDeps,
  arg: unknown,
  purpose: string,
): Promise<{ job: JobRecord; product?: ProductCode } | undefined> {
  if (typeof arg === 'string') {
    const job = deps.jobs.get(arg);
    return job ? { job } : undefined;
  }
  const node = arg as Partial<Extract<XrtTreeNode, { jobId: string }>> | undefined;
  if (node && typeof node.jobId === 'string') {
    const job = deps.jobs.get(node.jobId);
    if (!job) return undefined;
    const product = node.kind === 'product' && typeof node.product === 'string' && isProductCode(node.product) ? node.product : undefined;
    return product ? { job, product } : { job };
  }
  const candidates = deps.jobs.all().filter((j) => completeProducts(j).length > 0);
  if (candidates.length === 0) {
    void deps.window.showInformationMessage('No XRT job has finished products yet.');
    return undefined;
  }
  const pick = await deps.window.showQuickPick(
    candidates.map((j) => ({
      label: j.name || `Job ${j.jobId}`,
      description: `job ${j.jobId}`,
      detail: completeProducts(j)
        .map((c) => productByCode(c).label)
        .join(', '),
      job: j,
    })),
    { title: purpose, placeHolder: 'Choose an XRT job' },
  );
  return pick ? { job: pick.job } : undefined;
}
