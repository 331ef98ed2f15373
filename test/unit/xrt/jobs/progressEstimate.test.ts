// How the estimate reads a counting step whose counter is too short to say how far it got.
import * as assert from 'node:assert/strict';
import { estimateRemainingSeconds, nextStepHistory } from '../../../../src/xrt/jobs/progressEstimate';
import { nextPollDelayS, type PollInput } from '../../../../src/xrt/jobs/pollPolicy';

/** The poll policy's floor (src/xrt/jobs/pollPolicy.ts). */
const MIN_DELAY_S = 10;

/** A spectrum job as the service reports it: a plain preparation step, then the spectra one by one. */
const spectra = (running: string, counter?: string) => ({
  GotProgress: 1,
  TimeRunning: running,
  ProgressSteps: [
    { StepLabel: 'Prepare data.', StepStatus: counter ? 2 : 1 },
    {
      StepLabel: 'Build spectra.',
      StepStatus: counter ? 1 : 0,
      ...(counter ? { StepExtra: `Working on spectrum: interval0 (${counter})` } : {}),
      SubStep: [
        { StepLabel: 'Extract data.', StepStatus: counter ? 1 : 0 },
        { StepLabel: 'Fit spectrum.', StepStatus: 0 },
      ],
    },
  ],
});

describe('progress estimate of a counting step with a short counter', () => {
  // Preparation seen at 10 s, spectra at 40 s: the step change is put at 25 s; at 35 s the step has run 10 s.
  const first = spectra('00:00:10');
  const h = nextStepHistory(first, nextStepHistory(undefined, undefined, first), spectra('00:00:40', '1/1'));

  it('remembers the spectra step as a counting one', () => {
    assert.deepEqual(h, { starts: [0, 25], counted: [1] });
  });

  it('expects the step to run at least as long as a plain step, not a plain step less its own time', () => {
    // The plain step took 25 s and the counting one has run 10 s: 25 s more at least (not 15 s).
    assert.equal(estimateRemainingSeconds(spectra('00:00:35', '1/1'), h), 25);
    // Past the plain steps' length it is expected to run as long again.
    assert.equal(estimateRemainingSeconds(spectra('00:02:05', '1/1'), h), 100);
  });

  it('does not start the 10 s stretch on such a step early in its run', () => {
    const input: PollInput = {
      baseIntervalS: 60,
      products: [{ statusCode: 3, progress: spectra('00:00:35', '1/1'), stepHistory: h }],
      unchangedPolls: 0,
      consecutiveErrors: 0,
      windowFocused: true,
    };
    const delay = nextPollDelayS(input);
    assert.notEqual(delay, MIN_DELAY_S);
    assert.equal(delay, 60);
  });

  it('still reads a long counter as progress through the step', () => {
    // 25 s into the spectra step, working on the 3rd of 10 (2.5 done): 75 s more.
    const long = nextStepHistory(first, nextStepHistory(undefined, undefined, first), spectra('00:00:40', '1/10'));
    assert.equal(estimateRemainingSeconds(spectra('00:00:50', '3/10'), long), 75);
  });
});
