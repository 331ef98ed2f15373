// Keeps the stored rebins of every job up to date: one `checkRebinStatus` per active rebin, timed by
// nextRebinPollDelayS, claimed through the job registry (as the job poller does) so that with several
// windows open each rebin is still asked about once, and its end is announced once, by the window that
// saw it. With no active rebin no timer runs and nothing is sent.
import { describeError, isServiceError } from '../../http/errors';
import type { JobRecord, RebinState } from '../jobs/jobRecord';
import type { JobRegistry } from '../jobs/jobRegistry';
import { isRebinActive, nextRebinPollDelayS } from './rebinState';

/** What one status request says (RebinClient.status's fields the record keeps). */
interface RebinStatusReply {
  readonly code: number | undefined;
  readonly text: string;
}

export interface RebinTransition {
  readonly job: JobRecord;
  readonly rebin: RebinState;
  readonly before: number | null;
}

interface RebinPollerDeps {
  readonly registry: Pick<JobRegistry, 'all' | 'get' | 'update' | 'onDidChange' | 'windowId'>;
  fetchStatus(rebin: RebinState, signal: AbortSignal): Promise<RebinStatusReply>;
  isFocused(): boolean;
  now?(): number;
  /** A rebin reached a terminal code (seen by this window's poll only, so announced once). */
  onFinished?(transition: RebinTransition): void;
  onError?(error: unknown, job: JobRecord, rebin: RebinState): void;
  /** How long one status request may take before it is abandoned (default 120 s). */
  watchdogMs?: number;
}

const DEFAULT_WATCHDOG_MS = 120_000;
const CLAIM_MARGIN_MS = 30_000;

const keyOf = (jobId: string, rebinId: number): string => `${jobId}/${rebinId}`;

export class RebinPoller {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  private disposed = false;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: RebinPollerDeps) {
    this.subscription = deps.registry.onDidChange(() => this.arm());
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private get watchdogMs(): number {
    return this.deps.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  }

  /** Active rebins not being asked about in this window, with their jobs. */
  private waiting(): { job: JobRecord; rebin: RebinState }[] {
    return this.deps.registry
      .all()
      .flatMap((job) => (job.rebins ?? []).filter(isRebinActive).map((rebin) => ({ job, rebin })))
      .filter(({ job, rebin }) => !this.inFlight.has(keyOf(job.jobId, rebin.rebinId)));
  }

  /** Arms the timer for the earliest due active rebin; none when nothing is active. */
  arm(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.waiting();
    if (waiting.length === 0) return;
    const dueAt = (r: RebinState): number =>
      Math.max(r.poll.nextAt ?? 0, r.poll.claimedBy && r.poll.claimedBy !== this.deps.registry.windowId ? (r.poll.claimedUntil ?? 0) : 0);
    const earliest = Math.min(...waiting.map(({ rebin }) => dueAt(rebin)));
    const wait = Math.max(0, earliest - this.now()) + Math.floor(Math.random() * 250);
    this.timer = setTimeout(() => void this.tick(), Math.min(wait, 2 ** 31 - 1));
  }

  /** Asks about the active rebins of `jobIds` (all jobs when undefined) now; resolves when the answers are stored. */
  async refreshNow(jobIds?: readonly string[]): Promise<void> {
    const wanted = this.deps.registry
      .all()
      .filter((j) => !jobIds || jobIds.includes(j.jobId))
      .flatMap((job) => (job.rebins ?? []).filter(isRebinActive).map((rebin) => ({ jobId: job.jobId, rebinId: rebin.rebinId })));
    await Promise.all(wanted.map((w) => this.pollOne(w.jobId, w.rebinId, true)));
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.subscription.dispose();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.disposed) return;
    const now = this.now();
    const due = this.waiting().filter(({ rebin }) => (rebin.poll.nextAt ?? 0) <= now);
    // Started without waiting for each other: one slow answer never delays another rebin.
    for (const { job, rebin } of due) void this.pollOne(job.jobId, rebin.rebinId, false);
    this.arm();
  }

  /** One status request for one rebin, claimed first; `force` ignores the schedule (not another window's claim). */
  private pollOne(jobId: string, rebinId: number, force: boolean): Promise<void> {
    const key = keyOf(jobId, rebinId);
    const running = this.inFlight.get(key);
    if (running) return running;
    const done = this.claimAndPoll(jobId, rebinId, force).finally(() => {
      this.inFlight.delete(key);
      this.arm();
    });
    this.inFlight.set(key, done);
    return done;
  }

  private async claimAndPoll(jobId: string, rebinId: number, force: boolean): Promise<void> {
    const now = this.now();
    const me = this.deps.registry.windowId;
    let claimed: RebinState | undefined;
    await this.deps.registry.update(jobId, (job) => {
      const r = job.rebins?.find((x) => x.rebinId === rebinId);
      if (!r || !isRebinActive(r)) return undefined;
      const otherClaim = r.poll.claimedBy !== undefined && r.poll.claimedBy !== me && (r.poll.claimedUntil ?? 0) > now;
      if (otherClaim || (!force && (r.poll.nextAt ?? 0) > now)) return undefined;
      r.poll = { ...r.poll, claimedBy: me, claimedUntil: now + this.watchdogMs + CLAIM_MARGIN_MS };
      claimed = structuredClone(r);
      return job;
    });
    if (!claimed) return;
    const rebin = claimed;
    let reply: RebinStatusReply | undefined;
    let failure: unknown;
    try {
      reply = await this.deps.fetchStatus(rebin, AbortSignal.timeout(this.watchdogMs));
    } catch (error) {
      failure = error;
    }
    let transition: RebinTransition | undefined;
    const after = this.now();
    const updated = await this.deps.registry.update(jobId, (job) => {
      const r = job.rebins?.find((x) => x.rebinId === rebinId);
      if (!r) return undefined;
      const before = r.statusCode;
      const errors = failure === undefined ? 0 : r.poll.errors + 1;
      if (reply) {
        // An unknown code (not a whole number) is pending, never failure (§16.6): keep the last known one.
        const code = reply.code ?? r.statusCode;
        if (code !== r.statusCode || reply.text !== r.statusText) {
          if (code !== r.statusCode) r.changedAt = after;
          r.statusCode = code;
          r.statusText = reply.text;
        }
        if (!isRebinActive(r) && r.finishedAt === undefined) r.finishedAt = after;
        if (isRebinActive({ statusCode: before }) && !isRebinActive(r)) transition = { job, rebin: r, before };
      }
      const delay = nextRebinPollDelayS({
        ageS: (after - r.requestedAt) / 1000,
        consecutiveErrors: errors,
        windowFocused: this.deps.isFocused(),
      });
      r.poll = {
        errors,
        lastPolledAt: after,
        ...(failure !== undefined ? { lastError: describeError(failure) } : {}),
        ...(isRebinActive(r) ? { nextAt: after + delay * 1000 } : {}),
      };
      return job;
    });
    if (failure !== undefined) {
      const job = updated ?? this.deps.registry.get(jobId);
      if (job) this.deps.onError?.(failure, job, rebin);
    }
    if (transition && updated) {
      const stored = updated.rebins?.find((x) => x.rebinId === rebinId) ?? transition.rebin;
      this.deps.onFinished?.({ job: updated, rebin: stored, before: transition.before });
    }
  }
}

/** A status failure as one log line (a service error's full text, else its description). */
export function rebinPollFailureText(error: unknown): string {
  return isServiceError(error) ? error.fullText() : describeError(error);
}
