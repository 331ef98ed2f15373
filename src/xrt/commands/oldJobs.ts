// Save as Request (a listed job's parameters as a new request file), Copy Old Job (the same for a job
// of the user's chosen from the service's list) and Import My Jobs (jobs of the user's that still have
// products, added to the list).
import * as vscode from 'vscode';
import { requestFileName } from '../../editing/requestFiles';
import { describeError, isServiceError } from '../../http/errors';
import type { JobRecord } from '../jobs/jobRecord';
import { importSummary, recordForOldJob } from '../jobs/recordFromReply';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import { selectedJobs, type ProgrammaticOptions, type XrtCommand } from './deps';
import { createRequestFileFromEcho, fetchOldJobPars, reportSkippedRecords } from './requestFromJob';

export const saveAsRequest: XrtCommand = (deps) => async (node?: XrtTreeNode) => {
  const job = selectedJobs(deps, node)[0];
  if (!job) return undefined;
  const pars = Object.keys(job.jobPars).length > 0 ? job.jobPars : await fetchOldJobPars(deps, job);
  if (!pars) return undefined;
  const near = job.requestFile ? vscode.Uri.parse(job.requestFile) : undefined;
  return createRequestFileFromEcho(deps, requestFileName(job.name, `job${job.jobId}`), job.jobId, pars, near);
};

/** How a job of the service's list is shown in a quick pick. */
function listedJobItem(j: { readonly Name?: string; readonly JobID: string | number; readonly DateSubmitted?: string }): {
  label: string;
  description: string;
  detail: string;
} {
  return {
    label: j.Name || `Job ${j.JobID}`,
    description: `job ${j.JobID}`,
    detail: j.DateSubmitted ? `submitted ${j.DateSubmitted} UTC` : 'submission date not given',
  };
}

export const importJobs: XrtCommand =
  (deps) =>
  async (options?: ProgrammaticOptions): Promise<number> => {
    const client = await deps.clientForUser();
    if (!client) return 0;
    let listed;
    try {
      listed = await client.listOldJobs();
    } catch (error) {
      void deps.window.showErrorMessage(`Could not list your XRT jobs: ${describeError(error)}`);
      return 0;
    }
    const jobs = listed.jobs;
    reportSkippedRecords(deps, listed.skipped);
    const candidates = jobs.filter((j) => j.hasProd && !deps.registry.get(String(j.JobID)));
    if (candidates.length === 0) {
      void deps.window.showInformationMessage(
        jobs.length === 0 ? 'The service has no jobs of yours.' : 'All your jobs that still have products are already in the list.',
      );
      return 0;
    }
    const items = candidates.map((j) => ({ ...listedJobItem(j), picked: true, job: j }));
    const picks = options?.all
      ? items
      : await deps.window.showQuickPick(items, {
          canPickMany: true,
          title: 'Import My XRT Jobs',
          placeHolder: 'Jobs whose products can still be downloaded',
        });
    if (!picks || picks.length === 0) return 0;
    const settings = deps.settings();
    // Each job's URL and full product list come from getOldProduct, one job at a time (as the
    // official client's copyOldJob does); a job it cannot describe is not imported.
    const records: JobRecord[] = [];
    const failed: string[] = [];
    for (const pick of picks) {
      try {
        const copy = await client.copyOldJob(pick.job.JobID);
        records.push(
          recordForOldJob(
            pick.job,
            { URL: copy.URL, jobPars: copy.jobPars as Record<string, unknown> },
            client.userId,
            settings.xrtBaseUrl,
            Date.now(),
          ),
        );
      } catch (error) {
        failed.push(`job ${pick.job.JobID}: ${describeError(error)}`);
        deps.log.warn(`Could not import XRT job ${pick.job.JobID}: ${isServiceError(error) ? error.fullText() : describeError(error)}`);
      }
    }
    if (records.length > 0) await deps.registry.add(...records);
    // The first look, at once, so the one summary below can say what the old products are.
    await deps.scheduler.refreshNow(records.map((r) => r.jobId));
    const done = importSummary(records.map((r) => deps.registry.get(r.jobId) ?? r));
    if (failed.length > 0) void deps.window.showWarningMessage(`${done} ${failed.length} could not be imported: ${failed.join('; ')}`);
    else void deps.window.showInformationMessage(done);
    return records.length;
  };

export const copyOldJob: XrtCommand =
  (deps) =>
  async (jobIdArg?: string): Promise<vscode.TextEditor | undefined> => {
    const client = await deps.clientForUser();
    if (!client) return undefined;
    let jobId = jobIdArg;
    if (!jobId) {
      try {
        const { jobs, skipped } = await client.listOldJobs();
        reportSkippedRecords(deps, skipped);
        const pick = await deps.window.showQuickPick(
          jobs.map((j) => ({ ...listedJobItem(j), id: String(j.JobID) })),
          { title: 'Copy an Old XRT Job into a New Request' },
        );
        jobId = pick?.id;
      } catch (error) {
        void deps.window.showErrorMessage(`Could not list your XRT jobs: ${describeError(error)}`);
        return undefined;
      }
    }
    if (!jobId) return undefined;
    try {
      const reply = await client.copyOldJob(jobId);
      const pars = reply.jobPars as Record<string, unknown>;
      if (Object.keys(pars).length === 0) {
        void deps.window.showErrorMessage(`The XRT product generator sent no parameters for job ${jobId}, so there is nothing to copy.`);
        return undefined;
      }
      // A name that is not text (the echo is read leniently) names the file after the job instead.
      const name = typeof pars.name === 'string' || typeof pars.name === 'number' ? String(pars.name) : `job ${jobId}`;
      return await createRequestFileFromEcho(deps, requestFileName(name, `copy-of-${jobId}`), jobId, pars);
    } catch (error) {
      void deps.window.showErrorMessage(`Could not copy XRT job ${jobId}: ${describeError(error)}`);
      return undefined;
    }
  };
