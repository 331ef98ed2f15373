// The viewer model built from the service's JSON replies (the shared fixtures) and from a downloaded
// folder: each section mapped as the contract says, failures confined to their section.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as z from 'zod';
import type { JobProductsData, SectionResult } from '../../../../src/products/model/jobProducts';
import { modelFromFolder, modelFromJobData } from '../../../../src/products/model/modelBuilder';
import { readProductFolder } from '../../../../src/products/files/productFolder';
import {
  lcDataResponseSchema,
  positionResponseSchema,
  sourceDetResponseSchema,
  specDataResponseSchema,
  type LcDataResponse,
  type PositionResponse,
  type SpecDataResponse,
} from '../../../../src/xrt/responseSchemas';
import { readFixture } from '../../../support/paths';

function fixture<S extends z.ZodType>(schema: S, name: string): z.output<S> {
  const parsed = schema.safeParse(readFixture('xrt', name));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.data;
}

const ok = <T>(value: T): SectionResult<T> => ({ ok: true, value });
const JOB = {
  jobId: '951',
  name: 'GRB 200416A',
  url: 'https://www.swift.ac.uk/user_objects/tprods/USERPROD_951',
  jobPars: { name: 'GRB 200416A', Tstart: '608713541.952' },
};

describe('products: viewer model from the JSON data', () => {
  it('maps every light-curve dataset with its identity, columns and time base', () => {
    const wire = readFixture('xrt', 'lcdata.response.ok-both.json') as Record<string, { data: number[][] }> & {
      Datasets: string[];
      T0: number;
    };
    const model = modelFromJobData(JOB, { lightCurve: ok(fixture(lcDataResponseSchema, 'lcdata.response.ok-both.json')), positions: {} });
    const lc = model.lightCurve;
    assert.ok(lc);
    assert.deepEqual(
      lc.datasets.map((d) => d.name),
      wire.Datasets,
    );
    const ul = lc.datasets.find((d) => d.name === 'PCUL_incbad');
    assert.deepEqual([ul?.mode, ul?.kind, ul?.incbad, ul?.nosys], ['PC', 'upper-limits', true, false]);
    const pc = lc.datasets.find((d) => d.name === 'PC')!;
    assert.deepEqual(
      pc.columns.Time,
      wire.PCData!.data.map((row) => row[0]),
    );
    assert.deepEqual(
      pc.columns.RateNeg,
      wire.PCData!.data.map((row) => row[5]),
    );
    assert.equal(pc.sourceUrl, 'https://www.swift.ac.uk/user_objects/tprods/USERPROD_951/lc/PCCURVE.qdp');
    assert.equal(lc.T0, wire.T0);
    assert.equal(lc.timeFormat, 'MET');
    assert.equal(lc.binning, 'Counts');
    assert.equal(model.job.T0, wire.T0, 'the reply’s T0 wins over the request’s');
    assert.deepEqual(model.problems, []);
  });

  it('keeps ObsIDs as text and leaves unknown dataset names out with a warning', () => {
    const reply = fixture(lcDataResponseSchema, 'lcdata.response.ok.json') as LcDataResponse;
    const named = {
      ...reply,
      Datasets: [...reply.Datasets, 'XXHard'],
      datasets: { ...reply.datasets, XXHard: { columns: ['Time', 'ObsID'], data: [[1, '00966554001']] } },
    };
    const model = modelFromJobData(JOB, { lightCurve: ok(named), positions: {} });
    assert.equal(model.lightCurve?.datasets.length, reply.Datasets.length);
    assert.equal(model.problems.length, 1);
    assert.match(model.problems[0]!.message, /XXHard/);
    const withObs = {
      ...reply,
      Datasets: ['PC'],
      datasets: { PC: { columns: ['Time', 'TimePos', 'TimeNeg', 'Rate', 'ObsID'], data: [[10, 1, -1, 0.5, '00966554001']] } },
    };
    const ds = modelFromJobData(JOB, { lightCurve: ok(withObs), positions: {} }).lightCurve?.datasets[0];
    assert.deepEqual(ds?.obsIds, ['00966554001']);
    assert.equal(ds?.columns.ObsID, undefined, 'ObsID is not a numeric column');
  });

  it('maps spectral fits (power law, APEC temperature sent as KT), NOFIT and NOSPEC', () => {
    const multi = modelFromJobData(JOB, {
      spectrum: ok(fixture(specDataResponseSchema, 'specdata.response.ok-multimodel.json')),
      positions: {},
    }).spectrum;
    assert.ok(multi && !multi.noSpectrum);
    const fits = multi.intervals[0]!.modes[0]!.fits;
    assert.deepEqual(
      fits.map((f) => f.model),
      ['PowerLaw', 'APEC'],
    );
    assert.deepEqual(fits[0]!.gamma, { value: 1.96167, pos: 0.0370174379999999, neg: -0.03668947300000003 });
    assert.equal(fits[1]!.kT?.value, 4.60222);
    assert.equal(fits[1]!.gamma, undefined);
    assert.equal(fits[0]!.dof, 750);
    assert.match(fits[0]!.plotUrl ?? '', /interval0pc_pow_plot\.gif$/);
    assert.equal(fits[0]!.plotPath, undefined, 'no folder, no local plot');
    assert.equal(multi.galNHUnfitted, 5.400326e20);

    const nofit = modelFromJobData(JOB, {
      spectrum: ok(fixture(specDataResponseSchema, 'specdata.response.nofit.json')),
      positions: {},
    }).spectrum!;
    const [first, late] = nofit.intervals;
    assert.deepEqual(
      first!.modes.map((m) => [m.mode, m.noFit, m.fits.length]),
      [
        ['WT', true, 0],
        ['PC', true, 0],
      ],
    );
    assert.equal(first!.modes[0]!.exposure, 350.2);
    assert.equal(late!.noSpectrum, true);

    const none = modelFromJobData(JOB, {
      spectrum: ok(fixture(specDataResponseSchema, 'specdata.response.nospectrum.json')),
      positions: {},
    }).spectrum;
    assert.deepEqual(none, { noSpectrum: true, intervals: [] });
  });

  it('maps positions: found, from 2SXPS, and none', () => {
    const model = modelFromJobData(JOB, {
      positions: {
        psf: ok(fixture(positionResponseSchema, 'psfpos.response.ok-from-sxps.json')),
        enh: ok(fixture(positionResponseSchema, 'enhpos.response.ok.json')),
        xastrom: ok(fixture(positionResponseSchema, 'astrompos.response.nopos.json')),
      },
    });
    const p = model.positions;
    assert.deepEqual([p?.standard?.found, p?.standard?.ra, p?.standard?.fromSXPS, p?.standard?.catalogue], [true, 52.79993, true, '2SXPS']);
    assert.deepEqual([p?.enhanced?.kind, p?.enhanced?.err90], ['enhanced', 1.7]);
    assert.equal(p?.astrometric?.found, false);
    assert.match(p?.astrometric?.reason ?? '', /could not determine/);
  });

  it('maps source lists: documented band order, every column, cells aligned', () => {
    const reply = fixture(sourceDetResponseSchema, 'sourcedet.response.ok-allbands.json');
    const section = modelFromJobData(JOB, { sourceDetection: ok(reply), positions: {} }).sourceDetection!;
    assert.deepEqual(
      section.bands.map((b) => b.band),
      ['Total', 'Soft', 'Medium', 'Hard'],
    );
    const total = section.bands[0]!;
    assert.equal(total.columns[0], 'sno');
    assert.equal(total.rows.length, reply.bands.Total!.length);
    assert.equal(total.rows[1]![total.columns.indexOf('ra')], reply.bands.Total![1]!.ra);
  });

  it('a failed or unreadable section becomes a problem; the others still show', () => {
    const data: JobProductsData = {
      lightCurve: ok(fixture(lcDataResponseSchema, 'lcdata.response.ok.json')),
      spectrum: { ok: false, error: 'Spectrum data are being regenerated.', kind: 'rejected' },
      // A value the schema would never produce: the mapping throws, and that too stays in its section.
      sourceDetection: ok({ bands: null } as unknown as ReturnType<typeof sourceDetResponseSchema.parse>),
      positions: {
        psf: {
          ok: false,
          error: 'The reply does not have the documented shape',
          kind: 'unexpected-shape',
          details: ['RA: expected a number'],
        },
      },
    };
    const model = modelFromJobData(JOB, data);
    assert.ok(model.lightCurve);
    assert.equal(model.spectrum, undefined);
    assert.equal(model.sourceDetection, undefined);
    assert.equal(model.positions, undefined);
    const byProduct = new Map(model.problems.map((p) => [p.product, p]));
    assert.deepEqual([...byProduct.keys()].sort(), ['psf', 'sourceDet', 'spec']);
    assert.match(byProduct.get('spec')!.message, /^Spectrum: Spectrum data are being regenerated\.$/);
    assert.match(byProduct.get('psf')!.message, /RA: expected a number/);
    assert.match(byProduct.get('sourceDet')!.message, /could not be shown/);
    for (const p of model.problems) assert.equal(p.severity, 'error');
  });

  it('job details: name, page, T0 from the request when no reply gives one, target name', () => {
    const model = modelFromJobData({ ...JOB, jobPars: { name: 'Target X', Tstart: 1234.5 } }, { positions: {} });
    assert.deepEqual(model.job, { id: '951', name: 'GRB 200416A', url: JOB.url, T0: 1234.5, targetName: 'Target X' });
    assert.equal(JSON.stringify(model).includes('NaN'), false);
  });
});

describe('products: viewer model with a downloaded folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swift-model-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(rel: string, text: string): void {
    const file = join(dir, 'USERPROD_951', ...rel.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }

  it('adds the files only the folder has: fit plots, interval archives, position images, images', async () => {
    write('spec/interval0pc_pow_plot.gif', 'GIF89a');
    write('spec/interval0.tar.gz', 'x');
    write('psf/results.dat', '335.69894\t-7.51819\t22 22 47.74\t-07 31 05.5\t3.4\t0\t1\t0\t0\t0\t0\n');
    write('psf/summed.gif', 'GIF89a');
    write('image/images.log', '1\t0.3\t10\n');
    write('image/image1.gif', 'GIF89a');
    const folder = await readProductFolder(dir);
    const model = modelFromJobData(
      JOB,
      {
        spectrum: ok(fixture(specDataResponseSchema, 'specdata.response.ok-multimodel.json')),
        positions: { psf: ok(fixture(positionResponseSchema, 'psfpos.response.ok.json')) },
      },
      folder,
    );
    const root = join(dir, 'USERPROD_951');
    const interval = model.spectrum?.intervals[0];
    assert.equal(interval?.modes[0]?.fits[0]?.plotPath, join(root, 'spec', 'interval0pc_pow_plot.gif'));
    assert.equal(interval?.modes[0]?.fits[1]?.plotPath, undefined, 'the APEC plot was not downloaded');
    assert.equal(interval?.dataFilePath, join(root, 'spec', 'interval0.tar.gz'));
    assert.equal(model.positions?.standard?.ra, 335.6985, 'the service’s position wins');
    assert.deepEqual(model.positions?.standard?.imagePaths, [join(root, 'psf', 'summed.gif')]);
    assert.deepEqual(model.image?.bands, [{ index: 1, emin: 0.3, emax: 10, gifPath: join(root, 'image', 'image1.gif') }]);
  });

  it('shows the folder’s version of a section the service failed, with a warning', async () => {
    write('sourceDet/sources_Total.txt', 'sno\tra\tdec\n1\t32.15\t56.94\n');
    const folder = await readProductFolder(dir);
    const model = modelFromJobData(JOB, { sourceDetection: { ok: false, error: 'HTTP 502', kind: 'server' }, positions: {} }, folder);
    assert.deepEqual(model.sourceDetection, { bands: [{ band: 'Total', columns: ['sno', 'ra', 'dec'], rows: [['1', '32.15', '56.94']] }] });
    assert.equal(model.problems.length, 1);
    assert.equal(model.problems[0]!.severity, 'warning');
    assert.match(model.problems[0]!.message, /HTTP 502.*downloaded files/);
  });

  it('offline: a folder alone, with T0 from the QDP comments and the folder’s problems listed', async () => {
    write(
      'lc/curve.qdp',
      'READ TERR 1 2\n! Target: curve (times s since T0 = 608713541.952)\n! PC: PC mode detections\n! Time\tT_+ve\tT_-ve\tRate\tRatepos\tRateneg\n10\t1\t-1\t0.5\t0.1\t-0.1\n20\t1\t-1\t0.7\t0.1\t-0.1\n',
    );
    write('enh/success.txt', 'not enough lines\n');
    const model = modelFromFolder(await readProductFolder(dir));
    assert.equal(model.job.id, '951');
    assert.equal(model.lightCurve?.T0, 608713541.952);
    assert.deepEqual(model.lightCurve?.datasets[0]?.columns.Rate, [0.5, 0.7]);
    assert.deepEqual(model.lightCurve?.datasets[0]?.columns.TimePos, [1, 1], 'old column names read as the wire’s');
    assert.equal(model.positions?.enhanced?.found, false);
    assert.ok(
      model.problems.some((p) => p.product === 'enh' && /success\.txt, line/.test(p.message)),
      JSON.stringify(model.problems),
    );
  });

  it('offline spectrum: files and plots without fit values, said so once', async () => {
    write('spec/interval0/interval0pcsource.pi', 'SIMPLE');
    write('spec/interval0/models/interval0pc_pow.xcm', 'model tbabs*pow');
    write('spec/interval0pc_pow_plot.gif', 'GIF89a');
    const model = modelFromFolder(await readProductFolder(dir), { jobId: '951', name: 'GRB' });
    const fit = model.spectrum?.intervals[0]?.modes[0]?.fits[0];
    assert.deepEqual(fit, { model: 'PowerLaw', fitFailed: false, plotPath: join(dir, 'USERPROD_951', 'spec', 'interval0pc_pow_plot.gif') });
    assert.equal(model.problems.filter((p) => p.product === 'spec' && p.severity === 'info').length, 1);
  });

  it('spectrum reply paired with an unknown mode keeps the known ones', () => {
    const reply = fixture(specDataResponseSchema, 'specdata.response.nofit.json') as SpecDataResponse;
    if (reply.spectra.noSpectrum) assert.fail('fixture has spectra');
    const odd = {
      ...reply,
      spectra: {
        ...reply.spectra,
        intervals: [
          { ...reply.spectra.intervals[0]!, modes: [...reply.spectra.intervals[0]!.modes, { mode: 'XX', notFitted: true, models: [] }] },
        ],
      },
    };
    const model = modelFromJobData(JOB, { spectrum: ok(odd as SpecDataResponse), positions: {} });
    assert.deepEqual(
      model.spectrum?.intervals[0]?.modes.map((m) => m.mode),
      ['WT', 'PC'],
    );
    assert.match(model.problems[0]?.message ?? '', /"XX"/);
  });

  it('a position the service says is absent keeps the reason from the files', async () => {
    write('xastrom/NOCORR', 'No astrometric correction could be determined.\n');
    const folder = await readProductFolder(dir);
    const nopos = fixture(positionResponseSchema, 'astrompos.response.nopos.json') as PositionResponse;
    const model = modelFromJobData(JOB, { positions: { xastrom: ok(nopos) } }, folder);
    assert.match(model.positions?.astrometric?.reason ?? '', /No astrometric correction/);
  });
});
