// The shared HTTP layer against the sandbox core's faults: each failure becomes a specific,
// readable ServiceError, and only idempotent reads are retried.
import * as assert from 'node:assert/strict';
import { ServiceError } from '../../../src/http/errors';
import { JsonClient } from '../../../src/http/jsonClient';
import { retryIdempotent } from '../../../src/http/retry';
import { htmlToText, summariseHtmlPage } from '../../../src/http/text';
import { describeTooError } from '../../../src/too/responseSchemas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { SandboxRequest, SandboxResponse } from '../../sandbox/types';

function echoService(): { handle(req: SandboxRequest): Promise<SandboxResponse | undefined>; reset(): void } {
  return {
    async handle(req) {
      if (req.path === '/echo') {
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            OK: 1,
            method: req.method,
            contentType: req.headers['content-type'] ?? null,
            body: req.body.toString('utf8'),
            q: req.query.getAll('x'),
          }),
        };
      }
      if (req.path === '/raw') {
        // Whatever body the test asks for, to see how the client reads it.
        return { status: 200, headers: { 'content-type': 'application/json' }, body: req.query.get('body') ?? '' };
      }
      if (req.path === '/real-wire-json') {
        // As the real XRT server sends it: JSON labelled text/html, after a blank line.
        return { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '\n{"OK":1,"JobID":"951"}\n' };
      }
      if (req.path === '/html-200') {
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '\n<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>',
        };
      }
      if (req.path === '/php-warning') {
        return {
          status: 200,
          headers: { 'content-type': 'text/html' },
          body: '<br />\n<b>Warning</b>: something in <b>/var/www/x.php</b> on line 3<br />\n{"OK":1}',
        };
      }
      if (req.path === '/unprocessable') {
        return {
          status: 422,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ detail: [{ loc: ['query', 'ra'], msg: 'field required', type: 'missing' }] }),
        };
      }
      return undefined;
    },
    reset() {},
  };
}

describe('JsonClient', () => {
  let sandbox: Sandbox;
  let client: JsonClient;

  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, services: { xrt: echoService, too: echoService } });
    client = new JsonClient({ service: 'XRT product generator', baseUrl: sandbox.xrtBaseUrl, timeoutMs: 1500, userAgent: 'test' });
  });
  after(async () => {
    await sandbox.stop();
  });
  beforeEach(() => sandbox.reset());

  async function failure(promise: Promise<unknown>): Promise<ServiceError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof ServiceError, `expected a ServiceError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the request to fail');
  }

  it('sends JSON and form bodies and repeated query keys', async () => {
    const j = await client.send({ method: 'POST', path: '/echo', json: { UserID: 'a@b.c' } });
    assert.deepEqual(j.data, { OK: 1, method: 'POST', contentType: 'application/json', body: '{"UserID":"a@b.c"}', q: [] });
    const f = await client.send({ method: 'POST', path: '/echo', form: new URLSearchParams({ ra: '1.5', name: 'SMC X-3' }) });
    assert.equal((f.data as { body: string }).body, 'ra=1.5&name=SMC+X-3');
    const q = await client.send({
      method: 'GET',
      path: '/echo',
      query: new URLSearchParams([
        ['x', '1'],
        ['x', '2'],
      ]),
    });
    assert.deepEqual((q.data as { q: string[] }).q, ['1', '2']);
  });

  it('reads JSON labelled text/html with leading whitespace as data (the real XRT wire)', async () => {
    const reply = await client.send({ method: 'POST', path: '/real-wire-json', json: {} });
    assert.deepEqual(reply.data, { OK: 1, JobID: '951' });
  });

  it('calls a body a web page by its markup, whatever its content type', async () => {
    const page = await failure(client.send({ method: 'POST', path: '/html-200', json: {} }));
    assert.equal(page.kind, 'html-page');
    assert.match(page.message, /Maintenance/);
    const warning = await failure(client.send({ method: 'POST', path: '/php-warning', json: {} }));
    assert.equal(warning.kind, 'html-page');
    assert.doesNotMatch(warning.message, /<b>/);
  });

  it('reports an HTML error page with its title and status, without markup', async () => {
    sandbox.faults.add({ prefix: '/user_objects', kind: 'html-error', status: 502 });
    const error = await failure(client.send({ method: 'POST', path: '/echo', json: {} }));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /HTTP 502/);
    assert.match(error.message, /502 Bad Gateway/);
    assert.doesNotMatch(error.message, /</);
    assert.equal(error.transient, true);
  });

  it('distinguishes 404, 401, 403 and 429 (with Retry-After)', async () => {
    assert.equal((await failure(client.send({ method: 'POST', path: '/missing.php', json: {} }))).kind, 'not-found');
    sandbox.faults.add({ prefix: '/user_objects', kind: 'rate-limit', retryAfterSeconds: 12 });
    const limited = await failure(client.send({ method: 'POST', path: '/echo', json: {} }));
    assert.equal(limited.kind, 'rate-limited');
    assert.equal(limited.retryAfterSeconds, 12);
  });

  it('passes through statuses the caller interprets (e.g. a 422 detail list)', async () => {
    const reply = await client.send({ method: 'GET', path: '/unprocessable', passStatuses: [422] });
    assert.equal(reply.status, 422);
    assert.deepEqual((reply.data as { detail: unknown[] }).detail.length, 1);
    assert.equal((await failure(client.send({ method: 'GET', path: '/unprocessable' }))).kind, 'http');
  });

  it('reports truncated JSON and malformed JSON differently', async () => {
    sandbox.faults.add({ prefix: '/user_objects', kind: 'truncated-json' });
    const cut = await failure(client.send({ method: 'POST', path: '/echo', json: {} }));
    assert.equal(cut.kind, 'truncated-json');
    assert.match(cut.message, /cut short/);
    sandbox.faults.add({ prefix: '/user_objects', kind: 'malformed-json' });
    const bad = await failure(client.send({ method: 'POST', path: '/echo', json: {} }));
    assert.equal(bad.kind, 'not-json');
    assert.match(bad.message, /not JSON/);
  });

  it('reports a timeout with the limit, and a reset connection', async () => {
    sandbox.faults.add({ prefix: '/user_objects', kind: 'timeout' });
    const slow = await failure(client.send({ method: 'POST', path: '/echo', json: {} }));
    assert.equal(slow.kind, 'timeout');
    assert.match(slow.message, /did not answer within 1.5 s/);
    sandbox.faults.add({ prefix: '/user_objects', kind: 'reset' });
    const reset = await failure(client.send({ method: 'POST', path: '/echo', json: {} }));
    assert.equal(reset.kind, 'network');
    assert.match(reset.message, /closed before an answer|socket hang up/);
  });

  it('reports a refused connection', async () => {
    const dead = new JsonClient({ service: 'Swift TOO API', baseUrl: 'http://127.0.0.1:9/api/v2', timeoutMs: 1000, userAgent: 't' });
    const error = await failure(dead.send({ method: 'GET', path: '/' }));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /Swift TOO API at 127\.0\.0\.1:9: the connection was refused/);
  });

  it('retries transient failures of idempotent reads, and nothing else', async () => {
    sandbox.faults.add({ prefix: '/user_objects', kind: 'html-error', status: 503, count: 2 });
    const policy = { retries: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined };
    const reply = await retryIdempotent(() => client.send({ method: 'POST', path: '/echo', json: {} }), policy);
    assert.equal((reply.data as { OK: number }).OK, 1);
    assert.equal(sandbox.requests.list({ pathPrefix: '/user_objects/echo' }).length, 3);

    sandbox.requests.clear();
    await assert.rejects(
      retryIdempotent(() => client.send({ method: 'POST', path: '/missing.php', json: {} }), policy),
      /HTTP 404/,
    );
    assert.equal(sandbox.requests.list().length, 1, 'a 404 is not retried');
  });

  it('waits jittered exponential delays between retries and honours Retry-After', async () => {
    const waitsFor = async (error: ServiceError, random: number, retries: number): Promise<number[]> => {
      const waits: number[] = [];
      const policy = {
        retries,
        baseDelayMs: 1000,
        maxDelayMs: 8000,
        random: () => random,
        sleep: async (ms: number) => void waits.push(ms),
      };
      const failing = async (): Promise<never> => Promise.reject(error);
      await assert.rejects(retryIdempotent(failing, policy), (thrown: unknown) => thrown === error);
      return waits;
    };
    const reset = new ServiceError({ kind: 'network', service: 'Swift TOO API', message: 'reset' });
    // Full jitter between half the ceiling (random 0) and the whole of it (random 1); the ceiling
    // doubles from baseDelayMs and stops at maxDelayMs.
    assert.deepEqual(await waitsFor(reset, 0, 3), [500, 1000, 2000]);
    assert.deepEqual(await waitsFor(reset, 1, 10), [1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000, 8000]);
    const limited = new ServiceError({ kind: 'rate-limited', service: 'Swift TOO API', message: 'slow', retryAfterSeconds: 3 });
    assert.deepEqual(await waitsFor(limited, 0, 2), [3000, 3000]);
  });

  describe('cut-short JSON, whatever the engine says', () => {
    /** The kind of error the client reports for a reply whose body is `body`. */
    async function kindFor(body: string): Promise<string> {
      return (await failure(client.send({ method: 'GET', path: '/raw', query: new URLSearchParams({ body }) }))).kind;
    }

    /**
     * `kindFor(body)` while JSON.parse fails on `body` with `message`, as an engine other than this one
     * words it; every other text parses as usual (the sandbox shares the process).
     */
    async function kindWhenEngineSays(body: string, message: string): Promise<string> {
      const original = JSON.parse;
      JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]): unknown => {
        if (text === body) throw new SyntaxError(message);
        return original(text, reviver);
      }) as typeof JSON.parse;
      try {
        return await kindFor(body);
      } finally {
        JSON.parse = original;
      }
    }

    it('calls every prefix of valid JSON cut short — after a comma, a colon, inside a string, a number or a literal', async () => {
      const whole =
        '{"OK":1,"JobID":"951","URL":"https://www.swift.ac.uk/user_objects/tprods/USERPROD_951","jobPars":{"T0":608713541.5,"lc":true,"specz":null},"list":[1,2.5e3,"x"]}';
      for (let end = 1; end < whole.length; end++) {
        const cut = whole.slice(0, end);
        assert.equal(await kindFor(cut), 'truncated-json', `cut after ${end} characters: ${cut}`);
      }
    });

    it('does not call malformed or over-long JSON cut short', async () => {
      for (const text of ['{"OK": <b>oops</b>,', '{"a":1}x', '{"a":1,,}', "{'a':1}", 'OK'])
        assert.equal(await kindFor(text), 'not-json', text);
    });

    it('reads the wording of older engines too', async () => {
      assert.equal(await kindWhenEngineSays('{"OK":1,', 'Unexpected end of JSON input'), 'truncated-json');
      const atEight = 'Expected double-quoted property name in JSON at position 8 (line 1 column 9)';
      assert.equal(await kindWhenEngineSays('{"OK":1,', atEight), 'truncated-json');
      assert.equal(await kindWhenEngineSays('{"OK":1,x}', atEight), 'not-json');
    });
  });
});

describe('untrusted text', () => {
  it('turns HTML into plain text and decodes entities', () => {
    assert.equal(htmlToText('Trying using the <em>v,b,white</em> filters:'), 'Trying using the v,b,white filters:');
    assert.equal(htmlToText('<img src=x onerror=alert(1)>a &lt;b&gt; &#65;&#x42;'), 'a <b> AB');
    assert.equal(htmlToText('<script>alert(1)</script>ok'), 'ok');
  });
  it('summarises an error page by its title', () => {
    assert.equal(
      summariseHtmlPage('<html><head><title>503 Service Unavailable</title></head><body><h1>x</h1></body></html>'),
      '503 Service Unavailable',
    );
  });
  it('skips a blank title for the heading or the words, and serves the TOO error text too (one HTML-to-text helper)', () => {
    assert.equal(summariseHtmlPage('<html><head><title> </title></head><body><h1>Bad &amp; Gateway</h1></body></html>'), 'Bad & Gateway');
    assert.equal(summariseHtmlPage('<title></title><p>Proxy <b>error</b></p>'), 'Proxy error');
    assert.equal(
      describeTooError(502, '<html><head><title>502 Bad Gateway &#8212; nginx</title></head></html>'),
      'The Swift TOO server failed (HTTP 502): the server sent a web page instead of JSON ("502 Bad Gateway — nginx").',
    );
    assert.match(describeTooError(503, '<html><title>Down &amp; out</title><script>x()</script></html>'), /\("Down & out"\)/);
  });
});
