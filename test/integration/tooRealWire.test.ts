// The TOO side inside VS Code against the sandbox's real-wire default and each variant it offers for
// what the protocol reference calls unknown (test/sandbox/too/README.md): sign in → list → validate →
// submit must work in every one of them, reading one TOO only through the documented list endpoint
// and never letting the undocumented upload switch stop a submission.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { requestScreenshot } from '../runners/screenshotRequests';
import type { ExtensionInternals } from '../../src/testHooks';
import type { TooFileOutcome } from '../../src/too/submission/submitToo';
import { api as extensionApi } from './support/extension';
import { control, sandbox, waitFor, type LoggedRequest } from './support/sandbox';
import { signInToo, tooStatusBarShows } from './support/setup';

/** The seeded TOOs submitted in this range (test/sandbox/too/README.md). */
const SEEDED_RANGE = { begin: '2022-01-01', end: '2022-01-11' };
const SEEDED_IDS = [16820, 16821, 16832];

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need the test workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

let fileCounter = 0;
/** A new `*.too.json` from the SMC X-3 sample, its text made unique so it is a new request. */
async function requestFile(label: string): Promise<vscode.Uri> {
  const sample = JSON.parse(fs.readFileSync(workspaceUri('samples/smc-x3.too.json').fsPath, 'utf8')) as Record<string, unknown>;
  fileCounter += 1;
  const stamp = `${Date.now()}-${fileCounter}`;
  const uri = workspaceUri(`samples/it-wire-${stamp}.too.json`);
  const body = { ...sample, immediate_objective: `${String(sample.immediate_objective)} (${label} ${stamp})` };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`));
  return uri;
}

const tooRequests = async (): Promise<LoggedRequest[]> => sandbox.requests({ pathPrefix: '/api/v2/swift/too' });

const SCENARIOS: { name: string; variants: Record<string, boolean | string> }[] = [
  { name: 'the real-wire default', variants: {} },
  { name: 'a login answered 200 with an empty body', variants: { 'too-login-body': 'empty' } },
  { name: 'a login answered 204', variants: { 'too-login-body': 'no-content' } },
  { name: 'a login answered with plain text', variants: { 'too-login-body': 'text' } },
  { name: 'the session cookie set for Path=/api/v2/', variants: { 'too-cookie-path-api': true } },
  { name: 'too_upload_enabled answering 404', variants: { 'too-upload-switch': '404' } },
  { name: 'too_upload_enabled answering an unexpected shape', variants: { 'too-upload-switch': 'odd' } },
  { name: '/swift/too/{id} answering 404', variants: { 'too-by-id-404': true } },
  { name: 'replies with 0/1 booleans, numeric text and integer obs_id', variants: { 'too-lax-types': true } },
  { name: 'datetimes with Z and +02:00 offsets', variants: { 'too-datetime-offsets': true } },
];

describe('Swift TOO on the real wire and its unknowns', function () {
  this.timeout(90_000);
  let api: ExtensionInternals;

  const signOut = () => vscode.commands.executeCommand('swiftObservatory.too.signOut');
  const validate = (uri: vscode.Uri) => vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.validate', uri);
  const submit = (uri: vscode.Uri) => vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', uri, { confirm: true });

  before(async () => {
    api = await extensionApi();
    await signOut();
    await vscode.commands.executeCommand('swiftObservatory.too.setDateRange', SEEDED_RANGE);
  });

  after(async () => {
    await sandbox.reset();
    await signOut();
  });

  for (const scenario of SCENARIOS) {
    it(`sign in → list → validate → submit with ${scenario.name}`, async () => {
      await sandbox.reset();
      await sandbox.variants(scenario.variants);
      await signOut();

      assert.equal(await signInToo(), 'signed-in');
      await tooStatusBarShows(api, /TOO: astro/, 'the status bar to show the user');

      await api.too.refresh();
      const listed = api.too.listedTooIds();
      for (const id of SEEDED_IDS) assert.ok(listed.includes(id), `TOO ${id} listed (got ${listed.join(', ')})`);

      const uri = await requestFile(scenario.name);
      const checked = await validate(uri);
      assert.equal(checked.kind, 'validated', JSON.stringify(checked));

      const postsBefore = (await tooRequests()).filter((r) => r.method === 'POST').length;
      const outcome = await submit(uri);
      assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
      const tooId = outcome.kind === 'submitted' ? outcome.tooId : -1;
      assert.ok(api.too.submittedTooIds().includes(tooId), 'recorded as received');
      assert.equal((await tooRequests()).filter((r) => r.method === 'POST').length, postsBefore + 1, 'sent exactly once');

      // Outside the listed range: read on its own, through the list endpoint.
      await api.too.refresh();
      assert.ok(api.too.listedTooIds().includes(tooId), `TOO ${tooId} in the view`);
      const byPath = (await tooRequests()).filter((r) => /^\/api\/v2\/swift\/too\/\d+/.test(r.path));
      assert.deepEqual(byPath, [], 'GET /swift/too/{id} is never used');

      const switchChecks = await sandbox.requests({ pathPrefix: '/api/v2/swift/too_upload_enabled' });
      assert.equal(switchChecks.length, 1, 'the upload switch is asked once, as an advisory');
      if (scenario.variants['too-upload-switch'] === '404') assert.equal(switchChecks[0].status, 404);
    });
  }

  it('a closed upload does not stop the submission: the service itself refuses it, once', async () => {
    await sandbox.reset();
    await signOut();
    assert.equal(await signInToo(), 'signed-in');
    await control('POST', '/too/upload-enabled', { enabled: false });
    const uri = await requestFile('closed upload');
    const postsBefore = (await tooRequests()).filter((r) => r.method === 'POST').length;
    const outcome = await submit(uri);
    assert.equal(outcome.kind, 'rejected', JSON.stringify(outcome));
    assert.match(outcome.kind === 'rejected' ? outcome.message : '', /disabled/);
    assert.equal((await tooRequests()).filter((r) => r.method === 'POST').length, postsBefore + 1);
  });

  it('a 2xx without a too_id is "may or may not have been received", never accepted', async () => {
    await sandbox.reset();
    await sandbox.variants({ 'too-submit-without-id': true });
    await signOut();
    assert.equal(await signInToo(), 'signed-in');
    const uri = await requestFile('no id');
    const recorded = api.too.submittedTooIds().length;
    const outcome = await submit(uri);
    assert.equal(outcome.kind, 'uncertain', JSON.stringify(outcome));
    assert.match(outcome.kind === 'uncertain' ? outcome.message : '', /may or may not have been received.*TOO Requests view/);
    assert.equal(api.too.submittedTooIds().length, recorded, "nothing recorded without the service's evidence");
  });

  it('shows the private details of a request submitted from here, which the public list leaves out', async () => {
    await sandbox.reset();
    await signOut();
    assert.equal(await signInToo(), 'signed-in');
    const uri = await requestFile('details');
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown>;
    const gi = {
      proposal: true,
      proposal_id: 'GI-2026-4711',
      proposal_pi: 'A. Astro',
      proposal_trigger_just: 'The outburst trigger criterion is met.',
    };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ ...file, ...gi }, null, 2)));
    const outcome = await submit(uri);
    assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
    const tooId = outcome.kind === 'submitted' ? outcome.tooId : -1;
    const today = new Date().toISOString().slice(0, 10);
    await vscode.commands.executeCommand('swiftObservatory.too.setDateRange', { begin: today, end: today });
    try {
      await api.too.refresh();
      assert.ok(api.too.listedTooIds().includes(tooId));
      const lists = (await sandbox.requests({ method: 'GET', pathPrefix: '/api/v2/swift/too' })).filter(
        (r) => r.path === '/api/v2/swift/too',
      );
      assert.ok(lists.length > 0);
      await vscode.commands.executeCommand('swiftObservatory.too.showDetail', { kind: 'too', tooId });
      const shown = await waitFor('the TOO details document', 10_000, () => {
        const doc = vscode.window.activeTextEditor?.document;
        return doc?.uri.scheme === 'swift-too' ? doc.getText() : undefined;
      });
      assert.match(shown, /GI-2026-4711/, 'the submitter sees the private fields');
      assert.match(shown, /^# .* — TOO \d+\n[\s\S]*\n## Request\n/, 'a readable, labelled summary');
      await requestScreenshot('too-detail');
      await vscode.commands.executeCommand('swiftObservatory.too.showRawDetail');
      const raw = await waitFor('the raw TOO record', 10_000, () => {
        const doc = vscode.window.activeTextEditor?.document;
        return doc?.uri.scheme === 'swift-too' && doc.languageId === 'json' ? doc.getText() : undefined;
      });
      assert.equal((JSON.parse(raw) as { too_id?: number }).too_id, tooId, 'the record as the service sent it, one click away');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.commands.executeCommand('swiftObservatory.too.setDateRange', SEEDED_RANGE);
    }
  });

  it('refuses to send a request the service already received', async () => {
    await sandbox.reset();
    await signOut();
    assert.equal(await signInToo(), 'signed-in');
    const uri = await requestFile('twice');
    const first = await submit(uri);
    assert.equal(first.kind, 'submitted', JSON.stringify(first));
    const postsBefore = (await tooRequests()).filter((r) => r.method === 'POST').length;
    const second = await submit(uri);
    assert.deepEqual(second, { kind: 'duplicate', tooId: first.kind === 'submitted' ? first.tooId : -1 });
    assert.equal((await tooRequests()).filter((r) => r.method === 'POST').length, postsBefore, 'nothing sent the second time');
  });
});
