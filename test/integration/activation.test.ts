// The extension as a user meets it in a real VS Code: it activates in a workspace with request files,
// everything its manifest promises (commands, views) is there, and the request-file schemas it
// contributes reach the editor as diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { extensionVersion } from '../../src/common/extensionManifest';
import { requestScreenshot } from '../runners/screenshotRequests';
import { testHooks } from './support/extension';

const EXTENSION_ID = 'swift-observatory.swift-observatory';

interface ManifestCommand {
  readonly command: string;
}

/** The part of package.json these tests read (VS Code hands the manifest over untyped). */
interface Manifest {
  readonly contributes?: { readonly commands?: readonly ManifestCommand[] };
}

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need the test workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Activation and contributions', function () {
  this.timeout(60_000);

  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in the test host`);
    extension = found;
    await extension.activate();
  });

  // First, before any test reaches the internals (which loads the features): what activation left lazy.
  it('loads its features on first use: a contributed command loads them and returns their result', async () => {
    const hooks = await testHooks();
    assert.equal(hooks.runtimeLoaded(), false, 'activation loaded the features (dist/runtime.js) instead of leaving them to first use');
    const settings = vscode.workspace.getConfiguration('swiftObservatory');
    await settings.update('xrt.userId', 'astro@example.org', vscode.ConfigurationTarget.Global);
    try {
      const started = performance.now();
      // A stand-in until now: it loads the runtime, which replaces it, and forwards the call.
      const count = await vscode.commands.executeCommand<unknown>('swiftObservatory.xrt.countActiveJobs');
      const tookMs = performance.now() - started;
      assert.equal(typeof count, 'number', "the stand-in returns the real command's result (the count of active jobs)");
      assert.equal(hooks.runtimeLoaded(), true);
      // A figure for the README, not a pass/fail budget (timings are never asserted).
      console.log(`      first command: ${tookMs.toFixed(0)} ms, of which loading the features ${hooks.runtimeLoadMs()?.toFixed(0)} ms`);
    } finally {
      await settings.update('xrt.userId', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('activates and reports its version', () => {
    assert.equal(extension.isActive, true);
    const api = extension.exports as { version?: unknown; activationMs?: number };
    assert.equal(api.version, extensionVersion(extension));
    // A figure for the README, not a pass/fail budget (timings are never asserted).
    assert.equal(typeof api.activationMs, 'number', 'the bundle reports its load and activation time');
    console.log(`      activation: ${api.activationMs?.toFixed(1)} ms (bundle load + activate)`);
  });

  it('registers every command the manifest contributes', async () => {
    const contributed = (extension.packageJSON as Manifest).contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('shows the XRT jobs and TOO requests views', async () => {
    // Each contributed view gets a `<id>.focus` command; it fails for a view that does not exist.
    await vscode.commands.executeCommand('swiftObservatory.xrtJobs.focus');
    await vscode.commands.executeCommand('swiftObservatory.tooRequests.focus');
  });

  it('can be captured as the user sees it (offline runner only)', async function () {
    const file = await requestScreenshot('swift-views');
    if (file === undefined) this.skip();
    const png = fs.readFileSync(file);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
    // Width and height are the first fields of the IHDR chunk.
    assert.ok(png.readUInt32BE(16) > 0 && png.readUInt32BE(20) > 0, 'the screenshot is empty');
  });

  describe('request file validation', () => {
    it('flags the invalid field of a broken XRT request and nothing in a valid one', async () => {
      const valid = workspaceFile('samples/grb-lightcurve.xrt.json');
      const broken = workspaceFile('samples/broken.xrt.json');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(valid), { preview: false });
      const brokenDoc = await vscode.workspace.openTextDocument(broken);
      await vscode.window.showTextDocument(brokenDoc, { preview: false });

      const lcLine = brokenDoc
        .getText()
        .split('\n')
        .findIndex((line) => line.includes('"lc"'));
      assert.ok(lcLine >= 0, 'the sample no longer has an "lc" field');
      // The JSON language server starts lazily on the first JSON document, so allow it time. Our own
      // checks may report first (e.g. a missing useSXPS), so wait for the schema's verdict on "lc".
      const onLc = await waitFor('a schema diagnostic on the "lc" line of broken.xrt.json', 20_000, () => {
        const found = vscode.languages.getDiagnostics(broken).filter((d) => d.range.start.line <= lcLine && d.range.end.line >= lcLine);
        return found.length > 0 ? found : undefined;
      });
      assert.match(onLc.map((d) => d.message).join(' '), /1|enum|allowed|equal/i, 'the message says which values are allowed');
      assert.ok(
        onLc.every((d) => d.message.trim().length > 0),
        'a diagnostic without a message helps nobody',
      );

      // Both files went through the same server; the valid one, opened first, must have come out clean.
      assert.deepEqual(
        vscode.languages.getDiagnostics(valid).map((d) => d.message),
        [],
      );
    });
  });
});
