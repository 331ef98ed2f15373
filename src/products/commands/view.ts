// View Products: a job's finished products (from the service, with its downloaded files) in the viewer.
import { describeError } from '../../http/errors';
import { jobKey } from '../viewer/viewerKeys';
import type { ProductsCommand, ProductsDeps, ViewOutcome } from './deps';
import { completeProducts, jobOf } from './jobArgument';
import { jobModel, showModel } from './viewerModels';

/** Shows the products of the job `arg` names (see jobOf); also how a download refreshes an open viewer. */
export async function showJobProducts(deps: ProductsDeps, arg?: unknown): Promise<ViewOutcome> {
  const target = await jobOf(deps, arg, 'View XRT Products');
  if (!target) return { kind: 'nothing', message: 'no job chosen' };
  const { job } = target;
  if (completeProducts(job).length === 0 && !job.downloadFolder) {
    const message = `No product of ${job.name} (XRT job ${job.jobId}) is complete yet.`;
    void deps.window.showInformationMessage(message);
    return { kind: 'nothing', message };
  }
  // `{ kind: 'job', jobId, rebinId }` (View Rebinned Light Curve) opens with that rebin's curve chosen.
  const rebinId = (arg as { rebinId?: unknown } | undefined)?.rebinId;
  const model = await deps.withCancellableProgress(`Loading the products of ${job.name} (XRT job ${job.jobId})…`, (_progress, signal) =>
    jobModel(deps, job, job.downloadFolder, signal, typeof rebinId === 'number' ? rebinId : undefined),
  );
  return showModel(deps, model, jobKey(job.jobId), job.downloadFolder);
}

export const view: ProductsCommand = (deps) => async (arg?: unknown) => {
  try {
    return await showJobProducts(deps, arg);
  } catch (error) {
    const message = `Could not show the products: ${describeError(error)}`;
    deps.log.error(message);
    void deps.window.showErrorMessage(message);
    return { kind: 'nothing', message } satisfies ViewOutcome;
  }
};
