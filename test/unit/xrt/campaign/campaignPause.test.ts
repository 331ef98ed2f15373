// Pausing and withdrawing in the campaign state, as the runner sees them: a pause stops the sending before
// the next source (the jobs sent go on), clearing it sends the rest and nothing twice; withdrawn sources are
// never sent, not even when a send that was on its way fails; Run records the plan's sources as queued.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServiceError } from '../../../../src/http/errors';
import { CampaignRunner, type CampaignClient } from '../../../../src/xrt/campaign/campaignRunner';
import { changeCampaignState, readCampaignState, recordPlannedSources, withSource } from '../../../../src/xrt/campaign/campaignState';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';

const SOURCES = ['a', 'b', 'c', 'd'].map((id) => ({ id, request: { name: `Source ${id}`, RA: 10, Dec: -5, spec: 1 } }));

describe('campaign pause and withdrawal (runner)', () => {
  let dir: string;
  let stateFile: string;
  /** The service's job IDs, unique across the fakes of a test (one service). */
  let nextJob = 100;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-pause-'));
    stateFile = path.join(dir, 'sample.xrt-campaign.state.json');
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A service with always room, making a new job each time; `onSubmit` runs before each answer. */
  function fakeService(onSubmit: (name: string) => Promise<void> | void = () => undefined) {
    const sent: string[] = [];
    const client: CampaignClient = {
      userId: 'astro@example.org',
      submit: async (request) => {
        sent.push(String(request.name));
        await onSubmit(String(request.name));
        return { JobID: nextJob++, URL: 'http://127.0.0.1/job', jobPars: {} };
      },
      countActiveJobs: () => Promise.resolve({ numJobs: 0 }),
      listOldJobs: () => Promise.resolve({ jobs: [] }),
      copyOldJob: () => Promise.reject(new Error('not used')),
    };
    return { client, sent };
  }

  function runner(client: CampaignClient) {
    const registry = new Map<string, JobRecord>();
    return new CampaignRunner({
      stateFile,
      campaignFile: path.join(dir, 'sample.xrt-campaign.json'),
      sources: SOURCES,
      client,
      registry: { add: async (...records) => void records.forEach((j) => registry.set(j.jobId, j)), get: (id) => registry.get(id) },
      maxActiveJobs: () => 5,
      serviceUrl: 'http://127.0.0.1',
      runnerId: 'window-1',
      sleep: async () => undefined,
      waitMs: () => 0,
      firstPollInMs: 0,
      log: () => undefined,
    });
  }

  const pause = () => changeCampaignState(stateFile, (s) => ({ state: { ...s, paused: true }, result: undefined }));
  const resume = () => changeCampaignState(stateFile, ({ paused: _p, ...s }) => ({ state: s, result: undefined }));

  it('stops sending once paused (the source on its way is answered), and sends only the rest once resumed', async () => {
    const first = fakeService(async (name) => {
      if (name === 'Source b') await pause();
    });
    assert.equal(await runner(first.client).run(new AbortController().signal), 'paused');
    assert.deepEqual(first.sent, ['Source a', 'Source b']);
    let state = await readCampaignState(stateFile);
    assert.equal(state.paused, true);
    assert.deepEqual(
      SOURCES.map((s) => state.sources[s.id]?.status ?? 'queued'),
      ['submitted', 'submitted', 'queued', 'queued'],
    );

    // Still paused: a run sends nothing.
    const idle = fakeService();
    assert.equal(await runner(idle.client).run(new AbortController().signal), 'paused');
    assert.deepEqual(idle.sent, []);

    await resume();
    const second = fakeService();
    assert.equal(await runner(second.client).run(new AbortController().signal), 'finished');
    assert.deepEqual(second.sent, ['Source c', 'Source d'], 'nothing sent twice');
    state = await readCampaignState(stateFile);
    assert.deepEqual(new Set(SOURCES.map((s) => state.sources[s.id]?.jobId)).size, 4);
  });

  it('never sends a withdrawn source, and a withdrawn source whose send failed stays withdrawn', async () => {
    await recordPlannedSources(
      stateFile,
      SOURCES.map((s) => s.id),
    );
    await changeCampaignState(stateFile, (s) => ({ state: withSource(s, 'c', { status: 'withdrawn' }), result: undefined }));
    // While `b` is on its way, the campaign is cancelled: `b` (then sending) and `d` are withdrawn; `b`'s send fails.
    const service = fakeService(async (name) => {
      if (name !== 'Source b') return;
      await changeCampaignState(stateFile, (s) => ({
        state: withSource(withSource(s, 'b', { ...s.sources.b!, status: 'withdrawn' }), 'd', { status: 'withdrawn' }),
        result: undefined,
      }));
      throw new ServiceError({ kind: 'network', service: 'XRT product generator', message: 'connection refused', delivery: 'not-sent' });
    });
    assert.equal(await runner(service.client).run(new AbortController().signal), 'finished');
    assert.deepEqual(service.sent, ['Source a', 'Source b']);
    const state = await readCampaignState(stateFile);
    assert.deepEqual(
      SOURCES.map((s) => state.sources[s.id]?.status),
      ['submitted', 'withdrawn', 'withdrawn', 'withdrawn'],
    );
    const again = fakeService();
    assert.equal(await runner(again.client).run(new AbortController().signal), 'finished');
    assert.deepEqual(again.sent, []);
  });

  it('records the plan’s sources as queued in file order, keeps what was done, and drops queued ones no longer planned', async () => {
    await changeCampaignState(stateFile, (s) => ({
      state: withSource(withSource(s, 'old', { status: 'queued' }), 'b', { status: 'submitted', jobId: '7' }),
      result: undefined,
    }));
    const state = await recordPlannedSources(stateFile, ['a', 'b', 'c']);
    assert.deepEqual(state.sources, { b: { status: 'submitted', jobId: '7' }, a: { status: 'queued' }, c: { status: 'queued' } });
    assert.deepEqual(await readCampaignState(stateFile), state);
  });
});
