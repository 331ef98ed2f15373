// Reconciling uncertain campaign submissions with the user's job list: adopt the one job the submission made,
// send again only when the list shows it made none (after a grace period), and ask when the list cannot tell.
import * as assert from 'node:assert/strict';
import {
  listedJob,
  reconcileIntents,
  type ListedJob,
  type Reconciliation,
  type SubmissionIntent,
} from '../../../../src/xrt/campaign/campaignReconcile';
import { listOldJobsResponseSchema } from '../../../../src/xrt/responseSchemas';

const T0 = Date.parse('2026-12-03T10:00:00Z');
const MINUTE = 60_000;
const options = { graceMs: 2 * MINUTE, skewMs: 10 * MINUTE };

const intent = (sourceId: string, name = sourceId, recordedAt = T0): SubmissionIntent => ({
  sourceId,
  name,
  products: ['lc', 'spec'],
  recordedAt,
});

function job(
  jobId: string,
  name: string,
  submittedAt: number | undefined,
  products: ListedJob['products'] = { lc: true, spec: true },
): ListedJob {
  return { jobId, name, submittedAt, products };
}

function one(i: SubmissionIntent, listed: ListedJob[], now = T0 + 5 * MINUTE, claimed: string[] = []): Reconciliation {
  const decision = reconcileIntents([i], listed, new Set(claimed), now, options).get(i.sourceId);
  assert.ok(decision);
  return decision;
}

describe('campaign: reconciling an uncertain submission with the job list', () => {
  it('adopts the one job of that name and products submitted since the intent', () => {
    const listed = [job('900', 'NGC 1313 X-1', T0 + 3_000), job('850', 'M82 X-2', T0 + 2_000)];
    assert.deepEqual(one(intent('ngc1313', 'NGC 1313 X-1'), listed), { kind: 'adopt', jobId: '900' });
  });

  it('matches names as the service may echo them: case and runs of spaces do not matter', () => {
    assert.deepEqual(one(intent('a', 'ngc  1313 x-1'), [job('900', ' NGC 1313 X-1', T0 + 1_000)]), { kind: 'adopt', jobId: '900' });
  });

  it('leaves out older jobs of the same source, beyond the allowed clock skew', () => {
    const listed = [job('700', 'GRB 201203A', T0 - 11 * MINUTE)];
    assert.deepEqual(one(intent('grb', 'GRB 201203A'), listed), { kind: 'resubmit' });
    // Within the skew a job the service dated a little "before" the intent still counts.
    assert.deepEqual(one(intent('grb', 'GRB 201203A'), [job('701', 'GRB 201203A', T0 - 9 * MINUTE)]), { kind: 'adopt', jobId: '701' });
  });

  it('leaves out jobs of other products, but not for a product the row does not state', () => {
    const imageOnly = job('901', 'X', T0 + 1_000, { lc: false, spec: false, image: true });
    assert.deepEqual(one(intent('x', 'X'), [imageOnly]), { kind: 'resubmit' });
    // No SourceDet flag (it is not documented): the other flags decide.
    const noSourceDetFlag = job('902', 'X', T0 + 1_000, { lc: true, spec: true, psf: false, enh: false, xastrom: false, image: false });
    assert.deepEqual(one(intent('x', 'X'), [noSourceDetFlag]), { kind: 'adopt', jobId: '902' });
  });

  it('never adopts a job already claimed by another source or by the job registry', () => {
    assert.deepEqual(one(intent('x', 'X'), [job('903', 'X', T0 + 1_000)], T0 + 5 * MINUTE, ['903']), { kind: 'resubmit' });
  });

  it('waits out the grace period before reading an empty list as "not created"', () => {
    assert.deepEqual(one(intent('x', 'X'), [], T0 + 30_000), { kind: 'wait', until: T0 + 2 * MINUTE });
    assert.deepEqual(one(intent('x', 'X'), [], T0 + 2 * MINUTE), { kind: 'resubmit' });
  });

  it('asks when two jobs could be the one, or a candidate has no readable date', () => {
    const two = one(intent('x', 'X'), [job('904', 'X', T0 + 1_000), job('905', 'X', T0 + 2_000)]);
    assert.equal(two.kind, 'ask');
    assert.deepEqual(two.kind === 'ask' ? two.candidates.map((c) => c.jobId) : [], ['904', '905']);
    assert.match(two.kind === 'ask' ? two.reason : '', /2 jobs named "X"/);
    const undated = one(intent('x', 'X'), [job('906', 'X', undefined)]);
    assert.equal(undated.kind, 'ask');
    assert.match(undated.kind === 'ask' ? undated.reason : '', /no submission date/);
  });

  it('asks for both of two uncertain sources of the same name and products rather than guess whose job it is', () => {
    const a = intent('x-early', 'X');
    const b = { ...intent('x-late', 'X'), recordedAt: T0 + 1_000 };
    const decisions = reconcileIntents([a, b], [job('907', 'X', T0 + 2_000)], new Set(), T0 + 5 * MINUTE, options);
    assert.equal(decisions.get('x-early')?.kind, 'ask');
    assert.equal(decisions.get('x-late')?.kind, 'ask');
    // Different names are independent.
    const c = intent('y', 'Y');
    const separate = reconcileIntents([a, c], [job('907', 'X', T0 + 2_000)], new Set(), T0 + 5 * MINUTE, options);
    assert.deepEqual(separate.get('x-early'), { kind: 'adopt', jobId: '907' });
    assert.deepEqual(separate.get('y'), { kind: 'resubmit' });
  });

  it('never adopts one job for two intents, and never resubmits a source whose job is listed, over many random lists', () => {
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = ['A', 'B', 'C'];
    for (let trial = 0; trial < 500; trial++) {
      const intents = names.filter(() => rand() < 0.8).map((n, k) => intent(`${n}-${k}`, n, T0 + Math.floor(rand() * 60_000)));
      const listed: ListedJob[] = [];
      const created = new Set<string>();
      for (const i of intents) {
        if (rand() < 0.5) {
          listed.push(job(`j-${i.sourceId}`, i.name, i.recordedAt + Math.floor(rand() * 5_000)));
          created.add(i.sourceId);
        }
      }
      // Unrelated and older jobs around them.
      for (let k = 0; k < 3; k++) listed.push(job(`old-${k}`, names[k]!, T0 - 60 * MINUTE));
      const decisions = reconcileIntents(intents, listed, new Set(), T0 + 10 * MINUTE, options);
      const adopted = [...decisions.values()].flatMap((d) => (d.kind === 'adopt' ? [d.jobId] : []));
      assert.equal(new Set(adopted).size, adopted.length, 'a job adopted twice');
      for (const i of intents) {
        const d = decisions.get(i.sourceId)!;
        if (created.has(i.sourceId)) assert.notEqual(d.kind, 'resubmit', `trial ${trial}: ${i.sourceId} would be sent twice`);
        else assert.notEqual(d.kind, 'adopt', `trial ${trial}: ${i.sourceId} took a job it did not make`);
        if (d.kind === 'adopt') assert.equal(d.jobId, `j-${i.sourceId}`);
      }
    }
  });
});

describe('campaign: reading the job list for reconciliation', () => {
  it('reads the JobID, the name, the UTC date and the product flags the row states', () => {
    const reply = listOldJobsResponseSchema.parse({
      OK: 1,
      APIVersion: 1.12,
      jobs: [
        {
          JobID: 12345,
          Name: 'GRB 060729',
          DateSubmitted: '2026-12-03 10:00:05',
          LightCurve: true,
          Spectrum: false,
          StandardPos: false,
          EnhancedPos: false,
          AstromPos: false,
          Image: false,
          hasProd: true,
        },
        { JobID: '12346', Name: 'X', DateSubmitted: 'yesterday' },
      ],
    });
    const [a, b] = reply.jobs.map(listedJob);
    assert.deepEqual(a, {
      jobId: '12345',
      name: 'GRB 060729',
      submittedAt: Date.parse('2026-12-03T10:00:05Z'),
      products: { lc: true, spec: false, psf: false, enh: false, xastrom: false, image: false },
    });
    assert.deepEqual(b, { jobId: '12346', name: 'X', submittedAt: undefined, products: {} });
  });
});
