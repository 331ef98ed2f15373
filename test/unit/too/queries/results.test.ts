// How each TOO query reply becomes a table (and CSV), a timeline, and UTC/Swift-time conversions.
import * as assert from 'node:assert/strict';
import { tableCsv } from '../../../../src/shared/csv';
import { tableOf } from '../../../../src/too/queries/flatten';
import { buildResultView, type QueryClient } from '../../../../src/too/queries/queryCatalog';
import type { QueryKind } from '../../../../src/shared/queryResultModel';
import { resultBody, type ResponseByKind } from '../../../../src/too/queries/resultTables';
import { anchorsFromClockEntries, convertTime, describeClockEntry, parseServiceTime } from '../../../../src/shared/swiftTime';
import { layoutTimeline, tickLabelAnchor, timelineInBase } from '../../../../src/shared/timelineLayout';
import {
  calendarResponseSchema,
  clockResponseSchema,
  dataResponseSchema,
  guanoResponseSchema,
  obsQueryResponseSchema,
  planQueryResponseSchema,
  resolveResponseSchema,
  saaResponseSchema,
  uvotModeResponseSchema,
  visQueryResponseSchema,
} from '../../../../src/too/responseSchemas';
import { readFixture } from '../../../support/paths';

/** Parses a fixture with the schema the client uses, as the queries receive it. */
const fixture = <T>(schema: { parse(v: unknown): T }, name: string): T => schema.parse(readFixture('too', name));

function csvLines(kind: QueryKind, reply: unknown): string[][] {
  const csv = tableCsv(resultBody(kind, reply as ResponseByKind[typeof kind]).table);
  assert.ok(csv.endsWith('\r\n'), 'CSV lines end with CRLF');
  // The fixtures hold no quoted commas, so a plain split is exact here.
  return csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('TOO query results', () => {
  describe('CSV flattening of each result kind', () => {
    it('resolve: one row with name, position and resolver', () => {
      const reply = fixture(resolveResponseSchema, 'resolve.response.ok.json');
      assert.deepEqual(csvLines('resolve', reply), [
        ['name', 'ra', 'dec', 'resolver'],
        ['Crab', String(reply.ra), String(reply.dec), 'Simbad'],
      ]);
    });

    it('visquery and saa: one row per window with its duration', () => {
      const vis = fixture(visQueryResponseSchema, 'visquery.response.ok.json');
      const visLines = csvLines('visquery', vis);
      assert.deepEqual(visLines[0], ['begin', 'end', 'duration_s']);
      assert.equal(visLines.length, vis.windows.length + 1);
      const first = vis.windows[0];
      assert.deepEqual(visLines[1], [first.begin, first.end, String((Date.parse(`${first.end}Z`) - Date.parse(`${first.begin}Z`)) / 1000)]);
      const saa = fixture(saaResponseSchema, 'saa.response.ok.json');
      const saaLines = csvLines('saa', saa);
      assert.deepEqual(saaLines[1], ['2022-03-29T15:41:52', '2022-03-29T16:01:35', String(19 * 60 + 43)]);
      assert.equal(saaLines.length, saa.entries.length + 1);
    });

    it('obsquery: snapshot columns first, exposure = end − settle, and the status object left out', () => {
      const reply = fixture(obsQueryResponseSchema, 'obsquery.response.ok.json');
      const lines = csvLines('obsquery', reply);
      assert.deepEqual(lines[0].slice(0, 8), ['begin', 'settle', 'end', 'exposure_s', 'target_name', 'target_id', 'segment', 'obs_id']);
      assert.equal(lines[1][3], '95'); // 13:25:25 → 13:27:00
      assert.equal(lines[1][7], '00035190001');
      assert.ok(!lines[0].some((h) => h.startsWith('status')));
    });

    it('planquery, calendar, uvot_mode, data: one row per entry in the preferred column order', () => {
      const plan = fixture(planQueryResponseSchema, 'planquery.response.ok.json');
      assert.deepEqual(csvLines('planquery', plan)[0].slice(0, 4), ['begin', 'end', 'exposure_s', 'target_name']);
      assert.equal(csvLines('planquery', plan)[1][2], '600');
      const cal = fixture(calendarResponseSchema, 'calendar.response.ok.json');
      const calLines = csvLines('calendar', cal);
      assert.deepEqual(calLines[0].slice(0, 3), ['begin', 'end', 'target_name']);
      assert.equal(calLines[1][2], 'SMC X-3');
      const uvot = fixture(uvotModeResponseSchema, 'uvot.response.ok.json');
      const uvotLines = csvLines('uvotMode', uvot);
      assert.deepEqual(uvotLines[0].slice(0, 2), ['filter_seqid', 'filter_name']);
      assert.equal(uvotLines.length, uvot.entries.length + 1);
      const data = fixture(dataResponseSchema, 'data.response.ok.json');
      const dataLines = csvLines('data', data);
      assert.deepEqual(dataLines[0], ['filename', 'type', 'path', 'quicklook', 'url']);
      assert.equal(dataLines[1][4], data.entries[0].url);
    });

    it('clock: every entry in MET, UTCF, UTC and Swift time', () => {
      const reply = fixture(clockResponseSchema, 'clock.response.ok.json');
      assert.deepEqual(csvLines('clock', reply).slice(0, 2), [
        ['input', 'met', 'utcf', 'utctime', 'swifttime'],
        ['utc', '662688028.356715', '-28.356715', '2022-01-01 00:00:00', '2022-01-01 00:00:28.357'],
      ]);
    });

    it('guano: dump window computed from trigger time, offset and duration; nested data flattened', () => {
      const reply = fixture(guanoResponseSchema, 'guano.response.ok.json');
      const table = resultBody('guano', reply).table;
      const second = table.rows[1];
      // 02:26:56.010 + 0 ± 45 s
      assert.equal(second.begin, '2022-09-19 02:26:11.010');
      assert.equal(second.end, '2022-09-19 02:27:41.010');
      assert.equal(second['data.exposure'], 90);
      assert.match(String(second['data.all_gtis']), /^\[\{"filename":"sw00015327001bevshsl_uf\.evt\.gz"/);
      assert.equal(table.rows[0]['data.exposure'], null, 'a pending dump has no data');
    });

    it('unknown contracts (sot_stats, NICER): the records of the first list in the reply', () => {
      const table = resultBody('sotStats', { status: { status: 'Accepted' }, entries: [{ date: '2024-05-01', snapshots: 30 }] }).table;
      assert.deepEqual(
        table.columns.map((c) => c.key),
        ['date', 'snapshots'],
      );
      assert.equal(
        resultBody('nicerVisquery', { visibility: [{ begin: '2024-05-01T00:00:00', end: '2024-05-01T01:00:00' }] }).table.rows.length,
        1,
      );
    });
  });

  describe('flattening and CSV rules', () => {
    it('joins plain lists, keeps lists of records as JSON, and names nested keys with dots', () => {
      assert.deepEqual(tableOf([{ a: [1, 2], b: [{ x: 1 }], c: { d: { e: 'f' } }, g: null }], [], {}, []).rows[0], {
        a: '1; 2',
        b: '[{"x":1}]',
        'c.d.e': 'f',
        g: null,
      });
    });

    it('quotes commas, quotes and newlines, and defuses spreadsheet formulas in service text', () => {
      const table = tableOf([{ t: 'a,b', q: 'say "hi"', f: '=HYPERLINK("x")', n: -5, s: '-12.5', m: '-cmd' }], []);
      assert.equal(tableCsv(table).split('\r\n')[1], `"a,b","say ""hi""","'=HYPERLINK(""x"")",-5,-12.5,'-cmd`);
    });
  });

  describe('time bases', () => {
    const clock = clockResponseSchema.parse(readFixture('too', 'clock.response.ok.json'));
    const anchors = anchorsFromClockEntries(clock.entries);

    it('rebuilds a clock entry as the stock client does', () => {
      const row = describeClockEntry({ met: 662688000.0, utcf: -28.356713, isutc: false });
      assert.equal(row.swifttime, '2022-01-01 00:00:00');
      assert.equal(row.utctime, '2021-12-31 23:59:31.643');
    });

    it('converts UTC to Swift time and back through the UTCF anchors', () => {
      const utc = parseServiceTime('2022-01-01T00:00:00') ?? NaN;
      const swift = convertTime(utc, 'utc', 'swift', anchors);
      // Float arithmetic on ms since 1970: equal to well below a microsecond.
      assert.ok(Math.abs((swift ?? NaN) - (utc + 28_356.715)) < 1e-3);
      assert.ok(Math.abs((convertTime(swift ?? NaN, 'swift', 'utc', anchors) ?? NaN) - utc) < 1e-3);
      assert.equal(convertTime(utc, 'utc', 'swift', []), undefined, 'no anchors, no conversion');
    });

    it('interpolates UTCF between anchors and holds the nearest one outside them', () => {
      const a = [
        { atMs: 0, utcf: -10 },
        { atMs: 1000, utcf: -12 },
      ];
      // Swift time → UTC adds UTCF: −11 s halfway, −10 s before the first anchor, −12 s after the last.
      assert.equal(convertTime(500, 'swift', 'utc', a), 500 - 11_000);
      assert.equal(convertTime(-5, 'swift', 'utc', a), -5 - 10_000);
      assert.equal(convertTime(5000, 'swift', 'utc', a), 5000 - 12_000);
    });

    it('fetches anchors for the span in the base of the result, and notes when the clock fails', async () => {
      const vis = fixture(visQueryResponseSchema, 'visquery.response.ok.json');
      const asked: unknown[] = [];
      const client = { clock: async (p: unknown) => (asked.push(p), clock) } as unknown as QueryClient;
      const view = await buildResultView('visquery', { ra: 195.699, dec: -63.836 }, vis, {
        id: 'x',
        now: new Date(0),
        anchors: async (base, from, to) => (
          asked.push({ base, from, to }),
          anchorsFromClockEntries((await client.clock({ utctime: [new Date(from)] })).entries)
        ),
      });
      assert.equal(view.anchors.length, 2);
      assert.equal((asked[0] as { base: string }).base, 'utc');
      const failed = await buildResultView('saa', {}, fixture(saaResponseSchema, 'saa.response.ok.json'), {
        id: 'y',
        now: new Date(0),
        anchors: async () => Promise.reject(new Error('clock down')),
      });
      assert.deepEqual(failed.anchors, []);
      assert.ok(failed.notes.some((n) => /conversion is unavailable: clock down/.test(n)));
    });
  });

  describe('timeline layout', () => {
    it('places bars proportionally after the label column, clipped to the range, never thinner than a pixel', () => {
      const day = 86_400_000;
      const model = {
        base: 'utc' as const,
        startMs: 0,
        endMs: 10 * day,
        lanes: [
          {
            label: 'visible',
            intervals: [
              { startMs: 2 * day, endMs: 4 * day, label: 'a' },
              { startMs: 9 * day, endMs: 12 * day, label: 'b' },
              { startMs: 5 * day, endMs: 5 * day + 1000, label: 'c' },
            ],
          },
        ],
      };
      const layout = layoutTimeline(model, { width: 1108, labelWidth: 100 });
      assert.equal(layout.plotWidth, 1000);
      const [a, b, c] = layout.lanes[0].bars;
      assert.deepEqual([a.x, a.width], [300, 200]);
      assert.deepEqual([b.x, b.width], [1000, 100]);
      assert.equal(c.width, 1);
      assert.ok(layout.ticks.every((t, i, all) => i === 0 || t.ms > all[i - 1].ms));
    });

    it("keeps a tick's label inside the box: centred where it fits, else ending or starting at its tick", () => {
      // A month-long range in a 500 px panel: the last tick sits 8 px from the right edge.
      const layout = layoutTimeline(
        { base: 'utc', startMs: Date.UTC(2026, 11, 2), endMs: Date.UTC(2027, 0, 1), lanes: [] },
        { width: 500, labelWidth: 150 },
      );
      const last = layout.ticks[layout.ticks.length - 1];
      assert.equal(tickLabelAnchor(last.x, 70, 0, layout.width), 'end');
      assert.equal(tickLabelAnchor(layout.plotLeft + layout.plotWidth / 2, 70, 0, layout.width), 'middle');
      assert.equal(tickLabelAnchor(20, 70, 0, layout.width), 'start');
    });

    it('one lane per target for timelines, at most 12, the rest as "other targets"', () => {
      const entries = Array.from({ length: 15 }, (_, i) => ({
        begin: `2022-09-24T0${Math.floor(i / 6)}:${String((i % 6) * 10).padStart(2, '0')}:00`,
        end: `2022-09-24T0${Math.floor(i / 6)}:${String((i % 6) * 10 + 5).padStart(2, '0')}:00`,
        target_name: `T${i}`,
      }));
      const timeline = resultBody('planquery', planQueryResponseSchema.parse({ entries })).timeline;
      assert.ok(timeline);
      assert.equal(timeline.lanes.length, 12);
      assert.equal(timeline.lanes[11].label, 'other targets');
      assert.equal(timeline.lanes[11].intervals.length, 4);
    });

    it('ticks fall on round times, and a Swift-time view shifts the axis by UTCF', () => {
      const start = Date.UTC(2022, 0, 1, 0, 17);
      const threeHours = { base: 'utc' as const, startMs: start, endMs: start + 3 * 3_600_000, lanes: [] };
      assert.deepEqual(
        layoutTimeline(threeHours, { width: 1108, labelWidth: 100, maxTicks: 4 }).ticks.map((t) =>
          new Date(t.ms).toISOString().slice(11, 16),
        ),
        ['01:00', '02:00', '03:00'],
      );
      const model = { base: 'utc' as const, startMs: start, endMs: start + 3_600_000, lanes: [] };
      const shifted = timelineInBase(model, 'swift', [{ atMs: start, utcf: -28.5 }]);
      assert.equal(shifted?.startMs, start + 28_500);
      assert.equal(timelineInBase({ ...model, base: 'unknown' }, 'swift', [{ atMs: start, utcf: -28.5 }]), undefined);
    });
  });
});
