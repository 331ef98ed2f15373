// The one CSV writer (src/shared/csv.ts) that the TOO query export and the product viewer's
// light-curve export both use: RFC 4180 framing and formula-safe text cells.
import * as assert from 'node:assert/strict';
import { type CsvCell, tableCsv, toCsv } from '../../../src/shared/csv';
import { lightCurveCsv } from '../../../media/src/lib/lightCurveCsv';
import type { LightCurveDataset } from '../../../src/shared/viewModel';

// One cell written through toCsv, the writer the exports call, without its header line and record end.
function field(cell: CsvCell): string {
  return toCsv(['h'], [[cell]]).slice('h\r\n'.length, -'\r\n'.length);
}

describe('CSV writer', () => {
  it('ends every record with CRLF, the last one too', () => {
    assert.equal(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          ['y', 2],
        ],
      ),
      'a,b\r\nx,1\r\ny,2\r\n',
    );
    assert.equal(toCsv(['only'], []), 'only\r\n');
  });

  it('quotes separators, quotes and line breaks, doubling the quotes', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['line\nbreak', 'cr\rhere'],
        ['crlf\r\nin', null],
      ],
    );
    assert.equal(csv, 'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak","cr\rhere"\r\n"crlf\r\nin",\r\n');
  });

  it('quotes fields with leading or trailing blanks so trimming readers keep them', () => {
    assert.equal(field(' padded '), '" padded "');
    assert.equal(field('inner space'), 'inner space');
  });

  it('writes empty, boolean and non-finite cells as the product files do', () => {
    assert.equal(
      toCsv(['v'], [[null], [undefined], [true], [false], [Infinity], [-Infinity], [Number.NaN]]),
      'v\r\n\r\n\r\ntrue\r\nfalse\r\ninf\r\n-inf\r\nnan\r\n',
    );
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    assert.equal(field('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(field('+1+1'), "'+1+1");
    assert.equal(field('-cmd'), "'-cmd");
    assert.equal(field('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(field('\tTAB'), "'\tTAB");
    assert.equal(field('\r=x'), `"'\r=x"`);
    // Starts like a number but is a formula: the classic DDE payload.
    assert.equal(field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
    assert.equal(field('-'), "'-");
    assert.equal(field('--5'), "'--5");
  });

  it('leaves negative numbers as numbers, typed or written as text', () => {
    assert.equal(field(-1.5), '-1.5');
    assert.equal(field(-12), '-12');
    assert.equal(field(-1e-7), '-1e-7');
    assert.equal(field('-12.5'), '-12.5');
    assert.equal(field('-.5'), '-.5');
    assert.equal(field('-3.2E+04'), '-3.2E+04');
    assert.equal(field('-7.'), '-7.');
    assert.equal(toCsv(['rate', 'err'], [[-0.25, '-0.01']]), 'rate,err\r\n-0.25,-0.01\r\n');
  });

  it('applies the same rules to the header', () => {
    assert.equal(toCsv(['=a', 'b,c'], []), `'=a,"b,c"\r\n`);
  });

  it('refuses ragged rows', () => {
    assert.throws(() => toCsv(['a', 'b'], [['only one']]), /1 cells but the header has 2/);
  });

  it('writes a result table with its column keys as the header and empty cells for missing values', () => {
    const csv = tableCsv({
      columns: [
        { key: 'target', label: 'Target' },
        { key: 'ra', label: 'RA' },
        { key: 'note', label: 'Note' },
      ],
      rows: [
        { target: 'SS 433', ra: 287.9565, note: '=1+1' },
        { target: 'Crab', ra: -0.5 },
      ],
    });
    assert.equal(csv, "target,ra,note\r\nSS 433,287.9565,'=1+1\r\nCrab,-0.5,\r\n");
  });

  it('is what the light-curve export writes', () => {
    const dataset: LightCurveDataset = {
      name: '=evil',
      mode: 'WT',
      kind: 'detections',
      incbad: false,
      nosys: false,
      columns: { Time: [10, 20], TimePos: [1, 1], TimeNeg: [-1, -1], Rate: [0.5, -0.1] },
    };
    assert.equal(
      lightCurveCsv([dataset]),
      "Dataset,Mode,Kind,IncBad,NoSys,Time,TimePos,TimeNeg,Rate\r\n'=evil,WT,detections,false,false,10,1,-1,0.5\r\n'=evil,WT,detections,false,false,20,1,-1,-0.1\r\n",
    );
  });
});
