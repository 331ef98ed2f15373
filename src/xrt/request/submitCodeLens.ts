// A "Submit" lens at the top of every XRT request file, beside the editor-title button.
import * as vscode from 'vscode';
import { XrtCommands } from '../../common/commandIds';
import { XRT_REQUEST_SUFFIX, isXrtRequestUri } from '../../editing/requestFiles';

class SubmitCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isXrtRequestUri(document.uri)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: '$(cloud-upload) Submit to the XRT product generator',
        command: XrtCommands.submit,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(top, { title: 'New request from template…', command: XrtCommands.newRequest }),
    ];
  }
}

export function registerSubmitCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ pattern: `**/*${XRT_REQUEST_SUFFIX}` }, new SubmitCodeLensProvider());
}
