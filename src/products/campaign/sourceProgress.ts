// Where a source of a campaign is: its campaign state (src/xrt/campaign/campaignState.ts) until a job
// exists, then its job's products as the job list last saw them, and `downloaded` once its products are in
// the source's folder.
import type { SourceProgress } from '../../shared/campaignResultsModel';
import type { SourceState } from '../../xrt/campaign/campaignState';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import { summariseJob } from '../../xrt/productCodes';

export function sourceProgress(
  state: SourceState | undefined,
  record: JobRecord | undefined,
  downloaded: boolean,
): { readonly progress: SourceProgress; readonly note?: string } {
  switch (state?.status) {
    case undefined:
    case 'queued':
      return { progress: 'queued' };
    case 'sending':
      return { progress: 'sending' };
    case 'refused':
      return { progress: 'refused', note: `Refused by the service: ${state.message ?? 'no reason given'}` };
    case 'undecided':
      return { progress: 'undecided', note: `Undecided: ${state.message ?? 'the job list could not tell whether a job was made'}` };
    case 'withdrawn':
      return { progress: 'withdrawn', note: `Withdrawn: ${state.message ?? 'the campaign was cancelled before it was sent'}` };
    case 'submitted':
      break;
  }
  if (downloaded) return { progress: 'downloaded' };
  if (!record) return { progress: 'active', note: `Job ${state.jobId ?? '?'} is not in the XRT Jobs list; its products are unknown.` };
  const summary = summariseJob(Object.values(record.products).map((p) => p.statusCode));
  switch (summary.outcome) {
    case 'active':
      return { progress: 'active' };
    case 'complete':
    case 'partial':
      return { progress: 'complete', ...(summary.outcome === 'partial' ? { note: `Job ${record.jobId}: ${summary.text}.` } : {}) };
    case 'failed':
    case 'cancelled':
      return { progress: 'failed', note: `Job ${record.jobId}: ${summary.text}.` };
  }
}
