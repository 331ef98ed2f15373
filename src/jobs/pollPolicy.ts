// When to ask the service about a job again. Pure arithmetic, so it can be tested and benchmarked
// without timers. The service asks for no more than one status request per job every 10 s; we aim for
// far fewer by asking just after a product is expected to finish, and rarely before that.
import { isTerminal } from '../xrt/products';
import { estimateRemainingSeconds, type ProgressLike, type StepHistory } from './progressEstimate';

export const MIN_DELAY_S = 10;
/** However long the wait, a job is looked at at least this often (10 min). */
export const MAX_DELAY_S = 600;

export interface ProductPollState {
  readonly statusCode: number | null;
  readonly progress?: ProgressLike;
  readonly stepHistory?: StepHistory;
}

export interface PollInput {
  /** The user's poll interval (seconds, ≥ 10). */
  readonly baseIntervalS: number;
  readonly products: readonly ProductPollState[];
  /** Polls in a row that brought no change at all. */
  readonly unchangedPolls: number;
  /** Failed polls in a row (network, 5xx …). */
  readonly consecutiveErrors: number;
  readonly windowFocused: boolean;
  /** Seconds the server asked us to wait (429 Retry-After). */
  readonly retryAfterS?: number;
  /** Seconds since the previous plan expected a product to finish (negative: not yet due). */
  readonly overdueS?: number;
}

export interface PollPlan {
  readonly delayS: number;
  /** Seconds until the soonest product is expected to finish, when that is soon. */
  readonly expectedEndInS?: number;
}

/** Whether the product may still change. */
export function isActiveCode(code: number | null): boolean {
  return !isTerminal(code);
}

/** Seconds until the next status request for this job, or undefined when nothing in it is active. */
export function nextPollDelayS(input: PollInput): number | undefined {
  return planNextPoll(input)?.delayS;
}

/** The next status request for this job, or undefined when nothing in it is active. */
export function planNextPoll(input: PollInput): PollPlan | undefined {
  const active = input.products.filter((p) => isActiveCode(p.statusCode));
  if (active.length === 0) return undefined;
  const base = Math.max(MIN_DELAY_S, input.baseIntervalS);

  if (input.consecutiveErrors > 0) {
    // Transient failures: back off exponentially (base, 2×, 4× … up to the maximum), or as told.
    const backoff = Math.min(MAX_DELAY_S, base * 2 ** Math.min(6, input.consecutiveErrors - 1));
    return { delayS: clamp(Math.max(backoff, input.retryAfterS ?? 0)) };
  }

  // The soonest any running product is expected to finish, from its own progress report.
  const estimates = active
    .filter((p) => p.statusCode === 3)
    .map((p) => estimateRemainingSeconds(p.progress, p.stepHistory))
    .filter((s): s is number => s !== undefined);
  const soonest = estimates.length > 0 ? Math.min(...estimates) : undefined;

  const soon = soonest !== undefined && soonest <= base * 1.5;
  let delay: number;
  const overdue = input.overdueS !== undefined && input.overdueS >= 0;
  if (overdue && soon) {
    // Past the end we expected and still close to done by the latest report: ask again at the shortest
    // spacing the service allows — this stretch is short, and it is where a prompt notice matters.
    delay = MIN_DELAY_S;
  } else if (soon) {
    // About to finish: ask just after the expected end, so the user hears of it promptly.
    delay = (soonest ?? 0) + 1;
  } else if (soonest !== undefined) {
    // Far from finished: look again around half-way to the expected end, to refine the estimate.
    delay = Math.max(base, soonest / 2);
  } else {
    // Nothing to extrapolate (queued, or no counter): the user's interval, stretched while nothing changes.
    delay = base * Math.min(4, 1.5 ** input.unchangedPolls);
  }
  if (!input.windowFocused && !soon) delay *= 2;
  return { delayS: clamp(Math.max(delay, input.retryAfterS ?? 0)), expectedEndInS: soon ? soonest : undefined };
}

function clamp(seconds: number): number {
  return Math.min(MAX_DELAY_S, Math.max(MIN_DELAY_S, seconds));
}
