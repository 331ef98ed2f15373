// Reading what users type into the TOO query inputs: positions, times, ranges, and the argument a
// command was started with.
import * as assert from 'node:assert/strict';
import { parseSkyPosition } from '../../../../src/too/queries/coordinates';
import { prefillFrom, programmaticParams } from '../../../../src/too/queries/prefill';
import { formatUtc, parseTimeInput, parseTimeRange } from '../../../../src/too/queries/timeRange';

const near = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

function position(text: string): { ra: number; dec: number } {
  const r = parseSkyPosition(text);
  assert.ok(r.ok, `"${text}" should parse: ${r.ok ? '' : r.message}`);
  return r.position;
}

describe('TOO query inputs', () => {
  describe('"RA Dec"', () => {
    it('reads decimal degrees, with a space or a comma, and negative declinations', () => {
      assert.deepEqual(position('83.633114 22.014487'), { ra: 83.633114, dec: 22.014487 });
      assert.deepEqual(position('287.9565, 4.9827'), { ra: 287.9565, dec: 4.9827 });
      assert.deepEqual(position('13.023439 -72.434508'), { ra: 13.023439, dec: -72.434508 });
    });

    it('reads sexagesimal RA in hours and Dec in degrees, with colons, spaces or h/m/s letters', () => {
      // Crab: 05h34m31.94s +22°00′52.2″ = 83.633083°, 22.014500°
      for (const text of ['05:34:31.94 +22:00:52.2', '05 34 31.94 +22 00 52.2', '5h34m31.94s +22d00m52.2s', '05h34m31.94s +22°00\'52.2"']) {
        const p = position(text);
        near(p.ra, 83.6330833, 1e-6);
        near(p.dec, 22.0145, 1e-6);
      }
    });

    it('keeps the sign of a declination between -1° and 0°, which a naive degrees×sign would lose', () => {
      const p = position('12:00:00 -00:30:00');
      near(p.ra, 180);
      near(p.dec, -0.5);
    });

    it('refuses positions out of range and text that is not a position, saying what is wrong', () => {
      const cases: [string, RegExp][] = [
        ['400 10', /outside 0…360/],
        ['10 95', /outside −90…\+90/],
        ['05:74:00 +10:00:00', /not a right ascension/],
        ['hello', /Cannot tell RA from Dec/],
        ['', /No position given/],
      ];
      for (const [text, message] of cases) {
        const r = parseSkyPosition(text);
        assert.equal(r.ok, false, `"${text}" must not parse`);
        if (!r.ok) assert.match(r.message, message);
      }
    });
  });

  describe('times and ranges (UTC)', () => {
    const now = new Date('2024-05-01T12:34:56.789Z');

    it('reads now, ISO dates and date-times, and offsets', () => {
      const t = (text: string, relativeTo?: Date) => {
        const r = parseTimeInput(text, now, relativeTo);
        assert.ok(r.ok, `"${text}": ${r.ok ? '' : r.message}`);
        return r.date.toISOString();
      };
      assert.equal(t('now'), '2024-05-01T12:34:56.000Z');
      assert.equal(t('2022-01-01'), '2022-01-01T00:00:00.000Z');
      assert.equal(t('2022-01-01 06:30'), '2022-01-01T06:30:00.000Z');
      assert.equal(t('2022-01-01T06:30:15Z'), '2022-01-01T06:30:15.000Z');
      assert.equal(t('now+3d'), '2024-05-04T12:34:56.000Z');
      assert.equal(t('-12 hours'), '2024-05-01T00:34:56.789Z');
      assert.equal(t('+7d', new Date('2022-01-01T00:00:00Z')), '2022-01-08T00:00:00.000Z');
    });

    it('refuses impossible dates instead of rolling them into the next month', () => {
      const r = parseTimeInput('2024-02-31', now);
      assert.equal(r.ok, false);
      assert.equal(parseTimeInput('+7 fortnights', now).ok, false);
    });

    it('defaults to now … +7 days, and an end offset counts from the begin', () => {
      const empty = parseTimeRange('', '', now);
      assert.ok(empty.ok);
      if (empty.ok) assert.equal(formatUtc(empty.range.begin), '2024-05-01 12:34:56');
      if (empty.ok) assert.equal(formatUtc(empty.range.end), '2024-05-08 12:34:56');
      const r = parseTimeRange('2022-03-29', '+1d', now);
      assert.ok(r.ok);
      if (r.ok) assert.equal(formatUtc(r.range.end), '2022-03-30 00:00:00');
    });

    it('refuses an end before the begin and spans above the limit', () => {
      const reversed = parseTimeRange('2022-03-30', '2022-03-29', now);
      assert.ok(!reversed.ok && /must be after/.test(reversed.message));
      const long = parseTimeRange('2022-01-01', '+30d', now, 1, 20);
      assert.ok(!long.ok && /At most 20 days/.test(long.message));
    });
  });

  describe('command arguments', () => {
    it('reads the documented prefill keys and pads an obsID', () => {
      assert.deepEqual(prefillFrom({ name: 'GK Per', ra: 52.8, dec: 43.9, tooId: 16832, obsId: '35190015' }), {
        name: 'GK Per',
        ra: 52.8,
        dec: 43.9,
        tooId: 16832,
        obsId: '00035190015',
      });
    });

    it('takes RA/Dec from an XRT job: directly, or through its tree node', () => {
      const job = { name: 'GRB 200416A', jobPars: { RA: '335.6985', Dec: -7.5187, name: 'GRB 200416A' } };
      assert.deepEqual(prefillFrom(job), { name: 'GRB 200416A', ra: 335.6985, dec: -7.5187 });
      assert.deepEqual(
        prefillFrom({ kind: 'job', jobId: '42' }, (id) => (id === '42' ? job : undefined)),
        { name: 'GRB 200416A', ra: 335.6985, dec: -7.5187 },
      );
      assert.deepEqual(
        prefillFrom({ kind: 'job', jobId: '43' }, () => undefined),
        {},
      );
    });

    it('reads a TOO record and drops impossible positions rather than pre-filling them', () => {
      assert.deepEqual(prefillFrom({ target_name: 'SMC X-3', too_id: 22682, ra: 13.02, dec: -72.43 }), {
        name: 'SMC X-3',
        tooId: 22682,
        ra: 13.02,
        dec: -72.43,
      });
      assert.deepEqual(prefillFrom({ ra: 500, dec: 10 }), {});
      assert.deepEqual(prefillFrom(undefined), {});
    });

    it('tells a programmatic call ({ params }) from a prefill', () => {
      assert.deepEqual(programmaticParams({ params: { ra: 1, dec: 2 }, label: 'x' }), { params: { ra: 1, dec: 2 }, label: 'x' });
      assert.equal(programmaticParams({ ra: 1, dec: 2 }), undefined);
    });
  });
});
