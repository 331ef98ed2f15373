// One pending check per open document, run a short while after the last edit, so request-file checks
// that parse the whole file on every keystroke stay smooth while typing.
import type * as vscode from 'vscode';

export class DocumentDebouncer {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs = 200) {}

  /** Runs `check(document)` once edits of that document pause for the delay; an earlier call is replaced. */
  schedule(document: vscode.TextDocument, check: (document: vscode.TextDocument) => void): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        check(document);
      }, this.delayMs),
    );
  }

  /** Drops the pending check of a document (e.g. when it closes). */
  cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
