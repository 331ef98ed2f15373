// A "Submit" lens at the top of every XRT request file, beside the editor-title button.
import * as vscode from 'vscode';
import { XrtCommands } from '../../common/commandIds';
import { XRT_REQUEST_SUFFIX } from './requestDiagnostics';

export class SubmitCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.uri.path.toLowerCase().endsWith(XRT_REQUEST_SUFFIX)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(cloud-upload) Submit to the XRT product generator', command: XrtCommands.submit, arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: 'New request from template…', command: XrtCommands.newRequest }),
    ];
  }
}

export function registerSubmitCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ pattern: `**/*${XRT_REQUEST_SUFFIX}` }, new SubmitCodeLensProvider());
}
