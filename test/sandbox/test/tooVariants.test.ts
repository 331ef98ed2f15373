// The TOO sandbox's wire variants as the wire sees them (test/sandbox/too/README.md): each switches
// exactly the documented answer, and the default stays as the reference describes it.
import * as assert from 'node:assert/strict';
import { createTooService, type TooService } from '../too/service';
import { bodyJson, bodyText, frozenContext, makeRequest, sessionFrom, type RequestInit } from '../too/testRequests';
import { TOO_VARIANTS } from '../too/wireVariants';
import type { SandboxResponse } from '../types';
import { VariantSet } from '../variants';

const NOW = new Date('2026-11-21T12:00:00Z');
const LOGIN = { json: { username: 'astro', password: 'sandbox-key' } };

describe('TOO sandbox: wire variants', () => {
  let variants: VariantSet;
  let service: TooService;

  async function call(method: string, path: string, init: RequestInit = {}): Promise<SandboxResponse> {
    const res = await service.handle(makeRequest(method, path, init));
    assert.ok(res, `no reply for ${method} ${path}`);
    return res;
  }

  beforeEach(() => {
    variants = new VariantSet();
    service = createTooService(frozenContext(NOW, variants));
  });

  it('default: login 200 {} with session=…; Path=/', async () => {
    const res = await call('POST', '/login', LOGIN);
    assert.equal(res.status, 200);
    assert.deepEqual(bodyJson(res), {});
    assert.match(String(res.headers?.['set-cookie']), /^session=[^;]+; Path=\/;/);
  });

  for (const [choice, status, body] of [
    ['empty', 200, ''],
    ['no-content', 204, ''],
    ['text', 200, 'Login successful'],
  ] as const) {
    it(`too-login-body=${choice}: HTTP ${status} "${body}", still with the session cookie`, async () => {
      variants.set({ [TOO_VARIANTS.loginBody]: choice });
      const res = await call('POST', '/login', LOGIN);
      assert.equal(res.status, status);
      assert.equal(bodyText(res), body);
      const session = sessionFrom(res);
      assert.equal((await call('GET', '/session', { session })).status, 200);
    });
  }

  it('too-cookie-path-api: the cookie is set and cleared for Path=/api/v2/', async () => {
    variants.set({ [TOO_VARIANTS.cookiePathApi]: true });
    const login = await call('POST', '/login', LOGIN);
    assert.match(String(login.headers?.['set-cookie']), /; Path=\/api\/v2\/;/);
    const logout = await call('POST', '/logout', { session: sessionFrom(login) });
    assert.match(String(logout.headers?.['set-cookie']), /; Path=\/api\/v2\/;.*Max-Age=0/);
  });

  it('too-upload-switch: 404, or an undocumented shape', async () => {
    assert.equal((bodyJson(await call('GET', '/swift/too_upload_enabled')) as Record<string, unknown>).too_upload_enabled, true);
    variants.set({ [TOO_VARIANTS.uploadSwitch]: '404' });
    assert.equal((await call('GET', '/swift/too_upload_enabled')).status, 404);
    variants.set({ [TOO_VARIANTS.uploadSwitch]: 'odd' });
    const odd = await call('GET', '/swift/too_upload_enabled');
    assert.equal(odd.status, 200);
    assert.equal('too_upload_enabled' in (bodyJson(odd) as object), false);
  });

  it('too-by-id-404: /swift/too/{id} is not found, the list still answers', async () => {
    assert.equal((await call('GET', '/swift/too/16821')).status, 200);
    variants.set({ [TOO_VARIANTS.tooByIdMissing]: true });
    assert.equal((await call('GET', '/swift/too/16821')).status, 404);
    assert.equal((await call('GET', '/swift/too', { query: { too_id: '16821' } })).status, 200);
  });

  it('too-submit-without-id: a filed TOO comes back Accepted with too_id null', async () => {
    variants.set({ [TOO_VARIANTS.submitWithoutId]: true });
    const session = sessionFrom(await call('POST', '/login', LOGIN));
    const form: Record<string, string> = {
      target_name: 'SMC X-3',
      target_type: 'Be/XRB',
      ra: '13.023439',
      dec: '-72.434508',
      obs_type: 'Light Curve',
      xrt_countrate: '0.1',
      science_just: 'Outburst.',
      immediate_objective: 'Monitor.',
      exposure: '42000',
      exp_time_just: '3 ks.',
      exp_time_per_visit: '3000.0',
      num_of_visits: '14',
      monitoring_freq: '2 days',
      username: 'astro',
    };
    const res = await call('POST', '/swift/too', { form, session });
    assert.equal(res.status, 201, bodyText(res));
    assert.equal((bodyJson(res) as Record<string, unknown>).too_id, null);
    assert.equal(service.submittedToos().length, 1, 'stored all the same');
  });

  it('requires monitoring_freq and exp_time_per_visit for a single visit, as the official form does', async () => {
    const session = sessionFrom(await call('POST', '/login', LOGIN));
    const form: Record<string, string> = {
      target_name: 'PKS',
      target_type: 'AGN',
      ra: '1.5',
      dec: '20.2',
      obs_type: 'Spectroscopy',
      xrt_countrate: '0.05',
      science_just: 'Flare.',
      immediate_objective: 'State.',
      exposure: '2000',
      exp_time_just: '2 ks.',
      num_of_visits: '1',
      username: 'astro',
    };
    const res = await call('POST', '/swift/too', { form, session });
    assert.equal(res.status, 422);
    const messages = (bodyJson(res) as { detail: { msg: string }[] }).detail.map((d) => d.msg).join(' ');
    assert.match(messages, /monitoring frequency/);
    assert.match(messages, /exposure time per visit/);
  });
});
