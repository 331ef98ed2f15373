// The job list and its polling when things go wrong, inside the real VS Code against the sandbox: a
// status request that never answers for one job does not stop another job from being polled and
// announced; a damaged job-list file is kept aside, the user is told where, and the readable jobs stay.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { JobRecord } from '../../src/xrt/jobs/jobRecord';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { STARTUP_DAMAGED_JOB_LIST, STARTUP_RECOVERABLE_JOB_IDS } from '../runners/startupFixtures';
import { control, sandbox, waitFor } from './support/sandbox';
import { api, workspaceDir } from './support/extension';
import { XRT_USER, freshXrtState, setSetting } from './support/setup';

const STATUS = '/user_objects/checkProductStatus.php';

type Outcome = { kind: string; job?: { jobId: string } };

async function submit(name: string): Promise<string> {
  const file = path.join(workspaceDir(), 'registry-tests', `${name}.xrt.json`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify({ ...GRB_LIGHT_CURVE, name }, null, 2)}\n`);
  const outcome = await vscode.commands.executeCommand<Outcome>('swiftObservatory.xrt.submit', vscode.Uri.file(file));
  assert.equal(outcome.kind, 'submitted', JSON.stringify(outcome));
  return outcome.job?.jobId ?? '';
}

describe('Job list and polling under faults', function () {
  this.timeout(90_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await setSetting('xrt.userId', XRT_USER);
  });

  beforeEach(async () => {
    await freshXrtState(swift);
  });

  it('keeps polling and announcing one job while another job’s status request never answers', async () => {
    const stuck = await submit('Stuck source');
    const healthy = await submit('Healthy source');
    // Every status request about the stuck job is accepted and never answered.
    await control('POST', '/faults', { prefix: STATUS, kind: 'timeout', count: 50, match: `"JobID":"${stuck}"` });

    await sandbox.advance(35_000);
    // Not awaited: this poll waits for an answer that never comes.
    void swift.xrt.scheduler.refreshNow([stuck]);
    await waitFor('the stuck job’s status request to reach the sandbox', 20_000, async () => {
      const hanging = (
        await control<{ requests: { path: string; fault?: string }[] }>('GET', `/requests?pathPrefix=${STATUS}`)
      ).requests.filter((r) => r.fault === 'timeout');
      return hanging.length > 0 ? hanging : undefined;
    });

    // The other job is polled meanwhile: running half-way, then finished and announced.
    await swift.xrt.scheduler.refreshNow([healthy]);
    assert.equal(swift.xrt.registry.get(healthy)?.products.lc.statusCode, 3, 'polled while the other request hangs');
    await sandbox.advance(60_000);
    await swift.xrt.scheduler.refreshNow([healthy]);
    assert.equal(swift.xrt.registry.get(healthy)?.products.lc.statusCode, 4);
    assert.ok(
      swift.xrt.announcements.some((a) => a.includes(`XRT job ${healthy}`) && a.includes('is ready')),
      `announced: ${swift.xrt.announcements.join(' | ')}`,
    );
    assert.ok(swift.xrt.scheduler.polling.includes(stuck), 'the stuck job is still waiting for its answer');
    assert.equal(swift.xrt.registry.get(stuck)?.products.lc.statusCode, 1, 'the stuck job keeps its last known state');
  });

  it('told the user at start-up that the job list was damaged, kept it aside and kept the readable jobs', async () => {
    // The runner put a damaged job list in the profile before VS Code started (test/runners/startupFixtures.ts);
    // the problem was found while the registry opened, before any listener existed.
    const atStartup = swift.xrt.registryProblems.find((p) =>
      p.recovered?.some((id) => (STARTUP_RECOVERABLE_JOB_IDS as readonly string[]).includes(id)),
    );
    assert.ok(atStartup, `warned about: ${swift.xrt.registryProblems.map((p) => p.message).join(' | ') || 'nothing'}`);
    assert.match(
      atStartup.message,
      /The saved XRT job list was damaged \(it is not valid JSON\)\. 2 jobs could be read and were kept; the damaged file was kept as /,
    );
    assert.ok(atStartup.keptAt && atStartup.message.includes(atStartup.keptAt), 'the message names the kept copy');
    assert.equal(await fs.readFile(atStartup.keptAt ?? '', 'utf8'), STARTUP_DAMAGED_JOB_LIST, 'the damaged file is kept byte for byte');
    assert.deepEqual([...(atStartup.recovered ?? [])].sort(), [...STARTUP_RECOVERABLE_JOB_IDS].sort(), 'the readable jobs were kept');
    assert.equal(path.dirname(atStartup.keptAt ?? ''), path.dirname(swift.xrt.registry.file), 'next to the job list');
    await fs.rm(atStartup.keptAt ?? '', { force: true });
  });

  it('keeps a job list damaged while the window runs aside, tells the user where, and keeps every job it can read', async () => {
    const first = await submit('Kept source one');
    const second = await submit('Kept source two');
    const third = await submit('Lost source three');
    const file = swift.xrt.registry.file;
    const saved = JSON.parse(await fs.readFile(file, 'utf8')) as { version: number; jobs: JobRecord[] };
    // Two whole records, then the third cut in the middle: what a full disk or a sync tool leaves.
    const order = [first, second, third].map((id) => saved.jobs.find((j) => j.jobId === id));
    const text = JSON.stringify({ version: saved.version, jobs: order }, null, 1);
    const damaged = text.slice(0, text.indexOf(`"jobId": "${third}"`) + 12);
    const problemsBefore = swift.xrt.registryProblems.length;

    // Written from outside, as another window or a tool would: the window reads it as it reads the
    // file at start-up (the same locked read, kept-aside copy and recovery).
    await fs.writeFile(file, damaged, 'utf8');
    const problem = await waitFor('the warning about the damaged job list', 20_000, () =>
      swift.xrt.registryProblems.slice(problemsBefore).find((p) => p.keptAt),
    );

    assert.match(
      problem.message,
      /The saved XRT job list was damaged \(it is not valid JSON\)\. 2 jobs could be read and were kept; the damaged file was kept as /,
    );
    assert.ok(problem.keptAt && problem.message.includes(problem.keptAt), 'the message names the kept copy');
    assert.equal(await fs.readFile(problem.keptAt ?? '', 'utf8'), damaged, 'the damaged file is kept byte for byte');
    assert.deepEqual(
      swift.xrt.registry
        .all()
        .map((j) => j.jobId)
        .sort(),
      [first, second].sort(),
      'the readable jobs survive',
    );
    assert.deepEqual(
      swift.xrt.tree
        .getChildren()
        .map((n) => (n.kind === 'job' ? n.jobId : n.kind))
        .sort(),
      [first, second].sort(),
      'and are listed in the view',
    );
    const repaired = JSON.parse(await fs.readFile(file, 'utf8')) as { jobs: { jobId: string }[] };
    assert.deepEqual(repaired.jobs.map((j) => j.jobId).sort(), [first, second].sort(), 'the job list file holds what was recovered');
    await fs.rm(problem.keptAt ?? '', { force: true });
  });
});
