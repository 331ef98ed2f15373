// QDP light-curve files: the sandbox's files read back to exactly the points getLCData returns, and
// hand-written edge cases (masked cells, inf/nan, case, comments, commands, malformed rows).
import * as assert from 'node:assert/strict';
import { lightCurveDatasets } from '../../../../src/products/files/lightCurveFiles';
import { ProductParseError } from '../../../../src/products/files/parseError';
import { parseQdp, rawColumns } from '../../../../src/products/files/qdp';
import { lcDataResponseSchema } from '../../../../src/xrt/responseSchemas';
import { ASTRO, BASE_URL } from '../../../sandbox/xrt/harness';
import { finishedSandboxJob } from '../../../support/sandboxJob';

function parseError(fn: () => unknown): ProductParseError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ProductParseError, `expected ProductParseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ProductParseError');
}

/** Same number, NaN equal to NaN. */
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('products: QDP light-curve files from the sandbox', () => {
  it('every dataset of getLCData (nosys and incbad both) is found in the files with the same points', async () => {
    const { h, jobId } = await finishedSandboxJob();
    const reply = lcDataResponseSchema.parse(
      await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: jobId, nosys: 'both', incbad: 'both' }),
    );
    assert.ok(reply.Datasets.length >= 18, 'all variants are listed');
    const files = new Set(Object.values(reply.datasets).map((ds) => ds.URL ?? ''));
    const fromFiles = new Map<string, ReturnType<typeof lightCurveDatasets>['datasets'][number]>();
    for (const url of files) {
      const name = url.split('/').pop()!;
      const body = (await h.request('GET', url.slice(BASE_URL.length))).body.toString('utf8');
      const parsed = lightCurveDatasets(parseQdp(body, name), name);
      assert.deepEqual(parsed.unrecognised, [], `${name}: every table is a dataset`);
      for (const ds of parsed.datasets) fromFiles.set(ds.name, ds);
    }
    for (const name of reply.Datasets) {
      const wire = reply.datasets[name]!;
      const file = fromFiles.get(name);
      assert.ok(file, `${name} is in ${wire.URL ?? '?'}`);
      assert.equal(file.rowCount, wire.data.length, `${name}: rows`);
      wire.columns.forEach((column, c) => {
        if (column === 'ObsID' || column === 'URL') return;
        const values = file.columns[column];
        assert.ok(values, `${name}: column ${column}`);
        wire.data.forEach((row, r) =>
          assert.ok(same(values[r]!, row[c] as number), `${name}.${column}[${r}]: ${values[r]} vs ${String(row[c])}`),
        );
      });
    }
  });

  it('curve.qdp holds the plain detection and upper-limit sets, with inf SNR for limits', async () => {
    const { h, jobId } = await finishedSandboxJob();
    const text = (await h.request('GET', `/tprods/USERPROD_${jobId}/lc/curve.qdp`)).body.toString('utf8');
    const file = parseQdp(text, 'curve.qdp');
    assert.deepEqual(file.terr, [1, 2]);
    const { datasets } = lightCurveDatasets(file, 'curve.qdp');
    assert.deepEqual(
      datasets.map((d) => d.name),
      file.tables.map((t) => t.name),
    );
    assert.ok(datasets.some((d) => d.kind === 'upper-limits'));
    const ul = datasets.find((d) => d.kind === 'upper-limits')!;
    assert.ok([...ul.columns.SNR!].every((v) => v === Number.POSITIVE_INFINITY));
    assert.deepEqual(ul.columnOrder.slice(0, 6), ['Time', 'TimePos', 'TimeNeg', 'Rate', 'RatePos', 'RateNeg']);
  });
});

describe('products: QDP reader edge cases', () => {
  const HR_FILE = [
    'read terr 1',
    'Read Serr 2',
    '! Light curve of something',
    '! WT -- hard band',
    '! Time T_+ve T_-ve Rate Error',
    '1.5 0.5 -0.5 10 1',
    '2.5 0.5 -0.5 NO 1 ! a masked rate',
    '',
    'no no no no no',
    '! WT -- soft band',
    '1.5 0.5 -0.5 inf nan',
    '2.5\t0.5\t-0.5\t-INF\t2',
    'NO NO NO NO NO',
    '! WT -- hardness ratio',
    '1.5 0.5 -0.5 0.3 0.05',
    'LABEL X Time since trigger',
    'PLOT VERT',
    'SKIP SINGLE',
  ].join('\n');

  it('reads SERR/TERR layouts, NO separators and masked cells, inf/nan, any case, and ignores other commands', () => {
    const file = parseQdp(HR_FILE, 'WTHR.qdp');
    assert.deepEqual(file.terr, [1]);
    assert.deepEqual(file.serr, [2]);
    assert.deepEqual(
      file.tables.map((t) => t.name),
      ['WT -- hard band', 'WT -- soft band', 'WT -- hardness ratio'],
    );
    const [hard, soft, ratio] = file.tables;
    // The column-name line is taken out; a comment after data on the same line is dropped.
    assert.deepEqual(hard!.comments, ['Light curve of something', 'WT -- hard band']);
    assert.equal(hard!.rowCount, 2);
    const time = hard!.columns[0]!;
    assert.equal(time.name, 'Time');
    assert.deepEqual(time.errors?.kind === 'asymmetric' ? [time.errors.posName, time.errors.negName, [...time.errors.neg]] : undefined, [
      'T_+ve',
      'T_-ve',
      [-0.5, -0.5],
    ]);
    const rate = hard!.columns[1]!;
    assert.ok(Number.isNaN(rate.values[1]!), 'NO in a cell is a missing value');
    assert.equal(rate.errors?.kind, 'symmetric');
    const softRow = (index: number): number[] => rawColumns(soft!).map((c) => c.values[index]!);
    assert.deepEqual(softRow(0).slice(3, 4), [Number.POSITIVE_INFINITY]);
    assert.ok(Number.isNaN(softRow(0)[4]!));
    assert.equal(softRow(1)[3], Number.NEGATIVE_INFINITY);
    assert.equal(ratio!.rowCount, 1);
    assert.deepEqual(
      file.ignoredCommands.map((c) => [c.line, c.text]),
      [
        [16, 'LABEL X Time since trigger'],
        [17, 'PLOT VERT'],
        [18, 'SKIP SINGLE'],
      ],
    );

    // Unnamed sections of a …HR.qdp file are hard, soft and ratio in that order; old column names are mapped.
    const { datasets } = lightCurveDatasets(file, 'WTHR.qdp');
    assert.deepEqual(
      datasets.map((d) => [d.name, d.kind]),
      [
        ['WTHard', 'hard'],
        ['WTSoft', 'soft'],
        ['WTHR', 'hardness-ratio'],
      ],
    );
    assert.deepEqual(datasets[0]!.columnOrder, ['Time', 'TimePos', 'TimeNeg', 'Rate', 'Error']);
  });

  it('names columns colN (with Pos/Neg/Err errors) without a column-name comment, and copes with CRLF and a BOM', () => {
    const file = parseQdp('\uFEFFREAD TERR 1\r\nREAD SERR 2\r\n1 2 -3 4 5 6\r\n7 8 -9 10 11 12\r\n');
    assert.equal(file.tables.length, 1);
    assert.deepEqual(
      rawColumns(file.tables[0]!).map((c) => c.name),
      ['col1', 'col1Pos', 'col1Neg', 'col2', 'col2Err', 'col3'],
    );
    assert.deepEqual([...file.tables[0]!.columns[2]!.values], [6, 12]);
    assert.equal(file.tables[0]!.name, 'table 1');
  });

  it('uses the comment "Name: description" form for the table name', () => {
    const file = parseQdp('! PCUL_incbad: PC mode upper limits\n1 2\n');
    assert.equal(file.tables[0]!.name, 'PCUL_incbad');
    assert.equal(file.tables[0]!.description, 'PC mode upper limits');
  });

  it('names the line of a malformed row, a ragged row, a bad READ and a READ after data', () => {
    assert.equal(parseError(() => parseQdp('READ SERR 1\n1 2\n3 abc\n', 'x.qdp')).line, 3);
    assert.match(
      parseError(() => parseQdp('READ SERR 1\n1 2\n3 abc\n', 'x.qdp')).message,
      /x\.qdp, line 3: "abc" is not a number \(cell 2\)/,
    );
    assert.match(parseError(() => parseQdp('1 2 3\n4 5\n')).message, /line 2: expected 3 values .* found 2/);
    assert.equal(parseError(() => parseQdp('READ TERR 1\n1 2\n')).line, 2, 'two cells cannot hold a value with a +/- error pair');
    assert.match(parseError(() => parseQdp('READ SERR x\n')).message, /line 1: .*"x" is not a column number/);
    assert.match(parseError(() => parseQdp('READ SERR 1\nREAD TERR 1\n')).message, /both READ SERR and READ TERR/);
    assert.match(parseError(() => parseQdp('READ FOO 1\n')).message, /unknown READ command/);
    assert.match(parseError(() => parseQdp('1 2\nREAD SERR 1\n')).message, /line 2: .*must precede the data/);
    assert.equal(parseError(() => parseQdp('1 2\n1.2.3 4\n')).line, 2);
    assert.equal(parseError(() => parseQdp('1 2\n# 3 4\n')).line, 2);
    assert.equal(parseError(() => parseQdp('1 2\n-e5 4\n')).line, 2);
  });

  it('returns no tables for an empty file or comments only, and drops empty sections between NO rows', () => {
    assert.deepEqual(parseQdp('').tables, []);
    assert.deepEqual(parseQdp('! only a comment\n').tables, []);
    assert.equal(parseQdp('1 2\nNO NO\nNO NO\n3 4\n').tables.length, 2);
  });

  it('parses numbers exactly as Number() does', () => {
    const samples = [
      '0',
      '-0',
      '0.1',
      '1e-7',
      '-1.5E+3',
      '123456789012345678',
      '1.7976931348623157e308',
      '5e-324',
      '2.2250738585072014e-308',
      '0.30000000000000004',
      '9007199254740993',
      '.5',
      '5.',
      '+3',
      '1e22',
      '1e23',
      '3.14159265358979323846',
    ];
    // Each token as the second cell of a data row (the first makes the line a row whatever the token is).
    const cell = (token: string): number => parseQdp(`0 ${token}\n`).tables[0]!.columns[1]!.values[0]!;
    for (const s of samples) assert.ok(Object.is(cell(s), Number(s)), s);
    for (const s of ['-', '.', 'e5', '1e', '1e+', '0x10', '1_000', '--1'])
      assert.match(parseError(() => cell(s)).message, /is not a number \(cell 2\)/, s);
    assert.equal(cell('NO'), Number.NaN);
    assert.equal(cell('Infinity'), Number.POSITIVE_INFINITY);
    assert.equal(cell('1e3!comment'), 1000, 'a comment right after a number ends the cell');
  });
});
