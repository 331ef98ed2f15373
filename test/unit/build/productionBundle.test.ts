// The shipped build carries no test hook: the internals the integration tests reach (src/testHooks.ts)
// would let any other extension in the same host use the TOO client and test guesses of the API key.
// Builds with the repository's own esbuild.js, into a scratch folder, so dist/ is left as it is.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

/** The key under which a test build publishes its internals (src/testHooks.ts). */
const HOOK_MARKER = 'swiftObservatory.integrationTestHooks';

describe('production bundle', function () {
  this.timeout(120_000);
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'swift-bundle-'));
    const root = repoRoot();
    // esbuild.js builds below its own folder: a copy of it beside links to the sources builds there.
    copyFileSync(join(root, 'esbuild.js'), join(scratch, 'esbuild.js'));
    copyFileSync(join(root, 'package.json'), join(scratch, 'package.json'));
    for (const dir of ['src', 'media', 'node_modules']) symlinkSync(join(root, dir), join(scratch, dir), 'dir');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const build = (...args: string[]): string => {
    execFileSync(process.execPath, [join(scratch, 'esbuild.js'), ...args], { cwd: scratch, stdio: 'pipe' });
    return readFileSync(join(scratch, 'dist', 'extension.js'), 'utf8');
  };

  it('a development build publishes the test hooks (so the check below looks for the right thing)', () => {
    assert.ok(build().includes(HOOK_MARKER));
  });

  it('node esbuild.js --production ships no test hook', () => {
    const bundle = build('--production');
    assert.ok(!bundle.includes(HOOK_MARKER), 'the production bundle still contains the test hooks');
    assert.ok(!bundle.includes('__TEST_HOOKS__'), 'the build-time constant was not replaced');
    // Arguments that skip a person's decision (credentials for Sign In, a TOO confirmation given in
    // advance) are honoured only where test hooks are on and VS Code runs a test; in the shipped build
    // that whole condition folds to false, so no code there even reads the extension mode.
    assert.ok(!bundle.includes('extensionMode'), 'the production bundle still decides on the extension mode');
    // The extension itself is there: the check is not passing on an empty file.
    assert.ok(bundle.includes('swiftObservatory.xrt.submit'));
  });
});
