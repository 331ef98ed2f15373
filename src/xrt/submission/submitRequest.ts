// Submitting one request file: check it, send it exactly once, record the accepted job at once.
// Nothing invalid is sent; a refusal is shown on the file's keys; a transport failure records nothing.
import * as vscode from 'vscode';
import { deliveryUncertain, describeError, isServiceError } from '../../http/errors';
import type { JobRecord } from '../jobs/jobRecord';
import type { JobRegistry } from '../jobs/jobRegistry';
import { FIRST_POLL_DELAY_S } from '../jobs/pollPolicy';
import { XrtRejectedError, type XrtClient } from '../client';
import { recordForSubmission } from '../jobs/recordFromReply';
import { checkRequestText } from '../request/requestCheck';
import type { XrtRequestDiagnostics } from '../request/requestDiagnostics';
import { Views } from '../../common/commandIds';
import { withCancellableProgress } from '../../common/cancellableProgress';
import { SubmitOnce, fileLabel } from '../../editing/submitOnce';

export interface SubmitDeps {
  readonly registry: JobRegistry;
  readonly diagnostics: XrtRequestDiagnostics;
  /** A client for the configured service and user, or undefined when the user declined to give an ID. */
  client(): Promise<XrtClient | undefined>;
  readonly serviceUrl: () => string;
  readonly log: vscode.LogOutputChannel;
}

export type SubmitOutcome =
  | { readonly kind: 'submitted'; readonly job: JobRecord }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' | 'busy' | 'no-user' };

/** Files being submitted right now: a second invocation (a double click) must not send again. */
const guard = new SubmitOnce();

export async function submitRequestFile(
  deps: SubmitDeps,
  uri: vscode.Uri,
  options: { quiet?: boolean; signal?: AbortSignal } = {},
): Promise<SubmitOutcome> {
  const guarded = await guard.run(uri, () => submitOnce(deps, uri, options));
  if (guarded.ran) return guarded.result;
  if (!options.quiet) void vscode.window.showInformationMessage(guarded.message);
  return { kind: 'busy' };
}

async function submitOnce(deps: SubmitDeps, uri: vscode.Uri, options: { quiet?: boolean; signal?: AbortSignal }): Promise<SubmitOutcome> {
  const document = await vscode.workspace.openTextDocument(uri);
  const { request, problems, implied } = checkRequestText(document.getText());
  if (!request) {
    if (!options.quiet) {
      // Not awaited: the command's result must not wait for the user to dismiss the message.
      void vscode.window
        .showErrorMessage(
          `${fileLabel(uri)} was not submitted: it has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`,
          { modal: false, detail: problems.join('\n') },
          'Show Problems',
        )
        .then(async (choice) => {
          if (choice !== 'Show Problems') return;
          await vscode.window.showTextDocument(document);
          await vscode.commands.executeCommand('workbench.actions.view.problems');
        });
    }
    deps.log.info(`Not submitted ${uri.fsPath}: ${problems.join('; ')}`);
    return { kind: 'invalid', problems };
  }
  const client = await deps.client();
  if (!client) return { kind: 'no-user' };
  if (implied && implied.length > 0) deps.log.info(`Submitting ${uri.fsPath} with keys the official client adds: ${implied.join('; ')}`);

  const run = async (signal: AbortSignal): Promise<SubmitOutcome> => {
    try {
      // The file's own UserID, when present, is replaced by the configured one: the job belongs to this user.
      const reply = await client.submit(request, signal);
      const job = recordForSubmission({
        jobId: String(reply.JobID),
        url: reply.URL,
        request,
        jobPars: reply.jobPars as Record<string, unknown>,
        userId: client.userId,
        serviceUrl: deps.serviceUrl(),
        requestFile: uri.scheme === 'untitled' ? undefined : uri.toString(),
        now: Date.now(),
        firstPollInMs: FIRST_POLL_DELAY_S * 1000,
      });
      await deps.registry.add(job);
      deps.log.info(`Submitted ${uri.fsPath} as XRT job ${job.jobId} (${Object.keys(job.products).join(', ')})`);
      return { kind: 'submitted', job };
    } catch (error) {
      if (error instanceof XrtRejectedError) {
        const placed = deps.diagnostics.showServiceErrors(document, error.message, error.listErr);
        deps.log.warn(`XRT service refused ${uri.fsPath}: ${error.fullText()}`);
        return { kind: 'rejected', message: `${error.message}${placed > 0 ? ' The problems are marked in the file.' : ''}` };
      }
      // One rule for both services (deliveryUncertain): a reply without a JobID (unexpected-shape) is as
      // uncertain as a timeout, and so is a cancellation once the request may have left; anything that
      // is not a ServiceError is no proof that nothing was sent.
      const unsure = deliveryUncertain(error);
      if (isServiceError(error) && error.kind === 'cancelled' && !unsure) return { kind: 'cancelled' };
      deps.log.error(`Submitting ${uri.fsPath} failed: ${isServiceError(error) ? error.fullText() : describeError(error)}`);
      return {
        kind: 'failed',
        message: `${describeError(error)} ${unsure ? 'The job may or may not have been created: use “Import My Jobs” before submitting again.' : 'Nothing was recorded.'}`,
      };
    }
  };

  const outcome = options.signal
    ? await run(options.signal)
    : await withCancellableProgress(`Submitting ${fileLabel(uri)} to the XRT product generator…`, (_progress, signal) => run(signal));

  if (!options.quiet) {
    if (outcome.kind === 'submitted') {
      void vscode.window
        .showInformationMessage(`Submitted ${outcome.job.name} as XRT job ${outcome.job.jobId}.`, 'Show in XRT Jobs', 'Open Web Page')
        .then((choice) => {
          if (choice === 'Show in XRT Jobs') void vscode.commands.executeCommand(Views.focusXrtJobs);
          if (choice === 'Open Web Page') void vscode.env.openExternal(vscode.Uri.parse(outcome.job.url));
        });
    } else if (outcome.kind === 'rejected') {
      void vscode.window.showErrorMessage(`The XRT product generator refused ${fileLabel(uri)}: ${outcome.message}`);
    } else if (outcome.kind === 'failed') {
      void vscode.window.showErrorMessage(`${fileLabel(uri)} could not be submitted. ${outcome.message}`);
    }
  }
  return outcome;
}
