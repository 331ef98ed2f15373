// Keeps the registry's active XRT jobs up to date: one status request per job covering all its
// products (progress asked only for running ones), timed by the poll policy, shared between windows
// through the registry's claims so a job is polled once however many windows are open. With nothing
// active no timer runs and nothing is sent.
//
// Each job is polled on its own: a tick claims the jobs that are due and starts their requests without
// waiting for them, each job's next poll is planned when its own request ends, and a request that
// never ends is abandoned by that job's watchdog (and retried later). One stuck server reply therefore
// never delays the polling of any other job.
import { describeError, isServiceError } from '../../http/errors';
import { isJobActive, type JobRecord, type ProductState } from './jobRecord';
import { isProductCode, isTerminal, type ProductCode } from '../productCodes';
import type { JobRegistry } from './jobRegistry';
import { nextPollDelayS, planNextPoll } from './pollPolicy';
import { reportedStatus, type StatusResponse } from '../responseSchemas';
import { nextStepHistory, type StepHistory } from './progressEstimate';

export interface Transition {
  readonly job: JobRecord;
  readonly product: string;
  readonly before: ProductState | undefined;
  readonly after: ProductState;
}

interface SchedulerDeps {
  readonly registry: JobRegistry;
  /** One status request for the job (XrtClient.status): all products in `what`, progress for those in `whatProg`. */
  fetchStatus(job: JobRecord, what: readonly ProductCode[], whatProg: readonly ProductCode[], signal: AbortSignal): Promise<StatusResponse>;
  baseIntervalS(): number;
  isFocused(): boolean;
  now?(): number;
  /**
   * Products' status codes changed, all those one status reply of one job showed (observed by this
   * window's poll only, so announced once; together, so that products finishing at once are one notice).
   */
  onTransitions?(transitions: readonly Transition[]): void;
  /** A status request failed (with the job), or the registry could not be read or written (without). */
  onError?(error: unknown, job?: JobRecord): void;
  /**
   * How long one job's status request may take before it is abandoned (the HTTP layer has its own
   * limits; this guard does not rely on them). Default 120 s.
   */
  watchdogMs?(): number;
}

const DEFAULT_WATCHDOG_MS = 120_000;
/** A window's claim on a job outlasts the watchdog, so no other window polls a job this one still waits for. */
const CLAIM_MARGIN_MS = 30_000;
/** After the registry itself failed, the next tick waits at least this long (no busy loop on a broken disk). */
const REGISTRY_RETRY_MS = 10_000;

/** A status request abandoned by its watchdog. */
class PollWatchdogError extends Error {
  constructor(
    readonly jobId: string,
    readonly afterMs: number,
  ) {
    super(`No answer to the status request for XRT job ${jobId} after ${Math.round(afterMs / 1000)} s; abandoned, will ask again later.`);
    this.name = 'PollWatchdogError';
  }
}

export class PollScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** Claims run one after another, so two ticks never hand out the same job twice in this window. */
  private claiming: Promise<void> = Promise.resolve();
  /** Jobs whose status request is under way in this window: the request's own abort controller, and the poll. */
  private readonly inFlight = new Map<string, { readonly controller: AbortController; done?: Promise<void> }>();
  /** Set after the registry failed: no tick before then. */
  private notBefore = 0;
  private disposed = false;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: SchedulerDeps) {
    // Another window (or a command) added, finished or rescheduled a job: re-arm.
    this.subscription = deps.registry.onDidChange(() => this.arm());
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private watchdogMs(): number {
    return this.deps.watchdogMs?.() ?? DEFAULT_WATCHDOG_MS;
  }

  /** Jobs whose request is under way in this window (for the view and tests). */
  get polling(): readonly string[] {
    return [...this.inFlight.keys()];
  }

  /**
   * Arms the timer for the earliest due active job that is not being polled right now; no timer at all
   * when nothing is active.
   */
  arm(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.deps.registry.active().filter((j) => !this.inFlight.has(j.jobId));
    if (waiting.length === 0) return;
    const others = (j: JobRecord): number =>
      j.poll.claimedBy && j.poll.claimedBy !== this.deps.registry.windowId ? (j.poll.claimedUntil ?? 0) : 0;
    const earliest = Math.max(this.notBefore, Math.min(...waiting.map((j) => Math.max(j.poll.nextAt ?? 0, others(j)))));
    // A little jitter so that two windows waking for the same job do not contend for the lock in step.
    const wait = Math.max(0, earliest - this.now()) + Math.floor(Math.random() * 250);
    this.timer = setTimeout(() => void this.tick(), Math.min(wait, 2 ** 31 - 1));
  }

  /**
   * Polls the given jobs (or all active ones) now, e.g. on the user's Refresh; resolves when their polls
   * end (a job already being polled is not asked twice: its poll under way is waited for).
   */
  async refreshNow(jobIds?: readonly string[]): Promise<void> {
    const ids = jobIds ?? this.deps.registry.active().map((j) => j.jobId);
    const under = ids.map((id) => this.inFlight.get(id)?.done).filter((p): p is Promise<void> => p !== undefined);
    const targets = ids.filter((id) => !this.inFlight.has(id));
    const now = this.now();
    for (const id of targets) {
      await this.deps.registry.update(id, (job) =>
        isJobActive(job) ? { ...job, poll: { ...job.poll, nextAt: now, claimedBy: undefined, claimedUntil: undefined } } : undefined,
      );
    }
    this.notBefore = 0;
    await Promise.all([this.tick(), ...under]);
    // A tick that was already claiming when this refresh began (e.g. the one an import starts) may have
    // started one of these jobs' polls after `under` was read; this refresh's own tick then skips the
    // job as in flight. Wait for such polls too, so a refresh resolves only once every job asked for has
    // been asked (each poll is bounded by its watchdog).
    const late = ids.map((id) => this.inFlight.get(id)?.done).filter((p): p is Promise<void> => p !== undefined);
    await Promise.all(late);
  }

  /**
   * Claims the due jobs and starts their polls. Resolves when the polls this tick started have ended
   * (callers such as Refresh and tests may wait; the timer does not).
   */
  async tick(): Promise<void> {
    if (this.disposed) return;
    let started: Promise<void>[] = [];
    const claim = this.claiming.then(async () => {
      started = await this.claimAndStart();
    });
    this.claiming = claim.catch(() => undefined);
    await claim;
    await Promise.all(started);
  }

  private async claimAndStart(): Promise<Promise<void>[]> {
    if (this.disposed) return [];
    let claimed: JobRecord[];
    try {
      claimed = await this.deps.registry.claimDue(this.now(), this.watchdogMs() + CLAIM_MARGIN_MS, (id) => this.inFlight.has(id));
    } catch (error) {
      // The registry itself failed (disk full, permissions, a lock held by a busy window): nothing to
      // poll safely; try again a little later.
      this.deps.onError?.(error);
      this.notBefore = this.now() + REGISTRY_RETRY_MS;
      this.arm();
      return [];
    }
    this.notBefore = 0;
    const polls = claimed.map((job) => this.startPoll(job));
    this.arm();
    return polls;
  }

  private startPoll(job: JobRecord): Promise<void> {
    const controller = new AbortController();
    const entry: { controller: AbortController; done?: Promise<void> } = { controller };
    this.inFlight.set(job.jobId, entry);
    entry.done = this.poll(job, controller)
      .catch((error: unknown) => {
        // The answer could not be saved (registry failure): the claim stays, so wait before asking again.
        this.notBefore = this.now() + REGISTRY_RETRY_MS;
        this.deps.onError?.(error, job);
      })
      .finally(() => {
        if (this.inFlight.get(job.jobId) === entry) this.inFlight.delete(job.jobId);
        this.arm();
      });
    return entry.done;
  }

  /** The status request, abandoned (and aborted) when it outlives the watchdog. */
  private fetchGuarded(
    job: JobRecord,
    what: readonly ProductCode[],
    whatProg: readonly ProductCode[],
    controller: AbortController,
  ): Promise<StatusResponse> {
    const limitMs = this.watchdogMs();
    let watchdog: NodeJS.Timeout | undefined;
    const abandoned = new Promise<never>((_resolve, reject) => {
      watchdog = setTimeout(() => {
        reject(new PollWatchdogError(job.jobId, limitMs));
        controller.abort();
      }, limitMs);
      // Aborted from outside (the window closes): stop waiting at once, and stop the watchdog.
      controller.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(watchdog);
          reject(new Error(`The status request for XRT job ${job.jobId} was cancelled.`));
        },
        { once: true },
      );
    });
    const request = Promise.resolve().then(() => this.deps.fetchStatus(job, what, whatProg, controller.signal));
    // Once abandoned, a late answer or failure of the request is ignored (it is no longer awaited).
    request.catch(() => undefined);
    return Promise.race([request, abandoned]).finally(() => clearTimeout(watchdog));
  }

  private async poll(job: JobRecord, controller: AbortController): Promise<void> {
    const what = Object.keys(job.products).filter((p) => job.products[p].statusCode !== null);
    // Finished products carry no progress: ask it only for those still active (the service answers
    // GotProgress 0 for the ones not yet running, at no extra cost — it is the same request).
    const whatProg = what.filter((p) => !isTerminal(job.products[p].statusCode));
    let reply: StatusResponse | undefined;
    let failure: unknown;
    try {
      // A saved product name that is no product code is not asked about (the reply reads it as not reported).
      reply = await this.fetchGuarded(job, what.filter(isProductCode), whatProg.filter(isProductCode), controller);
    } catch (error) {
      failure = error;
      if (!this.disposed) this.deps.onError?.(error, job);
    }
    if (this.disposed) return;
    const now = this.now();
    const transitions: Transition[] = [];
    const updated = await this.deps.registry.update(job.jobId, (current) => {
      const poll = { ...current.poll, claimedBy: undefined, claimedUntil: undefined, lastPolledAt: now };
      if (!reply) {
        // Keep the last known state on screen; only the poll bookkeeping changes.
        const errors = current.poll.errors + 1;
        const retryAfterS = isServiceError(failure) ? failure.retryAfterSeconds : undefined;
        const delay = nextPollDelayS({ ...policyInput(current, this.deps), consecutiveErrors: errors, retryAfterS });
        return {
          ...current,
          poll: {
            ...poll,
            errors,
            lastError: describeError(failure),
            nextAt: delay === undefined ? undefined : now + Math.ceil(delay * 1000),
          },
        };
      }
      const products = { ...current.products };
      let changed = false;
      for (const code of what) {
        const reported = reportedStatus(reply, code);
        const before = products[code];
        const statusChanged = before?.statusCode !== reported.statusCode;
        const progressChanged = JSON.stringify(before?.progress) !== JSON.stringify(reported.progress);
        if (!statusChanged && !progressChanged) continue;
        changed = true;
        const after: ProductState = {
          statusCode: reported.statusCode,
          statusText: reported.statusText,
          progress: reported.progress,
          changedAt: statusChanged ? now : (before?.changedAt ?? now),
          finishedAt: isTerminal(reported.statusCode) ? (before?.finishedAt ?? now) : undefined,
          stepHistory: mutableCopy(nextStepHistory(before?.progress, before?.stepHistory, reported.progress)),
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
        poll: {
          ...poll,
          unchanged,
          errors: 0,
          lastError: undefined,
          expectedEndAt,
          nextAt: plan === undefined ? undefined : now + Math.ceil(plan.delayS * 1000),
        },
      };
    });
    if (updated && transitions.length > 0) this.deps.onTransitions?.(transitions.map((t) => ({ ...t, job: updated })));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const { controller } of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.subscription.dispose();
  }
}

function policyInput(job: JobRecord, deps: SchedulerDeps): Parameters<typeof nextPollDelayS>[0] {
  return {
    baseIntervalS: deps.baseIntervalS(),
    products: Object.values(job.products).map((p) => ({ statusCode: p.statusCode, progress: p.progress, stepHistory: p.stepHistory })),
    unchangedPolls: job.poll.unchanged,
    consecutiveErrors: job.poll.errors,
    windowFocused: deps.isFocused(),
  };
}

function mutableCopy(h: StepHistory | undefined): ProductState['stepHistory'] {
  return h ? { starts: [...h.starts], counted: [...h.counted] } : undefined;
}
