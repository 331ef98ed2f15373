// What the test profile holds before VS Code starts, for the tests of start-up behaviour: a damaged
// XRT job list in the extension's global storage (two whole records, then a third cut short, as a
// full disk or a sync tool leaves it). The extension must keep the damaged file aside, keep the two
// jobs and tell the user, although the problem is found before any of its listeners exist.
import * as fs from 'node:fs';
import * as path from 'node:path';

const EXTENSION_ID = 'swift-observatory.swift-observatory';

/** Jobs that can be read from the damaged file (finished, so nothing polls them). */
export const STARTUP_RECOVERABLE_JOB_IDS = ['910001', '910002'] as const;

function finishedJob(jobId: string, name: string): Record<string, unknown> {
  return {
    jobId,
    url: `http://127.0.0.1/user_objects/tprods/USERPROD_${jobId}`,
    name,
    userId: 'astro@example.org',
    serviceUrl: 'http://127.0.0.1/user_objects',
    submittedAt: '2026-01-01T00:00:00.000Z',
    origin: 'submitted',
    jobPars: { name },
    products: { lc: { statusCode: 4, statusText: 'Complete', changedAt: 0, finishedAt: 0 } },
    poll: { unchanged: 0, errors: 0 },
  };
}

const whole = JSON.stringify(
  {
    version: 1,
    jobs: [
      finishedJob(STARTUP_RECOVERABLE_JOB_IDS[0], 'Startup fixture one'),
      finishedJob(STARTUP_RECOVERABLE_JOB_IDS[1], 'Startup fixture two'),
      finishedJob('910003', 'Startup fixture three'),
    ],
  },
  null,
  1,
);

/** The damaged file's exact content. */
export const STARTUP_DAMAGED_JOB_LIST = whole.slice(0, whole.indexOf('"jobId": "910003"') + 12);

/** Writes the start-up fixtures into a fresh profile (`--user-data-dir`). */
export function seedStartupFixtures(userDataDir: string): void {
  const storage = path.join(userDataDir, 'User', 'globalStorage', EXTENSION_ID);
  fs.mkdirSync(storage, { recursive: true });
  fs.writeFileSync(path.join(storage, 'xrt-jobs.json'), STARTUP_DAMAGED_JOB_LIST);
}
