// `npm start`: starts the services sandbox, prepares a demo workspace configured for it, and opens VS
// Code with the extension loaded — the desktop `code` command where there is one (development mode),
// otherwise the real VS Code web workbench (code-server) on 127.0.0.1, whose URL is printed. There the
// extension is installed from a .vsix of this checkout, because the built web workbench loads a
// development extension only with the smoke-test driver, which hides every notification.
// SWIFT_VSCODE_VERSION=1.90 serves the oldest VS Code the manifest claims; SWIFT_START_PORT fixes the
// workbench's port (a free one otherwise). Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PORT, startSandbox, type Sandbox } from '../sandbox/server';
import { workbenchUrl } from './browser';
import { ensureCodeServer, installExtensions, startCodeServer, type RunningCodeServer } from './codeServer';
import { writeWorkspaceSettings } from './testWorkspace';
import { packageVsix } from './vsix';

const root = path.resolve(__dirname, '..', '..', '..');
const cache = path.join(root, '.vscode-test');

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative number`);
  return value;
}

/** Copies the demo files that are missing, so a user's edits to the demo survive the next `npm start`. */
function prepareWorkspace(sandbox: Sandbox): string {
  const workspace = path.join(cache, 'demo-workspace');
  fs.cpSync(path.join(root, 'test', 'fixtures', 'demo'), workspace, { recursive: true, force: false, errorOnExist: false });
  writeWorkspaceSettings(workspace, {
    'swiftObservatory.xrt.baseUrl': sandbox.xrtBaseUrl,
    'swiftObservatory.too.baseUrl': sandbox.tooBaseUrl,
    'swiftObservatory.xrt.rebinUrl': `${sandbox.origin}/API/main.php`,
    'swiftObservatory.xrt.userId': 'astro@example.org',
    'swiftObservatory.xrt.pollIntervalSeconds': 10,
    // The demo workspace lives inside this repository: without this, VS Code offers to open the repository.
    'git.openRepositoryInParentFolders': 'never',
  });
  return workspace;
}

function hasDesktopCode(): boolean {
  if (process.env.SWIFT_START_WEB === '1') return false;
  const probe = spawnSync('code', ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: envNumber('SWIFT_SANDBOX_PORT', DEFAULT_PORT),
    speed: envNumber('SWIFT_SANDBOX_SPEED', 1),
    productDurationMs: envNumber('SWIFT_SANDBOX_PRODUCT_SECONDS', 60) * 1000,
  });
  const workspace = prepareWorkspace(sandbox);
  console.log(`Sandbox: XRT ${sandbox.xrtBaseUrl}  TOO ${sandbox.tooBaseUrl}  (control: ${sandbox.origin}/__sandbox/)`);
  console.log('Accounts: XRT user ID astro@example.org; TOO user astro, API key sandbox-key');
  console.log(`Demo workspace: ${workspace}`);

  let codeServer: RunningCodeServer | undefined;
  const stop = async (): Promise<void> => {
    await codeServer?.stop();
    await sandbox.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (hasDesktopCode()) {
    console.log('Opening desktop VS Code with the extension loaded (development mode)…');
    spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  } else {
    console.log('No desktop `code` command: serving the VS Code web workbench (code-server) on 127.0.0.1…');
    const install = await ensureCodeServer();
    const userDataDir = path.join(cache, 'start-user-data');
    const extensionsDir = path.join(cache, 'start-extensions');
    const vsix = packageVsix(root, path.join(cache, 'swift-observatory-start.vsix'));
    await installExtensions(install, [vsix], extensionsDir, userDataDir);
    console.log(`Installed this checkout's build (${path.relative(root, vsix)}) into the workbench profile.`);
    codeServer = await startCodeServer({
      install,
      // The ordinary workbench, with its notifications; the test driver would hide them all.
      smokeTestDriver: false,
      workspace,
      userDataDir,
      extensionsDir,
      port: process.env.SWIFT_START_PORT ? envNumber('SWIFT_START_PORT', 0) : undefined,
      settings: {
        'workbench.startupEditor': 'readme',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        // The workbench's AI chat has nothing to do with the demo; keep the window about the extension.
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // The demo workspace lives inside this repository; VS Code would offer to open the repository.
        'git.openRepositoryInParentFolders': 'never',
      },
    });
    const url = workbenchUrl({ serverUrl: codeServer.url, workspace });
    console.log(`\nVS Code ${install.release.vscodeVersion} (code-server ${install.version}). Open this address in a browser:`);
    console.log(`\n  ${url}\n`);
    console.log('After changing the code: press Ctrl+C and run `npm start` again (it rebuilds the extension and');
    console.log('reinstalls it), then reload the browser tab.');
  }
  console.log('Press Ctrl+C to stop the sandbox' + (codeServer ? ' and the workbench.' : '.'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
