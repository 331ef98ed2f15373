// Accounts, sessions, ownership, admin routes, the upload switch and routing of the TOO sandbox.
import * as assert from 'node:assert/strict';
import { tooListResponseSchema } from '../../../src/too/responseSchemas';
import { createTooService, type TooService } from '../too/service';
import { bodyJson, bodyText, frozenContext, makeRequest, sessionFrom, type RequestInit } from '../too/testRequests';
import type { SandboxContext, SandboxResponse } from '../types';

const NOW = new Date('2026-11-21T12:00:00Z');
const HOUR = 3600_000;

const SMC_X3_FORM: Record<string, string> = {
  target_name: 'SMC X-3',
  target_type: 'Be/XRB',
  ra: '13.023439',
  dec: '-72.434508',
  instrument: 'XRT',
  obs_type: 'Light Curve',
  urgency: '2',
  xrt_countrate: '0.1',
  uvot_mode: '0x9999',
  science_just: 'Outburst monitoring.',
  immediate_objective: 'Monitor the outburst.',
  exposure: '42000',
  proposal: 'false',
  uvot_just: '',
  xrt_mode: '7',
  tiling: 'false',
  exp_time_just: '3 ks per visit.',
  exp_time_per_visit: '3000.0',
  num_of_visits: '14',
  monitoring_freq: '2 days',
  username: 'astro',
  debug: 'false',
  quiet: 'true',
  validate_only: 'false',
};

describe('TOO sandbox: sessions, ownership and routing', () => {
  let ctx: SandboxContext;
  let service: TooService;

  async function call(method: string, path: string, init: RequestInit = {}): Promise<SandboxResponse> {
    const res = await service.handle(makeRequest(method, path, init));
    assert.ok(res, `no reply for ${method} ${path}`);
    return res;
  }

  async function login(username: string, password: string): Promise<string> {
    const res = await call('POST', '/login', { json: { username, password } });
    assert.equal(res.status, 200, bodyText(res));
    return sessionFrom(res);
  }

  beforeEach(() => {
    ctx = frozenContext(NOW);
    service = createTooService(ctx);
  });

  describe('login and session', () => {
    it('login → cookie → session → logout → 401', async () => {
      const res = await call('POST', '/login', { json: { username: 'astro', password: 'sandbox-key' } });
      assert.match(String(res.headers?.['set-cookie']), /^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      const token = sessionFrom(res);
      assert.deepEqual(bodyJson(await call('GET', '/session', { session: token })), { username: 'astro' });
      const out = await call('POST', '/logout', { session: token });
      assert.equal(out.status, 200);
      assert.match(String(out.headers?.['set-cookie']), /Max-Age=0/);
      assert.equal((await call('GET', '/session', { session: token })).status, 401);
    });

    it('accepts form-encoded logins, /login/password, the account password and trailing slashes', async () => {
      const form = await call('POST', '/login/', { form: { username: 'other', password: 'other-key' } });
      assert.equal(form.status, 200);
      assert.equal((await call('POST', '/login/password', { json: { username: 'astro', password: 'sandbox-password' } })).status, 200);
    });

    it('gives every login its own session', async () => {
      assert.notEqual(await login('astro', 'sandbox-key'), await login('astro', 'sandbox-key'));
    });

    it('refuses wrong keys and unknown users with 401, and a missing password with 422', async () => {
      for (const json of [
        { username: 'astro', password: 'other-key' },
        { username: 'nobody', password: 'sandbox-key' },
      ]) {
        const res = await call('POST', '/login', { json });
        assert.equal(res.status, 401);
        assert.deepEqual((bodyJson(res) as { errors: string[] }).errors, ['Invalid username or password.']);
      }
      const missing = await call('POST', '/login', { json: { username: 'astro' } });
      assert.equal(missing.status, 422);
      assert.deepEqual((bodyJson(missing) as { detail: { loc: string[] }[] }).detail[0].loc, ['body', 'password']);
    });

    it('expires sessions after the TTL on the simulated clock', async () => {
      const token = await login('astro', 'sandbox-key');
      ctx.clock.advance(8 * HOUR - 1000);
      assert.equal((await call('GET', '/session', { session: token })).status, 200);
      ctx.clock.advance(2000);
      assert.equal((await call('GET', '/session', { session: token })).status, 401);
      assert.equal((await call('POST', '/swift/too', { form: SMC_X3_FORM, session: token })).status, 401);
    });

    it('honours the sessionTtlMs option', async () => {
      service = createTooService(ctx, { sessionTtlMs: 60_000 });
      const token = await login('astro', 'sandbox-key');
      ctx.clock.advance(61_000);
      assert.equal((await call('GET', '/session', { session: token })).status, 401);
    });

    it('expireSessions() invalidates every session at once', async () => {
      const a = await login('astro', 'sandbox-key');
      const b = await login('other', 'other-key');
      service.expireSessions();
      assert.equal((await call('GET', '/session', { session: a })).status, 401);
      assert.equal((await call('GET', '/session', { session: b })).status, 401);
    });
  });

  describe('TOO ownership', () => {
    it('refuses detail=true on another user’s TOO with 403 and shows it to its owner', async () => {
      const astro = await login('astro', 'sandbox-key');
      const query = { too_id: '16821', detail: 'true', debug: 'false' };
      const refused = await call('GET', '/swift/too', { query, session: astro });
      assert.equal(refused.status, 403);
      assert.match((bodyJson(refused) as { errors: string[] }).errors[0], /another user/);
      const other = await login('other', 'other-key');
      const shown = await call('GET', '/swift/too', { query, session: other });
      assert.equal(shown.status, 200);
      assert.equal(tooListResponseSchema.parse(bodyJson(shown)).entries[0].too_id, 16821);
    });

    it('shows private fields to the owner only', async () => {
      const astro = await login('astro', 'sandbox-key');
      const own = tooListResponseSchema.parse(
        bodyJson(await call('GET', '/swift/too', { query: { too_id: '16832', detail: 'true' }, session: astro })),
      );
      assert.equal(own.entries[0].uvot_just, 'Six filters trace the accretion-disc spectrum.');
      const anonymous = tooListResponseSchema.parse(
        bodyJson(await call('GET', '/swift/too', { query: { too_id: '16832', detail: 'false' } })),
      );
      assert.equal('uvot_just' in anonymous.entries[0], false);
    });

    it('withholds other users’ details in a detailed list, with a warning', async () => {
      const astro = await login('astro', 'sandbox-key');
      const res = await call('GET', '/swift/too', {
        query: { begin: '2022-01-01 00:00:00', end: '2022-01-11 00:00:00', detail: 'true' },
        session: astro,
      });
      const body = tooListResponseSchema.parse(bodyJson(res));
      assert.deepEqual(
        body.entries.map((e) => e.too_id),
        [16832, 16821, 16820],
      );
      assert.match(body.status?.warnings[0] ?? '', /2 TOO request\(s\)/);
    });

    it('lists the newest ten when no filter is given', async () => {
      const astro = await login('astro', 'sandbox-key');
      for (let i = 0; i < 12; i += 1) assert.equal((await call('POST', '/swift/too', { form: SMC_X3_FORM, session: astro })).status, 201);
      const body = tooListResponseSchema.parse(bodyJson(await call('GET', '/swift/too', { query: { detail: 'false', debug: 'false' } })));
      assert.equal(body.entries.length, 10);
      assert.ok(body.entries.every((e) => (e.too_id as number) > 22682));
    });
  });

  describe('TOO submission', () => {
    it('files a TOO with a new id, visible in GET /swift/too/{id} and submittedToos()', async () => {
      const astro = await login('astro', 'sandbox-key');
      const res = await call('POST', '/swift/too', { form: SMC_X3_FORM, session: astro });
      assert.equal(res.status, 201);
      const { too_id: tooId, status } = bodyJson(res) as { too_id: number; status: string };
      assert.equal(status, 'Accepted');
      assert.equal(tooId, 22683);
      const one = bodyJson(await call('GET', `/swift/too/${tooId}`)) as {
        target_name: string;
        l_name: string;
        calendar: { entries: unknown[] };
      };
      assert.equal(one.target_name, 'SMC X-3');
      assert.equal(one.l_name, 'Astro');
      assert.equal(one.calendar.entries.length, 14);
      assert.deepEqual(
        service.submittedToos().map((t) => t.too_id),
        [tooId],
      );
      service.reset();
      assert.deepEqual(service.submittedToos(), []);
    });

    it('tolerates a JSON body', async () => {
      const astro = await login('astro', 'sandbox-key');
      assert.equal(
        (await call('POST', '/swift/too', { json: { ...SMC_X3_FORM, ra: 13.023439, proposal: false }, session: astro })).status,
        201,
      );
    });

    it('validates cross-field rules with a 422 detail list', async () => {
      const astro = await login('astro', 'sandbox-key');
      const res = await call('POST', '/swift/too', { form: { ...SMC_X3_FORM, target_type: 'GRB', uvot_mode: '0x30ED' }, session: astro });
      assert.equal(res.status, 422);
      const messages = (bodyJson(res) as { detail: { msg: string; loc: string[] }[] }).detail.map((d) => d.msg);
      assert.ok(messages.some((m) => /grb_detector/.test(m)));
      assert.ok(messages.some((m) => /uvot_just/.test(m)));
    });

    it('rejects a too-long exposure with the nested Rejected body', async () => {
      const astro = await login('astro', 'sandbox-key');
      const res = await call('POST', '/swift/too', {
        form: { ...SMC_X3_FORM, exposure: '420000', exp_time_per_visit: '30000' },
        session: astro,
      });
      assert.equal(res.status, 400);
      const body = bodyJson(res) as { status: { status: string; errors: string[] } };
      assert.equal(body.status.status, 'Rejected');
      assert.equal(body.status.errors.length, 2);
    });

    it('refuses submissions while uploads are disabled, but still validates', async () => {
      const astro = await login('astro', 'sandbox-key');
      service.setUploadEnabled(false);
      assert.deepEqual(
        (bodyJson(await call('GET', '/swift/too_upload_enabled')) as { too_upload_enabled: boolean }).too_upload_enabled,
        false,
      );
      const refused = await call('POST', '/swift/too', { form: SMC_X3_FORM, session: astro });
      assert.equal(refused.status, 400);
      assert.match((bodyJson(refused) as { errors: string[] }).errors[0], /disabled/);
      assert.equal((await call('POST', '/swift/too', { form: { ...SMC_X3_FORM, validate_only: 'true' }, session: astro })).status, 200);
      service.setUploadEnabled(true);
      assert.equal((await call('POST', '/swift/too', { form: SMC_X3_FORM, session: astro })).status, 201);
    });

    it('warns when the form names another user, and files the TOO for the session user', async () => {
      const astro = await login('astro', 'sandbox-key');
      const res = await call('POST', '/swift/too', { form: { ...SMC_X3_FORM, username: 'other' }, session: astro });
      assert.equal(res.status, 201);
      assert.match((bodyJson(res) as { warnings: string[] }).warnings.join(' '), /filed for 'astro'/);
      assert.equal(service.submittedToos()[0].owner, 'astro');
    });
  });

  describe('admin-only routes', () => {
    const adminPaths = ['/swift/commands', '/swift/manypoints', '/swift/too_commands', '/swift/too_groups', '/user'];

    it('answer 401 anonymously, 403 to ordinary users and 200 to the admin', async () => {
      const astro = await login('astro', 'sandbox-key');
      const admin = await login('admin', 'admin-key');
      for (const path of adminPaths) {
        assert.equal((await call('GET', path)).status, 401, path);
        assert.equal((await call('GET', path, { session: astro })).status, 403, path);
        assert.equal((await call('GET', path, { session: admin })).status, 200, path);
      }
      assert.equal((await call('DELETE', '/user/other', { session: astro })).status, 403);
    });

    it('lets a user read their own account only', async () => {
      const astro = await login('astro', 'sandbox-key');
      assert.equal((bodyJson(await call('GET', '/user/astro', { session: astro })) as { username: string }).username, 'astro');
      assert.equal((await call('GET', '/user/other', { session: astro })).status, 403);
    });
  });

  describe('routing', () => {
    it('answers GET / with plain OK', async () => {
      const res = await call('GET', '/');
      assert.equal(res.status, 200);
      assert.equal(bodyText(res), 'OK');
      assert.match(String(res.headers?.['content-type']), /text\/plain/);
    });

    it('answers unknown paths with the FastAPI 404 and wrong methods with 405', async () => {
      const missing = await call('GET', '/swift/nothing');
      assert.equal(missing.status, 404);
      assert.deepEqual(bodyJson(missing), { detail: 'Not Found' });
      const wrong = await call('DELETE', '/swift/saa');
      assert.equal(wrong.status, 405);
      assert.deepEqual(bodyJson(wrong), { detail: 'Method Not Allowed' });
    });

    it('accepts trailing slashes on every route', async () => {
      for (const path of ['/resolve/', '/swift/saa/', '/swift/visquery/', '/swift/obsquery/', '/swift/planquery/', '/swift/guano/']) {
        const res = await call('GET', path, {
          query: { name: 'Crab', ra: '83.63', dec: '22.01', begin: '2022-01-01 00:00:00', end: '2022-01-02 00:00:00' },
        });
        assert.equal(res.status, 200, `${path}: ${bodyText(res).slice(0, 200)}`);
      }
    });

    it('refuses a legacy JWT and reports the upload switch', async () => {
      assert.equal((await call('GET', '/compat/jwt', { query: { jwt: 'abc' } })).status, 401);
      assert.equal((bodyJson(await call('GET', '/swift/too_upload_enabled/')) as { too_upload_enabled: boolean }).too_upload_enabled, true);
    });
  });
});
