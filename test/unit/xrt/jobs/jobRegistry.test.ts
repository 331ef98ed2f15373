// The job registry as two VS Code windows share it: one file, locked updates, claims that let only
// one window poll a job, and nothing lost when the file is damaged (kept aside, whole records recovered).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withFileLock } from '../../../../src/common/fileLock';
import { JobRegistry } from '../../../../src/xrt/jobs/jobRegistry';

/** The saved job list's name: fixed, since every earlier version's jobs are found by it. */
const REGISTRY_FILE = 'xrt-jobs.json';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { jobRecord } from '../../../support/jobRecords';

function job(id: string, submittedAt: string, codes: Record<string, number | null> = { lc: 2 }): JobRecord {
  return jobRecord(id, { submittedAt, codes, jobPars: { name: `Source ${id}` } });
}

describe('job registry', () => {
  let dir: string;
  let a: JobRegistry;
  let b: JobRegistry;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-registry-'));
    a = await JobRegistry.open(dir, 'window-a');
    b = await JobRegistry.open(dir, 'window-b');
  });
  afterEach(async () => {
    a.dispose();
    b.dispose();
    // The reads and writes already under way finish before their folder is removed.
    await Promise.all([a.settled(), b.settled()]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('persists jobs, newest first, and a reopened registry (a reload) has them', async () => {
    await a.add(job('7', '2026-01-01T00:00:00Z'), job('12', '2026-03-01T00:00:00Z'), job('9', '2026-02-01T00:00:00Z'));
    const reopened = await JobRegistry.open(dir, 'window-c');
    assert.deepEqual(
      reopened.all().map((j) => j.jobId),
      ['12', '9', '7'],
    );
    reopened.dispose();
  });

  it('never loses an update when two windows change jobs at the same time', async () => {
    await a.add(job('1', '2026-01-01T00:00:00Z'), job('2', '2026-01-02T00:00:00Z'));
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.update('1', (j) => ({ ...j, name: `${j.name}+a${i}` }))),
      ...Array.from({ length: 10 }, (_, i) => b.update('2', (j) => ({ ...j, name: `${j.name}+b${i}` }))),
      b.add(job('3', '2026-01-03T00:00:00Z')),
    ]);
    const fresh = await JobRegistry.open(dir, 'check');
    assert.equal(fresh.get('1')?.name.split('+a').length, 11);
    assert.equal(fresh.get('2')?.name.split('+b').length, 11);
    assert.ok(fresh.get('3'));
    fresh.dispose();
  });

  it('lets only one window claim a due job, until the claim expires', async () => {
    await a.add(job('5', '2026-01-01T00:00:00Z'), job('6', '2026-01-01T00:00:00Z', { lc: 4 }));
    const now = Date.now();
    const [claimedA, claimedB] = await Promise.all([a.claimDue(now, 30_000), b.claimDue(now, 30_000)]);
    assert.deepEqual(
      [...claimedA, ...claimedB].map((j) => j.jobId),
      ['5'],
      'exactly one claim, and never for a finished job',
    );
    // Whichever window won the lock first holds the claim; the other may take it only once it expired.
    const other = claimedA.length > 0 ? b : a;
    assert.deepEqual(
      (await other.claimDue(now + 1_000, 30_000)).map((j) => j.jobId),
      [],
      'a live claim is respected',
    );
    assert.deepEqual(
      (await other.claimDue(now + 31_000, 30_000)).map((j) => j.jobId),
      ['5'],
      'an expired claim can be taken over',
    );
  });

  it('tells listeners about changes made by another window', async () => {
    b.watch();
    const heard = new Promise<readonly string[]>((resolve) => b.onDidChange(resolve));
    await a.add(job('42', '2026-01-01T00:00:00Z'));
    assert.deepEqual(await heard, ['42']);
    assert.equal(b.get('42')?.name, 'Source 42');
  });

  it('keeps a damaged file aside, keeps every job it can still read, and says where the copy is', async () => {
    const problems: { message: string; keptAt?: string }[] = [];
    a.onProblem((p) => problems.push(p));
    const whole = JSON.stringify(
      { version: 1, jobs: [job('1', '2026-01-01T00:00:00Z'), job('2', '2026-01-02T00:00:00Z'), job('3', '2026-01-03T00:00:00Z')] },
      null,
      1,
    );
    // Cut inside the third record, as a full disk or a crash of a sync tool leaves it.
    const damaged = whole.slice(0, whole.lastIndexOf('"jobId": "3"') + 5);
    await fs.writeFile(path.join(dir, REGISTRY_FILE), damaged, 'utf8');
    await a.reload();
    const kept = (await fs.readdir(dir)).filter((f) => f.startsWith(`${REGISTRY_FILE}.damaged-`));
    assert.equal(kept.length, 1, 'the damaged content is kept in a file');
    assert.equal(await fs.readFile(path.join(dir, kept[0]), 'utf8'), damaged, 'byte for byte');
    assert.deepEqual(
      a.all().map((j) => j.jobId),
      ['2', '1'],
      'the whole records survive',
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].keptAt, path.join(dir, kept[0]));
    assert.match(
      problems[0].message,
      /damaged \(it is not valid JSON\)\. 2 jobs could be read and were kept; the damaged file was kept as .*\.damaged-/,
    );
    const reopened = await JobRegistry.open(dir, 'window-c');
    assert.deepEqual(
      reopened.all().map((j) => j.jobId),
      ['2', '1'],
      'the recovered list is what the file now holds',
    );
    reopened.dispose();
  });

  it('recovers the records of a file that is valid JSON of the wrong shape, and of one with garbage inside', async () => {
    const records = [job('4', '2026-01-04T00:00:00Z'), job('5', '2026-01-05T00:00:00Z'), job('6', '2026-01-06T00:00:00Z')];
    await fs.writeFile(path.join(dir, REGISTRY_FILE), JSON.stringify({ jobs: { list: records } }), 'utf8');
    await a.reload();
    assert.deepEqual(
      a.all().map((j) => j.jobId),
      ['6', '5', '4'],
    );
    const text = JSON.stringify({ version: 1, jobs: records }, null, 1);
    const middle = text.indexOf('"jobId": "5"');
    await fs.writeFile(path.join(dir, REGISTRY_FILE), `${text.slice(0, middle)}\u0000\u0000{{"}${text.slice(middle + 40)}`, 'utf8');
    await a.reload();
    assert.deepEqual(
      a.all().map((j) => j.jobId),
      ['6', '4'],
      'the records around the damage survive',
    );
  });

  it('hands a problem found while opening to the first listener, which subscribes after open()', async () => {
    const sub = path.join(dir, 'fresh');
    await fs.mkdir(sub);
    await fs.writeFile(path.join(sub, REGISTRY_FILE), '{"version":1,"jobs":[', 'utf8');
    const r = await JobRegistry.open(sub, 'late-listener');
    const heard: string[] = [];
    r.onProblem((p) => heard.push(p.message));
    assert.equal(heard.length, 1, 'the problem raised during open is not lost');
    assert.match(heard[0], /damaged \(it is not valid JSON\)\. No job could be read from it; the damaged file was kept as /);
    r.onProblem((p) => heard.push(p.message));
    assert.equal(heard.length, 1, 'handed over once');
    r.dispose();
  });

  it('keeps records it cannot read untouched when it writes the file', async () => {
    const foreign = { jobId: 'x', somethingNew: true };
    await fs.writeFile(path.join(dir, REGISTRY_FILE), JSON.stringify({ version: 1, jobs: [foreign] }), 'utf8');
    const problems: string[] = [];
    a.onProblem((p) => problems.push(p.message));
    await a.add(job('8', '2026-01-01T00:00:00Z'));
    const saved = JSON.parse(await fs.readFile(path.join(dir, REGISTRY_FILE), 'utf8')) as { jobs: { jobId: string }[] };
    assert.deepEqual(
      saved.jobs.find((j) => j.jobId === 'x'),
      foreign,
    );
    assert.match(problems[0] ?? '', /could not be read and are kept unchanged/);
  });
});

describe('job registry reads', () => {
  let dir: string;
  /** Another window's hold on the job list's lock, released by calling it. */
  let releaseLock: (() => void) | undefined;

  /** Takes the lock as another window does for a change, and keeps it until `releaseLock()`. */
  async function holdLock(): Promise<void> {
    let taken!: () => void;
    const held = new Promise<void>((resolve) => (taken = resolve));
    void withFileLock(
      path.join(dir, `${REGISTRY_FILE}.lock`),
      () =>
        new Promise<void>((release) => {
          releaseLock = release;
          taken();
        }),
    );
    await held;
  }

  /** Whether `promise` settles within `ms`. */
  async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([promise.then(() => true), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-registry-reads-'));
  });
  afterEach(async () => {
    releaseLock?.();
    releaseLock = undefined;
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('opens and reloads while another window holds the lock: writers replace the file whole, so a read needs none', async () => {
    const writer = await JobRegistry.open(dir, 'window-a');
    await writer.add(job('1', '2026-01-01T00:00:00Z'));
    await holdLock();
    const opening = JobRegistry.open(dir, 'window-b');
    assert.ok(await settlesWithin(opening, 2000), 'open() did not wait for the lock');
    const reader = await opening;
    assert.deepEqual(
      reader.all().map((j) => j.jobId),
      ['1'],
    );
    await fs.writeFile(
      path.join(dir, REGISTRY_FILE),
      JSON.stringify({ version: 1, jobs: [job('1', '2026-01-01T00:00:00Z'), job('2', '2026-01-02T00:00:00Z')] }),
    );
    assert.ok(await settlesWithin(reader.reload(), 2000), 'reload() did not wait for the lock');
    assert.deepEqual(
      reader.all().map((j) => j.jobId),
      ['2', '1'],
    );
    writer.dispose();
    reader.dispose();
    releaseLock?.();
    await Promise.all([writer.settled(), reader.settled()]);
  });

  it('repairs a damaged file only under the lock, once the other window lets go', async () => {
    const whole = JSON.stringify({ version: 1, jobs: [job('1', '2026-01-01T00:00:00Z')] }, null, 1);
    await fs.writeFile(path.join(dir, REGISTRY_FILE), `${whole}\n{ "cut`, 'utf8');
    await holdLock();
    const opening = JobRegistry.open(dir, 'window-b');
    assert.equal(await settlesWithin(opening, 300), false, 'the repair waits for the lock');
    assert.deepEqual(
      (await fs.readdir(dir)).filter((f) => f.includes('.damaged-')),
      [],
      'nothing is written while another window holds the lock',
    );
    releaseLock?.();
    const reader = await opening;
    assert.deepEqual(
      reader.all().map((j) => j.jobId),
      ['1'],
    );
    assert.equal((await fs.readdir(dir)).filter((f) => f.includes('.damaged-')).length, 1, 'the damaged text is kept aside');
    reader.dispose();
    await reader.settled();
  });

  it('opens with an empty list and says why when the list cannot be read, and fails when its folder cannot be made', async () => {
    // A folder where the file should be: reading it fails with something other than "not found".
    await fs.mkdir(path.join(dir, REGISTRY_FILE));
    const reader = await JobRegistry.open(dir, 'window-b');
    const problems: string[] = [];
    reader.onProblem((p) => problems.push(p.message));
    assert.deepEqual(reader.all(), []);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^Could not read the saved XRT job list .*xrt-jobs\.json: .*(EISDIR|directory)/);
    reader.dispose();
    await reader.settled();
    // A file where the folder should be.
    const notAFolder = path.join(dir, 'not-a-folder');
    await fs.writeFile(notAFolder, '');
    await assert.rejects(JobRegistry.open(notAFolder, 'window-c'), /EEXIST|ENOTDIR|not a directory/);
  });

  it('still takes an empty file for a damaged one (it is kept aside and reported)', async () => {
    await fs.writeFile(path.join(dir, REGISTRY_FILE), '', 'utf8');
    const reader = await JobRegistry.open(dir, 'window-b');
    const problems: string[] = [];
    reader.onProblem((p) => problems.push(p.message));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /damaged \(it is empty\)/);
    reader.dispose();
    await reader.settled();
  });
});

describe('job registry writes', () => {
  it('does not rewrite the shared file when a locked cycle changes nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-registry-idle-'));
    const r = await JobRegistry.open(dir, 'w');
    try {
      await r.add(job('1', '2026-01-01T00:00:00Z', { lc: 4 }));
      const file = path.join(dir, REGISTRY_FILE);
      const before = (await fs.stat(file)).mtimeMs;
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(await r.claimDue(Date.now(), 1000), [], 'a finished job is never due');
      assert.equal(await r.update('nope', (j) => j), undefined);
      assert.equal((await fs.stat(file)).mtimeMs, before);
    } finally {
      r.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
