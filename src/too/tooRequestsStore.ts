// The TOO requests the extension knows of: the ones `GET /swift/too` lists for the submission-date
// range, plus the ones this machine submitted. The store fetches (through the TOO client), keeps the
// records and says when they changed; the "TOO Requests" view and the commands (detail document,
// query target) read them here. It keeps the last good list: a failed refresh keeps it and records
// the problem.
//
// As the official client does, the range is listed with `detail=false` (the public list: details
// are only for the submitter's own TOOs), and each request submitted from here that the range does
// not show is read on its own with `too_id=N&detail=true`. The service lists approved requests only
// (swift_too TOO Requests documentation), so a request submitted from here that the service does not
// list is kept as "unlisted" rather than dropped.
//
// No vscode here, so that it can be unit-tested on Node with a fake client.
import { Emitter } from '../common/emitter';
import { describeError } from '../http/errors';
import type { TooClient } from './client';
import { describeSkipped, skippedRecords, type TooRecord } from './responseSchemas';

export interface TooDateRange {
  /** ISO dates (YYYY-MM-DD), UTC; `end` inclusive. */
  readonly begin: string;
  readonly end: string;
}

/** What the store needs of the TOO client (so tests can stand in for it). */
export type TooRequestsClient = Pick<TooClient, 'listToos' | 'getToo'>;

interface TooRequestsSource {
  /** A client when signed in, else undefined (nothing is listed then). */
  client(): Promise<TooRequestsClient | undefined>;
  range(): TooDateRange;
  submittedIds(): readonly number[];
  log(line: string): void;
}

/** Recorded submissions outside the date range are fetched one by one; bound the cost. */
const MAX_EXTRA_FETCHES = 20;

export class TooRequestsStore {
  private records = new Map<number, TooRecord>();
  private order: number[] = [];
  private lastProblem: string | undefined;
  /** Records of the list the extension could not read (left out, see lenient.ts). */
  private lastSkippedNote: string | undefined;
  /** Requests submitted from here that the service does not list (yet). */
  private unlisted = new Set<number>();
  private isSignedIn = false;
  private loading: Promise<void> | undefined;
  /** A refresh asked for while a load was under way: one more load after it, shared by all who asked. */
  private queued: Promise<void> | undefined;
  /** Counts clears: a load begun before the latest clear (a sign-out) is not applied. */
  private generation = 0;
  private readonly changed = new Emitter<void>();
  /** Fired whenever what the store holds may have changed (a refresh ended, a clear, a record read in detail). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly source: TooRequestsSource) {}

  /**
   * Reloads from the service. Resolves once a load that began after this call has ended, so what it
   * shows reflects the range and the submissions as they were when asked; calls made during a load
   * share the one load that follows it.
   */
  refresh(): Promise<void> {
    if (!this.loading) return this.startLoad();
    const next = (): Promise<void> => {
      this.queued = undefined;
      return this.refresh();
    };
    // After the load under way whatever its outcome (its own caller hears of its failure).
    this.queued ??= this.loading.then(next, next);
    return this.queued;
  }

  private startLoad(): Promise<void> {
    const generation = this.generation;
    this.loading = this.load(generation).finally(() => {
      this.loading = undefined;
      this.changed.fire();
    });
    return this.loading;
  }

  /** Forgets everything (sign-out); a load under way is not applied when it ends. */
  clear(): void {
    this.generation += 1;
    this.forget();
    this.changed.fire();
  }

  private forget(): void {
    this.records = new Map();
    this.order = [];
    this.lastProblem = undefined;
    this.lastSkippedNote = undefined;
    this.unlisted = new Set();
    this.isSignedIn = false;
  }

  record(tooId: number): TooRecord | undefined {
    return this.records.get(tooId);
  }

  /** The requests in display order: newest submission first. */
  listedIds(): number[] {
    return [...this.order];
  }

  /** Whether a request submitted from here is missing from the service's list. */
  isUnlisted(tooId: number): boolean {
    return this.unlisted.has(tooId);
  }

  isSubmittedHere(tooId: number): boolean {
    return this.source.submittedIds().includes(tooId);
  }

  /** Whether the last load had a client (signed in); false after a clear. */
  get signedIn(): boolean {
    return this.isSignedIn;
  }

  /** Why the last refresh failed (the list shown is the one before it), or undefined. */
  get problem(): string | undefined {
    return this.lastProblem;
  }

  /** Records of the last list that could not be read and were left out, in words. */
  get skippedNote(): string | undefined {
    return this.lastSkippedNote;
  }

  /** Whether a load is under way. */
  get isLoading(): boolean {
    return this.loading !== undefined;
  }

  range(): TooDateRange {
    return this.source.range();
  }

  /**
   * The full record of a request submitted from here, read with `too_id=N&detail=true` (details are
   * only for the submitter's own TOOs); other requests keep the public record of the list.
   */
  async detailed(tooId: number): Promise<TooRecord | undefined> {
    const listed = this.records.get(tooId);
    if (!this.isSubmittedHere(tooId)) return listed;
    const generation = this.generation;
    const client = await this.source.client();
    if (!client) return listed;
    try {
      const record = await client.getToo(tooId);
      if (generation !== this.generation) return record;
      this.records.set(tooId, record);
      this.unlisted.delete(tooId);
      this.changed.fire();
      return record;
    } catch (error) {
      this.source.log(`The details of TOO ${tooId} could not be read: ${describeError(error)}`);
      return listed;
    }
  }

  private async load(generation: number): Promise<void> {
    const client = await this.source.client();
    if (generation !== this.generation) return;
    if (!client) {
      this.forget();
      return;
    }
    this.isSignedIn = true;
    const { begin, end } = this.source.range();
    try {
      const reply = await client.listToos({ begin: `${begin} 00:00:00`, end: `${end} 23:59:59`, detail: false });
      const records = new Map<number, TooRecord>();
      for (const entry of reply.entries) if (typeof entry.too_id === 'number') records.set(entry.too_id, entry);
      const skipped = skippedRecords(reply.entries);
      const unlisted = new Set<number>();
      const missing = this.source.submittedIds().filter((id) => !records.has(id));
      for (const id of missing.slice(0, MAX_EXTRA_FETCHES)) {
        try {
          records.set(id, await client.getToo(id));
        } catch (error) {
          unlisted.add(id);
          this.source.log(`TOO ${id} (submitted from here) could not be read: ${describeError(error)}`);
        }
      }
      for (const id of missing.slice(MAX_EXTRA_FETCHES)) unlisted.add(id);
      if (generation !== this.generation) return;
      this.records = records;
      this.unlisted = unlisted;
      this.order = [...records.keys(), ...unlisted].sort((a, b) => timestampOf(records.get(b)) - timestampOf(records.get(a)) || b - a);
      this.lastProblem = undefined;
      this.lastSkippedNote = skipped.length ? describeSkipped(skipped) : undefined;
      if (this.lastSkippedNote) this.source.log(`Listing TOO requests: ${this.lastSkippedNote}`);
    } catch (error) {
      if (generation !== this.generation) return;
      this.lastProblem = describeError(error);
      this.source.log(`Listing TOO requests failed: ${this.lastProblem}`);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function timestampOf(record: TooRecord | undefined): number {
  const t = record?.timestamp ? Date.parse(`${record.timestamp}Z`) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
