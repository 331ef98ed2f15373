// The test entry point VS Code loads (`extensionTestsPath`): runs every integration test bundled next
// to this file with mocha (BDD) and rejects when one fails, which makes VS Code report a non-zero exit.
// The extension host's console is not the launcher's, so the report is also written to the file named
// by SWIFT_INTEGRATION_REPORT, which the offline runner prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { GREP_ENV, REPORT_FILE_ENV } from '../runners/integrationEnv';
import { countOutcome, takeReloadMarker } from './support/reload';

/** The test file that reloads the window: run last, since the run before the reload ends with it. */
const RELOAD_TEST_FILE = 'windowReload.test.js';

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  // The reload test last: nothing after it would run before the reload.
  return found.sort(
    (a, b) => Number(path.basename(a) === RELOAD_TEST_FILE) - Number(path.basename(b) === RELOAD_TEST_FILE) || a.localeCompare(b),
  );
}

/** Sends every line mocha's reporter prints to the console and, when asked, to the report file. */
function teeReporterOutput(reportFile: string | undefined): () => void {
  const base = Mocha.reporters.Base;
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    const line = format(...args);
    console.log(line);
    if (reportFile) fs.appendFileSync(reportFile, `${line}\n`);
  };
  return () => {
    base.consoleLog = original;
  };
}

class TestFailures extends Error {
  constructor(count: number) {
    super(`${count} integration test(s) failed`);
  }
}

export async function run(): Promise<void> {
  const reportFile = process.env[REPORT_FILE_ENV];
  // After a test reloaded the window, this run only goes on with that test, and its report follows the first's.
  const reloaded = takeReloadMarker();
  if (reportFile && !reloaded) fs.writeFileSync(reportFile, '');
  const grep = reloaded ? new RegExp(`^${reloaded.continuation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : process.env[GREP_ENV];
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // Colour codes would end up verbatim in the report file.
    color: false,
    timeout: 30_000,
    ...(grep ? { grep } : {}),
  });
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  const restore = teeReporterOutput(reportFile);
  try {
    const failures = await new Promise<number>((resolve, reject) => {
      try {
        const runner = mocha.run((count) => resolve(count + (reloaded?.failuresBefore ?? 0)));
        runner.on('fail', (test: Mocha.Test, error: unknown) => countOutcome('failures', { title: test.fullTitle(), error }));
        runner.on('pass', () => countOutcome('passes'));
        runner.on('pending', () => countOutcome('pending'));
      } catch (error) {
        // A test file that throws while loading never reaches the reporter; it must still reach the report.
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    if (failures > 0) throw new TestFailures(failures);
  } catch (error) {
    // Failed tests are already in the report; anything else (a test file that throws on load) is not.
    if (reportFile && !(error instanceof TestFailures)) {
      fs.appendFileSync(
        reportFile,
        `\nIntegration run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    throw error;
  } finally {
    restore();
  }
}
