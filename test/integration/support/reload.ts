// A test that reloads the window: the run before the reload ends with that test (the extension host goes
// with the window), and the workbench runs the test payload again after it. This marker, written just
// before the reload into the test workspace, tells the index (test/integration/index.ts) that the second
// run is the continuation: it runs only the test named here and adds the failures counted before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { REPORT_FILE_ENV } from '../../runners/integrationEnv';

export interface ReloadMarker {
  /** The full title of the test that goes on after the reload (the second run's mocha grep). */
  readonly continuation: string;
  /** Failures of the run before the reload, counted in with the second run's. */
  readonly failuresBefore: number;
  /** Whatever the test hands over to its continuation. */
  readonly data: Readonly<Record<string, string | number>>;
}

function markerFile(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? path.join(folder, '.swift-integration-reload.json') : undefined;
}

/**
 * What the index and the tests share: each test file is its own bundle with its own copy of this module, so
 * the shared part lives on the global object of the extension host.
 */
interface ReloadRun {
  /** Outcomes so far in this run (counted by the index; failures are handed over when a test reloads the window). */
  failures: number;
  passes: number;
  pending: number;
  /** Each failure's title and error, for the report: mocha's own list comes only at the end of a run. */
  failed: string[];
  /** The marker this run continues from (taken off the disk by the index when the run starts). */
  continuing?: ReloadMarker;
}

function reloadRun(): ReloadRun {
  const holder = globalThis as { __swiftIntegrationReload?: ReloadRun };
  holder.__swiftIntegrationReload ??= { failures: 0, passes: 0, pending: 0, failed: [] };
  return holder.__swiftIntegrationReload;
}

/** Index: takes the marker off the disk (so a later run starts afresh) and returns it, if this run continues one. */
export function takeReloadMarker(): ReloadMarker | undefined {
  const file = markerFile();
  if (!file || !fs.existsSync(file)) return undefined;
  const marker = JSON.parse(fs.readFileSync(file, 'utf8')) as ReloadMarker;
  fs.rmSync(file, { force: true });
  reloadRun().continuing = marker;
  return marker;
}

/** Index: one more outcome in this run; a failure with its title and error. */
export function countOutcome(outcome: 'failures' | 'passes' | 'pending', failure?: { title: string; error: unknown }): void {
  const run = reloadRun();
  run[outcome] += 1;
  if (failure) {
    const error = failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error);
    run.failed.push(`  ${run.failed.length + 1}) ${failure.title}:\n     ${error.split('\n').slice(0, 12).join('\n     ')}`);
  }
}

/** Tests: the marker of the reload this run continues, if it is such a run. */
export function continuedReload(): ReloadMarker | undefined {
  return reloadRun().continuing;
}

/** Records the hand-over and reloads the window; never returns (the extension host ends). */
export async function reloadWindow(continuation: string, data: ReloadMarker['data']): Promise<never> {
  const file = markerFile();
  if (!file) throw new Error('a window reload test needs a workspace folder');
  const run = reloadRun();
  const marker: ReloadMarker = { continuation, failuresBefore: run.failures, data };
  fs.writeFileSync(file, JSON.stringify(marker));
  // This run never reaches mocha's summary: its counts go to the report here, in the summary's form, so the
  // counts of the whole run (test/runners/testAll.ts adds every summary up) include them.
  const summary =
    `\n  ${run.passes} passing (before the window reload)\n  ${run.pending} pending\n  ${run.failures} failing\n` +
    (run.failed.length > 0 ? `\n${run.failed.join('\n\n')}\n` : '');
  console.log(summary);
  const reportFile = process.env[REPORT_FILE_ENV];
  if (reportFile) fs.appendFileSync(reportFile, summary);
  // From here on the run is over: what other extensions throw while the extension host ends (a language
  // client finding its channel closed) is not this run's failure, so mocha no longer hears of it.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.removeAllListeners(event);
    process.on(event, (error: unknown) => console.error(`while the window reloads: ${String(error)}`));
  }
  // The command's promise is cancelled when the extension host ends with the window: that is its success,
  // and a rejection reaching mocha now would be reported as a failure in a run that is over.
  vscode.commands.executeCommand('workbench.action.reloadWindow').then(undefined, (error: unknown) => {
    if (!(error instanceof Error && error.message === 'Canceled')) console.error(`reloading the window: ${String(error)}`);
  });
  return new Promise<never>(() => undefined);
}
