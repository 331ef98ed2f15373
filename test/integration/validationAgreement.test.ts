// Validation agrees with submission (issue 15, item 7), inside VS Code against the sandbox: whatever
// blocks a submission is an Error in the Problems panel on the key that causes it, with the precise
// reason — a missing conditional parameter on the key that makes it required, a service refusal that
// names no key on the key it is about — and a file with only warnings is sent.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { TooFileOutcome } from '../../src/too/submission/submitToo';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { sandbox, waitFor } from './support/sandbox';
import { api, workspaceDir } from './support/extension';
import { XRT_USER, freshXrtState, setSetting, signInToo } from './support/setup';

const OUR_SOURCES = new Set(['Swift XRT', 'Swift XRT service', 'Swift TOO request', 'Swift TOO service', 'Swift Observatory']);

type XrtOutcome = { kind: string; job?: { jobId: string }; message?: string; problems?: string[] };

async function writeRequest(name: string, body: Record<string, unknown>): Promise<vscode.Uri> {
  const file = path.join(workspaceDir(), 'validation-tests', name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return vscode.Uri.file(file);
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

const lineOf = (document: vscode.TextDocument, key: string): number =>
  document
    .getText()
    .split('\n')
    .findIndex((l) => l.includes(`"${key}"`));
const describeAll = (uri: vscode.Uri): string =>
  vscode.languages
    .getDiagnostics(uri)
    .map((d) => `[${d.source ?? '?'} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}-${d.range.end.line}] ${d.message}`)
    .join(' | ');

/** The errors of `source` on the line of `key`, once there are some. */
function errorsOnKey(
  uri: vscode.Uri,
  document: vscode.TextDocument,
  key: string,
  source: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(`an error from "${source}" on "${key}" (have: ${describeAll(uri)})`, timeoutMs, () => {
    const found = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === source && d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === lineOf(document, key));
    return found.length > 0 ? found : undefined;
  });
}

describe('Validation agrees with submission', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
  });

  beforeEach(async () => {
    await freshXrtState(swift);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a missing conditional parameter as an error on the key that makes it required, not over the whole file', async () => {
    // `dynamic` 2 also draws the JSON Schema's verdict, so we know the schema has spoken.
    const { wtcounts: _missing, ...request } = { ...GRB_LIGHT_CURVE, dynamic: 2 };
    const uri = await writeRequest('no-wtcounts.xrt.json', request);
    const document = await open(uri);

    const onBinMeth = await errorsOnKey(uri, document, 'binMeth', 'Swift XRT');
    assert.deepEqual(
      onBinMeth.map((d) => d.message),
      ['`wtcounts` is required because `binMeth` is "counts".'],
    );
    await errorsOnKey(uri, document, 'dynamic', 'Swift XRT');
    await waitFor(`the JSON Schema's warning on "dynamic" (have: ${describeAll(uri)})`, 20_000, () =>
      vscode.languages
        .getDiagnostics(uri)
        .some((d) => !OUR_SOURCES.has(d.source ?? '') && d.range.start.line === lineOf(document, 'dynamic'))
        ? true
        : undefined,
    );

    const all = vscode.languages.getDiagnostics(uri);
    assert.ok(!all.some((d) => /Missing property/.test(d.message)), `no generic "Missing property": ${describeAll(uri)}`);
    assert.ok(!all.some((d) => d.range.end.line - d.range.start.line > 1), `nothing underlines the whole file: ${describeAll(uri)}`);

    const outcome = await vscode.commands.executeCommand<XrtOutcome>('swiftObservatory.xrt.submit', uri);
    assert.equal(outcome.kind, 'invalid', JSON.stringify(outcome));
    // Exactly the errors the editor shows block the submission, no more.
    const ours = all.filter((d) => d.source === 'Swift XRT' && d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(outcome.problems?.length, ours.length, `${JSON.stringify(outcome.problems)} vs ${describeAll(uri)}`);
    assert.ok(outcome.problems?.some((p) => p.includes('`wtcounts` is required because `binMeth` is "counts".')));
    assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length, 0, 'nothing was sent');
  });

  it("shows the XRT service's refusal of an unknown target name as an error on name", async () => {
    const { RA: _ra, Dec: _dec, ...rest } = GRB_LIGHT_CURVE;
    const uri = await writeRequest('unknown-name.xrt.json', { ...rest, name: 'Nowhere X-1', getCoords: 1 });
    const document = await open(uri);
    const outcome = await vscode.commands.executeCommand<XrtOutcome>('swiftObservatory.xrt.submit', uri);
    assert.equal(outcome.kind, 'rejected', JSON.stringify(outcome));
    const onName = await errorsOnKey(uri, document, 'name', 'Swift XRT service', 5000);
    assert.match(onName[0]!.message, /resolve/i);
    const elsewhere = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'Swift XRT service' && d.range.start.line !== lineOf(document, 'name'));
    assert.deepEqual(
      elsewhere.map((d) => d.message),
      [],
      'the refusal is not (also) on the opening brace',
    );
    assert.equal(swift.xrt.registry.all().length, 0);
  });

  it('submits an XRT file whose only problems are warnings', async () => {
    // No useSXPS (the service assumes 0) and srcrad 40 (the service uses at most 30): warnings only.
    const { useSXPS: _useSXPS, ...rest } = GRB_LIGHT_CURVE;
    const uri = await writeRequest('warnings-only.xrt.json', { ...rest, srcrad: 40 });
    const document = await open(uri);
    await waitFor(`our warnings (have: ${describeAll(uri)})`, 20_000, () => {
      const warnings = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === 'Swift XRT' && d.severity === vscode.DiagnosticSeverity.Warning);
      return warnings.length >= 2 ? warnings : undefined;
    });
    assert.equal(lineOf(document, 'srcrad') >= 0, true);
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => d.message),
      [],
    );
    const outcome = await vscode.commands.executeCommand<XrtOutcome>('swiftObservatory.xrt.submit', uri);
    assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
  });

  describe('TOO requests', () => {
    before(async () => {
      await signInToo();
    });

    after(async () => {
      await vscode.commands.executeCommand('swiftObservatory.too.signOut');
    });

    async function tooRequest(name: string, overrides: Record<string, unknown>): Promise<vscode.Uri> {
      const sample = JSON.parse(await fs.readFile(path.join(workspaceDir(), 'samples', 'smc-x3.too.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      // Each file is a new request: the extension refuses to send one the service already received.
      return writeRequest(name, { ...sample, immediate_objective: `${String(sample.immediate_objective)} (${Date.now()})`, ...overrides });
    }

    it('shows a missing conditional field as an error on the key that makes it required, and refuses to send it', async () => {
      const uri = await tooRequest('tiling.too.json', { tiling: true });
      const document = await open(uri);
      const onTiling = await errorsOnKey(uri, document, 'tiling', 'Swift TOO request');
      assert.deepEqual(
        onTiling.map((d) => d.message),
        ['tiling_justification is required when tiling is true'],
      );
      assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => /Missing property/.test(d.message)), describeAll(uri));
      const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', uri, { confirm: true });
      assert.equal(outcome.kind, 'invalid', JSON.stringify(outcome));
    });

    it('shows a 422 refusal that names a field as an error on that field', async () => {
      // Our cadence grammar allows a remark after the cadence; the service's does not.
      const uri = await tooRequest('cadence.too.json', { monitoring_freq: '2 days, or as often as possible' });
      const document = await open(uri);
      const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', uri, { confirm: true });
      assert.equal(outcome.kind, 'rejected', JSON.stringify(outcome));
      const onField = await errorsOnKey(uri, document, 'monitoring_freq', 'Swift TOO service', 5000);
      assert.match(onField[0]!.message, /monitoring_freq/);
    });

    it('shows a 400 refusal that names no key on the key it is about', async () => {
      // The sandbox refuses urgency 0 without a GI program with the TOO API overview page's flat error.
      const uri = await tooRequest('urgency.too.json', { urgency: 0 });
      const document = await open(uri);
      const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', uri, { confirm: true });
      assert.equal(outcome.kind, 'rejected', JSON.stringify(outcome));
      const onUrgency = await errorsOnKey(uri, document, 'urgency', 'Swift TOO service', 5000);
      assert.match(onUrgency[0]!.message, /Urgency 0 requires a GI program/);
    });
  });
});
