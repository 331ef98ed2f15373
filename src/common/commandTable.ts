// Commands as a table of factories, in the form of rust-analyzer's `editors/code` (`createCommands()`):
// each command module exports `(deps) => handler`, each feature builds one `deps` object and registers
// its table here. A factory is called once, at registration; the handler it returns is what VS Code runs.
import type * as vscode from 'vscode';
import { registerCommand } from './startupHandover';

/**
 * A command handler of any signature: `never[]` parameters accept every handler's parameter list, and the
 * arguments VS Code passes are whatever the caller gave (menus, the palette, `executeCommand`).
 */
export type CommandHandler = (...args: never[]) => unknown;

/** Builds a command's handler from its feature's dependencies. */
export type CommandFactory<Deps> = (deps: Deps) => CommandHandler;

/** Command ID → factory. */
export type CommandTable<Deps> = Readonly<Record<string, CommandFactory<Deps>>>;

/** Registers every command of `table` with handlers built from `deps`; the caller disposes the result. */
export function registerCommandTable<Deps>(table: CommandTable<Deps>, deps: Deps): vscode.Disposable[] {
  return Object.entries(table).map(([id, factory]) =>
    // VS Code hands a handler whatever arguments the caller gave; each handler checks its own.
    registerCommand(id, factory(deps) as (...args: unknown[]) => unknown),
  );
}

/**
 * The documents a command on a request file works with, handed in like {@link CommandWindow} so the
 * handler can be run with fakes in unit tests.
 */
export interface RequestDocuments {
  /** The request file given (a menu's URI), or else the active editor's when it is one of the feature's. */
  requestFile(given?: unknown): vscode.Uri | undefined;
  /** The file's text as the editor has it (unsaved changes included). */
  text(uri: vscode.Uri): Promise<string>;
  /** Opens `content` as a new untitled document of `language`, nothing written to disk. */
  openUntitled(language: string, content: string): Promise<void>;
}

/**
 * The parts of `vscode.window` that command handlers use, handed in with their deps so the handlers can
 * be run with fakes in unit tests (on Node there is no `vscode` module).
 */
export type CommandWindow = Pick<
  typeof vscode.window,
  | 'showInformationMessage'
  | 'showWarningMessage'
  | 'showErrorMessage'
  | 'showQuickPick'
  | 'showInputBox'
  | 'showOpenDialog'
  | 'withProgress'
>;
