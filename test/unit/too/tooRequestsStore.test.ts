// The TOO requests store on its own, with a fake client: what it lists and in which order, that it
// says when it changed, that a failed refresh keeps the last known list and reports why, and that a
// signed-out store lists nothing and sends nothing.
import * as assert from 'node:assert/strict';
import { tooListResponseSchema, type TooListResponse, type TooRecord } from '../../../src/too/responseSchemas';
import { TooRequestsStore, type TooDateRange, type TooRequestsClient } from '../../../src/too/tooRequestsStore';

type ListParams = Parameters<TooRequestsClient['listToos']>[0];

function list(...entries: Record<string, unknown>[]): TooListResponse {
  return tooListResponseSchema.parse({ entries });
}

function record(fields: Record<string, unknown>): TooRecord {
  const parsed = list(fields).entries[0];
  assert.ok(parsed);
  return parsed;
}

/** Resolves when `settle` is called: a reply that arrives when the test says. */
function deferred<T>(): { promise: Promise<T>; settle(value: T): void; fail(error: Error): void } {
  let settle!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
}

class FakeClient implements TooRequestsClient {
  readonly listCalls: ListParams[] = [];
  readonly getCalls: number[] = [];
  listAnswer: () => Promise<TooListResponse> = async () => list();
  getAnswer: (tooId: number) => Promise<TooRecord> = async (tooId) => {
    throw new Error(`The Swift TOO API does not list TOO ${tooId}.`);
  };

  listToos(params: ListParams): Promise<TooListResponse> {
    this.listCalls.push(params);
    return this.listAnswer();
  }

  getToo(tooId: number): Promise<TooRecord> {
    this.getCalls.push(tooId);
    return this.getAnswer(tooId);
  }
}

interface Harness {
  readonly store: TooRequestsStore;
  readonly client: FakeClient;
  readonly logged: string[];
  /** How many change events fired so far. */
  changes(): number;
  signedIn: boolean;
  range: TooDateRange;
  submitted: number[];
}

function harness(): Harness {
  const client = new FakeClient();
  const logged: string[] = [];
  let changes = 0;
  const h: Harness = {
    client,
    logged,
    changes: () => changes,
    signedIn: true,
    range: { begin: '2026-01-01', end: '2026-03-31' },
    submitted: [],
    store: new TooRequestsStore({
      client: async () => (h.signedIn ? client : undefined),
      range: () => h.range,
      submittedIds: () => h.submitted,
      log: (line) => logged.push(line),
    }),
  };
  h.store.onDidChange(() => (changes += 1));
  return h;
}

describe('TOO requests store', () => {
  it('lists the date range (public list, whole days), newest submission first, and says it changed', async () => {
    const h = harness();
    h.client.listAnswer = async () =>
      list(
        { too_id: 101, target_name: 'GRB 260101A', timestamp: '2026-01-01 10:00:00', decision: 'Approved' },
        { too_id: 102, target_name: 'SN 2026ab', timestamp: '2026-02-15 08:30:00' },
        { too_id: 100, target_name: 'Old nova', timestamp: '2026-01-01 10:00:00' },
      );
    await h.store.refresh();
    assert.deepEqual(h.client.listCalls, [{ begin: '2026-01-01 00:00:00', end: '2026-03-31 23:59:59', detail: false }]);
    assert.deepEqual(h.store.listedIds(), [102, 101, 100], 'newest first; the same time: higher id first');
    assert.equal(h.store.record(101)?.target_name, 'GRB 260101A');
    assert.equal(h.store.record(999), undefined);
    assert.equal(h.store.signedIn, true);
    assert.equal(h.store.problem, undefined);
    assert.equal(h.store.isLoading, false);
    assert.equal(h.changes(), 1, 'one change event per refresh');
  });

  it('reads each request submitted here that the range leaves out, and keeps one the service does not list', async () => {
    const h = harness();
    h.submitted = [201, 202];
    h.client.listAnswer = async () => list({ too_id: 150, timestamp: '2026-01-05 00:00:00' });
    h.client.getAnswer = async (tooId) => {
      if (tooId === 201) return record({ too_id: 201, target_name: 'Mine', timestamp: '2025-12-01 00:00:00' });
      throw new Error(`The Swift TOO API does not list TOO ${tooId} (it lists approved requests only).`);
    };
    await h.store.refresh();
    assert.deepEqual(h.client.getCalls, [201, 202]);
    assert.equal(h.store.record(201)?.target_name, 'Mine');
    assert.equal(h.store.isUnlisted(202), true);
    assert.equal(h.store.isUnlisted(201), false);
    assert.ok(h.store.listedIds().includes(202), 'an unlisted request submitted here still has its row');
    assert.equal(h.store.isSubmittedHere(201), true);
    assert.equal(h.store.isSubmittedHere(150), false);
    assert.ok(
      h.logged.some((line) => /TOO 202 \(submitted from here\) could not be read/.test(line)),
      h.logged.join('\n'),
    );
  });

  it('keeps the last known list when a refresh fails, reports why, and fires so the view can say so', async () => {
    const h = harness();
    h.client.listAnswer = async () => list({ too_id: 301, target_name: 'Kept', timestamp: '2026-01-02 00:00:00' });
    await h.store.refresh();
    h.client.listAnswer = async () => {
      throw new Error('The Swift TOO API answered with an error page (HTTP 502).');
    };
    await h.store.refresh();
    assert.deepEqual(h.store.listedIds(), [301], 'the list is not emptied');
    assert.equal(h.store.record(301)?.target_name, 'Kept');
    assert.match(h.store.problem ?? '', /HTTP 502/);
    assert.ok(
      h.logged.some((line) => /^Listing TOO requests failed: .*HTTP 502/.test(line)),
      h.logged.join('\n'),
    );
    assert.equal(h.changes(), 2);

    h.client.listAnswer = async () => list({ too_id: 302, timestamp: '2026-01-03 00:00:00' });
    await h.store.refresh();
    assert.equal(h.store.problem, undefined, 'a good refresh clears the problem');
    assert.deepEqual(h.store.listedIds(), [302]);
  });

  it('names the records of the list it could not read', async () => {
    const h = harness();
    h.client.listAnswer = async () => list({ too_id: 401, timestamp: '2026-01-02 00:00:00' }, { too_id: 'not a number', urgency: 'soon' });
    await h.store.refresh();
    assert.deepEqual(h.store.listedIds(), [401]);
    assert.match(h.store.skippedNote ?? '', /record/i);
    assert.ok(h.logged.some((line) => line.startsWith('Listing TOO requests: ')));
  });

  it('signed out: lists nothing and sends nothing', async () => {
    const h = harness();
    h.signedIn = false;
    h.submitted = [501];
    await h.store.refresh();
    assert.deepEqual(h.store.listedIds(), []);
    assert.equal(h.store.signedIn, false);
    assert.deepEqual(h.client.listCalls, []);
    assert.deepEqual(h.client.getCalls, []);
    assert.equal(await h.store.detailed(501), undefined, 'no detail read either');
    assert.deepEqual(h.client.getCalls, []);
    assert.equal(h.changes(), 1);
  });

  it('signing out forgets the list at once, and a refresh under way then is not shown when it ends', async () => {
    const h = harness();
    h.client.listAnswer = async () => list({ too_id: 601, timestamp: '2026-01-02 00:00:00' });
    await h.store.refresh();
    const late = deferred<TooListResponse>();
    h.client.listAnswer = () => late.promise;
    const refreshing = h.store.refresh();
    h.signedIn = false;
    h.store.clear();
    assert.deepEqual(h.store.listedIds(), [], 'forgotten at once');
    assert.equal(h.store.signedIn, false);
    const changesAtClear = h.changes();
    late.settle(list({ too_id: 602, timestamp: '2026-01-03 00:00:00' }));
    await refreshing;
    assert.deepEqual(h.store.listedIds(), [], 'the answer for the old account is dropped');
    assert.equal(h.store.record(602), undefined);
    assert.ok(h.changes() >= changesAtClear);
  });

  it('a refresh asked during a load waits for one more load, which sees the new range; callers share it', async () => {
    const h = harness();
    const first = deferred<TooListResponse>();
    h.client.listAnswer = () => first.promise;
    const a = h.store.refresh();
    assert.equal(h.store.isLoading, true);
    await new Promise(setImmediate);
    assert.equal(h.client.listCalls.length, 1, 'the first load has asked');
    h.range = { begin: '2026-04-01', end: '2026-04-30' };
    const b = h.store.refresh();
    const c = h.store.refresh();
    h.client.listAnswer = async () => list({ too_id: 701, timestamp: '2026-04-02 00:00:00' });
    first.settle(list({ too_id: 700, timestamp: '2026-01-02 00:00:00' }));
    await a;
    await Promise.all([b, c]);
    assert.deepEqual(
      h.client.listCalls.map((p) => p.begin),
      ['2026-01-01 00:00:00', '2026-04-01 00:00:00'],
      'two loads, not three',
    );
    assert.deepEqual(h.store.listedIds(), [701]);
  });

  it('reads the full record of a request submitted from here, keeps it and fires; others keep the public record', async () => {
    const h = harness();
    h.submitted = [801];
    h.client.listAnswer = async () =>
      list(
        { too_id: 801, target_name: 'Public', timestamp: '2026-01-02 00:00:00' },
        { too_id: 802, target_name: 'Theirs', timestamp: '2026-01-03 00:00:00' },
      );
    await h.store.refresh();
    const before = h.changes();
    h.client.getAnswer = async (tooId) =>
      record({ too_id: tooId, target_name: 'Public', proposal_pi: 'A. Astro', timestamp: '2026-01-02 00:00:00' });
    const full = await h.store.detailed(801);
    assert.equal(full?.proposal_pi, 'A. Astro');
    assert.equal(h.store.record(801)?.proposal_pi, 'A. Astro', 'kept for the detail document');
    assert.equal(h.changes(), before + 1);
    assert.equal((await h.store.detailed(802))?.target_name, 'Theirs');
    assert.deepEqual(h.client.getCalls, [801], 'details are only asked for the submitter’s own requests');

    h.client.getAnswer = async () => {
      throw new Error('HTTP 500');
    };
    assert.equal((await h.store.detailed(801))?.proposal_pi, 'A. Astro', 'a failed detail read keeps what is known');
    assert.ok(h.logged.some((line) => /details of TOO 801 could not be read: HTTP 500/.test(line)));
  });
});
