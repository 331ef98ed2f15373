// The light curves a job's viewer can show: the job's own and each finished rebin (src/shared/viewModel.ts
// RebinnedLightCurve), each labelled with its binning, and the one shown first. Pure, so it is unit-tested.
import { ORIGINAL_LIGHT_CURVE, type LightCurveSection, type ViewerModel } from '../../../src/shared/viewModel';

export interface LightCurveOption {
  readonly id: string;
  readonly label: string;
  readonly section: LightCurveSection;
}

export interface LightCurveChoices {
  readonly options: readonly LightCurveOption[];
  /** Index into `options` of the curve shown first. */
  readonly selected: number;
  /** Whether the viewer offers Rebin… (a job's finished light curve). */
  readonly rebinnable: boolean;
}

/** The choices of `model`, or undefined when it has no light curve at all. */
export function lightCurveChoices(model: ViewerModel): LightCurveChoices | undefined {
  const options: LightCurveOption[] = [];
  const choice = model.lightCurveChoice;
  if (model.lightCurve) {
    options.push({
      id: ORIGINAL_LIGHT_CURVE,
      label: choice ? `Original (${choice.originalLabel})` : 'Original',
      section: model.lightCurve,
    });
  }
  for (const r of model.rebinnedLightCurves ?? []) {
    options.push({ id: r.id, label: `Rebin ${r.id.replace(/^rebin:/, '')} (${r.label})`, section: r.section });
  }
  if (options.length === 0) return undefined;
  const wanted = options.findIndex((o) => o.id === choice?.selected);
  return { options, selected: wanted >= 0 ? wanted : 0, rebinnable: choice?.rebinnable === true };
}
