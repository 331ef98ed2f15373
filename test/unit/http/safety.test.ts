// The shared HTTP layer against hostile servers: redirects (never a POST, a GET only within the
// configured origin, no credential or cookie ever reaching another origin), a total deadline that a
// trickling server cannot defeat, a size cap enforced while the body streams, Content-Encoding, and
// the one rule of "may or may not have been received" that both submissions use.
import * as assert from 'node:assert/strict';
import axios, { AxiosError } from 'axios';
import { ServiceError, deliveryUncertain, type ServiceErrorKind } from '../../../src/http/errors';
import { JsonClient } from '../../../src/http/jsonClient';
import { createCookieTransport, newCookieJar } from '../../../src/too/cookieTransport';
import { TooClient, TooServiceError } from '../../../src/too/client';
import { TooSession } from '../../../src/too/session';
import { validateTooRequest } from '../../../src/too/request/requestSchema';
import { XrtClient } from '../../../src/xrt/client';
import { HugeJsonBody } from '../../sandbox/hostileReplies';
import { startLocalServer } from '../../support/localServer';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { SandboxRequest, SandboxResponse } from '../../sandbox/types';
import { ASTRO as XRT_USER } from '../../sandbox/xrt/harness';
import { SMC_X3_TOO } from '../../support/requests';

/** Every request a stand-in service received, so a test can count what was (re)sent. */
interface Seen {
  method: string;
  path: string;
  cookie?: string;
  body: string;
}

function standIn(seen: Seen[]): { handle(req: SandboxRequest): Promise<SandboxResponse | undefined>; reset(): void } {
  return {
    async handle(req) {
      seen.push({
        method: req.method,
        path: req.path,
        body: req.body.toString('utf8'),
        ...(req.cookies.session ? { cookie: req.cookies.session } : {}),
      });
      if (req.path === '/known')
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ OK: 1, method: req.method, query: req.query.toString() }),
        };
      if (req.path === '/cut-after-comma')
        return { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '\n{"OK":1,"JobID":"951",' };
      if (req.path === '/cut-in-string')
        return { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '{"OK":1,"URL":"https://www.swift.ac' };
      if (req.path === '/sized') {
        const n = Number(req.query.get('bytes'));
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ OK: 1, padding: 'y'.repeat(n) }) };
      }
      return undefined;
    },
    reset() {},
  };
}

async function failure(promise: Promise<unknown>, kind?: ServiceErrorKind): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ServiceError, `expected a ServiceError, got ${String(error)}`);
    if (kind) assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('HTTP safety: redirects, deadline, size cap, encodings', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  const seen: Seen[] = [];
  let client: JsonClient;

  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, services: { xrt: () => standIn(seen), too: () => standIn(seen) } });
    client = new JsonClient({ service: 'XRT product generator', baseUrl: sandbox.xrtBaseUrl, timeoutMs: 5000, userAgent: 'test' });
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    sandbox.reset();
    seen.length = 0;
  });

  describe('redirects', () => {
    it('refuses a GET redirected to another origin, naming where it pointed; nothing reaches that origin', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'redirect-foreign', status: 302 });
      const error = await failure(client.send({ method: 'GET', path: '/known' }), 'redirected');
      assert.match(
        error.message,
        new RegExp(`redirect \\(HTTP 302\\) to ${sandbox.foreign.origin.replace(/[.]/g, '\\.')}/user_objects/known`),
      );
      assert.match(error.message, /nothing was sent there/);
      assert.deepEqual(sandbox.foreign.requests(), []);
    });

    it('follows a GET redirected within the configured origin, with the session cookie, and never to another port', async () => {
      const jar = newCookieJar();
      jar.setCookieSync('session=s3cret; Path=/', sandbox.origin);
      const withJar = new JsonClient({
        service: 'Swift TOO API',
        baseUrl: sandbox.tooBaseUrl,
        timeoutMs: 5000,
        userAgent: 'test',
        axiosInstance: createCookieTransport({ jar }),
      });
      sandbox.faults.add({ prefix: '/api/v2/known', kind: 'redirect-same-origin', status: 301 });
      const reply = await withJar.send({ method: 'GET', path: '/known', query: new URLSearchParams({ a: '1' }) });
      assert.deepEqual(reply.data, { OK: 1, method: 'GET', query: 'a=1' });
      assert.deepEqual(
        seen.map((s) => [s.method, s.path, s.cookie]),
        [['GET', '/known', 's3cret']],
        'the redirected GET reached the service once, with its cookie (the redirect itself is answered by the fault)',
      );
      // The jar matches cookies by host, not port: a followed cross-origin redirect would carry it.
      sandbox.faults.add({ prefix: '/api/v2/known', kind: 'redirect-foreign', status: 307 });
      await failure(withJar.send({ method: 'GET', path: '/known' }), 'redirected');
      assert.deepEqual(sandbox.foreign.requests(), [], 'the session cookie never reached the other origin');
    });

    it('stops a redirect loop within the origin', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'redirect-same-origin', count: 20 });
      const error = await failure(client.send({ method: 'GET', path: '/known' }), 'redirected');
      assert.match(error.message, /more than 5 times/);
    });

    for (const status of [301, 302, 303, 307, 308]) {
      it(`never follows a POST answered ${status}, within the origin or not, and calls it uncertain`, async () => {
        sandbox.faults.add({ prefix: '/user_objects/known', kind: 'redirect-same-origin', status });
        const same = await failure(client.send({ method: 'POST', path: '/known', json: { UserID: 'x' } }), 'redirected');
        assert.equal(same.deliveryUncertain, true);
        assert.match(same.message, new RegExp(`HTTP ${status}.*never sent on to a redirect`));
        sandbox.faults.add({ prefix: '/user_objects/known', kind: 'redirect-foreign', status });
        const foreign = await failure(client.send({ method: 'POST', path: '/known', json: { UserID: 'x' } }), 'redirected');
        assert.equal(foreign.deliveryUncertain, true);
        assert.equal(sandbox.requests.list({ method: 'POST' }).length, 2, 'each POST was sent once');
        assert.equal(sandbox.requests.list({ method: 'GET' }).length, 0, 'no POST turned into a GET');
        assert.deepEqual(sandbox.foreign.requests(), []);
      });
    }

    it('a refused redirect does not show the query or user-info of the Location (they may hold secrets)', async () => {
      const server = await startLocalServer((_req, res) => {
        res.writeHead(302, { location: 'https://user:pw@elsewhere.example/login?token=abc' });
        res.end();
      });
      try {
        const local = new JsonClient({
          service: 'Swift TOO API',
          baseUrl: `${server.origin}/api/v2`,
          timeoutMs: 5000,
          userAgent: 't',
        });
        const error = await failure(local.send({ method: 'GET', path: '/x' }), 'redirected');
        assert.match(error.message, /https:\/\/elsewhere\.example\/login/);
        assert.doesNotMatch(error.message, /pw|token|abc/);
      } finally {
        await server.close();
      }
    });
    it('a POST redirected from http to https on the same host says where the base URL should point', async () => {
      let port = 0;
      const server = await startLocalServer((_req, res) => {
        res.writeHead(301, { location: `https://127.0.0.1:${port}/user_objects/run_userobject.php` });
        res.end();
      });
      port = server.port;
      try {
        const local = new JsonClient({
          service: 'XRT product generator',
          baseUrl: `http://127.0.0.1:${port}/user_objects`,
          timeoutMs: 5000,
          userAgent: 't',
        });
        const error = await failure(local.send({ method: 'POST', path: '/run_userobject.php', json: {} }), 'redirected');
        assert.ok(
          error.message.includes(`If the service has moved to https://127.0.0.1:${port}, change the base URL setting`),
          error.message,
        );
      } finally {
        await server.close();
      }
    });
  });

  describe('total deadline', () => {
    it('stops an answer that trickles in, although the socket is never idle', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'trickle', delayMs: 20, durationMs: 120_000 });
      const quick = new JsonClient({ service: 'XRT product generator', baseUrl: sandbox.xrtBaseUrl, timeoutMs: 400, userAgent: 'test' });
      const error = await failure(quick.send({ method: 'POST', path: '/known', json: {} }), 'timeout');
      assert.match(error.message, /did not finish its answer within 0\.4 s/);
      assert.equal(error.deliveryUncertain, true);
    });

    it('reads a trickled answer that completes within the deadline', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'trickle', delayMs: 10, durationMs: 100 });
      const reply = await client.send({ method: 'POST', path: '/known', json: {} });
      assert.deepEqual(reply.data, { OK: 1, method: 'POST', query: '' });
    });

    it('a cancel by the caller is "cancelled", not a timeout', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'timeout' });
      const controller = new AbortController();
      const pending = client.send({ method: 'POST', path: '/known', json: {}, signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await failure(pending, 'cancelled');
      const before = new AbortController();
      before.abort();
      const early = await failure(client.send({ method: 'POST', path: '/known', json: {}, signal: before.signal }), 'cancelled');
      assert.equal(early.deliveryUncertain, false, 'cancelled before sending: nothing was sent');
    });
  });

  describe('size cap', () => {
    it('refuses a huge streamed answer at the cap: the server got to send only a little of it', async () => {
      let body: HugeJsonBody | undefined;
      const server = await startLocalServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        body = new HugeJsonBody(600_000_000);
        body.pipe(res);
        res.on('close', () => body?.destroy());
      });
      try {
        const local = new JsonClient({
          service: 'XRT product generator',
          baseUrl: server.origin,
          timeoutMs: 20_000,
          userAgent: 't',
        });
        const error = await failure(local.send({ method: 'POST', path: '/x', json: {} }), 'too-large');
        assert.match(error.message, /larger than 8 MB and was refused/);
        assert.equal(error.deliveryUncertain, true);
        // Memory is bounded by what was read: the cap plus socket buffers, far from the 600 MB offered.
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.ok(body && body.produced < 40_000_000, `the server produced ${body?.produced} bytes before the client stopped`);
      } finally {
        await server.close();
      }
    });

    it('refuses the sandbox huge-body fault, and a cap can be set per endpoint', async () => {
      sandbox.faults.add({ prefix: '/api/v2/known', kind: 'huge-body', bytes: 600_000_000 });
      const too = new JsonClient({
        service: 'Swift TOO API',
        baseUrl: sandbox.tooBaseUrl,
        timeoutMs: 20_000,
        userAgent: 't',
        maxResponseBytes: 1_000_000,
      });
      const error = await failure(too.send({ method: 'GET', path: '/known' }), 'too-large');
      assert.match(error.message, /larger than 1 MB/);
      await failure(
        too.send({ method: 'GET', path: '/sized', query: new URLSearchParams({ bytes: '20000' }), maxResponseBytes: 10_000 }),
        'too-large',
      );
      const fits = await too.send({
        method: 'GET',
        path: '/sized',
        query: new URLSearchParams({ bytes: '20000' }),
        maxResponseBytes: 30_000,
      });
      assert.equal((fits.data as { padding: string }).padding.length, 20_000);
    });

    it('counts decoded bytes: a small gzip that inflates past the cap is refused', async () => {
      sandbox.faults.add({ prefix: '/api/v2/sized', kind: 'encoded', encoding: 'gzip' });
      const too = new JsonClient({
        service: 'Swift TOO API',
        baseUrl: sandbox.tooBaseUrl,
        timeoutMs: 20_000,
        userAgent: 't',
        maxResponseBytes: 100_000,
      });
      await failure(too.send({ method: 'GET', path: '/sized', query: new URLSearchParams({ bytes: '3000000' }) }), 'too-large');
    });
  });

  describe('Content-Encoding', () => {
    for (const encoding of ['gzip', 'deflate', 'deflate-raw', 'br'] as const) {
      it(`decodes a ${encoding}-encoded JSON answer`, async () => {
        sandbox.faults.add({ prefix: '/user_objects/known', kind: 'encoded', encoding });
        const reply = await client.send({ method: 'POST', path: '/known', json: {} });
        assert.deepEqual(reply.data, { OK: 1, method: 'POST', query: '' });
      });
    }

    it('reads a gzip-encoded error page as text', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'html-error', status: 502, encoding: 'gzip' });
      const error = await failure(client.send({ method: 'POST', path: '/known', json: {} }), 'server');
      assert.match(error.message, /HTTP 502\) \(“502 Bad Gateway”\)/);
    });

    it('refuses an encoding it cannot decode, clearly', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'encoded', encoding: 'unknown' });
      const error = await failure(client.send({ method: 'POST', path: '/known', json: {} }), 'unsupported-encoding');
      assert.match(error.message, /Content-Encoding “x-unknown”/);
    });

    it('says so when the compressed answer is damaged', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'encoding-label', encoding: 'gzip' });
      const error = await failure(client.send({ method: 'POST', path: '/known', json: {} }), 'not-json');
      assert.match(error.message, /gzip-compressed answer is damaged/);
    });
  });

  describe('cut and decorated JSON', () => {
    it('calls JSON cut after a comma truncated, not "not JSON"', async () => {
      const error = await failure(client.send({ method: 'POST', path: '/cut-after-comma', json: {} }), 'truncated-json');
      assert.match(error.message, /cut short/);
      await failure(client.send({ method: 'POST', path: '/cut-in-string', json: {} }), 'truncated-json');
    });

    it('still calls malformed JSON "not JSON"', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'malformed-json' });
      await failure(client.send({ method: 'POST', path: '/known', json: {} }), 'not-json');
    });

    it('names a PHP warning printed before the JSON, without its markup', async () => {
      sandbox.faults.add({ prefix: '/user_objects/known', kind: 'php-warning' });
      const error = await failure(client.send({ method: 'POST', path: '/known', json: {} }), 'html-page');
      assert.match(
        error.message,
        /printed a server warning before its answer \(HTTP 200: “Warning: Undefined array key "RA" in \/var\/www/,
      );
      assert.doesNotMatch(error.message, /<b>|<br/);
      assert.equal(error.deliveryUncertain, true);
    });
  });
});

describe('HTTP safety: "may or may not have been received"', function () {
  this.timeout(30_000);

  const error = (kind: ServiceErrorKind, status?: number): ServiceError =>
    new ServiceError({ kind, service: 'XRT product generator', message: kind, ...(status ? { status } : {}) });

  it('classifies every kind of failure by one rule', () => {
    const table: [ServiceError, boolean][] = [
      [error('timeout'), true],
      [error('network'), true],
      [error('server', 502), true],
      [error('server', 504), true],
      [error('html-page', 200), true],
      [error('not-json', 200), true],
      [error('truncated-json', 200), true],
      [error('redirected', 302), true],
      [error('redirected', 307), true],
      [error('too-large', 200), true],
      [error('unsupported-encoding', 200), true],
      [error('unexpected-shape', 200), true],
      [error('unexpected-shape'), true],
      [error('rejected', 200), false],
      [error('rejected', 422), false],
      [error('rejected', 400), false],
      [error('unauthorized', 401), false],
      [error('forbidden', 403), false],
      [error('not-found', 404), false],
      [error('rate-limited', 429), false],
      [error('http', 405), false],
      [error('html-page', 400), false],
      [new ServiceError({ kind: 'network', service: 'Swift TOO API', message: 'refused', delivery: 'not-sent' }), false],
      [new ServiceError({ kind: 'cancelled', service: 'Swift TOO API', message: 'cancelled', delivery: 'not-sent' }), false],
      [error('cancelled'), true],
    ];
    for (const [e, uncertain] of table) assert.equal(e.deliveryUncertain, uncertain, `${e.kind} ${e.status ?? ''}`);
    for (const [e, uncertain] of table) assert.equal(deliveryUncertain(e), uncertain, `deliveryUncertain() of ${e.kind} ${e.status ?? ''}`);
  });

  it('calls any failure that is not a ServiceError uncertain: it proves nothing about the request', () => {
    assert.equal(deliveryUncertain(new Error('could not record the job')), true);
    assert.equal(deliveryUncertain('a string'), true);
  });

  async function transportFailure(code: string): Promise<ServiceError> {
    const http = axios.create({
      adapter: async (config) => {
        throw new AxiosError(`${code} simulated`, code, config);
      },
    });
    const client = new JsonClient({
      service: 'Swift TOO API',
      baseUrl: 'https://www.swift.psu.edu/api/v2',
      timeoutMs: 1000,
      userAgent: 't',
      axiosInstance: http,
    });
    return failure(client.send({ method: 'POST', path: '/swift/too', form: new URLSearchParams() }), 'network');
  }

  it('a refused connection or an unknown host: nothing was received; a reset: maybe', async () => {
    const refused = new JsonClient({ service: 'Swift TOO API', baseUrl: 'http://127.0.0.1:9/api/v2', timeoutMs: 1000, userAgent: 't' });
    assert.equal((await failure(refused.send({ method: 'POST', path: '/swift/too' }), 'network')).deliveryUncertain, false);
    assert.equal((await transportFailure('ENOTFOUND')).deliveryUncertain, false);
    assert.equal((await transportFailure('EAI_AGAIN')).deliveryUncertain, false);
    assert.equal((await transportFailure('ECONNRESET')).deliveryUncertain, true);
    assert.equal((await transportFailure('EPIPE')).deliveryUncertain, true);
  });

  describe('both submissions use it', () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox({ port: 0, speed: 0 });
    });
    after(() => sandbox.stop());
    beforeEach(() => sandbox.reset());

    const xrtRequest = { name: 'GRB 200416A', targ: '00968756', T0: 608713541, RA: 335.6985, Dec: -2.1563, lc: 1, useSXPS: 0, poserr: 1 };

    for (const fault of [
      { kind: 'php-warning' },
      { kind: 'html-error', status: 502 },
      { kind: 'html-error', status: 504 },
      { kind: 'truncated-json' },
      { kind: 'redirect-same-origin', status: 302 },
    ] as const) {
      it(`XRT: a submission answered by ${fault.kind}${'status' in fault ? ` ${fault.status}` : ''} is uncertain`, async () => {
        const client = new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: XRT_USER, timeoutMs: 5000, userAgent: 't' });
        sandbox.faults.add({ prefix: '/user_objects/run_userobject.php', ...fault });
        const e = await failure(client.submit(xrtRequest));
        assert.equal(e.deliveryUncertain, true, e.message);
      });
    }

    it('XRT: the job of a submission answered with a PHP warning exists on the service (why "uncertain" is right)', async () => {
      const client = new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: XRT_USER, timeoutMs: 5000, userAgent: 't' });
      sandbox.faults.add({ prefix: '/user_objects/run_userobject.php', kind: 'php-warning' });
      await failure(client.submit(xrtRequest), 'html-page');
      assert.equal((sandbox.xrt.jobs?.() as unknown[]).length > 0, true);
    });

    it('XRT: an OK:0 refusal is certain', async () => {
      const client = new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: XRT_USER, timeoutMs: 5000, userAgent: 't' });
      sandbox.faults.add({ prefix: '/user_objects/run_userobject.php', kind: 'ok0' });
      assert.equal((await failure(client.submit(xrtRequest), 'rejected')).deliveryUncertain, false);
    });

    const tooRequest = (): NonNullable<ReturnType<typeof validateTooRequest> & { ok: true }>['value'] => {
      const result = validateTooRequest(SMC_X3_TOO);
      assert.ok(result.ok);
      return result.value;
    };

    const tooClient = (): TooClient => {
      const session = new TooSession(async () => ({ username: 'astro', apiKey: 'sandbox-key' }));
      return new TooClient({
        baseUrl: sandbox.tooBaseUrl,
        timeoutMs: 5000,
        userAgent: 't',
        session,
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      });
    };

    for (const fault of [
      { kind: 'php-warning' },
      { kind: 'html-error', status: 502 },
      { kind: 'truncated-json' },
      { kind: 'redirect-same-origin', status: 301 },
      { kind: 'redirect-foreign', status: 307 },
    ] as const) {
      it(`TOO: a submission answered by ${fault.kind}${'status' in fault ? ` ${fault.status}` : ''} "may or may not have reached the service"`, async () => {
        const client = tooClient();
        await client.login();
        sandbox.faults.add({ prefix: '/api/v2/swift/too', ...fault });
        const e = await failure(client.submitToo(tooRequest()));
        assert.ok(e instanceof TooServiceError);
        assert.equal(e.deliveryUncertain, true);
        assert.match(e.message, /may or may not have reached the service/);
        assert.deepEqual(sandbox.foreign.requests(), []);
      });
    }

    it('TOO: a sign-in redirected to another origin fails clearly, and the key never leaves', async () => {
      for (const status of [307, 308]) {
        sandbox.faults.add({ prefix: '/api/v2/login', kind: 'redirect-foreign', status });
        const e = await failure(tooClient().login());
        assert.match(
          e.message,
          new RegExp(
            `Signing in to the Swift TOO API failed: .*redirect \\(HTTP ${status}\\) to ${sandbox.foreign.origin.replace(/[.]/g, '\\.')}/api/v2/login`,
          ),
        );
        assert.doesNotMatch(e.message, /sandbox-key/);
      }
      assert.deepEqual(sandbox.foreign.requests(), [], 'nothing reached the other origin');
    });

    it('TOO: a submission whose sign-in failed was not sent: "nothing was recorded" holds', async () => {
      const client = tooClient();
      sandbox.faults.add({ prefix: '/api/v2/login', kind: 'html-error', status: 404 });
      const e = await failure(client.submitToo(tooRequest()));
      assert.equal(e.deliveryUncertain, false);
      assert.doesNotMatch(e.message, /may or may not/);
      assert.equal(sandbox.requests.list({ method: 'POST', pathPrefix: '/api/v2/swift/too' }).length, 0);
    });

    it('TOO: a submission that meets a refused connection was not received', async () => {
      const session = new TooSession(async () => ({ username: 'astro', apiKey: 'sandbox-key' }));
      const dead = new TooClient({ baseUrl: 'http://127.0.0.1:9/api/v2', timeoutMs: 2000, userAgent: 't', session });
      const e = await failure(dead.submitToo(tooRequest()));
      assert.equal(e.deliveryUncertain, false);
    });
  });
});
