// Entry of the worker thread that runs the viewer's fits (bundled on its own as dist/fitWorker.js by
// esbuild.js), so a fit of several seconds neither blocks the extension host nor keeps a Cancel from
// being heard: the host ends the thread (./fitRunner.ts). Messages: ./fitRunner.ts, WorkerReply.
import { parentPort } from 'node:worker_threads';
import { FitError } from '../../shared/lightCurveFit/types';
import { runFitJob } from './fitJob';
import type { WorkerReply, WorkerTask } from './fitRunner';

/** Progress is sent at most this often: the page only moves a bar. */
const PROGRESS_INTERVAL_MS = 100;

const port = parentPort;
if (!port) throw new Error('fitWorker.js runs as a worker thread of the extension host only.');

port.once('message', (task: WorkerTask) => {
  let last = 0;
  const reply = (message: WorkerReply): void => port.postMessage(message);
  try {
    const result = runFitJob(task.datasets, task.choice, (fraction) => {
      const now = Date.now();
      if (now - last >= PROGRESS_INTERVAL_MS) {
        last = now;
        reply({ kind: 'progress', fraction });
      }
    });
    reply({ kind: 'done', result });
  } catch (error) {
    // A FitError is the data's fault and is shown as is; anything else is a bug, reported with its stack.
    const message =
      error instanceof FitError
        ? error.message
        : `The fit failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    reply({ kind: 'failed', message, expected: error instanceof FitError });
  }
});
