// The set-up the integration tests share: the sandbox's accounts, settings, a clean sandbox and job
// list before each XRT test, a job submitted and run to completion, the TOO sign-in as a user runs it, and the TOO status bar's state.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../../src/testHooks';
import { workspaceDir } from './extension';
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

/**
 * Writes `request` to `<workspace>/<file>`, submits it, runs the sandbox clock past completion and polls
 * once; asserts that every product is complete and resolves to the JobID.
 */
export async function finishedJob(swift: ExtensionInternals, file: string, request: Record<string, unknown>): Promise<string> {
  const uri = vscode.Uri.file(path.join(workspaceDir(), file));
  await fs.mkdir(path.dirname(uri.fsPath), { recursive: true });
  await fs.writeFile(uri.fsPath, `${JSON.stringify(request, null, 2)}\n`);
  const outcome = await vscode.commands.executeCommand<{ kind: string; job?: { jobId: string } }>('swiftObservatory.xrt.submit', uri);
  assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
  const jobId = outcome.job!.jobId;
  await sandbox.advance(300_000);
  await swift.xrt.scheduler.refreshNow([jobId]);
  const states = Object.values(swift.xrt.registry.get(jobId)!.products).map((p) => p.statusCode);
  assert.ok(
    states.every((code) => code === 4),
    `every product complete: ${JSON.stringify(states)}`,
  );
  return jobId;
}
