// Validating and submitting one TOO request file. A submission is sent at most once: never retried
// automatically, refused while the same file — or any other TOO request in this window — is being
// sent, and only after the user confirms a modal summary (tests may confirm programmatically; the
// command palette and menus cannot, see tooFeature.ts).
import * as vscode from 'vscode';
import { describeError } from '../http/errors';
import { parseJsonDocument } from '../editing/jsonLocations';
import { TooServiceError, type TooClient } from './client';
import { URGENCIES, xrtModeCode, xrtModeName } from './modes';
import { validateTooRequest, uvotModeFormText, type TooRequest } from './requestSchema';
import type { TooServiceDiagnostics } from './tooDiagnostics';

export interface TooSubmitDeps {
  /** A client when signed in; undefined after offering to sign in. */
  client(): Promise<TooClient | undefined>;
  readonly diagnostics: TooServiceDiagnostics;
  /** Records an accepted TOO (persisted list of submitted ids, tree refresh). */
  recordSubmission(tooId: number, request: TooRequest, uri: vscode.Uri): Promise<void>;
  readonly log: vscode.LogOutputChannel;
}

export type TooFileOutcome =
  | { readonly kind: 'submitted'; readonly tooId: number | null; readonly warnings: readonly string[] }
  | { readonly kind: 'validated'; readonly warnings: readonly string[] }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'closed'; readonly message: string }
  | { readonly kind: 'cancelled' | 'busy' | 'signed-out' };

export interface TooFileOptions {
  /**
   * The answer to the confirmation, given in advance by programmatic callers (tests) only:
   * `true` sends without asking, `false` behaves as if the user cancelled. Undefined: ask.
   */
  readonly confirmed?: boolean;
}

const filesInFlight = new Set<string>();
/** One TOO submission at a time in this window, whichever file it comes from. */
let submissionInFlight = false;

export async function validateTooFile(deps: TooSubmitDeps, uri: vscode.Uri): Promise<TooFileOutcome> {
  const key = `validate:${uri.toString()}`;
  if (filesInFlight.has(key)) return { kind: 'busy' };
  filesInFlight.add(key);
  try {
    const loaded = await loadRequest(uri);
    if ('problems' in loaded) return reportInvalid(uri, loaded.problems);
    const client = await deps.client();
    if (!client) return { kind: 'signed-out' };
    try {
      const outcome = await client.submitToo(loaded.request, { validateOnly: true });
      deps.diagnostics.show(loaded.document, [], outcome.warnings);
      const note = outcome.warnings.length ? ` with ${outcome.warnings.length} warning(s): ${outcome.warnings.join(' ')}` : '';
      void vscode.window.showInformationMessage(`The Swift TOO service accepts ${baseName(uri)} as valid${note}. Nothing was submitted.`);
      return { kind: 'validated', warnings: outcome.kind === 'validated' ? outcome.warnings : [] };
    } catch (error) {
      return reportFailure(deps, loaded.document, error, 'validate');
    }
  } finally {
    filesInFlight.delete(key);
  }
}

export async function submitTooFile(deps: TooSubmitDeps, uri: vscode.Uri, options: TooFileOptions = {}): Promise<TooFileOutcome> {
  const key = `submit:${uri.toString()}`;
  if (filesInFlight.has(key) || submissionInFlight) {
    void vscode.window.showInformationMessage(filesInFlight.has(key) ? `${baseName(uri)} is already being submitted.` : 'Another TOO request is being submitted; wait for its answer first.');
    return { kind: 'busy' };
  }
  filesInFlight.add(key);
  submissionInFlight = true;
  try {
    return await submitOnce(deps, uri, options);
  } finally {
    filesInFlight.delete(key);
    submissionInFlight = false;
  }
}

async function submitOnce(deps: TooSubmitDeps, uri: vscode.Uri, options: TooFileOptions): Promise<TooFileOutcome> {
  const loaded = await loadRequest(uri);
  if ('problems' in loaded) return reportInvalid(uri, loaded.problems);
  const { request, document } = loaded;
  const client = await deps.client();
  if (!client) return { kind: 'signed-out' };

  let open: boolean | undefined;
  try {
    open = await client.uploadEnabled();
  } catch (error) {
    const message = `Could not check whether the Swift TOO service accepts submissions: ${describeError(error)}`;
    void vscode.window.showErrorMessage(message);
    return { kind: 'failed', message };
  }
  if (open === false) {
    const message = 'The Swift TOO service is not accepting TOO submissions at the moment (too_upload_enabled is off). Nothing was sent; try again later.';
    void vscode.window.showWarningMessage(message);
    return { kind: 'closed', message };
  }
  if (open === undefined) deps.log.warn('The TOO upload switch gave an answer of unknown shape; submitting and letting the service decide.');

  if (options.confirmed === false) return { kind: 'cancelled' };
  if (options.confirmed !== true) {
    const choice = await vscode.window.showWarningMessage(
      `Submit this TOO request for ${request.target_name} to the Swift TOO service?`,
      { modal: true, detail: `${summarise(request)}\n\nA submitted request asks the Swift team to observe; it cannot be withdrawn from here.` },
      'Submit',
    );
    if (choice !== 'Submit') return { kind: 'cancelled' };
  }

  try {
    const outcome = await client.submitToo(request);
    if (outcome.kind !== 'accepted') return { kind: 'failed', message: 'The service validated the request instead of filing it.' };
    deps.diagnostics.show(document, [], outcome.warnings);
    if (outcome.tooId !== null) await deps.recordSubmission(outcome.tooId, request, uri);
    deps.log.info(`TOO request ${baseName(uri)} accepted${outcome.tooId !== null ? ` as TOO ${outcome.tooId}` : ' (no TOO id: debug submission)'}`);
    const warn = outcome.warnings.length ? ` Warnings: ${outcome.warnings.join(' ')}` : '';
    void vscode.window.showInformationMessage(outcome.tooId !== null ? `TOO request for ${request.target_name} accepted: TOO ${outcome.tooId}.${warn}` : `The test (debug) submission for ${request.target_name} passed every check; nothing was filed.${warn}`);
    return { kind: 'submitted', tooId: outcome.tooId, warnings: outcome.warnings };
  } catch (error) {
    return reportFailure(deps, document, error, 'submit');
  }
}

type Loaded = { request: TooRequest; document: vscode.TextDocument } | { problems: string[] };

async function loadRequest(uri: vscode.Uri): Promise<Loaded> {
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseJsonDocument(document.getText());
  if (parsed.value === undefined) return { problems: parsed.problems.map((p) => p.message) };
  const validation = validateTooRequest(parsed.value);
  if (!validation.ok) return { problems: validation.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`) };
  return { request: validation.value, document };
}

function reportInvalid(uri: vscode.Uri, problems: readonly string[]): TooFileOutcome {
  const shown = problems.slice(0, 5).join('; ');
  void vscode.window.showErrorMessage(`${baseName(uri)} is not a valid TOO request, so nothing was sent: ${shown}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. See the Problems panel.`);
  return { kind: 'invalid', problems };
}

function reportFailure(deps: TooSubmitDeps, document: vscode.TextDocument, error: unknown, verb: 'validate' | 'submit'): TooFileOutcome {
  const message = describeError(error);
  deps.log.error(`Could not ${verb} ${baseName(document.uri)}: ${error instanceof TooServiceError ? error.fullText() : message}`);
  if (error instanceof TooServiceError && (error.kind === 'rejected' || error.kind === 'forbidden')) {
    deps.diagnostics.show(document, error.fieldIssues, error.warnings, message);
    void vscode.window.showErrorMessage(`The Swift TOO service refused ${baseName(document.uri)}: ${message}`);
    return { kind: 'rejected', message };
  }
  void vscode.window.showErrorMessage(`Could not ${verb} ${baseName(document.uri)}: ${message}`);
  return { kind: 'failed', message };
}

/** The modal's summary: what will be asked of the observatory. */
export function summarise(request: TooRequest): string {
  const xrt = typeof request.xrt_mode === 'number' ? request.xrt_mode : xrtModeCode(request.xrt_mode);
  const urgency = URGENCIES.find((u) => u.value === request.urgency);
  const exposure = request.exposure ?? (request.exp_time_per_visit != null ? Math.round(request.exp_time_per_visit * request.num_of_visits) : undefined);
  const lines = [
    `Target: ${request.target_name} (${request.target_type})`,
    `Position: RA ${request.ra}°, Dec ${request.dec}° (J2000)${request.poserr != null ? ` ± ${request.poserr}′` : ''}`,
    `Instrument: ${request.instrument}; XRT mode ${xrt ?? request.xrt_mode}${xrt !== undefined && xrtModeName(xrt) ? ` (${xrtModeName(xrt)})` : ''}; UVOT mode ${uvotModeFormText(request.uvot_mode)}`,
    `Observation type: ${request.obs_type}`,
    `Urgency: ${request.urgency}${urgency ? ` (${urgency.meaning})` : ''}`,
    `Exposure: ${exposure ?? '?'} s in total${request.exp_time_per_visit != null ? `, ${request.exp_time_per_visit} s per visit` : ''}`,
    `Visits: ${request.num_of_visits}${request.num_of_visits > 1 && request.monitoring_freq ? `, every ${request.monitoring_freq}` : ''}`,
  ];
  if (request.debug) lines.push('Test submission (debug): checked but not filed.');
  return lines.join('\n');
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}
