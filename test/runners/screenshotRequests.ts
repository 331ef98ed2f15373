// A test running inside VS Code cannot reach the browser that shows the workbench, but it shares the
// file system with the runner. So a test asks for a screenshot by writing `<name>.request` into a
// folder the runner watches; the runner saves the picture, then writes `<name>.done` holding its path
// (or `<name>.failed` holding the reason). Both sides live here so the naming cannot drift.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Environment variable naming the watched folder; set by the offline runner only. */
export const SCREENSHOT_REQUESTS_ENV = 'SWIFT_SCREENSHOT_REQUESTS';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function checkName(name: string): void {
  if (!SAFE_NAME.test(name)) throw new Error(`Screenshot name "${name}" must be letters, digits, '.', '_' or '-' (at most 100)`);
}

/**
 * Test side: asks the runner for a screenshot of the whole workbench now and resolves with the PNG's
 * path, or with undefined when no runner is watching (the @vscode/test-electron runner has no browser).
 */
export async function requestScreenshot(name: string, timeoutMs = 15000): Promise<string | undefined> {
  checkName(name);
  const dir = process.env[SCREENSHOT_REQUESTS_ENV];
  if (!dir) return undefined;
  const base = path.join(dir, name);
  for (const stale of ['.done', '.failed']) fs.rmSync(base + stale, { force: true });
  fs.writeFileSync(`${base}.request`, new Date().toISOString());
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(`${base}.done`)) return fs.readFileSync(`${base}.done`, 'utf8');
    if (fs.existsSync(`${base}.failed`)) throw new Error(`Screenshot "${name}" failed: ${fs.readFileSync(`${base}.failed`, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Screenshot "${name}" was not taken within ${timeoutMs} ms`);
}

/** Runner side: polls `dir` for requests and answers each with `take(name)` (the saved file's path). */
export function watchScreenshotRequests(dir: string, take: (name: string) => Promise<string>): { readonly stop: () => void } {
  fs.mkdirSync(dir, { recursive: true });
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void answerPending(dir, take).finally(() => (busy = false));
  }, 150);
  return { stop: () => clearInterval(timer) };
}

async function answerPending(dir: string, take: (name: string) => Promise<string>): Promise<void> {
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.request')) continue;
    const name = file.slice(0, -'.request'.length);
    const base = path.join(dir, name);
    fs.rmSync(`${base}.request`, { force: true });
    try {
      checkName(name);
      writeAtomically(`${base}.done`, await take(name));
    } catch (error) {
      // Reported to the waiting test, which fails with this reason.
      writeAtomically(`${base}.failed`, error instanceof Error ? error.message : String(error));
    }
  }
}

/** The test polls for the file's existence, so it must never see it half written. */
function writeAtomically(file: string, content: string): void {
  fs.writeFileSync(`${file}.tmp`, content);
  fs.renameSync(`${file}.tmp`, file);
}
