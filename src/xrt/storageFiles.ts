// The names of the XRT feature's files in the extension's globalStorage, in a module of their own so
// that the entry bundle (src/startup/jobListGlance.ts) can look at them without loading the feature.

/** The job list shared by all windows (src/xrt/jobs/jobRegistry.ts). */
export const JOB_LIST_FILE = 'xrt-jobs.json';

/** The queue of a batch submission (src/xrt/submission/batchQueue.ts). */
export const BATCH_QUEUE_FILE = 'xrt-batch-queue.json';
