// What an astronomer does with XRT jobs, inside the real VS Code against the sandbox: write a
// request with help from the editor, submit it, watch it build, cancel, import history, copy a job,
// submit a batch within the active-job limit.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { XrtTreeNode } from '../../src/xrt/views/xrtJobsTree';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { sandbox, waitFor } from './support/sandbox';
import { api, workspaceJsonFile } from './support/extension';
import { XRT_USER, freshXrtState, setSetting } from './support/setup';

/** Writes a request file into the test workspace and returns its URI. */
const requestFile = (name: string, body: Record<string, unknown>): Promise<vscode.Uri> => workspaceJsonFile('xrt-tests', name, body);

const GRB_LC = GRB_LIGHT_CURVE;

type Outcome = { kind: string; job?: { jobId: string }; message?: string; problems?: string[] };

describe('XRT product jobs', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
    await setSetting('xrt.pollIntervalSeconds', 10);
  });

  beforeEach(async () => {
    await freshXrtState(swift);
  });

  describe('authoring', () => {
    it('offers completion of request keys with their documentation', async () => {
      const uri = await requestFile('completion.xrt.json', {});
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const inside = doc.positionAt(doc.getText().indexOf('{') + 1);
      const list = await waitFor(
        'schema completions',
        20_000,
        async () => {
          const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inside);
          return items.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).includes('binMeth')) ? items : undefined;
        },
        500,
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const key of ['binMeth', 'pccounts', 'specz', 'dopsf', 'imen', 'detobs'])
        assert.ok(
          labels.some((l) => l.includes(key)),
          `no completion for ${key}`,
        );
    });

    it('puts our own checks on the offending key, with a quick fix that works', async () => {
      const uri = await requestFile('checks.xrt.json', { ...GRB_LC, targ: '966554', minen: 0.5, soft1: 0.3 });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const lineOf = (key: string): number =>
        doc
          .getText()
          .split('\n')
          .findIndex((l) => l.includes(`"${key}"`));
      const ours = (key: string): vscode.Diagnostic[] =>
        vscode.languages.getDiagnostics(uri).filter((d) => d.range.start.line === lineOf(key) && d.source === 'Swift XRT');
      const onSoft1 = await waitFor('a diagnostic on soft1', 20_000, () => (ours('soft1').length > 0 ? ours('soft1') : undefined));
      assert.match(onSoft1[0].message, /soft1|minen/);
      const onTarg = await waitFor('a diagnostic on targ', 20_000, () => (ours('targ').length > 0 ? ours('targ') : undefined));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, onTarg[0].range);
      const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit);
      assert.ok(fix?.edit, `a quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal((JSON.parse(doc.getText()) as { targ: string }).targ, '00966554');
      await waitFor('the targ diagnostic to go', 10_000, () => (ours('targ').length === 0 ? true : undefined));
    });
  });

  describe('submission and monitoring', () => {
    it('submits, shows the job in the tree, follows its progress to completion and announces it', async () => {
      const uri = await requestFile('grb-lc.xrt.json', GRB_LC);
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
      const jobId = outcome.job?.jobId ?? '';
      const record = swift.xrt.registry.get(jobId);
      assert.ok(record, 'the job is recorded at once');
      assert.deepEqual(Object.keys(record.products), ['lc']);
      assert.equal(
        (await sandbox.requests({ method: 'POST', pathPrefix: '/user_objects/run_userobject.php' })).length,
        1,
        'sent exactly once',
      );

      const roots = swift.xrt.tree.getChildren();
      assert.deepEqual(roots[0], { kind: 'job', jobId }, 'newest job first in the tree');
      const jobItem = swift.xrt.tree.getTreeItem(roots[0]);
      assert.match(typeof jobItem.label === 'object' ? jobItem.label.label : (jobItem.label ?? ''), /GRB 200416A/);

      // Half-way through the product (60 s each in the sandbox): running, with progress steps.
      await sandbox.advance(35_000);
      await swift.xrt.scheduler.refreshNow([jobId]);
      const running = swift.xrt.registry.get(jobId)?.products.lc;
      assert.equal(running?.statusCode, 3);
      const productNode: XrtTreeNode = { kind: 'product', jobId, product: 'lc' };
      assert.ok(swift.xrt.tree.getChildren(productNode).length > 0, 'progress steps appear under the product');
      assert.ok(String(swift.xrt.tree.getTreeItem(productNode).description).length > 0, 'the product shows what it is doing');

      await sandbox.advance(60_000);
      await swift.xrt.scheduler.refreshNow([jobId]);
      assert.equal(swift.xrt.registry.get(jobId)?.products.lc.statusCode, 4);
      assert.ok(
        swift.xrt.announcements.some((a) => a.includes(`XRT job ${jobId}`) && a.includes('is ready')),
        `announced: ${swift.xrt.announcements.join(' | ')}`,
      );

      // Finished jobs are not polled again.
      const before = (await sandbox.requests({ pathPrefix: '/user_objects/checkProductStatus.php' })).length;
      await swift.xrt.scheduler.tick();
      assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/checkProductStatus.php' })).length, before);
    });

    it('keeps the job list in the shared file that a reloaded window reads', async () => {
      const uri = await requestFile('persist.xrt.json', GRB_LC);
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      const saved = JSON.parse(await fs.readFile(swift.xrt.registry.file, 'utf8')) as { jobs: { jobId: string; userId: string }[] };
      const entry = saved.jobs.find((j) => j.jobId === outcome.job?.jobId);
      assert.ok(entry, 'the job is on disk');
      assert.equal(entry.userId, XRT_USER);
    });

    it('shows the service’s refusal on the keys it names, and records nothing', async () => {
      // poserr 10 passes the editor (a warning only: the documentation disagrees on its range); the service refuses it.
      const uri = await requestFile('poserr.xrt.json', { ...GRB_LC, poserr: 10 });
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      assert.equal(outcome.kind, 'rejected', JSON.stringify(outcome));
      const doc = await vscode.workspace.openTextDocument(uri);
      const line = doc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('"poserr"'));
      const fromService = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Swift XRT service');
      assert.ok(
        fromService.some((d) => d.range.start.line === line && /poserr/.test(d.message)),
        fromService.map((d) => `${d.range.start.line}: ${d.message}`).join('; '),
      );
      assert.equal(swift.xrt.registry.all().length, 0);
    });

    it('refuses to send an invalid file at all', async () => {
      const uri = await requestFile('invalid.xrt.json', { ...GRB_LC, binMeth: 'weekly' });
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      assert.equal(outcome.kind, 'invalid');
      assert.ok(outcome.problems?.some((p) => p.startsWith('binMeth')));
      assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length, 0, 'nothing was sent');
    });

    it('reports a transport failure clearly and records nothing', async () => {
      await sandbox.fault({ prefix: '/user_objects/run_userobject.php', kind: 'html-error', status: 502 });
      const uri = await requestFile('fault.xrt.json', GRB_LC);
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      assert.equal(outcome.kind, 'failed');
      assert.match(outcome.message ?? '', /HTTP 502/);
      assert.doesNotMatch(outcome.message ?? '', /</, 'no markup from the error page');
      assert.equal(swift.xrt.registry.all().length, 0);
      assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length, 1, 'never retried');
    });

    it('keeps the last known state on screen when a status check fails', async () => {
      const uri = await requestFile('flaky.xrt.json', GRB_LC);
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      const jobId = outcome.job?.jobId ?? '';
      await sandbox.advance(35_000);
      await swift.xrt.scheduler.refreshNow([jobId]);
      await sandbox.fault({ prefix: '/user_objects/checkProductStatus.php', kind: 'html-error', status: 503, count: 3 });
      await swift.xrt.scheduler.refreshNow([jobId]);
      const job = swift.xrt.registry.get(jobId);
      assert.equal(job?.products.lc.statusCode, 3, 'state from before the failure is kept');
      assert.match(job?.poll.lastError ?? '', /503/);
      assert.equal(swift.xrt.tree.getChildren().length, 1, 'the tree still shows the job');
    });

    it('cancels a job', async () => {
      const uri = await requestFile('cancel.xrt.json', GRB_LC);
      const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', uri);
      const jobId = outcome.job?.jobId ?? '';
      await vscode.commands.executeCommand('swiftObservatory.xrt.cancelJob', { kind: 'job', jobId }, undefined, { confirmed: true });
      assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/canceljob.php' })).length, 1);
      assert.equal(swift.xrt.registry.get(jobId)?.products.lc.statusCode, -4);
    });
  });

  describe('history', () => {
    it('imports old jobs that still have products', async () => {
      const imported = await vscode.commands.executeCommand<number>('swiftObservatory.xrt.importJobs', { all: true });
      assert.ok(imported >= 1, 'the sandbox has old jobs for the test user');
      const jobs = swift.xrt.registry.all();
      assert.equal(jobs.length, imported);
      assert.ok(jobs.every((j) => j.origin === 'imported'));
      await swift.xrt.scheduler.refreshNow();
      assert.ok(
        jobs.some(
          (j) =>
            swift.xrt.registry.get(j.jobId)?.products.lc?.statusCode === 4 ||
            swift.xrt.registry.get(j.jobId)?.products.spec?.statusCode === 4,
        ),
      );
    });

    it('copies an old job into a new request file without the resolver flags', async () => {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('swiftObservatory.xrt.copyOldJob', '3414');
      assert.ok(editor.document.uri.path.endsWith('.xrt.json'));
      const body = JSON.parse(editor.document.getText()) as Record<string, unknown>;
      assert.equal(body.name, 'GRB 200416A');
      assert.equal(body.spec, 1);
      assert.ok(!('getCoords' in body) && !('getTargs' in body) && !('getT0' in body));
      assert.equal(typeof body.RA, 'number', 'numbers echoed as strings come back as numbers');
    });

    it('counts the active jobs the service reports', async () => {
      const uri = await requestFile('count.xrt.json', GRB_LC);
      await vscode.commands.executeCommand('swiftObservatory.xrt.submit', uri);
      assert.equal(await vscode.commands.executeCommand<number>('swiftObservatory.xrt.countActiveJobs'), 1);
    });
  });

  describe('batch', () => {
    after(async () => {
      await setSetting('xrt.maxActiveJobs', undefined);
    });

    it('never has more than the allowed number of jobs active', async () => {
      await setSetting('xrt.maxActiveJobs', 2);
      const files = await Promise.all(
        [1, 2, 3].map((n) => requestFile(`batch-${n}.xrt.json`, { ...GRB_LC, name: `GRB 200416A batch ${n}` })),
      );
      const done = vscode.commands.executeCommand<{ submitted: string[]; remaining: number }>(
        'swiftObservatory.xrt.submitBatch',
        files[0],
        files,
      );
      await waitFor('two submissions', 30_000, async () =>
        (await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length >= 2 ? true : undefined,
      );
      // The queue now waits: the service counts two active jobs.
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length, 2, 'the third waits');
      assert.deepEqual((await swift.xrt.batch.pending()).length, 1, 'the waiting file is in the persisted queue');
      await sandbox.advance(10 * 60_000);
      const summary = await done;
      assert.equal(summary.submitted.length, 3);
      assert.equal(summary.remaining, 0);
      assert.equal((await sandbox.requests({ pathPrefix: '/user_objects/run_userobject.php' })).length, 3);
    });
  });
});
