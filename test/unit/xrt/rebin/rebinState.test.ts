// What a stored rebin is to the user (src/xrt/rebin/rebinState.ts): its outcome from the site API's codes,
// its binning in words, and when it is asked about again.
import * as assert from 'node:assert/strict';
import { binningLabel, isRebinActive, nextRebinPollDelayS, rebinOutcome } from '../../../../src/xrt/rebin/rebinState';

describe('rebin state', () => {
  it('reads 4 as done, −4 as cancelled, other negative codes as failed, and everything else as still running', () => {
    assert.equal(rebinOutcome(4), 'done');
    assert.equal(rebinOutcome(-4), 'cancelled');
    for (const code of [-3, -2, -1]) assert.equal(rebinOutcome(code), 'failed', String(code));
    // Before the first look, requested, queued, running, and a code no document lists (§16.6: pending).
    for (const code of [null, 1, 2, 3, 5, 17]) assert.equal(rebinOutcome(code), 'running', String(code));
    assert.equal(isRebinActive({ statusCode: 3 }), true);
    assert.equal(isRebinActive({ statusCode: -3 }), false);
  });

  it('labels each binning with what distinguishes it', () => {
    assert.equal(binningLabel({ binMeth: 'time', pcbin: 1000, wtbin: 10 }), 'time: PC 1000 s, WT 10 s');
    assert.equal(binningLabel({ binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 }), 'counts: PC 20, WT 30 counts, dynamic');
    assert.equal(binningLabel({ binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 0 }), 'counts: PC 20, WT 30 counts');
    assert.equal(binningLabel({ binMeth: 'snapshot' }), 'one bin per snapshot');
    assert.equal(binningLabel({ binMeth: 'obsid', lctimetype: 'm' }), 'one bin per observation: MJD');
    assert.equal(binningLabel({ binMeth: 'time', pcbin: 500, minen: 0.5, maxen: 2 }), 'time: PC 500 s, 0.5–2 keV');
    assert.equal(binningLabel({ binMeth: 'time', pcbin: 500, minen: 0.3, maxen: 10 }), 'time: PC 500 s', 'default band not repeated');
    assert.equal(binningLabel({ binMeth: 'weird' }), 'unknown binning');
  });

  it('polls as the site API advises: 30 s while young, less often as the rebin ages, never under 10 s nor over 10 min', () => {
    const at = (ageS: number, consecutiveErrors = 0, windowFocused = true) =>
      nextRebinPollDelayS({ ageS, consecutiveErrors, windowFocused });
    assert.equal(at(0), 30);
    assert.equal(at(599), 30);
    assert.equal(at(600), 60);
    assert.equal(at(3600), 300);
    assert.equal(at(0, 0, false), 60, 'twice as long in the background');
    assert.equal(at(0, 1), 30);
    assert.equal(at(0, 2), 60);
    assert.equal(at(0, 3), 120, 'backs off on failures');
    assert.equal(at(0, 12), 600, 'at most 10 min');
    assert.equal(at(99_999, 0, false), 600);
    for (const age of [0, 10, 100, 1000, 10_000]) for (const e of [0, 1, 5]) assert.ok(at(age, e) >= 10);
  });
});
