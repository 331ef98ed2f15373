// When to ask the service about a job again. Pure arithmetic, so it can be tested and benchmarked
// without timers. The XRT product generator API docs allow one status request per job every 10 s at
// most, and the xrt_prods documentation and the service's tutorial advise about once a minute: the
// user's interval (60 s by default) sets the rhythm while the end is far, and the schedule looks sooner,
// at the shortest allowed spacing, only in the short stretch where a product is expected to finish.
import { isRunning, isTerminal } from '../productCodes';
import type { Progress } from '../responseSchemas';
import { estimateRemainingSeconds, parseTimeRunning, type StepHistory } from './progressEstimate';

const MIN_DELAY_S = 10;
/**
 * The first status request after a submission, at the advised rhythm: before that the products are
 * still requested or queued and a look tells nothing (at 10 s it was one request more than a fixed
 * once-a-minute loop for every job, and the poll benchmark's extension figures are measured from here).
 */
export const FIRST_POLL_DELAY_S = 60;
/**
 * Share of a product's running time by which its completion estimate is taken to err: the final
 * stretch of 10 s looks begins this far before the expected end. Wider costs requests for every job: in
 * the poll benchmark's standard 5-minute job, 0.1 takes 6.0 requests at a median notice delay of 12 s,
 * 0.15 takes 7.8 at 12 s and 0.2 takes 9.8 at 4 s (a fixed once-a-minute loop: 6.8 at 25 s).
 */
const MARGIN_SHARE = 0.1;
/** However long the wait, a job is looked at at least this often (10 min). */
const MAX_DELAY_S = 600;

interface ProductPollState {
  readonly statusCode: number | null;
  readonly progress?: Progress;
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
  /** Set while in the final stretch before a product's expected end (seconds past that end; negative: before it). */
  readonly overdueS?: number;
}

interface PollPlan {
  readonly delayS: number;
  /** Seconds until the soonest product is expected to finish, when that is soon. */
  readonly expectedEndInS?: number;
}

/** Whether the product may still change. */
function isActiveCode(code: number | null): boolean {
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

  // The soonest any running product is expected to finish, from its own progress report, and its
  // margin of error: steps are of unequal length, so an estimate errs by a share of the time the
  // product has run.
  let soonest: number | undefined;
  let margin = 2 * MIN_DELAY_S;
  for (const p of active) {
    if (!isRunning(p.statusCode)) continue;
    const estimate = estimateRemainingSeconds(p.progress, p.stepHistory);
    if (estimate === undefined || (soonest !== undefined && estimate >= soonest)) continue;
    soonest = estimate;
    margin = Math.max(2 * MIN_DELAY_S, MARGIN_SHARE * (parseTimeRunning(p.progress?.TimeRunning) ?? 0));
  }

  // The final stretch begins when the end is within the margin, and lasts until the product finishes
  // unless a fresher report puts the end well beyond it again.
  const inStretch = input.overdueS !== undefined;
  const finalStretch = soonest !== undefined && (soonest <= margin || (inStretch && soonest <= 2 * margin));
  let delay: number;
  if (finalStretch) {
    // Look at the shortest spacing the service allows: this stretch is short, and it is where a prompt
    // notice matters. Before it, requests are few.
    delay = MIN_DELAY_S;
  } else if (soonest !== undefined) {
    // Far from finished: come back when the margin around the expected end begins, or two thirds of
    // the way there if that is sooner (a fresher report sharpens the estimate).
    delay = Math.max(base, Math.min(soonest - margin, (2 * soonest) / 3));
  } else {
    // Nothing to extrapolate (queued, or no counter): the user's interval, stretched while nothing changes.
    delay = base * Math.min(4, 1.5 ** input.unchangedPolls);
  }
  if (!input.windowFocused && !finalStretch) delay *= 2;
  return { delayS: clamp(Math.max(delay, input.retryAfterS ?? 0)), expectedEndInS: finalStretch ? Math.max(0, soonest ?? 0) : undefined };
}

function clamp(seconds: number): number {
  return Math.min(MAX_DELAY_S, Math.max(MIN_DELAY_S, seconds));
}
