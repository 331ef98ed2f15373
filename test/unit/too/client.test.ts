// The TOO client against the sandbox over real HTTP: login and the session cookie, one re-login
// after the server forgets the session, wrong keys, anonymous queries, retries (GET yes, POST never)
// and how refusals come back.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import axios from 'axios';
import { TooClient, TooServiceError } from '../../../src/too/client';
import { validateTooRequest, type TooRequest } from '../../../src/too/request/requestSchema';
import { TooSession, type TooCredentials } from '../../../src/too/session';
import { ServiceError } from '../../../src/http/errors';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createTooService } from '../../sandbox/too/service';
import { TOO_VARIANTS } from '../../sandbox/too/wireVariants';
import { SMC_X3_TOO } from '../../support/requests';

const ASTRO: TooCredentials = { username: 'astro', apiKey: 'sandbox-key' };
const NO_WAIT = { retries: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined };

const SMC_X3 = SMC_X3_TOO;

function validRequest(overrides: Record<string, unknown> = {}): TooRequest {
  const result = validateTooRequest({ ...SMC_X3, ...overrides });
  assert.ok(result.ok, `test request invalid: ${JSON.stringify(!result.ok && result.issues)}`);
  return result.value;
}

describe('TooClient against the sandbox', () => {
  let sandbox: Sandbox;
  /** The Cookie header of every TOO request the sandbox received, in order (undefined = none). */
  let cookiesSeen: { path: string; cookie: string | undefined }[];
  let credentials: TooCredentials | undefined;
  let session: TooSession;
  let logLines: string[];

  const client = (): TooClient =>
    new TooClient({
      baseUrl: sandbox.tooBaseUrl,
      timeoutMs: 5000,
      userAgent: 'unit-test',
      session,
      retry: NO_WAIT,
      log: (line) => logLines.push(line),
    });
  const posts = (path: string): number => sandbox.requests.list({ method: 'POST' }).filter((r) => r.path === `/api/v2${path}`).length;

  before(async () => {
    sandbox = await startSandbox({
      port: 0,
      services: {
        too: (ctx) => {
          const real = createTooService(ctx);
          return {
            ...real,
            expireSessions: () => real.expireSessions(),
            setUploadEnabled: (on: boolean) => real.setUploadEnabled(on),
            reset: () => real.reset(),
            handle: (req) => {
              cookiesSeen.push({ path: req.path, cookie: req.headers.cookie });
              return real.handle(req);
            },
          };
        },
      },
    });
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    sandbox.reset();
    cookiesSeen = [];
    logLines = [];
    credentials = ASTRO;
    session = new TooSession(async () => credentials);
  });

  describe('signing in', () => {
    it('logs in once, keeps the session cookie, and sends it with later requests', async () => {
      const c = client();
      assert.deepEqual(await c.session(), { username: 'astro' });
      await c.visQuery({ ra: 83.633, dec: 22.014 });
      assert.equal(posts('/login'), 1, 'one login for two requests');
      assert.ok(session.hasSessionCookie());
      const afterLogin = cookiesSeen.filter((s) => s.path !== '/login');
      assert.ok(afterLogin.length >= 2 && afterLogin.every((s) => /(^|;\s*)session=/.test(s.cookie ?? '')), JSON.stringify(afterLogin));
    });

    it('signs in again once, silently, when the server has forgotten the session', async () => {
      const c = client();
      await c.session();
      sandbox.too.expireSessions?.();
      assert.deepEqual(await c.session(), { username: 'astro' });
      assert.equal(posts('/login'), 2);
      assert.ok(logLines.some((l) => /session expired; signing in again/.test(l)));
    });

    it('reports a 401 that survives the re-login instead of looping', async () => {
      const c = client();
      await c.session();
      sandbox.faults.add({ prefix: '/api/v2/session', kind: 'session-expiry', count: 5 });
      await assert.rejects(c.session(), (error: unknown) => {
        assert.ok(error instanceof TooServiceError);
        assert.equal(error.kind, 'unauthorized');
        assert.match(error.message, /even after signing in again as "astro"/);
        return true;
      });
      assert.equal(posts('/login'), 2, 'exactly one extra login');
    });

    it('refuses a wrong API key with a clear message that never contains the key', async () => {
      const secret = 'wrong-key-3f9a1c';
      credentials = { username: 'astro', apiKey: secret };
      await assert.rejects(client().session(), (error: unknown) => {
        assert.ok(error instanceof TooServiceError);
        assert.equal(error.kind, 'unauthorized');
        assert.match(error.message, /"astro" failed: the username or API key was not accepted \(HTTP 401\)/);
        const everything = [error.message, error.stack ?? '', error.fullText(), JSON.stringify(error), inspect(error.cause)].join('\n');
        assert.ok(!everything.includes(secret), 'the API key leaked into the error');
        return true;
      });
      assert.ok(!logLines.join('\n').includes(secret), 'the API key leaked into the log');
      assert.equal(posts('/login'), 1, 'a refused login is not retried');
    });

    it('keeps the key out of errors when the login cannot reach the service', async () => {
      const secret = 'unreachable-key-77';
      credentials = { username: 'astro', apiKey: secret };
      // Every attempt fails (the read around the login is retried; logging in again is harmless).
      sandbox.faults.add({ prefix: '/api/v2/login', kind: 'reset', count: 5 });
      await assert.rejects(client().session(), (error: unknown) => {
        assert.ok(error instanceof ServiceError);
        assert.match(error.message, /Signing in to the Swift TOO API failed/);
        assert.equal(error.cause, undefined, 'the transport error (which holds the request body) is not kept');
        assert.ok(!JSON.stringify({ m: error.message, s: error.stack }).includes(secret));
        return true;
      });
    });

    it('signs out: POST /logout, then the cookie is gone', async () => {
      const c = client();
      await c.session();
      await c.logout();
      assert.equal(posts('/logout'), 1);
      assert.equal(session.hasSessionCookie(), false);
    });
  });

  describe('anonymous use', () => {
    it('queries without credentials send no cookie and never log in', async () => {
      credentials = undefined;
      const c = client();
      const vis = await c.visQuery({ ra: 83.633, dec: 22.014 });
      assert.ok(vis.windows.length > 0);
      const crab = await c.resolve('Crab');
      assert.ok(Math.abs((crab.ra ?? 0) - 83.633) < 0.01);
      assert.equal(posts('/login'), 0);
      assert.deepEqual(
        cookiesSeen.map((s) => s.cookie),
        [undefined, undefined],
      );
    });

    it('says "sign in" for what needs an account, without calling the service', async () => {
      credentials = undefined;
      await assert.rejects(client().submitToo(validRequest()), /Not signed in: submitting a TOO request needs a Swift TOO account/);
      assert.equal(sandbox.requests.list().length, 0);
    });
  });

  describe('retries', () => {
    it('retries a GET after a 503 page', async () => {
      sandbox.faults.add({ prefix: '/api/v2/swift/visquery', kind: 'html-error', status: 503 });
      credentials = undefined;
      const vis = await client().visQuery({ ra: 83.633, dec: 22.014 });
      assert.ok(vis.windows.length > 0);
      assert.equal(sandbox.requests.list({ pathPrefix: '/api/v2/swift/visquery' }).length, 2);
    });

    it('never repeats a TOO submission after a 503, and says it may have arrived', async () => {
      const c = client();
      await c.session();
      sandbox.faults.add({ prefix: '/api/v2/swift/too', kind: 'html-error', status: 503, count: 3 });
      await assert.rejects(c.submitToo(validRequest()), (error: unknown) => {
        assert.ok(error instanceof ServiceError);
        assert.equal(error.kind, 'server');
        assert.match(error.message, /may or may not have reached the service/);
        return true;
      });
      assert.equal(posts('/swift/too'), 1);
    });
  });

  describe('TOO requests', () => {
    it('validates only, then submits and finds the new TOO', async () => {
      const c = client();
      const checked = await c.submitToo(validRequest(), { validateOnly: true });
      assert.equal(checked.kind, 'validated');
      assert.equal(
        sandbox.too.submittedToos?.() instanceof Array ? (sandbox.too.submittedToos() as unknown[]).length : -1,
        0,
        'validation files nothing',
      );
      const outcome = await c.submitToo(validRequest());
      assert.equal(outcome.kind, 'received');
      assert.ok(outcome.kind === 'received' && typeof outcome.tooId === 'number');
      const record = await c.getToo(outcome.tooId as number);
      assert.equal(record.target_name, 'SMC X-3');
      const mine = await c.listToos({ too_id: outcome.tooId as number, detail: true });
      assert.deepEqual(
        mine.entries.map((e) => e.too_id),
        [outcome.tooId],
      );
    });

    it('maps 422 detail items to fields', async () => {
      // The server's vocabulary can differ from ours; force a value our schema would stop, to see the 422 path.
      const request = { ...validRequest(), obs_type: 'Imaging' } as unknown as TooRequest;
      await assert.rejects(client().submitToo(request, { validateOnly: true }), (error: unknown) => {
        assert.ok(error instanceof TooServiceError);
        assert.equal(error.status, 422);
        assert.equal(error.kind, 'rejected');
        const onObsType = error.fieldIssues.find((i) => i.field === 'obs_type');
        assert.ok(onObsType, JSON.stringify(error.fieldIssues));
        assert.match(error.message, /obs_type: /);
        return true;
      });
    });

    it("reports a 400 refusal with the service's own words", async () => {
      await assert.rejects(
        client().submitToo(validRequest({ exposure: 500000, exp_time_per_visit: 20000, num_of_visits: 25 })),
        (error: unknown) => {
          assert.ok(error instanceof TooServiceError);
          assert.equal(error.status, 400);
          assert.ok(error.fieldIssues.length > 0 && error.fieldIssues.every((i) => i.message.length > 0));
          assert.match(error.message, /HTTP 400/);
          return true;
        },
      );
      assert.equal(posts('/swift/too'), 1);
    });

    it('reads the upload switch', async () => {
      const c = client();
      assert.equal(await c.uploadEnabled(), true);
      sandbox.too.setUploadEnabled?.(false);
      assert.equal(await c.uploadEnabled(), false);
    });

    it('says "not found" for an unknown TOO id', async () => {
      await assert.rejects(
        client().getToo(999999),
        (error: unknown) => error instanceof ServiceError && error.kind === 'not-found' && /999999/.test(error.message),
      );
    });
  });

  describe('what the reference leaves unknown (sandbox variants)', () => {
    for (const body of ['empty', 'no-content', 'text']) {
      it(`signs in on a 2xx login whatever the body (${body})`, async () => {
        sandbox.variants.set({ [TOO_VARIANTS.loginBody]: body });
        const c = client();
        await c.login();
        assert.deepEqual(await c.session(), { username: 'astro' });
        assert.equal(posts('/login'), 1);
      });
    }

    it('finds the session cookie by name when it is set for Path=/api/v2/', async () => {
      sandbox.variants.set({ [TOO_VARIANTS.cookiePathApi]: true });
      const c = client();
      await c.login();
      assert.ok(session.hasSessionCookie(), 'the cookie is seen although it is not "for" the base URL');
      await c.session();
      await c.listToos({ too_id: 16832, detail: true });
      assert.equal(posts('/login'), 1, 'no second login');
      await c.logout();
      assert.equal(session.hasSessionCookie(), false);
    });

    it('without a visible cookie, signs in anyway and lets the first 401 sign in again', async () => {
      // A scripted server: the first login sets no cookie the jar can see, the second one does.
      const seen: string[] = [];
      let loginsAnswered = 0;
      const http = axios.create({
        adapter: async (config) => {
          const url = new URL(String(config.url));
          const cookie = session.jar.getCookieStringSync(url.toString());
          seen.push(`${String(config.method).toUpperCase()} ${url.pathname}${cookie ? ' +cookie' : ''}`);
          const answer = (status: number, data: string) => ({ status, statusText: String(status), data, headers: {}, config });
          if (url.pathname.endsWith('/login')) {
            loginsAnswered += 1;
            if (loginsAnswered > 1) session.jar.setCookieSync('session=renewed; Path=/', url.toString());
            return answer(200, '');
          }
          return cookie ? answer(200, '{"username":"astro"}') : answer(401, '{"status":"Error","errors":["Not logged in."]}');
        },
      });
      const c = new TooClient({
        baseUrl: 'http://too.invalid/api/v2',
        timeoutMs: 5000,
        userAgent: 'unit-test',
        session,
        http,
        retry: NO_WAIT,
        log: (line) => logLines.push(line),
      });
      await c.login();
      assert.ok(
        logLines.some((l) => /without a visible session cookie/.test(l)),
        logLines.join('\n'),
      );
      assert.deepEqual(await c.session(), { username: 'astro' });
      assert.deepEqual(seen, ['POST /api/v2/login', 'GET /api/v2/session', 'POST /api/v2/login', 'GET /api/v2/session +cookie']);
    });

    for (const choice of ['404', 'odd']) {
      it(`the upload switch answering ${choice === '404' ? '404' : 'an unknown shape'} is unknown, not an error`, async () => {
        sandbox.variants.set({ [TOO_VARIANTS.uploadSwitch]: choice });
        assert.equal(await client().uploadEnabled(), undefined);
        assert.ok(logLines.some((l) => /upload switch/.test(l)));
      });
    }

    it('reads one TOO through the list endpoint, never /swift/too/{id}', async () => {
      sandbox.variants.set({ [TOO_VARIANTS.tooByIdMissing]: true });
      const record = await client().getToo(16832);
      assert.equal(record.too_id, 16832);
      assert.equal(record.target_name, 'GK Per');
      const gets = sandbox.requests.list({ method: 'GET' }).map((r) => r.path);
      assert.ok(
        gets.every((p) => p !== '/api/v2/swift/too/16832'),
        gets.join(', '),
      );
    });

    it('reads replies with 0/1 booleans, numeric text and integer obs_id', async () => {
      sandbox.variants.set({ [TOO_VARIANTS.laxTypes]: true });
      const c = client();
      const list = await c.listToos({ begin: '2022-01-01 00:00:00', end: '2022-01-11 00:00:00' });
      assert.ok(list.entries.length > 0 && list.entries.every((e) => typeof e.too_id === 'number' && typeof e.proposal === 'boolean'));
      const obs = await c.obsQuery({ ra: 287.9565, dec: 4.9827 });
      assert.ok(obs.entries.length > 0 && obs.entries.every((e) => typeof e.obs_id === 'string' && e.obs_id.length === 11));
      const outcome = await c.submitToo(validRequest());
      assert.equal(outcome.kind, 'received');
      assert.equal(typeof (outcome.kind === 'received' && outcome.tooId), 'number');
    });
  });
});
