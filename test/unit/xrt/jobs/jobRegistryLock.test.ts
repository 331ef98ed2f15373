// The registry's cross-window lock: held as long as its owner lives, however long that is; broken only
// when the owner is proven gone (its process ended on this host, or another host's lease ran out).
// Time is a fake clock, so 25 s or 5 min pass without waiting.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withFileLock, writeFileAtomic, type LockClock } from '../../../../src/common/fileLock';

/**
 * Simulated time for the lock. Real file operations still take real time, so time moves on only when
 * the work it set off has settled: a renewal a timer started, and any holder that asked time to stand
 * still while it finishes (the lock's real clock would not move by more than milliseconds meanwhile).
 * Without this, a loaded machine let the waiter's retries run the clock past leases and timeouts
 * while a renewal or a release was still being written.
 */
class FakeClock implements LockClock {
  private timers: { every: number; next: number; fn: () => Promise<void> | void }[] = [];
  private waiters: { at: number; resolve: () => void }[] = [];
  private pending: Promise<unknown>[] = [];
  private holds = new Set<Promise<void>>();
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    await Promise.all([...this.holds]);
    this.advance(ms);
    const started = this.pending;
    this.pending = [];
    await Promise.allSettled(started);
    // Lets the continuations of what just became due run before the sleeper looks again.
    await new Promise((resolve) => setImmediate(resolve));
  }
  repeat(ms: number, fn: () => Promise<void> | void): () => void {
    const timer = { every: ms, next: this.t + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Resolves once the clock has reached `at`. */
  until(at: number): Promise<void> {
    if (this.t >= at) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ at, resolve }));
  }
  /** Time stands still for sleepers until the returned function is called. */
  standStill(): () => void {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    this.holds.add(hold);
    return () => {
      this.holds.delete(hold);
      release();
    };
  }
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.next <= target).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = Math.max(this.t, due.next);
      due.next += due.every;
      const work = due.fn();
      if (work) this.pending.push(work);
    }
    this.t = target;
    for (const w of this.waiters.filter((x) => x.at <= this.t)) w.resolve();
    this.waiters = this.waiters.filter((x) => x.at > this.t);
  }
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid !== undefined);
  return child.pid;
}

/** The owner record a lock directory holds (owner.json, as src/common/fileLock.ts writes it): planted here for other windows and hosts. */
interface LockOwnerRecord {
  readonly token: string;
  readonly hostname: string;
  readonly pid: number;
  readonly acquiredAt: number;
  readonly renewedAt: number;
}

async function readOwner(lockDir: string): Promise<LockOwnerRecord | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(lockDir, 'owner.json'), 'utf8')) as LockOwnerRecord;
  } catch (error) {
    // No record: the lock is gone. Anything else (a torn or unreadable record) is a finding, not "nobody".
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function plantLock(lockDir: string, owner: LockOwnerRecord): Promise<void> {
  await fs.mkdir(lockDir);
  await fs.writeFile(path.join(lockDir, 'owner.json'), JSON.stringify(owner), 'utf8');
}

describe('job registry lock', () => {
  let dir: string;
  let lockDir: string;
  // The fake clocks start at the real time: a lock directory's own timestamps are real.
  let start = Date.now();

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-lock-'));
    start = Date.now();
    lockDir = path.join(dir, 'xrt-jobs.json.lock');
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is not broken while a live window holds it for 25 s, and the waiter gets it afterwards', async () => {
    const clock = new FakeClock(start);
    const order: string[] = [];
    let holderStillHeld: boolean | undefined;
    let waiterAt = 0;
    let startedHolding!: () => void;
    let releaseTime: (() => void) | undefined;
    const holding = new Promise<void>((resolve) => (startedHolding = resolve));
    const holder = withFileLock(
      lockDir,
      async (lock) => {
        order.push('holder starts');
        startedHolding();
        await clock.until(start + 25_000);
        // The holder finishes at 25 s; its last reads and the release take no time on its real clock.
        releaseTime = clock.standStill();
        holderStillHeld = await lock.stillHeld();
        order.push('holder ends');
      },
      { clock },
    ).finally(() => releaseTime?.());
    await holding;
    // What an age rule sees: a lock directory last touched long ago (a slow disk, a paused process).
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lockDir, old, old);
    const waiter = withFileLock(
      lockDir,
      async () => {
        order.push('waiter gets it');
        waiterAt = clock.now();
      },
      { clock, timeoutMs: 120_000, retryMs: 500 },
    );
    await Promise.all([holder, waiter]);
    assert.equal(holderStillHeld, true, 'the holder still owned its lock at the end');
    assert.deepEqual(order, ['holder starts', 'holder ends', 'waiter gets it']);
    assert.ok(waiterAt - start >= 25_000, 'the waiter waited the whole 25 s');
    await assert.rejects(fs.stat(lockDir), /ENOENT/, 'released');
  });

  it('breaks the lock of a window whose process is gone, without waiting for any lease', async () => {
    const clock = new FakeClock(start);
    await plantLock(lockDir, { token: 'dead-window', hostname: os.hostname(), pid: await deadPid(), acquiredAt: start, renewedAt: start });
    let at: number | undefined;
    await withFileLock(
      lockDir,
      async () => {
        at = clock.now();
        assert.notEqual((await readOwner(lockDir))?.token, 'dead-window');
      },
      { clock, timeoutMs: 1_000 },
    );
    assert.ok(at !== undefined && at - start < 1_000, 'taken over at once');
  });

  it('keeps another host’s lock while its lease is renewed, and breaks it once renewals stop for a lease', async () => {
    const clock = new FakeClock(start);
    const owner: LockOwnerRecord = { token: 'remote', hostname: 'another-host.example', pid: 4242, acquiredAt: start, renewedAt: start };
    await plantLock(lockDir, owner);
    const stopRenewing = clock.repeat(5_000, () => {
      if (clock.now() <= start + 40_000)
        return writeFileAtomic(path.join(lockDir, 'owner.json'), JSON.stringify({ ...owner, renewedAt: clock.now() }));
      return undefined;
    });
    let at: number | undefined;
    await withFileLock(
      lockDir,
      async () => {
        at = clock.now();
      },
      { clock, timeoutMs: 300_000, retryMs: 500, leaseMs: 30_000 },
    );
    stopRenewing();
    assert.ok(at !== undefined);
    assert.ok(at - start >= 40_000 + 30_000, `not broken while renewed (taken at +${(at - start) / 1000} s)`);
    assert.ok(at - start < 40_000 + 30_000 + 5_000, 'broken soon after its lease ran out');
  });

  it('on this host, treats a live process ID that stopped renewing for minutes as reused, not as the owner', async () => {
    const clock = new FakeClock(start);
    // This test's own process stands for an unrelated process that got the dead window's ID.
    await plantLock(lockDir, { token: 'reused-pid', hostname: os.hostname(), pid: process.pid, acquiredAt: start, renewedAt: start });
    let at: number | undefined;
    await withFileLock(
      lockDir,
      async () => {
        at = clock.now();
      },
      { clock, timeoutMs: 600_000, retryMs: 5_000, silentMs: 300_000 },
    );
    assert.ok(
      at !== undefined && at - start > 300_000,
      `kept while it could still be the owner (taken at +${((at ?? 0) - start) / 1000} s)`,
    );
  });

  it('tells a holder whose lock was taken over, and then leaves the new owner’s lock in place', async () => {
    let stillHeld: boolean | undefined;
    await withFileLock(lockDir, async (lock) => {
      assert.equal(await lock.stillHeld(), true);
      await fs.rm(lockDir, { recursive: true });
      await plantLock(lockDir, {
        token: 'new-owner',
        hostname: os.hostname(),
        pid: process.pid,
        acquiredAt: Date.now(),
        renewedAt: Date.now(),
      });
      stillHeld = await lock.stillHeld();
    });
    assert.equal(stillHeld, false);
    assert.equal((await readOwner(lockDir))?.token, 'new-owner', 'not removed on release');
  });
});
