// Which factor applies at a time, the light curve's clock on the spectrum's, and model curves in flux.
import * as assert from 'node:assert/strict';
import { fluxModelCurve, spectrumClock } from '../../../../src/shared/fluxUnits/pointConversion';
import type { FluxConversion, IntervalFactors, ModeFactors, XrtMode } from '../../../../src/shared/viewModel';

function mode(m: XrtMode, observed: number, exposure = 1000, unabsorbed = observed * 2): ModeFactors {
  const rate = { value: 1, pos: 0.1, neg: -0.1, bins: 10, upperLimitBins: 0, upperLimitBinsLeftOut: 0, exposure };
  return {
    mode: m,
    model: 'PowerLaw',
    observed: { value: observed, pos: observed * 0.1, neg: -observed * 0.05 },
    unabsorbed: { value: unabsorbed, pos: unabsorbed * 0.1, neg: -unabsorbed * 0.1 },
    meanRate: rate,
  };
}

/** A GRB's usual pair: interval0 over everything, late_time (PC only) inside it, and a gap before a third. */
function conversion(): FluxConversion {
  const intervals: IntervalFactors[] = [
    { name: 'interval0', start: 100, stop: 40_000, modes: [mode('WT', 4e-11, 300), mode('PC', 5e-11, 5000)] },
    { name: 'late_time', start: 5000, stop: 40_000, modes: [mode('PC', 6e-11)] },
    { name: 'later', start: 1e5, stop: 2e5, modes: [mode('PC', 7e-11)] },
  ];
  return { band: { minKeV: 0.3, maxKeV: 10, assumed: true }, deltaFitStat: 2.706, T0: 1000, intervals, notes: [] };
}

describe('flux units: which factor applies', () => {
  it('the covering interval with a factor for the mode, the narrowest when several overlap', () => {
    const c = conversion();
    assert.deepEqual(pick(c, 200, 'WT'), { interval: 0, mode: 'WT', outside: false, otherMode: false, value: 4e-11 });
    assert.deepEqual(pick(c, 200, 'PC'), { interval: 0, mode: 'PC', outside: false, otherMode: false, value: 5e-11 });
    assert.deepEqual(pick(c, 6000, 'PC'), { interval: 1, mode: 'PC', outside: false, otherMode: false, value: 6e-11 });
    // WT at late times: late_time has no WT, interval0 (which covers the time) has.
    assert.deepEqual(pick(c, 6000, 'WT'), { interval: 0, mode: 'WT', outside: false, otherMode: false, value: 4e-11 });
  });

  it('outside every interval: the nearest, flagged; the unabsorbed factor likewise', () => {
    const c = conversion();
    assert.deepEqual(pick(c, 50, 'PC'), { interval: 0, mode: 'PC', outside: true, otherMode: false, value: 5e-11 });
    assert.deepEqual(pick(c, 60_000, 'PC'), { interval: 1, mode: 'PC', outside: true, otherMode: false, value: 6e-11 });
    assert.deepEqual(pick(c, 90_000, 'PC'), { interval: 2, mode: 'PC', outside: true, otherMode: false, value: 7e-11 });
    assert.equal(pick(c, 150_000, 'PC', 'unabsorbed')?.value, 14e-11);
    // WT after interval0: nearest WT factor is interval0's, even though `later` is nearer.
    assert.deepEqual(pick(c, 150_000, 'WT'), { interval: 0, mode: 'WT', outside: true, otherMode: false, value: 4e-11 });
  });

  it('a mode no interval has: another mode’s factor, flagged; without a mode, the mode with the most exposure', () => {
    const c: FluxConversion = { ...conversion(), intervals: [conversion().intervals[1]!] };
    assert.deepEqual(pick(c, 6000, 'WT'), { interval: 0, mode: 'PC', outside: false, otherMode: true, value: 6e-11 });
    assert.deepEqual(pick(conversion(), 200), { interval: 0, mode: 'PC', outside: false, otherMode: false, value: 5e-11 });
    assert.equal(pick({ ...c, intervals: [] }, 10), undefined);
  });

  /** The factor a model curve gets at one time (seconds since the spectrum's T0: the light curve shares it). */
  function pick(
    c: FluxConversion,
    s: number,
    m?: XrtMode,
    unit: 'observed' | 'unabsorbed' = 'observed',
  ): { interval: number; mode: XrtMode; outside: boolean; otherMode: boolean; value: number } | undefined {
    const curve = fluxModelCurve(c, unit, { timeFormat: 'MET', T0: c.T0 }, [s], [1], m);
    assert.ok(typeof curve !== 'string');
    const choice = curve.choices[0];
    return (
      choice && {
        interval: choice.interval,
        mode: choice.mode,
        outside: choice.outside,
        otherMode: choice.otherMode,
        value: choice.factor.value,
      }
    );
  }
});

describe('flux units: the light curve’s times on the spectrum’s clock', () => {
  it('MET since each one’s T0, since MET 0 without one, MJD without the clock correction; others refused', () => {
    const c = { T0: 1000 };
    assert.equal((spectrumClock({ timeFormat: 'MET', T0: 1000 }, c) as (t: number) => number)(5), 5);
    assert.equal((spectrumClock({ timeFormat: 'MET', T0: 900 }, c) as (t: number) => number)(5), -95);
    assert.equal((spectrumClock({ timeFormat: 'met' }, c) as (t: number) => number)(1500), 500);
    assert.equal((spectrumClock({ timeFormat: 'MET', T0: 900 }, {}) as (t: number) => number)(5), 5);
    const mjd = spectrumClock({ timeFormat: 'MJD' }, { T0: 86400 }) as (t: number) => number;
    assert.ok(Math.abs(mjd(51911.5) - 43200) < 1e-6);
    assert.match(spectrumClock({ timeFormat: 'MJD' }, {}) as string, /no T0/);
    assert.match(spectrumClock({ timeFormat: 'TDB' }, c) as string, /TDB/);
  });
});

describe('flux units: a model curve in flux units (what a fit overlay uses)', () => {
  it('multiplies each rate by the factor at its time, stepping between intervals, with the factor’s 1σ band', () => {
    const c = conversion();
    const lc = { timeFormat: 'MET', T0: 1000 };
    const curve = fluxModelCurve(c, 'observed', lc, [200, 4000, 6000, 1e5], [2, 1, 0.5, 0.01]);
    assert.ok(typeof curve !== 'string');
    const expect = [2 * 5e-11, 1 * 5e-11, 0.5 * 6e-11, 0.01 * 7e-11];
    curve.values.forEach((v, i) => assert.ok(Math.abs(v / expect[i]! - 1) < 1e-12, `value ${i}: ${v} vs ${expect[i]}`));
    curve.upper.forEach((v, i) => assert.ok(Math.abs(v / (expect[i]! * 1.1) - 1) < 1e-12, `upper ${i}`));
    curve.lower.forEach((v, i) => assert.ok(Math.abs(v / (expect[i]! * 0.95) - 1) < 1e-12, `lower ${i}`));
    assert.deepEqual(
      curve.choices.map((ch) => ch?.interval),
      [0, 0, 1, 2],
    );
    const inMode = fluxModelCurve(c, 'observed', lc, [200], [2], 'WT');
    assert.ok(typeof inMode !== 'string' && Math.abs(inMode.values[0]! - 8e-11) < 1e-24, 'the WT factor for a WT-only model');
    assert.match(fluxModelCurve(c, 'observed', { timeFormat: 'TDB' }, [1], [1]) as string, /TDB/);
  });
});
