// The sandbox's HTTP core: routing, 404 shapes, control API and every fault kind, with stand-in
// services so these tests depend only on the core.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { PHP_WARNING } from '../hostileReplies';
import { startSandbox, type Sandbox } from '../server';
import type { SandboxRequest, SandboxResponse } from '../types';
import { VariantSet, parseVariantList } from '../variants';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the stand-in services echo back about the request they got. */
interface StandInReply {
  readonly service: string;
  readonly body: string;
  readonly cookie?: string;
}

/** A reply body read as the shape the test expects; the assertions on it are what check the shape. */
function parsed<T>(body: string): T {
  return JSON.parse(body) as T;
}

/** Plain node:http, so the tests see exactly what went over the wire (no client library smoothing). */
function request(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(init.timeoutMs ?? 5000, () => req.destroy(new Error('client timeout')));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** As `request`, but the body as the bytes that arrived (nothing decoded). */
function rawRequest(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

function standIn(name: string): {
  handle(req: SandboxRequest): Promise<SandboxResponse | undefined>;
  reset(): void;
  resets: number;
  expired: number;
  expireSessions(): void;
} {
  return {
    resets: 0,
    expired: 0,
    async handle(req) {
      if (req.path === '/known') {
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            OK: 1,
            service: name,
            method: req.method,
            cookie: req.cookies.session ?? null,
            body: req.body.toString('utf8'),
            padding: 'x'.repeat(40),
          }),
        };
      }
      return undefined;
    },
    reset() {
      this.resets += 1;
    },
    expireSessions() {
      this.expired += 1;
    },
  };
}

describe('sandbox core', () => {
  let sandbox: Sandbox;
  const xrt = standIn('xrt');
  const too = standIn('too');

  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, services: { xrt: () => xrt, too: () => too } });
  });
  after(async () => {
    await sandbox.stop();
  });
  beforeEach(() => {
    sandbox.reset();
  });

  it('listens on loopback only and refuses any other address', async () => {
    assert.match(sandbox.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    await assert.rejects(
      startSandbox({ host: '0.0.0.0', services: { xrt: () => standIn('x'), too: () => standIn('t') } }),
      /loopback only/,
    );
  });

  it('routes each prefix to its service with the prefix removed, passing body and cookies', async () => {
    const a = await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{"UserID":"x"}', headers: { cookie: 'session=abc' } });
    assert.equal(a.status, 200);
    assert.deepEqual(parsed<StandInReply>(a.body).service, 'xrt');
    assert.equal(parsed<StandInReply>(a.body).body, '{"UserID":"x"}');
    const b = await request(`${sandbox.tooBaseUrl}/known`, { headers: { cookie: 'session=abc' } });
    assert.equal(parsed<StandInReply>(b.body).service, 'too');
    assert.equal(parsed<StandInReply>(b.body).cookie, 'abc');
  });

  it('answers unknown paths as the real servers do: HTML under /user_objects, JSON under /api/v2', async () => {
    const x = await request(`${sandbox.xrtBaseUrl}/nope.php`);
    assert.equal(x.status, 404);
    assert.match(String(x.headers['content-type']), /text\/html/);
    assert.match(x.body, /<title>404 Not Found<\/title>/);
    const t = await request(`${sandbox.tooBaseUrl}/nope`);
    assert.equal(t.status, 404);
    assert.deepEqual(JSON.parse(t.body), { detail: 'Not Found' });
  });

  it('logs service requests (not control requests) with method, path, status and times', async () => {
    await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' });
    await request(`${sandbox.tooBaseUrl}/nope?x=1`);
    const log = parsed<{ requests: { method: string; path: string; status: number; query: string; time: string }[] }>(
      (await request(`${sandbox.origin}/__sandbox/requests`)).body,
    ).requests;
    assert.deepEqual(
      log.map((r) => [r.method, r.path, r.status, r.query]),
      [
        ['POST', '/user_objects/known', 200, ''],
        ['GET', '/api/v2/nope', 404, '?x=1'],
      ],
    );
    assert.ok(!Number.isNaN(Date.parse(log[0].time)));
    const posts = parsed<{ requests: unknown[] }>((await request(`${sandbox.origin}/__sandbox/requests?method=POST`)).body).requests;
    assert.equal(posts.length, 1);
  });

  it('moves the simulated clock on request and resets services', async () => {
    await request(`${sandbox.origin}/__sandbox/clock`, { method: 'POST', body: JSON.stringify({ set: '2026-01-01T00:00:00Z' }) });
    const after = parsed<{ now: string }>(
      (await request(`${sandbox.origin}/__sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 90_000 }) })).body,
    );
    assert.equal(after.now, '2026-01-01T00:01:30.000Z');
    const before = xrt.resets;
    await request(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' });
    assert.equal(xrt.resets, before + 1);
  });

  it('switches wire variants through the control API; reset returns to the start defaults', async () => {
    const set = await request(`${sandbox.origin}/__sandbox/variants`, {
      method: 'POST',
      body: JSON.stringify({ 'login-body': 'empty', 'int-booleans': true }),
    });
    assert.equal(set.status, 200, set.body);
    assert.deepEqual(parsed<{ variants: unknown }>(set.body).variants, { 'login-body': 'empty', 'int-booleans': true });
    assert.equal(sandbox.variants.is('login-body', 'empty'), true);
    assert.equal(sandbox.variants.is('login-body', 'text'), false);
    await request(`${sandbox.origin}/__sandbox/variants`, { method: 'POST', body: JSON.stringify({ 'int-booleans': false }) });
    assert.deepEqual(sandbox.variants.list(), { 'login-body': 'empty' });
    await request(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' });
    assert.deepEqual(parsed<{ variants: unknown }>((await request(`${sandbox.origin}/__sandbox/variants`)).body).variants, {});
    const bad = await request(`${sandbox.origin}/__sandbox/variants`, { method: 'POST', body: JSON.stringify({ x: 3 }) });
    assert.equal(bad.status, 400);
  });

  it('reads start-up variants from a list such as SWIFT_SANDBOX_VARIANTS', () => {
    assert.deepEqual(parseVariantList(' a, b=text ,c=false,d=true,'), { a: true, b: 'text', c: false, d: true });
    assert.deepEqual(parseVariantList(undefined), {});
    const variants = new VariantSet({ a: true });
    variants.set({ a: false, b: 'x' });
    assert.deepEqual(variants.list(), { b: 'x' });
    variants.reset();
    assert.deepEqual(variants.list(), { a: true });
  });

  it('rejects a malformed control request with a clear 400', async () => {
    const r = await request(`${sandbox.origin}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ prefix: 'no-slash', kind: 'bogus' }),
    });
    assert.equal(r.status, 400);
    assert.match(parsed<{ error: string }>(r.body).error, /prefix|kind/);
  });

  async function inject(spec: Record<string, unknown>): Promise<void> {
    const r = await request(`${sandbox.origin}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(spec) });
    assert.equal(r.status, 200, r.body);
  }

  for (const status of [404, 500, 502, 503]) {
    it(`injects an HTML ${status} page for the next N requests on a prefix only`, async () => {
      await inject({ prefix: '/user_objects/known', kind: 'html-error', status, count: 2 });
      const first = await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' });
      assert.equal(first.status, status);
      assert.match(first.body, /<html>/);
      const other = await request(`${sandbox.tooBaseUrl}/known`);
      assert.equal(other.status, 200, 'another prefix is not affected');
      assert.equal((await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' })).status, status);
      assert.equal((await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' })).status, 200, 'used up after count');
    });
  }

  it('injects a delay', async () => {
    await inject({ prefix: '/api/v2', kind: 'delay', delayMs: 300 });
    const started = Date.now();
    const r = await request(`${sandbox.tooBaseUrl}/known`);
    assert.equal(r.status, 200);
    assert.ok(Date.now() - started >= 280, 'answer came only after the delay');
  });

  it('injects a timeout: the request is never answered', async () => {
    await inject({ prefix: '/api/v2', kind: 'timeout' });
    await assert.rejects(request(`${sandbox.tooBaseUrl}/known`, { timeoutMs: 400 }), /client timeout/);
  });

  it('injects a connection reset', async () => {
    await inject({ prefix: '/api/v2', kind: 'reset' });
    await assert.rejects(request(`${sandbox.tooBaseUrl}/known`), /socket hang up|ECONNRESET/);
  });

  it('injects truncated JSON: a prefix of the real answer', async () => {
    const whole = (await request(`${sandbox.tooBaseUrl}/known`)).body;
    await inject({ prefix: '/api/v2', kind: 'truncated-json' });
    const cut = await request(`${sandbox.tooBaseUrl}/known`);
    assert.equal(cut.status, 200);
    assert.ok(whole.startsWith(cut.body) && cut.body.length < whole.length);
    assert.throws(() => JSON.parse(cut.body));
  });

  it('injects malformed JSON', async () => {
    await inject({ prefix: '/user_objects', kind: 'malformed-json' });
    const r = await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /json/);
    assert.throws(() => JSON.parse(r.body));
  });

  it('injects an OK:0 application error with the given message', async () => {
    await inject({ prefix: '/user_objects', kind: 'ok0', message: 'Server busy' });
    const r = await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' });
    assert.deepEqual(JSON.parse(r.body), { OK: 0, ERROR: 'Server busy', APIVersion: '1.12' });
  });

  it('injects session expiry by expiring the TOO sessions before handling', async () => {
    const before = too.expired;
    await inject({ prefix: '/api/v2', kind: 'session-expiry' });
    await request(`${sandbox.tooBaseUrl}/known`);
    assert.equal(too.expired, before + 1);
  });

  it('injects 429 with Retry-After', async () => {
    await inject({ prefix: '/api/v2', kind: 'rate-limit', retryAfterSeconds: 7 });
    const r = await request(`${sandbox.tooBaseUrl}/known`);
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '7');
  });
  it('redirects to a foreign origin that records everything it receives; reset forgets it', async () => {
    await inject({ prefix: '/api/v2/known', kind: 'redirect-foreign', status: 308 });
    const r = await request(`${sandbox.tooBaseUrl}/known?x=1`, { method: 'POST', body: '{"password":"k"}' });
    assert.equal(r.status, 308);
    const location = String(r.headers.location);
    assert.equal(location, `${sandbox.foreign.origin}/api/v2/known?x=1`);
    assert.notEqual(new URL(location).origin, sandbox.origin);
    // What a client that follows the redirect would give away:
    await request(location, {
      method: 'POST',
      body: '{"password":"k"}',
      headers: { cookie: 'session=abc', 'content-type': 'application/json' },
    });
    const seen = JSON.parse((await request(`${sandbox.origin}/__sandbox/foreign/requests`)).body) as {
      origin: string;
      requests: { method: string; path: string; cookie?: string; body: string }[];
    };
    assert.equal(seen.origin, sandbox.foreign.origin);
    assert.deepEqual(
      seen.requests.map((q) => [q.method, q.path, q.cookie, q.body]),
      [['POST', '/api/v2/known', 'session=abc', '{"password":"k"}']],
    );
    await request(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' });
    assert.deepEqual(sandbox.foreign.requests(), []);
  });

  it('redirects within the origin to the same URL, once per count', async () => {
    await inject({ prefix: '/user_objects/known', kind: 'redirect-same-origin', status: 302 });
    const r = await request(`${sandbox.xrtBaseUrl}/known?a=b`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, `${sandbox.xrtBaseUrl}/known?a=b`);
    assert.equal((await request(String(r.headers.location), { method: 'POST', body: '{}' })).status, 200);
  });

  it('trickles spaces for the given time, then sends the real answer (bounded: it ends by itself)', async () => {
    await inject({ prefix: '/api/v2/known', kind: 'trickle', delayMs: 10, durationMs: 150 });
    const r = await request(`${sandbox.tooBaseUrl}/known`);
    assert.equal(r.status, 200);
    assert.match(r.body, /^ {2,}\{/);
    assert.equal(parsed<StandInReply>(r.body).service, 'too');
    const invalid = await request(`${sandbox.origin}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ prefix: '/api', kind: 'trickle', durationMs: 3_600_000 }),
    });
    assert.equal(invalid.status, 400, 'a trickle of an hour is refused: the sandbox must stop by itself');
  });

  it('streams a huge JSON body of the given size without buffering it', async () => {
    await inject({ prefix: '/user_objects/known', kind: 'huge-body', bytes: 3_000_000 });
    const r = await rawRequest(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-length'], undefined, 'streamed, no declared size');
    assert.equal(r.body.length, 3_000_000);
    assert.equal((JSON.parse(r.body.toString('utf8')) as { padding: string }).padding.length, 3_000_000 - 21);
  });

  const decoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: zlib.gunzipSync,
    deflate: zlib.inflateSync,
    'deflate-raw': zlib.inflateRawSync,
    br: zlib.brotliDecompressSync,
  };
  for (const [encoding, decode] of Object.entries(decoders)) {
    it(`encodes the real answer with ${encoding} and labels it`, async () => {
      const plain = (await rawRequest(`${sandbox.tooBaseUrl}/known`)).body;
      await inject({ prefix: '/api/v2/known', kind: 'encoded', encoding });
      const r = await rawRequest(`${sandbox.tooBaseUrl}/known`);
      assert.equal(r.headers['content-encoding'], encoding === 'deflate-raw' ? 'deflate' : encoding);
      assert.notDeepEqual(r.body, plain);
      assert.deepEqual(decode(r.body), plain);
    });
  }

  it('encodes error pages, labels bodies it does not encode, and sends unknown encodings', async () => {
    await inject({ prefix: '/user_objects/known', kind: 'html-error', status: 502, encoding: 'gzip' });
    const page = await rawRequest(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{}' });
    assert.equal(page.status, 502);
    assert.match(zlib.gunzipSync(page.body).toString('utf8'), /<title>502 Bad Gateway<\/title>/);
    const plain = (await rawRequest(`${sandbox.tooBaseUrl}/known`)).body;
    await inject({ prefix: '/api/v2/known', kind: 'encoding-label', encoding: 'gzip' });
    const labelled = await rawRequest(`${sandbox.tooBaseUrl}/known`);
    assert.equal(labelled.headers['content-encoding'], 'gzip');
    assert.deepEqual(labelled.body, plain);
    await inject({ prefix: '/api/v2/known', kind: 'encoded', encoding: 'unknown' });
    assert.equal((await rawRequest(`${sandbox.tooBaseUrl}/known`)).headers['content-encoding'], 'x-unknown');
  });

  it('prints a PHP warning before the real answer', async () => {
    await inject({ prefix: '/user_objects/known', kind: 'php-warning' });
    const r = await request(`${sandbox.xrtBaseUrl}/known`, { method: 'POST', body: '{"UserID":"x"}' });
    assert.equal(r.status, 200);
    assert.ok(r.body.startsWith(PHP_WARNING));
    assert.equal(parsed<StandInReply>(r.body.slice(PHP_WARNING.length)).body, '{"UserID":"x"}', 'the request was handled');
  });
});
