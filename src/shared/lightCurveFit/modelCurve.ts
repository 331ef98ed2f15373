// The fitted decay law at given times, from a result's parameters: what the viewer draws over the data.
// The same formulas as the fit (./decayModel.ts); the result's physical values are turned back into the
// vector the model reads (ln N, indices, ln t_b).
import { modelState, rateAt } from './decayModel';
import type { LightCurveFitResult } from './fitResult';
import { NORM_INDEX, parameterLayout } from './parameterLayout';

/** The model rate (count/s) at each time (s since T0, > 0); NaN where a time is not positive. */
export function modelRates(result: Pick<LightCurveFitResult, 'model' | 'pivot' | 'parameters'>, times: ArrayLike<number>): Float64Array {
  const layout = parameterLayout(result.model);
  const value = (name: string): number => {
    const p = result.parameters.find((q) => q.name === name);
    if (!p) throw new Error(`The fit result has no parameter ${name} for a ${result.model.kind}.`);
    return p.value;
  };
  const theta = new Float64Array(layout.size);
  layout.names.forEach((name, i) => {
    const v = value(name);
    theta[i] = i === NORM_INDEX || name.startsWith('tbreak') ? Math.log(v) : v;
  });
  const state = modelState(layout, Math.log(result.pivot), theta);
  const out = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) out[i] = times[i]! > 0 ? rateAt(state, times[i]!) : Number.NaN;
  return out;
}
