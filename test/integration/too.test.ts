// The TOO side in a real VS Code against the sandbox: signing in (and what must never be stored or
// logged), the session lost and silently renewed once, wrong keys, anonymous queries, and request
// files validated and submitted — once, only after confirmation, with refusals on the file's keys.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { TooFileOutcome } from '../../src/too/submission/submitToo';
import { control, sandbox, waitFor } from './support/sandbox';
import { api as extensionInternals } from './support/extension';
import { TOO_KEY, signInToo, tooStatusBarShows } from './support/setup';

const WRONG_KEY = 'wrong-key-5c1d9e';

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need the test workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

let fileCounter = 0;
/** A fresh copy of the SMC X-3 sample, changed by `overrides`, as a new `*.too.json` file. */
async function requestFile(overrides: Record<string, unknown> = {}): Promise<vscode.Uri> {
  const sample = JSON.parse(fs.readFileSync(workspaceUri('samples/smc-x3.too.json').fsPath, 'utf8')) as Record<string, unknown>;
  fileCounter += 1;
  const stamp = `${Date.now()}-${fileCounter}`;
  const uri = workspaceUri(`samples/it-too-${stamp}.too.json`);
  // Each file is a new request: the extension refuses to send one the service already received.
  const unique = { immediate_objective: `${String(sample.immediate_objective)} (${stamp})` };
  await vscode.workspace.fs.writeFile(
    uri,
    new TextEncoder().encode(`${JSON.stringify({ ...sample, ...unique, ...overrides }, null, 2)}\n`),
  );
  return uri;
}

async function tooPosts(): Promise<number> {
  return (await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/swift/too' })).filter((r) => r.path === '/api/v2/swift/too').length;
}

async function logins(): Promise<number> {
  return (await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/login' })).length;
}

function allFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('Swift TOO in the editor', function () {
  this.timeout(60_000);
  let api: ExtensionInternals;

  const submit = (uri: vscode.Uri, confirm: boolean) =>
    vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', uri, { confirm });

  before(async () => {
    api = await extensionInternals();
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
  });

  after(async () => {
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
  });

  it('answers anonymous queries while signed out, with no login', async () => {
    assert.equal(await api.too.storedUsername(), undefined);
    await tooStatusBarShows(api, /signed out/, 'the signed-out status bar');
    const before = await logins();
    const vis = await api.too.client().visQuery({ ra: 83.633, dec: 22.014 });
    assert.ok(vis.windows.length > 0, 'visibility windows for the Crab');
    assert.equal(await logins(), before, 'an anonymous query must not log in');
  });

  it('refuses a wrong API key clearly and stores nothing', async () => {
    const outcome = await signInToo('astro', WRONG_KEY);
    assert.equal(outcome, 'failed');
    assert.equal(await api.too.storedUsername(), undefined);
    assert.equal(await api.too.hasStoredApiKey(WRONG_KEY), false);
    await assert.rejects(api.too.client().session(), /Not signed in/);
  });

  it('signs in: status bar, key only in SecretStorage, never in settings or logs', async () => {
    assert.equal(await signInToo(), 'signed-in');
    await tooStatusBarShows(api, /TOO: astro/, 'the status bar to show the user');
    assert.equal(await api.too.storedUsername(), 'astro');
    assert.equal(await api.too.hasStoredApiKey(TOO_KEY), true);
    assert.deepEqual(await api.too.client().session(), { username: 'astro' });

    const settingsText =
      JSON.stringify(vscode.workspace.getConfiguration('swiftObservatory')) + JSON.stringify(vscode.workspace.getConfiguration('http'));
    const workspaceSettings = workspaceUri('.vscode/settings.json').fsPath;
    const onDisk = fs.existsSync(workspaceSettings) ? fs.readFileSync(workspaceSettings, 'utf8') : '';
    for (const secret of [TOO_KEY, WRONG_KEY]) {
      assert.ok(!settingsText.includes(secret) && !onDisk.includes(secret), 'an API key reached the settings');
    }
    // The log channel writes to files in the extension's log folder, asynchronously.
    const logText = await waitFor('the sign-in line in the log file', 10_000, () => {
      const text = allFiles(api.too.logFolder)
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n');
      return /Signed in to the Swift TOO API as astro/.test(text) ? text : undefined;
    });
    assert.ok(!logText.includes(TOO_KEY) && !logText.includes(WRONG_KEY), 'an API key reached the log');
  });

  it('renews an expired session silently, once', async () => {
    await api.too.client().session();
    const before = await logins();
    await control('POST', '/too/expire-sessions');
    assert.deepEqual(await api.too.client().session(), { username: 'astro' });
    assert.equal(await logins(), before + 1);
  });

  it('submits after confirmation and shows the new TOO id in the view', async () => {
    const uri = await requestFile();
    const outcome = await submit(uri, true);
    assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
    const tooId = outcome.kind === 'submitted' ? outcome.tooId : null;
    assert.equal(typeof tooId, 'number');
    assert.ok(api.too.submittedTooIds().includes(tooId as number), 'recorded in the submitted list');
    await vscode.commands.executeCommand('swiftObservatory.tooRequests.focus');
    await waitFor(`TOO ${tooId} in the TOO Requests view`, 10_000, () =>
      api.too.listedTooIds().includes(tooId as number) ? true : undefined,
    );
    // With rows, the line above them says which submission dates are listed.
    assert.match(api.too.view.message ?? '', /^Submitted \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(UTC\)$/);
  });

  it('sends nothing when the confirmation is declined', async () => {
    const uri = await requestFile();
    const before = await tooPosts();
    const outcome = await submit(uri, false);
    assert.equal(outcome.kind, 'cancelled');
    assert.equal(await tooPosts(), before);
  });

  it('sends a double invocation once', async () => {
    const uri = await requestFile();
    const before = await tooPosts();
    const outcomes = await Promise.all([submit(uri, true), submit(uri, true)]);
    assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['busy', 'submitted']);
    assert.equal(await tooPosts(), before + 1);
  });

  it('shows a 422 refusal on the offending key', async () => {
    // Our grammar allows a remark after the cadence; the service's does not (422 on monitoring_freq).
    const uri = await requestFile({ monitoring_freq: '2 days, or as often as possible' });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.validate', uri);
    assert.equal(outcome.kind, 'rejected', JSON.stringify(outcome));
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('"monitoring_freq"'));
    const onKey = await waitFor('a service diagnostic on monitoring_freq', 5000, () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Swift TOO service' && d.range.start.line === line);
      return found.length > 0 ? found : undefined;
    });
    assert.match(onKey[0].message, /monitoring_freq/);
  });

  it('validates a good file without filing anything', async () => {
    const uri = await requestFile();
    const before = (await control<{ toos: unknown[] }>('GET', '/too/requests')).toos.length;
    const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.validate', uri);
    assert.equal(outcome.kind, 'validated', JSON.stringify(outcome));
    assert.equal((await control<{ toos: unknown[] }>('GET', '/too/requests')).toos.length, before);
  });

  it('signs out: the key is deleted and queries still work anonymously', async () => {
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
    assert.equal(await api.too.storedUsername(), undefined);
    assert.equal(await api.too.hasStoredApiKey(TOO_KEY), false);
    await tooStatusBarShows(api, /signed out/, 'the signed-out status bar');
    const crab = await api.too.client().resolve('Crab');
    assert.ok(typeof crab.ra === 'number');
  });
});
