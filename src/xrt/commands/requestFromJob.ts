// Helpers of the commands that read old jobs back from the service (Save as Request, Copy Old Job,
// Import My Jobs): the request file made from a job's echoed parameters, and the job-list records that
// could not be read.
import type * as vscode from 'vscode';
import { createRequestFile } from '../../editing/requestFiles';
import { describeError } from '../../http/errors';
import type { JobRecord } from '../jobs/jobRecord';
import { requestFromJobPars } from '../jobs/recordFromReply';
import type { XrtDeps } from './deps';

/** A request file repeating a job; what normalising the service's echo changed is said once. */
export async function createRequestFileFromEcho(
  deps: XrtDeps,
  fileName: string,
  jobId: string,
  jobPars: Readonly<Record<string, unknown>>,
  near?: vscode.Uri,
): Promise<vscode.TextEditor | undefined> {
  const { request, notes } = requestFromJobPars(jobPars);
  const editor = await createRequestFile(fileName, request, near);
  if (notes.length > 0) {
    deps.log.info(`Request file from XRT job ${jobId}: ${notes.join(' ')}`);
    void deps.window.showInformationMessage(`The request was made from the parameters of XRT job ${jobId}. ${notes.join(' ')}`);
  }
  return editor;
}

/** The parameters the service echoes for `job` (getOldProduct), or undefined after telling the user why not. */
export async function fetchOldJobPars(deps: XrtDeps, job: JobRecord): Promise<Record<string, unknown> | undefined> {
  try {
    const reply = await deps.clientForJob(job).copyOldJob(job.jobId);
    return reply.jobPars as Record<string, unknown>;
  } catch (error) {
    void deps.window.showErrorMessage(`Could not fetch the parameters of XRT job ${job.jobId}: ${describeError(error)}`);
    return undefined;
  }
}

/** Records of a list reply that could not be read: one log line each and one note for the user. */
export function reportSkippedRecords(deps: XrtDeps, skipped: readonly string[]): void {
  if (skipped.length === 0) return;
  for (const note of skipped) deps.log.warn(`XRT job list: ${note}`);
  const were = skipped.length === 1 ? 'was' : 'were';
  void deps.window.showWarningMessage(
    `${skipped.length} record${skipped.length === 1 ? '' : 's'} in the XRT product generator's job list could not be read ` +
      `and ${were} skipped; see the Swift Observatory log.`,
  );
}
