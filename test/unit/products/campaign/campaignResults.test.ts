// The campaign results table's data, through the entry points its webview host uses (buildCampaignResults
// and the two exports): synthetic source folders written as the product files look (test/fixtures/protocol/
// xrt-products.md §13, as in test/unit/products/files), a campaign state and job records.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCampaignResults, type CampaignResultsInput } from '../../../../src/products/campaign/campaignResults';
import { campaignResultsCsv, campaignResultsJson } from '../../../../src/products/campaign/resultsExport';
import { runFitJob } from '../../../../src/products/viewer/fitJob';
import type { CampaignResultRow, CampaignResultsView } from '../../../../src/shared/campaignResultsModel';
import type { FitBin } from '../../../../src/shared/lightCurveFit';
import { planCampaign } from '../../../../src/xrt/campaign/campaignPlan';
import type { CampaignState, SourceState } from '../../../../src/xrt/campaign/campaignState';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { specDataResponseSchema } from '../../../../src/xrt/responseSchemas';
import { jobRecord } from '../../../support/jobRecords';
import { readFixture } from '../../../support/paths';
import { seeded, syntheticLightCurve, type TrueDecay } from '../../shared/lightCurveFit/synthetic';

const template = { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 };
const COMPLETE = 4;
const FAILED = -3;
const T0 = 608713541.952;
/** The engine on the test's thread: the worker the extension starts (dist/fitWorker.js) runs this same runFitJob. */
const fitDecay = async (...args: Parameters<typeof runFitJob>) => runFitJob(...args);

/** A light curve's bins as the service's QDP file of one dataset (§13.3; the layout the folder tests use). */
function qdp(dataset: string, bins: readonly FitBin[]): string {
  const rows = bins.map((b) => {
    const half = (b.stop - b.start) / 2;
    return [b.start + half, half, -half, b.rate, b.errorPos, -b.errorNeg].join('\t');
  });
  return [
    'READ TERR 1 2',
    `! Target: campaign test (times s since T0 = ${T0})`,
    `! ${dataset}: ${dataset} mode detections`,
    '! Time\tT_+ve\tT_-ve\tRate\tRatepos\tRateneg',
    ...rows,
    '',
  ].join('\n');
}

const POWER_LAW: TrueDecay = { rateAt1000: 1.5, alphas: [1.3], breaks: [] };
/** A seeded PC light curve of the power law above (counts-binned, as the product generator bins). */
const powerLawBins = (): FitBin[] => syntheticLightCurve(POWER_LAW, seeded(21), { binning: { kind: 'counts', size: 20 }, wtUntil: 0 });

const RESULTS_DAT = '335.69894\t-7.51819\t22 22 47.74\t-07 31 05.5\t3.4\t0\t1\t0\t0\t0\t0\n';
const SUCCESS_TXT = 'GRB 200416A\n00966554\n4\n4938.0\n0\n0\n335.69829\n-7.51787\n22 22 47.59\n-07 31 04.3\n1.7\n';
const CORRPOS_DAT = '335.69879\t-7.51802\t22 22 47.71\t-07 31 04.9\t2.2\n';

describe('campaign results: the table’s rows, exports and re-run comparison', function () {
  // The decay fits (automatic choice of breaks with profile intervals) take a second or two each.
  this.timeout(60_000);

  let dir: string;
  let campaignFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swift-campaign-results-'));
    campaignFile = join(dir, 'grbs.xrt-campaign.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the files of a source's folder, `<campaign folder>/<id>/USERPROD_<job>/…` as the archive unpacks. */
  function products(sourceId: string, jobId: string, files: Readonly<Record<string, string>>): void {
    for (const [rel, text] of Object.entries(files)) {
      const file = join(dir, 'grbs', sourceId, `USERPROD_${jobId}`, ...rel.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }

  const sources = [
    { id: 'full', name: 'GRB 200416A' },
    { id: 'position-only', name: 'GRB 210101A' },
    { id: 'failed', name: 'GRB 210202B' },
    { id: 'corrupt', name: 'GRB 210303C' },
    { id: 'queued', name: 'GRB 210404D' },
    { id: 'refused', name: 'GRB 210505E' },
  ];
  const plan = (): CampaignResultsInput['sources'] => {
    const planned = planCampaign({ template, sources }).sources;
    assert.equal(planned.length, sources.length);
    return planned;
  };
  const submitted = (jobId: string): SourceState => ({ status: 'submitted', jobId, submittedAt: '2026-12-01T00:00:00Z' });
  const state: CampaignState = {
    version: 1,
    sources: {
      full: submitted('101'),
      'position-only': submitted('102'),
      failed: submitted('103'),
      corrupt: submitted('104'),
      refused: { status: 'refused', message: 'Unknown target.' },
    },
  };
  const records: JobRecord[] = [
    jobRecord('101', { codes: { lc: COMPLETE, spec: COMPLETE, psf: COMPLETE, enh: COMPLETE, xastrom: COMPLETE } }),
    jobRecord('102', { codes: { psf: COMPLETE } }),
    jobRecord('103', { codes: { lc: FAILED, spec: FAILED } }),
    jobRecord('104', { codes: { lc: COMPLETE, psf: COMPLETE } }),
  ];
  const spectralFits = async (jobId: string) => {
    asked.push(jobId);
    return { ok: true as const, value: specDataResponseSchema.parse(readFixture('xrt', 'specdata.response.ok-multimodel.json')) };
  };
  let asked: string[] = [];
  beforeEach(() => (asked = []));

  function writeAllProducts(): void {
    products('full', '101', {
      'lc/PCCURVE.qdp': qdp('PC', powerLawBins()),
      'psf/results.dat': RESULTS_DAT,
      'enh/success.txt': SUCCESS_TXT,
      'xastrom/corrpos.dat': CORRPOS_DAT,
      'spec/interval0pc_pow_plot.gif': 'GIF89a',
    });
    products('position-only', '102', { 'psf/results.dat': RESULTS_DAT });
    products('corrupt', '104', {
      'psf/results.dat': '335.6\t-7.5\ta\tb\tbad\t0\t1\n',
      'lc/PCCURVE.qdp': 'READ TERR 1 2\n! PC: PC mode detections\n5 1 -1 2 1 -1\n6 1 -1 two 1 -1\n',
    });
  }

  const build = (more: Partial<CampaignResultsInput> = {}, now = '2026-12-03T12:00:00.000Z') =>
    buildCampaignResults({ campaignFile, sources: plan(), state, records, ...more }, { spectralFits, fitDecay, now: () => new Date(now) });
  const row = (view: CampaignResultsView, id: string): CampaignResultRow => {
    const found = view.rows.find((r) => r.sourceId === id);
    assert.ok(found, `no row for ${id}`);
    return found;
  };
  const notesOf = (r: CampaignResultRow): string => (r.notes ?? []).join('\n');

  it('a full source: the best position, the PC mean rate, the first interval’s PowerLaw fit and the decay', async () => {
    writeAllProducts();
    const view = await build();
    assert.deepEqual(
      view.rows.map((r) => [r.sourceId, r.progress, r.jobId]),
      [
        ['full', 'downloaded', '101'],
        ['position-only', 'downloaded', '102'],
        ['failed', 'failed', '103'],
        ['corrupt', 'downloaded', '104'],
        ['queued', 'queued', undefined],
        ['refused', 'refused', undefined],
      ],
    );
    const full = row(view, 'full');
    const c = full.cells;
    assert.equal(c.name, 'GRB 200416A');
    // Enhanced 1.7″ beats astrometric 2.2″ and standard 3.4″.
    assert.deepEqual([c.ra, c.dec, c.err90, c.position], [335.69829, -7.51787, 1.7, 'enhanced']);
    // The rate: counts over exposure of the bins written (exposure = bin width without an Exposure column).
    const bins = powerLawBins();
    const exposure = bins.reduce((s, b) => s + (b.stop - b.start), 0);
    const counts = bins.reduce((s, b) => s + b.rate * (b.stop - b.start), 0);
    assert.ok(Math.abs((c.rate as number) - counts / exposure) < 1e-12 * (counts / exposure));
    assert.equal(c.rateMode, 'PC');
    assert.ok((c.ratePos as number) > 0 && (c.rateNeg as number) < 0);
    // specdata.response.ok-multimodel.json: interval0 PC, PowerLaw chosen over APEC; NH in 10²² cm⁻².
    assert.deepEqual(
      [c.spectrum, c.model, c.nh, c.nhPos, c.nhNeg, c.gamma, c.gammaNeg, c.kT, c.cstat, c.dof],
      [
        'interval0 PC',
        'PowerLaw',
        1.02962e21 / 1e22,
        1.0054472300000005e20 / 1e22,
        -9.716517440000003e19 / 1e22,
        1.96167,
        -0.03668947300000003,
        null,
        734.2501096,
        750,
      ],
    );
    assert.equal(c.obsFlux, 1.0023052380778984e-12);
    assert.equal(c.unabsFluxPos, 2.329668175179754e-14);
    assert.match(notesOf(full), /also fitted: interval0 PC APEC/);
    assert.equal(c.breaks, 0);
    assert.ok(typeof c.decayIndex === 'number' && typeof c.decayLower === 'number' && typeof c.decayUpper === 'number');
    assert.deepEqual(asked, ['101'], 'the spectral fits are asked only for the job whose spectrum finished');
    assert.equal(view.campaign, 'grbs.xrt-campaign.json');
    assert.equal(view.readAt, '2026-12-03T12:00:00.000Z');
    assert.equal(view.previousAt, undefined);
    assert.equal(view.problems, undefined);
    assert.deepEqual(Object.keys(c).sort(), view.columns.map((col) => col.key).sort(), 'every column has a cell');
  });

  it('recovers the decay index of a synthetic power law within its stated 90 % interval', async () => {
    products('full', '101', { 'lc/PCCURVE.qdp': qdp('PC', powerLawBins()) });
    const c = row(await build(), 'full').cells;
    assert.equal(c.breaks, 0, 'no break in a pure power law');
    const [index, lower, upper] = [c.decayIndex, c.decayLower, c.decayUpper] as number[];
    assert.ok(lower! <= 1.3 && 1.3 <= upper!, `true α 1.3 outside [${lower}, ${upper}]`);
    assert.ok(lower! < index! && index! < upper!);
    assert.ok(upper! - lower! < 0.2, `a counts-binned GRB curve constrains α to better than ±0.1 (got ${lower}–${upper})`);
  });

  it('a source with only a position, a failed one, a queued and a refused one: null cells and notes, not errors', async () => {
    writeAllProducts();
    const view = await build();
    const position = row(view, 'position-only');
    assert.deepEqual([position.cells.ra, position.cells.err90, position.cells.position], [335.69894, 3.4, 'standard']);
    for (const key of ['rate', 'nh', 'gamma', 'obsFlux', 'decayIndex', 'breaks']) assert.equal(position.cells[key], null, key);
    assert.match(notesOf(position), /Decay: no light curve in the products/);

    const failed = row(view, 'failed');
    assert.equal(failed.progress, 'failed');
    assert.match(notesOf(failed), /Job 103: failed/);
    assert.ok(
      Object.entries(failed.cells).every(([k, v]) => k === 'name' || v === null),
      JSON.stringify(failed.cells),
    );
    assert.match(notesOf(row(view, 'refused')), /Refused by the service: Unknown target\./);
    assert.equal(row(view, 'queued').cells.name, 'GRB 210404D');
  });

  it('a corrupt file: that cell is null with the parser’s message (file and line); the other rows are whole', async () => {
    writeAllProducts();
    const view = await build();
    const corrupt = row(view, 'corrupt');
    assert.equal(corrupt.cells.ra, null);
    assert.match(notesOf(corrupt), /^psf\/results\.dat, line 1: err90 \(value 5\) is not a number: "bad"$/m);
    assert.match(notesOf(corrupt), /lc\/PCCURVE\.qdp, line 4: .*"two" is not a number/);
    assert.equal(corrupt.cells.decayIndex, null);
    assert.equal(row(view, 'full').cells.position, 'enhanced');
  });

  it('the spectral fit: PC preferred over WT in the first interval; WT when PC has no fit', async () => {
    products('full', '101', { 'psf/results.dat': RESULTS_DAT });
    const fixture = readFixture('xrt', 'specdata.response.ok-multimodel.json') as Record<string, Record<string, unknown>>;
    const pc = fixture.interval0!.PC as { PowerLaw: Record<string, unknown> };
    const wt = { Models: ['PowerLaw'], PowerLaw: { ...pc.PowerLaw, Gamma: 2.5 }, Exposure: 100, MeanTime: 50 };
    const reply = (modes: Record<string, unknown>) =>
      specDataResponseSchema.parse({ ...fixture, interval0: { ...fixture.interval0, ...modes, Modes: Object.keys(modes) } });
    const cellsWith = async (modes: Record<string, unknown>) => {
      rmSync(join(dir, 'grbs', 'results.json'), { force: true });
      const view = await buildCampaignResults(
        { campaignFile, sources: plan(), state, records },
        { spectralFits: async () => ({ ok: true, value: reply(modes) }), fitDecay },
      );
      return row(view, 'full').cells;
    };
    const both = await cellsWith({ WT: wt, PC: fixture.interval0!.PC });
    assert.deepEqual([both.spectrum, both.gamma], ['interval0 PC', 1.96167]);
    const wtOnly = await cellsWith({ WT: wt, PC: { Exposure: 10, MeanTime: 5, NOFIT: 1 } });
    assert.deepEqual([wtOnly.spectrum, wtOnly.gamma], ['interval0 WT', 2.5]);

    // The service failing: the row says why, and nothing is kept, so the next build asks again.
    rmSync(join(dir, 'grbs', 'results.json'), { force: true });
    const down = await buildCampaignResults(
      { campaignFile, sources: plan(), state, records },
      { spectralFits: async () => ({ ok: false, error: 'The service did not answer.' }), fitDecay },
    );
    assert.equal(row(down, 'full').cells.nh, null);
    assert.match(notesOf(row(down, 'full')), /Spectrum: The service did not answer\./);
    const back = await buildCampaignResults({ campaignFile, sources: plan(), state, records }, { spectralFits, fitDecay });
    assert.equal(row(back, 'full').cells.gamma, 1.96167);
    assert.deepEqual(row(back, 'full').changed, [
      'spectrum',
      'model',
      'nh',
      'nhPos',
      'nhNeg',
      'gamma',
      'gammaPos',
      'gammaNeg',
      'obsFlux',
      'obsFluxPos',
      'obsFluxNeg',
      'unabsFlux',
      'unabsFluxPos',
      'unabsFluxNeg',
      'cstat',
      'dof',
    ]);
  });

  it('a light curve with too few points is not fitted, and says so', async () => {
    products('full', '101', { 'lc/PCCURVE.qdp': qdp('PC', powerLawBins().slice(0, 3)) });
    const full = row(await build(), 'full');
    assert.equal(full.cells.decayIndex, null);
    assert.match(notesOf(full), /Decay: not fitted, the light curve has 3 WT\/PC detection bin\(s\); at least 5/);
    assert.equal(typeof full.cells.rate, 'number', 'the count rate needs no fit');
  });

  it('without the service, the spectral cells are null with the reason, and a kept fit is reused for the same job', async () => {
    writeAllProducts();
    const offline = await buildCampaignResults({ campaignFile, sources: plan(), state, records }, { fitDecay });
    assert.equal(row(offline, 'full').cells.nh, null);
    assert.match(notesOf(row(offline, 'full')), /values come from the service/);

    await build();
    assert.deepEqual(asked, ['101']);
    // Kept in results.json: offline again, the fit is still there, and the service is not asked twice.
    const again = await buildCampaignResults({ campaignFile, sources: plan(), state, records }, { spectralFits, fitDecay });
    assert.equal(row(again, 'full').cells.nh, 0.102962);
    assert.deepEqual(asked, ['101']);
  });

  it('re-run: results.json moves to results.previous.json when a value changes, and the changed keys are marked', async () => {
    writeAllProducts();
    const first = await build({}, '2026-12-03T12:00:00.000Z');
    assert.ok(
      first.rows.every((r) => r.changed === undefined),
      'nothing to compare with on the first build',
    );
    const folder = join(dir, 'grbs');
    assert.ok(existsSync(join(folder, 'results.json')));
    assert.ok(!existsSync(join(folder, 'results.previous.json')));

    // Nothing changed: results.json is rewritten in place, no previous file, no marks.
    const same = await build({}, '2026-12-03T13:00:00.000Z');
    assert.ok(same.rows.every((r) => r.changed === undefined));
    assert.ok(!existsSync(join(folder, 'results.previous.json')));

    // The standard position is remade with a smaller error; the queued source is sent.
    products('position-only', '102', { 'psf/results.dat': RESULTS_DAT.replace('\t3.4\t', '\t3.1\t') });
    const changed = await build(
      { state: { ...state, sources: { ...state.sources, queued: { status: 'sending', intentAt: 1 } } } },
      '2026-12-03T14:00:00.000Z',
    );
    assert.deepEqual(row(changed, 'position-only').changed, ['err90']);
    assert.deepEqual(row(changed, 'queued').changed, ['progress']);
    assert.equal(row(changed, 'full').changed, undefined);
    assert.equal(changed.previousAt, '2026-12-03T13:00:00.000Z');
    const previous = JSON.parse(readFileSync(join(folder, 'results.previous.json'), 'utf8')) as { writtenAt: string; version: number };
    assert.deepEqual([previous.version, previous.writtenAt], [1, '2026-12-03T13:00:00.000Z']);

    // Built again without a change: the marks still compare with the results before the change.
    const later = await build(
      { state: { ...state, sources: { ...state.sources, queued: { status: 'sending', intentAt: 1 } } } },
      '2026-12-03T15:00:00.000Z',
    );
    assert.deepEqual(row(later, 'position-only').changed, ['err90']);
    assert.equal(later.previousAt, '2026-12-03T13:00:00.000Z');

    // A value becoming unknown is a change too (nulls count).
    rmSync(join(folder, 'position-only'), { recursive: true });
    const gone = await build({}, '2026-12-03T16:00:00.000Z');
    assert.deepEqual(row(gone, 'position-only').changed, ['progress', 'ra', 'dec', 'err90', 'position']);
    assert.deepEqual(row(gone, 'queued').changed, ['progress']);
  });

  it('an unreadable results.json is moved aside, said in the view, and new results are written', async () => {
    mkdirSync(join(dir, 'grbs'), { recursive: true });
    writeFileSync(join(dir, 'grbs', 'results.json'), '{ "format": "swift-xrt-campaign-results", "version": 99 }');
    const view = await build();
    assert.match(
      (view.problems ?? []).join('\n'),
      /results\.json is not campaign results this version can read .*moved to results\.unreadable\.json/,
    );
    assert.ok(existsSync(join(dir, 'grbs', 'results.unreadable.json')));
    assert.equal(view.rows.length, sources.length);
    assert.ok(existsSync(join(dir, 'grbs', 'results.json')));
  });

  it('exports CSV (every row, RFC 4180 quoting, inert formulas) and JSON (rows, campaign, date)', async () => {
    writeAllProducts();
    const named = planCampaign({
      template,
      sources: [
        { id: 'comma', name: 'FRB 20200120E, M81 field' },
        { id: 'quote', name: 'The "odd" one' },
        { id: 'formula', name: '=HYPERLINK("x")' },
      ],
    }).sources;
    const view = await buildCampaignResults({ campaignFile, sources: [...plan(), ...named], state, records }, { spectralFits, fitDecay });
    const csv = campaignResultsCsv(view);
    const lines = csv.split('\r\n');
    assert.equal(lines.at(-1), '', 'CRLF after the last record');
    const header = lines[0]!.split(',');
    assert.deepEqual(header.slice(0, 4), ['sourceId', 'progress', 'jobId', 'name']);
    assert.deepEqual(header.slice(-2), ['changed', 'notes']);
    assert.equal(lines.length, 1 + view.rows.length + 1);
    assert.ok(lines.some((l) => l.startsWith('comma,queued,,"FRB 20200120E, M81 field",')));
    assert.ok(lines.some((l) => l.startsWith('quote,queued,,"The ""odd"" one",')));
    assert.ok(lines.some((l) => l.startsWith(`formula,queued,,"'=HYPERLINK(""x"")",`)));
    const full = lines.find((l) => l.startsWith('full,'))!;
    assert.ok(full.includes(',335.69829,-7.51787,1.7,enhanced,'), full);

    const json = JSON.parse(campaignResultsJson(view)) as {
      format: string;
      version: number;
      campaign: string;
      readAt: string;
      rows: { sourceId: string; cells: Record<string, unknown>; notes?: string[] }[];
    };
    assert.deepEqual(
      [json.format, json.version, json.campaign, json.readAt],
      ['swift-xrt-campaign-results-export', 1, view.campaign, view.readAt],
    );
    assert.equal(json.rows.length, view.rows.length);
    const fullJson = json.rows.find((r) => r.sourceId === 'full')!;
    assert.equal(fullJson.cells.gamma, 1.96167);
    assert.equal(fullJson.cells.kT, null, 'unknown cells are null, not left out');
  });

  it('refuses a file that is not a campaign file', async () => {
    await assert.rejects(
      buildCampaignResults({ campaignFile: join(dir, 'grbs.json'), sources: [], state, records }),
      /is not a campaign file \(\*\.xrt-campaign\.json\)/,
    );
  });
});
