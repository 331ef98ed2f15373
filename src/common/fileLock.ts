// A lock shared by every VS Code window of the same profile (they share globalStorage), so that two
// windows never interleave read-modify-write cycles on the job registry. `mkdir` is atomic on every
// file system VS Code runs on, which makes it the portable primitive here.
//
// A lock is only ever broken when its owner is proven gone, never because it is old: a window on a
// slow disk or paused in a debugger still owns what it holds. The lock directory carries an owner
// record (host, process, a random token, and a lease the holder renews while it works). On the same
// host the owner's process ID decides; from another host (a shared home directory) only a lease that
// has not been renewed for `leaseMs` does. Before writing, a holder can check that the lock is still
// its own, and it removes the lock on release only if it is.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';

const OWNER_FILE = 'owner.json';

interface LockOwner {
  readonly token: string;
  readonly hostname: string;
  readonly pid: number;
  readonly acquiredAt: number;
  /** When the holder last renewed its lease (its own clock, ms since epoch). */
  readonly renewedAt: number;
}

/** Time, injectable so tests can let 25 s pass without waiting. */
export interface LockClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /**
   * Calls `fn` every `ms` until the returned function is called. `fn` may return the work it started
   * (a renewal's write), so that a simulated clock can let that work finish before time moves on.
   */
  repeat(ms: number, fn: () => Promise<void> | void): () => void;
}

const realClock: LockClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  repeat: (ms, fn) => {
    const timer = setInterval(() => void fn(), ms);
    // A renewal must never keep a process alive on its own.
    timer.unref?.();
    return () => clearInterval(timer);
  },
};

interface FileLockOptions {
  /** Give up waiting after this long. */
  readonly timeoutMs?: number;
  readonly retryMs?: number;
  /** A lock of another host whose lease was not renewed for this long is taken to be abandoned. */
  readonly leaseMs?: number;
  /**
   * On this host, a lock whose owner process still exists but has not renewed its lease for this long
   * is taken to be abandoned too: its process ID was reused by an unrelated process after a crash.
   */
  readonly silentMs?: number;
  readonly clock?: LockClock;
  readonly hostname?: string;
  readonly pid?: number;
  readonly isProcessAlive?: (pid: number) => boolean;
}

export interface HeldLock {
  /** Whether the lock is still this holder's (nobody judged it abandoned and took it over). */
  stillHeld(): Promise<boolean>;
}

class LockTimeoutError extends Error {
  constructor(lockDir: string, owner: LockOwner | undefined) {
    const who = owner ? ` (held by process ${owner.pid} on ${owner.hostname})` : '';
    super(`Timed out waiting for ${lockDir}${who}; another VS Code window may be busy or stuck.`);
    this.name = 'LockTimeoutError';
  }
}

/** Whether `error` is a lock that stayed taken for the whole wait (another window holds it), not a failure of the lock. */
export function isLockTimeout(error: unknown): boolean {
  return error instanceof LockTimeoutError;
}

export async function withFileLock<T>(lockDir: string, action: (lock: HeldLock) => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const clock = options.clock ?? realClock;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retryMs = options.retryMs ?? 10;
  const leaseMs = options.leaseMs ?? 30_000;
  const me: LockOwner = {
    token: randomUUID(),
    hostname: options.hostname ?? os.hostname(),
    pid: options.pid ?? process.pid,
    acquiredAt: clock.now(),
    renewedAt: clock.now(),
  };
  const judge: StaleJudge = {
    clock,
    leaseMs,
    silentMs: options.silentMs ?? 300_000,
    hostname: me.hostname,
    isProcessAlive: options.isProcessAlive ?? isProcessAlive,
  };
  const started = clock.now();
  let lastOwner: LockOwner | undefined;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const verdict = await inspect(lockDir, judge);
      lastOwner = verdict.owner ?? lastOwner;
      if (verdict.stale) {
        await breakLock(lockDir, verdict.owner);
        continue;
      }
      if (clock.now() - started > timeoutMs) throw new LockTimeoutError(lockDir, lastOwner);
      await clock.sleep(retryMs + Math.random() * retryMs);
    }
  }
  const ownerFile = path.join(lockDir, OWNER_FILE);
  let renewing: Promise<void> = Promise.resolve();
  const stopRenewing = clock.repeat(Math.max(1, Math.floor(leaseMs / 3)), () => {
    renewing = renewing
      .then(() => renew(lockDir, me, clock))
      .catch(() => {
        // A failed renewal only shortens the lease others see; the holder carries on, and stillHeld()
        // tells it before it writes whether the lock was taken over meanwhile.
      });
    return renewing;
  });
  try {
    await writeFileAtomic(ownerFile, JSON.stringify(me));
    return await action({ stillHeld: async () => (await readOwner(lockDir))?.token === me.token });
  } finally {
    stopRenewing();
    await renewing;
    // Remove only our own lock: if it was taken over, the directory is now someone else's.
    if ((await readOwner(lockDir))?.token === me.token) await fs.rm(lockDir, { recursive: true, force: true });
  }
}

interface StaleJudge {
  readonly clock: LockClock;
  readonly leaseMs: number;
  readonly silentMs: number;
  readonly hostname: string;
  readonly isProcessAlive: (pid: number) => boolean;
}

interface Verdict {
  readonly stale: boolean;
  readonly owner?: LockOwner;
}

async function inspect(lockDir: string, judge: StaleJudge): Promise<Verdict> {
  const owner = await readOwner(lockDir);
  const now = judge.clock.now();
  if (owner) {
    if (owner.hostname === judge.hostname) {
      if (!judge.isProcessAlive(owner.pid)) return { stale: true, owner };
      return { stale: now - owner.renewedAt > judge.silentMs, owner };
    }
    return { stale: now - owner.renewedAt > judge.leaseMs, owner };
  }
  // No owner record: just created (the record follows at once), or left by a version of the extension
  // that wrote none. Only a directory that stayed without one for a whole lease is abandoned.
  try {
    const stat = await fs.stat(lockDir);
    return { stale: now - stat.mtimeMs > judge.leaseMs };
  } catch (error) {
    // Released between our mkdir and stat: not stale, just try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stale: false };
    throw error;
  }
}

/** Removes an abandoned lock, unless it changed hands since it was judged (then the next round looks again). */
async function breakLock(lockDir: string, judged: LockOwner | undefined): Promise<void> {
  const current = await readOwner(lockDir);
  if (current?.token !== judged?.token) return;
  await fs.rm(lockDir, { recursive: true, force: true });
}

async function renew(lockDir: string, me: LockOwner, clock: LockClock): Promise<void> {
  // Never recreate a lock that was taken over: renew only while the record is still ours.
  if ((await readOwner(lockDir))?.token !== me.token) return;
  await writeFileAtomic(path.join(lockDir, OWNER_FILE), JSON.stringify({ ...me, renewedAt: clock.now() }));
}

async function readOwner(lockDir: string): Promise<LockOwner | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(lockDir, OWNER_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.token === 'string' && typeof o.hostname === 'string' && typeof o.pid === 'number' && typeof o.renewedAt === 'number') {
      return { token: o.token, hostname: o.hostname, pid: o.pid, acquiredAt: o.acquiredAt ?? o.renewedAt, renewedAt: o.renewedAt };
    }
    return undefined;
  } catch {
    // The record is written atomically, so unreadable content is not ours to interpret: treat it as no
    // record (the lock then counts as abandoned only after a whole lease without one).
    return undefined;
  }
}

/** Whether a process with this ID exists on this host (EPERM: it exists but belongs to another user). */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a file so that readers see either the old or the new content, never a half-written one. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(temp, content, typeof content === 'string' ? 'utf8' : undefined);
  await fs.rename(temp, file);
}
