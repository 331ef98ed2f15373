// The set-up the integration tests share: the sandbox's accounts, settings, a clean sandbox and job
// list before each XRT test, the TOO sign-in as a user runs it, and the TOO status bar's state.
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../../src/testHooks';
import { sandbox, waitFor } from './sandbox';

/** The sandbox's XRT user and TOO account (test/sandbox accepts these). */
export const XRT_USER = 'astro@example.org';
export const TOO_USER = 'astro';
export const TOO_KEY = 'sandbox-key';

/** Sets a `swiftObservatory.*` setting for the rest of the run (undefined restores the default). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('swiftObservatory').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Before each XRT test: the sandbox as started (state, variants, faults, request log), its clock stopped, no jobs. */
export async function freshXrtState(swift: ExtensionInternals): Promise<void> {
  await sandbox.reset();
  await sandbox.freezeClock();
  await swift.xrt.registry.remove(swift.xrt.registry.all().map((j) => j.jobId));
}

/** Signs in to the TOO API with the command's own arguments; resolves to its outcome ('signed-in', 'failed', …). */
export function signInToo(username = TOO_USER, apiKey = TOO_KEY): Thenable<string | undefined> {
  return vscode.commands.executeCommand<string>('swiftObservatory.too.signIn', { username, apiKey });
}

/** Waits until the TOO status bar item's text matches `pattern` (it follows sign-in and sign-out). */
export async function tooStatusBarShows(swift: ExtensionInternals, pattern: RegExp, what: string): Promise<void> {
  await waitFor(what, 5000, () => (pattern.test(swift.too.statusBarText()) ? true : undefined));
}
