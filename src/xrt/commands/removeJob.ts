// Remove from List: forgets jobs locally. Active ones keep running on the service, so removing them asks first.
import { isJobActive } from '../jobs/jobRecord';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import { selectedJobs, type ProgrammaticOptions, type XrtCommand } from './deps';

export const removeJob: XrtCommand = (deps) => async (node?: XrtTreeNode, nodes?: XrtTreeNode[], options?: ProgrammaticOptions) => {
  const jobs = selectedJobs(deps, node, nodes);
  if (jobs.length === 0) return;
  const active = jobs.filter(isJobActive);
  if (active.length > 0 && !deps.confirmedInAdvance(options)) {
    const ok = await deps.window.showWarningMessage(
      `${active.length} of these jobs are still running on the service. Removing them from the list does not cancel them.`,
      { modal: true },
      'Remove from List',
    );
    if (ok !== 'Remove from List') return;
  }
  await deps.registry.remove(jobs.map((j) => j.jobId));
};
