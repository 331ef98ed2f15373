// One job's stuck status request never holds up another job: each job is polled on its own schedule,
// and a request that never answers is abandoned by that job's watchdog, logged, and asked again later.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRegistry } from '../../../../src/xrt/jobs/jobRegistry';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { jobRecord } from '../../../support/jobRecords';
import { PollScheduler } from '../../../../src/xrt/jobs/pollScheduler';
import { statusReply } from '../../../support/xrtReplies';

function job(id: string): JobRecord {
  return jobRecord(id, { codes: { lc: 2 }, statusText: 'Queued' });
}

const running = statusReply({ lc: { statusCode: 3, statusText: 'Running' } });

/** Fails the test if `promise` has not settled after `ms` (a guard against a hang, not a timing assertion). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} never happened`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

describe('poll scheduler, one job at a time', () => {
  let dir: string;
  let registry: JobRegistry;
  let scheduler: PollScheduler | undefined;
  let now = 5_000_000;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-poll-independent-'));
    registry = await JobRegistry.open(dir, 'w');
  });
  afterEach(async () => {
    scheduler?.dispose();
    registry.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps polling job B on its own schedule while job A’s request hangs', async () => {
    const calls: string[] = [];
    const aborted: string[] = [];
    let answeredB = 0;
    let onB: () => void = () => undefined;
    scheduler = new PollScheduler({
      registry,
      now: () => now,
      baseIntervalS: () => 30,
      isFocused: () => true,
      // Far beyond this test: only the independence of the jobs is under test here.
      watchdogMs: () => 600_000,
      fetchStatus: (j, _what, _whatProg, signal) => {
        calls.push(j.jobId);
        if (j.jobId === 'A') {
          signal.addEventListener('abort', () => aborted.push('A'));
          return new Promise(() => undefined);
        }
        answeredB += 1;
        setImmediate(onB);
        return Promise.resolve(running);
      },
    });
    await registry.add(job('A'), job('B'));
    const firstB = new Promise<void>((resolve) => (onB = resolve));
    void scheduler.tick();
    await within(firstB, 5_000, 'the first poll of B');
    const s = scheduler;
    // `polling` is optional-chained so that, without per-job polling, the test fails on the hang below.
    await within(
      waitUntil(() => registry.get('B')?.poll.lastPolledAt !== undefined && !s.polling?.includes('B')),
      5_000,
      'the end of B’s first poll',
    );
    for (let round = 2; round <= 3; round += 1) {
      now = (registry.get('B')?.poll.nextAt ?? now) + 1;
      await within(scheduler.tick(), 5_000, `poll ${round} of B while A hangs`);
      assert.equal(answeredB, round);
    }
    assert.deepEqual(
      calls.filter((c) => c === 'A'),
      ['A'],
      'A is not asked twice while its request is open',
    );
    assert.deepEqual(scheduler.polling, ['A'], 'A is still waiting for its answer');
    assert.equal(registry.get('B')?.products.lc.statusCode, 3);
    scheduler.dispose();
    assert.deepEqual(aborted, ['A'], 'closing the window aborts the open request');
  });

  it('abandons a request that never answers after its watchdog, logs it, and asks again later', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const signals: AbortSignal[] = [];
    let hang = true;
    let onError: () => void = () => undefined;
    scheduler = new PollScheduler({
      registry,
      now: () => now,
      baseIntervalS: () => 30,
      isFocused: () => true,
      watchdogMs: () => 50,
      fetchStatus: (j, _what, _whatProg, signal) => {
        calls.push(j.jobId);
        signals.push(signal);
        return hang ? new Promise(() => undefined) : Promise.resolve(running);
      },
      onError: (error, j) => {
        errors.push(`${j?.jobId}: ${(error as Error).message}`);
        onError();
      },
    });
    await registry.add(job('A'));
    const failed = new Promise<void>((resolve) => (onError = resolve));
    const first = scheduler.tick();
    await within(failed, 5_000, 'abandoning the hung request');
    await within(first, 5_000, 'the end of the abandoned poll');
    assert.match(errors[0] ?? '', /^A: No answer to the status request for XRT job A after 0 s; abandoned, will ask again later\.$/);
    assert.equal(signals[0]?.aborted, true, 'the abandoned request is aborted');
    const saved = registry.get('A');
    assert.equal(saved?.poll.errors, 1);
    assert.equal(saved?.poll.claimedBy, undefined, 'the claim is released');
    assert.equal(saved?.products.lc.statusCode, 2, 'the last known state is kept');
    hang = false;
    now = (saved?.poll.nextAt ?? now) + 1;
    await within(scheduler.tick(), 5_000, 'the retry');
    assert.deepEqual(calls, ['A', 'A']);
    assert.equal(registry.get('A')?.products.lc.statusCode, 3);
    assert.equal(registry.get('A')?.poll.errors, 0);
  });

  it('a refresh asked while another tick is claiming the same job resolves only after that job was asked', async () => {
    const calls: string[] = [];
    let answer: () => void = () => undefined;
    scheduler = new PollScheduler({
      registry,
      now: () => now,
      baseIntervalS: () => 30,
      isFocused: () => true,
      watchdogMs: () => 600_000,
      fetchStatus: (j) => {
        calls.push(j.jobId);
        return new Promise((resolve) => (answer = () => resolve(running)));
      },
    });
    await registry.add(job('A'));
    // As an import does: a tick starts (and is still claiming) when the caller asks for a refresh.
    const background = scheduler.tick();
    let refreshed = false;
    const refresh = scheduler.refreshNow(['A']).then(() => (refreshed = true));
    await within(
      waitUntil(() => calls.length === 1),
      5_000,
      'the status request',
    );
    // Let every registry operation queued so far (the refresh's own claim among them) finish.
    for (let i = 0; i < 5; i++) {
      await registry.settled();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(refreshed, false, 'the refresh must wait for the poll under way, not resolve before it');
    answer();
    await within(refresh, 5_000, 'the end of the refresh');
    await within(background, 5_000, 'the end of the background tick');
    assert.deepEqual(calls, ['A'], 'asked once');
    assert.equal(registry.get('A')?.products.lc.statusCode, 3, 'the answer is in the registry when the refresh resolves');
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
