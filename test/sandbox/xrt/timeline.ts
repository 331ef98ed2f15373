// Where each product of a job stands at a given simulated instant. Nothing runs in the
// background: state is computed from the submission time, the cancellations and the clock.
import type { ProductCode } from './constants';

/** Fractions of the product duration spent requested (1) and queued (2); the rest is running (3). */
const REQUESTED_UNTIL = 0.05;
const QUEUED_UNTIL = 0.15;
const RUNNING_SHARE = 1 - QUEUED_UNTIL;

export interface TimelineInput {
  readonly submittedMs: number;
  readonly durationMs: number;
  readonly products: readonly ProductCode[];
  /** Products whose run ends without a product (-3 instead of 4). */
  readonly failing: ReadonlySet<ProductCode>;
  /** Simulated time of each cancellation request that took effect. */
  readonly cancelledAt: ReadonlyMap<ProductCode, number>;
}

export interface ProductState {
  readonly code: -4 | -3 | 1 | 2 | 3 | 4 | 5;
  /** When it started running (codes 3, and terminal ones that ran). */
  readonly runningSinceMs?: number;
  /** When it will finish or finished, if it is not cancelled first. */
  readonly endMs: number;
  /** 0..1 through the running phase (code 3 only). */
  readonly fraction?: number;
}

interface Plan {
  runStart: number;
  end: number;
  /** Set when a prerequisite ended badly: the product fails at this time. */
  failAt?: number;
}

/** Without cancellation: when each product runs and ends. xastrom waits (5) for psf, then runs. */
function plan(input: TimelineInput, product: ProductCode): Plan {
  const d = input.durationMs;
  const start = input.submittedMs;
  if (product !== 'xastrom' || !input.products.includes('psf')) {
    return { runStart: start + QUEUED_UNTIL * d, end: start + d };
  }
  const psfEnd = terminalTime(input, 'psf');
  const psfOk = !input.failing.has('psf') && !(input.cancelledAt.has('psf') && (input.cancelledAt.get('psf') ?? Infinity) < start + d);
  if (!psfOk) return { runStart: psfEnd, end: psfEnd, failAt: psfEnd };
  return { runStart: psfEnd, end: psfEnd + RUNNING_SHARE * d };
}

/** When a product reaches a terminal state (finished, failed or cancelled). */
function terminalTime(input: TimelineInput, product: ProductCode): number {
  const p = plan(input, product);
  const cancelled = input.cancelledAt.get(product);
  return cancelled !== undefined && cancelled < p.end ? cancelled : p.end;
}

export function productState(input: TimelineInput, product: ProductCode, nowMs: number): ProductState {
  const p = plan(input, product);
  const d = input.durationMs;
  const cancelled = input.cancelledAt.get(product);
  if (cancelled !== undefined && cancelled <= nowMs && cancelled < p.end) return { code: -4, endMs: cancelled };
  if (nowMs >= p.end) {
    const failed = p.failAt !== undefined || input.failing.has(product);
    return { code: failed ? -3 : 4, endMs: p.end, runningSinceMs: p.runStart };
  }
  const elapsed = nowMs - input.submittedMs;
  if (elapsed < REQUESTED_UNTIL * d) return { code: 1, endMs: p.end };
  if (nowMs < p.runStart) return { code: product === 'xastrom' && elapsed >= QUEUED_UNTIL * d ? 5 : 2, endMs: p.end };
  return { code: 3, endMs: p.end, runningSinceMs: p.runStart, fraction: (nowMs - p.runStart) / (p.end - p.runStart) };
}

export function isTerminal(code: number): boolean {
  return code < 0 || code === 4;
}
