// The read-only documents of one TOO request of the list (Show TOO Details): a readable, labelled summary
// (Markdown, src/too/detailText.ts) and, one click away in the editor title bar, the record as the
// service sent it (JSON). Both are virtual documents under the `swift-too` scheme, read from the store.
import * as vscode from 'vscode';
import { tooDetailMarkdown } from './detailText';
import type { TooRequestsStore } from './tooRequestsStore';

const TOO_DETAIL_SCHEME = 'swift-too';

type DetailForm = 'summary' | 'raw';

function detailUri(tooId: number, target: string, form: DetailForm): vscode.Uri {
  const name = `${target.replace(/[\\/]/g, '-')} (TOO ${tooId})`;
  return vscode.Uri.from({
    scheme: TOO_DETAIL_SCHEME,
    path: `/${name}.${form === 'raw' ? 'json' : 'md'}`,
    query: `id=${tooId}&form=${form}`,
  });
}

function formOf(uri: vscode.Uri): { tooId: number; form: DetailForm } {
  const query = new URLSearchParams(uri.query);
  return { tooId: Number(query.get('id')), form: query.get('form') === 'raw' ? 'raw' : 'summary' };
}

/** Serves the detail documents from `store`; dispose to unregister. */
export function registerTooDetailDocuments(store: Pick<TooRequestsStore, 'record'>): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(TOO_DETAIL_SCHEME, {
    provideTextDocumentContent: (uri) => {
      const { tooId, form } = formOf(uri);
      const record = store.record(tooId);
      if (!record) {
        const missing = `TOO ${tooId} is not in the current list; refresh the TOO Requests view.`;
        return form === 'raw' ? `// ${missing}\n` : `${missing}\n`;
      }
      return form === 'raw' ? `${JSON.stringify(record, null, 2)}\n` : tooDetailMarkdown(record, tooId);
    },
  });
}

async function show(uri: vscode.Uri, language: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, language), { preview: true });
}

/** Opens the readable detail of `tooId`, titled after its target. */
export async function openTooDetail(tooId: number, target: string): Promise<void> {
  await show(detailUri(tooId, target, 'summary'), 'markdown');
}

/**
 * Opens the raw record behind a detail document (`uri`, from the editor title bar), or of the active
 * editor's detail document; does nothing for other documents.
 */
export async function openTooRawDetail(uri?: vscode.Uri): Promise<void> {
  const source = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!source || source.scheme !== TOO_DETAIL_SCHEME) return;
  const { tooId } = formOf(source);
  const target = decodeURIComponent(source.path.replace(/^\//, '').replace(/ \(TOO \d+\)\.(md|json)$/, ''));
  await show(detailUri(tooId, target, 'raw'), 'json');
}
