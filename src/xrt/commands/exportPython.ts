// Export Request as Python: the request file, checked as submission checks it, becomes a script for the
// official client (src/xrt/export/pythonScript.ts), opened as a new untitled Python document. Untitled,
// as the code generators of widely used extensions do (REST Client's "Generate Code Snippet", Thunder
// Client's code view): nothing is written to disk or overwritten without the user, who reads the
// script first and saves it where the paper's materials live.
import { fileLabel } from '../../editing/submitOnce';
import { xrtPythonScript } from '../export/pythonScript';
import { checkRequestText } from '../request/requestCheck';
import type { XrtCommand } from './deps';

type ExportOutcome =
  | { readonly kind: 'opened'; readonly script: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'no-file' };

export const exportPython: XrtCommand =
  (deps) =>
  async (uri?: unknown): Promise<ExportOutcome> => {
    const target = deps.documents.requestFile(uri);
    if (!target) {
      void deps.window.showWarningMessage('Open an XRT request file (*.xrt.json) to export it as Python, or choose one in the Explorer.');
      return { kind: 'no-file' };
    }
    const checked = checkRequestText(await deps.documents.text(target));
    const result = checked.request
      ? xrtPythonScript(checked.request, {
          fileName: fileLabel(target),
          userId: deps.settings().xrtUserId || undefined,
          version: deps.extensionVersion,
          date: new Date(),
        })
      : { ok: false as const, problems: checked.problems };
    if (!result.ok) {
      const n = result.problems.length;
      void deps.window.showErrorMessage(`${fileLabel(target)} was not exported as Python: it has ${n} problem${n === 1 ? '' : 's'}.`, {
        modal: false,
        detail: result.problems.join('\n'),
      });
      deps.log.info(`Not exported as Python ${target.fsPath}: ${result.problems.join('; ')}`);
      return { kind: 'invalid', problems: result.problems };
    }
    await deps.documents.openUntitled('python', result.script);
    return { kind: 'opened', script: result.script };
  };
