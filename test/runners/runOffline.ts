// `npm run test:integration`: the integration tests inside a real VS Code without internet —
// code-server (installed once into .vscode-test/) shown in the system Chromium, against the Swift
// services sandbox. Prints mocha's report and exits non-zero when a test fails, when the run does
// not finish in time, or when VS Code never reports an end.
//
// Environment:
//   SWIFT_VSCODE_VERSION=1.90                  the VS Code release to test in (1.139 by default; 1.90 is
//                                              the oldest the manifest claims), or name code-server's
//   SWIFT_CODE_SERVER_VERSION=4.90.3           version instead; each is installed once into .vscode-test/
//   SWIFT_INTEGRATION_TIMEOUT_MINUTES  overall limit of the test run (default 15)
//   SWIFT_INTEGRATION_GREP             run only tests whose title matches
//   SWIFT_SCREENSHOTS=<dir>            keep screenshots there, including one taken after the run
//   SWIFT_VERBOSE=1                    echo code-server's output and the workbench's console errors
//   SWIFT_HEADLESS=0                   show the browser window
//   SWIFT_KEEP_TEST_DIRS=1             keep the temporary workspace and profile
//   SWIFT_CHROMIUM=<path>              another Chromium than /usr/bin/chromium
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { DEFAULT_CHROMIUM, openWorkbench, type Workbench } from './browser';
import { ensureCodeServer, startCodeServer, type RunningCodeServer } from './codeServer';
import { REPORT_FILE_ENV } from './integrationEnv';
import { PrerequisiteError, chromium, requirePrerequisites } from './prerequisites';
import { cleanupOnExit } from './processGroups';
import { followReport } from './reportFollower';
import { startTestSandbox, type TestSandbox } from './sandboxForTests';
import { SCREENSHOT_REQUESTS_ENV, watchScreenshotRequests } from './screenshotRequests';
import { TEST_PROFILE_SETTINGS, createRunDirs, removeRunDirs, writeWorkspaceSettings } from './testWorkspace';

const verbose = process.env.SWIFT_VERBOSE === '1';

function timeoutMs(): number {
  const raw = process.env.SWIFT_INTEGRATION_TIMEOUT_MINUTES;
  if (raw === undefined || raw === '') return 15 * 60_000;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error(`SWIFT_INTEGRATION_TIMEOUT_MINUTES=${raw} is not a positive number of minutes`);
  return minutes * 60_000;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function requireBuilt(file: string): string {
  if (!fs.existsSync(file))
    throw new Error(`${path.relative(repoRoot(), file)} is missing; build first (npm run test:integration builds it)`);
  return file;
}

type Outcome = { kind: 'exit'; code: number } | { kind: 'failure'; reason: string };

/** The first of: the workbench's exit report, the time limit, code-server dying, the page crashing. */
function waitForOutcome(workbench: Workbench, codeServer: RunningCodeServer, limitMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () =>
        resolve({
          kind: 'failure',
          reason: `VS Code did not report the end of the test run within ${seconds(limitMs)} (codeAutomationExit never called)`,
        }),
      limitMs,
    );
    const settle = (outcome: Outcome): void => {
      clearTimeout(timer);
      clearInterval(serverWatch);
      resolve(outcome);
    };
    void workbench.exitCode.then((code) => settle({ kind: 'exit', code }));
    workbench.page.once('crash', () => settle({ kind: 'failure', reason: 'the workbench page crashed' }));
    workbench.page.once('close', () => settle({ kind: 'failure', reason: 'the workbench page closed before the tests ended' }));
    const serverWatch = setInterval(() => {
      try {
        process.kill(codeServer.pid, 0);
      } catch {
        // kill(pid, 0) throws only when the process is gone.
        settle({ kind: 'failure', reason: 'code-server exited before the tests ended' });
      }
    }, 1000);
  });
}

async function main(): Promise<number> {
  const root = repoRoot();
  const limitMs = timeoutMs();
  const extensionTestsPath = requireBuilt(path.join(root, 'out', 'test', 'integration', 'index.js'));
  requireBuilt(path.join(root, 'dist', 'extension.js'));
  const screenshotsDir = process.env.SWIFT_SCREENSHOTS ? path.resolve(process.env.SWIFT_SCREENSHOTS) : undefined;

  requirePrerequisites('Running the integration tests', [chromium(process.env.SWIFT_CHROMIUM ?? DEFAULT_CHROMIUM)]);
  const t0 = Date.now();
  const install = await ensureCodeServer();
  const tInstalled = Date.now();

  const dirs = createRunDirs();
  const forgetDirs = cleanupOnExit(() => removeRunDirs(dirs));
  let sandbox: TestSandbox | undefined;
  let codeServer: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  const report = followReport(dirs.reportFile);
  let stopScreenshots = (): void => undefined;
  try {
    sandbox = await startTestSandbox();
    writeWorkspaceSettings(dirs.workspace, sandbox.workspaceSettings);
    codeServer = await startCodeServer({
      workspace: dirs.workspace,
      userDataDir: dirs.userDataDir,
      extensionsDir: dirs.extensionsDir,
      settings: TEST_PROFILE_SETTINGS,
      install,
      verbose,
      env: { ...sandbox.env, [REPORT_FILE_ENV]: dirs.reportFile, [SCREENSHOT_REQUESTS_ENV]: dirs.screenshotRequestsDir },
    });
    console.log(
      `[runner] VS Code ${install.release.vscodeVersion} (code-server ${install.version}) at ${codeServer.url} (pid ${codeServer.pid})`,
    );
    workbench = await openWorkbench({
      serverUrl: codeServer.url,
      workspace: dirs.workspace,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      headless: process.env.SWIFT_HEADLESS !== '0',
      verbose,
    });
    const opened = workbench;
    console.log(`[runner] workbench open in Chromium (pid ${opened.pid}); running tests`);
    const tStarted = Date.now();

    // Requested screenshots outlive the run only when SWIFT_SCREENSHOTS names a folder for them.
    const requestedShotsDir = screenshotsDir ?? path.join(dirs.root, 'screenshots');
    stopScreenshots = watchScreenshotRequests(dirs.screenshotRequestsDir, (name) => opened.screenshot(requestedShotsDir, name)).stop;

    const outcome = await waitForOutcome(opened, codeServer, limitMs);
    const tRan = Date.now();
    report.stop();

    if (screenshotsDir) {
      const file = await opened.screenshot(screenshotsDir, 'after-run');
      console.log(`[runner] screenshot: ${file}`);
    }
    console.log(
      `[runner] timings: install ${seconds(tInstalled - t0)}, start ${seconds(tStarted - tInstalled)}, run ${seconds(tRan - tStarted)}`,
    );

    if (outcome.kind === 'failure') {
      console.error(`[runner] FAILED: ${outcome.reason}`);
      if (!verbose) console.error(`--- last output of code-server ---\n${codeServer.outputTail().slice(-5000)}`);
      return 1;
    }
    if (outcome.code !== 0) {
      console.error(`[runner] FAILED: the test run ended with exit code ${outcome.code}`);
      if (!fs.existsSync(dirs.reportFile)) {
        console.error(
          `No mocha report was written: run() failed before the tests started. --- code-server output ---\n${codeServer.outputTail().slice(-5000)}`,
        );
      }
      return outcome.code;
    }
    console.log('[runner] integration tests passed');
    return 0;
  } finally {
    stopScreenshots();
    report.stop();
    await workbench?.close();
    await codeServer?.stop();
    await sandbox?.stop();
    removeRunDirs(dirs);
    forgetDirs();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A missing prerequisite is the newcomer's case: the message says what to install; a stack would bury it.
    console.error(
      `[runner] ${error instanceof PrerequisiteError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
