// Streams one file (a product archive of several hundred MB for long campaigns, a data file a TOO
// listing links to) to disk: the bytes go to `<destFile>.part` and the file gets its real name only
// once complete, so an interrupted or cancelled download never leaves something that looks finished.
// Nothing is held in memory beyond the stream's own buffers. Redirects are followed only within the
// URL's own origin (src/http/redirects.ts); Content-Encoding is handled as a browser does (bodyToSave).
import type { AxiosResponse } from 'axios';
import { axiosLibrary, transportErrorCode } from './axiosLoader';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform, pipeline as pipelineCallback, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import {
  ACCEPTED_ENCODINGS,
  BodyDecodingError,
  BodyTooLargeError,
  UnsupportedEncodingError,
  contentCodings,
  decodedStream,
  megabytesText,
  readHead,
} from './body';
import { secondsText } from './deadline';
import { describeError, ServiceError, type ServiceName } from './errors';
import { discardPartFile } from './partFile';
import { requestWithinOrigin } from './redirects';
import { looksLikeMarkup, summariseHtmlPage, truncate } from './text';

export interface DownloadProgress {
  readonly receivedBytes: number;
  /** From Content-Length; absent when the server streams without announcing a size. */
  readonly totalBytes?: number;
  /** Recent transfer rate (smoothed). */
  readonly bytesPerSecond: number;
}

interface DownloadOptions {
  readonly url: string;
  readonly destFile: string;
  /**
   * Longest wait for the answer's headers (connecting included: a total limit), and afterwards the
   * length of the stall detector's window (see STALL_BYTES).
   */
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Least time between two progress calls (the final one is always made). Default 250 ms. */
  readonly progressIntervalMs?: number;
  readonly service?: ServiceName;
  /** Fewest bytes that must arrive in every `timeoutMs` window once the body flows; default STALL_BYTES. */
  readonly stallBytes?: number;
  /** Largest file accepted (after any Content-Encoding is decoded); default MAX_DOWNLOAD_BYTES. */
  readonly maxBytes?: number;
}

interface DownloadResult {
  readonly file: string;
  readonly bytes: number;
  readonly contentType?: string;
}

const ERROR_BODY_LIMIT = 64 * 1024;
/**
 * Why downloads have no total deadline, unlike JSON calls: a long campaign's `all.tar.gz` is several
 * hundred MB and may legitimately take many minutes on a slow link, so any fixed total would cut real
 * downloads. Instead the headers must arrive within the time limit, and then the body must keep
 * flowing: at least this many bytes in every window of the time limit (16 KiB per 60 s by default,
 * about 270 B/s). An idle timer alone would not do: a server sending one byte every few seconds is
 * never idle, and would hold the download (and its progress notification) forever.
 */
const STALL_BYTES = 16 * 1024;
/** As the extraction's budget for a whole archive (src/products/download/safeExtract.ts): a larger file cannot be unpacked anyway. */
const MAX_DOWNLOAD_BYTES = 4 * 1024 ** 3;

/** Counts bytes, reports throttled progress and refuses a file above the cap. */
class ProgressMeter extends Transform {
  received = 0;
  private lastReportAt: number;
  private lastReportBytes = 0;
  private rate = 0;
  private readonly startedAt: number;

  constructor(
    private readonly total: number | undefined,
    private readonly intervalMs: number,
    private readonly report: ((progress: DownloadProgress) => void) | undefined,
    private readonly maxBytes: number,
  ) {
    super();
    this.startedAt = Date.now();
    this.lastReportAt = this.startedAt;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.maxBytes) return callback(new BodyTooLargeError(this.maxBytes));
    const now = Date.now();
    if (this.report && now - this.lastReportAt >= this.intervalMs) {
      const instant = ((this.received - this.lastReportBytes) * 1000) / Math.max(1, now - this.lastReportAt);
      // Smoothed so the shown rate does not jump with every TCP burst.
      this.rate = this.rate === 0 ? instant : 0.7 * this.rate + 0.3 * instant;
      this.lastReportAt = now;
      this.lastReportBytes = this.received;
      this.emitProgress(this.rate);
    }
    callback(null, chunk);
  }

  finalReport(): void {
    const elapsed = Math.max(1, Date.now() - this.startedAt);
    this.emitProgress((this.received * 1000) / elapsed);
  }

  private emitProgress(bytesPerSecond: number): void {
    if (!this.report) return;
    const progress: DownloadProgress =
      this.total === undefined
        ? { receivedBytes: this.received, bytesPerSecond }
        : { receivedBytes: this.received, totalBytes: this.total, bytesPerSecond };
    this.report(progress);
  }
}

/** `raw` into `counter`, with a failure of `raw` (a reset, an abort) reaching the counter's reader, as `pipe` would not. */
function throughCounter(raw: Readable, counter: WireCounter): WireCounter {
  // The callback has nothing to add: pipeline destroys `counter` with the error, and its reader reports it.
  pipelineCallback(raw, counter, () => undefined);
  return counter;
}

/** Counts the bytes as they come off the wire (before any decoding), for Content-Length and the stall detector. */
class WireCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

type StopReason = 'headers-deadline' | 'stalled';

/**
 * Downloads `url` to `destFile` (replacing it when complete; the folder is created). Throws
 * ServiceError: `not-found` and the other HTTP kinds for non-2xx answers (with the HTML page
 * summarised), `redirected` for a redirect away from the URL's origin, `cancelled`, `timeout` when
 * the headers do not arrive within `timeoutMs` or the body stalls (see STALL_BYTES), `too-large`,
 * `unsupported-encoding`, `network` for a connection lost mid-way or a body shorter than announced.
 * A local write failure (disk full, no permission) is a plain Error naming the file. In every failure
 * the `.part` file is removed.
 */
export async function downloadToFile(options: DownloadOptions): Promise<DownloadResult> {
  const service = options.service ?? 'XRT product generator';
  const partFile = `${options.destFile}.part`;
  /** Writes `partFile`; closed before that file is removed after a failure (./partFile.ts). */
  let sink: WriteStream | undefined;
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const controller = new AbortController();
  const abortFromCaller = (): void => controller.abort();
  if (options.signal?.aborted) throw cancelled(service, options.url);
  options.signal?.addEventListener('abort', abortFromCaller, { once: true });
  let stopped: StopReason | undefined;
  const stop = (reason: StopReason): void => {
    stopped ??= reason;
    controller.abort();
  };
  const headersTimer = setTimeout(() => stop('headers-deadline'), options.timeoutMs);
  let stallTimer: NodeJS.Timeout | undefined;
  let stallSeen = { windowBytes: 0 };
  const fail = (error: unknown, wire?: WireCounter): ServiceError =>
    transportError(error, {
      service,
      url: options.url,
      stopped,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBytes,
      received: wire?.bytes,
      windowBytes: stallSeen.windowBytes,
    });

  try {
    let origin: string;
    try {
      origin = new URL(options.url).origin;
    } catch {
      // productArchiveUrl and the callers check URLs first; this is the last line of defence.
      throw new Error(`Not a valid address: ${options.url}`);
    }
    let response: AxiosResponse<Readable>;
    try {
      response = await requestWithinOrigin(
        axiosLibrary(),
        {
          url: options.url,
          method: 'GET',
          headers: { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': ACCEPTED_ENCODINGS },
          signal: controller.signal,
          maxContentLength: -1,
          maxBodyLength: -1,
        },
        { service, allowedOrigin: origin, what: `the download of ${fileNameOf(options.url)}` },
      );
    } catch (error) {
      throw fail(error);
    }
    clearTimeout(headersTimer);

    const wire = new WireCounter();
    let lastWindowBytes = 0;
    stallTimer = setInterval(() => {
      const inWindow = wire.bytes - lastWindowBytes;
      lastWindowBytes = wire.bytes;
      if (inWindow < (options.stallBytes ?? STALL_BYTES)) {
        stallSeen = { windowBytes: inWindow };
        stop('stalled');
      }
    }, options.timeoutMs);

    const raw = response.data;
    if (response.status < 200 || response.status >= 300) {
      let text = '';
      try {
        text = (
          await readHead(
            decodedStream(throughCounter(raw, wire), contentCodings(headerText(response.headers['content-encoding']))),
            ERROR_BODY_LIMIT,
          )
        ).toString('utf8');
      } catch {
        // The page only decorates the status error; an unreadable one (cut, undecodable) leaves the status to speak.
        text = '';
      }
      throw statusError(service, options.url, response.status, text);
    }

    let codings: string[];
    try {
      codings = contentCodings(headerText(response.headers['content-encoding']));
    } catch (error) {
      raw.destroy();
      if (error instanceof UnsupportedEncodingError) {
        throw new ServiceError({
          kind: 'unsupported-encoding',
          service,
          status: response.status,
          endpoint: options.url,
          message: `The ${service} sent ${fileNameOf(options.url)} in an encoding the extension cannot read (Content-Encoding “${truncate(error.encoding, 40)}”); nothing was saved.`,
        });
      }
      throw error;
    }
    const lengthHeader = Number(headerText(response.headers['content-length']));
    const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : undefined;
    if (total !== undefined && codings.length === 0 && total > maxBytes) {
      raw.destroy();
      throw tooLarge(service, options.url, maxBytes);
    }
    const meter = new ProgressMeter(
      codings.length === 0 ? total : undefined,
      options.progressIntervalMs ?? 250,
      options.onProgress,
      maxBytes,
    );
    await mkdir(dirname(partFile), { recursive: true });
    sink = createWriteStream(partFile, { flags: 'w' });
    let writeError: Error | undefined;
    sink.once('error', (error) => (writeError = error));
    try {
      const body = await bodyToSave(throughCounter(raw, wire), codings, options.destFile);
      await pipeline(body, meter, sink, { signal: controller.signal });
    } catch (error) {
      // Read now: the sink failed first only if its error came before the pipeline's rejection; once the
      // pipeline has failed for another reason, it destroys the sink with that error, which then echoes it.
      const sinkFailed = writeError;
      // eslint-disable-next-line preserve-caught-error -- the cause is the sink's write error; the pipeline's rejection only echoes it
      if (sinkFailed) throw new Error(`Could not write ${partFile}: ${sinkFailed.message}`, { cause: sinkFailed });
      throw fail(error, wire);
    }
    if (total !== undefined && wire.bytes !== total) {
      throw new ServiceError({
        kind: 'network',
        service,
        endpoint: options.url,
        message: `The download of ${fileNameOf(options.url)} stopped after ${wire.bytes} of ${total} bytes. Try again.`,
      });
    }
    meter.finalReport();
    await rename(partFile, options.destFile);
    return {
      file: options.destFile,
      bytes: meter.received,
      ...(headerText(response.headers['content-type']) ? { contentType: headerText(response.headers['content-type']) } : {}),
    };
  } catch (error) {
    await discardPartFile(sink, partFile);
    throw error;
  } finally {
    clearTimeout(headersTimer);
    if (stallTimer) clearInterval(stallTimer);
    options.signal?.removeEventListener('abort', abortFromCaller);
  }
}

/**
 * The bytes to save, as a browser saves a download: the Content-Encoding is a property of the
 * transfer, so it is undone once, and the file's own format is kept. One exception, also a browser's
 * (Chromium and Firefox do not decode a gzip-"encoded" `.gz` file): servers such as Apache label a
 * `.tar.gz` they send unchanged as `Content-Encoding: gzip`. Decoding it would save a plain tar under
 * the `.tar.gz` name; so when a gzip-named file arrives gzip-encoded, the first bytes are decoded on
 * trial: if they are gzip again, the server compressed an already compressed file on the fly and the
 * outer layer is removed; otherwise the label described the file itself and the bytes are kept as
 * served. Never more than one layer is removed, so the archive is never double-decoded.
 */
async function bodyToSave(wire: Readable, codings: readonly string[], destFile: string): Promise<Readable> {
  if (codings.length === 0) return wire;
  const gzipLabelled = codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip');
  if (!gzipLabelled || !/\.(t?gz)$/i.test(destFile.replace(/\.part$/, ''))) return decodedStream(wire, codings);
  const { head, rest } = await peek(wire, 2);
  const replay = Readable.from(replayed(head, rest));
  return startsWithGzip(trialGunzip(head)) ? decodedStream(replay, codings) : replay;
}

const GZIP_MAGIC = [0x1f, 0x8b];

function startsWithGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Decodes what it can of a gzip prefix (a partial stream is not an error here). */
function trialGunzip(head: Buffer): Buffer {
  try {
    return zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch {
    // Not decodable as gzip at all: the label is wrong, keep the bytes as they are.
    return Buffer.alloc(0);
  }
}

/**
 * Reads chunks until the gzip decoding of what arrived yields `decodedBytes` bytes, or 64 KiB came
 * without that, or the stream ended; the rest of the stream is left unread.
 */
async function peek(stream: Readable, decodedBytes: number): Promise<{ head: Buffer; rest: AsyncIterator<unknown> }> {
  const rest = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < 64 * 1024) {
    const next = await rest.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    chunks.push(chunk);
    size += chunk.length;
    if (trialGunzip(Buffer.concat(chunks)).length >= decodedBytes) break;
  }
  return { head: Buffer.concat(chunks), rest };
}

async function* replayed(head: Buffer, rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    }
  } finally {
    // Stops the source when the reader stops early (an error, a cancel).
    await rest.return?.();
  }
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    // Only used in messages: an unparsable URL is shown as it is.
    return url;
  }
}

function statusError(service: ServiceName, url: string, status: number, body: string): ServiceError {
  const page =
    body.trim() === ''
      ? ''
      : looksLikeMarkup(body)
        ? ` (“${summariseHtmlPage(body)}”)`
        : ` (“${truncate(body.replace(/\s+/g, ' ').trim(), 120)}”)`;
  const name = fileNameOf(url);
  const common = { service, status, endpoint: url };
  if (status === 404 || status === 410) {
    return new ServiceError({
      ...common,
      kind: 'not-found',
      message: `${name} is not available (HTTP ${status})${page}: the product may not be finished yet, or it has expired from the server.`,
    });
  }
  if (status === 401)
    return new ServiceError({
      ...common,
      kind: 'unauthorized',
      message: `The ${service} refused the download of ${name} (HTTP 401)${page}.`,
    });
  if (status === 403)
    return new ServiceError({
      ...common,
      kind: 'forbidden',
      message: `The ${service} does not allow the download of ${name} (HTTP 403)${page}.`,
    });
  if (status === 429)
    return new ServiceError({
      ...common,
      kind: 'rate-limited',
      message: `The ${service} asks to slow down (HTTP 429) while downloading ${name}${page}.`,
    });
  if (status >= 500)
    return new ServiceError({
      ...common,
      kind: 'server',
      message: `The ${service} failed to send ${name} (HTTP ${status})${page}. Try again later.`,
    });
  return new ServiceError({ ...common, kind: 'http', message: `The ${service} answered HTTP ${status} for ${name}${page}.` });
}

function cancelled(service: ServiceName, url: string, cause?: unknown): ServiceError {
  return new ServiceError({
    kind: 'cancelled',
    service,
    endpoint: url,
    message: `The download of ${fileNameOf(url)} was cancelled.`,
    cause,
  });
}

interface FailureContext {
  readonly service: ServiceName;
  readonly url: string;
  readonly stopped: StopReason | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly maxBytes: number;
  /** Bytes off the wire so far; undefined before the body started. */
  readonly received?: number;
  /** Bytes in the stall detector's last window. */
  readonly windowBytes: number;
}

function tooLarge(service: ServiceName, url: string, maxBytes: number): ServiceError {
  return new ServiceError({
    kind: 'too-large',
    service,
    endpoint: url,
    message: `${fileNameOf(url)} is larger than ${megabytesText(maxBytes)}, refused; nothing was saved.`,
  });
}

function transportError(error: unknown, context: FailureContext): ServiceError {
  const { service, url, stopped, timeoutMs, signal, received } = context;
  if (error instanceof ServiceError) return error;
  if (error instanceof BodyTooLargeError) return tooLarge(service, url, context.maxBytes);
  const name = fileNameOf(url);
  if (error instanceof BodyDecodingError) {
    return new ServiceError({
      kind: 'network',
      service,
      endpoint: url,
      cause: error,
      message: `The download of ${name} arrived ${error.encoding}-encoded and ${error.truncated ? 'cut short' : 'damaged'}; nothing was saved. Try again.`,
    });
  }
  if (stopped === 'headers-deadline') {
    return new ServiceError({
      kind: 'timeout',
      service,
      endpoint: url,
      cause: error,
      message: `The ${service} did not start sending ${name} within ${secondsText(timeoutMs)}.`,
    });
  }
  if (stopped === 'stalled') {
    const what =
      context.windowBytes === 0
        ? `nothing arrived for ${secondsText(timeoutMs)}`
        : `only ${context.windowBytes} bytes arrived in ${secondsText(timeoutMs)}`;
    return new ServiceError({
      kind: 'timeout',
      service,
      endpoint: url,
      cause: error,
      message: `The download of ${name} stalled: ${what}${received ? ` (after ${received} bytes)` : ''}.`,
    });
  }
  if (signal?.aborted) return cancelled(service, url, error);
  const code = transportErrorCode(error);
  const detail = describeError(error);
  if (received !== undefined) {
    return new ServiceError({
      kind: 'network',
      service,
      endpoint: url,
      cause: error,
      message: `The download of ${name} was interrupted after ${received} bytes (${code ?? detail}). Try again.`,
    });
  }
  if (code === 'ECONNREFUSED')
    return new ServiceError({
      kind: 'network',
      service,
      endpoint: url,
      cause: error,
      message: `Could not connect to download ${name}: the connection was refused.`,
    });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ServiceError({
      kind: 'network',
      service,
      endpoint: url,
      cause: error,
      message: `Could not download ${name}: the host name could not be resolved.`,
    });
  return new ServiceError({
    kind: 'network',
    service,
    endpoint: url,
    cause: error,
    message: `Could not download ${name}: ${detail || 'the connection failed'}.`,
  });
}
