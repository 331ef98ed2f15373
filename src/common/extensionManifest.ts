// Typed reads of the extension's own manifest (package.json): VS Code hands it over as `any`
// (Extension.packageJSON), so each field is checked here once instead of trusted at every use.
import type * as vscode from 'vscode';

/** The `version` of the extension's package.json, as VS Code read it; `unknown` if the manifest has none. */
export function extensionVersion(extension: Pick<vscode.Extension<unknown>, 'packageJSON'>): string {
  const manifest: unknown = extension.packageJSON;
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { readonly version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}
