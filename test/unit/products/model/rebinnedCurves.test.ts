// The rebinned light curves beside the original in the viewer model (src/products/model/rebinnedCurves.ts):
// finished rebins fetched and read as light curves, a failed fetch or NOLC a problem (the original kept).
import * as assert from 'node:assert/strict';
import { withRebinnedCurves } from '../../../../src/products/model/rebinnedCurves';
import { VIEWER_MODEL_VERSION, type ViewerModel } from '../../../../src/shared/viewModel';
import type { JobRecord, RebinState } from '../../../../src/xrt/jobs/jobRecord';
import { rebinLightCurveReplySchema } from '../../../../src/xrt/rebin/rebinSchemas';
import { jobRecord } from '../../../support/jobRecords';
import { readFixture } from '../../../support/paths';

function rebin(rebinId: number, statusCode: number, binning: Record<string, unknown>): RebinState {
  return {
    rebinId,
    binning,
    rebinUrl: 'http://x/API/main.php',
    requestedAt: 0,
    statusCode,
    statusText: '',
    changedAt: 0,
    poll: { errors: 0 },
  };
}

const original: ViewerModel = {
  version: VIEWER_MODEL_VERSION,
  job: { id: '951' },
  problems: [],
  lightCurve: { timeFormat: 'MET', datasets: [], binning: 'Counts' },
};

function job(rebins: RebinState[]): JobRecord {
  return {
    ...jobRecord('951', { codes: { lc: 4 }, jobPars: { binMeth: 'counts', pccounts: '20', wtcounts: '30', dynamic: '1' } }),
    rebins,
  };
}

const reply = rebinLightCurveReplySchema.parse(readFixture('xrt', 'rebin.lcdata.response.ok.json'));

describe('rebinned light curves in the viewer model', () => {
  it('adds each finished rebin read as a light curve, labelled with its binning, and starts on the one asked for', async () => {
    const fetched: number[] = [];
    const model = await withRebinnedCurves(
      original,
      job([
        rebin(1520, 4, { binMeth: 'obsid' }),
        rebin(1521, 3, { binMeth: 'time', pcbin: 100 }),
        rebin(1522, 4, { binMeth: 'time', pcbin: 100 }),
      ]),
      (r) => {
        fetched.push(r.rebinId);
        return Promise.resolve({ data: reply, noLightCurve: false });
      },
      1522,
    );
    assert.deepEqual(fetched, [1520, 1522], 'only finished rebins are fetched');
    assert.deepEqual(
      model.rebinnedLightCurves?.map((r) => [r.id, r.label]),
      [
        ['rebin:1520', 'one bin per observation'],
        ['rebin:1522', 'time: PC 100 s'],
      ],
    );
    const pc = model.rebinnedLightCurves![0]!.section.datasets.find((d) => d.name === 'PC_incbad');
    assert.ok(pc && pc.columns.Rate!.length > 0, 'read with the light-curve reading of the job’s own curve');
    assert.equal(model.rebinnedLightCurves![0]!.section.binning, 'ObsID');
    assert.deepEqual(model.lightCurveChoice, {
      originalLabel: 'counts: PC 20, WT 30 counts, dynamic',
      selected: 'rebin:1522',
      rebinnable: true,
    });
    assert.equal(model.lightCurve, original.lightCurve, 'the original is kept');
  });

  it('keeps the original and says why when a rebin cannot be fetched or produced no curve', async () => {
    const model = await withRebinnedCurves(
      original,
      job([rebin(1520, 4, { binMeth: 'snapshot' }), rebin(1521, 4, { binMeth: 'obsid' })]),
      (r) =>
        r.rebinId === 1520
          ? Promise.reject(new Error('the service is down'))
          : Promise.resolve({ data: { ...reply, Datasets: [], datasets: {} }, noLightCurve: true }),
      1520,
    );
    assert.equal(model.rebinnedLightCurves, undefined);
    assert.equal(model.lightCurveChoice?.selected, 'original');
    const messages = model.problems.map((p) => p.message);
    assert.ok(
      messages.some((m) => /1520 \(one bin per snapshot\) could not be fetched: .*the service is down/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /1521 \(one bin per observation\) produced no light curve/.test(m)),
      messages.join('\n'),
    );
  });

  it('leaves a model without a light curve and without rebins as it is', async () => {
    const none: ViewerModel = { version: VIEWER_MODEL_VERSION, job: { id: '1' }, problems: [] };
    assert.equal(await withRebinnedCurves(none, job([]), () => Promise.reject(new Error('not called'))), none);
  });
});
