// What the TOO service said about a request file (validate or submit) shown on the file's keys:
// 422 `detail` items on the key their `loc` ends with, 400 errors on a key they name, else on the
// opening brace. Cleared when the file changes, since the answer was about the old text. The
// JSON Schema already reports everything that can be checked locally.
import * as vscode from 'vscode';
import { parseJsonDocument } from '../../editing/jsonLocations';
import { isTooRequestUri } from '../../editing/requestFiles';
import { ServiceDiagnostics, keyDiagnostic, type ServiceProblem } from '../../editing/serviceDiagnostics';
import type { TooFieldIssue } from '../client';
import { findPlaceholders } from './placeholders';

const SOURCE = 'Swift TOO service';

/** The TOO service's answers on the file's keys: 422 items on the field their `loc` names, 400 errors on a key they name. */
export class TooServiceDiagnostics implements vscode.Disposable {
  private readonly diagnostics = new ServiceDiagnostics({ name: 'swift-too-service', source: SOURCE, isRequestFile: isTooRequestUri });

  /** Places each issue on its key; returns how many found a key. Warnings are shown as warnings. */
  show(document: vscode.TextDocument, issues: readonly TooFieldIssue[], warnings: readonly string[] = [], fallback?: string): number {
    const problems: ServiceProblem[] = [
      ...issues.map((i) => ({ message: i.field && !i.message.startsWith(i.field) ? `${i.field}: ${i.message}` : i.message, about: i.message, field: i.field })),
      ...warnings.map((w) => ({ message: w, severity: 'warning' as const })),
    ];
    return this.diagnostics.show(document, problems, fallback);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

/**
 * Template placeholders (`<…>`) as errors on their values, as the file is typed. The JSON Schema
 * cannot tell a prompt from real text; the submission check refuses the same placeholders
 * (validateTooRequest uses the same findPlaceholders).
 */
export class TooPlaceholderDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('swift-too-placeholders');
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  private check(document: vscode.TextDocument): void {
    if (!isTooRequestUri(document.uri)) return;
    const parsed = parseJsonDocument(document.getText());
    const diagnostics = findPlaceholders(parsed.value).map((issue) => {
      return keyDiagnostic(document, parsed, [issue.field], issue.message, { source: 'Swift TOO request', code: 'placeholder' });
    });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
