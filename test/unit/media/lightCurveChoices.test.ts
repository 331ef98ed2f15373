// The light curves the viewer's binning selector offers (media/src/lib/lightCurveChoices.ts).
import * as assert from 'node:assert/strict';
import { lightCurveChoices } from '../../../media/src/lib/lightCurveChoices';
import { VIEWER_MODEL_VERSION, type LightCurveSection, type ViewerModel } from '../../../src/shared/viewModel';

const section = (n: number): LightCurveSection => ({ timeFormat: 'MET', datasets: [], binning: `b${n}` });
const base: ViewerModel = { version: VIEWER_MODEL_VERSION, job: { id: '1' }, problems: [], lightCurve: section(0) };

describe('light-curve choices of the viewer', () => {
  it('lists the original first, labelled with its binning, then each rebin, and starts on the chosen one', () => {
    const model: ViewerModel = {
      ...base,
      rebinnedLightCurves: [
        { id: 'rebin:1520', label: 'time: PC 1000 s', section: section(1) },
        { id: 'rebin:1521', label: 'one bin per snapshot', section: section(2) },
      ],
      lightCurveChoice: { originalLabel: 'counts: PC 20 counts', selected: 'rebin:1521', rebinnable: true },
    };
    const choices = lightCurveChoices(model)!;
    assert.deepEqual(
      choices.options.map((o) => o.label),
      ['Original (counts: PC 20 counts)', 'Rebin 1520 (time: PC 1000 s)', 'Rebin 1521 (one bin per snapshot)'],
    );
    assert.equal(choices.selected, 2);
    assert.equal(choices.options[2]!.section, model.rebinnedLightCurves![1]!.section, 'each option carries its own curve');
    assert.equal(choices.rebinnable, true);
  });

  it('starts on the original when the chosen rebin is not there, and offers no Rebin… without a job', () => {
    const model: ViewerModel = { ...base, lightCurveChoice: { originalLabel: 'x', selected: 'rebin:9', rebinnable: false } };
    const choices = lightCurveChoices(model)!;
    assert.equal(choices.selected, 0);
    assert.equal(choices.rebinnable, false);
    assert.deepEqual(
      lightCurveChoices(base)!.options.map((o) => o.label),
      ['Original'],
    );
    assert.equal(lightCurveChoices({ ...base, lightCurve: undefined }), undefined);
  });
});
