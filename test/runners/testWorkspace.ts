// The folder VS Code opens during integration tests: a fresh copy of test/fixtures/workspace in a
// temporary directory (tests may create and change files there), with workspace settings that point
// the extension at the sandbox instead of the real services.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { seedStartupFixtures } from './startupFixtures';

export interface TestRunDirs {
  /** Everything of one run lives below this folder, removed by `removeRunDirs` unless kept. */
  readonly root: string;
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly reportFile: string;
  readonly screenshotRequestsDir: string;
}

export function createRunDirs(): TestRunDirs {
  // realpath: VS Code reports workspace paths resolved, and tests compare against them.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'swift-observatory-it-')));
  const dirs: TestRunDirs = {
    root,
    workspace: path.join(root, 'workspace'),
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    reportFile: path.join(root, 'mocha-report.txt'),
    screenshotRequestsDir: path.join(root, 'screenshot-requests'),
  };
  const fixture = path.join(repoRoot(), 'test', 'fixtures', 'workspace');
  if (fs.existsSync(fixture)) fs.cpSync(fixture, dirs.workspace, { recursive: true });
  else fs.mkdirSync(dirs.workspace, { recursive: true });
  fs.mkdirSync(dirs.userDataDir, { recursive: true });
  fs.mkdirSync(dirs.extensionsDir, { recursive: true });
  // A damaged job list for the start-up test (test/integration/registryAndPolling.test.ts).
  seedStartupFixtures(dirs.userDataDir);
  return dirs;
}

/** Merges `settings` into the workspace's `.vscode/settings.json`. */
export function writeWorkspaceSettings(workspace: string, settings: Record<string, unknown>): void {
  const file = path.join(workspace, '.vscode', 'settings.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...existing, ...settings }, null, 2)}\n`);
}

/** Writes the user settings of a test profile (replacing any there). */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

export function removeRunDirs(dirs: TestRunDirs): void {
  if (process.env.SWIFT_KEEP_TEST_DIRS === '1') {
    console.log(`[runner] kept ${dirs.root} (SWIFT_KEEP_TEST_DIRS=1)`);
    return;
  }
  fs.rmSync(dirs.root, { recursive: true, force: true });
}

/**
 * User settings of the test profile: nothing that opens editors, prompts or reaches the internet
 * on its own, so the tests see a quiet, predictable workbench.
 */
export const TEST_PROFILE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  // Screenshots show the editor and our views, not an empty chat side bar.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};
