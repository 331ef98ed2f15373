// Coordinate, number and GCN formatting used by the product viewer (its CSV: test/unit/shared/csv.test.ts).
import * as assert from 'node:assert/strict';
import { gcnPositionText } from '../../../media/src/lib/gcnText';
import { formatNumber, formatWithErrors } from '../../../media/src/lib/numberFormat';
import { formatDec, formatRa } from '../../../media/src/lib/sexagesimal';
import type { PositionResult } from '../../../src/shared/viewModel';

describe('viewer: sexagesimal coordinates', () => {
  it('formats the enhanced GRB position as the UKSSDC page shows it', () => {
    assert.equal(formatRa(335.69928), '22h 22m 47.83s');
    assert.equal(formatDec(-7.51816), `-07d 31' 05.4"`);
    assert.equal(formatRa(335.69928, 'colons'), '22:22:47.83');
    assert.equal(formatDec(-7.51816, 'colons'), '-07:31:05.4');
  });

  it('carries rounding into the next unit instead of printing 60 seconds', () => {
    // 0.99999… s short of 01h 00m 00s
    assert.equal(formatRa(15 - 0.0000001), '01h 00m 00.00s');
    assert.equal(formatRa(359.9999999), '00h 00m 00.00s');
    assert.equal(formatDec(10 - 1e-7), `+10d 00' 00.0"`);
  });

  it('prints no minus sign for a declination that rounds to zero, and one for small negative values', () => {
    assert.equal(formatDec(-1e-8), `+00d 00' 00.0"`);
    assert.equal(formatDec(-0.5), `-00d 30' 00.0"`);
  });

  it('refuses values that are not coordinates', () => {
    assert.throws(() => formatRa(Number.NaN), /finite/);
    assert.throws(() => formatDec(91), /±90/);
  });
});

describe('viewer: values with asymmetric errors', () => {
  it('shows both errors with their signs and large values in exponent form', () => {
    assert.equal(formatWithErrors({ value: 1.74059, pos: 0.014953, neg: -0.0148 }), '1.741 +0.015 −0.015');
    assert.equal(formatWithErrors({ value: 2.61822e22, pos: 4.19e20, neg: -4.11e20 }), '2.618e22 +4.2e20 −4.1e20');
    assert.equal(formatWithErrors(undefined), '—');
  });
});

describe('viewer: GCN text', () => {
  const enhanced: PositionResult = {
    kind: 'enhanced',
    found: true,
    ra: 335.69928,
    dec: -7.51816,
    err90: 1.7,
    exposureSeconds: 5029.6,
    uvotOverlaps: 3,
  };
  const job = { id: '951', targetName: 'GRB 200416A' };

  it('uses the circular wording with exposure, decimal and sexagesimal coordinates and the 90% radius', () => {
    const text = gcnPositionText(enhanced, job);
    assert.match(
      text,
      /^Using 5\.0 ks of XRT Photon Counting mode data and 3 UVOT images for GRB 200416A, we find an enhanced XRT position/,
    );
    assert.match(text, /RA, Dec = 335\.69928, -7\.51816 which is equivalent to:/);
    assert.match(text, /RA \(J2000\): 22h 22m 47\.83s\nDec \(J2000\): -07d 31' 05\.4"/);
    assert.match(text, /with an uncertainty of 1\.7 arcsec \(radius, 90% confidence\)\.$/);
  });

  it('names the catalogue for a position taken from SXPS and omits an unknown exposure', () => {
    const text = gcnPositionText(
      { kind: 'standard', found: true, ra: 52.79993, dec: 43.90468, err90: 3.6, fromSXPS: true, catalogue: '2SXPS' },
      { id: '1' },
    );
    assert.match(text, /^Using XRT Photon Counting mode data for this target, we find/);
    assert.match(text, /taken from the 2SXPS catalogue/);
  });

  it('refuses to write text for a missing position', () => {
    assert.throws(() => gcnPositionText({ kind: 'astrometric', found: false }, job), /No astrometric position/);
  });

  it('rounds exposures the way circulars do', () => {
    const exposure = (seconds: number): string => gcnPositionText({ ...enhanced, exposureSeconds: seconds }, job);
    assert.match(exposure(850.4), /^Using 850 s of XRT /);
    assert.match(exposure(1234), /^Using 1\.2 ks of XRT /);
    assert.match(exposure(15321), /^Using 15 ks of XRT /);
  });
});

describe('viewer: plain numbers', () => {
  it('drops trailing zeros from exponent forms so axis ticks stay short', () => {
    assert.equal(formatNumber(150000, 6), '1.5e5');
    assert.equal(formatNumber(100000, 6), '1e5');
    assert.equal(formatNumber(0.0001234), '1.234e-4');
    assert.equal(formatNumber(231.329), '231.3');
  });
});
