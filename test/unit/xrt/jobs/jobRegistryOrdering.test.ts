// The registry inside one window: the file watcher's reloads and the window's own changes run one
// after another, so a reload that read the file before a change never puts the older content back.
import * as assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRegistry } from '../../../../src/xrt/jobs/jobRegistry';

/** The saved job list's name: fixed, since every earlier version's jobs are found by it. */
const REGISTRY_FILE = 'xrt-jobs.json';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { jobRecord } from '../../../support/jobRecords';

function job(id: string, statusCode: number | null = 2): JobRecord {
  return jobRecord(id, { codes: { lc: statusCode }, submittedAt: `2026-01-01T00:00:${String(Number(id) % 60).padStart(2, '0')}Z` });
}

const fs = nodeFs.promises;
const realReadFile = fs.readFile;

/** Whether a readFile call reads the registry file (a path given as text, URL or bytes; an open handle is not). */
function readsRegistry(file: Parameters<typeof realReadFile>[0]): boolean {
  return (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) && file.toString().endsWith(REGISTRY_FILE);
}

/**
 * A slow disk: every read of the registry file returns what it read only after a random pause, so
 * reads started before a write can finish after it (what a busy machine does to the watcher's reload).
 */
function slowReads(): () => void {
  const patched = async (...args: Parameters<typeof realReadFile>): Promise<string | Buffer> => {
    const content = await realReadFile(...args);
    if (readsRegistry(args[0])) await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
    return content;
  };
  fs.readFile = patched as typeof realReadFile;
  return () => {
    fs.readFile = realReadFile;
  };
}

/** Holds the next read of the registry file, after it has read the content, until released. */
function holdNextRead(): { reached: Promise<void>; release: () => void; restore: () => void } {
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((r) => (reached = r));
  const released = new Promise<void>((r) => (release = r));
  let held = false;
  const patched = async (...args: Parameters<typeof realReadFile>): Promise<string | Buffer> => {
    const content = await realReadFile(...args);
    if (!held && readsRegistry(args[0])) {
      held = true;
      reached();
      await released;
    }
    return content;
  };
  fs.readFile = patched as typeof realReadFile;
  return {
    reached: reachedP,
    release,
    restore: () => {
      fs.readFile = realReadFile;
    },
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function onDisk(dir: string): Promise<string[]> {
  const saved = JSON.parse(await fs.readFile(path.join(dir, REGISTRY_FILE), 'utf8')) as { jobs: { jobId: string }[] };
  return saved.jobs.map((j) => j.jobId).sort();
}

/** Lets the watcher's debounced reloads of the last writes run (not a timing assertion). */
function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 200));
}

/**
 * Waits until every window lists `count` jobs (or 10 s pass): the watcher hears of another window's
 * last write only after the file system's event and its debounce, which a busy machine delays (a fixed
 * 200 ms pause here failed under load). Not a timing assertion: the checks after it say what is missing.
 */
async function caughtUp(registries: readonly JobRegistry[], count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && registries.some((r) => r.all().length < count)) await pause(20);
  await Promise.all(registries.map((r) => r.settled()));
}

describe('job registry ordering within one window', () => {
  let dir: string;
  const open: JobRegistry[] = [];

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-registry-order-'));
  });
  let restore = (): void => undefined;
  afterEach(async () => {
    restore();
    // Disposed first, so no watcher starts new work; then the reads and writes already under way finish
    // (a reload could otherwise still be writing its lock or temporary file while the folder is removed).
    const closing = open.splice(0);
    for (const r of closing) r.dispose();
    await Promise.all(closing.map((r) => r.settled()));
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function registry(windowId: string): Promise<JobRegistry> {
    const r = await JobRegistry.open(dir, windowId);
    open.push(r);
    return r;
  }

  it('loses no add when 200 adds from two windows interleave with watcher reloads', async () => {
    const a = await registry('window-a');
    const b = await registry('window-b');
    a.watch();
    b.watch();
    restore = slowReads();
    const ids = Array.from({ length: 200 }, (_, i) => String(i + 1));
    // Besides the watcher's own reloads, more forced in between, so that adds race reloads.
    await Promise.all(ids.map((id, i) => Promise.all([(i % 2 ? a : b).add(job(id)), i % 4 === 0 ? (i % 8 ? a : b).reload() : undefined])));
    const expected = [...ids].sort();
    assert.deepEqual(await onDisk(dir), expected, 'every add is in the shared file');
    await caughtUp([a, b], ids.length);
    assert.deepEqual(
      a
        .all()
        .map((j) => j.jobId)
        .sort(),
      expected,
      'window a shows every job',
    );
    assert.deepEqual(
      b
        .all()
        .map((j) => j.jobId)
        .sort(),
      expected,
      'window b shows every job',
    );
  });

  const changes: { what: string; change: (r: JobRegistry) => Promise<unknown>; check: (r: JobRegistry) => void }[] = [
    { what: 'an added job vanishes', change: (r) => r.add(job('9')), check: (r) => assert.ok(r.get('9'), 'the added job is listed') },
    {
      what: 'a status update reverts',
      change: (r) => r.update('1', (j) => ({ ...j, products: { lc: { statusCode: 4, statusText: 'Complete', changedAt: 1 } } })),
      check: (r) => assert.equal(r.get('1')?.products.lc.statusCode, 4, 'the update stays'),
    },
    {
      what: 'a removed job comes back',
      change: (r) => r.remove(['1']),
      check: (r) => assert.equal(r.get('1'), undefined, 'the removed job stays removed'),
    },
  ];
  for (const { what, change, check } of changes) {
    it(`does not let a reload that read the file before a change finish after it (${what})`, async () => {
      const a = await registry('window-a');
      a.watch();
      await a.add(job('1'));
      await settled();
      const gate = holdNextRead();
      restore = gate.restore;
      const reloading = a.reload();
      await gate.reached;
      const changing = change(a);
      // Long enough for the change to finish if nothing orders it after the reload, and for the
      // watcher to look at the file it wrote.
      await Promise.race([changing, pause(300)]);
      await pause(150);
      gate.release();
      await Promise.all([reloading, changing]);
      await settled();
      check(a);
      gate.restore();
      const fresh = await registry('check');
      check(fresh);
    });
  }

  it('never reverts a status update or brings back a removed job through a reload', async () => {
    const a = await registry('window-a');
    a.watch();
    await a.add(...Array.from({ length: 50 }, (_, i) => job(String(i + 1))));
    restore = slowReads();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        Promise.all([
          i % 2
            ? a.update(String(i + 1), (j) => ({ ...j, products: { lc: { statusCode: 4, statusText: 'Complete', changedAt: 1 } } }))
            : a.remove([String(i + 1)]),
          a.reload(),
        ]),
      ),
    );
    const check = async (where: string, jobs: JobRecord[]): Promise<void> => {
      assert.deepEqual(
        jobs.map((j) => j.jobId).sort(),
        Array.from({ length: 25 }, (_, i) => String(2 * i + 2)).sort(),
        `${where}: removed jobs stay removed`,
      );
      assert.ok(
        jobs.every((j) => j.products.lc.statusCode === 4),
        `${where}: no update reverted`,
      );
    };
    await settled();
    await check('in memory', a.all());
    restore();
    const fresh = await registry('check');
    await check('on disk', fresh.all());
  });
});
