// Request files: which files are XRT or TOO requests or XRT campaigns (by name), and creating new ones (templates,
// returned parameters, copies of old jobs) next to the user's work, with names that never overwrite an
// existing file.
import * as vscode from 'vscode';
import type { RequestDocuments } from '../common/commandTable';

export const XRT_REQUEST_SUFFIX = '.xrt.json';
export const TOO_REQUEST_SUFFIX = '.too.json';
/** A campaign: one XRT product template for many sources (src/xrt/campaign/campaignSchema.ts). */
const XRT_CAMPAIGN_SUFFIX = '.xrt-campaign.json';

export function isXrtRequestUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(XRT_REQUEST_SUFFIX);
}

export function isTooRequestUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(TOO_REQUEST_SUFFIX);
}

export function isXrtCampaignUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(XRT_CAMPAIGN_SUFFIX);
}

/** An XRT or a TOO request file, or an XRT campaign file (the files the extension checks as they are edited). */
export function isRequestFileUri(uri: vscode.Uri): boolean {
  return isXrtRequestUri(uri) || isTooRequestUri(uri) || isXrtCampaignUri(uri);
}

/**
 * The request files of one kind (`isRequest`): the URI a menu gave, or else the active editor's; their
 * text as the editor has it; new untitled documents, shown at once.
 */
export function requestDocuments(isRequest: (uri: vscode.Uri) => boolean): RequestDocuments {
  return {
    requestFile(given?: unknown): vscode.Uri | undefined {
      if (given instanceof vscode.Uri) return given;
      const active = vscode.window.activeTextEditor?.document.uri;
      return active && isRequest(active) ? active : undefined;
    },
    text: async (uri) => (await vscode.workspace.openTextDocument(uri)).getText(),
    openUntitled: async (language, content) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language, content }));
    },
  };
}

/** A file name made of the source name and a suffix: "GRB 200416A" → "grb-200416a-job12.xrt.json". */
export function requestFileName(name: string, suffix: string, extension = XRT_REQUEST_SUFFIX): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'request';
  return `${slug}${suffix ? `-${suffix}` : ''}${extension}`;
}

/** Where new request files go: beside `near` when given, else the first workspace folder. */
function targetFolder(near?: vscode.Uri): vscode.Uri | undefined {
  if (near && near.scheme === 'file') return vscode.Uri.joinPath(near, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/**
 * Writes `content` as a new JSON file and opens it. Without a folder to write to, opens an untitled
 * editor with the same name, so the request schema still applies and the user chooses where to save.
 */
export async function createRequestFile(fileName: string, content: unknown, near?: vscode.Uri): Promise<vscode.TextEditor> {
  const text = `${JSON.stringify(content, null, 2)}\n`;
  const folder = targetFolder(near);
  if (!folder) {
    const untitled = vscode.Uri.from({ scheme: 'untitled', path: `/${fileName}` });
    const document = await vscode.workspace.openTextDocument(untitled);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
    return editor;
  }
  const uri = await uniqueUri(folder, fileName);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(uri);
}

async function uniqueUri(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const dot = fileName.indexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  for (let n = 1; ; n += 1) {
    const candidate = vscode.Uri.joinPath(folder, n === 1 ? fileName : `${stem}-${n}${ext}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      // stat fails only when nothing is there: the name is free.
      return candidate;
    }
  }
}
