// Wiring only: builds the services and registers commands, views and providers.
// activate() must stay cheap: no network, no file scanning (design.md, budgets).
import * as vscode from 'vscode';
import { Commands, Views } from './commands/ids';
import { CONFIG_SECTION } from './config';
import { disposeLog, log } from './log';
import { EmptyTreeProvider } from './views/placeholderTree';

/** What activate() returns; integration tests reach the extension's state through it. */
export interface SwiftObservatoryApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): SwiftObservatoryApi {
  context.subscriptions.push(
    vscode.window.createTreeView(Views.xrtJobs, { treeDataProvider: new EmptyTreeProvider(), showCollapseAll: true }),
    vscode.window.createTreeView(Views.tooRequests, { treeDataProvider: new EmptyTreeProvider(), showCollapseAll: true }),
    vscode.commands.registerCommand(Commands.showLog, () => log().show()),
    vscode.commands.registerCommand(Commands.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
    ),
    { dispose: disposeLog },
  );
  log().info(`Swift Observatory ${String(context.extension.packageJSON.version)} activated (${CONFIG_SECTION}.*)`);
  return { version: String(context.extension.packageJSON.version) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
