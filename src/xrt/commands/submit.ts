// Submit (one request file, or several chosen in the Explorer, which go through the batch queue) and
// Submit as Batch. The submission itself is src/xrt/submission/submitRequest.ts.
import * as vscode from 'vscode';
import { isXrtRequestDocument } from '../request/requestDiagnostics';
import { submitRequestFile } from '../submission/submitRequest';
import type { XrtCommand } from './deps';

/** The request file given, or else the active editor's when it is one. */
function requestUri(uri?: vscode.Uri): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isXrtRequestDocument(doc) ? doc.uri : undefined;
}

export const submit: XrtCommand = (deps) => async (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
  if (uris && uris.length > 1) return deps.batch.enqueue(uris);
  const target = requestUri(uri);
  if (!target) {
    void deps.window.showWarningMessage('Open an XRT request file (*.xrt.json) to submit it, or choose one in the Explorer.');
    return undefined;
  }
  const outcome = await submitRequestFile(deps.submit, target);
  if (outcome.kind === 'submitted') deps.scheduler.arm();
  return outcome;
};

export const submitBatch: XrtCommand = (deps) => (uri?: vscode.Uri, uris?: vscode.Uri[]) =>
  deps.batch.enqueue(uris && uris.length > 0 ? uris : uri ? [uri] : []);
