// Cancel Job and Cancel Product: a modal confirmation per job, then one cancel call for the products that
// are still active, and the per-product outcome of the reply (XRT product generator API docs, cancelJob).
import { describeError } from '../../http/errors';
import type { JobRecord } from '../jobs/jobRecord';
import { CancelCode, cancelLabel, isProductCode, isTerminal, productByCode, type ProductCode } from '../productCodes';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import { selectedJobs, type ProgrammaticOptions, type XrtCommand, type XrtDeps } from './deps';

export const cancelJob: XrtCommand = (deps) => (node?: XrtTreeNode, nodes?: XrtTreeNode[], options?: ProgrammaticOptions) =>
  cancelProducts(deps, selectedJobs(deps, node, nodes), undefined, options);

export const cancelProduct: XrtCommand = (deps) => (node?: XrtTreeNode, _nodes?: XrtTreeNode[], options?: ProgrammaticOptions) => {
  const job = node && 'jobId' in node ? deps.registry.get(node.jobId) : undefined;
  if (job && node?.kind === 'product' && isProductCode(node.product)) return cancelProducts(deps, [job], [node.product], options);
  return undefined;
};

/** `products`: the ones to cancel, or every product of each job when undefined. Finished products are left out. */
async function cancelProducts(
  deps: XrtDeps,
  jobs: JobRecord[],
  products: ProductCode[] | undefined,
  options?: ProgrammaticOptions,
): Promise<void> {
  for (const job of jobs) {
    const what = products ? products.filter((p) => !isTerminal(job.products[p]?.statusCode ?? null)) : activeProducts(job);
    if (what.length === 0) continue;
    const names = what.map((p) => productByCode(p).label.toLowerCase()).join(', ');
    if (!deps.confirmedInAdvance(options)) {
      const action = products ? 'Cancel Product' : 'Cancel Job';
      const ok = await deps.window.showWarningMessage(
        `Cancel the ${names} of ${job.name} (XRT job ${job.jobId})?`,
        { modal: true },
        { title: action },
        { title: 'Keep Running', isCloseAffordance: true },
      );
      if (ok?.title !== action) continue;
    }
    try {
      void deps.window.showInformationMessage(`XRT job ${job.jobId}: ${await sendCancel(deps, job, what)}`);
    } catch (error) {
      void deps.window.showErrorMessage(`Could not cancel XRT job ${job.jobId}: ${describeError(error)}`);
    }
  }
}

/** The products of `job` still running or waiting: the ones a cancel call can stop. */
export function activeProducts(job: JobRecord): ProductCode[] {
  return Object.keys(job.products).filter((p): p is ProductCode => isProductCode(p) && !isTerminal(job.products[p]?.statusCode ?? null));
}

/**
 * One cancel call for `what` of `job` (no confirmation: the caller asked), logged, and the job checked again
 * at once; returns the reply's outcome per product, as text. Throws when the call fails.
 */
export async function sendCancel(deps: XrtDeps, job: JobRecord, what: readonly ProductCode[]): Promise<string> {
  const reply = await deps.clientForJob(job).cancel(job.jobId, what);
  const report = what
    .map((p) => `${productByCode(p).label}: ${reply.status[p] ?? cancelLabel(reply.statusCodes[p] ?? CancelCode.UnknownOutcome)}`)
    .join('; ');
  deps.log.info(`Cancel XRT job ${job.jobId}: ${report}`);
  await deps.scheduler.refreshNow([job.jobId]);
  return report;
}
