// Source-list numbers as astronomers write them, from the service's 15-digit strings in degrees.
import * as assert from 'node:assert/strict';
import { SOURCE_COLUMN_TITLES, formatSourceCell, sourceCellTitle } from '../../../media/src/lib/sourceListFormat';

// Source 1 of the service's documented sourceDet reply (Total band).
const ROW: Readonly<Record<string, string>> = {
  sno: '1',
  x: '504.0032304685',
  y: '470.4008912999',
  ra: '32.1512078019',
  ra_pos: '0.000128926995607521',
  ra_neg: '-0.000128907561523676',
  dec: '56.9457088209',
  dec_pos: '0.0000683090',
  dec_neg: '-0.0000688257',
  err90: '3.51785655609393',
  l: '133.343722697934',
  b: '-4.35794075074313',
  C: '1236',
};

describe('viewer: source list numbers', () => {
  it('shows RA/Dec to 5 decimals, errors in arcseconds, pixels and l/b to sensible digits', () => {
    const shown = Object.fromEntries(Object.entries(ROW).map(([k, v]) => [k, formatSourceCell(k, v)]));
    assert.deepEqual(shown, {
      sno: '1',
      x: '504.0',
      y: '470.4',
      ra: '32.15121',
      ra_pos: '0.46',
      ra_neg: '−0.46',
      dec: '56.94571',
      dec_pos: '0.25',
      dec_neg: '−0.25',
      err90: '3.5',
      l: '133.3437',
      b: '−4.3579',
      C: '1236',
    });
  });
  it('headers say the errors are in arcseconds', () => {
    for (const key of ['ra_pos', 'ra_neg', 'dec_pos', 'dec_neg', 'err90']) assert.match(SOURCE_COLUMN_TITLES[key] ?? '', /″/);
  });
  it('keeps text, empty cells and unknown columns as sent', () => {
    assert.equal(formatSourceCell('ra', ''), '');
    assert.equal(formatSourceCell('ra', 'n/a'), 'n/a');
    assert.equal(formatSourceCell('mystery', '0.123456789012345'), '0.123456789012345');
  });
  it('the tooltip keeps the full value and gives RA/Dec in sexagesimal', () => {
    assert.equal(sourceCellTitle('ra', ROW.ra ?? ''), '32.1512078019 (02h 08m 36.29s)');
    assert.match(sourceCellTitle('dec', ROW.dec ?? ''), /^56\.9457088209 \(\+56d 56' 44\.6"\)$/);
    assert.equal(sourceCellTitle('err90', ROW.err90 ?? ''), ROW.err90);
  });
});
