// The Swift TOO query commands in a real VS Code against the sandbox: each runs from its full
// parameters (no UI), returns the parsed reply, and the results webview reports what it drew.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { requestScreenshot } from '../runners/screenshotRequests';
import { control, sandbox, waitFor } from './support/sandbox';

const EXTENSION_ID = 'swift-observatory.swift-observatory';
const RENDERED = 'swiftObservatory.too.internal.renderedQueryResults';
const command = (name: string) => `swiftObservatory.too.query.${name}`;

interface Rendered {
  readonly id: string;
  readonly kind: string;
  readonly rows: number;
}

const rendered = async (): Promise<readonly Rendered[]> => (await vscode.commands.executeCommand<readonly Rendered[]>(RENDERED)) ?? [];

type Reply = Record<string, unknown> & { entries?: unknown[]; windows?: unknown[] };

/** Runs a query command with its parameters and waits until the results view has drawn it. */
async function runAndRender(
  name: string,
  kind: string,
  params: Record<string, unknown>,
  expectedRows: (reply: Reply) => number,
): Promise<Reply> {
  const before = (await rendered()).length;
  const reply = await vscode.commands.executeCommand<Reply>(command(name), { params });
  assert.ok(reply && typeof reply === 'object', `${name} returned no reply`);
  const drawn = await waitFor(`the results view to draw the ${kind} result`, 20_000, async () => {
    const all = await rendered();
    return all.slice(before).find((r) => r.kind === kind);
  });
  assert.equal(drawn.rows, expectedRows(reply), `the view drew a different number of ${kind} rows than the reply holds`);
  return reply;
}

const entries = (r: Reply) => (r.entries ?? []).length;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

describe('Swift TOO queries', function () {
  this.timeout(90_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    // Queries must work anonymously: make sure no account is stored from earlier tests.
    await vscode.commands.executeCommand('swiftObservatory.too.signOut');
    await control('DELETE', '/faults');
  });

  after(async () => {
    await control('DELETE', '/faults');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs every query signed out, returns the parsed reply and renders it', async () => {
    const logins = async () => (await sandbox.requests({ method: 'POST', pathPrefix: '/api/v2/login' })).length;
    const loginsBefore = await logins();
    const resolved = await runAndRender('resolveName', 'resolve', { name: 'Crab' }, () => 1);
    assert.equal(typeof resolved.ra, 'number');

    const vis = await runAndRender(
      'visibility',
      'visquery',
      { ra: 83.6331, dec: 22.0145, begin: hours(0), end: hours(24 * 30), hires: false },
      (r) => (r.windows ?? []).length,
    );
    assert.ok(Array.isArray(vis.windows));
    await runAndRender(
      'nicerVisibility',
      'nicerVisquery',
      { ra: 83.6331, dec: 22.0145, begin: hours(0), end: hours(48) },
      (r) => (r.windows ?? r.entries ?? []).length,
    );
    await runAndRender('saaPassages', 'saa', { begin: hours(0), end: hours(24), bat: false }, entries);

    const done = await runAndRender('observationsDone', 'obsquery', { ra: 287.9565, dec: 4.9827, radius: 0.2 }, entries);
    await runAndRender('observationsPlanned', 'planquery', { begin: hours(0), end: hours(12) }, entries);
    await runAndRender('nicerPlan', 'nicerPlanquery', { begin: hours(0), end: hours(12) }, entries);
    await runAndRender('calendar', 'calendar', { too_id: 22682 }, entries);
    const clock = await runAndRender('convertTime', 'clock', { utctime: ['2022-01-01 00:00:00', '2021-01-01 00:00:00'] }, entries);
    assert.equal(entries(clock), 2);
    await runAndRender('uvotMode', 'uvotMode', { uvot_mode: 12525 }, entries);

    const obsId = (done.entries as { obs_id?: string }[]).find((e) => e.obs_id)?.obs_id;
    assert.ok(obsId, 'the sandbox has observations of SS 433 to list data for');
    const data = await runAndRender('dataFiles', 'data', { obs_id: obsId, xrt: true }, entries);
    assert.ok(entries(data) > 0, `no data files listed for ${obsId}`);
    await runAndRender('guano', 'guano', { limit: 5 }, entries);
    await runAndRender('sotStatistics', 'sotStats', {}, entries);

    assert.equal(await logins(), loginsBefore, 'anonymous queries must not sign in');
  });

  it('refuses bad parameters with a message naming the parameter, before any request', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(command('visibility'), { params: { ra: 400, dec: 10 } })),
      /Visibility of a Target failed: .*ra/i,
    );
  });

  it('explains a server failure (HTML error page) clearly', async () => {
    // Three answers: the first try and both retries of this idempotent read.
    await sandbox.fault({ prefix: '/api/v2/swift/saa', kind: 'html-error', status: 502, count: 3 });
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(command('saaPassages'), { params: { begin: hours(0), end: hours(24) } })),
      (error: Error) => {
        assert.match(error.message, /^SAA Passages failed: /);
        assert.match(error.message, /502/);
        assert.doesNotMatch(error.message, /<[a-z!/]/i, 'no HTML markup in the message');
        return true;
      },
    );
  });

  it('shows a result as the user sees it (offline runner only)', async function () {
    await runAndRender(
      'visibility',
      'visquery',
      { ra: 83.6331, dec: 22.0145, begin: hours(0), end: hours(24), hires: true },
      (r) => (r.windows ?? []).length,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const file = await requestScreenshot('too-query-results');
    if (file === undefined) this.skip();
    assert.equal(fs.readFileSync(file).subarray(1, 4).toString('latin1'), 'PNG');
  });
});
