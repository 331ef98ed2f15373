// The command-line fit (src/cli.ts, shipped as dist/cli.js): its arguments, and its output on a
// downloaded sandbox job's light curve (realistic QDP files from the sandbox's generator).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { parseArguments } from '../../src/cliArguments';
import { parseTimeRange as parseRange } from '../../src/shared/lightCurveFit';
import { extractArchive } from '../../src/products/download/safeExtract';
import { repoRoot } from '../support/paths';
import { ALL_PRODUCTS_REQUEST, finishedSandboxJob } from '../support/sandboxJob';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('command line: fit arguments', () => {
  it('reads the path, --breaks N|auto, several --exclude ranges, --json and the shape', () => {
    const parsed = parseArguments([
      'fit',
      'lc/curve.qdp',
      '--breaks',
      '2',
      '--exclude',
      '100-300',
      '1e3-2.5e3',
      '--exclude=4000:5000',
      '--json',
      '--shape',
      'smooth',
      '--smoothness',
      '2',
    ]);
    assert.equal(parsed.kind, 'fit');
    if (parsed.kind !== 'fit') return;
    assert.deepEqual(parsed.command, {
      path: 'lc/curve.qdp',
      breaks: 2,
      exclude: [
        [100, 300],
        [1000, 2500],
        [4000, 5000],
      ],
      shape: 'smooth',
      smoothness: 2,
      intervals: true,
      json: true,
    });
    const limits = parseArguments(['fit', 'x.qdp', '--ul-sigma', '2', '--dataset', 'PC_incbad,PCUL', '--no-intervals']);
    assert.ok(limits.kind === 'fit' && limits.command.upperLimitSigmas === 2 && !limits.command.intervals);
    assert.deepEqual(limits.kind === 'fit' ? limits.command.datasets : [], ['PC_incbad', 'PCUL']);
    const auto = parseArguments(['fit', 'folder']);
    assert.ok(auto.kind === 'fit' && auto.command.breaks === 'auto' && !auto.command.json && auto.command.shape === 'sharp');
  });

  it('refuses bad arguments with a message naming the problem', () => {
    const message = (argv: string[]): string => {
      const p = parseArguments(argv);
      assert.equal(p.kind, 'error', JSON.stringify(p));
      return p.kind === 'error' ? p.message : '';
    };
    assert.match(message(['fit', 'x.qdp', '--breaks', '5']), /0 to 4 or "auto"/);
    assert.match(message(['fit', 'x.qdp', '--breaks']), /not nothing/);
    assert.match(message(['fit', 'x.qdp', '--ul-sigma', '0']), /positive number/);
    assert.match(message(['fit', 'x.qdp', '--exclude', '300-100']), /START < END/);
    assert.match(message(['fit', 'x.qdp', '--exclude', 'flare']), /"flare"/);
    assert.match(message(['fit']), /Name a light-curve QDP file/);
    assert.match(message(['fit', 'a.qdp', 'b.qdp']), /One light curve at a time/);
    assert.match(message(['fit', 'a.qdp', '--frobnicate']), /Unknown option "--frobnicate"/);
    assert.match(message(['plot', 'a.qdp']), /Unknown command "plot"/);
    assert.equal(parseArguments(['--help']).kind, 'help');
    assert.deepEqual(parseRange('1.5e3 – 2e3'), [1500, 2000]);
    assert.equal(parseRange('-5-10'), undefined, 'times before T0 are not ranges a decay fit can exclude');
  });

  it('exits 2 with the usage on bad arguments and 1 with a message for a missing file', async () => {
    const bad = await run(['fit']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Usage: node dist\/cli\.js fit/);
    const missing = await run(['fit', join(tmpdir(), 'no-such-light-curve.qdp')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /does not exist/);
    assert.equal(missing.out, '');
  });
});

describe('command line: fit on a sandbox job', function () {
  this.timeout(60_000);
  let work: string;
  let jobFolder: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'swift-cli-'));
    const { h, jobId } = await finishedSandboxJob({
      ...ALL_PRODUCTS_REQUEST,
      spec: 0,
      dopsf: 0,
      doenh: 0,
      doxastrom: 0,
      image: 0,
      sourceDet: 0,
    });
    const archive = join(work, 'lc.tar.gz');
    writeFileSync(archive, (await h.request('GET', `/tprods/USERPROD_${jobId}/lc.tar.gz`)).body);
    await extractArchive(archive, join(work, 'products'));
    jobFolder = join(work, 'products', `USERPROD_${jobId}`);
    assert.ok(existsSync(join(jobFolder, 'lc', 'curve.qdp')));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('fits the job folder: WT and PC together with their upper limits, the model chosen by BIC among six', async () => {
    const { code, out, err } = await run(['fit', join(work, 'products'), '--json']);
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as {
      source: { files: string[]; datasets: string[] };
      parameters: Array<{ name: string; value: number; lower: number | null; upper: number | null }>;
      statistic: { dof: number; detections: number; upperLimits: number };
      comparison: { models: Array<{ chosen: boolean }> };
    };
    assert.deepEqual(result.source.datasets, ['WT', 'PC', 'PCUL'], 'the plain datasets, once each although several files repeat them');
    assert.deepEqual(result.source.files, ['lc/curve.qdp']);
    assert.ok(result.statistic.upperLimits > 0);
    assert.equal(result.comparison.models.length, 6);
    assert.equal(result.comparison.models.filter((m) => m.chosen).length, 1);
    for (const p of result.parameters)
      assert.ok((p.lower === null || p.lower <= p.value) && (p.upper === null || p.upper >= p.value), p.name);
    assert.equal(result.statistic.dof, result.statistic.detections - result.parameters.length);
  });

  it('recovers the sandbox GRB’s decay index with --breaks 0', async () => {
    const { code, out, err } = await run(['fit', jobFolder, '--breaks', '0', '--json']);
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as { parameters: Array<{ name: string; value: number; lower: number; upper: number }> };
    // The sandbox draws rates from a decay of index 1.2 with 10 % scatter (test/sandbox/xrt/observations.ts).
    const alpha = result.parameters.find((p) => p.name === 'alpha1')!;
    assert.ok(Math.abs(alpha.value - 1.2) < 0.05, JSON.stringify(alpha));
    assert.ok(alpha.lower < alpha.value && alpha.value < alpha.upper);
  });

  it('fits one QDP file with a fixed number of breaks and an exclusion, printing the text table', async () => {
    const file = join(jobFolder, 'lc', 'curve.qdp');
    const { code, out, err } = await run(['fit', file, '--breaks', '0', '--exclude', '1-150']);
    assert.equal(code, 0, err);
    assert.match(out, /^Light curve: curve\.qdp \(datasets (WT|PC)/);
    assert.match(out, /Model: power law/);
    assert.match(out, /alpha1 +1\.[12]\d*/);
    assert.match(out, /90 % interval \(χ² profile, Δχ² = 2\.706\)/);
    assert.match(out, /chi2 = [\d.]+ for \d+ dof/);
    assert.match(out, /Excluded: \d+ bin\(s\) in 1–150 s/);
  });

  it('refuses the hardness-ratio file and MJD times with a message', async () => {
    const hr = await run(['fit', join(jobFolder, 'lc', 'PCHR.qdp')]);
    assert.equal(hr.code, 1);
    assert.match(hr.err, /No WT or PC detections .*datasets found: PCHard, PCSoft, PCHR/);
    const text = readFileSync(join(jobFolder, 'lc', 'curve.qdp'), 'utf8');
    // The same rows with times shifted to MJD (the product generator's other time format).
    const mjd = text
      .replace(/^(\d[\d.e+-]*)\t/gm, (_, t: string) => `${(58000 + Number(t) / 86400).toFixed(8)}\t`)
      .replace(/^(\S+)\t(\S+)\t(\S+)\t/gm, (line, t: string, p: string, n: string) =>
        /^\d/.test(t) ? `${t}\t${Number(p) / 86400}\t${Number(n) / 86400}\t` : line,
      );
    const mjdFile = join(work, 'mjd.qdp');
    writeFileSync(mjdFile, mjd);
    const r = await run(['fit', mjdFile]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.err, /times are MJD/);
  });
});

describe('packaging of the command line', () => {
  it('ships dist/cli.js in the .vsix and keeps the fit engine out of the extension bundle', () => {
    const root = repoRoot();
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/cli.js'), '.vscodeignore lets dist/cli.js into the package');
    // Built by `node esbuild.js`, which npm run test:unit runs first.
    const cli = readFileSync(join(root, 'dist', 'cli.js'), 'utf8');
    const extension = ['extension.js', 'runtime.js'].map((f) => readFileSync(join(root, 'dist', f), 'utf8')).join('\n');
    const marker = 'the lowest BIC is chosen';
    assert.ok(cli.includes(marker), 'the CLI bundle carries the engine');
    assert.ok(!extension.includes(marker), 'the extension bundles do not');
    // The viewer's fits run the engine in a worker thread of its own bundle (src/products/viewer/fitWorker.ts).
    assert.ok(ignore.includes('!dist/fitWorker.js'), '.vscodeignore lets dist/fitWorker.js into the package');
    assert.ok(readFileSync(join(root, 'dist', 'fitWorker.js'), 'utf8').includes(marker), 'the worker bundle carries the engine');
    assert.ok(cli.startsWith('#!/usr/bin/env node'));
  });
});
