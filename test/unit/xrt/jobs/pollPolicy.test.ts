// The poll policy and the progress reading it relies on.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../support/paths';
import { describeProgress, estimateRemainingSeconds, nextStepHistory, parseTimeRunning } from '../../../../src/xrt/jobs/progressEstimate';
import { FIRST_POLL_DELAY_S, nextPollDelayS, type PollInput } from '../../../../src/xrt/jobs/pollPolicy';

/** The policy's bounds (src/xrt/jobs/pollPolicy.ts): never sooner than 10 s, never later than 10 min. */
const MIN_DELAY_S = 10;
const MAX_DELAY_S = 600;

const specProgress = (done: number, total: number, running: string) => ({
  GotProgress: 1,
  TimeRunning: running,
  ProgressSteps: [
    { StepLabel: 'Prepare data.', StepStatus: 2 },
    {
      StepLabel: 'Build spectra.',
      StepStatus: 1,
      StepExtra: `Working on spectrum: Obs_00081637001 (${done}/${total})`,
      SubStep: [
        { StepLabel: 'Extract data.', StepStatus: 2 },
        { StepLabel: 'Fit spectrum.', StepStatus: 1 },
      ],
    },
  ],
});

describe('progress reports', () => {
  it('reads counters in the forms the service writes', () => {
    const counted = (extra: string): string | undefined =>
      describeProgress({ GotProgress: 1, ProgressSteps: [{ StepLabel: 'Build spectra.', StepStatus: 1, StepExtra: extra }] });
    assert.equal(counted('Working on spectrum: Obs_00081637001 (14/156)'), 'Build spectra 14/156');
    assert.equal(counted('Working on observation 2 / 121'), 'Build spectra 2/121');
    assert.equal(counted('Working on it'), 'Build spectra');
    assert.equal(counted('9/0'), 'Build spectra', 'no counter out of nothing');
    assert.equal(parseTimeRunning('00:20:40'), 1240);
    assert.equal(parseTimeRunning('26:00:01'), 93601);
    assert.equal(parseTimeRunning('soon'), undefined);
  });

  it('counts the active step as partial progress and extrapolates the remaining time', () => {
    // one of two steps done, the second half-way (working on item 79 of 157): 75 % after 300 s → 100 s left
    assert.equal(estimateRemainingSeconds(specProgress(79, 157, '00:05:00')), 100);
    // "1/1" means working on the only item: half-way through the step, not finished (75 % after 60 s → 20 s left)
    assert.equal(estimateRemainingSeconds(specProgress(1, 1, '00:01:00')), 20);
    assert.equal(estimateRemainingSeconds({ GotProgress: 0 }), undefined);
    assert.equal(describeProgress(specProgress(14, 156, '00:01:00')), 'Build spectra 14/156');
  });
});

describe('poll policy', () => {
  const base: PollInput = {
    baseIntervalS: 30,
    products: [{ statusCode: 2 }],
    unchangedPolls: 0,
    consecutiveErrors: 0,
    windowFocused: true,
  };

  it('asks nothing when no product is active', () => {
    assert.equal(nextPollDelayS({ ...base, products: [{ statusCode: 4 }, { statusCode: -4 }, { statusCode: null }] }), undefined);
    assert.notEqual(nextPollDelayS({ ...base, products: [{ statusCode: 5 }] }), undefined, 'waiting for the position is active');
    assert.equal(nextPollDelayS({ ...base, products: [{ statusCode: -3 }] }), undefined);
  });

  it('uses the interval for queued products and stretches it while nothing changes', () => {
    assert.equal(nextPollDelayS(base), 30);
    assert.equal(nextPollDelayS({ ...base, unchangedPolls: 2 }), 67.5);
    assert.equal(nextPollDelayS({ ...base, unchangedPolls: 20 }), 120);
  });

  it('looks at the shortest spacing once the end is within the estimate’s margin of error', async () => {
    const progress = specProgress(150, 156, '00:10:00');
    const remaining = estimateRemainingSeconds(progress) ?? NaN;
    assert.ok(remaining > 10 && remaining < 15, `remaining ${remaining}`);
    // 600 s of running: the margin is 15 % of it (90 s), so a 13 s estimate is inside it.
    assert.equal(nextPollDelayS({ ...base, products: [{ statusCode: 3, progress }] }), MIN_DELAY_S);
    // Still in the final stretch after the expected end, with a fresher estimate of nearly done.
    assert.equal(nextPollDelayS({ ...base, products: [{ statusCode: 3, progress }], overdueS: 5 }), MIN_DELAY_S);
  });

  it('comes back when the margin around a distant end begins', () => {
    // 10 of 156 after 10 min: far from done; the next look is well before the estimate, never sooner than the interval.
    const progress = specProgress(10, 156, '00:10:00');
    const remaining = estimateRemainingSeconds(progress) ?? NaN;
    const delay = nextPollDelayS({ ...base, products: [{ statusCode: 3, progress }] }) ?? NaN;
    assert.ok(delay >= 30 && delay <= remaining - 90, `delay ${delay}, remaining ${remaining}`);
  });

  it('asks later when the expected end is far away', () => {
    const delay = nextPollDelayS({ ...base, products: [{ statusCode: 3, progress: specProgress(10, 156, '00:10:00') }] });
    assert.ok(delay !== undefined && delay > 60, `delay ${delay}`);
  });

  it('never asks more often than every 10 s nor less often than every 10 min', () => {
    assert.equal(nextPollDelayS({ ...base, baseIntervalS: 1 }), MIN_DELAY_S);
    assert.equal(nextPollDelayS({ ...base, products: [{ statusCode: 3, progress: specProgress(1, 1000, '10:00:00') }] }), MAX_DELAY_S);
  });

  it('slows down in the background and backs off after errors, honouring Retry-After', () => {
    assert.equal(nextPollDelayS({ ...base, windowFocused: false }), 60);
    assert.equal(nextPollDelayS({ ...base, consecutiveErrors: 1 }), 30);
    assert.equal(nextPollDelayS({ ...base, consecutiveErrors: 3 }), 120);
    assert.equal(nextPollDelayS({ ...base, consecutiveErrors: 1, retryAfterS: 90 }), 90);
  });
});

describe('step history', () => {
  const report = (running: string, statuses: number[], extra?: string) => ({
    GotProgress: 1,
    TimeRunning: running,
    ProgressSteps: statuses.map((st, i) => ({
      StepLabel: `Step ${i}.`,
      StepStatus: st,
      ...(st === 1 && extra ? { StepExtra: extra } : {}),
    })),
  });

  it('dates a step change to the midpoint between reports and remembers steps with counters', () => {
    let h = nextStepHistory(undefined, undefined, report('00:00:10', [1, 0, 0]));
    assert.deepEqual(h, { starts: [0], counted: [] });
    h = nextStepHistory(report('00:00:10', [1, 0, 0]), h, report('00:00:50', [2, 1, 0], 'Working on observation 1 / 7'));
    assert.deepEqual(h, { starts: [0, 30], counted: [1] });
  });

  it('estimates the rest from how long plain steps took, not from the long counted ones', () => {
    // step 0 (plain) took 30 s, step 1 (counted) 180 s; step 2 of 3 has run 10 s → 20 s left in it
    const h = { starts: [0, 30, 210], counted: [1] };
    assert.equal(estimateRemainingSeconds(report('00:03:40', [2, 2, 1]), h), 20);
  });
});

describe('poll interval as the product generator advises', () => {
  const report = (running: string, statuses: number[]) => ({
    GotProgress: 1,
    TimeRunning: running,
    ProgressSteps: statuses.map((st, i) => ({ StepLabel: `Step ${i}.`, StepStatus: st })),
  });

  it('defaults to once a minute, never below 10 s', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: {
        configuration:
          | { properties: Record<string, { default?: unknown; minimum?: unknown }> }
          | { properties: Record<string, { default?: unknown; minimum?: unknown }> }[];
      };
    };
    const sections = Array.isArray(manifest.contributes.configuration)
      ? manifest.contributes.configuration
      : [manifest.contributes.configuration];
    const setting = sections.map((s) => s.properties['swiftObservatory.xrt.pollIntervalSeconds']).find((p) => p !== undefined);
    assert.equal(setting?.default, 60);
    assert.equal(setting?.minimum, 10);
    const queued: PollInput = {
      baseIntervalS: 60,
      products: [{ statusCode: 2 }],
      unchangedPolls: 0,
      consecutiveErrors: 0,
      windowFocused: true,
    };
    assert.equal(nextPollDelayS(queued), 60, 'queued: once a minute');
  });

  it('expects a step that overruns its kind to run as long again, not to be nearly done', () => {
    // Plain steps took 30 s each; step 2 has run 90 s: the even bet is 90 s more, then one more step.
    const h = { starts: [0, 30, 60], counted: [] };
    assert.equal(estimateRemainingSeconds(report('00:02:30', [2, 2, 1, 0]), h), 90 + 30);
  });

  it('starts the 10 s stretch only within a tenth of the running time before the expected end', () => {
    // Plain steps of 200 s; the third (last) has run 200 - r s, so r s are left, after 600 - r s of running.
    const at = (remainingS: number): PollInput => {
      const running = 600 - remainingS;
      const hms = `00:${String(Math.floor(running / 60)).padStart(2, '0')}:${String(running % 60).padStart(2, '0')}`;
      return {
        baseIntervalS: 60,
        products: [{ statusCode: 3, progress: report(hms, [2, 2, 1]), stepHistory: { starts: [0, 200, 400], counted: [] } }],
        unchangedPolls: 0,
        consecutiveErrors: 0,
        windowFocused: true,
      };
    };
    assert.equal(estimateRemainingSeconds(at(70).products[0].progress, at(70).products[0].stepHistory), 70);
    // 70 s left after 530 s: outside the margin (53 s), so the next look is at the interval …
    assert.equal(nextPollDelayS(at(70)), 60);
    // … and 50 s left after 550 s is inside it (55 s): every 10 s until it ends.
    assert.equal(nextPollDelayS(at(50)), MIN_DELAY_S);
  });
});

describe('first look after a submission', () => {
  it('comes at the advised once-a-minute rhythm, when the products can be running, not at 10 s', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: {
        configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[];
      };
    };
    const sections = Array.isArray(manifest.contributes.configuration)
      ? manifest.contributes.configuration
      : [manifest.contributes.configuration];
    const advised = sections.map((s) => s.properties['swiftObservatory.xrt.pollIntervalSeconds']).find((p) => p !== undefined)?.default;
    assert.equal(FIRST_POLL_DELAY_S, advised);
  });
});
