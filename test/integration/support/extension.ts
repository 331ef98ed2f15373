// The extension under test, as the integration tests reach it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwiftObservatoryApi } from '../../../src/extension';

export const EXTENSION_ID = 'swift-observatory.swift-observatory';

/** Activates the extension (if needed) and returns the API its activate() returned. */
export async function api(): Promise<SwiftObservatoryApi> {
  const extension = vscode.extensions.getExtension<SwiftObservatoryApi>(EXTENSION_ID);
  assert.ok(extension, 'extension not found');
  return extension.activate();
}

/** The test workspace folder on disk. */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}
