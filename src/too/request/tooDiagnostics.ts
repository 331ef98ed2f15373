// A TOO request file's problems on its keys, as errors: every problem the check before validating or
// submitting finds (validateTooRequest: placeholders, field types, required fields, the conditional
// rules, each on the key that causes it), as the file is typed; and what the TOO service said about it
// (validate or submit): 422 `detail` items on the key their `loc` ends with, 400 errors on the key they
// are about (servicePlacement.ts), else on the opening brace. The service's diagnostics are cleared
// when the file changes, since the answer was about the old text.
import * as vscode from 'vscode';
import { DocumentDebouncer } from '../../editing/documentDebouncer';
import { parseJsonDocument } from '../../editing/jsonLocations';
import { isTooRequestUri } from '../../editing/requestFiles';
import { ServiceDiagnostics, keyDiagnostic, type ServiceProblem } from '../../editing/serviceDiagnostics';
import type { TooFieldIssue } from '../client';
import { tooRequestSchema, validateTooRequest } from './requestSchema';
import { TOO_SERVICE_TOPICS, placeMissingTooKey } from './servicePlacement';

const SOURCE = 'Swift TOO service';

/** The TOO service's answers on the file's keys: 422 items on the field their `loc` names, 400 errors on a key they name. */
export class TooServiceDiagnostics implements vscode.Disposable {
  private readonly diagnostics = new ServiceDiagnostics({
    name: 'swift-too-service',
    source: SOURCE,
    isRequestFile: isTooRequestUri,
    knownKeys: new Set(Object.keys(tooRequestSchema.shape)),
    topics: TOO_SERVICE_TOPICS,
    placeMissing: placeMissingTooKey,
  });

  /** Places each issue on its key; returns how many found a key. Warnings are shown as warnings. */
  show(document: vscode.TextDocument, issues: readonly TooFieldIssue[], warnings: readonly string[] = [], fallback?: string): number {
    const problems: ServiceProblem[] = [
      ...issues.map((i) => ({
        message: i.field && !i.message.startsWith(i.field) ? `${i.field}: ${i.message}` : i.message,
        about: i.message,
        field: i.field,
      })),
      ...warnings.map((w) => ({ message: w, severity: 'warning' as const })),
    ];
    return this.diagnostics.show(document, problems, fallback);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

/**
 * Everything that stops a TOO request file from being validated or submitted, as errors on the keys
 * that cause them, as the file is typed: the same validateTooRequest the commands run, so the editor
 * and the refusal cannot disagree (template placeholders keep the code "placeholder"). The JSON Schema
 * only repeats some of them as warnings, and reports nothing that this does not (requestJsonSchema.ts).
 */
class TooRequestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('swift-too-request');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer();

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isTooRequestUri(e.document.uri)) this.debouncer.schedule(e.document, (d) => this.check(d));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.debouncer.cancel(d.uri);
        this.collection.delete(d.uri);
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  check(document: vscode.TextDocument): void {
    if (!isTooRequestUri(document.uri)) return;
    const parsed = parseJsonDocument(document.getText());
    // Syntax errors are the JSON language service's to report (and duplicate keys RequestFileDiagnostics').
    if (parsed.value === undefined) {
      this.collection.delete(document.uri);
      return;
    }
    const validation = validateTooRequest(parsed.value);
    const issues = validation.ok ? [] : validation.issues;
    this.collection.set(
      document.uri,
      issues.map((issue) =>
        keyDiagnostic(document, parsed, issue.at ?? issue.path, issue.message, {
          source: 'Swift TOO request',
          code: issue.code ?? String(issue.path[0] ?? ''),
        }),
      ),
    );
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The name tooFeature.ts constructs; the class now reports every local problem, placeholders included. */
export const TooPlaceholderDiagnostics = TooRequestDiagnostics;
