// The small product files (positions, images, source lists) and the offline summary of an extracted
// job folder: read from the sandbox's archives (agreeing with its JSON endpoints) and from
// hand-written files, with problems reported by file and line instead of exceptions.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProductParseError } from '../../../../src/products/files/parseError';
import {
  parseCorrposDat,
  parseInsxps,
  parseNocorr,
  parseResultsDat,
  parseSuccessTxt,
  parseXastromCorr,
} from '../../../../src/products/files/positionFiles';
import { readProductFolder } from '../../../../src/products/files/productFolder';
import { extractArchive } from '../../../../src/products/download/safeExtract';
import { parseImagesLog, parseSourceList } from '../../../../src/products/files/tableFiles';
import { lcDataResponseSchema, positionResponseSchema, sourceDetResponseSchema } from '../../../../src/xrt/responseSchemas';
import { ASTRO } from '../../../sandbox/xrt/harness';
import { finishedSandboxJob } from '../../../support/sandboxJob';

function parseFailure(fn: () => unknown): ProductParseError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ProductParseError, String(error));
    return error;
  }
  assert.fail('expected a ProductParseError');
}

const lineOf = (fn: () => unknown): number => parseFailure(fn).line;

describe('products: position, image and source-list files', () => {
  it('reads results.dat, NOPOS and its malformed forms', () => {
    const pos = parseResultsDat('335.69894\t-7.51819\t22 22 47.74\t-07 31 05.5\t3.4\t0\t1\t0\t0\t0\t0\n');
    assert.deepEqual(pos, {
      found: true,
      ra: 335.69894,
      dec: -7.51819,
      raSexagesimal: '22 22 47.74',
      decSexagesimal: '-07 31 05.5',
      err90: 3.4,
      piledUp: false,
      matchedSource: 1,
      psfFit: { S: 0, l: 0, c: 0, tau: 0 },
    });
    assert.equal(parseResultsDat('NOPOS\n').found, false);
    assert.equal(
      lineOf(() => parseResultsDat('\n\n335.7\tabc\t1\t2\t3\t0\t1\n')),
      3,
    );
    assert.match(parseFailure(() => parseResultsDat('1\t2\t3')).message, /results\.dat, line 1: expected at least 7 values/);
    assert.equal(
      lineOf(() => parseResultsDat('400\t0\ta\tb\t3\t0\t1\n')),
      1,
      'RA out of range',
    );
    assert.equal(
      lineOf(() => parseResultsDat('1\t0\ta\tb\t3\t2\t1\n')),
      1,
      'pile-up flag must be 0/1',
    );
    assert.equal(
      lineOf(() => parseResultsDat('')),
      0,
    );
  });

  it('reads INSXPS, success.txt, corrpos.dat, xastrom_corr.dat and NOCORR', () => {
    const sxps = parseInsxps('GRB-00966554\n335.69850\n-7.51788\n3.5\n22 22 47.64\n-07 31 04.4\n00966554001\n2SXPS\n');
    assert.equal(sxps.catalogue, '2SXPS');
    assert.equal(sxps.err90, 3.5);
    assert.equal(
      lineOf(() => parseInsxps('id\n335\nxyz\n3.5\na\nb\nc\n2SXPS\n')),
      3,
    );
    const enh = parseSuccessTxt('GRB 200416A\n00966554\n4\n4938.0\n0\n0\n335.69829\n-7.51787\n22 22 47.59\n-07 31 04.3\n2.2\n');
    assert.deepEqual([enh.uvotOverlaps, enh.ra, enh.dec, enh.err90], [4, 335.69829, -7.51787, 2.2]);
    assert.equal(
      lineOf(() => parseSuccessTxt('a\nb\nfour\n1\n0\n0\n1\n2\nx\ny\n3\n')),
      3,
    );
    assert.equal(
      lineOf(() => parseSuccessTxt('a\nb\n')),
      2,
    );
    assert.deepEqual(parseCorrposDat('335.69879\t-7.51802\t22 22 47.71\t-07 31 04.9\t9.8\n').err90, 9.8);
    assert.deepEqual(parseXastromCorr('2.449\t-3.279\t-0.311\t1.882\n'), {
      raShiftArcsec: 2.449,
      decShiftArcsec: -3.279,
      rollArcmin: -0.311,
      err90Arcsec: 1.882,
    });
    assert.equal(
      lineOf(() => parseXastromCorr('2.449\t-3.279\t-0.311\n')),
      1,
    );
    assert.match(parseNocorr('No astrometric correction could be determined.\n').reason, /No astrometric correction/);
    assert.match(parseNocorr('').reason, /NOCORR/);
  });

  it('reads images.log and source lists, naming the bad line', () => {
    assert.deepEqual(parseImagesLog('1\t0.3\t10\n2\t1\t4\n'), [
      { index: 1, emin: 0.3, emax: 10 },
      { index: 2, emin: 1, emax: 4 },
    ]);
    assert.equal(
      lineOf(() => parseImagesLog('1\t0.3\t10\n2\t4\t1\n')),
      2,
      'reversed band',
    );
    assert.equal(
      lineOf(() => parseImagesLog('1\t0.3\t10\n1\t1\t4\n')),
      2,
      'image listed twice',
    );
    assert.equal(
      lineOf(() => parseImagesLog('x\t0.3\t10\n')),
      1,
    );
    const list = parseSourceList('sno\tra\tdec\n1\t335.6\t-7.5\n2\t335.7\t-7.4\n');
    assert.deepEqual(list.columns, ['sno', 'ra', 'dec']);
    assert.deepEqual(list.rows[1], ['2', '335.7', '-7.4']);
    assert.equal(
      lineOf(() => parseSourceList('sno\tra\tdec\n1\t335.6\n')),
      2,
    );
  });
});

describe('products: reading an extracted job folder', () => {
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'swift-folder-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('summarises the sandbox’s all.tar.gz, agreeing with the JSON endpoints', async () => {
    const { h, jobId } = await finishedSandboxJob();
    const archive = join(work, 'all.tar.gz');
    writeFileSync(archive, (await h.request('GET', `/tprods/USERPROD_${jobId}/all.tar.gz`)).body);
    const extracted = await extractArchive(archive, join(work, 'products'));
    assert.deepEqual(extracted.refused, []);

    // Opened from the folder that holds USERPROD_<id>.
    const summary = await readProductFolder(join(work, 'products'));
    assert.deepEqual(summary.problems, []);
    assert.equal(summary.jobId, jobId);
    assert.deepEqual([...summary.products].sort(), ['enh', 'image', 'lc', 'psf', 'sourceDet', 'spec', 'xastrom']);

    // Positions: the same as getPSFPos / getEnhPos / getAstromPos.
    const kinds = [
      ['standard', '/tprods/getPSFPos.php'],
      ['enhanced', '/tprods/getEnhPos.php'],
      ['astrometric', '/tprods/getAstromPos.php'],
    ] as const;
    for (const [kind, endpoint] of kinds) {
      const wire = positionResponseSchema.parse(await h.post(endpoint, { UserID: ASTRO, JobID: jobId }));
      const file = summary.positions[kind];
      assert.ok(file, kind);
      assert.equal(file.found, wire.GotPos, kind);
      if (wire.GotPos) {
        assert.equal(file.ra, wire.RA, `${kind} RA`);
        assert.equal(file.dec, wire.Dec, `${kind} Dec`);
        assert.equal(file.err90, wire.Err90, `${kind} err90`);
      }
    }
    assert.ok(summary.positions.astrometric?.correction, 'xastrom_corr.dat read');
    assert.deepEqual(summary.positions.standard?.imagePaths, ['psf/summed.gif']);

    // Light curves: the plain PC set from curve.qdp equals getLCData's.
    const lc = lcDataResponseSchema.parse(
      await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: jobId, nosys: 'no', incbad: 'no' }),
    );
    assert.equal(summary.lightCurves[0]?.file, 'lc/curve.qdp');
    const pc = summary.lightCurves[0]!.datasets.find((d) => d.name === 'PC')!;
    assert.deepEqual(
      [...pc.columns.Rate!],
      lc.datasets.PC!.data.map((row) => row[lc.datasets.PC!.columns.indexOf('Rate')]),
    );
    assert.ok(
      summary.lightCurves.some((f) => f.file === 'lc/PCHR.qdp' && f.datasets.map((d) => d.kind).join() === 'hard,soft,hardness-ratio'),
    );

    // Spectrum: the interval's unpacked files per mode, plots per mode.
    const interval = summary.spectrum?.intervals.find((i) => i.name === 'interval0');
    assert.ok(interval?.folder === 'spec/interval0' && interval.tarball === 'spec/interval0.tar.gz');
    const pcMode = interval.modes.find((m) => m.mode === 'PC');
    assert.equal(pcMode?.arf, 'spec/interval0/interval0pc.arf');
    assert.equal(pcMode?.grouped, 'spec/interval0/interval0pc.pi');
    assert.equal(pcMode?.plot, 'spec/interval0pc_plot.gif');
    assert.ok(pcMode?.models.some((m) => m.xcm === 'spec/interval0/models/interval0pc_pow.xcm'));

    // Images and source lists.
    assert.deepEqual(
      summary.image?.bands.map((b) => [b.index, b.emin, b.emax, b.gifPath]),
      [
        [1, 0.3, 10, 'image/image1.gif'],
        [2, 1, 4, 'image/image2.gif'],
      ],
    );
    assert.equal(summary.image?.exposureMaps.length, 2);
    const sources = sourceDetResponseSchema.parse(await h.post('/tprods/getSourceDetResults.php', { UserID: ASTRO, JobID: jobId }));
    const total = summary.sourceLists.find((s) => s.band === 'Total')!;
    assert.equal(total.rows.length, sources.bands.Total!.length);
    assert.equal(total.rows[0]![total.columns.indexOf('ra')], sources.bands.Total![0]!.ra);
  });

  it('reads failure files: NOPOS, NOCORR, NOSPEC and a missing success.txt', async () => {
    const root = join(work, 'USERPROD_9');
    for (const [path, text] of [
      ['psf/results.dat', 'NOPOS\n'],
      ['xastrom/NOCORR', 'No astrometric correction could be determined.\n'],
      ['spec/NOSPEC', 'No spectrum could be created.\n'],
      ['enh/output.log', 'Finished without a product.\n'],
    ] as const) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const summary = await readProductFolder(root);
    assert.equal(summary.jobId, '9');
    assert.deepEqual(summary.problems, []);
    assert.equal(summary.positions.standard?.found, false);
    assert.match(summary.positions.standard?.reason ?? '', /NOPOS/);
    assert.equal(summary.positions.astrometric?.found, false);
    assert.match(summary.positions.astrometric?.reason ?? '', /No astrometric correction/);
    assert.equal(summary.positions.enhanced?.found, false);
    assert.equal(summary.spectrum?.noSpectrum, 'No spectrum could be created.');
  });

  it('reports a malformed file with its line and still reads the rest', async () => {
    const root = join(work, 'USERPROD_10');
    mkdirSync(join(root, 'lc'), { recursive: true });
    mkdirSync(join(root, 'psf'), { recursive: true });
    mkdirSync(join(root, 'image'), { recursive: true });
    writeFileSync(join(root, 'lc', 'curve.qdp'), 'READ TERR 1 2\n! WT: WT mode detections\n1 1 -1 2 1 -1\n1 1 -1 two 1 -1\n');
    writeFileSync(join(root, 'lc', 'PCCURVE.qdp'), 'READ TERR 1 2\n! PC: PC mode detections\n5 1 -1 2 1 -1\n');
    writeFileSync(join(root, 'psf', 'results.dat'), '335.6\t-7.5\ta\tb\tbad\t0\t1\n');
    writeFileSync(join(root, 'image', 'images.log'), '1\t0.3\t10\n');
    const summary = await readProductFolder(root);
    const qdp = summary.problems.find((p) => p.file === 'lc/curve.qdp');
    assert.equal(qdp?.line, 4);
    assert.match(qdp?.message ?? '', /"two" is not a number/);
    assert.deepEqual(
      summary.lightCurves.map((f) => f.file),
      ['lc/PCCURVE.qdp'],
    );
    const psf = summary.problems.find((p) => p.file === 'psf/results.dat');
    assert.equal(psf?.line, 1);
    assert.match(psf?.message ?? '', /err90/);
    assert.equal(summary.positions.standard?.found, false);
    assert.ok(summary.problems.some((p) => p.product === 'image' && /image 1 is listed but neither/.test(p.message)));
  });

  it('says so when a folder holds no products, or several jobs', async () => {
    const empty = await readProductFolder(work);
    assert.match(empty.problems[0]?.message ?? '', /No XRT product folders/);
    mkdirSync(join(work, 'USERPROD_2', 'psf'), { recursive: true });
    mkdirSync(join(work, 'USERPROD_3', 'psf'), { recursive: true });
    const several = await readProductFolder(work);
    assert.equal(several.jobId, '2');
    assert.match(several.problems[0]?.message ?? '', /several jobs \(USERPROD_2, USERPROD_3\)/);
    const missing = await readProductFolder(join(work, 'nope'));
    assert.match(missing.problems[0]?.message ?? '', /Cannot open the folder/);
  });
});
