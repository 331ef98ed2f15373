// The User-Agent of every request the extension makes, to either service and for every download: its
// name and version, so the services' operators can tell its traffic apart (and reach its authors).

/** `swift-observatory-vscode/<version>`; `version` is the manifest's (src/common/extensionManifest.ts `extensionVersion`). */
export function extensionUserAgent(version: string): string {
  return `swift-observatory-vscode/${version}`;
}
