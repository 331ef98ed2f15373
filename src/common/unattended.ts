// Whether a command may act on arguments that skip a person's decision.
import * as vscode from 'vscode';
import './buildFlags';

/**
 * Whether commands may take arguments that skip a person's decision (credentials given to Sign In, a
 * confirmation given in advance to Submit TOO, Cancel or Remove). Any extension can run our commands
 * with any arguments, so a shipped build must ignore them: a TOO request is a real request to the
 * spacecraft team and must be confirmed by the user. Only this extension's own test runs pass them
 * (a build with test hooks, see src/testHooks.ts, run by VS Code in test mode).
 */
export function acceptsUnattendedArguments(context: vscode.ExtensionContext): boolean {
  return __TEST_HOOKS__ && context.extensionMode === vscode.ExtensionMode.Test;
}
