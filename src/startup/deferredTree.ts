// The tree views exist from activation (their view containers, badges and messages need a TreeView),
// but what they show comes from the features in the runtime bundle. A view's provider is this stand-in
// until the runtime hands in the real one: the first time VS Code asks a view for its rows (the view was
// opened), the runtime loads and the real provider answers. Every later call goes straight to it.
import * as vscode from 'vscode';

export class DeferredTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;

  /** `load`: loads the runtime (once), after which {@link setProvider} has been called. */
  constructor(
    private readonly what: string,
    private readonly load: (reason: string) => Promise<unknown>,
  ) {}

  /** The feature's provider: draws the view from now on. */
  setProvider(real: vscode.TreeDataProvider<T>): void {
    this.forwarding?.dispose();
    this.real = real;
    this.forwarding = real.onDidChangeTreeData?.((e) => this.changed.fire(e));
    // Rows asked for before (none: the first ask waits for the runtime) are asked for again.
    this.changed.fire(undefined);
  }

  async getChildren(element?: T): Promise<T[] | undefined> {
    if (!this.real) await this.load(`the ${this.what} view`);
    const real = this.provider();
    return (await real.getChildren(element)) ?? undefined;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  // No resolveTreeItem: neither feature's provider has one, and having it changes how VS Code shows tooltips.
  getParent(element: T): vscode.ProviderResult<T> {
    return this.real?.getParent?.(element);
  }

  private provider(): vscode.TreeDataProvider<T> {
    if (!this.real) throw new Error(`Swift Observatory: the runtime loaded but gave the ${this.what} view no rows.`);
    return this.real;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
