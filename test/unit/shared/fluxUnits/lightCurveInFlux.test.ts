// A light curve in flux units: each point times its interval's factor, errors propagated (checked by
// simulation), limits scaled, band curves left out, and the note that says which interval applied where.
import * as assert from 'node:assert/strict';
import { conversionFactor } from '../../../../src/shared/fluxUnits/factors';
import { fluxAxisLabel, fluxNote } from '../../../../src/shared/fluxUnits/fluxNote';
import { FLUX_COLUMNS, lightCurveInFlux } from '../../../../src/shared/fluxUnits/lightCurveInFlux';
import type { FluxConversion, LightCurveDataset, LightCurveSection, ModeFactors, XrtMode } from '../../../../src/shared/viewModel';
import { normal, seeded } from '../lightCurveFit/synthetic';

function factors(m: XrtMode, value: number, rel = 0.1): ModeFactors {
  return {
    mode: m,
    model: 'PowerLaw',
    observed: { value, pos: value * rel, neg: -value * rel },
    unabsorbed: { value: 3 * value, pos: 3 * value * rel, neg: -3 * value * rel },
    meanRate: { value: 1, pos: 0.01, neg: -0.01, bins: 5, upperLimitBins: 0, upperLimitBinsLeftOut: 0, exposure: 500 },
  };
}

const CONVERSION: FluxConversion = {
  band: { minKeV: 0.3, maxKeV: 10, assumed: true },
  deltaFitStat: 2.706,
  T0: 5000,
  intervals: [
    { name: 'interval0', start: 0, stop: 1000, modes: [factors('WT', 4e-11), factors('PC', 5e-11)] },
    { name: 'late', start: 1000, stop: 1e4, modes: [factors('PC', 6e-11)] },
  ],
  notes: ['A note from the extension.'],
};

function dataset(name: string, mode: XrtMode, kind: LightCurveDataset['kind'], columns: Record<string, number[]>): LightCurveDataset {
  return { name, mode, kind, incbad: false, nosys: false, columns: columns as unknown as LightCurveDataset['columns'] };
}

function section(datasets: LightCurveDataset[]): LightCurveSection {
  return { timeFormat: 'MET', T0: 5000, datasets };
}

describe('flux units: a light curve converted', () => {
  const pc = dataset('PC', 'PC', 'detections', {
    Time: [500, 2000, 20_000],
    TimePos: [10, 10, 10],
    TimeNeg: [-10, -10, -10],
    Rate: [2, 0.5, 0.01],
    RatePos: [0.2, 0.1, 0.005],
    RateNeg: [-0.1, -0.1, -0.005],
    Exposure: [20, 20, 20],
  });
  const pcul = dataset('PCUL', 'PC', 'upper-limits', {
    Time: [3000],
    TimePos: [100],
    TimeNeg: [-100],
    Rate: [0.02],
    RatePos: [0],
    RateNeg: [0],
  });
  const wt = dataset('WT', 'WT', 'detections', { Time: [200], TimePos: [1], TimeNeg: [-1], Rate: [10], RateErr: [1] });
  const hard = dataset('PCHard', 'PC', 'hard', { Time: [500], TimePos: [10], TimeNeg: [-10], Rate: [1], RateErr: [0.1] });
  const hr = dataset('PCHR', 'PC', 'hardness-ratio', { Time: [500], TimePos: [10], TimeNeg: [-10], HR: [1.2], HRErr: [0.1] });

  it('multiplies each point by its interval’s factor, propagates rate and factor errors, scales limits by the central factor', () => {
    const result = lightCurveInFlux(section([pc, pcul, wt, hard, hr]), CONVERSION, 'observed');
    assert.ok(typeof result !== 'string');
    assert.deepEqual(
      result.section.datasets.map((d) => d.name),
      ['PC', 'PCUL', 'WT', 'PCHR'],
      'band rates left out, the hardness ratio kept as it is',
    );
    assert.equal(result.bandDatasetsLeftOut, 1);
    const [f, ul, w, ratio] = result.section.datasets as [LightCurveDataset, LightCurveDataset, LightCurveDataset, LightCurveDataset];
    const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a / b - 1) < 1e-12, `${what}: ${a} vs ${b}`);
    close(f.columns.Rate![0]!, 2 * 5e-11, 'interval0 PC');
    close(f.columns.Rate![1]!, 0.5 * 6e-11, 'late PC');
    close(f.columns.Rate![2]!, 0.01 * 6e-11, 'after every interval: the nearest');
    close(f.columns.RatePos![0]!, Math.hypot(0.2 * 5e-11, 2 * 5e-12), 'upper error');
    close(-f.columns.RateNeg![0]!, Math.hypot(0.1 * 5e-11, 2 * 5e-12), 'lower error');
    assert.deepEqual(f.columns.SpectralInterval, [1, 2, 2]);
    assert.deepEqual(f.columns.NearestInterval, [0, 0, 1]);
    assert.deepEqual(f.columns.CountRate, [2, 0.5, 0.01]);
    assert.deepEqual(f.columns.ECF, [5e-11, 6e-11, 6e-11]);
    assert.deepEqual(f.columns.Exposure, [20, 20, 20], 'other columns kept');
    close(ul.columns.Rate![0]!, 0.02 * 6e-11, 'limit');
    assert.deepEqual([ul.columns.RatePos![0], ul.columns.RateNeg![0]], [0, 0]);
    close(w.columns.Rate![0]!, 10 * 4e-11, 'WT factor for WT');
    close(w.columns.RatePos![0]!, Math.hypot(1 * 4e-11, 10 * 4e-12), 'a symmetric rate error');
    assert.equal(w.columns.RateErr, undefined, 'the symmetric column is replaced by RatePos/RateNeg');
    assert.equal(ratio, hr);
    for (const c of FLUX_COLUMNS) assert.ok(f.columns[c], `${c} present`);

    const unabsorbed = lightCurveInFlux(section([pc]), CONVERSION, 'unabsorbed');
    assert.ok(typeof unabsorbed !== 'string');
    close(unabsorbed.section.datasets[0]!.columns.Rate![0]!, 2 * 15e-11, 'unabsorbed');
    assert.match(lightCurveInFlux({ ...section([pc]), timeFormat: 'TDB' }, CONVERSION, 'observed') as string, /TDB/);
  });

  it('the note lists each interval with its time range, factors and bins, and the bins that used the nearest', () => {
    const result = lightCurveInFlux(section([pc, pcul, wt, hard]), CONVERSION, 'observed');
    assert.ok(typeof result !== 'string');
    const note = fluxNote(CONVERSION, 'observed', result.section.datasets, result.bandDatasetsLeftOut);
    assert.match(note, /^Observed flux in 0\.3–10 keV \(assumed/);
    assert.match(note, /each spectral interval applied over its own time range/);
    assert.match(
      note,
      /1\. interval0, 0 to 1,000 s since T0: WT 4\.00e-11 \(PowerLaw\), PC 5\.00e-11 \(PowerLaw\) erg cm⁻² per count; 2 bins/,
    );
    assert.match(note, /2\. late, 1,000 to 10,000 s since T0: PC 6\.00e-11 \(PowerLaw\) erg cm⁻² per count; 3 bins/);
    assert.match(note, /1 bin lies outside every interval and uses the nearest one/);
    assert.match(note, /Hard- and soft-band rates are not shown/);
    assert.match(note, /A note from the extension\.$/);
    assert.equal(fluxAxisLabel('unabsorbed', CONVERSION.band), 'Unabsorbed flux (0.3–10 keV, erg cm⁻² s⁻¹)');
  });

  it('a converted point’s 1σ bar holds the true flux 68 % of the time (rate noise 10 %, factor 5 %, 4000 realisations)', () => {
    const rng = seeded(21);
    const runs = 4000;
    const trueRate = 0.4;
    const trueFactor = 5e-11;
    const trueFlux = trueRate * trueFactor;
    let covered = 0;
    for (let r = 0; r < runs; r++) {
      const s = 0.05;
      const flux = trueFactor * 2 * Math.exp(s * normal(rng));
      const k = conversionFactor(
        { value: flux, pos: flux * (Math.exp(1.645 * s) - 1), neg: -flux * (1 - Math.exp(-1.645 * s)) },
        2,
        2.706,
      )!;
      const rate = trueRate * (1 + 0.1 * normal(rng));
      const conversion: FluxConversion = {
        ...CONVERSION,
        intervals: [{ name: 'only', start: 0, stop: 1e4, modes: [{ ...factors('PC', 1), observed: k }] }],
      };
      const d = dataset('PC', 'PC', 'detections', {
        Time: [100],
        TimePos: [1],
        TimeNeg: [-1],
        Rate: [rate],
        RatePos: [0.04],
        RateNeg: [-0.04],
      });
      const result = lightCurveInFlux(section([d]), conversion, 'observed');
      assert.ok(typeof result !== 'string');
      const c = result.section.datasets[0]!.columns;
      if (trueFlux >= c.Rate![0]! + c.RateNeg![0]! && trueFlux <= c.Rate![0]! + c.RatePos![0]!) covered++;
    }
    const coverage = covered / runs;
    assert.ok(Math.abs(coverage - 0.6827) <= 3 * Math.sqrt((0.6827 * 0.3173) / runs), `coverage ${coverage}`);
  });
});
