// A second loopback listener on another port — another origin — that the `redirect-foreign` fault
// points at. It records every request it receives (method, path, cookies, credentials, body), so a
// test can prove that nothing — no API key, no session cookie, no POST body — ever reached it. It
// answers as a hostile site would, with a success-looking JSON and a `session` cookie of its own, so
// that a client which did follow the redirect would not notice from the answer.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForeignRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly cookie?: string;
  readonly authorization?: string;
  readonly contentType?: string;
  /** The first 64 KiB of the body, as text. */
  readonly body: string;
  readonly time: string;
}

export interface ForeignListener {
  readonly origin: string;
  requests(): readonly ForeignRequest[];
  clear(): void;
  stop(): Promise<void>;
}

const BODY_KEPT = 64 * 1024;

export async function startForeignListener(host: string): Promise<ForeignListener> {
  let received: ForeignRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < BODY_KEPT) chunks.push(chunk);
      size += chunk.length;
    });
    // A client that gives up mid-body only ends its own request: nothing is recorded and nothing is answered.
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://foreign.invalid');
      received.push({
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.search,
        ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        body: Buffer.concat(chunks).subarray(0, BODY_KEPT).toString('utf8'),
        time: new Date().toISOString(),
      });
      // Bounded like the main request log.
      if (received.length > 10_000) received = received.slice(-10_000);
      const body = JSON.stringify({ OK: 1, JobID: 666, URL: 'http://foreign.invalid/x', status: 'Accepted', too_id: 666, foreign: true });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'set-cookie': 'session=foreign-session; Path=/; HttpOnly',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    requests: () => received,
    clear: () => {
      received = [];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
