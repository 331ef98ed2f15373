// Runs a viewer fit off the extension host's thread: a worker thread (dist/fitWorker.js, from
// ./fitWorker.ts) per fit, ended at once on Cancel or when the panel closes. A fit with profile
// intervals on a long light curve takes up to a few seconds; on the host's own thread it would hold up
// every other extension and the Cancel message itself.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LightCurveDatasetLike } from '../../shared/lightCurveFit/fromDatasets';
import type { LightCurveFitResult } from '../../shared/lightCurveFit/fitResult';
import type { FitChoice } from '../../shared/viewerProtocol';

/** Host → worker: one task per worker. */
export interface WorkerTask {
  readonly datasets: readonly LightCurveDatasetLike[];
  readonly choice: FitChoice;
}

/** Worker → host. `expected`: the data could not be fitted (a FitError), as opposed to a bug. */
export type WorkerReply =
  | { readonly kind: 'progress'; readonly fraction: number }
  | { readonly kind: 'done'; readonly result: LightCurveFitResult }
  | { readonly kind: 'failed'; readonly message: string; readonly expected: boolean };

export type FitOutcome =
  | { readonly kind: 'done'; readonly result: LightCurveFitResult }
  | { readonly kind: 'failed'; readonly message: string; readonly expected: boolean }
  | { readonly kind: 'cancelled' };

export interface RunningFit {
  readonly outcome: Promise<FitOutcome>;
  /** Ends the worker; the outcome becomes `cancelled` unless the fit already finished. */
  cancel(): void;
}

/** The worker bundle sits beside the extension bundle in dist/. */
const WORKER_SCRIPT = path.join(__dirname, 'fitWorker.js');

export function startFit(task: WorkerTask, onProgress: (fraction: number) => void, script = WORKER_SCRIPT): RunningFit {
  const worker = new Worker(script);
  let settled = false;
  let finish!: (outcome: FitOutcome) => void;
  const outcome = new Promise<FitOutcome>((resolve) => {
    finish = (o) => {
      if (settled) return;
      settled = true;
      resolve(o);
      void worker.terminate();
    };
  });
  worker.on('message', (reply: WorkerReply) => {
    if (reply.kind === 'progress') {
      if (!settled) onProgress(reply.fraction);
    } else finish(reply);
  });
  worker.on('error', (error) => finish({ kind: 'failed', message: `The fit's worker thread failed: ${error.message}`, expected: false }));
  worker.on('exit', (code) => finish({ kind: 'failed', message: `The fit's worker thread stopped (exit code ${code}).`, expected: false }));
  worker.postMessage(task);
  return { outcome, cancel: () => finish({ kind: 'cancelled' }) };
}
