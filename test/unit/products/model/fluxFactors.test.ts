// The job's conversion factors as the extension builds them for the viewer: flux over the light curve's
// mean rate per spectral interval and mode, the fit chosen, upper-limit bins counted through their net
// counts, what is noted, and a sandbox job end to end (its factors are those the sandbox drew).
import * as assert from 'node:assert/strict';
import { modelFromJobData } from '../../../../src/products/model/modelBuilder';
import { fluxConversionOf } from '../../../../src/products/model/fluxFactors';
import type { LightCurveDataset, LightCurveSection, SpectralFit, SpectrumSection, XrtMode } from '../../../../src/shared/viewModel';
import { lcDataResponseSchema, specDataResponseSchema } from '../../../../src/xrt/responseSchemas';
import { ASTRO, createHarness } from '../../../sandbox/xrt/harness';

function detections(
  mode: XrtMode,
  rows: { t: number; rate: number; err: number; exposure: number }[],
  flags = { incbad: false, nosys: false },
): LightCurveDataset {
  return {
    name: `${mode}${flags.nosys ? '_nosys' : ''}${flags.incbad ? '_incbad' : ''}`,
    mode,
    kind: 'detections',
    ...flags,
    columns: {
      Time: rows.map((r) => r.t),
      TimePos: rows.map(() => 5),
      TimeNeg: rows.map(() => -5),
      Rate: rows.map((r) => r.rate),
      RatePos: rows.map((r) => r.err),
      RateNeg: rows.map((r) => -r.err),
      Exposure: rows.map((r) => r.exposure),
    },
  };
}

const fit = (model: string, obs: number, extra: Partial<SpectralFit> = {}): SpectralFit => ({
  model,
  fitFailed: false,
  obsFlux: { value: obs, pos: obs * 0.0822, neg: -obs * 0.0822 },
  unabsFlux: { value: 2 * obs, pos: 2 * obs * 0.0822, neg: -2 * obs * 0.0822 },
  ...extra,
});

describe('products: flux-unit factors from the spectral fits and the light curve', () => {
  const lc: LightCurveSection = {
    timeFormat: 'MET',
    T0: 1000,
    datasets: [
      detections('PC', [
        { t: 100, rate: 1, err: 0.1, exposure: 100 },
        { t: 200, rate: 3, err: 0.3, exposure: 100 },
        { t: 5000, rate: 0.1, err: 0.02, exposure: 500 },
      ]),
      // The incbad variant has an extra bright bin: the plain curve is the one averaged.
      detections('PC', [{ t: 150, rate: 50, err: 1, exposure: 100 }], { incbad: true, nosys: false }),
      {
        name: 'PCUL',
        mode: 'PC',
        kind: 'upper-limits',
        incbad: false,
        nosys: false,
        // (3 − 1) × 2 / 200 = 0.02 ct/s from the limit bin's net counts.
        columns: {
          Time: [6000, 7000],
          TimePos: [5, 5],
          TimeNeg: [-5, -5],
          Rate: [0.05, 0.04],
          CtsInSrc: [3, Number.NaN],
          BGInSrc: [1, 1],
          CorrFact: [2, 2],
          Exposure: [200, 200],
        },
      },
    ],
  };
  const spectrum: SpectrumSection = {
    noSpectrum: false,
    T0: 1000,
    deltaFitStat: 2.706,
    intervals: [
      {
        name: 'early',
        start: 0,
        stop: 1000,
        noSpectrum: false,
        modes: [{ mode: 'PC', exposure: 200, noFit: false, fits: [fit('APEC', 1e-10), fit('PowerLaw', 8e-11)] }],
      },
      {
        name: 'late',
        start: 4000,
        stop: 8000,
        noSpectrum: false,
        modes: [{ mode: 'PC', exposure: 2000, noFit: false, fits: [fit('PowerLaw', 2.4e-12)] }],
      },
      { name: 'gone', start: 9e5, stop: 1e6, noSpectrum: true, modes: [] },
    ],
  };

  it('divides each interval’s fitted flux by the light curve’s exposure-weighted mean rate over its range', () => {
    const result = fluxConversionOf(lc, spectrum);
    assert.ok('conversion' in result);
    const c = result.conversion;
    assert.deepEqual(c.band, { minKeV: 0.3, maxKeV: 10, assumed: true });
    assert.deepEqual(
      c.intervals.map((i) => i.name),
      ['early', 'late'],
    );
    const early = c.intervals[0]!.modes[0]!;
    assert.equal(early.model, 'PowerLaw', 'the power law is preferred to the first model listed');
    assert.equal(early.meanRate.value, 2);
    assert.ok(Math.abs(early.observed!.value - 4e-11) < 1e-22);
    assert.ok(Math.abs(early.unabsorbed!.value - 8e-11) < 1e-22);
    assert.ok(Math.abs(early.observed!.pos / early.observed!.value - (Math.pow(1.0822, 1 / Math.sqrt(2.706)) - 1)) < 1e-9);
    const late = c.intervals[1]!.modes[0]!;
    // (0.1 × 500 + 0.02 × 200) / 700; the limit bin without counts is left out and said so.
    assert.ok(Math.abs(late.meanRate.value - 54 / 700) < 1e-12);
    assert.deepEqual([late.meanRate.bins, late.meanRate.upperLimitBins, late.meanRate.upperLimitBinsLeftOut], [1, 1, 1]);
    assert.ok(Math.abs(late.observed!.value - 2.4e-12 / (54 / 700)) < 1e-22);
    assert.ok(
      c.notes.some((n) => /late PC: 1 upper-limit bin without counts columns/.test(n)),
      c.notes.join(' | '),
    );
    assert.ok(c.notes.some((n) => /late PC: the light-curve bins in this interval hold 700 s of exposure, the spectrum 2000 s/.test(n)));
  });

  it('offers nothing without fluxes, and says why when the curve cannot be matched with the intervals', () => {
    assert.deepEqual(fluxConversionOf(lc, { noSpectrum: true, intervals: [] }), {});
    const unfitted: SpectrumSection = {
      ...spectrum,
      intervals: spectrum.intervals.map((i) => ({ ...i, modes: i.modes.map((m) => ({ ...m, fits: [], noFit: true })) })),
    };
    assert.deepEqual(fluxConversionOf(lc, unfitted), {});
    const tdb = fluxConversionOf({ ...lc, timeFormat: 'TDB' }, spectrum);
    assert.ok('reason' in tdb && /time format \(TDB\)/.test(tdb.reason ?? ''));
    const elsewhere = fluxConversionOf(lc, {
      ...spectrum,
      intervals: [{ ...spectrum.intervals[1]!, modes: [{ ...spectrum.intervals[1]!.modes[0]!, mode: 'WT' }] }],
    });
    assert.ok('reason' in elsewhere && /no WT rate above zero/.test(elsewhere.reason ?? ''), JSON.stringify(elsewhere));
  });

  it('a sandbox GRB job with spectra per snapshot: the model carries factors in the sandbox’s range for every interval', async () => {
    const h = createHarness({ productDurationMs: 1000 });
    const submitted = await h.post('/run_userobject.php', {
      UserID: ASTRO,
      name: 'GRB 200416A',
      targ: '00966554',
      RA: 335.6985,
      Dec: -7.5179,
      Tstart: 608713541.952,
      cent: 1,
      poserr: 1,
      useSXPS: 0,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      spec: 1,
      specz: 0,
      timeslice: 'snapshot',
    });
    h.clock.advance(10_000);
    const JobID = submitted.JobID;
    const lcReply = lcDataResponseSchema.parse(
      await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID, nosys: 'both', incbad: 'both' }),
    );
    const specReply = specDataResponseSchema.parse(await h.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID }));
    const model = modelFromJobData(
      { jobId: String(JobID) },
      { lightCurve: { ok: true, value: lcReply }, spectrum: { ok: true, value: specReply }, positions: {} },
    );
    const conversion = model.fluxConversion;
    assert.ok(conversion, JSON.stringify(model.problems));
    assert.ok(conversion.intervals.length >= 4, `${conversion.intervals.length} intervals`);
    for (const interval of conversion.intervals) {
      for (const m of interval.modes) {
        const k = m.observed!.value;
        assert.ok(k > 3.5e-11 * 0.85 && k < 5e-11 * 1.15, `${interval.name} ${m.mode}: ${k}`);
        assert.ok(m.unabsorbed!.value >= k);
      }
    }
  });
});
