// Validating and submitting one TOO request file. A submission is sent at most once: never retried
// automatically, refused while the same file — or any other TOO request in this window — is being
// sent, and only after the user confirms a modal summary (tests may confirm programmatically; the
// command palette and menus cannot, see tooFeature.ts).
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { deliveryUncertain, describeError, isServiceError } from '../../http/errors';
import { TooServiceError, UNCERTAIN_SUBMISSION_NOTE, type TooClient } from '../client';
import { checkTooRequestText } from '../request/requestCheck';
import { toFormFields, type TooRequest } from '../request/requestSchema';
import { CONFIRMATION_BUTTONS, CONFIRM_KEEP_EDITING, CONFIRM_SUBMIT, confirmationDetail } from './submitConfirmation';
import type { TooServiceDiagnostics } from '../request/tooDiagnostics';
import { SubmitOnce, fileLabel } from '../../editing/submitOnce';

export interface TooSubmitDeps {
  /** A client when signed in; undefined after offering to sign in. */
  client(): Promise<TooClient | undefined>;
  readonly diagnostics: TooServiceDiagnostics;
  /** Records a TOO the service received (persisted list of submitted ids, tree refresh). */
  recordSubmission(tooId: number, request: TooRequest, uri: vscode.Uri, fingerprint: string): Promise<void>;
  /** The TOO id an identical request was already received as, if any. */
  receivedAs(fingerprint: string): number | undefined;
  readonly log: vscode.LogOutputChannel;
}

export type TooFileOutcome =
  | { readonly kind: 'submitted'; readonly tooId: number; readonly warnings: readonly string[] }
  /** A debug submission the service checked without filing it. */
  | { readonly kind: 'debug'; readonly warnings: readonly string[] }
  /** A 2xx without a too_id: it may or may not have been received. */
  | { readonly kind: 'uncertain'; readonly message: string }
  /** The same request was already received as `tooId`; nothing was sent. */
  | { readonly kind: 'duplicate'; readonly tooId: number }
  | { readonly kind: 'validated'; readonly warnings: readonly string[] }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'closed'; readonly message: string }
  | { readonly kind: 'cancelled' | 'busy' | 'signed-out' };

interface TooFileOptions {
  /**
   * The answer to the confirmation, given in advance by programmatic callers (tests) only:
   * `true` sends without asking, `false` behaves as if the user cancelled. Undefined: ask.
   */
  readonly confirmed?: boolean;
}

const UPLOADS_CLOSED_ADVISORY = 'Note: the service currently reports TOO uploads as disabled; it may refuse this request.';

const validations = new SubmitOnce({ doing: 'validated' });
/** One TOO submission at a time in this window, whichever file it comes from. */
const submissions = new SubmitOnce({ oneAtATime: 'Another TOO request is being submitted; wait for its answer first.' });

export async function validateTooFile(deps: TooSubmitDeps, uri: vscode.Uri): Promise<TooFileOutcome> {
  const guarded = await validations.run(uri, () => validateOnce(deps, uri));
  if (guarded.ran) return guarded.result;
  void vscode.window.showInformationMessage(guarded.message);
  return { kind: 'busy' };
}

async function validateOnce(deps: TooSubmitDeps, uri: vscode.Uri): Promise<TooFileOutcome> {
  const loaded = await loadRequest(uri);
  if ('problems' in loaded) return reportInvalid(uri, loaded.problems);
  const client = await deps.client();
  if (!client) return { kind: 'signed-out' };
  try {
    const outcome = await client.submitToo(loaded.request, { validateOnly: true });
    deps.diagnostics.show(loaded.document, [], outcome.warnings);
    const note = outcome.warnings.length ? ` with ${outcome.warnings.length} warning(s): ${outcome.warnings.join(' ')}` : '';
    void vscode.window.showInformationMessage(`The Swift TOO service accepts ${fileLabel(uri)} as valid${note}. Nothing was submitted.`);
    return { kind: 'validated', warnings: outcome.kind === 'validated' ? outcome.warnings : [] };
  } catch (error) {
    return reportFailure(deps, loaded.document, error, 'validate');
  }
}

export async function submitTooFile(deps: TooSubmitDeps, uri: vscode.Uri, options: TooFileOptions = {}): Promise<TooFileOutcome> {
  const guarded = await submissions.run(uri, () => submitOnce(deps, uri, options));
  if (guarded.ran) return guarded.result;
  void vscode.window.showInformationMessage(guarded.message);
  return { kind: 'busy' };
}

async function submitOnce(deps: TooSubmitDeps, uri: vscode.Uri, options: TooFileOptions): Promise<TooFileOutcome> {
  const loaded = await loadRequest(uri);
  if ('problems' in loaded) return reportInvalid(uri, loaded.problems);
  const { request, document } = loaded;
  const client = await deps.client();
  if (!client) return { kind: 'signed-out' };

  const fingerprint = requestFingerprint(request);
  const earlier = deps.receivedAs(fingerprint);
  if (earlier !== undefined) {
    void vscode.window.showWarningMessage(
      `${fileLabel(uri)} was already received by the Swift TOO service as TOO ${earlier}; it is not sent again. Change the request to submit a new one.`,
    );
    return { kind: 'duplicate', tooId: earlier };
  }

  if (options.confirmed === false) return { kind: 'cancelled' };
  // Advisory only (the switch's reply is undocumented): at most a line in the confirmation, never a
  // gate; a closed upload is refused by the submission itself.
  const advisory = (await client.uploadEnabled()) === false ? UPLOADS_CLOSED_ADVISORY : undefined;
  if (advisory) deps.log.info(advisory);
  if (options.confirmed !== true) {
    const choice = await vscode.window.showWarningMessage(
      `Submit this TOO request for ${request.target_name} to the Swift TOO service?`,
      { modal: true, detail: confirmationDetail(request, advisory) },
      ...CONFIRMATION_BUTTONS,
    );
    if (choice?.title === CONFIRM_KEEP_EDITING) await vscode.window.showTextDocument(document);
    if (choice?.title !== CONFIRM_SUBMIT) return { kind: 'cancelled' };
  }

  try {
    const outcome = await client.submitToo(request);
    switch (outcome.kind) {
      case 'received': {
        deps.diagnostics.show(document, [], outcome.warnings);
        await deps.recordSubmission(outcome.tooId, request, uri, fingerprint);
        deps.log.info(`TOO request ${fileLabel(uri)} received as TOO ${outcome.tooId} (service status "${outcome.status}")`);
        const warn = outcome.warnings.length ? ` Warnings: ${outcome.warnings.join(' ')}` : '';
        void vscode.window.showInformationMessage(
          `The Swift TOO service received the request for ${request.target_name} as TOO ${outcome.tooId}${outcome.status ? ` (status: ${outcome.status})` : ''}.${warn}`,
        );
        return { kind: 'submitted', tooId: outcome.tooId, warnings: outcome.warnings };
      }
      case 'debug': {
        deps.diagnostics.show(document, [], outcome.warnings);
        deps.log.info(`Debug submission of ${fileLabel(uri)} answered without errors and without a TOO id (status "${outcome.status}")`);
        const warn = outcome.warnings.length ? ` Warnings: ${outcome.warnings.join(' ')}` : '';
        void vscode.window.showInformationMessage(
          `The test (debug) submission for ${request.target_name} passed the service's checks; nothing was filed.${warn}`,
        );
        return { kind: 'debug', warnings: outcome.warnings };
      }
      case 'uncertain': {
        const message = `The Swift TOO service answered the submission of ${fileLabel(uri)}${outcome.status ? ` with status "${outcome.status}"` : ''} but gave no TOO id, so it may or may not have been received. Check the TOO Requests view before submitting it again.`;
        deps.log.warn(message);
        void vscode.window.showWarningMessage(message);
        return { kind: 'uncertain', message };
      }
      case 'validated':
        return { kind: 'failed', message: 'The service validated the request instead of filing it.' };
    }
  } catch (error) {
    return reportFailure(deps, document, error, 'submit');
  }
}

/** Identifies a request by what would be sent (defaults applied), to refuse sending it twice. */
function requestFingerprint(request: TooRequest): string {
  return createHash('sha256')
    .update(toFormFields(request, { username: '' }).toString())
    .digest('hex');
}

type Loaded = { request: TooRequest; document: vscode.TextDocument } | { problems: readonly string[] };

async function loadRequest(uri: vscode.Uri): Promise<Loaded> {
  const document = await vscode.workspace.openTextDocument(uri);
  const checked = checkTooRequestText(document.getText());
  return 'problems' in checked ? { problems: checked.problems } : { request: checked.request, document };
}

function reportInvalid(uri: vscode.Uri, problems: readonly string[]): TooFileOutcome {
  const shown = problems.slice(0, 5).join('; ');
  void vscode.window.showErrorMessage(
    `${fileLabel(uri)} is not a valid TOO request, so nothing was sent: ${shown}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. See the Problems panel.`,
  );
  return { kind: 'invalid', problems };
}

function reportFailure(deps: TooSubmitDeps, document: vscode.TextDocument, error: unknown, verb: 'validate' | 'submit'): TooFileOutcome {
  // The client words the one rule (deliveryUncertain) into its own errors; a failure that is not the
  // client's (recording the answer, say) needs the same warning here.
  const unsure = verb === 'submit' && !isServiceError(error) && deliveryUncertain(error);
  const message = `${describeError(error)}${unsure ? ` ${UNCERTAIN_SUBMISSION_NOTE}` : ''}`;
  deps.log.error(`Could not ${verb} ${fileLabel(document.uri)}: ${error instanceof TooServiceError ? error.fullText() : message}`);
  if (error instanceof TooServiceError && (error.kind === 'rejected' || error.kind === 'forbidden')) {
    deps.diagnostics.show(document, error.fieldIssues, error.warnings, message);
    void vscode.window.showErrorMessage(`The Swift TOO service refused ${fileLabel(document.uri)}: ${message}`);
    return { kind: 'rejected', message };
  }
  void vscode.window.showErrorMessage(`Could not ${verb} ${fileLabel(document.uri)}: ${message}`);
  return { kind: 'failed', message };
}
