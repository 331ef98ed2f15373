// `npm run test:integration:electron`: the same integration tests in desktop VS Code through the
// standard @vscode/test-electron. It downloads VS Code unless VSCODE_EXECUTABLE_PATH names a local
// one, so it needs internet or a local install (the offline runner, runOffline.ts, needs neither).
//
// Environment:
//   VSCODE_EXECUTABLE_PATH   a local VS Code executable; skips the download
//   VSCODE_VERSION           which VS Code to download (default: stable)
//   SWIFT_INTEGRATION_GREP   run only tests whose title matches
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../support/paths';
import { cleanupOnExit } from './processGroups';
import { REPORT_FILE_ENV } from './integrationEnv';
import { startTestSandbox, type TestSandbox } from './sandboxForTests';
import { TEST_PROFILE_SETTINGS, createRunDirs, removeRunDirs, writeUserSettings, writeWorkspaceSettings } from './testWorkspace';

async function main(): Promise<number> {
  const root = repoRoot();
  const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
  for (const built of [extensionTestsPath, path.join(root, 'dist', 'extension.js')]) {
    if (!fs.existsSync(built))
      throw new Error(`${path.relative(root, built)} is missing; build first (npm run test:integration:electron builds it)`);
  }
  const dirs = createRunDirs();
  const forgetDirs = cleanupOnExit(() => removeRunDirs(dirs));
  let sandbox: TestSandbox | undefined;
  try {
    sandbox = await startTestSandbox();
    writeWorkspaceSettings(dirs.workspace, sandbox.workspaceSettings);
    writeUserSettings(dirs.userDataDir, TEST_PROFILE_SETTINGS);
    const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || undefined;
    const exitCode = await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath,
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: process.env.VSCODE_VERSION || 'stable' }),
      launchArgs: [
        dirs.workspace,
        // Disables every installed extension except the one under development.
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        dirs.userDataDir,
        '--extensions-dir',
        dirs.extensionsDir,
      ],
      // Mocha's report reaches this console through test-electron; the file is written as well so the
      // test index behaves the same under both runners.
      extensionTestsEnv: { ...sandbox.env, [REPORT_FILE_ENV]: dirs.reportFile },
    });
    return exitCode;
  } finally {
    await sandbox?.stop();
    removeRunDirs(dirs);
    forgetDirs();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // runTests rejects with TestRunFailedError when the tests fail; its message carries the exit code.
    console.error(`[runner] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
