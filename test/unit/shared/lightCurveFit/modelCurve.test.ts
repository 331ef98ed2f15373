// The fitted law at given times (what the viewer draws over the data), from a result's parameters.
import * as assert from 'node:assert/strict';
import { decayModel, fitLightCurve, modelRates } from '../../../../src/shared/lightCurveFit';
import { seeded, syntheticLightCurve } from './synthetic';

describe('fit engine: the model curve from a result', () => {
  it('is N (t/t0)^−α for a power law', () => {
    const result = {
      model: decayModel(0),
      pivot: 1000,
      parameters: [
        { name: 'N', value: 2 },
        { name: 'alpha1', value: 1.5 },
      ],
    } as unknown as Parameters<typeof modelRates>[0];
    const rates = modelRates(result, [1000, 4000, 0, -5]);
    assert.ok(Math.abs(rates[0]! - 2) < 1e-12);
    assert.ok(Math.abs(rates[1]! - 2 * 4 ** -1.5) < 1e-12);
    assert.ok(Number.isNaN(rates[2]!) && Number.isNaN(rates[3]!), 'no rate at or before T0');
  });

  for (const shape of ['sharp', 'smooth'] as const) {
    it(`agrees with the fit's own bin averages for a ${shape} broken power law (narrow bins)`, () => {
      const decay = { rateAt1000: 3, alphas: [0.5, 1.4], breaks: [8000], ...(shape === 'smooth' ? { smoothness: 3 } : {}) };
      const bins = syntheticLightCurve(decay, seeded(3), { binning: { kind: 'time', size: 50 } });
      const result = fitLightCurve(bins, decayModel(1, { shape }), { shape, intervals: false });
      const narrow = result.residuals.filter((r) => r.stop / r.start < 1.01);
      assert.ok(narrow.length > 20);
      const rates = modelRates(
        result,
        narrow.map((r) => Math.sqrt(r.start * r.stop)),
      );
      narrow.forEach((r, i) => assert.ok(Math.abs(rates[i]! / r.model - 1) < 1e-3, `${r.start}: ${rates[i]} vs ${r.model}`));
    });
  }

  it('says which parameter is missing', () => {
    const result = { model: decayModel(1), pivot: 1000, parameters: [{ name: 'N', value: 1 }] } as unknown as Parameters<
      typeof modelRates
    >[0];
    assert.throws(() => modelRates(result, [1]), /no parameter alpha1 for a broken-power-law/);
  });
});
