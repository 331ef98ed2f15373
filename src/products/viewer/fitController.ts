// The viewer panel's side of the Fit panel: checks a request, runs it in a worker thread
// (./fitRunner.ts) with progress and cancel, keeps the result with the job (./fitStore.ts) and reads it
// back when the viewer opens. One fit at a time per panel: a new request cancels the one running.
import type { HostToView, FitChoice, ViewerFit } from '../../shared/viewerProtocol';
import type { ViewerModel } from '../../shared/viewModel';
import { parseFitChoice } from './fitRequest';
import { prepareFitInput } from './fitInput';
import { startFit, type FitOutcome, type RunningFit } from './fitRunner';
import { readStoredFit, writeStoredFit } from './fitStore';

interface FitControllerHost {
  readonly model: () => ViewerModel;
  /** Where the fit is kept for the current model (fitFileFor). */
  readonly fitFile: () => string;
  /** Light-curve files to name in a report when the datasets do not say (a QDP file opened alone). */
  readonly sourceFiles: () => readonly string[];
  readonly post: (message: HostToView) => void;
  readonly log: { warn(text: string): void; error(text: string): void };
  /** Tells the user something went wrong that the page cannot show (the fit could not be saved). */
  readonly warnUser: (text: string) => void;
}

export class FitController {
  private kept: { fit?: ViewerFit; fitProblem?: string } = {};
  private running: { readonly requestId: number; readonly run: RunningFit } | undefined;
  private loads = 0;

  constructor(private readonly host: FitControllerHost) {}

  /** What the model message carries: the kept fit, or why it could not be read. */
  snapshot(): { fit?: ViewerFit; fitProblem?: string } {
    return { ...this.kept };
  }

  /** Reads the kept fit for the current model and tells the page; a newer call wins over an older one. */
  async load(): Promise<void> {
    const load = ++this.loads;
    const model = this.host.model();
    const section = model.lightCurve;
    if (!section) {
      this.kept = {};
      return;
    }
    const file = this.host.fitFile();
    const read = await readStoredFit(file, section.datasets);
    if (load !== this.loads) return;
    if (read.kind === 'none') this.kept = {};
    else if (read.kind === 'unreadable') {
      const fitProblem = `The fit kept in ${file} could not be read: ${read.problem}. Fit again to replace it.`;
      this.host.log.warn(`Product viewer: ${fitProblem}`);
      this.kept = { fitProblem };
    } else {
      const now = prepareFitInput(section, read.fit.choice, this.host.sourceFiles());
      const changed = !now.ok || (read.fingerprint !== '' && now.input.fingerprint !== read.fingerprint);
      const stale = 'The light curve is not the one this fit was made on (it was downloaded or built again); fit again.';
      this.kept = { fit: changed ? { ...read.fit, stale } : read.fit };
    }
    this.host.post({ type: 'fitRestored', ...this.kept });
  }

  /** Runs the page's request; the outcome is also posted to the page. */
  async fit(requestId: number, choiceValue: unknown): Promise<FitOutcome> {
    const refuse = (message: string): FitOutcome => {
      this.host.post({ type: 'fitFailed', requestId, message, cancelled: false });
      return { kind: 'failed', message, expected: true };
    };
    const section = this.host.model().lightCurve;
    if (!section) return refuse('This job has no light curve to fit.');
    const checked = parseFitChoice(choiceValue, section.datasets);
    if (!checked.ok) {
      this.host.log.warn(`Product viewer: a fit request was refused: ${checked.problem}`);
      return refuse(`The fit request was refused: ${checked.problem}`);
    }
    const choice: FitChoice = checked.value;
    const prepared = prepareFitInput(section, choice, this.host.sourceFiles());
    if (!prepared.ok) return refuse(prepared.problem);
    this.cancelRunning();
    let run: RunningFit;
    try {
      run = startFit({ datasets: prepared.input.datasets, choice }, (fraction) =>
        this.host.post({ type: 'fitProgress', requestId, fraction }),
      );
    } catch (error) {
      // The worker could not start (its bundle missing from dist/, threads refused): a bug, said plainly.
      const message = `The fit could not start: ${error instanceof Error ? error.message : String(error)}`;
      this.host.log.error(`Product viewer: ${message}`);
      this.host.post({ type: 'fitFailed', requestId, message, cancelled: false });
      return { kind: 'failed', message, expected: false };
    }
    this.running = { requestId, run };
    const outcome = await run.outcome;
    if (this.running?.run === run) this.running = undefined;
    if (outcome.kind === 'cancelled') {
      this.host.post({ type: 'fitFailed', requestId, message: 'The fit was cancelled.', cancelled: true });
      return outcome;
    }
    if (outcome.kind === 'failed') {
      if (!outcome.expected) this.host.log.error(`Product viewer: ${outcome.message}`);
      this.host.post({ type: 'fitFailed', requestId, message: outcome.message.split('\n')[0]!, cancelled: false });
      return outcome;
    }
    const fit: ViewerFit = { choice, result: outcome.result, source: prepared.input.source, fittedAt: new Date().toISOString() };
    this.kept = { fit };
    this.host.post({ type: 'fitDone', requestId, fit });
    const file = this.host.fitFile();
    try {
      await writeStoredFit(file, fit, prepared.input.fingerprint);
    } catch (error) {
      const text = `The fit is shown but could not be kept in ${file}: ${error instanceof Error ? error.message : String(error)}`;
      this.host.log.error(`Product viewer: ${text}`);
      this.host.warnUser(text);
    }
    return outcome;
  }

  /** Cancels the fit of `requestId` if it is the one running. */
  cancel(requestId: number): void {
    if (this.running?.requestId === requestId) this.cancelRunning();
  }

  dispose(): void {
    this.cancelRunning();
  }

  private cancelRunning(): void {
    const running = this.running;
    this.running = undefined;
    running?.run.cancel();
  }
}
