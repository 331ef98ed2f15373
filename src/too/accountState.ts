// What shows the TOO account state outside the TOO Requests view: the status-bar item and the
// signed-in context key of the manifest's `when` clauses. Its own module, without the client, so that
// the entry bundle can show it at start (src/startup/startupState.ts) before the TOO feature loads.
import * as vscode from 'vscode';
import { ContextKeys, TooCommands } from '../common/commandIds';

/** `username`: of the stored account, undefined when signed out. */
export async function showTooAccountState(item: vscode.StatusBarItem, username: string | undefined): Promise<void> {
  item.name = 'Swift TOO account';
  item.text = username ? `$(account) TOO: ${username}` : '$(account) TOO: signed out';
  item.tooltip = username
    ? `Signed in to the Swift TOO API as ${username} — click to sign out`
    : 'Not signed in to the Swift TOO API — click to sign in (queries work without an account)';
  item.command = username ? TooCommands.signOut : TooCommands.signIn;
  item.show();
  await vscode.commands.executeCommand('setContext', ContextKeys.tooSignedIn, username !== undefined);
}
