// The entry bundle's first look at the saved XRT state (src/startup/jobListGlance.ts): the counts the
// status bar shows before the job registry loads, and when the registry must load at once (an active
// job to poll, a waiting batch, a file only the registry can read or repair).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { glanceAtJobStorage } from '../../../src/startup/jobListGlance';
import { JobRegistry } from '../../../src/xrt/jobs/jobRegistry';
import { JOB_LIST_FILE as REGISTRY_FILE } from '../../../src/xrt/storageFiles';
import { StatusCode } from '../../../src/xrt/productCodes';
import { BATCH_QUEUE_FILE } from '../../../src/xrt/storageFiles';
import { jobRecord } from '../../support/jobRecords';

describe('startup: the glance at the saved XRT jobs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-glance-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const withJobs = async (...jobs: ReturnType<typeof jobRecord>[]): Promise<void> => {
    const registry = await JobRegistry.open(dir, 'test');
    await registry.add(...jobs);
    registry.dispose();
  };

  it('sees nothing to do in a fresh profile', async () => {
    assert.deepEqual(await glanceAtJobStorage(dir), { jobs: 0, active: 0 });
    assert.deepEqual(await glanceAtJobStorage(path.join(dir, 'not-created-yet')), { jobs: 0, active: 0 });
  });

  it('counts the finished jobs of a list the registry wrote, and leaves the registry unloaded', async () => {
    await withJobs(
      jobRecord('1', { codes: { lc: StatusCode.Complete } }),
      jobRecord('2', { codes: { lc: StatusCode.Complete, spec: -1 } }),
    );
    assert.deepEqual(await glanceAtJobStorage(dir), { jobs: 2, active: 0 });
  });

  it('loads the registry when a job is active (it is polled), agreeing with isJobActive', async () => {
    await withJobs(jobRecord('1', { codes: { lc: StatusCode.Complete } }), jobRecord('2', { codes: { lc: StatusCode.Complete, spec: 2 } }));
    const registry = await JobRegistry.open(dir, 'test');
    const active = registry.active().length;
    registry.dispose();
    const glance = await glanceAtJobStorage(dir);
    assert.equal(glance.active, active);
    assert.equal(glance.jobs, 2);
    assert.match(glance.loadRuntimeBecause ?? '', /1 saved XRT job\(s\) are active/);
  });

  it('loads the runtime for a finished campaign job whose products were not downloaded yet, and only for that', async () => {
    const campaign = 'file:///w/grbs.xrt-campaign.json';
    await withJobs(
      { ...jobRecord('1', { codes: { lc: StatusCode.Complete } }), requestFile: campaign, downloadFolder: '/w/grbs/a' },
      { ...jobRecord('2', { codes: { lc: StatusCode.NoProduct } }), requestFile: campaign },
      { ...jobRecord('3', { codes: { lc: StatusCode.Complete } }), requestFile: 'file:///w/one.xrt.json' },
    );
    assert.deepEqual(await glanceAtJobStorage(dir), { jobs: 3, active: 0 });
    await withJobs({ ...jobRecord('4', { codes: { lc: StatusCode.Complete, spec: StatusCode.Cancelled } }), requestFile: campaign });
    assert.match((await glanceAtJobStorage(dir)).loadRuntimeBecause ?? '', /1 finished XRT campaign job\(s\) wait for their products/);
  });

  it('leaves a damaged or foreign list to the registry, which reports and repairs it', async () => {
    for (const text of ['{"version":1,"jobs":[', '{"version":2,"jobs":[]}', '{"jobs":{}}', '{"version":1,"jobs":[{"jobId":"1"}]}']) {
      await fs.writeFile(path.join(dir, REGISTRY_FILE), text, 'utf8');
      assert.ok((await glanceAtJobStorage(dir)).loadRuntimeBecause, `no load for ${text}`);
    }
  });

  it('loads the runtime for a batch submission that waits, not for an empty queue', async () => {
    const queue = path.join(dir, BATCH_QUEUE_FILE);
    await fs.writeFile(queue, JSON.stringify({ version: 1, items: [] }), 'utf8');
    assert.equal((await glanceAtJobStorage(dir)).loadRuntimeBecause, undefined);
    await fs.writeFile(queue, JSON.stringify({ version: 1, items: ['/w/a.xrt.json'] }), 'utf8');
    assert.match((await glanceAtJobStorage(dir)).loadRuntimeBecause ?? '', /batch/);
    await fs.writeFile(queue, 'not json', 'utf8');
    assert.match((await glanceAtJobStorage(dir)).loadRuntimeBecause ?? '', /batch/, 'the queue itself reports an unreadable file');
  });
});
