// Swift clock arithmetic of the TOO sandbox against the reference values
// (test/fixtures/protocol/swift-too-v2.md §3.3), both in the module and through `GET /swift/clock`.
import * as assert from 'node:assert/strict';
import { clockResponseSchema } from '../../../src/too/responseSchemas';
import { fromMet, fromSwiftTime, fromUtc, leapSecondsSince2001 } from '../too/swiftClock';
import { createTooService } from '../too/service';
import { bodyJson, frozenContext, makeRequest } from '../too/testRequests';
import { formatDatetime, parseDatetime } from '../too/timeText';

function micros(text: string): number {
  const parsed = parseDatetime(text);
  if ('reason' in parsed) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.micros;
}

describe('TOO sandbox: Swift clock', () => {
  it('UTC 2022-01-01 00:00:00 ↔ MET 662688028.356715 ↔ UTCF −28.356715', () => {
    const p = fromUtc(micros('2022-01-01 00:00:00'));
    assert.equal(p.met, 662688028.356715);
    assert.equal(p.utcf, -28.356715);
    assert.equal(formatDatetime(p.swiftMicros), '2022-01-01T00:00:28.356715');
    assert.equal(formatDatetime(p.utcMicros), '2022-01-01T00:00:00');
  });

  it('UTC 2021-01-01 00:00:00 ↔ MET 631152026.251282 ↔ UTCF −26.251282', () => {
    const p = fromUtc(micros('2021-01-01T00:00:00'));
    assert.equal(p.met, 631152026.251282);
    assert.equal(p.utcf, -26.251282);
  });

  it('Swift time 2022-01-01 00:00:00 ↔ MET 662688000.0 ↔ UTC 2021-12-31 23:59:31.643287', () => {
    const p = fromSwiftTime(micros('2022-01-01T00:00:00'));
    assert.equal(p.met, 662688000);
    assert.equal(formatDatetime(p.utcMicros), '2021-12-31T23:59:31.643287');
    assert.equal(p.utcf, -28.356713);
    assert.deepEqual(fromMet(662688000), p);
  });

  it('counts the five leap seconds since 2001 at their insertion dates', () => {
    assert.equal(leapSecondsSince2001(micros('2005-12-31T23:59:59')), 0);
    assert.equal(leapSecondsSince2001(micros('2006-01-01T00:00:00')), 1);
    assert.equal(leapSecondsSince2001(micros('2012-07-01T00:00:00')), 3);
    assert.equal(leapSecondsSince2001(micros('2016-12-31T23:59:59')), 4);
    assert.equal(leapSecondsSince2001(micros('2017-01-01T00:00:00')), 5);
  });

  it('round-trips UTC → MET → UTC to the microsecond and keeps UTCF negative', () => {
    for (const text of ['2004-12-20T00:00:00', '2009-06-01T12:34:56.5', '2019-03-03T03:03:03.123456', '2026-11-21T12:00:00']) {
      const there = fromUtc(micros(text));
      const back = fromMet(there.met);
      assert.ok(Math.abs(back.utcMicros - micros(text)) <= 1, `${text}: back at ${formatDatetime(back.utcMicros)}`);
      assert.ok(there.utcf <= 0, `${text}: UTCF ${there.utcf}`);
    }
  });

  describe('GET /swift/clock', () => {
    const service = createTooService(frozenContext(new Date('2026-11-21T12:00:00Z')));

    it('answers repeated utctime keys with lists, in order, marked isutc', async () => {
      const res = await service.handle(
        makeRequest('GET', '/swift/clock', { query: { utctime: ['2022-01-01 00:00:00', '2021-01-01 00:00:00'] } }),
      );
      const body = clockResponseSchema.parse(bodyJson(res!));
      assert.deepEqual(body.met, [662688028.356715, 631152026.251282]);
      assert.deepEqual(body.utcf, [-28.356715, -26.251282]);
      assert.deepEqual(body.swifttime, ['2022-01-01T00:00:28.356715', '2021-01-01T00:00:26.251282']);
      assert.deepEqual(
        body.entries.map((e) => e.isutc),
        [true, true],
      );
    });

    it('answers one met with plain values and the client can rebuild UTC from met + utcf', async () => {
      const res = await service.handle(makeRequest('GET', '/swift/clock/', { query: { met: '662688000.0' } }));
      const body = bodyJson(res!) as { met: number; utcf: number; utctime: string; swifttime: string; entries: { isutc: boolean }[] };
      assert.equal(body.met, 662688000);
      assert.equal(body.utcf, -28.356713);
      assert.equal(body.swifttime, '2022-01-01T00:00:00');
      assert.equal(body.utctime, '2021-12-31T23:59:31.643287');
      assert.equal(body.entries[0].isutc, false);
    });

    it('refuses two kinds at once with the reference 422', async () => {
      const res = await service.handle(makeRequest('GET', '/swift/clock', { query: { met: '1', swifttime: '2022-01-01 00:00:00' } }));
      assert.equal(res?.status, 422);
      assert.match(JSON.stringify(bodyJson(res!)), /Exactly one of 'met', 'utctime', or 'swifttime'/);
    });
  });
});
