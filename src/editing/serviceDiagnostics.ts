// Putting problems with a request file (`*.xrt.json`, `*.too.json`) on the key that causes them: the
// editor range of a key or of its value, and a service's answer (an XRT `listErr` or refusal, a TOO
// 422 `detail` or 400 `errors`) placed on the key it is about (serviceKeyFor), else on the opening
// brace. Both features' diagnostics use these, so a problem lands on the same place whoever found it.
import * as vscode from 'vscode';
import { parseJsonDocument, type ParsedJsonDocument, type TextRange } from './jsonLocations';
import { serviceKeyFor, type ServiceTopic } from './serviceKeys';

export function toRange(document: vscode.TextDocument, range: TextRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/**
 * A diagnostic on the key at `path` (its name, not its value, so a long value is not all underlined);
 * a path that does not exist falls back to its nearest existing ancestor, else to the opening brace.
 */
export function keyDiagnostic(
  document: vscode.TextDocument,
  parsed: ParsedJsonDocument,
  path: readonly (string | number)[],
  message: string,
  how: { readonly severity?: vscode.DiagnosticSeverity; readonly source: string; readonly code?: string },
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(document, parsed.rangeOf(path)),
    message,
    how.severity ?? vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = how.source;
  if (how.code !== undefined) diagnostic.code = how.code;
  return diagnostic;
}

/** One thing a service said about a submitted (or validated) request file. */
export interface ServiceProblem {
  /** What is shown. */
  readonly message: string;
  /** The field the service named, when it named one (TOO 422 `loc`); also the diagnostic's code. */
  readonly field?: string;
  /** Where to look for a key name, when not in `message` (an XRT `listErr` item without its group label). */
  readonly about?: string;
  readonly severity?: 'error' | 'warning';
}

interface ServiceDiagnosticsOptions {
  /** The diagnostic collection's name. */
  readonly name: string;
  /** `Diagnostic.source`, e.g. "Swift XRT service". */
  readonly source: string;
  /** The files whose service diagnostics go stale when they are edited. */
  readonly isRequestFile: (uri: vscode.Uri) => boolean;
  /** Every key the request kind has, also those the file leaves out (a missing required key). */
  readonly knownKeys?: ReadonlySet<string>;
  /** Where messages that name no key go (a resolver failure on the object name). */
  readonly topics?: readonly ServiceTopic[];
  /** For a named key the file lacks: the key of the file that made it required. */
  readonly placeMissing?: (key: string, request: Readonly<Record<string, unknown>>) => string | undefined;
}

/**
 * What a service said about the last submission or validation of each request file, on the keys it
 * names. Cleared when the file changes, since the answer was about the old text, and when it closes.
 */
export class ServiceDiagnostics implements vscode.Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: ServiceDiagnosticsOptions) {
    this.collection = vscode.languages.createDiagnosticCollection(options.name);
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && options.isRequestFile(e.document.uri)) this.collection.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
  }

  /**
   * Replaces the file's service diagnostics with `problems`, each on the key it is about; with no
   * error among them, `fallback` (the service's overall refusal) is one more error, placed the same way
   * (a refusal that names no key still goes on the key it is about, e.g. a resolver failure on the
   * name; the opening brace only when nothing fits). Returns how many errors found a key.
   */
  show(document: vscode.TextDocument, problems: readonly ServiceProblem[], fallback?: string): number {
    const parsed = parseJsonDocument(document.getText());
    const refused = problems.some((p) => p.severity !== 'warning');
    const all: readonly ServiceProblem[] = !refused && fallback ? [...problems, { message: fallback }] : problems;
    let placed = 0;
    const diagnostics = all.map((problem) => {
      const key = serviceKeyFor(problem.about ?? problem.message, parsed, { ...this.options, field: problem.field });
      const severity = problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
      if (key && severity === vscode.DiagnosticSeverity.Error) placed += 1;
      return keyDiagnostic(document, parsed, key ? [key] : [], problem.message, {
        severity,
        source: this.options.source,
        code: problem.field,
      });
    });
    this.collection.set(document.uri, diagnostics);
    return placed;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
