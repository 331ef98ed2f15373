// Opens code-server's workbench in the system Chromium, driven by playwright-core (which downloads no
// browser), with the test payload that makes the workbench load our extension and run the tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { stopProcessGroup, trackProcessGroup } from './processGroups';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface WorkbenchOptions {
  /** code-server's origin, e.g. http://127.0.0.1:4711 */
  readonly serverUrl: string;
  readonly workspace: string;
  /** The extension to load in development mode; omit to open the workbench with installed extensions only. */
  readonly extensionDevelopmentPath?: string;
  /** The compiled test index (a module exporting run()); omit to open the workbench without tests. */
  readonly extensionTestsPath?: string;
  readonly executablePath?: string;
  readonly headless?: boolean;
  /** Forward the workbench's console errors and page errors to this process's stderr. */
  readonly verbose?: boolean;
  readonly viewport?: { width: number; height: number };
}

export interface Workbench {
  readonly page: Page;
  readonly pid: number;
  /** Resolves with the exit code the workbench reports through `codeAutomationExit` when run() settles. */
  readonly exitCode: Promise<number>;
  /** Saves a PNG of the whole window as `<dir>/<name>.png` and returns its path. */
  screenshot(dir: string, name: string): Promise<string>;
  close(): Promise<void>;
}

/** `vscode-remote://` is how the web workbench names a path on the code-server machine. */
function remoteUri(serverUrl: string, absolutePath: string): string {
  const host = new URL(serverUrl).host;
  return `vscode-remote://${host}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

export function workbenchUrl(options: WorkbenchOptions): string {
  const url = new URL(options.serverUrl);
  url.pathname = '/';
  url.searchParams.set('folder', options.workspace);
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath)
    payload.push(['extensionDevelopmentPath', remoteUri(options.serverUrl, options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(options.serverUrl, options.extensionTestsPath)]);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const executablePath = options.executablePath ?? process.env.SWIFT_CHROMIUM ?? DEFAULT_CHROMIUM;
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (install the "chromium" package or set SWIFT_CHROMIUM)`);
  }
  // launchServer rather than launch: it exposes the browser's process, so it can be stopped by pid.
  const server: BrowserServer = await chromium.launchServer({
    executablePath,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const browserProcess = server.process();
  // Playwright starts Chromium as a process-group leader; registering it stops it even on a crash.
  const pid = trackProcessGroup(browserProcess, 'chromium');
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch((error: unknown) => console.error(`[browser] close: ${(error as Error).message}`));
    await server.close().catch((error: unknown) => console.error(`[browser] server close: ${(error as Error).message}`));
    await stopProcessGroup(browserProcess, 2000);
  };
  try {
    browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1600, height: 1000 } });
    if (options.verbose) forwardConsole(page);

    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      reportExit(typeof code === 'number' ? code : 1);
    });
    await page.goto(workbenchUrl(options), { waitUntil: 'domcontentloaded' });

    return {
      page,
      pid,
      exitCode,
      screenshot: async (dir, name) => {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function forwardConsole(page: Page): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.error(`[workbench ${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`[workbench pageerror] ${error.message}`));
}
