// The TOO sandbox's generated answers: visibility, SAA, timelines, UVOT modes, data files and
// GUANO dumps are plausible, consistent with their parameters and repeatable.
import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import * as schemas from '../../../src/too/responseSchemas';
import { raDecOf, sunDirection } from '../too/ephemeris';
import { createTooService, type TooService } from '../too/service';
import { bodyJson, frozenContext, makeRequest, TEST_ORIGIN, type RequestInit } from '../too/testRequests';
import { parseDatetime } from '../too/timeText';
import { separationDeg } from '../catalogue';
import type { SandboxResponse } from '../types';

const NOW = new Date('2026-11-21T12:00:00Z');
const MINUTE_MS = 60_000;

function ms(text: string): number {
  const parsed = parseDatetime(text);
  if ('reason' in parsed) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.micros / 1000;
}

describe('TOO sandbox: generated answers', () => {
  let service: TooService;

  async function get(path: string, query: RequestInit['query'] = {}): Promise<SandboxResponse> {
    const res = await service.handle(makeRequest('GET', path, { query }));
    assert.ok(res, `no reply for ${path}`);
    return res;
  }

  async function ok(path: string, query: RequestInit['query'] = {}): Promise<unknown> {
    const res = await get(path, query);
    assert.equal(res.status, 200, JSON.stringify(bodyJson(res)).slice(0, 300));
    return bodyJson(res);
  }

  beforeEach(() => {
    service = createTooService(frozenContext(NOW));
  });

  describe('visquery', () => {
    it('never shows a target next to the Sun, and shows the anti-Sun direction most of the time', async () => {
      const sun = raDecOf(sunDirection(NOW.getTime()));
      const span = { begin: '2026-11-21 00:00:00', end: '2026-11-23 00:00:00', hires: 'false' };
      const atSun = schemas.visQueryResponseSchema.parse(
        await ok('/swift/visquery', { ra: String(sun.ra), dec: String(sun.dec), ...span }),
      );
      assert.deepEqual(atSun.windows, []);
      const anti = schemas.visQueryResponseSchema.parse(
        await ok('/swift/visquery', { ra: String((sun.ra + 180) % 360), dec: String(-sun.dec), ...span }),
      );
      const visibleMs = anti.windows.reduce((sum, w) => sum + ms(w.end) - ms(w.begin), 0);
      assert.ok(anti.windows.length >= 1);
      assert.ok(visibleMs > 0, 'the anti-Sun direction is visible at least part of the time');
    });

    it('splits high-resolution windows by Earth occultation on the 96-minute orbit', async () => {
      const body = schemas.visQueryResponseSchema.parse(
        await ok('/swift/visquery', {
          ra: '83.633114166667',
          dec: '22.014486944444',
          begin: '2022-09-23 10:27:00',
          end: '2022-09-24 10:27:00',
          hires: 'true',
        }),
      );
      assert.ok(body.windows.length >= 12 && body.windows.length <= 17, `${body.windows.length} windows in a day`);
      for (const w of body.windows)
        assert.ok(ms(w.end) - ms(w.begin) < 60 * MINUTE_MS, `window ${w.begin}–${w.end} longer than an orbit's visible arc`);
      const starts = body.windows.slice(1, -1).map((w) => ms(w.begin));
      const gaps = starts.slice(1).map((t, i) => (t - starts[i]) / MINUTE_MS);
      assert.ok(
        gaps.every((g) => g > 80 && g < 200),
        `window spacing ${gaps.join(', ')} min`,
      );
    });

    it('defaults to seven days from now without begin, and echoes the span', async () => {
      const body = schemas.visQueryResponseSchema.parse(await ok('/swift/visquery', { ra: '10', dec: '10' }));
      assert.equal(body.begin, '2026-11-21T12:00:00');
      assert.equal(body.length, 7);
    });
  });

  it('lists SAA passages of tens of minutes several times a day, longer for the BAT flag', async () => {
    const span = { begin: '2022-03-29 00:00:00', end: '2022-03-30 00:00:00' };
    const spacecraft = schemas.saaResponseSchema.parse(await ok('/swift/saa', { ...span, bat: 'false' }));
    const bat = schemas.saaResponseSchema.parse(await ok('/swift/saa', { ...span, bat: 'true' }));
    assert.ok(spacecraft.entries.length >= 4 && spacecraft.entries.length <= 10, `${spacecraft.entries.length} passages`);
    for (const e of spacecraft.entries) assert.ok(ms(e.end) - ms(e.begin) <= 35 * MINUTE_MS);
    const total = (entries: { begin: string; end: string }[]): number => entries.reduce((s, e) => s + ms(e.end) - ms(e.begin), 0);
    assert.ok(total(bat.entries) > total(spacecraft.entries));
  });

  describe('obsquery and planquery', () => {
    it('find a catalogue source by position, only within the radius, only before afstmax, repeatably', async () => {
      const query = { ra: '83.633114166667', dec: '22.014486944444', radius: '0.2' };
      const first = schemas.obsQueryResponseSchema.parse(await ok('/swift/obsquery', query));
      assert.deepEqual(first, schemas.obsQueryResponseSchema.parse(await ok('/swift/obsquery', query)));
      assert.ok(first.entries.length > 0);
      assert.ok(typeof first.afstmax === 'string', 'afstmax is sent as a date-time');
      const afstmax = ms(first.afstmax);
      for (const e of first.entries) {
        assert.ok(separationDeg(83.633114166667, 22.014486944444, e.ra_object as number, e.dec_object as number) <= 0.2);
        assert.ok(ms(e.end as string) <= afstmax);
        assert.match(e.obs_id as string, /^\d{11}$/);
        assert.ok(ms(e.begin as string) <= ms(e.settle as string) && ms(e.settle as string) < ms(e.end as string));
      }
      assert.ok(afstmax < NOW.getTime());
    });

    it('filter by target ID and by the spacecraft form of an obsID', async () => {
      const byTarget = schemas.obsQueryResponseSchema.parse(await ok('/swift/obsquery', { target_id: ['35190', '11184'] }));
      assert.ok(byTarget.entries.every((e) => e.target_id === 35190));
      const spacecraftForm = String(15 * 2 ** 24 + 35190);
      const byObs = schemas.obsQueryResponseSchema.parse(await ok('/swift/obsquery', { obs_id: spacecraftForm }));
      assert.ok(byObs.entries.length > 0);
      assert.ok(byObs.entries.every((e) => e.obs_id === '00035190015'));
    });

    it('planquery reaches about two days ahead', async () => {
      const body = schemas.planQueryResponseSchema.parse(
        await ok('/swift/planquery', { begin: '2026-11-22 00:00:00', end: '2026-11-25 00:00:00' }),
      );
      assert.ok(typeof body.ppstmax === 'string', 'ppstmax is sent as a date-time');
      const ppstmax = ms(body.ppstmax);
      assert.ok(ppstmax > NOW.getTime());
      assert.ok(body.entries.length > 0);
      assert.ok(body.entries.every((e) => ms(e.end as string) <= ppstmax));
    });
  });

  describe('uvot_mode', () => {
    it('decodes 0x30ED into the six-filter blue-weighted sequence', async () => {
      const body = schemas.uvotModeResponseSchema.parse(await ok('/swift/uvot_mode', { uvot_mode: String(0x30ed) }));
      assert.deepEqual(
        body.entries.map((e) => e.filter_name),
        ['uvw1', 'u', 'b', 'uvw2', 'v', 'uvm2'],
      );
      assert.deepEqual(
        body.entries.map((e) => e.filter_seqid),
        [1, 2, 3, 4, 5, 6],
      );
    });

    it('refuses a position next to a bright star (Sirius) and rejects modes out of range', async () => {
      const refused = await get('/swift/uvot_mode', { uvot_mode: '427', ra: '101.30', dec: '-16.70' });
      assert.equal(refused.status, 400);
      assert.deepEqual((bodyJson(refused) as { errors: string[] }).errors, [
        'The following UVOT filters are not allowed due to a bright star: u.',
      ]);
      assert.equal((await get('/swift/uvot_mode', { uvot_mode: '70000' })).status, 422);
      assert.deepEqual(schemas.uvotModeResponseSchema.parse(await ok('/swift/uvot_mode', { uvot_mode: '0' })).entries, []);
    });
  });

  describe('data', () => {
    it('lists files under the sandbox origin, one group per flag, and serves them', async () => {
      const body = schemas.dataResponseSchema.parse(
        await ok('/swift/data', { obs_id: '00031306080', auxil: 'true', xrt: 'true', uksdc: 'true' }),
      );
      assert.ok(body.entries.some((e) => e.path === '00031306080/xrt/event'));
      assert.ok(!body.entries.some((e) => e.path.includes('/bat/')));
      for (const e of body.entries) assert.ok(e.url.startsWith(`${TEST_ORIGIN}/api/v2/archive/ukssdc/`), e.url);
      const file = body.entries.find((e) => e.filename.endsWith('sat.fits.gz'));
      assert.ok(file);
      const res = await service.handle(makeRequest('GET', new URL(file.url).pathname.replace('/api/v2', '')));
      assert.equal(res?.status, 200);
      const fits = gunzipSync(res?.body as Buffer).toString('ascii');
      assert.equal(fits.length, 2880);
      assert.match(fits, /^SIMPLE {2}=\s+T/);
      assert.match(fits, /OBS_ID {2}= '00031306080'/);
    });

    it('needs an obs_id and has no data for a target without observations', async () => {
      assert.equal((await get('/swift/data', {})).status, 422);
      assert.deepEqual(schemas.dataResponseSchema.parse(await ok('/swift/data', { obs_id: '00099999001' })).entries, []);
    });
  });

  describe('guano', () => {
    it('lists the newest dumps first, up to the limit, each with a consistent data window', async () => {
      const body = schemas.guanoResponseSchema.parse(await ok('/swift/guano', { subthreshold: 'false', successful: 'true', limit: '10' }));
      assert.equal(body.entries.length, 10);
      const times = body.entries.map((e) => ms(e.triggertime as string));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.ok(times[0] <= NOW.getTime());
      for (const e of body.entries) {
        const data = e.data as { begin: string; end: string } | null;
        if (!data) continue;
        const expectedBegin = ms(e.triggertime as string) + ((e.offset as number) - (e.duration as number) / 2) * 1000;
        assert.ok(Math.abs(ms(data.begin) - expectedBegin) < 1, `${data.begin} vs trigger ${e.triggertime}`);
      }
    });

    it('filters by trigger type and window, and keeps sub-threshold data for logged-in users', async () => {
      const body = schemas.guanoResponseSchema.parse(
        await ok('/swift/guano', { begin: '2022-01-01 00:00:00', end: '2022-02-01 00:00:00', triggertype: 'GBM GRB', successful: 'false' }),
      );
      assert.ok(body.entries.length > 0);
      for (const e of body.entries) {
        assert.equal(e.triggertype, 'GBM GRB');
        assert.ok(ms(e.triggertime as string) >= ms('2022-01-01T00:00:00') && ms(e.triggertime as string) <= ms('2022-02-01T00:00:00'));
      }
      assert.equal((await get('/swift/guano', { subthreshold: 'true' })).status, 401);
    });
  });

  it('resolves catalogue aliases and mirrors Swift visibility for NICER', async () => {
    const crab = schemas.resolveResponseSchema.parse(await ok('/resolve', { name: 'crab nebula' }));
    assert.equal(crab.ra, 83.633114166667);
    const nicer = schemas.visQueryResponseSchema.parse(
      await ok('/nicer/visquery', { ra: '83.63', dec: '22.01', begin: '2022-01-01 00:00:00', end: '2022-01-05 00:00:00' }),
    );
    assert.ok(nicer.windows.length > 0);
    const stats = (await ok('/swift/sot_stats')) as { entries: { snapshots: number }[] };
    assert.equal(stats.entries.length, 7);
    assert.ok(stats.entries.every((e) => e.snapshots > 20));
  });
});
