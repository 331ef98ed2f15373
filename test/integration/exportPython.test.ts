// Export as Python inside the real VS Code: a request file becomes an untitled Python script for the official
// client (xrt_prods, swift_too) in an editor; a file with problems is refused and nothing opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GRB_LIGHT_CURVE, SMC_X3_TOO } from '../support/requests';
import { api, workspaceJsonFile } from './support/extension';
import { XRT_USER, setSetting } from './support/setup';

const file = (name: string, body: unknown): Promise<vscode.Uri> => workspaceJsonFile('export-tests', name, body);

describe('Export as Python', function () {
  this.timeout(60_000);

  before(async () => {
    await api();
    await setSetting('xrt.userId', XRT_USER);
  });

  it('opens an xrt_prods script for an XRT request file in a Python editor', async () => {
    const uri = await file('grb.xrt.json', GRB_LIGHT_CURVE);
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('swiftObservatory.xrt.exportPython', uri);
    assert.equal(outcome.kind, 'opened');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.isUntitled, true, 'nothing is written to disk without the user');
    assert.equal(editor.document.languageId, 'python');
    const text = editor.document.getText();
    assert.match(text, /from swifttools\.xrt_prods import XRTProductRequest/);
    assert.match(text, /addLightCurve\(/);
    assert.match(text, /GRB 200416A/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens a swift_too script for a TOO request file, with the API key left out', async () => {
    const uri = await file('smc.too.json', SMC_X3_TOO);
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('swiftObservatory.too.exportPython', uri);
    assert.equal(outcome.kind, 'opened');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /from swifttools\.swift_too import TOO/);
    assert.match(text, /SWIFT_TOO_API_KEY|getpass/);
    assert.doesNotMatch(text, /sandbox-key/, 'no secret in the script');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a request file with problems and opens nothing', async () => {
    const uri = await file('broken.xrt.json', { ...GRB_LIGHT_CURVE, binMeth: 'counts', pccounts: undefined, wtcounts: 'many' });
    const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    const outcome = await vscode.commands.executeCommand<{ kind: string; problems?: string[] }>('swiftObservatory.xrt.exportPython', uri);
    assert.equal(outcome.kind, 'invalid');
    assert.ok((outcome.problems ?? []).length > 0);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, before);
  });
});
