// The persistent list of XRT jobs, shared by all windows of a profile through one JSON file in
// globalStorage. Every change is a locked read-modify-write, so windows never lose each other's
// updates; each window watches the file and hears of the others' changes.
import { watch, promises as fs, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { withFileLock, writeFileAtomic } from './fileLock';
import { REGISTRY_VERSION, isJobActive, jobRecordSchema, registryFileSchema, type JobRecord } from './jobRecord';

export const REGISTRY_FILE = 'xrt-jobs.json';

export interface RegistryProblem {
  readonly message: string;
  /** Where the unreadable content was kept, so nothing is lost. */
  readonly keptAt?: string;
}

type Listener<T> = (value: T) => void;

/** A minimal event emitter (the registry must not depend on the vscode module, so it can be unit-tested). */
export class Emitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class JobRegistry {
  private jobs = new Map<string, JobRecord>();
  /** Records this version could not read; written back untouched so a newer version can. */
  private unreadable: unknown[] = [];
  private watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastWritten = '';
  private readonly changed = new Emitter<readonly string[]>();
  private readonly problems = new Emitter<RegistryProblem>();
  /** Fired with the IDs of jobs that were added, changed or removed (by this window or another). */
  readonly onDidChange = this.changed.event;
  readonly onProblem = this.problems.event;

  private constructor(
    private readonly dir: string,
    readonly windowId: string,
  ) {}

  static async open(dir: string, windowId: string): Promise<JobRegistry> {
    await fs.mkdir(dir, { recursive: true });
    const registry = new JobRegistry(dir, windowId);
    await registry.reload();
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
    return [...this.jobs.values()].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.jobId.localeCompare(a.jobId, undefined, { numeric: true }));
  }

  get(jobId: string): JobRecord | undefined {
    return this.jobs.get(jobId);
  }

  active(): JobRecord[] {
    return this.all().filter(isJobActive);
  }

  /** Adds (or replaces) jobs. */
  async add(...records: JobRecord[]): Promise<void> {
    await this.mutate((jobs) => {
      for (const r of records) jobs.set(r.jobId, jobRecordSchema.parse(r));
    });
  }

  async remove(jobIds: readonly string[]): Promise<void> {
    await this.mutate((jobs) => {
      for (const id of jobIds) jobs.delete(id);
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
   * window. Two windows calling this at the same moment never get the same job.
   */
  async claimDue(now: number, claimForMs: number): Promise<JobRecord[]> {
    const claimed: JobRecord[] = [];
    await this.mutate((jobs) => {
      for (const job of jobs.values()) {
        if (!isJobActive(job)) continue;
        const due = job.poll.nextAt === undefined || job.poll.nextAt <= now;
        const claimLive = job.poll.claimedBy !== undefined && (job.poll.claimedUntil ?? 0) > now && job.poll.claimedBy !== this.windowId;
        if (!due || claimLive) continue;
        job.poll = { ...job.poll, claimedBy: this.windowId, claimedUntil: now + claimForMs };
        claimed.push(structuredClone(job));
      }
      return claimed.length > 0;
    });
    return claimed;
  }

  /** Reads the file again (another window may have written it). */
  async reload(): Promise<void> {
    const before = this.snapshotKeys();
    await this.readFromDisk();
    const after = this.snapshotKeys();
    const changedIds = diffIds(before, after);
    if (changedIds.length > 0) this.changed.fire(changedIds);
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

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.reloadTimer);
    this.changed.dispose();
    this.problems.dispose();
  }

  private async reloadIfChangedElsewhere(): Promise<void> {
    try {
      const text = await fs.readFile(this.file, 'utf8');
      if (text === this.lastWritten) return;
      await this.reload();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problems.fire({ message: `Could not re-read the job list: ${(error as Error).message}` });
    }
  }

  /**
   * One locked read-modify-write. `apply` returns false when it changed nothing; the file is then not
   * rewritten, so an idle poll tick costs one read and other windows are not woken to reload.
   */
  private async mutate(apply: (jobs: Map<string, JobRecord>) => boolean | void): Promise<void> {
    const before = this.snapshotKeys();
    await withFileLock(this.lockDir, async () => {
      await this.readFromDisk();
      if (apply(this.jobs) !== false) await this.writeToDisk();
    });
    // Includes what another window changed since we last looked, not only our own change.
    const changedIds = diffIds(before, this.snapshotKeys());
    if (changedIds.length > 0) this.changed.fire(changedIds);
  }

  private async readFromDisk(): Promise<void> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.jobs = new Map();
        this.unreadable = [];
        return;
      }
      throw error;
    }
    this.lastWritten = text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.setAsideUnreadableFile(text, 'it is not valid JSON');
    }
    const file = registryFileSchema.safeParse(parsed);
    if (!file.success) return this.setAsideUnreadableFile(text, `it is not a version-${REGISTRY_VERSION} job list`);
    const jobs = new Map<string, JobRecord>();
    const unreadable: unknown[] = [];
    for (const raw of file.data.jobs) {
      const job = jobRecordSchema.safeParse(raw);
      if (job.success) jobs.set(job.data.jobId, job.data);
      else unreadable.push(raw);
    }
    if (unreadable.length > this.unreadable.length) {
      this.problems.fire({ message: `${unreadable.length} saved XRT job(s) could not be read and are kept unchanged in ${this.file}.` });
    }
    this.jobs = jobs;
    this.unreadable = unreadable;
  }

  private async setAsideUnreadableFile(text: string, why: string): Promise<void> {
    const keptAt = path.join(this.dir, `xrt-jobs.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await fs.writeFile(keptAt, text, 'utf8');
    await fs.rm(this.file, { force: true });
    this.jobs = new Map();
    this.unreadable = [];
    this.lastWritten = '';
    this.problems.fire({ message: `The saved XRT job list could not be read (${why}). It was kept as ${keptAt}; starting with an empty list.`, keptAt });
  }

  private async writeToDisk(): Promise<void> {
    const content = JSON.stringify({ version: REGISTRY_VERSION, jobs: [...this.jobs.values(), ...this.unreadable] }, null, 1);
    this.lastWritten = content;
    await writeFileAtomic(this.file, content);
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
