// What a user sees when a server misbehaves on purpose, inside the real VS Code against the sandbox:
// a sign-in redirected to another site fails clearly and the API key goes nowhere; a submission
// whose answer is lost in an error page, a PHP warning or a redirect is reported as "may or may not
// have been created", never as "nothing was recorded".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { api, workspaceDir } from './support/extension';
import { control, sandbox, waitFor } from './support/sandbox';
import { TOO_KEY, XRT_USER, setSetting, signInToo } from './support/setup';

interface ForeignLog {
  origin: string;
  requests: { method: string; path: string; cookie?: string; body: string }[];
}

const foreignLog = (): Promise<ForeignLog> => control<ForeignLog>('GET', '/foreign/requests');

function allFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('Hostile servers', function () {
  this.timeout(90_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
  });

  beforeEach(async () => {
    await sandbox.reset();
  });

  after(async () => {
    await sandbox.reset();
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
  });

  for (const status of [307, 308]) {
    it(`sign-in answered by a ${status} to another origin fails with a clear message; the other origin receives nothing`, async () => {
      await sandbox.fault({ prefix: '/api/v2/login', kind: 'redirect-foreign', status });
      const { origin } = await foreignLog();

      assert.equal(await signInToo(), 'failed');

      assert.equal(await swift.too.storedUsername(), undefined, 'nothing was stored');
      assert.deepEqual((await foreignLog()).requests, [], 'no request (no key, no cookie) reached the other origin');
      const logins = await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/login' });
      assert.deepEqual(
        logins.map((r) => r.status),
        [status],
        'one login POST, not repeated',
      );
      // The message the user was shown is also in the log.
      const line = new RegExp(
        `Sign-in to the Swift TOO API as astro failed: .*redirect \\(HTTP ${status}\\) to ${origin.replace(/[.]/g, '\\.')}/api/v2/login`,
      );
      const logText = await waitFor('the sign-in failure in the log file', 10_000, () => {
        const text = allFiles(swift.too.logFolder)
          .map((f) => fs.readFileSync(f, 'utf8'))
          .join('\n');
        return line.test(text) ? text : undefined;
      });
      assert.ok(!logText.includes(TOO_KEY), 'the API key reached the log');
    });
  }

  it('a sign-in redirected within the same origin is not re-posted either', async () => {
    await sandbox.fault({ prefix: '/api/v2/login', kind: 'redirect-same-origin', status: 307 });
    assert.equal(await signInToo(), 'failed');
    assert.equal((await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/login' })).length, 1);
    // Once the server stops redirecting, signing in works.
    assert.equal(await signInToo(), 'signed-in');
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
  });

  describe('an XRT submission whose answer is lost', () => {
    type Outcome = { kind: string; message?: string };

    before(async () => {
      await setSetting('xrt.userId', XRT_USER);
    });

    async function requestFile(name: string): Promise<vscode.Uri> {
      const file = path.join(workspaceDir(), 'hostile-tests', name);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(file, `${JSON.stringify(GRB_LIGHT_CURVE, null, 2)}\n`);
      return vscode.Uri.file(file);
    }

    for (const fault of [
      { kind: 'php-warning', what: 'a PHP warning before the JSON' },
      { kind: 'html-error', status: 502, what: 'a 502 page' },
      { kind: 'redirect-same-origin', status: 302, what: 'a 302 redirect' },
    ]) {
      it(`answered by ${fault.what}: "may or may not have been created"`, async () => {
        const uri = await requestFile(`${fault.kind}.xrt.json`);
        await sandbox.fault({
          prefix: '/user_objects/run_userobject.php',
          kind: fault.kind,
          ...(fault.status ? { status: fault.status } : {}),
        });
        const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
        assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
        assert.match(outcome.message ?? '', /may or may not have been created/);
        assert.doesNotMatch(outcome.message ?? '', /Nothing was recorded/);
        assert.equal((await sandbox.requests({ method: 'POST', pathPrefix: '/user_objects/run_userobject.php' })).length, 1, 'sent once');
        assert.equal(
          (await sandbox.requests({ method: 'GET', pathPrefix: '/user_objects/run_userobject.php' })).length,
          0,
          'the POST did not become a GET',
        );
      });
    }
  });
});
