// Reading an answer's body as a browser does: decode its Content-Encoding (gzip, deflate, br) and
// stop reading at a size cap, counting while the bytes arrive so that a huge or endless answer costs
// no more memory than the cap. Used by the JSON client (data and error pages) and by downloads.
import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';

/** What the extension can decode, sent as `Accept-Encoding`. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported Content-Encoding "${encoding}"`);
    this.name = 'UnsupportedEncodingError';
  }
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`answer larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** A zlib or brotli failure: the encoded bytes were damaged or cut short. */
export class BodyDecodingError extends Error {
  constructor(
    readonly encoding: string,
    readonly truncated: boolean,
    cause: unknown,
  ) {
    super(`the ${encoding}-encoded answer ${truncated ? 'was cut short' : 'could not be decoded'}`, { cause });
    this.name = 'BodyDecodingError';
  }
}

/**
 * The codings of a Content-Encoding header in the order they were applied (`identity` dropped),
 * lower case. Throws UnsupportedEncodingError for one the extension cannot decode, so that the caller
 * refuses the answer clearly instead of reading compressed bytes as text or as an archive.
 */
export function contentCodings(header: string | undefined): string[] {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  for (const coding of codings) if (decoderFor(coding) === undefined) throw new UnsupportedEncodingError(coding);
  return codings;
}

function decoderFor(coding: string): (() => Transform) | undefined {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return () => zlib.createGunzip();
    case 'deflate':
      return () => new AutoInflate();
    case 'br':
      return () => zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * The decoded body: the codings are undone last-applied first. Errors of the raw stream (a reset, an
 * abort) reach the returned stream; decoder failures become BodyDecodingError.
 */
export function decodedStream(raw: Readable, codings: readonly string[]): Readable {
  if (codings.length === 0) return raw;
  // The first error decides: the transport's (an abort, a reset) or a decoder's (damaged data);
  // pipeline then destroys every other stage with that same error.
  let first: { coding?: string; error: Error } | undefined;
  raw.once('error', (error: Error) => (first ??= { error }));
  const decoders = [...codings].reverse().map((coding) => {
    const decoder = decoderFor(coding)!();
    decoder.once('error', (error: Error) => (first ??= { coding, error }));
    return decoder;
  });
  // `out`, the stream the caller reads, is outside the pipeline so that it fails with the classified
  // reason rather than with whatever error pipeline destroys the stages with.
  const out = new PassThrough();
  const last = decoders[decoders.length - 1]!;
  pipeline([raw, ...decoders], (error) => {
    if (!error) return;
    if (first?.coding !== undefined) {
      const truncated = (first.error as { code?: unknown }).code === 'Z_BUF_ERROR' || /unexpected end/i.test(first.error.message);
      out.destroy(new BodyDecodingError(first.coding, truncated, first.error));
    } else {
      out.destroy(first?.error ?? error);
    }
  });
  last.pipe(out);
  // A reader that stops early (an error page read in part, a size cap) stops the transfer too.
  out.once('close', () => raw.destroy());
  return out;
}

/** `deflate` as browsers read it: zlib-wrapped (RFC 1950, as the standard says) or raw (as some servers send). */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 2) return callback();
      this.start(isZlibHeader(this.head) ? zlib.createInflate() : zlib.createInflateRaw());
      chunk = this.head;
    }
    this.inner!.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      if (this.head.length === 0) return callback();
      this.start(zlib.createInflateRaw());
      this.inner!.write(this.head);
    }
    this.inner!.once('end', () => callback());
    this.inner!.end();
  }

  private start(inner: zlib.Inflate | zlib.InflateRaw): void {
    this.inner = inner;
    inner.on('data', (data: Buffer) => this.push(data));
    inner.once('error', (error) => this.destroy(error));
  }
}

function isZlibHeader(head: Buffer): boolean {
  return (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
}

/**
 * Reads the whole stream, refusing (and destroying the stream) as soon as more than `limitBytes`
 * arrived: memory stays bounded by the cap however large the answer is.
 */
export async function readCapped(stream: Readable, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limitBytes) {
      stream.destroy();
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Up to `limitBytes` of the stream (e.g. an error page to summarise); the rest is dropped unread. */
export async function readHead(stream: Readable, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= limitBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limitBytes);
}

/** Drops a body that will not be read (a redirect's), so its connection is released. */
export function discard(stream: Readable | undefined): void {
  if (stream && !stream.destroyed) stream.destroy();
}

/** "8 MB": a byte cap as a person reads it in a message (decimal, as download managers show sizes). */
export function megabytesText(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}
