// Where each physical parameter sits in the vector the optimiser moves. Positive-only quantities are
// fitted as logarithms (the normalisation as ln N, break times as ln t_b): the statistic is closer to
// quadratic in them, steps cannot make them negative, and profile intervals are invariant under the
// change of variable, so intervals found in ln t_b are exactly the intervals in t_b.
import type { DecayModel } from './types';

export interface ParameterLayout {
  readonly model: DecayModel;
  /** Length of the vector. */
  readonly size: number;
  /** Number of decay indices in the model (segments), including the constant's fixed zero. */
  readonly segments: number;
  /** Vector index of the decay index of segment `j`, or -1 when it is fixed (the constant's 0). */
  alphaIndex(j: number): number;
  /** Vector index of ln t_b of break `i`. */
  breakIndex(i: number): number;
  /** Names of the physical parameters, in vector order: `N`, `alpha1`…, `tbreak1`… */
  readonly names: readonly string[];
}

export const NORM_INDEX = 0;

export function parameterLayout(model: DecayModel): ParameterLayout {
  const k = model.kind === 'broken-power-law' ? model.breaks : 0;
  const fittedAlphas = model.kind === 'constant' ? 0 : k + 1;
  const names = ['N'];
  for (let j = 0; j < fittedAlphas; j++) names.push(`alpha${j + 1}`);
  for (let i = 0; i < k; i++) names.push(`tbreak${i + 1}`);
  return {
    model,
    size: 1 + fittedAlphas + k,
    segments: k + 1,
    alphaIndex: (j) => (j < fittedAlphas ? 1 + j : -1),
    breakIndex: (i) => 1 + fittedAlphas + i,
    names,
  };
}

/** Human label of a model: `constant`, `power law`, `broken power law (2 breaks, sharp)`. */
export function modelLabel(model: DecayModel): string {
  if (model.kind === 'constant') return 'constant';
  if (model.kind === 'power-law') return 'power law';
  return `broken power law (${model.breaks} break${model.breaks === 1 ? '' : 's'}, ${model.shape === 'sharp' ? 'sharp' : `smooth, ω = ${model.smoothness}`})`;
}
