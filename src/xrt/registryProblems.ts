// Problems with the saved job list (a damaged file kept aside, …): a log line and a warning with a way
// to the kept copy and the log, and the list of them that the integration tests read.
import * as vscode from 'vscode';
import type { JobRegistry, RegistryProblem } from './jobs/jobRegistry';

/** Reports every problem `registry` has from now on; the returned list grows as they come. */
export function reportRegistryProblems(registry: JobRegistry, log: vscode.LogOutputChannel): readonly RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  registry.onProblem((p) => {
    log.warn(p.message);
    problems.push(p);
    const actions = p.keptAt ? ['Open Kept Copy', 'Show Log'] : ['Show Log'];
    void vscode.window.showWarningMessage(p.message, ...actions).then((choice) => {
      if (choice === 'Open Kept Copy' && p.keptAt) void vscode.window.showTextDocument(vscode.Uri.file(p.keptAt));
      if (choice === 'Show Log') log.show();
    });
  });
  return problems;
}
