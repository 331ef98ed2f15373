// Shapes shared by the light-curve fit engine's modules: the bins it fits, the model it fits and
// the options a caller may set. Pure data: the engine runs in the extension host, a webview worker
// and the command line alike.

/** One light-curve bin, times in seconds since T0 (the bin must lie after T0: power laws need t > 0). */
export interface FitBin {
  /** Dataset it came from (`WT`, `PC`, `PCUL`, …): WT and PC are fitted together with shared parameters. */
  readonly dataset: string;
  readonly start: number;
  readonly stop: number;
  /** Count rate, or the upper limit for an upper-limit bin. */
  readonly rate: number;
  /** Size of the positive error (≥ 0); unused for upper limits. */
  readonly errorPos: number;
  /** Size of the negative error (≥ 0, without its sign); unused for upper limits. */
  readonly errorNeg: number;
  readonly upperLimit: boolean;
}

export type BreakShape = 'sharp' | 'smooth';

export type ModelKind = 'constant' | 'power-law' | 'broken-power-law';

export interface DecayModel {
  readonly kind: ModelKind;
  /** 0 for the constant and the power law, 1–4 for a broken power law. */
  readonly breaks: number;
  /** How the indices change at a break (ignored without breaks). */
  readonly shape: BreakShape;
  /**
   * Smoothness ω of the smoothly broken form (fixed, not fitted): the change of index takes about 1/ω
   * e-folds of time around the break. Ignored for sharp breaks.
   */
  readonly smoothness: number;
}

/** A time range [start, stop] (seconds since T0) whose bins are left out of the fit. */
export type ExclusionRange = readonly [number, number];

export interface FitOptions {
  readonly exclude?: readonly ExclusionRange[];
  /** Break shape for broken power laws; sharp unless said otherwise. */
  readonly shape?: BreakShape;
  /** ω of the smooth form; default DEFAULT_SMOOTHNESS. */
  readonly smoothness?: number;
  /**
   * Upper limits are read as bounds this many σ above zero signal (default 3): the XRT product generator
   * API docs do not state their confidence level.
   */
  readonly upperLimitSigmas?: number;
  /** Compute the 90 % profile intervals (default true). */
  readonly intervals?: boolean;
  /** Called between steps with a 0–1 fraction; returning false (or a cancel) stops the fit with FitCancelled. */
  readonly progress?: (fraction: number) => boolean | void;
}

export const DEFAULT_SMOOTHNESS = 3;
/** The largest number of breaks the engine fits. */
export const MAX_BREAKS = 4;

export class FitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FitError';
  }
}

export class FitCancelled extends Error {
  constructor() {
    super('The fit was cancelled.');
    this.name = 'FitCancelled';
  }
}
