// The fit statistic's stated rules: the error on the model's side, upper limits as one-sided 3σ
// penalties, exclusions by bin centre, degrees of freedom from detections.
import * as assert from 'node:assert/strict';
import { decayModel, FitCancelled, fitLightCurve, type FitBin } from '../../../../src/shared/lightCurveFit';
import { selectBins } from '../../../../src/shared/lightCurveFit/fitProblem';
import type { ExclusionRange } from '../../../../src/shared/lightCurveFit/types';
import { binResidual } from '../../../../src/shared/lightCurveFit/statistic';
import { noiselessPowerLaw as noiseless } from './synthetic';

const bin = (start: number, stop: number, rate: number, err: number, dataset = 'PC'): FitBin => ({
  dataset,
  start,
  stop,
  rate,
  errorPos: err,
  errorNeg: err,
  upperLimit: false,
});

describe('light-curve fit: the statistic', () => {
  it('uses the + error when the model is above the data and the − error when below', () => {
    assert.equal(binResidual(10, 2, 1, false, 14), 2, '(14 − 10)/σ+ with σ+ = 2');
    assert.equal(binResidual(10, 2, 1, false, 7), -3, '(7 − 10)/σ− with σ− = 1');
  });

  it('costs nothing for a model below an upper limit and ((m − U)/(U/3))² above it', () => {
    const limit = (m: number): number => binResidual(0.3, 0, 0, true, m);
    assert.equal(limit(0.1), 0);
    assert.equal(limit(0.3), 0);
    assert.ok(Math.abs(limit(0.4) - 1) < 1e-12, '(0.4 − 0.3)/(0.3/3) = 1');
    // Read as a 2σ bound (the limits' confidence level is an option): σ = U/2.
    assert.ok(Math.abs(binResidual(0.3, 0, 0, true, 0.45, 2) - 1) < 1e-12, '(0.45 − 0.3)/(0.3/2) = 1');
  });

  // Through selectBins, where the fit sorts bins; a bin it finds unusable would say nothing about the ranges.
  function isExcluded(one: FitBin, ranges: readonly ExclusionRange[]): boolean {
    const { bins, excluded, unusable } = selectBins([one], ranges);
    assert.equal(unusable.length, 0, 'the bin is usable');
    assert.equal(bins.length + excluded.length, 1);
    return excluded.length === 1;
  }

  it('leaves out bins whose centre lies in an exclusion range (ranges in either order)', () => {
    assert.ok(isExcluded(bin(100, 200, 1, 1), [[140, 160]]));
    assert.ok(isExcluded(bin(100, 200, 1, 1), [[160, 140]]));
    assert.ok(!isExcluded(bin(100, 200, 1, 1), [[160, 400]]), 'overlapping the bin but not its centre');
  });

  it('recovers a noiseless power law exactly, with dof = detections − parameters and the pivot N', () => {
    const result = fitLightCurve(noiseless(40), decayModel(0));
    const [n, alpha] = result.parameters;
    assert.ok(Math.abs(alpha!.value - 1.5) < 1e-6, String(alpha!.value));
    assert.ok(Math.abs(n!.value - Math.pow(result.pivot / 1000, -1.5)) < 1e-6 * n!.value);
    assert.ok(result.statistic.value < 1e-8);
    assert.equal(result.statistic.dof, 38);
    assert.ok(alpha!.lower! < 1.5 && alpha!.upper! > 1.5);
  });

  it('counts upper limits the model would exceed (censored), instead of dropping them', () => {
    // Detections up to 2·10⁴ s decaying with α = 1.5, then limits far below the extrapolation: a power
    // law through the detections alone violates them; with them, a break steepens the decay.
    const detections = noiseless(30, 200, 2e4);
    const limits: FitBin[] = [5e4, 1e5, 2e5].map((t) => ({
      dataset: 'PCUL',
      start: t,
      stop: t * 1.2,
      rate: 1e-6,
      errorPos: 0,
      errorNeg: 0,
      upperLimit: true,
    }));
    const free = fitLightCurve(detections, decayModel(1), { intervals: false });
    const censored = fitLightCurve([...detections, ...limits], decayModel(1), { intervals: false });
    const lastIndex = (r: typeof free): number => r.parameters.find((p) => p.name === 'alpha2')!.value;
    assert.ok(lastIndex(censored) > lastIndex(free) + 1, `${lastIndex(censored)} vs ${lastIndex(free)}`);
    assert.equal(censored.statistic.upperLimits, 3);
    assert.equal(censored.statistic.dof, free.statistic.dof, 'limits add no degrees of freedom');
    const ul = censored.residuals.filter((r) => r.upperLimit);
    assert.equal(ul.length, 3);
    for (const r of ul) assert.ok(r.model < 1e-6 * 1.5, `model ${r.model} stays near or below the limit`);
  });

  it('fits WT and PC together with shared parameters and keeps each bin’s dataset in the residuals', () => {
    const result = fitLightCurve(noiseless(20), decayModel(0), { intervals: false });
    assert.deepEqual([...new Set(result.residuals.map((r) => r.dataset))].sort(), ['PC', 'WT']);
    assert.equal(result.parameters.length, 2, 'one N and one index for both modes');
  });
});

describe('light-curve fit: progress and cancellation', () => {
  it('reports progress between 0 and 1 and stops with FitCancelled when the callback returns false', () => {
    const fractions: number[] = [];
    fitLightCurve(noiseless(30), decayModel(1), { progress: (f) => void fractions.push(f) });
    assert.ok(fractions.length > 3 && fractions.every((f) => f >= 0 && f <= 1));
    let calls = 0;
    assert.throws(
      () => fitLightCurve(noiseless(30), decayModel(2), { progress: () => ++calls < 3 }),
      (error: unknown) => error instanceof FitCancelled,
    );
    assert.equal(calls, 3, 'no work after the cancel');
  });

  it('refuses a model with more parameters than detections, naming the numbers', () => {
    assert.throws(() => fitLightCurve(noiseless(5), decayModel(3)), /8 free parameters; 5 detection bin\(s\) are not enough/);
  });
});
