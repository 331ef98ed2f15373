// Packs an extension folder as a .vsix with vsce (a devDependency), as `npm run package` does, so that
// the workbench can install it like a user's extension rather than load it in development mode.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

function vsceBin(): string {
  const bin = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing (devDependency @vscode/vsce; run npm ci)`);
  return bin;
}

/** Writes `<extensionDir>` as `outFile` (without node_modules: the bundles carry what they need). */
export function packageVsix(extensionDir: string, outFile: string): string {
  fs.rmSync(outFile, { force: true });
  const result = spawnSync(process.execPath, [vsceBin(), 'package', '--no-dependencies', '--out', outFile], {
    cwd: extensionDir,
    encoding: 'utf8',
    // vsce asks (y/N) about some manifest gaps; a closed stdin answers no, so such a gap fails loudly.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0 || !fs.existsSync(outFile)) {
    throw new Error(
      `vsce package in ${extensionDir} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
  return outFile;
}
