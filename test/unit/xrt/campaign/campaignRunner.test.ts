// The campaign runner against the sandbox: at most maxActiveJobs active, every source sent exactly once
// under injected faults (an answer cut after the job was made, an error page, a reset connection), a crash
// between the intent and the reply settled from the job list, and one window at a time.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XrtClient } from '../../../../src/xrt/client';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { CampaignRunner, type CampaignClient } from '../../../../src/xrt/campaign/campaignRunner';
import { changeCampaignState, withSource, type CampaignState } from '../../../../src/xrt/campaign/campaignState';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { ASTRO } from '../../../sandbox/xrt/harness';

const PRODUCT_MS = 60_000;

/** The state file as another window (or the user) would read it. */
async function readCampaignState(file: string): Promise<CampaignState> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as CampaignState;
}

function sourceRequest(name: string): Record<string, unknown> {
  return { name, targ: String(10_000 + name.length), RA: 10 + name.length, Dec: -5, cent: 1, poserr: 1, useSXPS: 0, spec: 1, specz: 0 };
}

describe('campaign runner (against the sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  let client: XrtClient;

  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: PRODUCT_MS });
    client = new XrtClient({
      baseUrl: sandbox.xrtBaseUrl,
      userId: ASTRO,
      timeoutMs: 2_000,
      userAgent: 'swift-observatory-tests',
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-'));
  });
  afterEach(async () => {
    await sandbox.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  function runner(
    sources: { id: string; request: Record<string, unknown> }[],
    options: { max?: number; client?: CampaignClient; runnerId?: string; registry?: Map<string, JobRecord> } = {},
  ) {
    const registry = options.registry ?? new Map<string, JobRecord>();
    const r = new CampaignRunner({
      stateFile: path.join(dir, 'sample.xrt-campaign.state.json'),
      campaignFile: path.join(dir, 'sample.xrt-campaign.json'),
      sources,
      client: options.client ?? client,
      registry: {
        add: async (...records) => {
          for (const j of records) registry.set(j.jobId, j);
        },
        get: (id) => registry.get(id),
      },
      maxActiveJobs: () => options.max ?? 3,
      serviceUrl: sandbox.xrtBaseUrl,
      runnerId: options.runnerId ?? 'window-1',
      // One clock for both sides (the sandbox's is frozen), as the service's and ours roughly agree.
      now: () => sandbox.clock.nowMs(),
      // Waiting lets the service's products run: each wait is a product's duration.
      sleep: async () => {
        sandbox.clock.advance(PRODUCT_MS);
      },
      waitMs: () => 30_000,
      firstPollInMs: 10_000,
      log: () => undefined,
      reconcile: { graceMs: 0, skewMs: 10 * 60_000 },
    });
    return { r, registry };
  }

  /** The client, checking at each submission that the service counts fewer than `max` active jobs. */
  function countingClient(max: number, seen: { submits: number; maxActiveAtSubmit: number }): CampaignClient {
    return {
      userId: client.userId,
      submit: async (request, signal) => {
        const active = (await client.countActiveJobs()).numJobs;
        seen.maxActiveAtSubmit = Math.max(seen.maxActiveAtSubmit, active);
        assert.ok(active < max, `${active} jobs active when a submission was sent (limit ${max})`);
        seen.submits++;
        return client.submit(request, signal);
      },
      countActiveJobs: (signal) => client.countActiveJobs(signal),
      listOldJobs: (signal) => client.listOldJobs(signal),
      copyOldJob: (id, signal) => client.copyOldJob(id, signal),
    };
  }

  async function jobsByName(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const j of (await client.listOldJobs()).jobs) out.set(j.Name, [...(out.get(j.Name) ?? []), String(j.JobID)]);
    return out;
  }

  it('sends every source once, never with maxActiveJobs or more active, and records each job', async () => {
    const sources = Array.from({ length: 10 }, (_, i) => ({ id: `src-${i}`, request: sourceRequest(`Source ${i}`) }));
    const seen = { submits: 0, maxActiveAtSubmit: 0 };
    const { r, registry } = runner(sources, { max: 3, client: countingClient(3, seen) });
    assert.equal(await r.run(new AbortController().signal), 'finished');
    assert.equal(seen.submits, 10);
    assert.equal(seen.maxActiveAtSubmit, 2, 'it filled the room there was');
    const state = await readCampaignState(path.join(dir, 'sample.xrt-campaign.state.json'));
    const byName = await jobsByName();
    for (const s of sources) {
      const jobs = byName.get(String(s.request.name)) ?? [];
      assert.equal(jobs.length, 1, `${s.id}: ${jobs.length} jobs`);
      assert.equal(state.sources[s.id]?.status, 'submitted');
      assert.equal(state.sources[s.id]?.jobId, jobs[0]);
      assert.equal(registry.get(jobs[0]!)?.name, s.request.name);
    }
    assert.equal(state.runner, undefined, 'the window let go of the campaign');
  });

  it('makes no duplicate when a submission’s answer is cut, replaced by an error page, or the connection resets', async () => {
    const sources = Array.from({ length: 10 }, (_, i) => ({ id: `src-${i}`, request: sourceRequest(`Source ${i}`) }));
    const prefix = '/user_objects/run_userobject.php';
    sandbox.faults.add({ prefix, kind: 'truncated-json', match: '"Source 2"' });
    sandbox.faults.add({ prefix, kind: 'html-error', status: 502, match: '"Source 5"' });
    sandbox.faults.add({ prefix, kind: 'reset', match: '"Source 8"' });
    const { r } = runner(sources);
    assert.equal(await r.run(new AbortController().signal), 'finished');
    const byName = await jobsByName();
    for (const s of sources) assert.equal(byName.get(String(s.request.name))?.length, 1, `${s.id} has exactly one job`);
    const state = await readCampaignState(path.join(dir, 'sample.xrt-campaign.state.json'));
    assert.deepEqual(
      sources.map((s) => state.sources[s.id]?.status),
      sources.map(() => 'submitted'),
    );
    // The cut answer's job was found in the list, not made again.
    assert.equal(state.sources['src-2']?.jobId, byName.get('Source 2')?.[0]);
  });

  it('after a crash between the intent and the reply, adopts the job the service made instead of sending again', async () => {
    const sources = [
      { id: 'a', request: sourceRequest('Crashed') },
      { id: 'b', request: sourceRequest('Never sent') },
    ];
    const stateFile = path.join(dir, 'sample.xrt-campaign.state.json');
    // The earlier window recorded its intent for "a", sent it, and died before reading the answer.
    const made = await client.submit(sources[0]!.request);
    await changeCampaignState(stateFile, (s) => ({
      state: withSource(s, 'a', { status: 'sending', intentAt: sandbox.clock.nowMs() - 60_000 }),
      result: undefined,
    }));
    const { r } = runner(sources);
    assert.equal(await r.run(new AbortController().signal), 'finished');
    const state = await readCampaignState(stateFile);
    assert.equal(state.sources.a?.jobId, String(made.JobID));
    assert.equal((await jobsByName()).get('Crashed')?.length, 1);
    assert.equal(state.sources.b?.status, 'submitted');
  });

  it('asks the user instead of guessing when two jobs could be the uncertain one', async () => {
    const stateFile = path.join(dir, 'sample.xrt-campaign.state.json');
    const sources = [{ id: 'twin', request: sourceRequest('Twin') }];
    await client.submit(sources[0]!.request);
    await client.submit(sources[0]!.request);
    await changeCampaignState(stateFile, (s) => ({
      state: withSource(s, 'twin', { status: 'sending', intentAt: sandbox.clock.nowMs() - 60_000 }),
      result: undefined,
    }));
    const { r } = runner(sources);
    assert.equal(await r.run(new AbortController().signal), 'finished');
    const state = await readCampaignState(stateFile);
    assert.equal(state.sources.twin?.status, 'undecided');
    assert.equal(state.sources.twin?.candidates?.length, 2);
    assert.equal((await jobsByName()).get('Twin')?.length, 2, 'nothing more was sent');
  });

  it('keeps a refused source refused and goes on with the others', async () => {
    sandbox.faults.add({ prefix: '/user_objects/run_userobject.php', kind: 'ok0', message: 'Unknown target name', match: '"Nowhere"' });
    const sources = [
      { id: 'bad', request: sourceRequest('Nowhere') },
      { id: 'good', request: sourceRequest('Somewhere') },
    ];
    const { r } = runner(sources);
    assert.equal(await r.run(new AbortController().signal), 'finished');
    const state = await readCampaignState(path.join(dir, 'sample.xrt-campaign.state.json'));
    assert.equal(state.sources.bad?.status, 'refused');
    assert.match(state.sources.bad?.message ?? '', /Unknown target name/);
    assert.equal(state.sources.good?.status, 'submitted');
  });

  it('does not run a campaign another live window runs, and takes over from one that went silent', async () => {
    const stateFile = path.join(dir, 'sample.xrt-campaign.state.json');
    const sources = [{ id: 'a', request: sourceRequest('Shared') }];
    const t = sandbox.clock.nowMs();
    await changeCampaignState(stateFile, (s) => ({ state: { ...s, runner: { id: 'window-2', heartbeat: t - 5_000 } }, result: undefined }));
    assert.equal(await runner(sources).r.run(new AbortController().signal), 'taken');
    assert.equal((await jobsByName()).get('Shared'), undefined);
    await changeCampaignState(stateFile, (s) => ({
      state: { ...s, runner: { id: 'window-2', heartbeat: t - 61_000 } },
      result: undefined,
    }));
    assert.equal(await runner(sources).r.run(new AbortController().signal), 'finished');
    assert.equal((await jobsByName()).get('Shared')?.length, 1);
  });

  it('refuses to touch a state file it cannot read, and leaves it as it was', async () => {
    const stateFile = path.join(dir, 'sample.xrt-campaign.state.json');
    await fs.writeFile(stateFile, '{"version": 1, "sources": {"a": {"status": "sen', 'utf8');
    await assert.rejects(
      runner([{ id: 'a', request: sourceRequest('A') }]).r.run(new AbortController().signal),
      /not valid JSON.*left as it is/,
    );
    assert.equal(await fs.readFile(stateFile, 'utf8'), '{"version": 1, "sources": {"a": {"status": "sen');
    assert.equal((await jobsByName()).get('A'), undefined, 'nothing was sent');
  });
});
