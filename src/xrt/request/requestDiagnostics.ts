// Diagnostics on XRT request files (`*.xrt.json`): every problem the check before sending finds
// (requestProblems.ts: field types and the conditional rules as errors, each on the key that causes
// it and with the rule's reason; band limits, GTI and obsID syntax, time formats, likely misspellings
// as errors or warnings), with quick fixes where the fix is obvious; and the service's own answer
// mapped back onto the file's keys.
import { DocumentDebouncer } from '../../editing/documentDebouncer';
import * as vscode from 'vscode';
import { parseJsonDocument, type ParsedJsonDocument } from '../../editing/jsonLocations';
import { XRT_REQUEST_SUFFIX, isXrtRequestUri } from '../../editing/requestFiles';
import { ServiceDiagnostics, keyDiagnostic, toRange } from '../../editing/serviceDiagnostics';
import { checkXrtRequestSemantics, type SemanticFix, type SemanticIssue } from './semanticChecks';
import type { ListErrGroup } from '../client';
import { KNOWN_REQUEST_KEYS } from './requestSchema';
import { xrtRequestProblems } from './requestProblems';
import { XRT_SERVICE_TOPICS, placeMissingXrtKey } from './servicePlacement';

const SOURCE = 'Swift XRT';

export function isXrtRequestDocument(document: vscode.TextDocument): boolean {
  return isXrtRequestUri(document.uri);
}

export class XrtRequestDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly semantic = vscode.languages.createDiagnosticCollection('swift-xrt-request');
  /** What the service said about the last submission of each file; cleared when the file changes. */
  private readonly server = new ServiceDiagnostics({
    name: 'swift-xrt-service',
    source: `${SOURCE} service`,
    isRequestFile: isXrtRequestUri,
    knownKeys: KNOWN_REQUEST_KEYS,
    topics: XRT_SERVICE_TOPICS,
    placeMissing: placeMissingXrtKey,
  });
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer();

  constructor() {
    this.disposables.push(
      this.semantic,
      this.server,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isXrtRequestDocument(e.document) && e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.debouncer.cancel(d.uri);
        this.semantic.delete(d.uri);
      }),
      vscode.languages.registerCodeActionsProvider({ pattern: `**/*${XRT_REQUEST_SUFFIX}` }, this, {
        providedCodeActionKinds: XrtRequestDiagnostics.providedCodeActionKinds,
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  private schedule(document: vscode.TextDocument): void {
    this.debouncer.schedule(document, (d) => this.check(d));
  }

  check(document: vscode.TextDocument): void {
    if (!isXrtRequestDocument(document)) return;
    const parsed = parseJsonDocument(document.getText());
    // Syntax errors are the JSON language service's to report; checking half-typed JSON would only add noise.
    if (parsed.value === undefined) {
      this.semantic.delete(document.uri);
      return;
    }
    this.semantic.set(
      document.uri,
      xrtRequestProblems(parsed.value).map((problem) =>
        problem.semantic
          ? toDiagnostic(document, parsed, problem.semantic)
          : keyDiagnostic(document, parsed, problem.at, problem.message, {
              source: SOURCE,
              code: problem.path.map(String).join('.') || undefined,
            }),
      ),
    );
  }

  /** Shows the service's refusal on the keys it names; returns how many items could be placed on a key. */
  showServiceErrors(document: vscode.TextDocument, message: string, listErr: readonly ListErrGroup[]): number {
    const problems = listErr.flatMap((group) => {
      const label = group.label.trim().replace(/:$/, '');
      // The item alone names the key ("poserr is 0.01, but must be…"); the label is the group's heading.
      return group.list.map((item) => ({ message: `${label}: ${item}`, about: item }));
    });
    return this.server.show(document, problems, message);
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const parsed = parseJsonDocument(document.getText());
    if (parsed.value === undefined) return [];
    const actions: vscode.CodeAction[] = [];
    for (const issue of checkXrtRequestSemantics(parsed.value)) {
      if (!issue.fix) continue;
      const diagnostic = toDiagnostic(document, parsed, issue);
      if (!diagnostic.range.intersection(range)) continue;
      const action = new vscode.CodeAction(issue.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.edit = fixEdit(document, parsed, issue.key, issue.fix);
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, parsed: ParsedJsonDocument, issue: SemanticIssue): vscode.Diagnostic {
  const severity = issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  return keyDiagnostic(document, parsed, [issue.key], issue.message, { severity, source: SOURCE, code: issue.key });
}

function fixEdit(document: vscode.TextDocument, parsed: ParsedJsonDocument, key: string, fix: SemanticFix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const setValue = (k: string, value: unknown): void => {
    const valueRange = parsed.valueRangeOf([k]);
    if (valueRange) edit.replace(document.uri, toRange(document, valueRange), JSON.stringify(value));
    else {
      // The key is missing: add it right after the opening brace.
      const brace = parsed.rangeOf([]);
      const indent = detectIndent(document);
      edit.insert(document.uri, document.positionAt(brace.end), `\n${indent}${JSON.stringify(k)}: ${JSON.stringify(value)},`);
    }
  };
  if (fix.renameKeyTo) {
    edit.replace(document.uri, toRange(document, parsed.rangeOf([key])), JSON.stringify(fix.renameKeyTo));
    const valueRange = parsed.valueRangeOf([key]);
    if (valueRange) edit.replace(document.uri, toRange(document, valueRange), JSON.stringify(fix.replaceWith));
  } else {
    setValue(key, fix.replaceWith);
  }
  for (const other of fix.alsoReplace ?? []) setValue(other.key, other.replaceWith);
  return edit;
}

function detectIndent(document: vscode.TextDocument): string {
  for (let line = 1; line < Math.min(document.lineCount, 20); line += 1) {
    const m = /^(\s+)"/.exec(document.lineAt(line).text);
    if (m) return m[1];
  }
  return '  ';
}
