// Reading the service's progress reports for hints of how soon a product will finish: the active
// step's counter ("Working on spectrum: Obs_00081637001 (14/156)", "Working on observation 2 / 121")
// and `TimeRunning`. The poll scheduler uses the estimate to ask again just after the expected end
// instead of at a fixed rhythm.

export interface ProgressStepLike {
  readonly StepLabel?: string;
  readonly StepStatus?: number;
  readonly StepExtra?: string;
  readonly SubStep?: readonly ProgressStepLike[];
}

export interface ProgressLike {
  readonly GotProgress?: number;
  readonly TimeRunning?: string;
  readonly ProgressSteps?: readonly ProgressStepLike[];
}

export interface ProgressCounter {
  readonly done: number;
  readonly total: number;
}

/** `"14/156"`, `"2 / 121"`, `"(3 of 10)"` → {done, total}; the last such pair in the text wins. */
export function parseCounter(text: string | undefined): ProgressCounter | undefined {
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

/** Fraction of the steps done, counting the active step's counter as partial progress through it. */
export function fractionDone(progress: ProgressLike | undefined): number | undefined {
  const steps = progress?.ProgressSteps;
  if (!steps || steps.length === 0) return undefined;
  let done = 0;
  for (const step of steps) {
    if (step.StepStatus === 2) done += 1;
    else if (step.StepStatus === 1) {
      const counter = parseCounter(step.StepExtra) ?? parseCounter(activeSubStep(step)?.StepExtra);
      done += counter ? counter.done / counter.total : 0;
    }
  }
  return Math.min(1, done / steps.length);
}

function activeSubStep(step: ProgressStepLike): ProgressStepLike | undefined {
  return step.SubStep?.find((s) => s.StepStatus === 1);
}

/** The active step (status 1), or undefined. */
export function activeStep(progress: ProgressLike | undefined): ProgressStepLike | undefined {
  return progress?.ProgressSteps?.find((s) => s.StepStatus === 1);
}

/**
 * Seconds until the product is likely to finish, from how far it got in how long. Undefined when the
 * report gives nothing to extrapolate from (no steps, or no running time yet).
 */
export function estimateRemainingSeconds(progress: ProgressLike | undefined): number | undefined {
  const running = parseTimeRunning(progress?.TimeRunning);
  const fraction = fractionDone(progress);
  if (running === undefined || fraction === undefined || running <= 0 || fraction <= 0) return undefined;
  if (fraction >= 1) return 0;
  return (running * (1 - fraction)) / fraction;
}

/** A short description for the tree, e.g. "Build spectra 14/156". */
export function describeProgress(progress: ProgressLike | undefined): string | undefined {
  const step = activeStep(progress);
  if (!step?.StepLabel) return undefined;
  const label = step.StepLabel.replace(/\.\s*$/, '');
  const counter = parseCounter(step.StepExtra) ?? parseCounter(activeSubStep(step)?.StepExtra);
  return counter ? `${label} ${counter.done}/${counter.total}` : label;
}
