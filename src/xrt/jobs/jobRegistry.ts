// The persistent list of XRT jobs, shared by all windows of a profile through one JSON file in
// globalStorage. Every change is a locked read-modify-write, so windows never lose each other's
// updates; each window watches the file and hears of the others' changes.
//
// Within one window, every read of the file (the watcher's reloads included) and every change run one
// after another: a reload that read the file before a change can therefore never finish after it and put
// older content back. A generation counter guards the in-memory state besides: content read before the
// state last changed is never applied over it. Reads take no lock: every writer replaces the file whole
// (writeFileAtomic), so a read sees one version or the next; only a damaged file, which the read repairs,
// is read again under the lock. That keeps the first read (the features' first use) to two file calls.
import { watch, promises as fs, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { Emitter } from '../../common/emitter';
import { withFileLock, writeFileAtomic, type HeldLock } from '../../common/fileLock';
import { REGISTRY_VERSION, isJobActive, jobRecordSchema, type JobRecord } from './jobRecord';
import { readRegistryText, type RegistryRead } from './registryFile';
import { JOB_LIST_FILE } from '../storageFiles';

const REGISTRY_FILE = JOB_LIST_FILE;

export interface RegistryProblem {
  readonly message: string;
  /** Where the unreadable content was kept, so nothing is lost. */
  readonly keptAt?: string;
  /** The jobs read from a damaged file and kept. */
  readonly recovered?: readonly string[];
}

/** What the file held when it was last read or written. */
interface Snapshot {
  readonly jobs: Map<string, JobRecord>;
  /** Records this version could not read; written back untouched so a newer version can. */
  readonly unreadable: readonly unknown[];
  /** The file's text as read or written ('' when there is no file). */
  readonly text: string;
}

export class JobRegistry {
  private jobs = new Map<string, JobRecord>();
  private unreadable: readonly unknown[] = [];
  private watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastWritten = '';
  /** Counts changes of the in-memory state; a read begun before the latest change is not applied. */
  private generation = 0;
  /** Every read and write of the file in this window, in order (see the top of this file). */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly changed = new Emitter<readonly string[]>();
  // Problems found while opening are raised before anyone can listen: kept for the first listener.
  private readonly problems = new Emitter<RegistryProblem>(true);
  /** Fired with the IDs of jobs that were added, changed or removed (by this window or another). */
  readonly onDidChange = this.changed.event;
  /** A damaged file or unreadable records; problems found before the first listener are handed to it. */
  readonly onProblem = this.problems.event;

  private constructor(
    private readonly dir: string,
    readonly windowId: string,
  ) {}

  static async open(dir: string, windowId: string): Promise<JobRegistry> {
    const registry = new JobRegistry(dir, windowId);
    // Side by side: a missing folder reads as an empty list, and only a damaged file (so an existing
    // folder) is repaired under the lock, which lives in the folder.
    const [made, read] = await Promise.allSettled([fs.mkdir(dir, { recursive: true }), registry.reload()]);
    // Without its folder the list can be neither watched nor saved: the opening fails, as it always has.
    if (made.status === 'rejected') throw made.reason;
    if (read.status === 'rejected') {
      // The window still opens (with an empty list in memory); nothing is written until a later read
      // succeeds, so the file is never overwritten with less than it holds.
      const reason = read.reason instanceof Error ? read.reason.message : String(read.reason);
      registry.problems.fire({ message: `Could not read the saved XRT job list ${registry.file}: ${reason}` });
    }
    return registry;
  }

  get file(): string {
    return path.join(this.dir, REGISTRY_FILE);
  }

  private get lockDir(): string {
    return path.join(this.dir, `${REGISTRY_FILE}.lock`);
  }

  /** Newest first. */
  all(): JobRecord[] {
    return [...this.jobs.values()].sort(
      (a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.jobId.localeCompare(a.jobId, undefined, { numeric: true }),
    );
  }

  get(jobId: string): JobRecord | undefined {
    return this.jobs.get(jobId);
  }

  active(): JobRecord[] {
    return this.all().filter(isJobActive);
  }

  /** Adds (or replaces) jobs. */
  async add(...records: JobRecord[]): Promise<void> {
    const parsed = records.map((r) => jobRecordSchema.parse(r));
    await this.mutate((jobs) => {
      for (const r of parsed) jobs.set(r.jobId, r);
    });
  }

  async remove(jobIds: readonly string[]): Promise<void> {
    await this.mutate((jobs) => {
      let changed = false;
      for (const id of jobIds) changed = jobs.delete(id) || changed;
      return changed;
    });
  }

  /**
   * Changes one job under the lock. `change` receives the freshest copy (another window may have
   * changed it meanwhile) and returns the new record, or undefined to leave it as it is.
   */
  async update(jobId: string, change: (job: JobRecord) => JobRecord | undefined): Promise<JobRecord | undefined> {
    let result: JobRecord | undefined;
    await this.mutate((jobs) => {
      const current = jobs.get(jobId);
      if (!current) return false;
      const next = change(structuredClone(current));
      if (!next) return false;
      result = jobRecordSchema.parse(next);
      jobs.set(jobId, result);
      return true;
    });
    return result;
  }

  /**
   * Claims, for this window, every active job that is due to be polled and not claimed by a live
   * window. Two windows calling this at the same moment never get the same job. `skip` leaves out
   * jobs this window is still busy with (asked inside the lock, so it sees the latest answer).
   */
  async claimDue(now: number, claimForMs: number, skip?: (jobId: string) => boolean): Promise<JobRecord[]> {
    const claimed: JobRecord[] = [];
    await this.mutate((jobs) => {
      for (const job of jobs.values()) {
        if (!isJobActive(job) || skip?.(job.jobId)) continue;
        const due = job.poll.nextAt === undefined || job.poll.nextAt <= now;
        const claimLive = job.poll.claimedBy !== undefined && (job.poll.claimedUntil ?? 0) > now && job.poll.claimedBy !== this.windowId;
        if (!due || claimLive) continue;
        const next = { ...job, poll: { ...job.poll, claimedBy: this.windowId, claimedUntil: now + claimForMs } };
        jobs.set(job.jobId, next);
        claimed.push(structuredClone(next));
      }
      return claimed.length > 0;
    });
    return claimed;
  }

  /** Reads the file again (another window may have written it). */
  reload(): Promise<void> {
    return this.serial(async () => {
      const before = this.snapshotKeys();
      const generation = this.generation;
      const unlocked = await this.readSnapshot();
      const snapshot = 'damaged' in unlocked ? await withFileLock(this.lockDir, (lock) => this.readFromDisk(lock)) : unlocked;
      this.commit(snapshot, generation);
      this.fireChanges(before);
    });
  }

  /** Follows changes other windows make to the file. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.dir, (_event, name) => {
      if (name !== REGISTRY_FILE) return;
      // Debounced: a rename-into-place produces several events.
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        void this.reloadIfChangedElsewhere();
      }, 50);
    });
  }

  /** Resolves when every read and write asked for so far has finished. */
  async settled(): Promise<void> {
    await this.serial(async () => undefined);
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.reloadTimer);
    this.changed.dispose();
    this.problems.dispose();
  }

  /** Runs `task` after every read and write asked for before it (a failed one does not stop the queue). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadIfChangedElsewhere(): Promise<void> {
    if (this.disposed) return;
    try {
      // Compared in turn, after this window's own pending writes: its own write is not news.
      const unchanged = await this.serial(async () => {
        try {
          return (await fs.readFile(this.file, 'utf8')) === this.lastWritten;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.lastWritten === '';
          throw error;
        }
      });
      if (!unchanged && !this.disposed) await this.reload();
    } catch (error) {
      this.problems.fire({ message: `Could not re-read the job list: ${(error as Error).message}` });
    }
  }

  /**
   * One locked read-modify-write. `apply` works on a copy of what the file holds and returns false when
   * it changed nothing; the file is then not rewritten, so an idle poll tick costs one read and other
   * windows are not woken to reload.
   */
  private mutate(apply: (jobs: Map<string, JobRecord>) => boolean | void): Promise<void> {
    return this.serial(async () => {
      const before = this.snapshotKeys();
      await withFileLock(this.lockDir, async (lock) => {
        const generation = this.generation;
        const disk = await this.readFromDisk(lock);
        const draft = new Map(disk.jobs);
        if (apply(draft) === false) return this.commit(disk, generation);
        // Another window judged this one gone and took the lock over (it can only do so once this
        // process is proven dead or silent): writing now would overwrite its changes.
        if (!(await lock.stillHeld())) {
          this.commit(disk, generation);
          throw new Error('Lost the lock on the job list while changing it; the change was not saved. Try again.');
        }
        let text: string;
        try {
          text = await this.writeToDisk(draft, disk.unreadable);
        } catch (error) {
          this.commit(disk, generation);
          throw error;
        }
        this.commit({ jobs: draft, unreadable: disk.unreadable, text }, generation);
      });
      // Includes what another window changed since we last looked, not only our own change.
      this.fireChanges(before);
    });
  }

  /** Makes `snapshot` the in-memory state, unless the state changed after the read began. */
  private commit(snapshot: Snapshot, readAtGeneration: number): void {
    if (readAtGeneration !== this.generation) return;
    this.generation += 1;
    this.jobs = snapshot.jobs;
    this.unreadable = snapshot.unreadable;
    this.lastWritten = snapshot.text;
  }

  private fireChanges(before: Map<string, string>): void {
    const changedIds = diffIds(before, this.snapshotKeys());
    if (changedIds.length > 0 && !this.disposed) this.changed.fire(changedIds);
  }

  /** What the file holds, or what is wrong with it: `damaged` (repaired by readFromDisk, under the lock). */
  private async readSnapshot(): Promise<
    Snapshot | { readonly damaged: Extract<RegistryRead, { kind: 'damaged' }>; readonly text: string }
  > {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { jobs: new Map(), unreadable: [], text: '' };
      throw error;
    }
    const read = readRegistryText(text);
    if (read.kind === 'damaged') return { damaged: read, text };
    if (read.unreadable.length > this.unreadable.length) {
      this.problems.fire({
        message: `${read.unreadable.length} saved XRT job(s) could not be read and are kept unchanged in ${this.file}.`,
      });
    }
    return { jobs: read.jobs, unreadable: read.unreadable, text };
  }

  /**
   * What the file holds. A damaged file is kept aside, what can be read of it is saved as the new file
   * (we hold the lock), and the user is told where the damaged copy is.
   */
  private async readFromDisk(lock: HeldLock): Promise<Snapshot> {
    const snapshot = await this.readSnapshot();
    if (!('damaged' in snapshot)) return snapshot;
    const { damaged: read, text } = snapshot;
    const keptAt = `${this.file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Kept first: if that fails, the damaged file is left as it is and nothing is written over it.
    await fs.writeFile(keptAt, text, { encoding: 'utf8', flag: 'wx' });
    if (!(await lock.stillHeld())) throw new Error('Lost the lock on the job list while repairing it.');
    const saved = await this.writeToDisk(read.jobs, []);
    const n = read.jobs.size;
    this.problems.fire({
      message:
        `The saved XRT job list was damaged (${read.why}). ${n === 0 ? 'No job could be read from it' : `${n} job${n === 1 ? '' : 's'} could be read and ${n === 1 ? 'was' : 'were'} kept`}; ` +
        `the damaged file was kept as ${keptAt}.`,
      keptAt,
      recovered: [...read.jobs.keys()],
    });
    return { jobs: read.jobs, unreadable: [], text: saved };
  }

  private async writeToDisk(jobs: ReadonlyMap<string, JobRecord>, unreadable: readonly unknown[]): Promise<string> {
    const content = JSON.stringify({ version: REGISTRY_VERSION, jobs: [...jobs.values(), ...unreadable] }, null, 1);
    await writeFileAtomic(this.file, content);
    return content;
  }

  private snapshotKeys(): Map<string, string> {
    return new Map([...this.jobs.entries()].map(([id, job]) => [id, JSON.stringify({ ...job, poll: undefined })]));
  }
}

function diffIds(before: Map<string, string>, after: Map<string, string>): string[] {
  const ids = new Set<string>();
  for (const [id, value] of after) if (before.get(id) !== value) ids.add(id);
  for (const id of before.keys()) if (!after.has(id)) ids.add(id);
  return [...ids];
}
