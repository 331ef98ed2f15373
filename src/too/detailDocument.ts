// The read-only JSON document of one TOO request of the list (Show Details): a virtual document under
// the `swift-too` scheme whose text is the store's record.
import * as vscode from 'vscode';
import type { TooRequestsStore } from './tooRequestsStore';

const DETAIL_SCHEME = 'swift-too';

/** Serves the detail documents from `store`; dispose to unregister. */
export function registerTooDetailDocuments(store: Pick<TooRequestsStore, 'record'>): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(DETAIL_SCHEME, {
    provideTextDocumentContent: (uri) => {
      const tooId = Number(new URLSearchParams(uri.query).get('id'));
      const record = store.record(tooId);
      return record
        ? `${JSON.stringify(record, null, 2)}\n`
        : `// TOO ${tooId} is not in the current list; refresh the TOO Requests view.\n`;
    },
  });
}

/** Opens the detail document of `tooId`, titled after its target. */
export async function openTooDetail(tooId: number, target: string): Promise<void> {
  const uri = vscode.Uri.from({
    scheme: DETAIL_SCHEME,
    path: `/${target.replace(/[\\/]/g, '-')} (TOO ${tooId}).json`,
    query: `id=${tooId}`,
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'json'), { preview: true });
}
