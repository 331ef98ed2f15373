// The session cookie must flow whether requests go directly or through a proxy; which proxy is
// used follows the setting, the environment and NO_PROXY; concurrent requests share one login.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TooClient } from '../../../src/too/client';
import { createCookieTransport, proxyFor } from '../../../src/too/cookieTransport';
import { TooSession } from '../../../src/too/session';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/** A forward proxy on loopback for plain-HTTP targets (absolute-URI requests), recording what passes. */
async function startForwardProxy(): Promise<{ url: string; seen: { url: string; cookie?: string }[]; stop: () => Promise<void> }> {
  const seen: { url: string; cookie?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', cookie: req.headers.cookie });
    const upstream = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('TOO session transport', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  it('carries the session cookie through a proxy agent', async () => {
    const proxy = await startForwardProxy();
    try {
      const session = new TooSession(async () => ({ username: 'astro', apiKey: 'sandbox-key' }));
      const client = new TooClient({
        baseUrl: sandbox.tooBaseUrl,
        timeoutMs: 5000,
        userAgent: 'unit-test',
        session,
        http: createCookieTransport({ jar: session.jar, proxyUrl: proxy.url }),
      });
      assert.deepEqual(await client.session(), { username: 'astro' });
      const viaProxy = proxy.seen.map((s) => new URL(s.url).pathname);
      assert.deepEqual(viaProxy, ['/api/v2/login', '/api/v2/session'], 'both requests went through the proxy');
      assert.equal(proxy.seen[0].cookie, undefined);
      assert.match(proxy.seen[1].cookie ?? '', /(^|;\s*)session=/);
    } finally {
      await proxy.stop();
    }
  });

  it('logs in once for concurrent requests', async () => {
    const session = new TooSession(async () => ({ username: 'astro', apiKey: 'sandbox-key' }));
    const client = new TooClient({ baseUrl: sandbox.tooBaseUrl, timeoutMs: 5000, userAgent: 'unit-test', session });
    await Promise.all([client.session(), client.session(), client.visQuery({ ra: 10, dec: 10 })]);
    assert.equal(sandbox.requests.list({ method: 'POST', pathPrefix: '/api/v2/login' }).length, 1);
  });

  describe('proxy choice', () => {
    const target = 'https://www.swift.psu.edu/api/v2';
    it('uses the http.proxy setting first, then the environment', () => {
      assert.equal(proxyFor(target, 'http://setting:3128', { HTTPS_PROXY: 'http://env:8080' }), 'http://setting:3128');
      assert.equal(proxyFor(target, '', { https_proxy: 'http://env:8080' }), 'http://env:8080');
      assert.equal(proxyFor('http://example.org/api', undefined, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2' }), 'http://p:2');
      assert.equal(proxyFor(target, undefined, {}), undefined);
    });
    it('honours NO_PROXY and never proxies loopback', () => {
      assert.equal(proxyFor(target, 'http://setting:3128', { NO_PROXY: 'localhost,.psu.edu' }), undefined);
      assert.equal(proxyFor(target, undefined, { HTTPS_PROXY: 'http://env:8080', no_proxy: 'www.swift.psu.edu' }), undefined);
      assert.equal(proxyFor(target, undefined, { HTTPS_PROXY: 'http://env:8080', NO_PROXY: 'example.org' }), 'http://env:8080');
      assert.equal(proxyFor('http://127.0.0.1:8765/api/v2', 'http://setting:3128', {}), undefined);
    });
  });
});
