// A cancelled or failed XRT job or product says so (never "finished" with a green check) and is
// offered only what works: no View or Download where there is nothing to view or download.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobRecord } from '../../../src/xrt/jobs/jobRecord';
import { importSummary, isFirstLookAtImport, recordForOldJob } from '../../../src/xrt/jobs/recordFromReply';
import { StatusCode, isFailure, isTerminal, productOutcome, statusLabel, summariseJob } from '../../../src/xrt/productCodes';
import type { OldJob } from '../../../src/xrt/responseSchemas';
import { repoRoot } from '../../support/paths';

describe('XRT job and product outcomes', () => {
  it('names cancelled, failed, complete and active products by their status codes', () => {
    assert.deepEqual([-4, -3, -2, -1, -10, 4, 1, 2, 3, 5, 7, null].map(productOutcome), [
      'cancelled',
      'failed',
      'failed',
      'failed',
      'failed',
      'complete',
      'active',
      'active',
      'active',
      'active',
      'active',
      'absent',
    ]);
  });
  it('one vocabulary: the named codes are the documented ones, and the predicates agree with the outcomes', () => {
    assert.deepEqual(
      Object.values(StatusCode).sort((a, b) => a - b),
      [-10, -4, -3, -2, -1, 1, 2, 3, 4, 5],
    );
    for (const code of Object.values(StatusCode))
      assert.doesNotMatch(statusLabel(code), /^Unknown status/, `every named code has a label: ${code}`);
    assert.equal(statusLabel(7), 'Unknown status (7)');
    // -7 and 7: codes the service might add; a new negative one is a failure, a new positive one is still going.
    for (const code of [...Object.values(StatusCode), -7, 7, null]) {
      const outcome = productOutcome(code);
      assert.equal(isTerminal(code), outcome !== 'active', `terminal ${code}`);
      assert.equal(isFailure(code), outcome === 'failed', `failure ${code}`);
    }
    assert.equal(statusLabel(StatusCode.WaitingForPosition), 'Waiting for the standard position');
  });
  it('a job whose products were all cancelled is "cancelled", not "finished"', () => {
    assert.deepEqual(summariseJob([-4, -4, null]), { outcome: 'cancelled', text: 'cancelled' });
  });
  it('a job whose products failed or were cancelled, none complete, is "failed"', () => {
    assert.deepEqual(summariseJob([-1, -4]), { outcome: 'failed', text: 'failed (1 failed, 1 cancelled)' });
    assert.deepEqual(summariseJob([-3]), { outcome: 'failed', text: 'failed' });
  });
  it('a job with complete products is finished, naming what did not finish', () => {
    assert.deepEqual(summariseJob([4, 4]), { outcome: 'complete', text: 'finished' });
    assert.deepEqual(summariseJob([4, -4]), { outcome: 'complete', text: 'finished, 1 cancelled' });
    assert.deepEqual(summariseJob([4, -1]), { outcome: 'partial', text: 'finished, 1 failed' });
  });
  it('a job with any product still going is active, counting what is done', () => {
    assert.deepEqual(summariseJob([4, 3, -4, null]), { outcome: 'active', text: '1/3 done' });
  });
});

interface MenuItem {
  command: string;
  when?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};

/** Evaluates the `view == …`/`viewItem == …`/`viewItem =~ /…/` conjunctions our menus use. */
function shown(when: string | undefined, view: string, viewItem: string): boolean {
  if (!when) return true;
  return when
    .split('&&')
    .map((t) => t.trim())
    .every((term) => {
      const eq = /^(view|viewItem) == (\S+)$/.exec(term);
      if (eq) return (eq[1] === 'view' ? view : viewItem) === eq[2];
      const re = /^viewItem =~ \/(.+)\/$/.exec(term);
      if (re) return new RegExp(re[1]).test(viewItem);
      throw new Error(`The test cannot evaluate the when clause term "${term}"`);
    });
}

function commandsFor(viewItem: string): string[] {
  return manifest.contributes.menus['view/item/context']
    .filter((m) => m.when?.includes('view == swiftObservatory.xrtJobs') && shown(m.when, 'swiftObservatory.xrtJobs', viewItem))
    .map((m) => m.command);
}

describe('XRT Jobs view menus', () => {
  const VIEW = 'swiftObservatory.xrt.viewProducts';
  const DOWNLOAD = 'swiftObservatory.xrt.downloadProducts';
  const CANCEL = 'swiftObservatory.xrt.cancelJob';
  for (const item of ['xrtJobCancelled', 'xrtJobFailed', 'xrtProductCancelled', 'xrtProductFailed', 'xrtProductAbsent']) {
    it(`offers neither View nor Download nor Cancel on ${item}`, () => {
      const commands = commandsFor(item);
      for (const command of [VIEW, DOWNLOAD, CANCEL, 'swiftObservatory.xrt.cancelProduct'])
        assert.ok(!commands.includes(command), `${command} on ${item}`);
    });
  }
  it('offers View and Download on a finished job and a complete product, Cancel on an active job', () => {
    for (const item of ['xrtJobFinished', 'xrtProductComplete'])
      for (const command of [VIEW, DOWNLOAD]) assert.ok(commandsFor(item).includes(command), `${command} on ${item}`);
    assert.ok(commandsFor('xrtJobActive').includes(CANCEL));
  });
  it('offers Rebin Light Curve… on a finished light curve only, and View / Cancel / Remove on rebins by their state', () => {
    const REBIN = 'swiftObservatory.xrt.rebinLightCurve';
    assert.ok(commandsFor('xrtProductCompleteLc').includes(REBIN));
    for (const command of [VIEW, DOWNLOAD])
      assert.ok(commandsFor('xrtProductCompleteLc').includes(command), `${command} on the light curve`);
    for (const item of ['xrtProductComplete', 'xrtProductActive', 'xrtProductFailed', 'xrtJobFinished'])
      assert.ok(!commandsFor(item).includes(REBIN), `no rebin on ${item}`);
    const VIEW_REBIN = 'swiftObservatory.xrt.viewRebin';
    const CANCEL_REBIN = 'swiftObservatory.xrt.cancelRebin';
    const REMOVE_REBIN = 'swiftObservatory.xrt.removeRebin';
    assert.deepEqual(new Set(commandsFor('xrtRebinRunning')), new Set([CANCEL_REBIN, REMOVE_REBIN]));
    assert.deepEqual(new Set(commandsFor('xrtRebinDone')), new Set([VIEW_REBIN, REMOVE_REBIN]));
    for (const item of ['xrtRebinFailed', 'xrtRebinCancelled']) assert.deepEqual(commandsFor(item), [REMOVE_REBIN], item);
  });
  it('still offers the web page, Save as Request and Remove on a cancelled job', () => {
    const commands = commandsFor('xrtJobCancelled');
    for (const command of ['swiftObservatory.xrt.openWebPage', 'swiftObservatory.xrt.saveAsRequest', 'swiftObservatory.xrt.removeJob'])
      assert.ok(commands.includes(command), command);
  });
});

describe('importing old XRT jobs', () => {
  const OLD = {
    JobID: 3414,
    Name: 'GRB 200416A',
    DateSubmitted: '2020-04-16 12:00:00',
    hasProd: true,
    LightCurve: true,
    Spectrum: true,
  } as unknown as OldJob;
  const imported = (): JobRecord =>
    recordForOldJob(
      OLD,
      { URL: 'https://www.swift.ac.uk/user_objects/tprods/USERPROD_3414', jobPars: {} },
      'astro@example.org',
      'https://x',
      0,
    );
  it('the first look at an imported product is not news; later changes, and a submitted job’s, are', () => {
    const job = imported();
    assert.ok(isFirstLookAtImport(job, job.products.lc));
    assert.ok(!isFirstLookAtImport(job, { statusCode: 3, statusText: 'Running', changedAt: 1 }));
    assert.ok(!isFirstLookAtImport({ ...job, origin: 'submitted' }, job.products.lc));
  });
  it('one summary says how many jobs and what their products are', () => {
    const job = imported();
    const checked: JobRecord = {
      ...job,
      products: { lc: { statusCode: 4, statusText: 'Complete', changedAt: 1 }, spec: { statusCode: -1, statusText: 'x', changedAt: 1 } },
    };
    assert.equal(importSummary([checked, job]), 'Imported 2 XRT jobs; products: 1 ready to view or download, 1 failed, 2 not checked yet.');
    assert.equal(importSummary([]), 'Imported 0 XRT jobs.');
  });
});
