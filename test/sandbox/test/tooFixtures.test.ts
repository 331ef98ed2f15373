// The emulated TOO API against the reference fixtures (test/fixtures/protocol/too): every request
// envelope is answered as its matching response fixture says (status, zod response schema, same keys and
// value types), and every error fixture is reproduced by the request that should cause it.
import * as assert from 'node:assert/strict';
import type { z } from 'zod';
import * as schemas from '../../../src/too/responseSchemas';
import { listFixtures, readFixture } from '../../support/paths';
import * as shapes from '../../support/tooReplyShapes';
import { createTooService, type TooService } from '../too/service';
import { bodyJson, frozenContext, makeRequest, requestFromEnvelope, sessionFrom, type Envelope } from '../too/testRequests';
import type { SandboxResponse } from '../types';

const NOW = new Date('2026-11-21T12:00:00Z');

interface Expectation {
  response: string;
  status: number;
  schema: z.ZodType;
  /** Keys of the response fixture that this particular request legitimately does not echo. */
  notEchoed?: string[];
  /** The reply must list something (so the shape comparison reaches the entries). */
  entries?: boolean;
  /** Needs the logged-in session although the captured envelope carries no cookie. */
  needsLogin?: boolean;
}

const EXPECTED: Record<string, Expectation> = {
  'calendar.request.json': { response: 'calendar.response.ok.json', status: 200, schema: schemas.calendarResponseSchema, entries: true },
  'clock.request.met.json': { response: 'clock.response.ok-met.json', status: 200, schema: schemas.clockResponseSchema },
  'clock.request.swifttime.json': { response: 'clock.response.ok-met.json', status: 200, schema: schemas.clockResponseSchema },
  'clock.request.utctime.json': { response: 'clock.response.ok.json', status: 200, schema: schemas.clockResponseSchema },
  'data.request.json': { response: 'data.response.ok.json', status: 200, schema: schemas.dataResponseSchema, entries: true },
  'guano.request.by-date.json': { response: 'guano.response.ok-empty.json', status: 200, schema: schemas.guanoResponseSchema },
  'guano.request.json': { response: 'guano.response.ok.json', status: 200, schema: schemas.guanoResponseSchema, entries: true },
  'login.request.json': { response: 'login.response.200.json', status: 200, schema: shapes.loginResponseSchema },
  'logout.request.json': { response: 'logout.response.200.json', status: 200, schema: shapes.logoutResponseSchema },
  'obsquery.request.by-obsid.json': {
    response: 'obsquery.response.ok.json',
    status: 200,
    schema: schemas.obsQueryResponseSchema,
    notEchoed: ['ra', 'dec', 'radius'],
    entries: true,
  },
  'obsquery.request.by-position.json': {
    response: 'obsquery.response.ok.json',
    status: 200,
    schema: schemas.obsQueryResponseSchema,
    entries: true,
  },
  'obsquery.request.by-target-ids.json': {
    response: 'obsquery.response.ok.json',
    status: 200,
    schema: schemas.obsQueryResponseSchema,
    notEchoed: ['ra', 'dec', 'radius'],
    entries: true,
  },
  'obsquery.request.by-time.json': {
    response: 'obsquery.response.ok.json',
    status: 200,
    schema: schemas.obsQueryResponseSchema,
    notEchoed: ['ra', 'dec', 'radius'],
    entries: true,
  },
  'planquery.request.json': { response: 'planquery.response.ok.json', status: 200, schema: schemas.planQueryResponseSchema, entries: true },
  'resolve.request.json': { response: 'resolve.response.ok.json', status: 200, schema: schemas.resolveResponseSchema },
  'saa.request.json': { response: 'saa.response.ok.json', status: 200, schema: schemas.saaResponseSchema, entries: true },
  'session.request.json': { response: 'session.response.200.json', status: 200, schema: schemas.sessionResponseSchema },
  'too.get.request.by-date.json': {
    response: 'too.get.response.ok.json',
    status: 200,
    schema: schemas.tooListResponseSchema,
    entries: true,
  },
  'too.get.request.by-id.json': {
    response: 'too.get.response.ok.json',
    status: 200,
    schema: schemas.tooListResponseSchema,
    notEchoed: ['begin', 'length'],
    entries: true,
    needsLogin: true,
  },
  'too.post.request.grb-validate-only.json': {
    response: 'too.post.response.200-validated.json',
    status: 200,
    schema: shapes.tooSubmitResponseSchema,
  },
  'too.post.request.json': { response: 'too.post.response.201.json', status: 201, schema: shapes.tooSubmitResponseSchema },
  'uvot.request.json': { response: 'uvot.response.ok.json', status: 200, schema: schemas.uvotModeResponseSchema, entries: true },
  'uvot.request.with-position.json': { response: 'uvot.response.400.json', status: 400, schema: shapes.errorBodySchema },
  'visquery.request.hires.json': { response: 'visquery.response.ok-hires.json', status: 200, schema: schemas.visQueryResponseSchema },
  'visquery.request.json': { response: 'visquery.response.ok.json', status: 200, schema: schemas.visQueryResponseSchema },
  'visquery.request.length-only.json': { response: 'visquery.response.ok.json', status: 200, schema: schemas.visQueryResponseSchema },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function kind(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Every key of the fixture is present with a value of the same JSON type (a null on either side
 * matches anything: the fixture or the reply may leave an optional value empty). Arrays compare
 * their first elements when both have one.
 */
function assertSameShape(actual: Json, expected: Json, where: string, skipKeys: string[] = []): void {
  if (actual === null || expected === null) return;
  assert.equal(kind(actual), kind(expected), `${where}: ${kind(actual)} where the fixture has ${kind(expected)}`);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length && actual.length) assertSameShape(actual[0], expected[0], `${where}[0]`);
    return;
  }
  if (kind(expected) === 'object') {
    const a = actual as Record<string, Json>;
    for (const [key, value] of Object.entries(expected as Record<string, Json>)) {
      if (skipKeys.includes(key)) continue;
      assert.ok(key in a, `${where}.${key} missing (reply keys: ${Object.keys(a).join(', ')})`);
      assertSameShape(a[key], value, `${where}.${key}`);
    }
  }
}

function parseWith(schema: z.ZodType, body: unknown, label: string): void {
  const result = schema.safeParse(body);
  assert.ok(result.success, `${label} does not validate: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))}`);
}

describe('TOO sandbox: reference fixtures', () => {
  let service: TooService;
  let session: string;

  async function login(): Promise<string> {
    const res = await service.handle(makeRequest('POST', '/login', { json: { username: 'astro', password: 'sandbox-key' } }));
    assert.equal(res?.status, 200);
    return sessionFrom(res as SandboxResponse);
  }

  async function send(envelope: Envelope, alwaysSession = false): Promise<SandboxResponse> {
    const res = await service.handle(requestFromEnvelope(envelope, session, alwaysSession));
    assert.ok(res, `no reply for ${envelope.method} ${envelope.path}`);
    return res;
  }

  beforeEach(async () => {
    service = createTooService(frozenContext(NOW));
    session = await login();
  });

  it('has an expectation for every request fixture', () => {
    const requests = listFixtures('too').filter((f) => f.includes('.request'));
    assert.deepEqual(
      requests.filter((f) => !(f in EXPECTED)),
      [],
    );
    assert.deepEqual(
      Object.keys(EXPECTED).filter((f) => !requests.includes(f)),
      [],
    );
  });

  for (const [requestFile, expected] of Object.entries(EXPECTED)) {
    it(`${requestFile} → HTTP ${expected.status}, shaped like ${expected.response}`, async () => {
      const res = await send(readFixture('too', requestFile) as Envelope, expected.needsLogin);
      const body = bodyJson(res) as Json;
      assert.equal(res.status, expected.status, `HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      assert.match(String(res.headers?.['content-type']), /application\/json/);
      parseWith(expected.schema, body, requestFile);
      const fixture = readFixture('too', expected.response) as Json;
      assertSameShape(body, fixture, expected.response, expected.notEchoed);
      if (expected.entries) {
        const list = (body as Record<string, Json>).entries;
        assert.ok(Array.isArray(list) && list.length > 0, `${requestFile}: expected entries, got ${JSON.stringify(list)}`);
      }
    });
  }

  describe('error fixtures are reproduced by the requests that cause them', () => {
    const variant = (file: string, change: (e: Envelope) => Envelope): Envelope => change(readFixture('too', file) as Envelope);

    const cases: {
      fixture: string;
      status: number;
      make: () => Envelope;
      anonymous?: boolean;
      sortDetail?: boolean;
      adapt?: (fixture: Json) => Json;
    }[] = [
      {
        fixture: 'visquery.response.422.json',
        status: 422,
        make: () => variant('visquery.request.json', (e) => ({ ...e, query: { dec: '-63.836', hires: 'false' } })),
      },
      {
        fixture: 'saa.response.422.json',
        status: 422,
        make: () => variant('saa.request.json', (e) => ({ ...e, query: { begin: '29/03/2022', bat: 'true' } })),
      },
      {
        fixture: 'obsquery.response.422.json',
        status: 422,
        make: () => variant('obsquery.request.by-obsid.json', (e) => ({ ...e, query: { obs_id: '3519001' } })),
      },
      { fixture: 'clock.response.422.json', status: 422, make: () => ({ method: 'GET', path: '/api/v2/swift/clock', query: {} }) },
      {
        fixture: 'too.post.response.422.json',
        status: 422,
        sortDetail: true,
        make: () =>
          variant('too.post.request.json', (e) => {
            const { exposure: _dropped, ...form } = e.form ?? {};
            return { ...e, form: { ...form, obs_type: 'Imaging' } };
          }),
      },
      {
        fixture: 'resolve.response.400.json',
        status: 400,
        make: () => ({ method: 'GET', path: '/api/v2/resolve', query: { name: 'Turkey Nebula' } }),
      },
      { fixture: 'error.response.404.json', status: 404, make: () => ({ method: 'GET', path: '/api/v2/swift/too/99999999' }) },
      {
        fixture: 'too.get.response.401.json',
        status: 401,
        anonymous: true,
        make: () => readFixture('too', 'too.get.request.by-id.json') as Envelope,
      },
      {
        fixture: 'too.post.response.401.json',
        status: 401,
        anonymous: true,
        make: () => readFixture('too', 'too.post.request.json') as Envelope,
      },
      {
        fixture: 'session.response.401.json',
        status: 401,
        anonymous: true,
        make: () => readFixture('too', 'session.request.json') as Envelope,
      },
      {
        fixture: 'login.response.401.json',
        status: 401,
        make: () => ({ method: 'POST', path: '/api/v2/login', json: { username: 'astro', password: 'wrong-key' } }),
      },
      { fixture: 'uvot.response.400.json', status: 400, make: () => readFixture('too', 'uvot.request.with-position.json') as Envelope },
      {
        fixture: 'too.post.response.400-rejected.json',
        status: 400,
        // The fixture was captured anonymously; the sandbox names the logged-in submitter.
        adapt: (f) => ({ status: { ...(f as Record<string, Record<string, Json>>).status, username: 'astro' } }),
        make: () =>
          variant('too.post.request.json', (e) => ({
            ...e,
            form: { ...e.form, target_name: 'Vega field', ra: '279.2347', dec: '38.7837' },
          })),
      },
      {
        fixture: 'too.post.response.400-flat-error.json',
        status: 400,
        make: () => variant('too.post.request.json', (e) => ({ ...e, form: { ...e.form, urgency: '0' } })),
      },
      {
        fixture: 'data.response.ok-empty.json',
        status: 200,
        make: () => ({ method: 'GET', path: '/api/v2/swift/data', query: { obs_id: '00099999001', auxil: 'true' } }),
      },
    ];

    for (const c of cases) {
      it(`${c.fixture} (HTTP ${c.status})`, async () => {
        if (c.anonymous) session = 'not-a-session';
        const res = await send(c.make());
        const body = bodyJson(res) as Json;
        let expected = readFixture('too', c.fixture) as Json;
        if (c.adapt) expected = c.adapt(expected);
        assert.equal(res.status, c.status, JSON.stringify(body));
        parseWith(c.status >= 400 ? shapes.errorBodySchema : schemas.dataResponseSchema, body, c.fixture);
        if (c.sortDetail) {
          const byLoc = (items: Json): Json[] =>
            [...(items as Json[])].sort((a, b) =>
              JSON.stringify((a as Record<string, Json>).loc).localeCompare(JSON.stringify((b as Record<string, Json>).loc)),
            );
          assert.deepEqual(byLoc((body as Record<string, Json>).detail), byLoc((expected as Record<string, Json>).detail));
        } else {
          assert.deepEqual(body, expected);
        }
      });
    }
  });

  it('files a TOO the fixtures describe and lists it afterwards with its calendar', async () => {
    const res = await send(readFixture('too', 'too.post.request.json') as Envelope);
    const accepted = bodyJson(res) as { too_id: number };
    assert.equal(res.status, 201);
    const list = await send({
      method: 'GET',
      path: '/api/v2/swift/too',
      query: { too_id: String(accepted.too_id), detail: 'true', debug: 'false' },
      headers: { Cookie: 'session=<opaque>' },
    });
    const parsed = schemas.tooListResponseSchema.parse(bodyJson(list));
    assert.equal(parsed.entries.length, 1);
    const record = parsed.entries[0] as Record<string, unknown> & { calendar: { entries: unknown[] } };
    assert.equal(record.target_name, 'SMC X-3');
    assert.equal(record.calendar.entries.length, 14, 'one calendar row per requested visit');
    const cal = await send({ method: 'GET', path: '/api/v2/swift/calendar', query: { too_id: String(accepted.too_id), radius: '0.2' } });
    assert.equal(schemas.calendarResponseSchema.parse(bodyJson(cal)).entries.length, 14);
  });
});
