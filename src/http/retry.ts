// Retries for idempotent reads only. A submission (XRT job, TOO request) or a cancellation is
// never passed through here: repeating it could create a second job or request.
import { ServiceError } from './errors';

export interface RetryPolicy {
  /** Further attempts after the first. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** For tests: replaces setTimeout-based waiting and Math.random. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export const DEFAULT_READ_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 1000, maxDelayMs: 15_000 };

/** The delay before retry number `attempt` (1-based): exponential with full jitter, honouring Retry-After. */
function retryDelayMs(policy: RetryPolicy, attempt: number, error: unknown, random: () => number = Math.random): number {
  if (error instanceof ServiceError && error.retryAfterSeconds !== undefined) {
    return Math.min(policy.maxDelayMs, error.retryAfterSeconds * 1000);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function retryIdempotent<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_READ_RETRY,
  signal?: AbortSignal,
): Promise<T> {
  const sleep = policy.sleep ?? abortableSleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const retriable = error instanceof ServiceError && error.transient;
      if (!retriable || attempt >= policy.retries || signal?.aborted) throw error;
      await sleep(retryDelayMs(policy, attempt + 1, error, policy.random), signal);
    }
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
