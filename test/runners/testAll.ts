// `npm test`: type check, unit tests on Node, then integration tests inside a real VS Code (the offline
// code-server runner), once on each VS Code release the runner knows: the current one and the oldest
// the manifest's `engines.vscode` claims. Prints one closing line "N passed, N failed" that counts every
// mocha run, and exits non-zero if any step failed.
//
// Environment:
//   SWIFT_SKIP_INTEGRATION=1                   type check and unit tests only
//   SWIFT_TEST_VSCODE_VERSIONS=1.139[,1.90]    the VS Code releases to run the integration tests on (default: all)
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { CODE_SERVER_RELEASES, CODE_SERVER_VERSION_ENV, VSCODE_VERSION_ENV, selectedRelease, type CodeServerRelease } from './codeServer';

interface StepResult {
  readonly name: string;
  readonly code: number;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
}

const root = path.resolve(__dirname, '..', '..', '..');

function run(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<StepResult> {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString('utf8');
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', (code, signal) => {
      const count = (word: string): number =>
        [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
      console.log(`=== ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
      resolve({ name, code: code ?? (signal ? 1 : 0), passed: count('passing'), failed: count('failing'), pending: count('pending') });
    });
    child.on('error', (error) => {
      console.error(`${name}: could not start ${command}: ${error.message}`);
      resolve({ name, code: 1, passed: 0, failed: 0, pending: 0 });
    });
  });
}

/** The releases named by SWIFT_TEST_VSCODE_VERSIONS (VS Code `1.90` or code-server `4.90.3`), or all. */
function integrationReleases(): CodeServerRelease[] {
  const raw = process.env.SWIFT_TEST_VSCODE_VERSIONS?.trim();
  if (!raw) return [...CODE_SERVER_RELEASES];
  return raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => (/^4\./.test(v) ? selectedRelease({ [CODE_SERVER_VERSION_ENV]: v }) : selectedRelease({ [VSCODE_VERSION_ENV]: v })));
}

async function main(): Promise<void> {
  const node = process.execPath;
  const bin = (pkg: string, file: string): string => path.join(root, 'node_modules', pkg, file);
  const steps: StepResult[] = [];
  // package.json's `check`: the type check of each compilation unit (src/, src/shared/, media/src/, test/) with its
  // own tsconfig, ESLint (type-aware rules, import cycles, the layer rules) and Prettier's format check.
  steps.push(await run('check (type check, lint, format)', 'npm', ['run', '--silent', 'check']));
  steps.push(await run('unit tests', node, [bin('mocha', 'bin/mocha.js'), '--config', 'test/.mocharc.unit.json']));
  if (process.env.SWIFT_SKIP_INTEGRATION === '1') {
    console.log('\nIntegration tests skipped (SWIFT_SKIP_INTEGRATION=1).');
  } else {
    for (const release of integrationReleases()) {
      const env: NodeJS.ProcessEnv = { ...process.env, [VSCODE_VERSION_ENV]: release.vscodeVersion };
      delete env[CODE_SERVER_VERSION_ENV];
      const name = `integration tests (VS Code ${release.vscodeVersion}, code-server ${release.codeServerVersion})`;
      steps.push(await run(name, node, [path.join(root, 'out/test/runners/runOffline.js')], env));
    }
  }

  console.log('\n=== Summary');
  for (const s of steps) {
    const counts = s.passed + s.failed + s.pending > 0 ? ` (${s.passed} passed, ${s.failed} failed, ${s.pending} pending)` : '';
    console.log(`${s.code === 0 ? 'ok  ' : 'FAIL'} ${s.name}${counts}`);
  }
  const passed = steps.reduce((n, s) => n + s.passed, 0);
  // A step that failed without a mocha count (type errors, a runner that never reported) still counts as a failure.
  const failed = steps.reduce((n, s) => n + (s.failed > 0 ? s.failed : s.code === 0 ? 0 : 1), 0);
  const pending = steps.reduce((n, s) => n + s.pending, 0);
  console.log(`${passed} passed, ${failed} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
  process.exit(steps.every((s) => s.code === 0) ? 0 : 1);
}

void main();
