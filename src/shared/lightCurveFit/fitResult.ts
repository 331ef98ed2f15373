// The result of a fit, as plain JSON-able data (the viewer, the CLI and scripts read the same object).
import type { DecayModel, ExclusionRange } from './types';

export interface FitParameter {
  /** `N`, `alpha1`, `alpha2`, …, `tbreak1`, … */
  readonly name: string;
  /** `count/s` for N, `s` for break times, empty for indices. */
  readonly unit: string;
  readonly value: number;
  /** 90 % interval from the χ² profile; null on a side the data do not bound (see `lowerUnbounded`). */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly lowerUnbounded: boolean;
  readonly upperUnbounded: boolean;
  /** 1σ error from the covariance matrix (propagated to N and t_b from ln N and ln t_b); null when singular. */
  readonly covarianceError: number | null;
}

export interface BinResidual {
  readonly dataset: string;
  readonly start: number;
  readonly stop: number;
  readonly rate: number;
  readonly upperLimit: boolean;
  /** The model averaged over the bin. */
  readonly model: number;
  /** Signed (model − data)/σ with σ on the model's side; for an upper limit the penalty's root, 0 when respected. */
  readonly residual: number;
  /** Left out by an exclusion range (residual shown, not counted). */
  readonly excluded: boolean;
}

export interface CompetingModel {
  readonly model: DecayModel;
  readonly label: string;
  readonly chi2: number;
  readonly dof: number;
  readonly freeParameters: number;
  readonly bic: number;
  readonly chosen: boolean;
  /** Best values without intervals (intervals are computed for the chosen model only). */
  readonly parameters: Readonly<Record<string, number>>;
}

export interface ModelComparison {
  readonly criterion: 'BIC';
  /** How the criterion is computed and applied, in words (shown with the table). */
  readonly rule: string;
  readonly models: readonly CompetingModel[];
}

export interface LightCurveFitResult {
  readonly model: DecayModel;
  readonly label: string;
  /** t0 (s since T0) at which N is the model rate. */
  readonly pivot: number;
  readonly parameters: readonly FitParameter[];
  readonly statistic: {
    readonly name: 'chi2';
    readonly value: number;
    readonly dof: number;
    readonly detections: number;
    readonly upperLimits: number;
    readonly excluded: number;
    /** Bins that could not be used (before T0, no width, zero errors). */
    readonly unusable: number;
    /** Part of χ² from upper limits the model exceeds. */
    readonly upperLimitPenalty: number;
    /** Upper limits were read as bounds this many σ above zero. */
    readonly upperLimitSigmas: number;
  };
  /** Covariance of the fitted vector (ln N, indices, ln t_b), (JᵀJ)⁻¹; null when singular. */
  readonly covariance: { readonly parameters: readonly string[]; readonly matrix: readonly (readonly number[])[] } | null;
  readonly exclusions: readonly ExclusionRange[];
  readonly residuals: readonly BinResidual[];
  readonly comparison?: ModelComparison;
  readonly notes: readonly string[];
}
