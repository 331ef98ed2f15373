// Where downloaded products go: the `swiftObservatory.downloadFolder` setting, read the way its
// description promises (empty → `swift-products/` in the first workspace folder; relative → from that
// folder; `~/` → the home folder). Pure, so the rules are unit-tested.
import * as path from 'node:path';

const DEFAULT_DOWNLOAD_SUBFOLDER = 'swift-products';

/**
 * The absolute folder, or undefined when the setting needs a workspace folder and none is open
 * (the caller then asks the user).
 */
export function resolveDownloadRoot(setting: string, workspaceFolder: string | undefined, homeDir: string): string | undefined {
  const value = setting.trim();
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) return path.resolve(homeDir, value.slice(2));
  if (value !== '' && path.isAbsolute(value)) return path.resolve(value);
  if (!workspaceFolder) return undefined;
  return path.resolve(workspaceFolder, value === '' ? DEFAULT_DOWNLOAD_SUBFOLDER : value);
}
