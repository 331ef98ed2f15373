// Keeps the registry's active XRT jobs up to date: one status request per job covering all its
// products (progress asked only for running ones), timed by the poll policy, shared between windows
// through the registry's claims so a job is polled once however many windows are open. With nothing
// active no timer runs and nothing is sent.
import { isServiceError } from '../http/errors';
import { isJobActive, type JobRecord, type ProductState } from './jobRecord';
import { isTerminal } from '../xrt/products';
import type { JobRegistry } from './jobRegistry';
import { nextPollDelayS, planNextPoll } from './pollPolicy';
import { nextStepHistory, type ProgressLike, type StepHistory } from './progressEstimate';

export interface ProductStatus {
  readonly statusCode: number | null;
  readonly statusText: string;
  readonly progress?: unknown;
}

export interface Transition {
  readonly job: JobRecord;
  readonly product: string;
  readonly before: ProductState | undefined;
  readonly after: ProductState;
}

export interface SchedulerDeps {
  readonly registry: JobRegistry;
  /** One status request for the job: all products in `what`, progress for those in `whatProg`. */
  fetchStatus(job: JobRecord, what: readonly string[], whatProg: readonly string[], signal: AbortSignal): Promise<Readonly<Record<string, ProductStatus>>>;
  baseIntervalS(): number;
  isFocused(): boolean;
  now?(): number;
  /** A product's status code changed (observed by this window's poll only, so announced once). */
  onTransition?(transition: Transition): void;
  /** A status request failed (with the job), or the registry could not be read or written (without). */
  onError?(error: unknown, job?: JobRecord): void;
}

/** How long a window's claim on a job lasts: longer than any status request may take. */
const CLAIM_MS = 90_000;

export class PollScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** Ticks run one after another, so a refresh asked for during a tick is not lost. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly abort = new AbortController();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: SchedulerDeps) {
    // Another window (or a command) added, finished or rescheduled a job: re-arm.
    this.subscription = deps.registry.onDidChange(() => this.arm());
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Arms the timer for the earliest due active job; no timer at all when nothing is active. */
  arm(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const active = this.deps.registry.active();
    if (active.length === 0) return;
    const earliest = Math.min(...active.map((j) => Math.max(j.poll.nextAt ?? 0, j.poll.claimedBy && j.poll.claimedBy !== this.deps.registry.windowId ? j.poll.claimedUntil ?? 0 : 0)));
    // A little jitter so that two windows waking for the same job do not contend for the lock in step.
    const wait = Math.max(0, earliest - this.now()) + Math.floor(Math.random() * 250);
    this.timer = setTimeout(() => void this.tick(), Math.min(wait, 2 ** 31 - 1));
  }

  /** Polls the given jobs (or all active ones) now, e.g. on the user's Refresh. */
  async refreshNow(jobIds?: readonly string[]): Promise<void> {
    const targets = jobIds ?? this.deps.registry.active().map((j) => j.jobId);
    const now = this.now();
    for (const id of targets) {
      await this.deps.registry.update(id, (job) => (isJobActive(job) ? { ...job, poll: { ...job.poll, nextAt: now, claimedBy: undefined, claimedUntil: undefined } } : undefined));
    }
    await this.tick();
  }

  tick(): Promise<void> {
    this.queue = this.queue.then(() => this.tickOnce());
    return this.queue;
  }

  private async tickOnce(): Promise<void> {
    if (this.disposed) return;
    try {
      const claimed = await this.deps.registry.claimDue(this.now(), CLAIM_MS);
      await Promise.all(claimed.map((job) => this.poll(job)));
    } catch (error) {
      // The registry itself failed (disk full, permissions): nothing to poll safely; try again later.
      this.deps.onError?.(error);
    } finally {
      this.arm();
    }
  }

  private async poll(job: JobRecord): Promise<void> {
    const what = Object.keys(job.products).filter((p) => job.products[p].statusCode !== null);
    // Finished products carry no progress: ask it only for those still active (the service answers
    // GotProgress 0 for the ones not yet running, at no extra cost — it is the same request).
    const whatProg = what.filter((p) => !isTerminal(job.products[p].statusCode));
    let statuses: Readonly<Record<string, ProductStatus>> | undefined;
    let failure: unknown;
    try {
      statuses = await this.deps.fetchStatus(job, what, whatProg, this.abort.signal);
    } catch (error) {
      failure = error;
      this.deps.onError?.(error, job);
    }
    if (this.disposed) return;
    const now = this.now();
    const transitions: Transition[] = [];
    const updated = await this.deps.registry.update(job.jobId, (current) => {
      const poll = { ...current.poll, claimedBy: undefined, claimedUntil: undefined, lastPolledAt: now };
      if (!statuses) {
        // Keep the last known state on screen; only the poll bookkeeping changes.
        const errors = current.poll.errors + 1;
        const retryAfterS = isServiceError(failure) ? failure.retryAfterSeconds : undefined;
        const delay = nextPollDelayS({ ...policyInput(current, this.deps), consecutiveErrors: errors, retryAfterS });
        return { ...current, poll: { ...poll, errors, lastError: describe(failure), nextAt: delay === undefined ? undefined : now + Math.ceil(delay * 1000) } };
      }
      const products = { ...current.products };
      let changed = false;
      for (const code of what) {
        const reported = statuses[code];
        if (!reported) continue;
        const before = products[code];
        const statusChanged = before?.statusCode !== reported.statusCode;
        const progressChanged = JSON.stringify(before?.progress) !== JSON.stringify(reported.progress);
        if (!statusChanged && !progressChanged) continue;
        changed = true;
        const after: ProductState = {
          statusCode: reported.statusCode,
          statusText: reported.statusText,
          progress: reported.progress,
          changedAt: statusChanged ? now : before?.changedAt ?? now,
          finishedAt: isTerminal(reported.statusCode) ? before?.finishedAt ?? now : undefined,
          stepHistory: mutableCopy(nextStepHistory(before?.progress as ProgressLike | undefined, before?.stepHistory, reported.progress as ProgressLike | undefined)),
        };
        products[code] = after;
        if (statusChanged) transitions.push({ job: current, product: code, before, after });
      }
      const next = { ...current, products };
      const unchanged = changed ? 0 : current.poll.unchanged + 1;
      const overdueS = current.poll.expectedEndAt !== undefined ? (now - current.poll.expectedEndAt) / 1000 : undefined;
      const plan = planNextPoll({ ...policyInput(next, this.deps), unchangedPolls: unchanged, consecutiveErrors: 0, overdueS });
      const expectedEndAt = plan?.expectedEndInS !== undefined ? now + plan.expectedEndInS * 1000 : undefined;
      return {
        ...next,
        poll: { ...poll, unchanged, errors: 0, lastError: undefined, expectedEndAt, nextAt: plan === undefined ? undefined : now + Math.ceil(plan.delayS * 1000) },
      };
    });
    if (updated) for (const t of transitions) this.deps.onTransition?.({ ...t, job: updated });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    this.subscription.dispose();
  }
}

function policyInput(job: JobRecord, deps: SchedulerDeps): Parameters<typeof nextPollDelayS>[0] {
  return {
    baseIntervalS: deps.baseIntervalS(),
    products: Object.values(job.products).map((p) => ({ statusCode: p.statusCode, progress: p.progress as ProgressLike | undefined, stepHistory: p.stepHistory })),
    unchangedPolls: job.poll.unchanged,
    consecutiveErrors: job.poll.errors,
    windowFocused: deps.isFocused(),
  };
}

function mutableCopy(h: StepHistory | undefined): ProductState['stepHistory'] {
  return h ? { starts: [...h.starts], counted: [...h.counted] } : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
