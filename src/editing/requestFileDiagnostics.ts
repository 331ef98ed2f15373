// Problems that make a request file (`*.xrt.json`, `*.too.json`, `*.xrt-campaign.json`) unusable whatever it asks for, shown
// as errors in the editor: a key given twice in one object (on every occurrence), a file too large or
// too deeply nested to read. The submit commands refuse such files through the same check
// (parseJsonDocument in src/editing/jsonLocations.ts). Plain syntax errors are left to VS Code's JSON
// language service, which already reports them.
import { DocumentDebouncer } from './documentDebouncer';
import * as vscode from 'vscode';
import { parseJsonDocument } from './jsonLocations';
import { isRequestFileUri } from './requestFiles';
import { toRange } from './serviceDiagnostics';

const SOURCE = 'Swift Observatory';

export class RequestFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('swift-request-file');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer();

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isRequestFileUri(e.document.uri)) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.debouncer.cancel(d.uri);
        this.collection.delete(d.uri);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  private schedule(document: vscode.TextDocument): void {
    this.debouncer.schedule(document, (d) => this.check(d));
  }

  check(document: vscode.TextDocument): void {
    if (!isRequestFileUri(document.uri)) return;
    const problems = parseJsonDocument(document.getText()).problems.filter((p) => p.kind !== 'syntax');
    this.collection.set(
      document.uri,
      problems.map((p) => {
        const diagnostic = new vscode.Diagnostic(toRange(document, p.range), p.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = SOURCE;
        diagnostic.code = p.kind;
        return diagnostic;
      }),
    );
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
