// What the small entry bundle (dist/extension.js, src/startup/) already put in place when the runtime
// bundle (dist/runtime.js, src/runtime.ts) loads on first use, and hands over to it: the stand-in commands
// the real handlers replace, the tree views and status-bar items that show the first state, the webview
// serializers, the log channel. The two bundles have separate copies of every module, so this is the one
// place where they meet; the runtime's features register through these functions instead of calling
// `vscode.commands.registerCommand` and friends, so that nothing is registered twice. Without a handover
// (an extension activated without the entry) each function is the plain VS Code call.
import * as vscode from 'vscode';

/** Given by the entry bundle to the runtime bundle (see src/startup/runtimeLoader.ts). */
export interface StartupHandover {
  readonly log: vscode.LogOutputChannel;
  /** Replaces the stand-in of `id` (if any) by `handler`. */
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable;
  /** Restores panels of `viewType` through `serializer` (the entry registered the type with VS Code). */
  registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable;
  /** The view the entry created, from now on drawn by `options.treeDataProvider`. */
  createTreeView<T>(viewId: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T>;
  /** The item the entry created and showed (if it did), else a new one. */
  createStatusBarItem(id: string, alignment: vscode.StatusBarAlignment, priority: number): vscode.StatusBarItem;
}

let handover: StartupHandover | undefined;

/** Called once by the runtime bundle before its features activate. */
export function receiveStartupHandover(given: StartupHandover): void {
  handover = given;
}

export function registerCommand(id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable {
  return handover ? handover.registerCommand(id, handler) : vscode.commands.registerCommand(id, handler);
}

export function registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
  return handover
    ? handover.registerWebviewPanelSerializer(viewType, serializer)
    : vscode.window.registerWebviewPanelSerializer(viewType, serializer);
}

export function createTreeView<T>(viewId: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T> {
  return handover ? handover.createTreeView(viewId, options) : vscode.window.createTreeView(viewId, options);
}

export function createStatusBarItem(id: string, alignment: vscode.StatusBarAlignment, priority: number): vscode.StatusBarItem {
  return handover ? handover.createStatusBarItem(id, alignment, priority) : vscode.window.createStatusBarItem(id, alignment, priority);
}

/** The entry's log channel, once handed over (src/log.ts uses it instead of making a second one). */
export function handedOverLog(): vscode.LogOutputChannel | undefined {
  return handover?.log;
}
