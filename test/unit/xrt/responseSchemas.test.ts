// The XRT reply schemas: every documented reply is read by the schema of its endpoint, with numbers
// and booleans coerced from the service's mixed spellings, and malformed replies are refused.
import * as assert from 'node:assert/strict';
import type { z } from 'zod';
import { listFixtures, readFixture } from '../../support/paths';
import {
  cancelResponseSchema,
  lcDataResponseSchema,
  listOldJobsResponseSchema,
  numJobsResponseSchema,
  oldProductResponseSchema,
  positionResponseSchema,
  sourceDetResponseSchema,
  specDataResponseSchema,
  statusResponseSchema,
  submitResponseSchema,
  type ProgressStep,
} from '../../../src/xrt/responseSchemas';
import { xrtErrorResponseSchema } from '../../support/xrtReplyShapes';

type Json = Record<string, unknown>;

/** Which schema reads which fixture, by file-name prefix; error replies first. */
const SCHEMA_BY_PREFIX: readonly [RegExp, z.ZodType][] = [
  [/\.response\.error/, xrtErrorResponseSchema],
  [/^submit\.response\.ok/, submitResponseSchema],
  [/^status\.response\./, statusResponseSchema],
  [/^cancel\.response\./, cancelResponseSchema],
  [/^numjobs\.response\./, numJobsResponseSchema],
  [/^common\.response\.deprecation-warning/, numJobsResponseSchema],
  [/^listoldjobs\.response\./, listOldJobsResponseSchema],
  [/^getoldproduct\.response\./, oldProductResponseSchema],
  [/^(psf|enh|astrom)pos\.response\./, positionResponseSchema],
  [/^sourcedet\.response\./, sourceDetResponseSchema],
  [/^lcdata\.response\./, lcDataResponseSchema],
  [/^specdata\.response\./, specDataResponseSchema],
];

// The `rebin.*` samples are replies of the product generator's sister API (`API/main.php`, light-curve
// rebinning), whose envelope differs (`ERROR: 1` with `ERRORTEXT`, no `OK` on some replies); the
// extension does not call that API yet, so they are not replies of this client's endpoints.
const responseFixtures = listFixtures('xrt').filter((f) => f.includes('.response.') && !f.startsWith('rebin.'));
const fixture = (name: string): Json => readFixture('xrt', name) as Json;
const schemaFor = (name: string) => SCHEMA_BY_PREFIX.find(([re]) => re.test(name))?.[1];

function parsed<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  assert.ok(result.success, JSON.stringify(result.error?.issues));
  return result.data;
}

describe('XRT reply schemas: every fixture', () => {
  it('has a schema for every reply fixture', () => {
    assert.ok(responseFixtures.length >= 40);
    assert.deepEqual(
      responseFixtures.filter((f) => !schemaFor(f)),
      [],
    );
  });

  for (const name of responseFixtures) {
    it(`reads ${name}`, () => {
      const body = fixture(name);
      parsed(schemaFor(name)!, body);
    });
  }

  it('tolerates a deprecationWarning on every kind of reply', () => {
    for (const name of responseFixtures.filter((f) => !/error/.test(f))) {
      const body = { ...fixture(name), deprecationWarning: { type: 'api_version', message: 'please update' } };
      const value = parsed(schemaFor(name)!, body) as { deprecationWarning?: { type?: string } };
      assert.equal(value.deprecationWarning?.type, 'api_version', name);
    }
  });
});

describe('XRT reply schemas: coercion and structure', () => {
  it('reads positions given as strings as numbers, and 0/1 flags as booleans', () => {
    const body = fixture('psfpos.response.ok.json');
    const value = parsed(positionResponseSchema, body);
    assert.equal(value.RA, Number(body.RA));
    assert.equal(value.Err90, Number(body.Err90));
    assert.equal(value.GotPos, true);
    assert.equal(value.FromSXPS, false);
    assert.equal(parsed(positionResponseSchema, { ...body, GotPos: '1', FromSXPS: 'true' }).FromSXPS, true);
    assert.equal(parsed(positionResponseSchema, fixture('astrompos.response.nopos.json')).GotPos, false);
  });

  it('refuses a position reply that claims a position but gives none', () => {
    const result = positionResponseSchema.safeParse({ OK: 1, APIVersion: '1.12', GotPos: 1, Dec: '1' });
    assert.ok(!result.success);
    assert.deepEqual(result.error.issues.map((i) => i.path.join('.')).sort(), ['Err90', 'RA']);
  });

  it('refuses booleans and numbers it cannot read', () => {
    assert.ok(!positionResponseSchema.safeParse({ OK: 1, GotPos: 'maybe' }).success);
    assert.ok(!numJobsResponseSchema.safeParse({ OK: 1, numJobs: 'several' }).success);
    assert.ok(!numJobsResponseSchema.safeParse({ OK: 1, numJobs: 2.5 }).success);
  });

  it('reads status codes (null for products not in the job) and nested progress steps', () => {
    const unknown = parsed(statusResponseSchema, fixture('status.response.unknown-products.json'));
    assert.equal(unknown.lc?.statusCode, null);
    assert.equal(unknown.spec?.statusCode, 3);
    const body = fixture('status.response.running-with-progress.json') as { spec: { progress: { ProgressSteps: ProgressStep[] } } };
    const value = parsed(statusResponseSchema, body);
    const steps = value.spec?.progress.ProgressSteps ?? [];
    assert.equal(steps.length, body.spec.progress.ProgressSteps.length);
    assert.deepEqual(
      steps[1]?.SubStep?.map((s) => s.StepStatus),
      body.spec.progress.ProgressSteps[1]!.SubStep!.map((s) => s.StepStatus),
    );
    const asStrings = parsed(statusResponseSchema, {
      OK: '1',
      JobID: 7,
      lc: { statusCode: '-4', statusText: 'Cancelled', progress: { GotProgress: '0' } },
    });
    assert.equal(asStrings.lc?.statusCode, -4);
    assert.equal(asStrings.OK, 1);
    assert.equal(parsed(statusResponseSchema, { OK: 1, image: { statusCode: 2, statusText: 'Queued' } }).image?.progress.GotProgress, 0);
  });

  it('reads cancel codes keyed by product, including the partial OK 2', () => {
    const value = parsed(cancelResponseSchema, fixture('cancel.response.partial.json'));
    assert.equal(value.OK, 2);
    assert.equal(value.statusCodes.lc, 1);
    assert.equal(parsed(cancelResponseSchema, { OK: 1, status: { lc: 'ok' }, statusCodes: { lc: '0' } }).statusCodes.lc, 0);
  });

  it('reads old jobs with JSON, 0/1 or "0"/"1" booleans', () => {
    const value = parsed(listOldJobsResponseSchema, fixture('listoldjobs.response.ok.json'));
    assert.equal(value.jobs[0]?.Spectrum, true);
    assert.equal(value.jobs[2]?.hasProd, false);
    const loose = parsed(listOldJobsResponseSchema, {
      OK: 1,
      jobs: [{ JobID: '5', Name: 'x', DateSubmitted: '2020-01-01 00:00:00', LightCurve: '1', hasProd: 0 }],
    });
    assert.equal(loose.jobs[0]?.LightCurve, true);
    assert.equal(loose.jobs[0]?.hasProd, false);
  });

  it('turns source-detection bands into string rows', () => {
    const body = fixture('sourcedet.response.ok-allbands.json');
    const value = parsed(sourceDetResponseSchema, body);
    assert.deepEqual(
      Object.keys(value.bands).sort(),
      Object.keys(body)
        .filter((k) => k !== 'OK' && k !== 'APIVersion')
        .sort(),
    );
    const numbers = parsed(sourceDetResponseSchema, { OK: 1, Total: [{ sno: 1, ra: 32.15 }] });
    assert.deepEqual(numbers.bands.Total, [{ sno: '1', ra: '32.15' }]);
  });

  it('reads every listed light-curve dataset, with "inf" and numeric strings as numbers', () => {
    const body = fixture('lcdata.response.ok.json');
    const value = parsed(lcDataResponseSchema, body);
    assert.deepEqual(Object.keys(value.datasets), body.Datasets);
    const ul = value.datasets.PCUL!;
    const snr = ul.columns.indexOf('SNR');
    assert.equal(ul.data[0]![snr], Infinity);
    for (const dataset of Object.values(value.datasets))
      for (const row of dataset.data) for (const cell of row) assert.equal(typeof cell, 'number');
    assert.equal(value.T0, body.T0);
    const strings = parsed(lcDataResponseSchema, {
      OK: 1,
      Datasets: ['PC'],
      PCData: { columns: ['Time', 'Rate', 'ObsID'], data: [['1.5', '2e-3', '::ObsID=10873001']] },
    });
    assert.deepEqual(strings.datasets.PC!.data[0], [1.5, 0.002, '00010873001']);
  });

  it('skips a listed light-curve dataset that is missing, and a row with an unreadable cell, naming each', () => {
    const missing = parsed(lcDataResponseSchema, { OK: 1, Datasets: ['PC', 'WT'], PCData: { columns: [], data: [] } });
    assert.deepEqual(missing.Datasets, ['PC']);
    assert.match(missing.skipped.join(' '), /WTData/);
    const bad = parsed(lcDataResponseSchema, {
      OK: 1,
      Datasets: ['PC'],
      PCData: {
        columns: ['Time', 'Rate'],
        data: [
          [1, 'lots'],
          [2, 3],
        ],
      },
    });
    assert.deepEqual(bad.datasets.PC!.data, [[2, 3]]);
    assert.match(bad.skipped[0]!, /PC: row 1 .*Rate.*lots/);
    assert.ok(!lcDataResponseSchema.safeParse({ OK: 1, Datasets: 'PC' }).success, 'Datasets itself is needed');
  });

  it('reads spectral fits: intervals, modes, models and their parameters', () => {
    const body = fixture('specdata.response.ok.json') as Json & { rnames: string[] };
    const value = parsed(specDataResponseSchema, body);
    assert.ok(!value.spectra.noSpectrum);
    if (value.spectra.noSpectrum) return;
    assert.deepEqual(
      value.spectra.intervals.map((i) => i.name),
      body.rnames,
    );
    const wt = value.spectra.intervals[0]!.modes.find((m) => m.mode === 'WT')!;
    const wire = (body.interval0 as { WT: { PowerLaw: Json } }).WT.PowerLaw;
    assert.equal(wt.models[0]!.params.Gamma, wire.Gamma);
    assert.equal(wt.models[0]!.Image, wire.Image);
    assert.equal(value.spectra.GalNH_unfitted, undefined);
  });

  it('reads temperatures sent as KT or kT under one name', () => {
    const multi = parsed(specDataResponseSchema, fixture('specdata.response.ok-multimodel.json'));
    assert.ok(!multi.spectra.noSpectrum);
    if (multi.spectra.noSpectrum) return;
    const apec = multi.spectra.intervals[0]!.modes[0]!.models.find((m) => m.name === 'APEC')!;
    assert.equal(typeof apec.params.KT, 'number');
    const lower = parsed(specDataResponseSchema, {
      OK: 1,
      rnames: ['a'],
      a: { Modes: ['PC'], PC: { Models: ['APEC'], APEC: { kT: '4.6', kTPos: 0.2, kTNeg: -0.2 } } },
    });
    assert.ok(!lower.spectra.noSpectrum);
    if (lower.spectra.noSpectrum) return;
    assert.deepEqual(lower.spectra.intervals[0]!.modes[0]!.models[0]!.params, { KT: 4.6, KTPos: 0.2, KTNeg: -0.2 });
  });

  it('reads NOFIT, NOSPEC and NoSpectrum', () => {
    const nofit = parsed(specDataResponseSchema, fixture('specdata.response.nofit.json'));
    assert.ok(!nofit.spectra.noSpectrum);
    if (nofit.spectra.noSpectrum) return;
    const [first, late] = nofit.spectra.intervals;
    assert.ok(first!.modes.every((m) => m.notFitted && m.models.length === 0));
    assert.equal(late!.noSpectrum, true);
    assert.equal(first!.noSpectrum, false);
    assert.equal(parsed(specDataResponseSchema, fixture('specdata.response.nospectrum.json')).spectra.noSpectrum, true);
  });

  it('skips a listed model that has no results, and says so', () => {
    const result = parsed(specDataResponseSchema, { OK: 1, rnames: ['a'], a: { Modes: ['PC'], PC: { Models: ['PowerLaw'] } } });
    assert.ok(!result.spectra.noSpectrum);
    if (result.spectra.noSpectrum) return;
    assert.deepEqual(result.spectra.intervals[0]!.modes[0]!.models, []);
    assert.match(result.skipped[0]!, /a PC: model PowerLaw/);
    assert.ok(!specDataResponseSchema.safeParse({ OK: 1 }).success, 'rnames (or NoSpectrum) is needed');
  });
});
