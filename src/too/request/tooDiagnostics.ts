// What the TOO service said about a request file (validate or submit) shown on the file's keys:
// 422 `detail` items on the key their `loc` ends with, 400 errors on a key they name, else on the
// opening brace. Cleared when the file changes, since the answer was about the old text. The
// JSON Schema already reports everything that can be checked locally.
import * as vscode from 'vscode';
import { parseJsonDocument, type TextRange } from '../../editing/jsonLocations';
import type { TooFieldIssue } from '../client';
import { findPlaceholders } from './placeholders';

export const TOO_REQUEST_SUFFIX = '.too.json';
const SOURCE = 'Swift TOO service';

export function isTooRequestUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(TOO_REQUEST_SUFFIX);
}

export class TooServiceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('swift-too-service');
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isTooRequestUri(e.document.uri)) this.collection.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
  }

  /** Places each issue on its key; returns how many found a key. Warnings are shown as warnings. */
  show(document: vscode.TextDocument, issues: readonly TooFieldIssue[], warnings: readonly string[] = [], fallback?: string): number {
    const parsed = parseJsonDocument(document.getText());
    let placed = 0;
    const toDiagnostic = (message: string, field: string | undefined, severity: vscode.DiagnosticSeverity): vscode.Diagnostic => {
      const key = field && parsed.hasKey(field) ? field : keyNamedIn(message, parsed.value);
      if (key) placed += severity === vscode.DiagnosticSeverity.Error ? 1 : 0;
      const range = toRange(document, parsed.rangeOf(key ? [key] : []));
      const text = field && !message.startsWith(field) ? `${field}: ${message}` : message;
      const diagnostic = new vscode.Diagnostic(range, text, severity);
      diagnostic.source = SOURCE;
      if (field) diagnostic.code = field;
      return diagnostic;
    };
    const diagnostics = [
      ...issues.map((i) => toDiagnostic(i.message, i.field, vscode.DiagnosticSeverity.Error)),
      ...warnings.map((w) => toDiagnostic(w, undefined, vscode.DiagnosticSeverity.Warning)),
    ];
    if (diagnostics.length === 0 && fallback) diagnostics.push(toDiagnostic(fallback, undefined, vscode.DiagnosticSeverity.Error));
    this.collection.set(document.uri, diagnostics);
    return placed;
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
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
      const diagnostic = new vscode.Diagnostic(toRange(document, parsed.rangeOf([issue.field])), issue.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Swift TOO request';
      diagnostic.code = 'placeholder';
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A top-level key of the file that a 400 message names as a whole word ("uvot_mode …"). */
function keyNamedIn(message: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value).filter((k) => k !== '$schema').sort((a, b) => b.length - a.length);
  return keys.find((k) => new RegExp(`(^|[^A-Za-z0-9_])${k}([^A-Za-z0-9_]|$)`).test(message));
}

function toRange(document: vscode.TextDocument, range: TextRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}
