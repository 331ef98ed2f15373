// Test harness for the XRT service: calls it directly (no HTTP) on a frozen simulated clock.
import type { Readable } from 'node:stream';
import { SimClock } from '../clock';
import type { SandboxContext, SandboxResponse } from '../types';
import { VariantSet } from '../variants';
import { createXrtService, type XrtService, type XrtServiceOptions } from './service';

export const BASE_URL = 'http://127.0.0.1:8765/user_objects';
export const ASTRO = 'astro@example.org';
export const OTHER = 'other@example.org';

export interface Harness {
  readonly clock: SimClock;
  readonly service: XrtService;
  /** POSTs `body` as JSON to `path` and returns the parsed JSON reply (asserting HTTP 200 JSON). */
  post(path: string, body: unknown, contentType?: string): Promise<Record<string, unknown>>;
  /** Any request; the body of a streamed reply is collected. */
  request(
    method: string,
    path: string,
    body?: string | Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }>;
}

export function createHarness(options: XrtServiceOptions & { variants?: VariantSet } = {}): Harness {
  const clock = new SimClock(0, new Date('2026-05-01T12:00:00Z'));
  const ctx: SandboxContext = {
    clock,
    variants: options.variants ?? new VariantSet(),
    origin: () => 'http://127.0.0.1:8765',
    xrtBaseUrl: () => BASE_URL,
    tooBaseUrl: () => 'http://127.0.0.1:8765/api/v2',
  };
  const service = createXrtService(ctx, options);
  const request: Harness['request'] = async (method, path, body, contentType = 'application/json') => {
    const reply = await service.handle({
      method,
      path,
      query: new URLSearchParams(),
      headers: { 'content-type': contentType },
      body: body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body),
      cookies: {},
    });
    if (!reply) return { status: 404, headers: {}, body: Buffer.from('(no route)') };
    return { status: reply.status, headers: { ...(reply.headers ?? {}) }, body: await collect(reply) };
  };
  return {
    clock,
    service,
    request,
    async post(path, body, contentType = 'application/json') {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const reply = await service.handle({
        method: 'POST',
        path,
        query: new URLSearchParams(),
        headers: { 'content-type': contentType },
        body: Buffer.from(raw),
        cookies: {},
      });
      if (!reply) throw new Error(`no route for POST ${path}`);
      if (reply.status !== 200) throw new Error(`POST ${path} answered HTTP ${reply.status}`);
      return JSON.parse((await collect(reply)).toString('utf8')) as Record<string, unknown>;
    },
  };
}

export async function collect(reply: SandboxResponse): Promise<Buffer> {
  const body = reply.body;
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
