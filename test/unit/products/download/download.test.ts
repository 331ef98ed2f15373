// Streamed product downloads against the sandbox over real HTTP (and two tiny misbehaving servers):
// the file appears only when complete, progress is reported, and an interrupted, cancelled,
// stalled or refused download leaves nothing that looks finished.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ServiceError } from '../../../../src/http/errors';
import { downloadToFile, type DownloadProgress } from '../../../../src/http/download';
import { productArchiveUrl } from '../../../../src/products/download/archiveUrl';
import { XrtClient } from '../../../../src/xrt/client';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { ASTRO } from '../../../sandbox/xrt/harness';
import { ALL_PRODUCTS_REQUEST, PRODUCT_DURATION_MS } from '../../../support/sandboxJob';

const USER_AGENT = 'swift-observatory-tests';

async function rejectsWith(promise: Promise<unknown>, kind: ServiceError['kind'], message?: RegExp): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ServiceError, `expected ServiceError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected a ${kind} ServiceError`);
}

/** A loopback server answering every request with `handler`; closed by the returned function. */
async function tinyServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/USERPROD_1/lc.tar.gz`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('products: archive URLs', () => {
  it('builds {URL}/{stem}.{format} and refuses unknown stems, formats and job URLs', () => {
    assert.equal(
      productArchiveUrl('https://www.swift.ac.uk/user_objects/tprods/USERPROD_803/', 'all', 'tar.gz'),
      'https://www.swift.ac.uk/user_objects/tprods/USERPROD_803/all.tar.gz',
    );
    assert.equal(
      productArchiveUrl('http://127.0.0.1:1/tprods/USERPROD_1', 'sourceDet', 'zip'),
      'http://127.0.0.1:1/tprods/USERPROD_1/sourceDet.zip',
    );
    assert.throws(() => productArchiveUrl('https://x/y', 'lcx' as 'lc'), /Unknown product archive "lcx"/);
    assert.throws(() => productArchiveUrl('https://x/y', 'lc', 'rar' as 'tar'), /Unknown archive format "rar"/);
    assert.throws(() => productArchiveUrl('not a url', 'lc'), /not a valid address/);
    assert.throws(() => productArchiveUrl('file:///etc/passwd', 'lc'), /not an http\(s\) address/);
  });
});

describe('products: streamed download from the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: XrtClient;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: PRODUCT_DURATION_MS });
    client = new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: ASTRO, timeoutMs: 10_000, userAgent: USER_AGENT });
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swift-download-'));
    sandbox.xrt.setArchivePadding?.(0);
    sandbox.faults.clear();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function finishedJob(): Promise<{ url: string; id: string }> {
    const { UserID: _ignored, ...request } = ALL_PRODUCTS_REQUEST;
    const reply = await client.submit(request);
    sandbox.clock.advance(2 * PRODUCT_DURATION_MS);
    return { url: reply.URL, id: String(reply.JobID) };
  }

  it('downloads lc.tar.gz to its final name, removes .part, and reports progress up to the full size', async () => {
    const job = await finishedJob();
    const dest = join(dir, 'nested', 'lc.tar.gz');
    const reports: DownloadProgress[] = [];
    const result = await downloadToFile({
      url: productArchiveUrl(job.url, 'lc'),
      destFile: dest,
      timeoutMs: 10_000,
      userAgent: USER_AGENT,
      progressIntervalMs: 0,
      onProgress: (p) => reports.push(p),
    });
    assert.equal(result.file, dest);
    assert.equal(result.bytes, statSync(dest).size);
    assert.ok(!existsSync(`${dest}.part`));
    assert.deepEqual(readdirSync(join(dir, 'nested')), ['lc.tar.gz']);
    // A real gzip whose tar holds the light curve.
    const tarText = gunzipSync(readFileSync(dest)).toString('latin1');
    assert.ok(tarText.includes(`USERPROD_${job.id}/lc/curve.qdp`));
    assert.ok(reports.length >= 1);
    assert.equal(reports.at(-1)!.receivedBytes, result.bytes);
    for (let i = 1; i < reports.length; i++)
      assert.ok(reports[i]!.receivedBytes >= reports[i - 1]!.receivedBytes, 'progress never goes back');
    assert.ok(reports.every((p) => p.bytesPerSecond >= 0 && Number.isFinite(p.bytesPerSecond)));
    const logged = sandbox.requests.list().filter((r) => r.path.endsWith('/lc.tar.gz'));
    assert.equal(logged.length, 1, 'one GET, no retries');
  });

  it('throttles progress reports on a large padded archive and streams it to disk', async () => {
    const job = await finishedJob();
    sandbox.xrt.setArchivePadding?.(24 * 1024 * 1024);
    const dest = join(dir, 'lc.tar');
    let calls = 0;
    const result = await downloadToFile({
      url: productArchiveUrl(job.url, 'lc', 'tar'),
      destFile: dest,
      timeoutMs: 10_000,
      userAgent: USER_AGENT,
      progressIntervalMs: 200,
      onProgress: () => calls++,
    });
    assert.ok(result.bytes > 24 * 1024 * 1024);
    assert.ok(calls >= 1 && calls < 200, `throttled: ${calls} calls`);
  });

  it('a download cancelled mid-way leaves neither the file nor the .part', async () => {
    const job = await finishedJob();
    sandbox.xrt.setArchivePadding?.(64 * 1024 * 1024);
    const dest = join(dir, 'lc.tar.gz');
    const controller = new AbortController();
    let seen = 0;
    const download = downloadToFile({
      url: productArchiveUrl(job.url, 'lc'),
      destFile: dest,
      timeoutMs: 10_000,
      userAgent: USER_AGENT,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        seen = p.receivedBytes;
        if (p.receivedBytes > 1024 * 1024) controller.abort();
      },
    });
    await rejectsWith(download, 'cancelled', /cancelled/);
    assert.ok(seen > 1024 * 1024, 'bytes had arrived before the cancel');
    assert.deepEqual(readdirSync(dir), []);
  });

  it('a connection reset leaves nothing behind and says so', async () => {
    const job = await finishedJob();
    const url = productArchiveUrl(job.url, 'lc');
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'reset' });
    await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT }),
      'network',
      /lc\.tar\.gz/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it('a product that is not finished is a clear not-found error with the page summarised', async () => {
    const { UserID: _ignored, ...request } = ALL_PRODUCTS_REQUEST;
    const reply = await client.submit(request);
    const error = await rejectsWith(
      downloadToFile({
        url: productArchiveUrl(reply.URL, 'spec'),
        destFile: join(dir, 'spec.tar.gz'),
        timeoutMs: 10_000,
        userAgent: USER_AGENT,
      }),
      'not-found',
    );
    assert.equal(error.status, 404);
    assert.match(error.message, /spec\.tar\.gz is not available \(HTTP 404\) \(“404 Not Found”\): the product may not be finished yet/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('a server error page becomes a server error', async () => {
    const job = await finishedJob();
    const url = productArchiveUrl(job.url, 'psf');
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'html-error', status: 503 });
    await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'psf.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT }),
      'server',
      /HTTP 503\) \(“503 Service Unavailable”\)/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('products: downloads from hostile servers (sandbox faults)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: XrtClient;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: PRODUCT_DURATION_MS });
    client = new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: ASTRO, timeoutMs: 10_000, userAgent: USER_AGENT });
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swift-download-'));
    sandbox.xrt.setArchivePadding?.(0);
    sandbox.faults.clear();
    sandbox.foreign.clear();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function archiveUrl(format: 'tar.gz' | 'tar' = 'tar.gz'): Promise<string> {
    const { UserID: _ignored, ...request } = ALL_PRODUCTS_REQUEST;
    const reply = await client.submit(request);
    sandbox.clock.advance(2 * PRODUCT_DURATION_MS);
    return productArchiveUrl(reply.URL, 'lc', format);
  }

  /** The archive as the sandbox serves it without a fault. */
  async function plain(url: string, name: string): Promise<Buffer> {
    await downloadToFile({ url, destFile: join(dir, `plain-${name}`), timeoutMs: 10_000, userAgent: USER_AGENT });
    return readFileSync(join(dir, `plain-${name}`));
  }

  it('refuses a redirect to another origin, naming it; the other origin receives nothing', async () => {
    const url = await archiveUrl();
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'redirect-foreign', status: 302 });
    const error = await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT }),
      'redirected',
    );
    assert.ok(
      error.message.includes(`the download of lc.tar.gz with a redirect (HTTP 302) to ${sandbox.foreign.origin}/user_objects/`),
      error.message,
    );
    assert.deepEqual(sandbox.foreign.requests(), []);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('follows a redirect within the origin', async () => {
    const url = await archiveUrl();
    const expected = await plain(url, 'lc.tar.gz');
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'redirect-same-origin', status: 301 });
    await downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT });
    assert.deepEqual(readFileSync(join(dir, 'lc.tar.gz')), expected);
  });

  it('a .tar.gz compressed again on the fly (gzip Content-Encoding) is saved as the .tar.gz, decoded once', async () => {
    const url = await archiveUrl();
    const expected = await plain(url, 'lc.tar.gz');
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'encoded', encoding: 'gzip' });
    await downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT });
    assert.deepEqual(readFileSync(join(dir, 'lc.tar.gz')), expected);
  });

  it('a .tar.gz merely labelled Content-Encoding: gzip is kept as served, not decoded into a plain tar', async () => {
    const url = await archiveUrl();
    const expected = await plain(url, 'lc.tar.gz');
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'encoding-label', encoding: 'gzip' });
    await downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT });
    assert.deepEqual(readFileSync(join(dir, 'lc.tar.gz')), expected);
  });

  for (const encoding of ['gzip', 'br', 'deflate'] as const) {
    it(`a plain .tar sent ${encoding}-encoded is saved decoded`, async () => {
      const url = await archiveUrl('tar');
      const expected = await plain(url, 'lc.tar');
      sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'encoded', encoding });
      const result = await downloadToFile({ url, destFile: join(dir, 'lc.tar'), timeoutMs: 10_000, userAgent: USER_AGENT });
      assert.deepEqual(readFileSync(join(dir, 'lc.tar')), expected);
      assert.equal(result.bytes, expected.length);
    });
  }

  it('refuses an encoding it cannot decode and saves nothing', async () => {
    const url = await archiveUrl();
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'encoded', encoding: 'unknown' });
    const error = await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT }),
      'unsupported-encoding',
    );
    assert.match(error.message, /Content-Encoding “x-unknown”\); nothing was saved/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('reads a gzip-encoded error page as text, not as binary', async () => {
    const url = await archiveUrl();
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'html-error', status: 503, encoding: 'gzip' });
    await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 10_000, userAgent: USER_AGENT }),
      'server',
      /HTTP 503\) \(“503 Service Unavailable”\)/,
    );
  });

  it('stops a trickling download with the stall detector, although the socket is never idle', async () => {
    const url = await archiveUrl();
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'trickle', delayMs: 10, durationMs: 120_000 });
    const error = await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 300, userAgent: USER_AGENT }),
      'timeout',
    );
    assert.match(error.message, /stalled: only \d+ bytes arrived in 0\.3 s/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses a file above the size cap while it streams', async () => {
    const url = await archiveUrl('tar');
    sandbox.xrt.setArchivePadding?.(8 * 1024 * 1024);
    const error = await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar'), timeoutMs: 10_000, userAgent: USER_AGENT, maxBytes: 2_000_000 }),
      'too-large',
    );
    assert.match(error.message, /lc\.tar is larger than 2 MB, refused; nothing was saved/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('the headers must arrive within the time limit', async () => {
    const url = await archiveUrl();
    sandbox.faults.add({ prefix: new URL(url).pathname, kind: 'timeout' });
    await rejectsWith(
      downloadToFile({ url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 300, userAgent: USER_AGENT }),
      'timeout',
      /did not start sending lc\.tar\.gz within 0\.3 s/,
    );
  });
});

describe('products: downloads from misbehaving servers', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'swift-download-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a body cut short of its Content-Length is an interruption, not a finished file', async () => {
    const server = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': '100000' });
      res.write(Buffer.alloc(40_000, 1), () => res.destroy());
    });
    try {
      await rejectsWith(
        downloadToFile({ url: server.url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 5_000, userAgent: USER_AGENT }),
        'network',
        /interrupted|stopped after/,
      );
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      await server.close();
    }
  });

  it('a transfer that stalls is stopped after the idle time limit', async () => {
    const server = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      res.write(Buffer.alloc(1000, 2));
      // …and nothing more.
    });
    try {
      await rejectsWith(
        downloadToFile({ url: server.url, destFile: join(dir, 'lc.tar.gz'), timeoutMs: 300, userAgent: USER_AGENT }),
        'timeout',
        /stalled: only 1000 bytes arrived in 0\.3 s \(after 1000 bytes\)/,
      );
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      await server.close();
    }
  });

  it('sends the user agent', async () => {
    let agent: string | undefined;
    const server = await tinyServer((req, res) => {
      agent = req.headers['user-agent'];
      res.writeHead(200, { 'content-length': '3' });
      res.end('abc');
    });
    try {
      await downloadToFile({ url: server.url, destFile: join(dir, 'x.bin'), timeoutMs: 5_000, userAgent: USER_AGENT });
      assert.equal(agent, USER_AGENT);
      assert.equal(readFileSync(join(dir, 'x.bin'), 'utf8'), 'abc');
    } finally {
      await server.close();
    }
  });
});
