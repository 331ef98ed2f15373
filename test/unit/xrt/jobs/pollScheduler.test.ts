// The poll scheduler with a fake service and a fake clock: one request per job per due time even
// with two windows, nothing when idle, the last state kept when a poll fails, transitions announced once.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRegistry } from '../../../../src/xrt/jobs/jobRegistry';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { jobRecord } from '../../../support/jobRecords';
import { PollScheduler, type Transition } from '../../../../src/xrt/jobs/pollScheduler';
import type { StatusResponse } from '../../../../src/xrt/responseSchemas';
import { statusReply } from '../../../support/xrtReplies';

function job(id: string): JobRecord {
  return jobRecord(id, { codes: { lc: 1, spec: 1 }, statusText: 'Requested' });
}

describe('poll scheduler', () => {
  let dir: string;
  let now = 1_000_000;
  const calls: { window: string; jobId: string; what: readonly string[]; whatProg: readonly string[] }[] = [];
  let answer: (jobId: string) => StatusResponse | Error;
  const registries: JobRegistry[] = [];
  const schedulers: PollScheduler[] = [];
  const transitions: { window: string; t: Transition }[] = [];

  async function window(name: string): Promise<PollScheduler> {
    const registry = await JobRegistry.open(dir, name);
    registries.push(registry);
    const scheduler = new PollScheduler({
      registry,
      now: () => now,
      baseIntervalS: () => 30,
      isFocused: () => true,
      fetchStatus: async (j, what, whatProg) => {
        calls.push({ window: name, jobId: j.jobId, what, whatProg });
        const a = answer(j.jobId);
        if (a instanceof Error) throw a;
        return a;
      },
      onTransitions: (ts) => transitions.push(...ts.map((t) => ({ window: name, t }))),
    });
    schedulers.push(scheduler);
    return scheduler;
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-poll-'));
    calls.length = 0;
    transitions.length = 0;
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) s.dispose();
    for (const r of registries.splice(0)) r.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('sends nothing when no job is active', async () => {
    const s = await window('a');
    await s.tick();
    assert.equal(calls.length, 0);
  });

  it('asks once per job for all its products, progress only for unfinished ones, however many windows', async () => {
    const a = await window('a');
    const b = await window('b');
    await registries[0].add(job('1'), {
      ...job('2'),
      products: {
        lc: { statusCode: 3, statusText: 'Running', changedAt: 0 },
        psf: { statusCode: 2, statusText: 'Queued', changedAt: 0 },
        spec: { statusCode: 4, statusText: 'Complete', changedAt: 0 },
      },
    });
    answer = () =>
      statusReply({
        lc: { statusCode: 2, statusText: 'Queued' },
        spec: { statusCode: 2, statusText: 'Queued' },
        psf: { statusCode: 2, statusText: 'Queued' },
      });
    await Promise.all([a.tick(), b.tick()]);
    assert.deepEqual(calls.map((c) => c.jobId).sort(), ['1', '2'], 'each job polled once in total');
    const two = calls.find((c) => c.jobId === '2');
    assert.deepEqual(two?.what, ['lc', 'psf', 'spec']);
    assert.deepEqual(two?.whatProg, ['lc', 'psf']);
    // Not due again before the interval.
    await Promise.all([a.tick(), b.tick()]);
    assert.equal(calls.length, 2);
    now += 31_000;
    await registries[1].reload();
    await Promise.all([a.tick(), b.tick()]);
    assert.equal(calls.length, 4);
  });

  it('keeps the last known state when a poll fails and backs off', async () => {
    const a = await window('a');
    await registries[0].add(job('3'));
    answer = () =>
      statusReply({
        lc: { statusCode: 3, statusText: 'Running', progress: { GotProgress: 0 } },
        spec: { statusCode: 2, statusText: 'Queued' },
      });
    await a.tick();
    answer = () => new Error('HTTP 502');
    now += 60_000;
    await a.tick();
    const saved = registries[0].get('3');
    assert.equal(saved?.products.lc.statusCode, 3, 'state from the last good poll is still there');
    assert.equal(saved?.poll.errors, 1);
    assert.equal(saved?.poll.lastError, 'HTTP 502');
    now += 29_000;
    await a.tick();
    assert.equal(calls.length, 2, 'not retried before the back-off delay');
  });

  it('records a product the reply leaves out as not reported (as xrt_prods does), which ends it, and asks only for product codes', async () => {
    const a = await window('a');
    // `mystery` stands for a saved record written by another version with a name this one does not know.
    await registries[0].add(jobRecord('5', { codes: { lc: 3, spec: 2, mystery: 2 }, statusText: 'Running' }));
    answer = () => statusReply({ lc: { statusCode: 3, statusText: 'Running' } });
    await a.tick();
    assert.deepEqual(calls[0]?.what, ['lc', 'spec'], 'only product codes are asked about');
    const saved = registries[0].get('5');
    assert.equal(saved?.products.lc.statusCode, 3);
    assert.equal(saved?.products.spec.statusCode, -10);
    assert.equal(saved?.products.spec.statusText, 'The service did not report this product');
    assert.equal(saved?.products.mystery.statusCode, -10);
    assert.deepEqual(transitions.map((t) => `${t.t.product}:${t.t.after.statusCode}`).sort(), ['mystery:-10', 'spec:-10']);
    answer = () => statusReply({ lc: { statusCode: 4, statusText: 'Complete' } });
    now += 60_000;
    await a.tick();
    assert.deepEqual(calls[1]?.whatProg, ['lc'], 'a product not reported is finished: no progress asked for it');
    assert.equal(registries[0].get('5')?.poll.nextAt, undefined, 'with the light curve complete nothing is left to poll');
  });

  it('announces each status change once, in the window that saw it, and stops when all is finished', async () => {
    const a = await window('a');
    const b = await window('b');
    await registries[0].add(job('4'));
    answer = () => statusReply({ lc: { statusCode: 4, statusText: 'Complete' }, spec: { statusCode: -3, statusText: 'Failed' } });
    await Promise.all([a.tick(), b.tick()]);
    assert.deepEqual(transitions.map((t) => `${t.t.product}:${t.t.before?.statusCode}->${t.t.after.statusCode}`).sort(), [
      'lc:1->4',
      'spec:1->-3',
    ]);
    assert.equal(new Set(transitions.map((t) => t.window)).size, 1);
    now += 3_600_000;
    await Promise.all([a.tick(), b.tick()]);
    assert.equal(calls.length, 1, 'finished jobs are not polled');
    assert.equal(registries[0].get('4')?.poll.nextAt, undefined);
  });
});
