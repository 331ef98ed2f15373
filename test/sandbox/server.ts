// The sandbox's HTTP core: one loopback origin serving the XRT product generator under
// `/user_objects` (and the UKSSDC site API `/API/main.php` with its rebinned files under `/xrt_curves`),
// the TOO API v2 under `/api/v2`, and the control API under `/__sandbox`.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { SimClock } from './clock';
import { handleControl, type ControlTarget } from './control';
import { FaultRegistry, REASON_PHRASES, htmlErrorPage, type ActiveFault } from './faults';
import { startForeignListener, type ForeignListener } from './foreignListener';
import { encodedReply, hugeJsonBody, labelledReply, phpWarningReply } from './hostileReplies';
import { RequestLog } from './requestLog';
import { VariantSet, parseVariantList, type VariantValue } from './variants';
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from './types';
import { createXrtService } from './xrt/service';
import { createTooService } from './too/service';

export const XRT_PREFIX = '/user_objects';
export const TOO_PREFIX = '/api/v2';
export const CONTROL_PREFIX = '/__sandbox';
/** Served by the XRT service's `siteApi` with the full path: the UKSSDC site API and the rebinned light curves. */
export const SITE_PREFIXES = ['/API', '/xrt_curves'] as const;
export const DEFAULT_PORT = 8765;

/** Extra controls the services offer; optional so a stand-in service in a test need not have them. */
export interface XrtControls extends SandboxService {
  setArchivePadding?(bytes: number): void;
  jobs?(): unknown;
  /** Answers the site paths (SITE_PREFIXES) given in full. */
  readonly siteApi?: SandboxService;
  rebins?(): unknown;
}
export interface TooControls extends SandboxService {
  expireSessions?(): void;
  setUploadEnabled?(on: boolean): void;
  submittedToos?(): unknown;
}

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Only loopback addresses are accepted. */
  host?: string;
  /** Simulated ms per real ms (0 = frozen; tests move time with `clock.advance`). Default 1. */
  speed?: number;
  /** Simulated ms one XRT product takes from submission to completion. Default 60 s. */
  productDurationMs?: number;
  /** Wire variants on from the start (and after every reset); default: SWIFT_SANDBOX_VARIANTS. */
  variants?: Readonly<Record<string, VariantValue>>;
  /** Stand-ins for the services (core tests). */
  services?: {
    xrt?: (ctx: SandboxContext) => XrtControls;
    too?: (ctx: SandboxContext) => TooControls;
  };
}

export interface Sandbox {
  readonly origin: string;
  readonly xrtBaseUrl: string;
  readonly tooBaseUrl: string;
  readonly port: number;
  readonly clock: SimClock;
  readonly faults: FaultRegistry;
  readonly requests: RequestLog;
  readonly variants: VariantSet;
  readonly xrt: XrtControls;
  readonly too: TooControls;
  /** Another origin (a second loopback port) that `redirect-foreign` faults point at; it logs what it received. */
  readonly foreign: Pick<ForeignListener, 'origin' | 'requests' | 'clear'>;
  /** Forget jobs, sessions, TOOs, faults and the request log. */
  reset(): void;
  stop(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`The sandbox listens on loopback only, not on ${host}`);

  const clock = new SimClock(options.speed ?? 1);
  const faults = new FaultRegistry();
  const requests = new RequestLog();
  const variants = new VariantSet(options.variants ?? parseVariantList(process.env.SWIFT_SANDBOX_VARIANTS));
  let origin = '';
  const ctx: SandboxContext = {
    clock,
    variants,
    origin: () => origin,
    xrtBaseUrl: () => `${origin}${XRT_PREFIX}`,
    tooBaseUrl: () => `${origin}${TOO_PREFIX}`,
  };
  const xrt: XrtControls = (options.services?.xrt ?? ((c) => createXrtService(c, { productDurationMs: options.productDurationMs })))(ctx);
  const too: TooControls = (options.services?.too ?? ((c) => createTooService(c)))(ctx);

  const foreign = await startForeignListener(host);
  const reset = (): void => {
    foreign.clear();
    xrt.reset();
    too.reset();
    faults.clear();
    requests.clear();
    variants.reset();
  };
  const control: ControlTarget = { clock, faults, requests, variants, xrt, too, foreign, reset };

  // Requests held open by a `timeout` or `trickle` fault; destroyed on stop so the process can exit.
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (req.destroyed && (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET') {
        // The client went away before its request was complete: its business, not a sandbox failure.
        console.error(`[sandbox] ${req.method} ${req.url}: the client closed the connection before its request was complete`);
        return;
      }
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`[sandbox] ${req.method} ${req.url} failed: ${message}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
        res.end(htmlErrorPage(500, 'Internal Server Error', 'The sandbox failed to handle this request.'));
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);

    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      const reply = await handleControl(control, method, url.pathname.slice(CONTROL_PREFIX.length) || '/', url.searchParams, body);
      return send(res, reply);
    }

    const arrived = { time: new Date().toISOString(), simTime: clock.now().toISOString() };
    const logAs = (status: number, fault?: ActiveFault): void =>
      requests.add({ method, path: url.pathname, query: url.search, status, ...arrived, ...(fault ? { fault: fault.kind } : {}) });

    const fault = faults.take(url.pathname, body.toString('utf8'));
    if (fault) {
      switch (fault.kind) {
        case 'html-error': {
          const status = fault.status ?? 500;
          logAs(status, fault);
          const page = htmlError(status, fault.message);
          return send(res, fault.encoding ? encodedReply(page, fault.encoding) : page);
        }
        case 'timeout':
          logAs(0, fault);
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'reset':
          logAs(0, fault);
          req.socket.destroy();
          return;
        case 'rate-limit': {
          logAs(429, fault);
          const retry = String(fault.retryAfterSeconds ?? 30);
          return send(res, {
            ...htmlError(429, fault.message ?? 'Too many requests; slow down.'),
            headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': retry },
          });
        }
        case 'malformed-json':
          logAs(200, fault);
          return send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"OK": 1, "JobID": <b>oops</b>,' });
        case 'ok0':
          logAs(200, fault);
          return send(res, json(200, { OK: 0, ERROR: fault.message ?? 'The server could not process your request.', APIVersion: '1.12' }));
        case 'redirect-foreign':
        case 'redirect-same-origin': {
          const status = fault.status ?? 307;
          const target = `${fault.kind === 'redirect-foreign' ? foreign.origin : origin}${url.pathname}${url.search}`;
          logAs(status, fault);
          return send(res, {
            status,
            headers: { 'content-type': 'text/html; charset=iso-8859-1', location: target },
            body: htmlErrorPage(status, 'Moved', `The document has moved <a href="${target}">here</a>.`),
          });
        }
        case 'huge-body': {
          logAs(200, fault);
          const contentType = url.pathname.startsWith(XRT_PREFIX) ? 'text/html; charset=UTF-8' : 'application/json';
          return send(res, { status: 200, headers: { 'content-type': contentType }, body: hugeJsonBody(fault.bytes ?? 600_000_000) });
        }
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 5000));
          break;
        case 'session-expiry':
          too.expireSessions?.();
          break;
        case 'truncated-json':
        case 'trickle':
        case 'encoded':
        case 'encoding-label':
        case 'php-warning':
          break;
      }
    }

    let reply = await route(method, url, req, body);
    if (fault?.kind === 'encoded') reply = encodedReply(reply, fault.encoding ?? 'gzip');
    if (fault?.kind === 'encoding-label') reply = labelledReply(reply, fault.encoding ?? 'gzip');
    if (fault?.kind === 'php-warning') reply = phpWarningReply(reply);
    if (fault?.kind === 'trickle') {
      logAs(reply.status, fault);
      return trickle(res, reply, fault.delayMs ?? 1000, fault.durationMs ?? 120_000);
    }
    if (fault?.kind === 'truncated-json' && reply.body !== undefined && !(reply.body instanceof Readable)) {
      const full = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body);
      logAs(reply.status, fault);
      return send(res, { ...reply, body: full.subarray(0, Math.max(1, Math.floor(full.length / 2))) });
    }
    logAs(reply.status, fault);
    return send(res, reply);
  }

  /**
   * The reply's status and headers at once, then one space every `intervalMs` (valid JSON may start
   * with white space) until `durationMs` has passed, then the reply's body: a server that keeps the
   * connection busy without ever going idle. Bounded, so the sandbox always ends it by itself.
   */
  function trickle(res: http.ServerResponse, reply: SandboxResponse, intervalMs: number, durationMs: number): void {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(reply.headers ?? {})) if (name.toLowerCase() !== 'content-length') headers[name] = value;
    res.writeHead(reply.status, headers);
    hanging.add(res);
    const started = Date.now();
    const timer = setInterval(
      () => {
        if (Date.now() - started < durationMs) {
          res.write(' ');
          return;
        }
        clearInterval(timer);
        hanging.delete(res);
        const body = reply.body;
        if (body instanceof Readable) body.pipe(res);
        else res.end(body ?? '');
      },
      Math.max(1, intervalMs),
    );
    res.on('close', () => {
      clearInterval(timer);
      hanging.delete(res);
      if (reply.body instanceof Readable) reply.body.destroy();
    });
  }

  async function route(method: string, url: URL, req: http.IncomingMessage, body: Buffer): Promise<SandboxResponse> {
    const service = servicePrefix(url.pathname);
    if (!service) return htmlError(404, `The requested URL ${url.pathname} was not found on this server.`);
    const path = url.pathname.slice(service.prefix.length) || '/';
    const request: SandboxRequest = {
      method,
      path,
      query: url.searchParams,
      headers: lowerCaseHeaders(req.headers),
      body,
      cookies: parseCookies(req.headers.cookie),
    };
    const reply = await service.service.handle(request);
    if (reply) return reply;
    return service.prefix !== TOO_PREFIX
      ? htmlError(404, `The requested URL ${url.pathname} was not found on this server.`)
      : json(404, { detail: 'Not Found' });
  }

  function servicePrefix(pathname: string): { prefix: string; service: SandboxService } | undefined {
    if (pathname === XRT_PREFIX || pathname.startsWith(`${XRT_PREFIX}/`)) return { prefix: XRT_PREFIX, service: xrt };
    if (pathname === TOO_PREFIX || pathname.startsWith(`${TOO_PREFIX}/`)) return { prefix: TOO_PREFIX, service: too };
    if (xrt.siteApi && SITE_PREFIXES.some((p) => pathname.startsWith(`${p}/`))) return { prefix: '', service: xrt.siteApi };
    return undefined;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    origin,
    xrtBaseUrl: ctx.xrtBaseUrl(),
    tooBaseUrl: ctx.tooBaseUrl(),
    port,
    clock,
    faults,
    requests,
    variants,
    xrt,
    too,
    foreign: { origin: foreign.origin, requests: () => foreign.requests(), clear: () => foreign.clear() },
    reset,
    stop: async () => {
      for (const res of hanging) res.destroy();
      await Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        foreign.stop(),
      ]);
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Request bodies of both APIs are small; refuse anything absurd instead of buffering it.
      if (size > 8 * 1024 * 1024) {
        reject(new Error('request body larger than 8 MiB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, reply: SandboxResponse): void {
  const headers: Record<string, string | string[]> = { ...(reply.headers ?? {}) };
  const body = reply.body;
  if (body instanceof Readable) {
    res.writeHead(reply.status, headers);
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
    return;
  }
  const buffer = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  headers['content-length'] = String(buffer.length);
  res.writeHead(reply.status, headers);
  res.end(buffer);
}

export function json(status: number, value: unknown, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function htmlError(status: number, detail?: string): SandboxResponse {
  const reason = REASON_PHRASES[status] ?? 'Error';
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: htmlErrorPage(status, reason, detail ?? `The server answered ${status} ${reason}.`),
  };
}

function lowerCaseHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}
