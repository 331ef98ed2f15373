// Reading the service's progress reports for hints of how soon a product will finish: the active
// step's counter ("Working on spectrum: Obs_00081637001 (14/156)", "Working on observation 2 / 121")
// and `TimeRunning`. The poll scheduler uses the estimate to ask again just after the expected end
// instead of at a fixed rhythm.
import { StepStatus } from '../productCodes';
import type { Progress, ProgressStep } from '../responseSchemas';

interface ProgressCounter {
  readonly done: number;
  readonly total: number;
}

/** `"14/156"`, `"2 / 121"`, `"(3 of 10)"` → {done, total}; the last such pair in the text wins. */
function parseCounter(text: string | undefined): ProgressCounter | undefined {
  if (!text) return undefined;
  const matches = [...text.matchAll(/(\d+)\s*(?:\/|of)\s*(\d+)/g)];
  const last = matches.at(-1);
  if (!last) return undefined;
  const done = Number(last[1]);
  const total = Number(last[2]);
  return total > 0 && done <= total ? { done, total } : undefined;
}

/** `"HH:MM:SS"` (hours may exceed 24) → seconds. */
export function parseTimeRunning(text: string | undefined): number | undefined {
  const m = /^\s*(\d+):(\d{1,2}):(\d{1,2})\s*$/.exec(text ?? '');
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/**
 * Fraction of the steps done, counting the active step's counter as partial progress through it. A
 * counter names the item being worked on ("spectrum 14/156" is the 14th, not yet finished), so it
 * counts as half-way through that item.
 */
function fractionDone(progress: Progress | undefined): number | undefined {
  const steps = progress?.ProgressSteps;
  if (!steps || steps.length === 0) return undefined;
  let done = 0;
  for (const step of steps) {
    if (step.StepStatus === StepStatus.Done) done += 1;
    else if (step.StepStatus === StepStatus.Active) {
      const counter = parseCounter(step.StepExtra) ?? parseCounter(activeSubStep(step)?.StepExtra);
      done += counter ? Math.max(0, counter.done - 0.5) / counter.total : 0;
    }
  }
  return Math.min(1, done / steps.length);
}

function activeSubStep(step: ProgressStep): ProgressStep | undefined {
  return step.SubStep?.find((s) => s.StepStatus === StepStatus.Active);
}

/** The active step, or undefined. */
function activeStep(progress: Progress | undefined): ProgressStep | undefined {
  return progress?.ProgressSteps?.find((s) => s.StepStatus === StepStatus.Active);
}

/**
 * What earlier reports showed of the steps: when each began (seconds of running time; a step seen to
 * start between two reports is put at their midpoint) and which carried a counter ("14/156").
 */
export interface StepHistory {
  readonly starts: readonly number[];
  readonly counted: readonly number[];
}

/** Index of the active step, or of the first not-done step. */
function activeStepIndex(progress: Progress | undefined): number | undefined {
  const steps = progress?.ProgressSteps;
  if (!steps || steps.length === 0) return undefined;
  const active = steps.findIndex((s) => s.StepStatus === StepStatus.Active);
  if (active >= 0) return active;
  const pending = steps.findIndex((s) => s.StepStatus !== StepStatus.Done);
  return pending >= 0 ? pending : steps.length;
}

function counterOf(step: ProgressStep | undefined): ProgressCounter | undefined {
  return step ? (parseCounter(step.StepExtra) ?? parseCounter(activeSubStep(step)?.StepExtra)) : undefined;
}

/** Carries the step history forward from the previous report to the current one. */
export function nextStepHistory(
  previous: Progress | undefined,
  history: StepHistory | undefined,
  current: Progress | undefined,
): StepHistory | undefined {
  const index = activeStepIndex(current);
  const running = parseTimeRunning(current?.TimeRunning);
  if (index === undefined || running === undefined) return history;
  const starts = [...(history?.starts ?? [])];
  if (starts.length === 0) starts.push(0);
  if (index >= starts.length) {
    const before = parseTimeRunning(previous?.TimeRunning);
    const since = before !== undefined && before <= running ? (before + running) / 2 : running;
    // Steps skipped between two reports are spread evenly between the previous start and now.
    const from = starts.length;
    const last = starts[from - 1];
    for (let i = from; i <= index; i += 1) starts.push(i === index ? since : last + ((since - last) * (i - from + 1)) / (index - from + 1));
  }
  const counted = new Set(history?.counted ?? []);
  if (counterOf(current?.ProgressSteps?.[index])) counted.add(index);
  return { starts, counted: [...counted].sort((a, b) => a - b) };
}

/**
 * Seconds until the product is likely to finish. With a step history, from the average duration of
 * the steps already done and how long the current one has run; else from how far it got in how long.
 * Undefined when the report gives nothing to extrapolate from (no steps, or no running time yet).
 */
export function estimateRemainingSeconds(progress: Progress | undefined, history?: StepHistory): number | undefined {
  const fromSteps = estimateFromStepTimes(progress, history);
  if (fromSteps !== undefined) return fromSteps;
  const running = parseTimeRunning(progress?.TimeRunning);
  const fraction = fractionDone(progress);
  if (running === undefined || fraction === undefined || running <= 0 || fraction <= 0) return undefined;
  if (fraction >= 1) return 0;
  return (running * (1 - fraction)) / fraction;
}

/** A short description for the tree, e.g. "Build spectra 14/156". */
export function describeProgress(progress: Progress | undefined): string | undefined {
  const step = activeStep(progress);
  if (!step?.StepLabel) return undefined;
  const label = step.StepLabel.replace(/\.\s*$/, '');
  const counter = parseCounter(step.StepExtra) ?? parseCounter(activeSubStep(step)?.StepExtra);
  return counter ? `${label} ${counter.done}/${counter.total}` : label;
}

const MIN_COUNTER_TOTAL = 4;

function estimateFromStepTimes(progress: Progress | undefined, history: StepHistory | undefined): number | undefined {
  const steps = progress?.ProgressSteps;
  const running = parseTimeRunning(progress?.TimeRunning);
  const index = activeStepIndex(progress);
  if (!steps || running === undefined || index === undefined || !history || index === 0 || history.starts.length !== index + 1)
    return undefined;
  // Steps that loop over observations or spectra (they show a counter) are the long ones; the others
  // tell best how long a step without a counter takes.
  const durations = history.starts.slice(0, index).map((start, i) => ({ i, d: history.starts[i + 1] - start }));
  const plain = durations.filter((x) => !history.counted.includes(x.i));
  const pool = plain.length > 0 ? plain : durations;
  const perStep = pool.reduce((sum, x) => sum + x.d, 0) / pool.length;
  const inStep = Math.max(0, running - history.starts[index]);
  const counter = counterOf(steps[index]);
  // A counter over a handful of items ("1/1", "2/3") says little about time within the step.
  const within = counter && counter.total >= MIN_COUNTER_TOTAL ? Math.max(0, counter.done - 0.5) / counter.total : undefined;
  let remainingInStep: number;
  if (within !== undefined && within > 0) remainingInStep = (inStep * (1 - within)) / within;
  // A counting step is one of the long ones even when its counter is too short to read ("1/1"): the
  // plain steps say nothing of its length, so it is expected to run at least as long again.
  else if (counter) remainingInStep = Math.max(inStep, perStep);
  else if (inStep < perStep) remainingInStep = perStep - inStep;
  // Longer than its kind usually takes: then nothing but its own duration so far says how long it is,
  // and the even bet is that it runs as long again (half as long again, tried first, put the end too
  // early: a step that overruns tends to be one of the long ones, and each early guess costs requests).
  else remainingInStep = inStep;
  return remainingInStep + Math.max(0, steps.length - index - 1) * perStep;
}
