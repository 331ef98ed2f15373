// The numbers a referee would check: on synthetic light curves with known parameters (seeded, so the
// same every run), the fits recover the truth without bias and the 90 % profile intervals contain it
// about 90 % of the time, in both binning styles, with upper limits, and with a flare removed by an
// exclusion. The benchmark (npm run bench, section "fit") repeats this with many more realisations.
import * as assert from 'node:assert/strict';
import { decayModel, fitLightCurve, fitLightCurveAuto, renderFitJson, renderFitText } from '../../../../src/shared/lightCurveFit';
import { coverageBand, measureCoverage, type CoverageReport } from './coverage';
import { noiselessPowerLaw, seeded, syntheticLightCurve, truthAt, type TrueDecay } from './synthetic';

const POWER_LAW: TrueDecay = { rateAt1000: 1.5, alphas: [1.2], breaks: [] };
// The break lies away from the pivot (the detections' mean log time, ~10⁴ s here): N is the rate at
// the pivot, and a rate read exactly at a sharp corner is biased low by the corner's curvature.
const ONE_BREAK: TrueDecay = { rateAt1000: 4, alphas: [0.6, 1.4], breaks: [4000] };
const TWO_BREAKS: TrueDecay = { rateAt1000: 6, alphas: [2.8, 0.6, 1.4], breaks: [500, 1.5e4] };
const FLARE: TrueDecay = { ...POWER_LAW, flare: { peak: 6000, width: 250, amplitude: 4 } };

/** Every parameter's coverage within the band, and its mean error within 4 standard errors of zero. */
function assertCalibrated(report: CoverageReport, band: number): void {
  for (const [name, c] of Object.entries(report.coverage)) {
    assert.ok(
      Math.abs(c - 0.9) <= band,
      `${name}: 90 % intervals covered the truth in ${(c * 100).toFixed(0)} % of ${report.runs} runs (band 90 ± ${(band * 100).toFixed(0)} %)`,
    );
    const se = report.spread[name]! / Math.sqrt(report.runs);
    assert.ok(Math.abs(report.meanError[name]!) <= 4 * se + 1e-9, `${name}: mean error ${report.meanError[name]} vs standard error ${se}`);
  }
}

describe('light-curve fit: recovery and interval coverage on synthetic light curves', function () {
  this.timeout(60_000);

  it('power law, counts-binned (variable-width bins): 80 realisations, coverage 0.90 ± 0.10 (3σ binomial)', () => {
    const runs = 80;
    const report = measureCoverage(runs, 1, POWER_LAW, decayModel(0), (rng) =>
      syntheticLightCurve(POWER_LAW, rng, { binning: { kind: 'counts', size: 20 } }),
    );
    assertCalibrated(report, coverageBand(runs));
    assert.ok(Math.abs(report.meanError.alpha1!) < 0.01);
  });

  it('broken power law with upper limits, fixed time bins: 40 realisations, coverage 0.90 ± 0.14 (3σ binomial)', () => {
    const runs = 40;
    const bins = (rng: () => number) =>
      syntheticLightCurve(ONE_BREAK, rng, { binning: { kind: 'time', size: 250 }, upperLimitBelowCounts: 10 });
    const sample = bins(seeded(5));
    assert.ok(
      sample.some((b) => b.upperLimit),
      'the late bins include upper limits',
    );
    const widths = new Set(sample.filter((b) => b.start > 3000).map((b) => Math.round(b.stop - b.start)));
    assert.equal(widths.size, 1, 'fixed-width bins');
    const report = measureCoverage(runs, 2, ONE_BREAK, decayModel(1), bins);
    assertCalibrated(report, coverageBand(runs));
  });

  it('a flare biases a power law fit; excluding its time range restores the truth (20 realisations)', () => {
    const runs = 20;
    const bins = (rng: () => number) => syntheticLightCurve(FLARE, rng, { binning: { kind: 'counts', size: 20 } });
    const flareRange: [number, number] = [5250, 6750];
    const polluted = fitLightCurve(bins(seeded(11)), decayModel(0), { intervals: false });
    assert.ok(
      polluted.statistic.value / polluted.statistic.dof > 1.5,
      `χ²/dof = ${polluted.statistic.value / polluted.statistic.dof} with the flare in`,
    );
    const report = measureCoverage(runs, 3, POWER_LAW, decayModel(0), bins, { exclude: [flareRange] });
    for (const r of report.results) {
      assert.ok(r.statistic.excluded > 0);
      assert.ok(
        r.residuals.some((b) => b.excluded && b.residual < -3),
        'the excluded flare bins lie far above the model',
      );
    }
    // 20 runs: at least 14 (90 % − 3σ) must cover.
    for (const [name, c] of Object.entries(report.coverage)) assert.ok(c >= 0.7, `${name}: ${c}`);
    assert.ok(Math.abs(report.meanError.alpha1!) < 0.02, String(report.meanError.alpha1));
  });

  it('recovers two breaks with the smooth form too (5 realisations, values within their intervals' + "' reach)", () => {
    const truth: TrueDecay = { ...TWO_BREAKS, smoothness: 3 };
    const report = measureCoverage(5, 4, truth, decayModel(2, { shape: 'smooth', smoothness: 3 }), (rng) =>
      syntheticLightCurve(truth, rng, { binning: { kind: 'counts', size: 25 } }),
    );
    for (const [name, c] of Object.entries(report.coverage)) assert.ok(c >= 0.6, `${name}: ${c}`);
  });

  it('chooses the number of breaks by BIC and lists every competing model', () => {
    const pl = fitLightCurveAuto(syntheticLightCurve(POWER_LAW, seeded(21), { binning: { kind: 'counts', size: 20 } }), {
      intervals: false,
    });
    assert.equal(pl.model.kind, 'power-law');
    const two = fitLightCurveAuto(syntheticLightCurve(TWO_BREAKS, seeded(22), { binning: { kind: 'counts', size: 20 } }), {
      intervals: false,
    });
    assert.equal(two.model.breaks, 2);
    const models = two.comparison!.models;
    assert.deepEqual(
      models.map((m) => m.label.split(' (')[0]),
      ['constant', 'power law', 'broken power law', 'broken power law', 'broken power law', 'broken power law'],
    );
    assert.equal(models.filter((m) => m.chosen).length, 1);
    const chosen = models.find((m) => m.chosen)!;
    for (const m of models) assert.ok(m.bic >= chosen.bic);
    assert.ok(models.every((m) => m.dof === two.statistic.detections - m.freeParameters));
    assert.match(renderFitText(two), /ΔBIC/);
  });

  it('says an interval is unbounded when the data do not constrain it, rather than inventing a number', () => {
    // A break fitted to an exact power law: χ² is zero wherever the break sits, so its time is not bounded.
    const result = fitLightCurve(noiselessPowerLaw(30), decayModel(1));
    const tb = result.parameters.find((p) => p.name === 'tbreak1')!;
    assert.ok(tb.lowerUnbounded || tb.upperUnbounded, JSON.stringify(tb));
    if (tb.lowerUnbounded) assert.equal(tb.lower, null);
    if (tb.upperUnbounded) assert.equal(tb.upper, null);
    assert.match(renderFitText(result), /unbounded \(not constrained within the data\)/);
    const json = JSON.parse(renderFitJson(result)) as { parameters: Array<{ name: string; lower: number | null; upper: number | null }> };
    const fromJson = json.parameters.find((p) => p.name === 'tbreak1')!;
    assert.ok(fromJson.lower === null || fromJson.upper === null);
    assert.equal(truthAt(POWER_LAW, 1000).N, 1.5);
  });
});
