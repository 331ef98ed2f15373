// Export Request as Python: the TOO request file, checked as submission checks it, becomes a script for
// the official client (src/too/export/pythonScript.ts), opened as a new untitled Python document: as
// the code generators of widely used extensions do (REST Client's "Generate Code Snippet"), nothing is
// written to disk without the user, who reads the script before running it — it files a real TOO.
import { fileLabel } from '../../editing/submitOnce';
import { tooPythonScript } from '../export/pythonScript';
import { checkTooRequestText } from '../request/requestCheck';
import type { TooCommand } from './deps';

type ExportOutcome =
  | { readonly kind: 'opened'; readonly script: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'no-file' };

export const exportPython: TooCommand =
  (deps) =>
  async (uri?: unknown): Promise<ExportOutcome> => {
    const target = deps.documents.requestFile(uri);
    if (!target) {
      void deps.window.showWarningMessage('Open a TOO request file (*.too.json) to export it as Python, or choose one in the Explorer.');
      return { kind: 'no-file' };
    }
    const checked = checkTooRequestText(await deps.documents.text(target));
    const result =
      'request' in checked
        ? tooPythonScript(checked.request, {
            fileName: fileLabel(target),
            username: await deps.username(),
            version: deps.extensionVersion,
            date: new Date(),
          })
        : { ok: false as const, problems: checked.problems };
    if (!result.ok) {
      const shown = result.problems.slice(0, 5).join('; ');
      const more = result.problems.length > 5 ? ` (and ${result.problems.length - 5} more)` : '';
      void deps.window.showErrorMessage(`${fileLabel(target)} was not exported as Python: ${shown}${more}.`);
      deps.log.info(`Not exported as Python ${target.fsPath}: ${result.problems.join('; ')}`);
      return { kind: 'invalid', problems: result.problems };
    }
    await deps.documents.openUntitled('python', result.script);
    return { kind: 'opened', script: result.script };
  };
