// A first look at the XRT feature's saved state, cheap enough for activation: how many jobs the job list
// holds and how many are still active, and whether a batch submission waits. Only reading, never
// repairing: whenever the files say more than "nothing to do" (an active job to poll, a waiting batch,
// a campaign job's products to download, a file this look cannot read), the runtime bundle is loaded and the real job registry takes over,
// reporting and repairing as it always does. No zod, so the entry bundle stays small.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isComplete, isTerminal } from '../xrt/productCodes';
import { BATCH_QUEUE_FILE, JOB_LIST_FILE } from '../xrt/storageFiles';

interface JobListGlance {
  readonly jobs: number;
  readonly active: number;
  /** Why the runtime must load now, if it must. */
  readonly loadRuntimeBecause?: string;
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A job record's products that are not finished (the rule of src/xrt/jobs/jobRecord.ts: isJobActive). */
function isActive(job: Record<string, unknown>): boolean | undefined {
  const products = job.products;
  if (!isRecord(products)) return undefined;
  let active = false;
  for (const product of Object.values(products)) {
    if (!isRecord(product)) return undefined;
    const code = product.statusCode;
    if (code !== null && typeof code !== 'number') return undefined;
    if (!isTerminal(code)) active = true;
  }
  return active;
}

/**
 * A campaign's job that finished with a product and was not downloaded (the rule of
 * src/products/campaign/campaignDownloader.ts: its products arrive by themselves, also after a restart).
 */
function awaitsCampaignDownload(job: Record<string, unknown>): boolean {
  const { requestFile, downloadFolder, products } = job;
  if (typeof requestFile !== 'string' || !requestFile.toLowerCase().endsWith('.xrt-campaign.json') || downloadFolder !== undefined)
    return false;
  return (
    isRecord(products) &&
    Object.values(products).some((p) => isRecord(p) && isComplete(typeof p.statusCode === 'number' ? p.statusCode : null))
  );
}

/** What the job list text says; `loadRuntimeBecause` when it is not a plain list of readable jobs. */
function glanceAtJobList(text: string | undefined): JobListGlance {
  if (text === undefined) return { jobs: 0, active: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { jobs: 0, active: 0, loadRuntimeBecause: 'the saved XRT job list is not valid JSON' };
  }
  const jobs = isRecord(parsed) ? parsed.jobs : undefined;
  // Version 1: REGISTRY_VERSION of src/xrt/jobs/jobRecord.ts (a unit test reads a list the registry wrote).
  if (!Array.isArray(jobs) || !isRecord(parsed) || parsed.version !== 1)
    return { jobs: 0, active: 0, loadRuntimeBecause: 'the saved XRT job list has an unexpected shape' };
  let active = 0;
  let toDownload = 0;
  for (const job of jobs) {
    const state = isRecord(job) ? isActive(job) : undefined;
    if (state === undefined) return { jobs: jobs.length, active, loadRuntimeBecause: 'a saved XRT job has an unexpected shape' };
    if (state) active++;
    else if (awaitsCampaignDownload(job as Record<string, unknown>)) toDownload++;
  }
  if (active > 0) return { jobs: jobs.length, active, loadRuntimeBecause: `${active} saved XRT job(s) are active` };
  if (toDownload > 0)
    return {
      jobs: jobs.length,
      active,
      loadRuntimeBecause: `${toDownload} finished XRT campaign job(s) wait for their products to be downloaded`,
    };
  return { jobs: jobs.length, active };
}

/** Whether the batch queue file lists files still to submit (anything unreadable counts: the queue decides). */
function batchQueueWaits(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return !isRecord(parsed) || !Array.isArray(parsed.items) || parsed.items.length > 0;
  } catch {
    return true;
  }
}

/** The look at `dir` (the extension's globalStorage folder). */
export async function glanceAtJobStorage(dir: string): Promise<JobListGlance> {
  const [jobList, batch] = await Promise.all([readIfThere(path.join(dir, JOB_LIST_FILE)), readIfThere(path.join(dir, BATCH_QUEUE_FILE))]);
  const glance = glanceAtJobList(jobList);
  if (glance.loadRuntimeBecause === undefined && batchQueueWaits(batch))
    return { ...glance, loadRuntimeBecause: 'an XRT batch submission waits' };
  return glance;
}
