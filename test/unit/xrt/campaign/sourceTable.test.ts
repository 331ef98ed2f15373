// A campaign's source table: the campaign's column names mapped onto the header, one source per row,
// bad rows reported with their line and left out, a missing column reported on its mapping.
import * as assert from 'node:assert/strict';
import { delimiterOf, readSourceTable } from '../../../../src/xrt/campaign/sourceTable';

const columns = { name: 'Name', RA: 'RA_deg', Dec: 'Dec_deg' };

describe('campaign source table: rows', () => {
  it('maps the named columns, trims cells and leaves empty cells out', () => {
    const table = readSourceTable('Name,RA_deg,Dec_deg,T0\r\n GRB 200416A ,335.6985,-7.5179,608713541.952\r\nM31,,,\r\n', ',', {
      columns,
      parameters: { Tstart: 'T0' },
    });
    assert.deepEqual(table.rowProblems, []);
    assert.deepEqual(table.rows, [
      { line: 2, cells: { name: 'GRB 200416A', RA: '335.6985', Dec: '-7.5179' }, parameters: { Tstart: '608713541.952' } },
      { line: 3, cells: { name: 'M31' }, parameters: {} },
    ]);
  });

  it('reports rows with too few or too many fields by line, and still uses the good rows', () => {
    const table = readSourceTable('Name,RA_deg,Dec_deg\nA,1,2\nB,1\nC,1,2,3\nD,3,4\n', ',', { columns });
    assert.deepEqual(
      table.rows.map((r) => r.cells.name),
      ['A', 'D'],
    );
    assert.deepEqual(
      table.rowProblems.map((p) => [p.line, p.message]),
      [
        [3, 'the row has 2 fields, but the header (line 1) has 3 columns'],
        [4, 'the row has 4 fields, but the header (line 1) has 3 columns'],
      ],
    );
  });

  it('skips rows of empty cells (spreadsheets write them below the data)', () => {
    const table = readSourceTable('Name,RA_deg,Dec_deg\nA,1,2\n,,\n , ,\n', ',', { columns });
    assert.equal(table.rows.length, 1);
    assert.deepEqual(table.rowProblems, []);
  });

  it('reports a mapped column the header lacks, with a hint at a different case, and reads no rows then', () => {
    const table = readSourceTable('name,RA_deg\nA,1\n', ',', { columns, parameters: { Tstart: 'T0' } });
    assert.deepEqual(table.rows, []);
    assert.deepEqual(
      table.columnProblems.map((p) => [p.mapping, p.key]),
      [
        ['columns', 'name'],
        ['columns', 'Dec'],
        ['parameters', 'Tstart'],
      ],
    );
    assert.match(table.columnProblems[0]!.message, /no column "Name"; did you mean "name"\?/);
    assert.match(table.columnProblems[1]!.message, /no column "Dec_deg"; its columns are "name", "RA_deg"\./);
  });

  it('reports a mapped column that appears twice in the header', () => {
    const table = readSourceTable('Name,RA_deg,Dec_deg,Name\n', ',', { columns });
    assert.match(table.columnProblems[0]!.message, /has the column "Name" 2 times \(fields 1, 4\)/);
  });

  it('reports a file without a header, and a header that cannot be read', () => {
    assert.match(String(readSourceTable('\r\n\r\n', ',', { columns }).fileProblem), /no header line/);
    assert.match(String(readSourceTable('"Name,RA\nA,1\n', ',', { columns }).fileProblem), /header line \(line 1\) could not be read/);
  });

  it('reads TSV the same way, and a BOM before the header does not hide the first column', () => {
    const table = readSourceTable('\uFEFFName\tRA_deg\tDec_deg\r\nA, B\t1\t2\r\n', '\t', { columns });
    assert.deepEqual(table.rows[0]!.cells, { name: 'A, B', RA: '1', Dec: '2' });
  });

  it('tells CSV from TSV by format, else by file name', () => {
    assert.equal(delimiterOf('sources.CSV', undefined), ',');
    assert.equal(delimiterOf('sources.tsv', undefined), '\t');
    assert.equal(delimiterOf('sources.tab', undefined), '\t');
    assert.equal(delimiterOf('sources.txt', 'tsv'), '\t');
    assert.equal(delimiterOf('sources.tsv', 'csv'), ',');
    assert.equal(delimiterOf('sources.txt', undefined), undefined);
  });
});
