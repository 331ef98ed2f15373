// The conversion factor and the mean rate: known answers, and the factor's error checked by simulation
// (many seeded realisations: how often the propagated 1σ interval holds the true factor).
import * as assert from 'node:assert/strict';
import { conversionFactor, meanRate, type RateBin } from '../../../../src/shared/fluxUnits/factors';
import { normal, seeded } from '../lightCurveFit/synthetic';

/** 3σ of a binomial proportion p over n trials. */
const band = (p: number, n: number): number => 3 * Math.sqrt((p * (1 - p)) / n);
const ONE_SIGMA = 0.6827;

describe('flux units: the conversion factor', () => {
  it('is flux / rate, with the flux’s relative errors scaled from the fit’s Δ statistic to 1σ', () => {
    const k = conversionFactor({ value: 4e-12, pos: 1.645e-13, neg: -3.29e-13 }, 0.1, 2.706)!;
    assert.ok(Math.abs(k.value - 4e-11) < 1e-24);
    // 90 % errors of +4.1 % and −8.2 % → 1σ of 1.04113^(1/1.645) − 1 and 1 − 0.91775^(1/1.645) (√2.706 = 1.645):
    // about 2.5 % and 5 %, as a plain division would give for errors this small.
    const sigmas = Math.sqrt(2.706);
    assert.ok(Math.abs(k.pos - 4e-11 * (Math.pow(1.041125, 1 / sigmas) - 1)) / k.pos < 1e-9, `pos ${k.pos}`);
    assert.ok(Math.abs(k.neg + 4e-11 * (1 - Math.pow(0.91775, 1 / sigmas))) / -k.neg < 1e-9, `neg ${k.neg}`);
    assert.ok(Math.abs(k.pos / 1e-12 - 1) < 0.02 && Math.abs(k.neg / -2e-12 - 1) < 0.04);
    const toZero = conversionFactor({ value: 4e-12, pos: 4e-12, neg: -4e-12 }, 0.1, 2.706)!;
    assert.ok(Math.abs(toZero.neg + 4e-11 / sigmas) < 1e-20, 'a lower error down to zero flux is divided linearly');
    const oneSigma = conversionFactor({ value: 4e-12, pos: 2e-13, neg: 2e-13 }, 0.1, 1)!;
    assert.ok(
      Math.abs(oneSigma.pos - 2e-12) < 1e-18 && Math.abs(oneSigma.neg + 2e-12) < 1e-18,
      'Δ = 1: errors are 1σ already; a positive neg is read as a size',
    );
  });

  it('has no value for a flux or rate that is not positive, and no error where the fit gave none', () => {
    assert.equal(conversionFactor({ value: 0 }, 1, 2.706), undefined);
    assert.equal(conversionFactor({ value: 1e-12 }, 0, 2.706), undefined);
    assert.equal(conversionFactor({ value: 1e-12 }, -0.2, 2.706), undefined);
    assert.equal(conversionFactor({ value: Number.NaN }, 1, 2.706), undefined);
    assert.deepEqual(conversionFactor({ value: 2e-12 }, 0.5, 2.706), { value: 4e-12, pos: 0, neg: -0 });
  });

  it('1σ intervals hold the true factor 68 % of the time when the flux’s error is the spectral shape’s (lognormal, asymmetric): 4000 realisations', () => {
    const rng = seeded(11);
    const runs = 4000;
    const trueFactor = 4e-11;
    const rate = 0.8;
    for (const s of [0.05, 0.3]) {
      let covered = 0;
      let above = 0;
      let covered90 = 0;
      for (let r = 0; r < runs; r++) {
        // ln F ~ N(ln F₀, s²); the fit's Δ = 2.706 interval is F·e^{±1.645 s}: asymmetric in F.
        const flux = trueFactor * rate * Math.exp(s * normal(rng));
        const k = conversionFactor(
          { value: flux, pos: flux * (Math.exp(1.645 * s) - 1), neg: -flux * (1 - Math.exp(-1.645 * s)) },
          rate,
          2.706,
        )!;
        if (trueFactor >= k.value + k.neg && trueFactor <= k.value + k.pos) covered++;
        else if (trueFactor > k.value + k.pos) above++;
        if (trueFactor >= k.value + 1.645 * k.neg && trueFactor <= k.value + 1.645 * k.pos) covered90++;
      }
      const c = covered / runs;
      assert.ok(Math.abs(c - ONE_SIGMA) <= band(ONE_SIGMA, runs), `s = ${s}: 1σ coverage ${c}`);
      assert.ok(Math.abs(covered90 / runs - 0.9) <= band(0.9, runs), `s = ${s}: 90 % coverage ${covered90 / runs}`);
      // Misses split evenly: the asymmetric sides are the right way round.
      const missed = runs - covered;
      assert.ok(Math.abs(above / missed - 0.5) <= 3 * Math.sqrt(0.25 / missed), `s = ${s}: ${above} of ${missed} misses above`);
    }
  });

  it('is conservative when the light curve and the spectrum count the same photons: coverage ≥ 68 %, ≈ 68 % when the shape dominates', () => {
    const rng = seeded(12);
    const runs = 3000;
    const trueFactor = 4e-11;
    const exposure = 1000;
    const coverage = (counts: number, shape: number): number => {
      let covered = 0;
      for (let r = 0; r < runs; r++) {
        // Poisson counts (normal approximation) shared by the fitted normalisation and the light curve's rate;
        // the spectral shape (NH, Γ) moves the factor itself.
        const n = Math.max(1, Math.round(counts + Math.sqrt(counts) * normal(rng)));
        const ecf = trueFactor * Math.exp(shape * normal(rng));
        const flux = (ecf * n) / exposure;
        const rel = Math.sqrt(1 / n + shape * shape) * 1.645;
        const k = conversionFactor({ value: flux, pos: flux * rel, neg: -flux * rel }, n / exposure, 2.706)!;
        if (trueFactor >= k.value + k.neg && trueFactor <= k.value + k.pos) covered++;
      }
      return covered / runs;
    };
    const shapeDominated = coverage(40_000, 0.1);
    assert.ok(Math.abs(shapeDominated - ONE_SIGMA) <= band(ONE_SIGMA, runs) + 0.01, `shape-dominated coverage ${shapeDominated}`);
    const photonDominated = coverage(400, 0.02);
    assert.ok(photonDominated >= 0.95, `photon-dominated coverage ${photonDominated}: the normalisation's noise cancels in the ratio`);
  });
});

describe('flux units: the light curve’s mean rate over an interval', () => {
  const bin = (time: number, rate: number, err: number, exposure: number, fromUpperLimit = false): RateBin => ({
    time,
    rate,
    pos: err,
    neg: -err,
    exposure,
    ...(fromUpperLimit ? { fromUpperLimit } : {}),
  });

  it('is Σ rate·exposure / Σ exposure of the bins whose centre lies in the range, errors √Σ(σ·exposure)² / Σ exposure', () => {
    const m = meanRate([bin(10, 1, 0.1, 100), bin(50, 2, 0.1, 300), bin(500, 100, 1, 1000), bin(60, 0.1, 0.05, 100, true)], 0, 100, 2)!;
    assert.ok(Math.abs(m.value - (100 + 600 + 10) / 500) < 1e-12);
    assert.ok(Math.abs(m.pos - Math.sqrt(100 + 900 + 25) / 500) < 1e-12);
    assert.ok(Math.abs(m.neg + Math.sqrt(100 + 900 + 25) / 500) < 1e-12);
    assert.deepEqual([m.bins, m.upperLimitBins, m.upperLimitBinsLeftOut, m.exposure], [2, 1, 2, 500]);
  });

  it('has no value without a bin with exposure in the range', () => {
    assert.equal(meanRate([bin(10, 1, 0.1, 100)], 20, 30), undefined);
    assert.equal(meanRate([bin(25, 1, 0.1, 0)], 20, 30), undefined);
  });
});
