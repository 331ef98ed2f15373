// The rebin poller (src/xrt/rebin/rebinPoller.ts) with a fake site API and a fake clock, on a real job
// registry file shared by two "windows": each rebin asked about once per due time, its end announced once,
// nothing sent when nothing is active, the last state kept when a status request fails.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RebinState } from '../../../../src/xrt/jobs/jobRecord';
import { JobRegistry } from '../../../../src/xrt/jobs/jobRegistry';
import { RebinPoller, type RebinTransition } from '../../../../src/xrt/rebin/rebinPoller';
import { jobRecord } from '../../../support/jobRecords';

describe('rebin poller', () => {
  let dir: string;
  let now = 1_000_000;
  let answer: (rebinId: number) => { code: number | undefined; text: string } | Error;
  const calls: { window: string; rebinId: number }[] = [];
  const finished: { window: string; t: RebinTransition }[] = [];
  const registries: JobRegistry[] = [];
  const pollers: RebinPoller[] = [];

  async function window(name: string): Promise<{ registry: JobRegistry; poller: RebinPoller }> {
    const registry = await JobRegistry.open(dir, name);
    const poller = new RebinPoller({
      registry,
      now: () => now,
      isFocused: () => true,
      fetchStatus: (rebin) => {
        calls.push({ window: name, rebinId: rebin.rebinId });
        const a = answer(rebin.rebinId);
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
      },
      onFinished: (t) => finished.push({ window: name, t }),
    });
    registries.push(registry);
    pollers.push(poller);
    return { registry, poller };
  }

  const rebin = (rebinId: number, statusCode: number | null = null): RebinState => ({
    rebinId,
    binning: { binMeth: 'snapshot' },
    rebinUrl: 'http://127.0.0.1/API/main.php',
    requestedAt: now,
    statusCode,
    statusText: 'Requested',
    changedAt: now,
    poll: { errors: 0, nextAt: now + 30_000 },
  });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-rebin-poll-'));
    calls.length = 0;
    finished.length = 0;
    now = 1_000_000;
    answer = () => ({ code: 3, text: 'Running' });
  });
  afterEach(async () => {
    for (const p of pollers.splice(0)) p.dispose();
    for (const r of registries.splice(0)) r.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stores each answer, plans the next look 30 s on, and announces the end once, in the window that saw it', async () => {
    const a = await window('A');
    const b = await window('B');
    await a.registry.add({ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebin(1520)] });
    await b.registry.reload();
    await a.poller.refreshNow();
    let stored = a.registry.get('951')!.rebins![0]!;
    assert.equal(stored.statusCode, 3);
    assert.equal(stored.statusText, 'Running');
    assert.equal(stored.poll.nextAt, now + 30_000);
    assert.equal(stored.poll.claimedBy, undefined, 'the claim is released');

    answer = () => ({ code: 4, text: 'Complete' });
    now += 30_000;
    await a.poller.refreshNow();
    await b.registry.reload();
    await b.poller.refreshNow();
    stored = b.registry.get('951')!.rebins![0]!;
    assert.equal(stored.statusCode, 4);
    assert.equal(stored.finishedAt, now);
    assert.equal(stored.poll.nextAt, undefined, 'a finished rebin is not asked about again');
    assert.deepEqual(
      finished.map((f) => [f.window, f.t.rebin.rebinId, f.t.before, f.t.rebin.statusCode]),
      [['A', 1520, 3, 4]],
    );
    assert.deepEqual(calls, [
      { window: 'A', rebinId: 1520 },
      { window: 'A', rebinId: 1520 },
    ]);
  });

  it('never asks about a rebin another live window has claimed, nor about finished ones', async () => {
    const a = await window('A');
    const b = await window('B');
    await a.registry.add({ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebin(1520), rebin(1521, 4), rebin(1522, -4)] });
    await a.registry.update('951', (j) => {
      j.rebins![0]!.poll = { errors: 0, claimedBy: 'A', claimedUntil: now + 60_000 };
      return j;
    });
    await b.registry.reload();
    await b.poller.refreshNow();
    assert.deepEqual(calls, [], 'claimed by A; the others are finished');
  });

  it('keeps the last known state on a failure or an unreadable code, and backs off', async () => {
    const a = await window('A');
    await a.registry.add({ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebin(1520, 3)] });
    answer = () => new Error('HTTP 502');
    await a.poller.refreshNow();
    let stored = a.registry.get('951')!.rebins![0]!;
    assert.equal(stored.statusCode, 3);
    assert.equal(stored.poll.errors, 1);
    assert.match(stored.poll.lastError ?? '', /502/);
    await a.poller.refreshNow();
    stored = a.registry.get('951')!.rebins![0]!;
    assert.equal(stored.poll.nextAt, now + 60_000, 'second failure: twice the wait');
    answer = () => ({ code: undefined, text: 'Working on it' });
    await a.poller.refreshNow();
    stored = a.registry.get('951')!.rebins![0]!;
    assert.equal(stored.statusCode, 3, 'a code that is not a whole number is pending, never a failure');
    assert.equal(stored.statusText, 'Working on it');
    assert.equal(stored.poll.errors, 0);
    assert.equal(finished.length, 0);
  });

  it('sends nothing and arms no timer when no rebin is active', async () => {
    const a = await window('A');
    await a.registry.add({ ...jobRecord('951', { codes: { lc: 4 } }), rebins: [rebin(1520, 4)] }, jobRecord('952', { codes: { lc: 4 } }));
    a.poller.arm();
    await a.poller.refreshNow();
    assert.deepEqual(calls, []);
    assert.equal((a.poller as unknown as { timer: unknown }).timer, undefined);
  });
});
