// Export Request as Python: the request file, checked as submission checks it, becomes a script for the
// official client (src/xrt/export/pythonScript.ts), opened as a new untitled Python document. Untitled,
// as the code generators of widely used extensions do (REST Client's "Generate Code Snippet", Thunder
// Client's code view): nothing is written to disk or overwritten without the user, who reads the
// script first and saves it where the paper's materials live.
import * as vscode from 'vscode';
import { fileLabel } from '../../editing/submitOnce';
import { xrtPythonScript } from '../export/pythonScript';
import { checkRequestText } from '../request/requestCheck';
import type { XrtCommand } from './deps';
import { requestUri } from './submit';

type ExportOutcome =
  | { readonly kind: 'opened'; readonly script: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'no-file' };

export const exportPython: XrtCommand =
  (deps) =>
  async (uri?: vscode.Uri): Promise<ExportOutcome> => {
    const target = requestUri(uri);
    if (!target) {
      void deps.window.showWarningMessage('Open an XRT request file (*.xrt.json) to export it as Python, or choose one in the Explorer.');
      return { kind: 'no-file' };
    }
    const document = await vscode.workspace.openTextDocument(target);
    const checked = checkRequestText(document.getText());
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
    const script = await vscode.workspace.openTextDocument({ language: 'python', content: result.script });
    await vscode.window.showTextDocument(script);
    return { kind: 'opened', script: result.script };
  };
