// `npm run bench:activation`: what opening a folder with a request file costs, measured in the real
// workbench (code-server in Chromium) beside a hello-world extension activated by the same event.
//
// The production bundle is packed as a .vsix, as is a hello-world extension with the same
// `workspaceContains:**/*.xrt.json` activation event; both are installed with code-server's CLI into a
// fresh profile (installing, not extensionDevelopmentPath: with several development paths the workbench
// keeps only the last). Each session is a fresh code-server, user-data folder and browser page on a
// workspace holding one *.xrt.json. The times are VS Code's own, from its "Startup Performance" view
// (Developer: Startup Performance), which a third, tiny extension reads once both have activated and
// writes to a file, since nothing else exposes it. Two readings of the same session are printed:
// - "activation stats": the view's table "Extension Activation Stats" (load code + call activate +
//   finish activate), the figures the Running Extensions view shows. Its load time starts before an
//   `await` in the extension host, so when both extensions load together, the one that starts first
//   also counts the other's synchronous `require` (a hello world then shows the cost of our bundle).
// - "extension host marks": the extension host's performance marks around the `require` of the main
//   file alone (will/didLoadExtensionCode) and around `activate()` until it resolves
//   (will/didActivateExtension); these do not overlap in the load part.
//
// Environment:
//   SWIFT_BENCH_SESSIONS=5              cold sessions per VS Code version, and as many warm ones (at least 5
//                                       for the figures)
//   SWIFT_BENCH_VSCODE_VERSIONS=1.139,1.90   the VS Code releases to measure (default: all the runner knows)
//   SWIFT_BENCH_KEEP=1                  keep the temporary folder (vsix files, profiles, the perf view texts)
//   SWIFT_BENCH_EXTENSION_ROOT=<dir>    measure the production build of another checkout (e.g. an older
//                                       commit, to compare first use before and after a change)
//
// First use: once the activation figures are read, the reader runs one of our commands that needs the
// features (XRT Jobs: Refresh, which with no jobs sends nothing) twice and reports both times. Since the
// features load on first use (src/startup/lazyRuntime.ts), the first run includes loading dist/runtime.js;
// the second is the command alone. A profile's first window compiles dist/runtime.js and keeps V8's code
// cache of it in the extension's storage (src/startup/cachedRequire.ts); later windows load it from there.
// So each version runs its fresh sessions twice: "cold" ones, each waiting until the cache is kept, then as
// many "warm" ones whose new profile holds the cache the last cold session kept. The log of each session
// says which it was ("code cache none yet" or "used"), and the bench checks that.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { openWorkbench, type Workbench } from '../runners/browser';
import {
  CODE_SERVER_RELEASES,
  CODE_SERVER_VERSION_ENV,
  VSCODE_VERSION_ENV,
  ensureCodeServer,
  installExtensions,
  selectedRelease,
  startCodeServer,
  type CodeServerInstall,
  type CodeServerRelease,
  type RunningCodeServer,
} from '../runners/codeServer';
import { cleanupOnExit } from '../runners/processGroups';
import { TEST_PROFILE_SETTINGS } from '../runners/testWorkspace';
import { packageVsix } from '../runners/vsix';

const OUR_ID = 'swift-observatory.swift-observatory';
const HELLO_ID = 'activation-bench.hello-world';
const REPORT_ENV = 'SWIFT_BENCH_ACTIVATION_FILE';
const SESSION_TIMEOUT_MS = 180_000;
/** The command whose first run is timed: needs the features, sends nothing without jobs. */
const FIRST_USE_COMMAND = 'swiftObservatory.xrt.refresh';

interface ActivationTimes {
  readonly loadCodeMs: number;
  readonly callActivateMs: number;
  readonly finishActivateMs: number;
  readonly event: string;
}

/** From the extension host's performance marks: the main file's `require`, then `activate()` until it resolved. */
interface MarkedTimes {
  readonly requireMs: number;
  readonly activateMs: number;
}

/** The first and second run of {@link FIRST_USE_COMMAND}, in milliseconds, timed in the extension host. */
interface FirstUse {
  readonly firstMs: number;
  readonly againMs: number;
}

interface Session {
  readonly firstUse: FirstUse;
  /** How the runtime bundle was compiled, from our log: 'none yet' (no code cache), 'used', 'rejected'. */
  readonly codeCache: string;
  /** The code cache this session kept (cold sessions), for the warm ones. */
  readonly keptCache?: string;
  readonly ours: ActivationTimes;
  readonly hello: ActivationTimes;
  readonly oursMarks: MarkedTimes;
  readonly helloMarks: MarkedTimes;
}

function log(message: string): void {
  console.log(`[bench:activation] ${message}`);
}

function total(t: ActivationTimes): number {
  return t.loadCodeMs + t.callActivateMs + t.finishActivateMs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sessionsWanted(): number {
  const raw = process.env.SWIFT_BENCH_SESSIONS;
  const n = raw === undefined || raw === '' ? 5 : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SWIFT_BENCH_SESSIONS=${raw} is not a positive whole number`);
  return n;
}

function releasesWanted(): CodeServerRelease[] {
  const raw = process.env.SWIFT_BENCH_VSCODE_VERSIONS?.trim();
  if (!raw) return [...CODE_SERVER_RELEASES];
  return raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => (/^4\./.test(v) ? selectedRelease({ [CODE_SERVER_VERSION_ENV]: v }) : selectedRelease({ [VSCODE_VERSION_ENV]: v })));
}

/** A minimal extension in `dir`: its package.json fields merged over the common ones, and its main file. */
function writeExtension(dir: string, name: string, manifest: Record<string, unknown>, main: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name,
        publisher: 'activation-bench',
        version: '0.0.1',
        license: 'MIT',
        repository: { type: 'git', url: 'https://example.invalid/activation-bench.git' },
        engines: { vscode: '^1.90.0' },
        main: './extension.js',
        ...manifest,
      },
      null,
      2,
    )}\n`,
  );
  fs.writeFileSync(path.join(dir, 'extension.js'), main);
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${name}\n\nPart of the activation benchmark (test/bench/activationBench.ts).\n`);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
}

/** The trivial extension to compare with: activated on the same event, doing nothing. */
const HELLO_MAIN = `'use strict';
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
`;

/**
 * Waits until both measured extensions are active, then reads the workbench's Startup Performance view
 * (a text document of the scheme "perf", opened by its command) and writes its text to the file named by ${REPORT_ENV}.
 * The view's activation table is built when the document is first opened, hence the wait.
 */
const READER_MAIN = `'use strict';
const fs = require('fs');
const vscode = require('vscode');
const WATCHED = ${JSON.stringify([OUR_ID, HELLO_ID])};
function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
// Rows look like "| publisher.name   | true | 163 | 2 | 18 | event | by |", cells padded to the column width.
function hasRows(text) {
  const ids = text.split('\\n').map((line) => (line.split('|')[1] || '').trim().toLowerCase());
  return WATCHED.every((id) => ids.includes(id));
}
async function read() {
  const deadline = Date.now() + 150000;
  while (!WATCHED.every((id) => vscode.extensions.getExtension(id) && vscode.extensions.getExtension(id).isActive)) {
    if (Date.now() > deadline) throw new Error('not activated: ' + WATCHED.filter((id) => !(vscode.extensions.getExtension(id) || {}).isActive).join(', '));
    await sleep(100);
  }
  // The activation report reaches the window after isActive turns true here; give it a moment.
  await sleep(1500);
  // "Developer: Startup Performance" registers the view's document provider (a lazy contribution in 1.139).
  await vscode.commands.executeCommand('perfview.show');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }));
  while (!hasRows(doc.getText())) {
    if (Date.now() > deadline) throw new Error('the Startup Performance view never listed both extensions:\\n' + doc.getText());
    await sleep(200);
  }
  return doc.getText();
}
async function timeCommand() {
  const start = performance.now();
  await vscode.commands.executeCommand(${JSON.stringify(FIRST_USE_COMMAND)});
  return performance.now() - start;
}
exports.activate = function activate() {
  const file = process.env.${REPORT_ENV};
  if (!file) return;
  read().then(
    async (text) => {
      const firstMs = await timeCommand();
      const againMs = await timeCommand();
      fs.writeFileSync(file, JSON.stringify({ text, firstUse: { firstMs, againMs } }));
    },
    (error) => fs.writeFileSync(file, JSON.stringify({ error: String(error && error.stack || error) })),
  );
};
`;

/** The row of `id` in the view's "Extension Activation Stats" table (Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By). */
export function parseActivationRow(text: string, id: string): ActivationTimes {
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // A table row starts and ends with '|', so the split has empty first and last cells.
    if (cells.length < 9 || cells[1].toLowerCase() !== id.toLowerCase()) continue;
    const [loadCodeMs, callActivateMs, finishActivateMs] = [cells[3], cells[4], cells[5]].map(Number);
    if (![loadCodeMs, callActivateMs, finishActivateMs].every((n) => Number.isFinite(n) && n >= 0)) {
      throw new Error(`unexpected activation row for ${id}: ${line}`);
    }
    return { loadCodeMs, callActivateMs, finishActivateMs, event: cells[6] };
  }
  throw new Error(`no activation row for ${id} in the Startup Performance view`);
}

/** The section "Raw Perf Marks: remoteExtHost" of the view: tab-separated name, timestamp (ms), delta, total. */
export function parseExtensionHostMarks(text: string, id: string): MarkedTimes {
  const start = text.indexOf('## Raw Perf Marks: remoteExtHost');
  if (start < 0) throw new Error('the Startup Performance view has no marks of the remote extension host');
  const next = text.indexOf('\n## ', start + 1);
  const stamps = new Map<string, number>();
  for (const line of text.slice(start, next < 0 ? undefined : next).split('\n')) {
    const [name, timestamp] = line.split('\t');
    if (name && timestamp !== undefined && Number.isFinite(Number(timestamp))) stamps.set(name.toLowerCase(), Number(timestamp));
  }
  const span = (from: string, to: string): number => {
    const a = stamps.get(`code/exthost/${from}/${id}`.toLowerCase());
    const b = stamps.get(`code/exthost/${to}/${id}`.toLowerCase());
    if (a === undefined || b === undefined) throw new Error(`the extension host marks ${from}/${to} of ${id} are missing`);
    return b - a;
  };
  return {
    requireMs: span('willLoadExtensionCode', 'didLoadExtensionCode'),
    activateMs: span('willActivateExtension', 'didActivateExtension'),
  };
}

interface Report {
  readonly text: string;
  readonly firstUse: FirstUse;
}

async function waitForReport(file: string, workbench: Workbench, codeServer: RunningCodeServer): Promise<Report> {
  const deadline = Date.now() + SESSION_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { text?: string; firstUse?: FirstUse; error?: string };
      if (report.error !== undefined) throw new Error(`the reader extension failed: ${report.error}`);
      if (report.text !== undefined && report.firstUse !== undefined) return { text: report.text, firstUse: report.firstUse };
    }
    if (workbench.page.isClosed()) throw new Error('the workbench page closed');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `no activation report within ${SESSION_TIMEOUT_MS / 1000} s\n--- code-server output ---\n${codeServer.outputTail().slice(-4000)}`,
  );
}

/** Where VS Code keeps our extension's global storage in a profile. */
function ourStorage(userDataDir: string): string {
  return path.join(userDataDir, 'User', 'globalStorage', OUR_ID);
}

/** Files under `dir` (recursively) whose name passes `test`. */
function findFiles(dir: string, test: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => test(path.basename(name)))
    .map((name) => path.join(dir, name));
}

/** From our log: how the runtime bundle was compiled ("Loaded the features … code cache used; …"). */
function codeCacheOf(userDataDir: string): string {
  for (const file of findFiles(path.join(userDataDir, 'logs'), (name) => name === 'Swift Observatory.log')) {
    const found = /Loaded the features .* code cache ([\w ]+);/.exec(fs.readFileSync(file, 'utf8'));
    if (found) return found[1]!;
  }
  throw new Error(`no "Loaded the features" line in our log under ${userDataDir}`);
}

/** Waits (at most 20 s: the extension keeps it 5 s after loading) for the code cache in the profile. */
async function keptCodeCache(userDataDir: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [cache] = findFiles(ourStorage(userDataDir), (name) => name.endsWith('.jscache'));
    if (cache) return cache;
    if (Date.now() > deadline) throw new Error(`the extension kept no code cache in ${ourStorage(userDataDir)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `seedCache`: a code cache to put in the new profile first (a warm session); without it, a cold one. */
async function runSession(
  install: CodeServerInstall,
  extensionsDir: string,
  sessionDir: string,
  requestFile: string,
  seedCache?: string,
): Promise<Session> {
  const workspace = path.join(sessionDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.copyFileSync(requestFile, path.join(workspace, path.basename(requestFile)));
  const userDataDir = path.join(sessionDir, 'user-data');
  if (seedCache) {
    fs.mkdirSync(ourStorage(userDataDir), { recursive: true });
    fs.copyFileSync(seedCache, path.join(ourStorage(userDataDir), path.basename(seedCache)));
  }
  const reportFile = path.join(sessionDir, 'startup-performance.json');
  let codeServer: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  try {
    codeServer = await startCodeServer({
      workspace,
      userDataDir,
      extensionsDir,
      settings: TEST_PROFILE_SETTINGS,
      install,
      env: { [REPORT_ENV]: reportFile },
      // The ordinary workbench, as users have it; the test driver is not needed without a test payload.
      smokeTestDriver: false,
    });
    workbench = await openWorkbench({ serverUrl: codeServer.url, workspace, headless: process.env.SWIFT_HEADLESS !== '0' });
    const opened = workbench;
    const { text, firstUse } = await waitForReport(reportFile, opened, codeServer).catch(async (error: unknown) => {
      const shot = await opened.screenshot(sessionDir, 'failed-session');
      throw new Error(`${(error as Error).message}\n(screenshot of the workbench: ${shot})`);
    });
    fs.writeFileSync(path.join(sessionDir, 'startup-performance.md'), text);
    const keptCache = seedCache ? undefined : await keptCodeCache(userDataDir);
    const codeCache = codeCacheOf(userDataDir);
    const expected = seedCache ? 'used' : 'none yet';
    if (codeCache !== expected)
      throw new Error(`a ${seedCache ? 'warm' : 'cold'} session's code cache was "${codeCache}", not "${expected}"`);
    return {
      firstUse,
      codeCache,
      ...(keptCache ? { keptCache } : {}),
      ours: parseActivationRow(text, OUR_ID),
      hello: parseActivationRow(text, HELLO_ID),
      oursMarks: parseExtensionHostMarks(text, OUR_ID),
      helloMarks: parseExtensionHostMarks(text, HELLO_ID),
    };
  } finally {
    await workbench?.close();
    await codeServer?.stop();
  }
}

function fmt(ms: number): string {
  return Number.isInteger(ms) ? `${ms}` : ms.toFixed(1);
}

function describeTimes(t: ActivationTimes): string {
  return `${fmt(total(t))} ms (load ${t.loadCodeMs} + activate ${t.callActivateMs} + resolve ${t.finishActivateMs})`;
}

function markedTotal(t: MarkedTimes): number {
  return t.requireMs + t.activateMs;
}

function describeMarks(t: MarkedTimes): string {
  return `${fmt(markedTotal(t))} ms (require ${t.requireMs} + activate ${t.activateMs})`;
}

/** Ours over hello world; a hello world of 0 ms (the figures are whole milliseconds) counts as 1 ms. */
function ratio(ours: number, hello: number): number {
  return ours / Math.max(1, hello);
}

interface VersionResult {
  readonly release: CodeServerRelease;
  /** Cold sessions first, then as many warm ones. */
  readonly sessions: readonly Session[];
}

function summarize(result: VersionResult): string[] {
  const range = (v: readonly number[], unit: string, digits?: number): string => {
    const f = (n: number): string => (digits === undefined ? fmt(n) : n.toFixed(digits));
    return `median ${f(median(v))}${unit} (${f(Math.min(...v))}–${f(Math.max(...v))}${unit})`;
  };
  const reading = (label: string, ours: readonly number[], hello: readonly number[]): string[] => {
    // Per session, as the issue asks: both extensions activated by the same event in the same window.
    const ratios = ours.map((o, i) => ratio(o, hello[i]));
    return [
      `  ${label}:`,
      `    Swift Observatory: ${range(ours, ' ms')}`,
      `    hello world:       ${range(hello, ' ms')}`,
      `    ratio per session: ${range(ratios, '×', 1)}`,
    ];
  };
  return [
    `VS Code ${result.release.vscodeVersion} (code-server ${result.release.codeServerVersion}), ${result.sessions.length} fresh sessions (half of them with the code cache kept):`,
    ...reading(
      'activation stats (load code + call activate + finish activate)',
      result.sessions.map((s) => total(s.ours)),
      result.sessions.map((s) => total(s.hello)),
    ),
    ...reading(
      'extension host marks (require + activate until resolved)',
      result.sessions.map((s) => markedTotal(s.oursMarks)),
      result.sessions.map((s) => markedTotal(s.helloMarks)),
    ),
    ...(['none yet', 'used'] as const).flatMap((cache) => {
      const these = result.sessions.filter((s) => s.codeCache === cache);
      if (these.length === 0) return [];
      return [
        `  first use (${FIRST_USE_COMMAND}, timed in the extension host), ${cache === 'used' ? 'a later window (code cache kept)' : "a profile's first window (no code cache yet)"}, ${these.length} sessions:`,
        `    first run:  ${range(
          these.map((s) => s.firstUse.firstMs),
          ' ms',
          0,
        )}`,
        `    second run: ${range(
          these.map((s) => s.firstUse.againMs),
          ' ms',
          0,
        )}`,
      ];
    }),
  ];
}

async function main(): Promise<number> {
  const root = process.env.SWIFT_BENCH_EXTENSION_ROOT?.trim() || repoRoot();
  const bundle = path.join(root, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/extension.js is missing; npm run bench:activation builds it');
  const sessions = sessionsWanted();
  const releases = releasesWanted();

  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'swift-activation-bench-')));
  const forget = cleanupOnExit(() => {
    if (process.env.SWIFT_BENCH_KEEP !== '1') fs.rmSync(work, { recursive: true, force: true });
  });
  try {
    const runtimeBundle = path.join(root, 'dist', 'runtime.js');
    log(
      `production bundle: ${(fs.statSync(bundle).size / 1024).toFixed(0)} KiB (dist/extension.js)` +
        (fs.existsSync(runtimeBundle)
          ? `, loaded on first use: ${(fs.statSync(runtimeBundle).size / 1024).toFixed(0)} KiB (dist/runtime.js)`
          : ''),
    );
    const vsix = [packageVsix(root, path.join(work, 'swift-observatory.vsix'))];
    const helloDir = path.join(work, 'hello-world');
    writeExtension(
      helloDir,
      'hello-world',
      { displayName: 'Hello World (activation bench)', activationEvents: ['workspaceContains:**/*.xrt.json'] },
      HELLO_MAIN,
    );
    vsix.push(packageVsix(helloDir, path.join(work, 'hello-world.vsix')));
    const readerDir = path.join(work, 'activation-reader');
    writeExtension(
      readerDir,
      'activation-reader',
      { displayName: 'Activation reader (activation bench)', activationEvents: ['onStartupFinished'] },
      READER_MAIN,
    );
    vsix.push(packageVsix(readerDir, path.join(work, 'activation-reader.vsix')));
    log(`packaged ${vsix.map((f) => path.basename(f)).join(', ')}`);
    const requestFile = path.join(root, 'test', 'fixtures', 'workspace', 'samples', 'grb-lightcurve.xrt.json');

    const results: VersionResult[] = [];
    for (const release of releases) {
      const install = await ensureCodeServer(release);
      const versionDir = path.join(work, `vscode-${release.vscodeVersion}`);
      const extensionsDir = path.join(versionDir, 'extensions');
      await installExtensions(install, vsix, extensionsDir, path.join(versionDir, 'install-user-data'));
      const installed = fs.readdirSync(extensionsDir).filter((name) => !name.endsWith('.json'));
      log(`VS Code ${release.vscodeVersion}: installed ${installed.join(', ')}`);
      const done: Session[] = [];
      let seed: string | undefined;
      for (let i = 1; i <= 2 * sessions; i++) {
        const warm = i > sessions;
        const session = await runSession(
          install,
          extensionsDir,
          path.join(versionDir, `session-${i}`),
          requestFile,
          warm ? seed : undefined,
        );
        seed = session.keptCache ?? seed;
        done.push(session);
        log(
          `VS Code ${release.vscodeVersion} session ${i}/${2 * sessions} (${warm ? 'warm' : 'cold'}): first use ${session.firstUse.firstMs.toFixed(0)} ms, again ${session.firstUse.againMs.toFixed(0)} ms; ` +
            `activation stats: Swift Observatory ${describeTimes(session.ours)}, ` +
            `hello world ${describeTimes(session.hello)}, ratio ${ratio(total(session.ours), total(session.hello)).toFixed(1)}×; ` +
            `marks: Swift Observatory ${describeMarks(session.oursMarks)}, hello world ${describeMarks(session.helloMarks)}, ` +
            `ratio ${ratio(markedTotal(session.oursMarks), markedTotal(session.helloMarks)).toFixed(1)}×`,
        );
      }
      results.push({ release, sessions: done });
    }

    console.log(
      `\nActivation on workspaceContains, ${new Date().toISOString().slice(0, 10)}, ` +
        `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} ` +
        `(others' work on the machine lengthens the figures):`,
    );
    for (const result of results) for (const line of summarize(result)) console.log(line);
    if (process.env.SWIFT_BENCH_KEEP === '1') log(`kept ${work}`);
    return 0;
  } finally {
    if (process.env.SWIFT_BENCH_KEEP !== '1') fs.rmSync(work, { recursive: true, force: true });
    forget();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench:activation] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
