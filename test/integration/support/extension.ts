// The extension under test, as the integration tests reach it. activate() returns only the public API
// (nothing secret, see src/extension.ts); the internals the tests need are published for test runs of
// development builds only (src/testHooks.ts).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../../src/testHooks';
import { readTestHooks } from '../../../src/testHooks';

type TestHooks = NonNullable<ReturnType<typeof readTestHooks>>;

export const EXTENSION_ID = 'swift-observatory.swift-observatory';

/** Activates the extension (if needed), loads its features (if nothing has) and returns its internals. */
export async function api(): Promise<ExtensionInternals> {
  return (await testHooks()).internals();
}

/** The hooks of the extension under test (activated if needed), without loading its features. */
export async function testHooks(): Promise<TestHooks> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, 'extension not found');
  await extension.activate();
  const hooks = readTestHooks();
  assert.ok(
    hooks,
    'the extension published no test hooks: run the integration tests on a development build (node esbuild.js, not --production)',
  );
  return hooks;
}

/** The test workspace folder on disk. */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}

/** Writes `body` as a JSON file at `folder/name` inside the test workspace and returns its URI. */
export async function workspaceJsonFile(folder: string, name: string, body: unknown): Promise<vscode.Uri> {
  const file = path.join(workspaceDir(), folder, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return vscode.Uri.file(file);
}
