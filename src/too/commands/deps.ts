// What the TOO commands work with: one object, built once in src/too/tooFeature.ts. The UI functions
// come in here too (`window`, `clipboard`, `executeCommand`, `openDetail`), so the handlers that import
// nothing else from `vscode` at run time can be unit-tested with fakes.
import type * as vscode from 'vscode';
import type { CommandFactory, CommandWindow, RequestDocuments } from '../../common/commandTable';
import type { GivenCredentials, SignInOutcome } from '../account';
import type { TooSubmitDeps } from '../submission/submitToo';
import type { TooDateRange, TooRequestsStore } from '../tooRequestsStore';
import type { TooTreeNode } from '../views/tooRequestsTree';

export interface TooDeps {
  readonly store: Pick<TooRequestsStore, 'refresh' | 'record' | 'detailed'>;
  readonly account: {
    signIn(given?: GivenCredentials): Promise<SignInOutcome>;
    signOut(): Promise<void>;
    updateState(): Promise<void>;
  };
  readonly submit: TooSubmitDeps;
  readonly log: vscode.LogOutputChannel;
  readonly window: CommandWindow;
  /** TOO request files (`*.too.json`) and new untitled documents. */
  readonly documents: RequestDocuments;
  readonly clipboard: Pick<vscode.Clipboard, 'writeText'>;
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  /** Opens the read-only detail document of a listed TOO (src/too/detailDocument.ts). */
  openDetail(tooId: number, target: string): Promise<void>;
  /** The raw record behind a detail document (the active one when no URI is given). */
  openRawDetail(uri?: vscode.Uri): Promise<void>;
  /** The list's submission dates, and where a new choice is kept. */
  range(): TooDateRange;
  setRange(range: TooDateRange): Thenable<void>;
  /** The rows selected in the TOO Requests view. */
  selection(): readonly TooTreeNode[];
  /** Whether commands may take arguments that skip a question (only in this extension's own test runs). */
  readonly unattended: boolean;
  /** The extension's version (package.json), for what it writes (Export as Python). */
  readonly extensionVersion: string;
  /** The signed-in username, if any (not a secret). */
  username(): Promise<string | undefined>;
}

export type TooCommand = CommandFactory<TooDeps>;
