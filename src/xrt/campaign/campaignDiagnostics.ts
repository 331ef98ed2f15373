// Diagnostics on XRT campaign files (`*.xrt-campaign.json`): every problem of the campaign's plan
// (campaignPlan.ts) — the file's shape, and each source's complete request checked as a request file
// is — on the key that causes it: a source's entry or parameter, the template's key, or for a row of
// the source table the table's `file`, with the row's line in the message. The table is read from the
// editor when it is open there (unsaved edits included), else from disk, and the campaign is checked
// again when a CSV or TSV file changes. Syntax errors and duplicate keys are reported elsewhere (the
// JSON language service, src/editing/requestFileDiagnostics.ts), as for request files.
import * as vscode from 'vscode';
import { DocumentDebouncer } from '../../editing/documentDebouncer';
import { isXrtCampaignUri } from '../../editing/requestFiles';
import { keyDiagnostic } from '../../editing/serviceDiagnostics';
import { readCampaignPlan } from './campaignDocument';

const SOURCE = 'Swift XRT campaign';
const TABLE_FILE = /\.(csv|tsv|tab)$/i;

export class XrtCampaignDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('swift-xrt-campaign');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer();
  /** The latest check of each document: an older one that finishes later (the table read is async) is dropped. */
  private readonly latest = new Map<string, number>();
  private checks = 0;

  constructor(private readonly onError: (message: string) => void) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,tsv,tab,CSV,TSV,TAB}');
    this.disposables.push(
      this.collection,
      watcher,
      watcher.onDidChange(() => this.recheckAll()),
      watcher.onDidCreate(() => this.recheckAll()),
      watcher.onDidDelete(() => this.recheckAll()),
      vscode.workspace.onDidOpenTextDocument((d) => this.run(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (isXrtCampaignUri(e.document.uri)) this.debouncer.schedule(e.document, (d) => this.run(d));
        else if (TABLE_FILE.test(e.document.uri.path)) this.recheckAll();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.debouncer.cancel(d.uri);
        this.latest.delete(d.uri.toString());
        this.collection.delete(d.uri);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.run(d);
  }

  private recheckAll(): void {
    for (const d of vscode.workspace.textDocuments) if (isXrtCampaignUri(d.uri)) this.debouncer.schedule(d, (doc) => this.run(doc));
  }

  private run(document: vscode.TextDocument): void {
    this.check(document).catch((error: unknown) =>
      this.onError(`Checking the campaign ${document.uri.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Checks the campaign (reading its source table); resolves once its diagnostics are set. */
  async check(document: vscode.TextDocument): Promise<void> {
    if (!isXrtCampaignUri(document.uri)) return;
    const key = document.uri.toString();
    const check = ++this.checks;
    this.latest.set(key, check);
    const { parsed, plan } = await readCampaignPlan(document);
    if (this.latest.get(key) !== check || document.isClosed) return;
    if (!plan) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(
      document.uri,
      plan.problems.map((p) =>
        keyDiagnostic(document, parsed, p.path, p.message, {
          severity: p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          source: SOURCE,
          code: p.key ?? (p.path.join('.') || undefined),
        }),
      ),
    );
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
