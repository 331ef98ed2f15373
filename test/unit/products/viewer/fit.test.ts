// The product viewer's fits on the host side: the Fit panel's request checked before anything runs,
// the light curve turned into the engine's input (time base, fingerprint), the fit run as the worker
// runs it, and the fit kept with the job and read back.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderFitReportJson, renderFitReportText, type FitBin } from '../../../../src/shared/lightCurveFit';
import type { FitChoice, ViewerFit } from '../../../../src/shared/viewerProtocol';
import type { LightCurveDataset, LightCurveSection } from '../../../../src/shared/viewModel';
import { prepareFitInput } from '../../../../src/products/viewer/fitInput';
import { runFitJob } from '../../../../src/products/viewer/fitJob';
import { parseFitChoice } from '../../../../src/products/viewer/fitRequest';
import { fitFileFor, readStoredFit, writeStoredFit } from '../../../../src/products/viewer/fitStore';
import { fileKey, folderKey, jobKey } from '../../../../src/products/viewer/viewerKeys';
import { seeded, syntheticLightCurve } from '../../shared/lightCurveFit/synthetic';

/** Bins as the viewer model holds them: one dataset per name, wire signs (TimeNeg, RateNeg ≤ 0). */
function sectionOf(bins: readonly FitBin[], extra: Partial<LightCurveSection> = {}): LightCurveSection {
  const byName = new Map<string, FitBin[]>();
  for (const b of bins) byName.set(b.dataset, [...(byName.get(b.dataset) ?? []), b]);
  const datasets: LightCurveDataset[] = [...byName].map(([name, rows]) => {
    const mid = rows.map((r) => (r.start + r.stop) / 2);
    const ul = name.endsWith('UL');
    return {
      name,
      mode: name.startsWith('WT') ? 'WT' : 'PC',
      kind: ul ? 'upper-limits' : 'detections',
      incbad: false,
      nosys: false,
      columns: {
        Time: mid,
        TimePos: rows.map((r, i) => r.stop - mid[i]!),
        TimeNeg: rows.map((r, i) => r.start - mid[i]!),
        Rate: rows.map((r) => r.rate),
        ...(ul ? {} : { RatePos: rows.map((r) => r.errorPos), RateNeg: rows.map((r) => -r.errorNeg) }),
      },
    };
  });
  const hr: LightCurveDataset = {
    name: 'PCHR',
    mode: 'PC',
    kind: 'hardness-ratio',
    incbad: false,
    nosys: false,
    columns: { Time: [1000], TimePos: [10], TimeNeg: [-10], HR: [0.5], HRErr: [0.1] },
  };
  return { timeFormat: 'MET', T0: 608713541, datasets: [...datasets, hr], ...extra };
}

const DECAY = { rateAt1000: 2, alphas: [1.3], breaks: [] };
/** A GRB decay of index 1.3 with a flare at 4 000–6 000 s that a fit must leave out. */
function flaredBins(): FitBin[] {
  const flare = { ...DECAY, flare: { peak: 5000, width: 500, amplitude: 4 } };
  return syntheticLightCurve(flare, seeded(7), { binning: { kind: 'counts', size: 40 }, upperLimitBelowCounts: 3 });
}

const CHOICE: FitChoice = { model: 'power-law', breaks: 0, shape: 'sharp', exclusions: [], datasets: ['WT', 'PC'] };

describe('viewer fit: the request from the Fit panel', () => {
  const available = sectionOf(flaredBins()).datasets;

  it('accepts every model, sorting the exclusions and naming each dataset once', () => {
    const r = parseFitChoice(
      {
        model: 'broken-power-law',
        breaks: 3,
        shape: 'smooth',
        exclusions: [
          [5000, 7000],
          [10, 20],
        ],
        datasets: ['PC', 'WT', 'PC', 'PCUL'],
      },
      available,
    );
    assert.deepEqual(r, {
      ok: true,
      value: {
        model: 'broken-power-law',
        breaks: 3,
        shape: 'smooth',
        exclusions: [
          [10, 20],
          [5000, 7000],
        ],
        datasets: ['PC', 'WT', 'PCUL'],
      },
    });
    for (const model of ['auto', 'constant', 'power-law'] as const) {
      const ok = parseFitChoice({ ...CHOICE, model, breaks: 9 }, available);
      assert.ok(ok.ok && ok.value.breaks === 0, `${model}: breaks are ignored`);
    }
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown model', { model: 'exponential' }, /model must be one of auto, constant, power-law, broken-power-law/],
    ['no breaks', { model: 'broken-power-law', breaks: 0 }, /1 to 4 breaks, not 0/],
    ['five breaks', { model: 'broken-power-law', breaks: 5 }, /1 to 4 breaks, not 5/],
    ['a fraction of a break', { model: 'broken-power-law', breaks: 1.5 }, /not 1\.5/],
    ['a shape', { shape: 'round' }, /sharp or smooth, not "round"/],
    ['a range that ends first', { exclusions: [[300, 100]] }, /exclusion 1 \(300 to 100 s\) must end after it starts/],
    ['a range of text', { exclusions: [['1', '2']] }, /exclusion 1 is not a \[start, stop\] pair/],
    ['a range with NaN', { exclusions: [[1, Number.NaN]] }, /exclusion 1 is not/],
    ['too many ranges', { exclusions: Array.from({ length: 51 }, (_, i) => [i, i + 0.5]) }, /at most 50 exclusion ranges/],
    ['no datasets', { datasets: [] }, /name the datasets/],
    ['a dataset that is not there', { datasets: ['WT', 'XRT'] }, /no dataset XRT \(it has WT, PC, PCUL, PCHR\)/],
    ['a hardness ratio', { datasets: ['PC', 'PCHR'] }, /PCHR holds hardness-ratio, not count rates/],
    ['upper limits alone', { datasets: ['PCUL'] }, /at least one dataset of detections/],
  ];
  for (const [what, change, message] of refusals) {
    it(`refuses ${what} with a message`, () => {
      const r = parseFitChoice({ ...CHOICE, ...change }, available);
      assert.ok(!r.ok, JSON.stringify(r));
      assert.match(r.problem, message);
    });
  }

  it('refuses what is not a choice at all', () => {
    assert.deepEqual(parseFitChoice(null, available), { ok: false, problem: 'the fit choice is not an object.' });
    assert.ok(!parseFitChoice([CHOICE], available).ok);
  });
});

describe('viewer fit: the engine’s input from the viewer model', () => {
  it('takes the chosen datasets with their errors as the engine reads them, and names their source', () => {
    const section = sectionOf(flaredBins());
    const r = prepareFitInput(section, { ...CHOICE, datasets: ['WT', 'PC', 'PCUL'] }, ['curve.qdp']);
    assert.ok(r.ok);
    assert.deepEqual(
      r.input.datasets.map((d) => d.name),
      ['WT', 'PC', 'PCUL'],
    );
    assert.deepEqual(r.input.source, { files: ['curve.qdp'], datasets: ['WT', 'PC', 'PCUL'] });
    const pc = r.input.datasets[1]!;
    assert.ok(pc.columns.RateNeg![0]! < 0 && pc.columns.RatePos![0]! > 0, 'wire signs kept (the engine takes sizes)');
  });

  it('reads one symmetric error column as both sides', () => {
    const section = sectionOf(flaredBins());
    const pc = section.datasets.find((d) => d.name === 'PC')!;
    const { RatePos: _p, RateNeg: _n, ...rest } = pc.columns;
    const symmetric = { ...pc, columns: { ...rest, RateErr: pc.columns.RatePos } };
    const r = prepareFitInput({ ...section, datasets: [symmetric] }, { ...CHOICE, datasets: ['PC'] });
    assert.ok(r.ok);
    assert.deepEqual(Array.from(r.input.datasets[0]!.columns.RatePos!), pc.columns.RatePos);
    assert.deepEqual(
      Array.from(r.input.datasets[0]!.columns.RateNeg!),
      pc.columns.RatePos!.map((v) => -v),
    );
  });

  it('refuses MJD times and raw MET without a T0: the fit needs seconds since T0', () => {
    const section = sectionOf(flaredBins());
    const mjd = prepareFitInput({ ...section, timeFormat: 'MJD' }, CHOICE);
    assert.ok(!mjd.ok && /seconds since T0; this light curve's times are MJD/.test(mjd.problem));
    const shifted = sectionOf(
      flaredBins().map((b) => ({ ...b, start: b.start + 6e8, stop: b.stop + 6e8 })),
      { T0: undefined },
    );
    const raw = prepareFitInput(shifted, CHOICE);
    assert.ok(!raw.ok && /no T0 and its times look like raw Swift MET/.test(raw.problem));
  });

  it('fingerprints the fitted numbers: the same data the same, one changed rate or another dataset different', () => {
    const bins = flaredBins();
    const print = (b: readonly FitBin[], choice = CHOICE): string => {
      const r = prepareFitInput(sectionOf(b), choice);
      assert.ok(r.ok);
      return r.input.fingerprint;
    };
    assert.equal(print(bins), print(flaredBins()));
    const changed = bins.map((b, i) => (i === 5 ? { ...b, rate: b.rate * 1.01 } : b));
    assert.notEqual(print(changed), print(bins));
    assert.notEqual(print(bins, { ...CHOICE, datasets: ['PC'] }), print(bins));
  });
});

describe('viewer fit: the fit as the worker runs it', function () {
  this.timeout(30_000);

  function fit(choice: FitChoice): ReturnType<typeof runFitJob> {
    const r = prepareFitInput(sectionOf(flaredBins()), choice);
    assert.ok(r.ok);
    return runFitJob(r.input.datasets, choice);
  }

  it('with the flare excluded, recovers the decay index within its 90 % interval; with it, does not fit', () => {
    const excluded = fit({ ...CHOICE, datasets: ['WT', 'PC', 'PCUL'], exclusions: [[3500, 7000]] });
    const alpha = excluded.parameters.find((p) => p.name === 'alpha1')!;
    assert.ok(alpha.lower! < 1.3 && 1.3 < alpha.upper!, JSON.stringify(alpha));
    assert.ok(excluded.statistic.excluded > 0, 'the flare’s bins are left out');
    assert.deepEqual(excluded.exclusions, [[3500, 7000]]);
    assert.ok(excluded.statistic.value / excluded.statistic.dof < 1.5, `χ²/dof ${excluded.statistic.value}/${excluded.statistic.dof}`);
    const flared = fit({ ...CHOICE, datasets: ['WT', 'PC', 'PCUL'] });
    assert.ok(flared.statistic.value > excluded.statistic.value * 2, 'the flare spoils the fit');
  });

  it('chooses automatically among the six models and lists them', () => {
    const auto = fit({ ...CHOICE, model: 'auto', datasets: ['WT', 'PC'], exclusions: [[3500, 7000]] });
    assert.equal(auto.comparison?.models.length, 6);
    assert.equal(auto.comparison.models.filter((m) => m.chosen).length, 1);
    assert.equal(auto.comparison.criterion, 'BIC');
  });

  it('fits a sharply broken power law with the number of breaks asked for', () => {
    const r = fit({ ...CHOICE, model: 'broken-power-law', breaks: 2, exclusions: [[3500, 7000]] });
    assert.deepEqual(
      r.parameters.map((p) => p.name),
      ['N', 'alpha1', 'alpha2', 'alpha3', 'tbreak1', 'tbreak2'],
    );
    assert.equal(r.model.shape, 'sharp');
  });

  it('reports the result as the command line does: text with the light curve named, JSON with its source', () => {
    const result = fit(CHOICE);
    const source = { files: ['curve.qdp'], datasets: ['WT', 'PC'] };
    const json = JSON.parse(renderFitReportJson(result, source)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['source', ...Object.keys(result)].sort());
    assert.equal(Object.keys(json)[0], 'source');
    assert.deepEqual(json.source, source);
    assert.match(renderFitReportText(result, source), /^Light curve: curve\.qdp \(datasets WT, PC\)\nModel: power law\n/);
    assert.match(renderFitReportText(result, { files: [], datasets: ['PC'] }), /^Light curve: \(datasets PC\)\n/);
  });
});

describe('viewer fit: kept with the job', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'swift-fit-store-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lives beside a QDP file, in a job’s product folder, or in the extension’s storage', () => {
    const qdp = path.join(dir, 'curve.qdp');
    assert.equal(fitFileFor(fileKey(qdp), dir, '/storage'), path.join(dir, 'curve.fit.json'));
    assert.equal(fitFileFor(folderKey(dir), dir, '/storage'), path.join(dir, 'lightcurve-fit.json'));
    assert.equal(fitFileFor(jobKey('951'), dir, '/storage'), path.join(dir, 'lightcurve-fit.json'));
    assert.equal(fitFileFor(jobKey('951/../x'), undefined, '/storage'), path.join('/storage', 'fits', 'xrt-job_951_.._x.json'));
  });

  function sampleFit(): ViewerFit {
    const section = sectionOf(flaredBins());
    const r = prepareFitInput(section, CHOICE);
    assert.ok(r.ok);
    return { choice: CHOICE, result: runFitJob(r.input.datasets, CHOICE), source: r.input.source, fittedAt: '2026-12-02T06:00:00.000Z' };
  }

  it('comes back as it was written, with the fingerprint of the data', async () => {
    const file = path.join(dir, 'job', 'lightcurve-fit.json');
    const fit = sampleFit();
    await writeStoredFit(file, { ...fit, stale: 'not kept' }, '42:abc');
    const read = await readStoredFit(file, sectionOf(flaredBins()).datasets);
    assert.equal(read.kind, 'fit');
    assert.ok(read.kind === 'fit');
    assert.equal(read.fingerprint, '42:abc');
    assert.deepEqual(read.fit, JSON.parse(JSON.stringify(fit)), 'the stale note is not written');
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { format: string }).format, 'swift-observatory/lightcurve-fit');
  });

  it('is nothing when there is no file', async () => {
    assert.deepEqual(await readStoredFit(path.join(dir, 'none.json'), []), { kind: 'none' });
  });

  const broken: [string, (text: string) => string, RegExp][] = [
    ['not JSON', () => '{"format": ', /it is not JSON/],
    ['another file', () => '{"name": "x"}', /not a fit file of this extension/],
    ['a newer version', (t) => t.replace('"version": 1', '"version": 2'), /version 2; this extension reads version 1/],
    ['a choice this light curve cannot take', (t) => t.replace('"WT"', '"XRT"'), /choice does not fit this light curve: .*no dataset XRT/],
    ['a result without parameters', (t) => t.replace('"parameters": [', '"parameters": [7, '), /parameters are not a list/],
  ];
  for (const [what, edit, message] of broken) {
    it(`reports ${what} and leaves the file as it is`, async () => {
      const file = path.join(dir, `${what.replace(/\W+/g, '-')}.json`);
      await writeStoredFit(file, sampleFit(), 'x');
      const text = edit(readFileSync(file, 'utf8'));
      writeFileSync(file, text);
      const read = await readStoredFit(file, sectionOf(flaredBins()).datasets);
      assert.equal(read.kind, 'unreadable');
      assert.ok(read.kind === 'unreadable');
      assert.match(read.problem, message);
      assert.equal(readFileSync(file, 'utf8'), text, 'untouched');
    });
  }
});
