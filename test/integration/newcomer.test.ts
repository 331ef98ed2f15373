// What a new user meets (issue 15): a TOO template cannot be sent as it comes; the TOO Requests view
// shows its welcome when there is nothing to list; a cancelled job does not look finished; an import
// of old jobs is one summary, not a notification per old product.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { TooFileOutcome } from '../../src/too/submission/submitToo';
import type { TooTreeNode } from '../../src/too/views/tooRequestsTree';
import type { XrtTreeNode } from '../../src/xrt/views/xrtJobsTree';
import { GRB_LIGHT_CURVE, GRB_STANDARD_JOB } from '../support/requests';
import { sandbox, waitFor } from './support/sandbox';
import { api, workspaceDir } from './support/extension';
import { XRT_USER, setSetting, signInToo } from './support/setup';

async function tooPosts(): Promise<number> {
  return (await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/swift/too' })).filter((r) => r.path === '/api/v2/swift/too').length;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

describe('What a new user meets', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
  });

  describe('a TOO template', () => {
    after(async () => {
      await vscode.commands.executeCommand('swiftObservatory.too.signOut');
    });

    it('as it comes is marked with errors saying what to write, and is refused without sending anything', async () => {
      await signInToo();
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('swiftObservatory.too.newRequest', 'grb');
      const uri = editor.document.uri;
      const errors = await waitFor('placeholder errors', 20_000, () => {
        const found = vscode.languages
          .getDiagnostics(uri)
          .filter((d) => d.code === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Error);
        return found.length > 0 ? found : undefined;
      });
      const onScience = errors.find((d) => d.message.startsWith('science_just'));
      assert.ok(onScience, `an error on science_just (got ${errors.map((d) => d.message).join(' | ')})`);
      assert.match(onScience.message, /replace it with your science justification/);
      assert.equal(editor.document.lineAt(onScience.range.start.line).text.includes('"science_just"'), true, 'on the science_just line');
      assert.ok(
        errors.some((d) => d.message.startsWith('ra ')),
        'the invented position is gone: ra is a placeholder',
      );
      assert.doesNotMatch(editor.document.getText(), /"urgency": [01],/);

      const before = await tooPosts();
      const outcome = await vscode.commands.executeCommand<TooFileOutcome>('swiftObservatory.too.submit', uri, { confirm: true });
      assert.equal(outcome.kind, 'invalid');
      assert.ok(outcome.kind === 'invalid' && outcome.problems.some((p) => /science_just.*placeholder/.test(p)), JSON.stringify(outcome));
      assert.equal(await tooPosts(), before, 'nothing was sent');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('the TOO Requests view', () => {
    after(async () => {
      const now = Date.now();
      await vscode.commands.executeCommand('swiftObservatory.too.setDateRange', {
        begin: isoDate(now - 90 * 86_400_000),
        end: isoDate(now + 86_400_000),
      });
      await vscode.commands.executeCommand('swiftObservatory.too.signOut');
    });

    it('has no rows when signed out, so its Sign in welcome shows', async () => {
      await vscode.commands.executeCommand('swiftObservatory.too.signOut');
      await swift.too.refresh();
      assert.deepEqual(swift.too.tree.getChildren(), []);
    });

    it('signed in, a range with nothing in it has no rows either, and no explanatory row is cut off', async () => {
      await signInToo();
      await vscode.commands.executeCommand('swiftObservatory.too.setDateRange', { begin: '2001-01-01', end: '2001-01-02' });
      await swift.too.refresh();
      const rows = swift.too.tree.getChildren();
      // Requests submitted from this profile by other tests are always listed; without any, the view is empty.
      if (swift.too.submittedTooIds().length === 0) assert.deepEqual(rows, []);
      // VS Code shows no welcome content while a view has a message, however empty the tree.
      assert.ok(!swift.too.view.message, 'no view message hides the signed-in welcome');
      for (const row of rows.filter((r): r is Extract<TooTreeNode, { kind: 'message' }> => r.kind === 'message')) {
        assert.ok(row.text.length <= 30, `"${row.text}" fits a narrow sidebar`);
        assert.ok(typeof swift.too.tree.getTreeItem(row).tooltip === 'string', `"${row.text}" has its full text as a tooltip`);
      }
    });
  });

  describe('XRT jobs', () => {
    beforeEach(async () => {
      await sandbox.reset();
      await sandbox.freezeClock();
      await swift.xrt.registry.remove(swift.xrt.registry.all().map((j) => j.jobId));
    });

    it('a cancelled job says "cancelled", with its own icon, offers no View/Download, and shows its web page address', async () => {
      const file = path.join(workspaceDir(), 'newcomer-tests', 'cancelled.xrt.json');
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `${JSON.stringify(GRB_LIGHT_CURVE, null, 2)}\n`);
      const outcome = await vscode.commands.executeCommand<{ job?: { jobId: string } }>(
        'swiftObservatory.xrt.submit',
        vscode.Uri.file(file),
      );
      const jobId = outcome.job?.jobId ?? '';
      await vscode.commands.executeCommand('swiftObservatory.xrt.cancelJob', { kind: 'job', jobId }, undefined, { confirmed: true });
      assert.equal(swift.xrt.registry.get(jobId)?.products.lc.statusCode, -4);

      const job = swift.xrt.tree.getTreeItem({ kind: 'job', jobId });
      assert.equal(job.contextValue, 'xrtJobCancelled');
      assert.match(String(job.description), /cancelled/);
      assert.doesNotMatch(String(job.description), /finished/);
      assert.equal((job.iconPath as vscode.ThemeIcon).id, 'circle-slash');
      const url = swift.xrt.registry.get(jobId)?.url ?? '';
      // appendText escapes Markdown's characters with backslashes; the text shown is the address.
      assert.ok(
        url !== '' && (job.tooltip as vscode.MarkdownString).value.replace(/\\/g, '').includes(url),
        'the web page address as text',
      );
      const product = swift.xrt.tree.getTreeItem({ kind: 'product', jobId, product: 'lc' } satisfies XrtTreeNode);
      assert.equal(product.contextValue, 'xrtProductCancelled');
      assert.equal(product.description, 'Cancelled');
    });

    it('products that finish together give one "ready" notification, naming each', async () => {
      const file = path.join(workspaceDir(), 'newcomer-tests', 'standard.xrt.json');
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `${JSON.stringify(GRB_STANDARD_JOB, null, 2)}\n`);
      const outcome = await vscode.commands.executeCommand<{ job?: { jobId: string } }>(
        'swiftObservatory.xrt.submit',
        vscode.Uri.file(file),
      );
      const jobId = outcome.job?.jobId ?? '';
      const announced = swift.xrt.announcements.length;
      // Long enough for every product (a minute each in the sandbox), then one look at the job.
      await sandbox.advance(30 * 60_000);
      await swift.xrt.scheduler.refreshNow([jobId]);
      const products = Object.values(swift.xrt.registry.get(jobId)?.products ?? {});
      assert.equal(products.length, 3);
      assert.ok(
        products.every((p) => p.statusCode === 4),
        'all three finished in one reply',
      );
      assert.deepEqual(swift.xrt.announcements.slice(announced), [
        `Light curve, spectrum and standard position of GRB 200416A (XRT job ${jobId}) are ready.`,
      ]);
    });

    it('importing old jobs announces no old product as "ready"', async () => {
      const announced = swift.xrt.announcements.length;
      const imported = await vscode.commands.executeCommand<number>('swiftObservatory.xrt.importJobs', { all: true });
      assert.ok(imported >= 1, 'the sandbox has old jobs for the test user');
      const jobs = swift.xrt.registry.all();
      assert.ok(
        jobs.some((j) => Object.values(j.products).some((p) => p.statusCode === 4)),
        'the import looked at the old products at once',
      );
      await swift.xrt.scheduler.refreshNow();
      assert.deepEqual(swift.xrt.announcements.slice(announced), [], 'no notification per old product');
    });
  });
});
