// Streams one product file (an archive of several hundred MB for long campaigns) to disk: the bytes
// go to `<destFile>.part` and the file gets its real name only once complete, so an interrupted or
// cancelled download never leaves something that looks finished. Nothing is held in memory beyond
// the stream's own buffers.
import axios, { type AxiosResponse } from 'axios';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ServiceError, type ServiceName } from '../http/errors';
import { looksLikeMarkup, summariseHtmlPage, truncate } from '../http/text';
import { PRODUCT_CODES, type ProductCode } from '../xrt/products';

export const ARCHIVE_STEMS = [...PRODUCT_CODES, 'all'] as const;
export type ArchiveStem = ProductCode | 'all';
export const ARCHIVE_FORMATS = ['tar.gz', 'tar', 'zip'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** `{URL}/{stem}.{format}` (xrt-products.md §13.1); `jobUrl` is the submit reply's `URL`. */
export function productArchiveUrl(jobUrl: string, stem: ArchiveStem, format: ArchiveFormat = 'tar.gz'): string {
  if (!(ARCHIVE_STEMS as readonly string[]).includes(stem)) throw new Error(`Unknown product archive "${stem}" (expected one of ${ARCHIVE_STEMS.join(', ')}).`);
  if (!(ARCHIVE_FORMATS as readonly string[]).includes(format)) throw new Error(`Unknown archive format "${format}" (expected one of ${ARCHIVE_FORMATS.join(', ')}).`);
  let url: URL;
  try {
    url = new URL(jobUrl);
  } catch {
    // The job URL comes from the service or a stored record; say which value is wrong.
    throw new Error(`The job URL "${jobUrl}" is not a valid address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`The job URL "${jobUrl}" is not an http(s) address.`);
  return `${jobUrl.replace(/\/+$/, '')}/${stem}.${format}`;
}

export interface DownloadProgress {
  readonly receivedBytes: number;
  /** From Content-Length; absent when the server streams without announcing a size. */
  readonly totalBytes?: number;
  /** Recent transfer rate (smoothed). */
  readonly bytesPerSecond: number;
}

export interface DownloadOptions {
  readonly url: string;
  readonly destFile: string;
  /** Longest wait for the connection and, afterwards, for the next bytes (an idle limit, not a total one). */
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Least time between two progress calls (the final one is always made). Default 250 ms. */
  readonly progressIntervalMs?: number;
  readonly service?: ServiceName;
}

export interface DownloadResult {
  readonly file: string;
  readonly bytes: number;
  readonly contentType?: string;
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** Counts bytes, reports throttled progress and notices a stalled transfer. */
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
    private readonly onBytes: () => void,
  ) {
    super();
    this.startedAt = Date.now();
    this.lastReportAt = this.startedAt;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    this.onBytes();
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
    const progress: DownloadProgress = this.total === undefined ? { receivedBytes: this.received, bytesPerSecond } : { receivedBytes: this.received, totalBytes: this.total, bytesPerSecond };
    this.report(progress);
  }
}

/**
 * Downloads `url` to `destFile` (replacing it when complete; the folder is created). Throws
 * ServiceError: `not-found` and the other HTTP kinds for non-2xx answers (with the HTML page
 * summarised), `cancelled`, `timeout` when nothing arrives for `timeoutMs`, `network` for a
 * connection lost mid-way or a body shorter than announced. A local write failure (disk full, no
 * permission) is a plain Error naming the file. In every failure the `.part` file is removed.
 */
export async function downloadToFile(options: DownloadOptions): Promise<DownloadResult> {
  const service = options.service ?? 'XRT product generator';
  const partFile = `${options.destFile}.part`;
  const controller = new AbortController();
  const abortFromCaller = (): void => controller.abort();
  if (options.signal?.aborted) throw cancelled(service, options.url);
  options.signal?.addEventListener('abort', abortFromCaller, { once: true });
  let stalled = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdleTimer = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, options.timeoutMs);
  };

  try {
    armIdleTimer();
    let response: AxiosResponse<Readable>;
    try {
      response = await axios.request<Readable>({
        url: options.url,
        method: 'GET',
        responseType: 'stream',
        headers: { 'user-agent': options.userAgent, accept: '*/*' },
        signal: controller.signal,
        validateStatus: () => true,
        maxRedirects: 5,
        // Keep the bytes as served: a `.tar.gz` must stay gzipped on disk whatever Content-Encoding says.
        decompress: false,
        maxContentLength: -1,
        maxBodyLength: -1,
      });
    } catch (error) {
      throw transportError(error, service, options.url, stalled, options.timeoutMs, options.signal);
    }

    const body = response.data;
    if (response.status < 200 || response.status >= 300) {
      const text = await readSome(body, ERROR_BODY_LIMIT);
      throw statusError(service, options.url, response.status, text);
    }

    const lengthHeader = Number(headerText(response.headers['content-length']));
    const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : undefined;
    const meter = new ProgressMeter(total, options.progressIntervalMs ?? 250, options.onProgress, armIdleTimer);
    await mkdir(dirname(partFile), { recursive: true });
    const sink = createWriteStream(partFile, { flags: 'w' });
    let writeError: Error | undefined;
    sink.once('error', (error) => (writeError = error));
    try {
      await pipeline(body, meter, sink, { signal: controller.signal });
    } catch (error) {
      if (writeError) throw new Error(`Could not write ${partFile}: ${writeError.message}`, { cause: writeError });
      throw transportError(error, service, options.url, stalled, options.timeoutMs, options.signal, meter.received);
    }
    if (total !== undefined && meter.received !== total) {
      throw new ServiceError({ kind: 'network', service, endpoint: options.url, message: `The download of ${fileNameOf(options.url)} stopped after ${meter.received} of ${total} bytes. Try again.` });
    }
    meter.finalReport();
    await rename(partFile, options.destFile);
    return { file: options.destFile, bytes: meter.received, ...(headerText(response.headers['content-type']) ? { contentType: headerText(response.headers['content-type']) } : {}) };
  } catch (error) {
    await rm(partFile, { force: true });
    throw error;
  } finally {
    if (idleTimer) clearTimeout(idleTimer);
    options.signal?.removeEventListener('abort', abortFromCaller);
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

/** Up to `limit` bytes of an error page, then the rest of the stream is dropped. */
async function readSome(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= limit) break;
    }
  } catch {
    // The page only decorates the status error; a broken error page still yields that error.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function statusError(service: ServiceName, url: string, status: number, body: string): ServiceError {
  const page = body.trim() === '' ? '' : looksLikeMarkup(body) ? ` (“${summariseHtmlPage(body)}”)` : ` (“${truncate(body.replace(/\s+/g, ' ').trim(), 120)}”)`;
  const name = fileNameOf(url);
  const common = { service, status, endpoint: url };
  if (status === 404 || status === 410) {
    return new ServiceError({ ...common, kind: 'not-found', message: `${name} is not available (HTTP ${status})${page}: the product may not be finished yet, or it has expired from the server.` });
  }
  if (status === 401) return new ServiceError({ ...common, kind: 'unauthorized', message: `The ${service} refused the download of ${name} (HTTP 401)${page}.` });
  if (status === 403) return new ServiceError({ ...common, kind: 'forbidden', message: `The ${service} does not allow the download of ${name} (HTTP 403)${page}.` });
  if (status === 429) return new ServiceError({ ...common, kind: 'rate-limited', message: `The ${service} asks to slow down (HTTP 429) while downloading ${name}${page}.` });
  if (status >= 500) return new ServiceError({ ...common, kind: 'server', message: `The ${service} failed to send ${name} (HTTP ${status})${page}. Try again later.` });
  return new ServiceError({ ...common, kind: 'http', message: `The ${service} answered HTTP ${status} for ${name}${page}.` });
}

function cancelled(service: ServiceName, url: string, cause?: unknown): ServiceError {
  return new ServiceError({ kind: 'cancelled', service, endpoint: url, message: `The download of ${fileNameOf(url)} was cancelled.`, cause });
}

function transportError(error: unknown, service: ServiceName, url: string, stalled: boolean, timeoutMs: number, signal: AbortSignal | undefined, received?: number): ServiceError {
  if (error instanceof ServiceError) return error;
  if (signal?.aborted) return cancelled(service, url, error);
  const name = fileNameOf(url);
  if (stalled) {
    return new ServiceError({ kind: 'timeout', service, endpoint: url, cause: error, message: `The download of ${name} stalled: nothing arrived for ${(timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0)} s${received ? ` (after ${received} bytes)` : ''}.` });
  }
  const code = axios.isAxiosError(error) ? error.code : (error as { code?: unknown } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (received !== undefined) {
    return new ServiceError({ kind: 'network', service, endpoint: url, cause: error, message: `The download of ${name} was interrupted after ${received} bytes (${typeof code === 'string' ? code : detail}). Try again.` });
  }
  if (code === 'ECONNREFUSED') return new ServiceError({ kind: 'network', service, endpoint: url, cause: error, message: `Could not connect to download ${name}: the connection was refused.` });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ServiceError({ kind: 'network', service, endpoint: url, cause: error, message: `Could not download ${name}: the host name could not be resolved.` });
  return new ServiceError({ kind: 'network', service, endpoint: url, cause: error, message: `Could not download ${name}: ${detail || 'the connection failed'}.` });
}
