// Answers of misbehaving servers, for the sandbox's faults: bodies that are compressed (or only
// labelled so), a PHP warning printed before the JSON, and a body far too large to buffer.
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { FaultEncoding } from './faults';
import type { SandboxResponse } from './types';

/** The `Content-Encoding` value each sandbox coding is labelled with. */
const LABELS: Readonly<Record<FaultEncoding, string>> = {
  gzip: 'gzip',
  deflate: 'deflate',
  'deflate-raw': 'deflate',
  br: 'br',
  unknown: 'x-unknown',
};

function encoder(encoding: FaultEncoding): zlib.Gzip | zlib.Deflate | zlib.DeflateRaw | zlib.BrotliCompress {
  switch (encoding) {
    case 'deflate':
      return zlib.createDeflate();
    case 'deflate-raw':
      return zlib.createDeflateRaw();
    case 'br':
      return zlib.createBrotliCompress();
    case 'gzip':
    case 'unknown':
      return zlib.createGzip();
  }
}

function encodeSync(encoding: FaultEncoding, body: Buffer): Buffer {
  switch (encoding) {
    case 'deflate':
      return zlib.deflateSync(body);
    case 'deflate-raw':
      return zlib.deflateRawSync(body);
    case 'br':
      return zlib.brotliCompressSync(body);
    case 'gzip':
    case 'unknown':
      return zlib.gzipSync(body);
  }
}

function withHeader(reply: SandboxResponse, name: string, value: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(reply.headers ?? {}))
    if (key.toLowerCase() !== 'content-length' && key.toLowerCase() !== name) headers[key] = v;
  headers[name] = value;
  return headers;
}

/** The reply compressed as a server's on-the-fly compression does (a stream stays a stream). */
export function encodedReply(reply: SandboxResponse, encoding: FaultEncoding): SandboxResponse {
  const headers = withHeader(reply, 'content-encoding', LABELS[encoding]);
  const body = reply.body;
  if (body instanceof Readable) return { ...reply, headers, body: body.pipe(encoder(encoding)) };
  const buffer = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { ...reply, headers, body: encodeSync(encoding, buffer) };
}

/** The reply unchanged, but labelled with a Content-Encoding (a `.tar.gz` that Apache calls "gzip"-encoded). */
export function labelledReply(reply: SandboxResponse, encoding: FaultEncoding): SandboxResponse {
  return { ...reply, headers: withHeader(reply, 'content-encoding', LABELS[encoding]) };
}

/** What PHP prints (display_errors on) when a script warns before it echoes its JSON. */
export const PHP_WARNING =
  '<br />\n<b>Warning</b>:  Undefined array key "RA" in <b>/var/www/html/user_objects/run_userobject.php</b> on line <b>87</b><br />\n';

export function phpWarningReply(reply: SandboxResponse): SandboxResponse {
  const body = reply.body;
  if (body instanceof Readable) return reply;
  const buffer = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { ...reply, body: Buffer.concat([Buffer.from(PHP_WARNING), buffer]) };
}

/**
 * `{"OK":1,"padding":"xxx…"}` of exactly `bytes` bytes (at least 21), produced chunk by chunk as the
 * client reads: the sandbox holds one 64 KiB chunk, whatever the size. `produced` tells a test how
 * much the client let it send before it stopped reading.
 */
export class HugeJsonBody extends Readable {
  produced = 0;
  private static readonly chunk = Buffer.alloc(64 * 1024, 'x');
  private readonly head = Buffer.from('{"OK":1,"padding":"');
  private readonly tail = Buffer.from('"}');
  private fill: number;
  private started = false;

  constructor(bytes: number) {
    super();
    this.fill = Math.max(0, bytes - this.head.length - this.tail.length);
  }

  override _read(): void {
    if (!this.started) {
      this.started = true;
      this.give(this.head);
    } else if (this.fill > 0) {
      const n = Math.min(this.fill, HugeJsonBody.chunk.length);
      this.fill -= n;
      this.give(n === HugeJsonBody.chunk.length ? HugeJsonBody.chunk : HugeJsonBody.chunk.subarray(0, n));
    } else {
      this.give(this.tail);
      this.push(null);
    }
  }

  private give(chunk: Buffer): void {
    this.produced += chunk.length;
    this.push(chunk);
  }
}

export function hugeJsonBody(bytes: number): Readable {
  return new HugeJsonBody(bytes);
}
