// A total time limit for one request, combined with the caller's cancellation. axios' own `timeout`
// is an idle timer on the socket: a server that sends a byte every few seconds keeps it from ever
// firing, and one such call would hold its caller (a poll tick, a submission) forever. The deadline
// here runs on the wall clock from the start of the request to the last byte of its answer.

type StopReason = 'deadline' | 'cancelled';

export class RequestDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private reason: StopReason | undefined;
  private readonly onCallerAbort = (): void => this.stop('cancelled');

  /** `ms <= 0` means no deadline (only the caller's signal stops the request). */
  constructor(
    readonly ms: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    if (callerSignal?.aborted) this.stop('cancelled');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (ms > 0 && !this.reason) {
      this.timer = setTimeout(() => this.stop('deadline'), ms);
      // A pending deadline alone must not keep a Node process (tests, the sandbox's tools) alive.
      this.timer.unref?.();
    }
  }

  /** Aborted when the deadline passes or the caller cancels; give it to axios and to body readers. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the request was stopped, or undefined while it may go on. */
  get stoppedBy(): StopReason | undefined {
    return this.reason;
  }

  /** Stops the timer and forgets the caller's signal; call once the answer is read or has failed. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort();
  }
}

/** "60 s", "1.5 s": a limit as a person reads it in a message. */
export function secondsText(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds >= 10 || Number.isInteger(seconds) ? Math.round(seconds) : seconds.toFixed(1)} s`;
}
