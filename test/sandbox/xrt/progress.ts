// Progress trees of running products (test/fixtures/protocol/xrt-products.md §4.2). Labels are the
// observed ones; sourceDet's are invented (unknown). Each step owns a share of the running time, and a
// counting step's "k/N" advances linearly, so a client can extrapolate the end time from two reports.
import type { ProductCode } from './constants';

export interface ProgressStep {
  StepLabel: string;
  StepStatus: 0 | 1 | 2;
  StepExtra?: string;
  SubStep?: ProgressStep[];
}

export interface ProgressTree {
  PreProgress?: string;
  ProgressSteps: ProgressStep[];
}

interface StepPlan {
  label: string;
  weight: number;
  /** Items worked through during this step: "Working on … (k/N)". */
  count?: { total: number; extra: (k: number, total: number) => string };
  /** Sub-steps that cycle once per counted item (or once through the step). */
  sub?: readonly string[];
}

/** What the step plans need to know about the job. */
export interface ProgressFacts {
  readonly observations: number;
  readonly spectra: readonly string[];
}

const observationCounter = (total: number): StepPlan['count'] => ({ total, extra: (k, n) => `Working on observation ${k} / ${n}` });
const SEARCH_SUBSTEPS = ['PSF fit sources found in previous iteration.', 'Build background map.', 'Perform source detection.'] as const;

function plans(product: ProductCode, facts: ProgressFacts): StepPlan[] {
  const obs = Math.max(1, facts.observations);
  switch (product) {
    case 'lc':
      return [
        { label: 'Prepare data and centroid (if selected).', weight: 0.15 },
        { label: 'Extract data.', weight: 0.55, count: observationCounter(obs) },
        { label: 'Binning light curve.', weight: 0.2 },
        { label: 'Plotting light curve as image.', weight: 0.1 },
      ];
    case 'spec':
      return [
        { label: 'Prepare data.', weight: 0.1 },
        {
          label: 'Build spectra.',
          weight: 0.9,
          count: {
            total: Math.max(1, facts.spectra.length),
            extra: (k, n) => `Working on spectrum: ${facts.spectra[k - 1] ?? 'interval0'} (${k}/${n})`,
          },
          sub: ['Extract data.', 'Fit spectrum.'],
        },
      ];
    case 'psf':
      return [
        { label: 'Collect data.', weight: 0.2 },
        { label: 'Sum images and exposure maps.', weight: 0.2 },
        { label: 'Perform detection with locally-estimated background', weight: 0.3 },
        { label: 'Perform PSF fit.', weight: 0.3 },
      ];
    case 'enh':
      return [
        { label: 'Identify XRT-UVOT overlaps.', weight: 0.3 },
        { label: 'Determine position.', weight: 0.4 },
        { label: 'Build Images.', weight: 0.3 },
      ];
    case 'xastrom':
      return [
        { label: 'Prepare data.', weight: 0.04 },
        { label: 'Collect data.', weight: 0.04 },
        { label: 'Prepare data for iterative source detection.', weight: 0.04 },
        { label: 'Create per-snapshot images and exposure maps.', weight: 0.3, count: observationCounter(obs) },
        { label: 'Sum per-snapshot images and exposure maps.', weight: 0.05 },
        { label: 'Run source detection.', weight: 0.03 },
        { label: 'Perform initial rough detection with locally-estimated background', weight: 0.05 },
        { label: 'Construct initial background map.', weight: 0.05 },
        { label: 'Perform initial source detection using the background map.', weight: 0.05 },
        { label: 'Searching for sources.', weight: 0.2, sub: SEARCH_SUBSTEPS },
        { label: 'Perform final fit.', weight: 0.1 },
        { label: 'Calculate astrometric correction.', weight: 0.05 },
      ];
    case 'image':
      return [
        { label: 'Collect data.', weight: 0.25 },
        { label: 'Merge event lists.', weight: 0.25 },
        { label: 'Creating images.', weight: 0.3 },
        { label: 'Creating exposure map.', weight: 0.2 },
      ];
    case 'sourceDet':
      // Invented: the real labels are not documented (§4.2 "unknown").
      return [
        { label: 'Collect data.', weight: 0.05 },
        { label: 'Create per-snapshot images and exposure maps.', weight: 0.3, count: observationCounter(obs) },
        { label: 'Sum per-snapshot images and exposure maps.', weight: 0.05 },
        { label: 'Searching for sources.', weight: 0.35, sub: SEARCH_SUBSTEPS },
        { label: 'Perform final PSF fit.', weight: 0.15 },
        { label: 'Build source lists.', weight: 0.1 },
      ];
  }
}

export function progressTree(product: ProductCode, fraction: number, facts: ProgressFacts): ProgressTree {
  const steps = plans(product, facts);
  const total = steps.reduce((s, p) => s + p.weight, 0);
  let start = 0;
  const out: ProgressStep[] = [];
  for (const plan of steps) {
    const end = start + plan.weight / total;
    if (fraction >= end) out.push(withSubs(plan, 2, 1));
    else if (fraction < start) out.push(withSubs(plan, 0, 0));
    else out.push(activeStep(plan, (fraction - start) / (end - start)));
    start = end;
  }
  return product === 'enh' ? { PreProgress: 'Trying using the <em>v,b,white</em> filters:', ProgressSteps: out } : { ProgressSteps: out };
}

function withSubs(plan: StepPlan, status: 0 | 2, subStatus: 0 | 1): ProgressStep {
  const step: ProgressStep = { StepLabel: plan.label, StepStatus: status };
  if (plan.sub) step.SubStep = plan.sub.map((label) => ({ StepLabel: label, StepStatus: subStatus === 1 ? 2 : 0 }));
  return step;
}

function activeStep(plan: StepPlan, within: number): ProgressStep {
  const step: ProgressStep = { StepLabel: plan.label, StepStatus: 1 };
  let cycle = within;
  if (plan.count) {
    const n = plan.count.total;
    const k = Math.min(n, Math.floor(within * n) + 1);
    step.StepExtra = plan.count.extra(k, n);
    cycle = within * n - (k - 1);
  }
  if (plan.sub) {
    const active = Math.min(plan.sub.length - 1, Math.floor(cycle * plan.sub.length));
    step.SubStep = plan.sub.map((label, i) => ({ StepLabel: label, StepStatus: i < active ? 2 : i === active ? 1 : 0 }));
  }
  return step;
}
