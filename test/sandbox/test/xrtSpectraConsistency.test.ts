// The emulated spectral fits agree with the emulated light curve of the same job: each fit's observed
// flux over the light curve's mean count rate in the interval's time range and mode is a plausible XRT
// conversion factor (the sandbox draws it from 3.5–5 × 10⁻¹¹ erg cm⁻² per count), and the unabsorbed
// flux is at least the observed. The viewer's flux units rest on this (src/shared/fluxUnits).
import * as assert from 'node:assert/strict';
import { CATALOGUE } from '../catalogue';
import { ASTRO, createHarness, type Harness } from '../xrt/harness';

type Json = Record<string, unknown>;
const D = 100_000;

/** The sandbox's range of factors (spectra.ts), widened by what 10 % scatter per bin and rounding leave in a mean. */
const FACTOR_RANGE: readonly [number, number] = [3.5e-11 * 0.85, 5e-11 * 1.15];

/** Σ rate × exposure / Σ exposure of the mode's detection bins and upper-limit bins (net counts) with their centre in [start, stop]. */
function lightCurveMeanRate(lc: Json, mode: string, start: number, stop: number): number {
  let weight = 0;
  let sum = 0;
  for (const [name, ul] of [
    [mode, false],
    [`${mode}UL`, true],
  ] as const) {
    const set = lc[`${name}Data`] as { columns: string[]; data: number[][] } | undefined;
    if (!set) continue;
    const col = (row: number[], c: string): number => Number(row[set.columns.indexOf(c)]);
    for (const row of set.data) {
      const t = col(row, 'Time');
      if (t < start || t > stop) continue;
      const exposure = col(row, 'Exposure');
      const rate = ul ? ((col(row, 'CtsInSrc') - col(row, 'BGInSrc')) * col(row, 'CorrFact')) / exposure : col(row, 'Rate');
      weight += exposure;
      sum += rate * exposure;
    }
  }
  return sum / weight;
}

describe('sandbox XRT service: spectral fits agree with the light curve', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness({ productDurationMs: D });
  });

  async function job(target: (typeof CATALOGUE)[number], extra: Json): Promise<{ lc: Json; spec: Json }> {
    const reply = await h.post('/run_userobject.php', {
      UserID: ASTRO,
      name: target.name,
      targ: target.targetIds[0],
      RA: target.ra,
      Dec: target.dec,
      cent: 1,
      poserr: 1,
      useSXPS: 0,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      spec: 1,
      specz: 0,
      ...(target.t0 !== undefined ? { Tstart: target.t0 } : {}),
      ...extra,
    });
    assert.equal(reply.OK, 1, JSON.stringify(reply));
    h.clock.advance(2 * D);
    const lc = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: reply.JobID, nosys: 'no', incbad: 'no' });
    const spec = await h.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID: reply.JobID });
    assert.equal(lc.OK, 1, JSON.stringify(lc));
    assert.equal(spec.OK, 1, JSON.stringify(spec));
    return { lc, spec };
  }

  function assertFactors(lc: Json, spec: Json, what: string): number {
    let checked = 0;
    assert.equal(lc.T0, spec.T0, `${what}: one time zero`);
    for (const rname of spec.rnames as string[]) {
      const interval = spec[rname] as Json;
      if (interval.NOSPEC) continue;
      for (const mode of interval.Modes as string[]) {
        const fit = (interval[mode] as Json).PowerLaw as Json;
        const rate = lightCurveMeanRate(lc, mode, interval.Start as number, interval.Stop as number);
        const factor = (fit.ObsFlux as number) / rate;
        assert.ok(
          factor >= FACTOR_RANGE[0] && factor <= FACTOR_RANGE[1],
          `${what} ${rname} ${mode}: ObsFlux ${String(fit.ObsFlux)} / light-curve rate ${rate} = ${factor}`,
        );
        assert.ok((fit.UnabsFlux as number) >= (fit.ObsFlux as number), `${what} ${rname} ${mode}: unabsorbed ≥ observed`);
        checked++;
      }
    }
    return checked;
  }

  const grb = CATALOGUE.find((e) => e.kind === 'grb')!;
  const persistent = CATALOGUE.find((e) => e.name === 'FO Aqr')!;

  it('a GRB, one spectrum per snapshot: the steep early decay is averaged, not read at the snapshot’s middle', async () => {
    const { lc, spec } = await job(grb, { timeslice: 'snapshot' });
    assert.ok(assertFactors(lc, spec, 'GRB snapshots') >= 4);
  });

  it('a GRB, one spectrum of the first 12 hours, and a persistent source over every snapshot', async () => {
    const first = await job(grb, { timeslice: 'single' });
    assert.ok(assertFactors(first.lc, first.spec, 'GRB single') >= 1);
    const steady = await job(persistent, { timeslice: 'single', specobs: 'all' });
    assert.ok(assertFactors(steady.lc, steady.spec, 'FO Aqr') >= 1);
  });
});
