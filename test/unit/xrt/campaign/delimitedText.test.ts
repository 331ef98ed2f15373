// The CSV/TSV reader under the source table: RFC 4180 quoting, every line-end convention, a byte
// order mark, and bad records reported with the line they start on while the others are still read.
import * as assert from 'node:assert/strict';
import { parseDelimitedText } from '../../../../src/xrt/campaign/delimitedText';

const fieldsOf = (text: string, delimiter: ',' | '\t' = ','): string[][] =>
  parseDelimitedText(text, delimiter).records.map((r) => [...r.fields]);

describe('campaign source table: delimited text', () => {
  it('reads plain CSV with CRLF, LF or CR line ends, with or without a final line end', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
    ];
    for (const text of ['a,b\r\n1,2\r\n', 'a,b\n1,2\n', 'a,b\r1,2', 'a,b\r\n1,2'])
      assert.deepEqual(fieldsOf(text), expected, JSON.stringify(text));
  });

  it('reads quoted fields: commas, doubled quotes and line breaks inside them', () => {
    assert.deepEqual(fieldsOf('name,note\r\n"GRB 200416A, bright","said ""hi""\r\nthen left"\r\n'), [
      ['name', 'note'],
      ['GRB 200416A, bright', 'said "hi"\r\nthen left'],
    ]);
    assert.deepEqual(fieldsOf('"",x\r\n'), [['', 'x']]);
  });

  it('drops a UTF-8 byte order mark before the first header', () => {
    assert.deepEqual(fieldsOf('\uFEFFname,RA\r\nx,1\r\n')[0], ['name', 'RA']);
    assert.deepEqual(fieldsOf('\uFEFF"name",RA\n')[0], ['name', 'RA']);
  });

  it('reads TSV with tabs as separators, keeping commas in fields', () => {
    assert.deepEqual(fieldsOf('name\tRA\r\nM31, core\t10.68\r\n', '\t'), [
      ['name', 'RA'],
      ['M31, core', '10.68'],
    ]);
    assert.deepEqual(fieldsOf('a\t"b\tc"\n', '\t'), [['a', 'b\tc']]);
  });

  it('numbers records by the line they start on, counting line breaks inside quotes', () => {
    const { records } = parseDelimitedText('h1,h2\r\n"two\r\nlines",x\r\n\r\nlast,y\r\n', ',');
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 5],
    );
  });

  it('skips blank lines without reporting them', () => {
    const parsed = parseDelimitedText('a\n\n\nb\n', ',');
    assert.deepEqual(
      parsed.records.map((r) => [r.line, r.fields[0]]),
      [
        [1, 'a'],
        [4, 'b'],
      ],
    );
    assert.deepEqual(parsed.problems, []);
  });

  it('reports a quote inside an unquoted field, and text after a closing quote, and reads the rows around them', () => {
    const parsed = parseDelimitedText('h,i\nok,1\nbad "x",2\n"closed"after,3\nfine,4\n', ',');
    assert.deepEqual(
      parsed.records.map((r) => r.fields[0]),
      ['h', 'ok', 'fine'],
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [3, 4],
    );
    assert.match(parsed.problems[0]!.message, /field 1 has a double quote but does not start with one/);
    assert.match(parsed.problems[1]!.message, /text follows the closing double quote of field 1/);
  });

  it('reports a quote never closed on the line where its record starts', () => {
    const parsed = parseDelimitedText('h,i\nok,1\nx,"open\nmore\n', ',');
    assert.deepEqual(
      parsed.records.map((r) => r.fields[0]),
      ['h', 'ok'],
    );
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0]!.line, 3);
    assert.match(parsed.problems[0]!.message, /field 2 opens a double quote that is never closed/);
  });

  it('keeps ragged records as they are (the table decides)', () => {
    assert.deepEqual(fieldsOf('a,b,c\n1\n1,2,3,4\n'), [['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]);
  });
});
