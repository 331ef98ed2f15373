// Hostile and unlucky files inside the real VS Code: what other extensions can read from this one
// (nothing secret, no way to probe the API key), request files with a key given twice or nested
// thousands of levels deep, and product archives the extension cannot or must not unpack.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { DownloadOutcome } from '../../src/products/productsFeature';
import type { TooFileOutcome } from '../../src/too/submission/submitToo';
import { extensionVersion } from '../../src/common/extensionManifest';
import { GRB_STANDARD_JOB } from '../support/requests';
import { EXTENSION_ID, api, workspaceDir } from './support/extension';
import { sandbox, waitFor } from './support/sandbox';
import { TOO_KEY, XRT_USER, setSetting, signInToo } from './support/setup';

const DOWNLOAD = 'swiftObservatory.xrt.downloadProducts';

/** Key names that would hand out or test a secret, or reach the services on the user's behalf. */
const FORBIDDEN_NAME = /secret|key|password|passwd|token|credential|cookie|session|client|auth|login|sign|too|xrt|registry|http|request/i;

/** TOO submissions the sandbox received (POST /swift/too). */
async function tooSubmissions(): Promise<number> {
  return (await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/swift/too' })).filter((r) => r.path === '/api/v2/swift/too').length;
}

interface Finding {
  readonly path: string;
  readonly problem: string;
}

/** Every property reachable from `value` (own and inherited below Object.prototype, symbols and hidden ones too). */
function walk(value: unknown, at: string, seen: Set<unknown>, findings: Finding[]): void {
  if (typeof value === 'function') {
    findings.push({ path: at, problem: 'a function (callable by any extension)' });
    return;
  }
  if (typeof value === 'string' && value.includes(TOO_KEY)) findings.push({ path: at, problem: 'holds the API key' });
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (let o: object | null = value; o && o !== Object.prototype && o !== Array.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Reflect.ownKeys(o)) {
      const name = String(key);
      if (FORBIDDEN_NAME.test(name)) findings.push({ path: `${at}.${name}`, problem: 'a name that suggests a secret or a service' });
      const descriptor = Object.getOwnPropertyDescriptor(o, key)!;
      // A getter runs code on read: as bad as a function.
      if (descriptor.get || descriptor.set) findings.push({ path: `${at}.${name}`, problem: 'an accessor' });
      else walk(descriptor.value, `${at}.${name}`, seen, findings);
    }
  }
}

describe('Hostile files and what other extensions can reach', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;
  let folder: string;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
    folder = path.join(workspaceDir(), 'hostile-files');
    await fs.mkdir(folder, { recursive: true });
    // Once, not before each test: the archive tests below keep one job for all of them.
    await sandbox.reset();
    await sandbox.freezeClock();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('the exported API exposes no credential, client or way to probe a secret, even while signed in', async () => {
    assert.equal(await signInToo(), 'signed-in');
    assert.equal(await swift.too.hasStoredApiKey(TOO_KEY), true, 'a key is stored (through the test-only internals)');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const exported: unknown = extension.exports;
    assert.equal(typeof exported, 'object');
    const findings: Finding[] = [];
    walk(exported, 'exports', new Set(), findings);
    assert.deepEqual(findings, [], findings.map((f) => `${f.path}: ${f.problem}`).join('\n'));
    assert.ok(Object.isFrozen(exported), 'other extensions cannot add to it or change it');
    assert.notEqual(exported, swift, 'the internals are not what activate() returns');
    assert.equal((exported as { version?: unknown }).version, extensionVersion(extension));
  });

  async function openAndWaitForDiagnostics(file: string, text: string, code: string, count: number): Promise<vscode.Diagnostic[]> {
    await fs.writeFile(file, text);
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return waitFor(`${count} "${code}" diagnostic(s) on ${path.basename(file)}`, 10_000, () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Swift Observatory' && d.code === code);
      return found.length === count ? found : undefined;
    });
  }

  it('a key given twice in a .too.json is an error at both places, and the file is not submitted', async () => {
    const file = path.join(folder, 'debug-twice.too.json');
    // The first "debug" says "only a test"; JSON parsers keep the last one, which would file a real TOO.
    const text =
      '{\n  "debug": true,\n  "target_name": "SMC X-3",\n  "ra": 13.023439,\n  "dec": -72.434508,\n  "instrument": "XRT",\n' +
      '  "urgency": 2,\n  "exposure": 4000,\n  "exp_time_per_visit": 4000,\n  "num_of_visits": 1,\n  "debug": false\n}\n';
    const diagnostics = await openAndWaitForDiagnostics(file, text, 'duplicate-key', 2);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.deepEqual(
      diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b),
      [1, 10],
      'on both occurrences of "debug"',
    );
    assert.ok(diagnostics.every((d) => /"debug" is given 2 times/.test(d.message)));

    assert.equal(await signInToo(), 'signed-in');
    const uploadChecks = async (): Promise<number> => (await sandbox.requests({ pathPrefix: '/api/v2/swift/too_upload_enabled' })).length;
    const before = await tooSubmissions();
    const checksBefore = await uploadChecks();
    const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', vscode.Uri.file(file), {
      confirm: true,
    });
    assert.equal(outcome.kind, 'invalid', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'invalid' && outcome.problems.some((p) => /"debug" is given 2 times/.test(p)), JSON.stringify(outcome));
    // Neither submitted nor checked with the service (validation and upload-state calls come after the file is read).
    assert.equal(await tooSubmissions(), before, 'nothing was submitted');
    assert.equal(await uploadChecks(), checksBefore, 'the service was not even asked');
  });

  it('a key given twice in an .xrt.json is refused the same way', async () => {
    const file = path.join(folder, 'twice.xrt.json');
    const text = `${JSON.stringify({ ...GRB_STANDARD_JOB, name: 'Twice' }, null, 2).replace(/\n}$/, ',\n  "lc": 0\n}')}\n`;
    await openAndWaitForDiagnostics(file, text, 'duplicate-key', 2);
    const outcome = await vscode.commands.executeCommand<{ kind: string; problems?: string[] }>(
      'swiftObservatory.xrt.submit',
      vscode.Uri.file(file),
    );
    assert.equal(outcome.kind, 'invalid', JSON.stringify(outcome));
    assert.ok(
      outcome.problems?.some((p) => /"lc" is given 2 times/.test(p)),
      JSON.stringify(outcome),
    );
    assert.deepEqual(await sandbox.xrtJobs().then((jobs) => jobs.filter((j) => j.name === 'Twice')), [], 'no job was created');
  });

  it('a request file nested 10 000 levels deep gives a message, not a crash, in the editor and on submission', async () => {
    const deep = `{"name": "Deep", "extra": ${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`;
    const tooFile = path.join(folder, 'deep.too.json');
    await openAndWaitForDiagnostics(tooFile, deep, 'too-deep', 1);
    const too = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', vscode.Uri.file(tooFile), {
      confirm: true,
    });
    assert.ok(too.kind === 'invalid' && too.problems.some((p) => /nested more than 64 levels/.test(p)), JSON.stringify(too));
    const xrtFile = path.join(folder, 'deep.xrt.json');
    await openAndWaitForDiagnostics(xrtFile, deep, 'too-deep', 1);
    const xrt = await vscode.commands.executeCommand<{ kind: string; problems?: string[] }>(
      'swiftObservatory.xrt.submit',
      vscode.Uri.file(xrtFile),
    );
    assert.ok(xrt.kind === 'invalid' && xrt.problems?.some((p) => /nested more than 64 levels/.test(p)), JSON.stringify(xrt));
  });

  describe('product archives the extension does not unpack', () => {
    let downloadRoot: string;
    let jobId: string;

    before(async () => {
      downloadRoot = path.join(workspaceDir(), 'swift-products');
      const file = path.join(folder, 'archive-faults.xrt.json');
      await fs.writeFile(file, `${JSON.stringify({ ...GRB_STANDARD_JOB, name: 'Archive faults' }, null, 2)}\n`);
      const outcome = await vscode.commands.executeCommand<{ kind: string; job?: { jobId: string } }>(
        'swiftObservatory.xrt.submit',
        vscode.Uri.file(file),
      );
      assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
      jobId = outcome.job!.jobId;
      await sandbox.advance(300_000);
      // Polled until the registry shows it: one refresh can be lost to another window's registry write.
      await waitFor(
        `XRT job ${jobId} complete in the registry`,
        20_000,
        async () => {
          await swift.xrt.scheduler.refreshNow([jobId]);
          const products = Object.values(swift.xrt.registry.get(jobId)?.products ?? {});
          return products.length > 0 && products.every((p) => p.statusCode === 4) ? true : undefined;
        },
        500,
      );
    });

    beforeEach(async () => {
      await fs.rm(downloadRoot, { recursive: true, force: true });
    });

    after(async () => {
      await sandbox.variants({ archiveFault: false });
      await swift.xrt.registry.remove([jobId]);
      await fs.rm(downloadRoot, { recursive: true, force: true });
    });

    const downloadFails = async (fault: string, message: RegExp): Promise<void> => {
      await sandbox.variants({ archiveFault: fault });
      const outcome = await vscode.commands.executeCommand<DownloadOutcome>(DOWNLOAD, jobId);
      assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
      const text = outcome.kind === 'failed' ? outcome.message : '';
      assert.match(text, new RegExp(`^Could not download the products of Archive faults \\(XRT job ${jobId}\\): `));
      assert.match(text, message);
      const left = existsSync(downloadRoot) ? readdirSync(downloadRoot) : [];
      assert.deepEqual(left, [], `no staging folder and no job folder in ${downloadRoot}`);
      assert.equal(swift.xrt.registry.get(jobId)?.downloadFolder, undefined, 'no folder recorded');
    };

    it('a zstd-compressed archive gives a clear error and leaves no staging folder', async () => {
      await downloadFails('zstd', /zstd-compressed; the extension unpacks tar and tar\.gz archives only/);
    });

    it('an archive cut inside an entry header gives a clear error and leaves no staging folder', async () => {
      await downloadFails('truncated-header', /damaged.*truncated/);
    });
  });
});
