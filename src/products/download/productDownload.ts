// Download of one job's product archive into `<root>/<JobID>-<name>/` (or a folder the caller names: a
// campaign source's, src/products/campaign/campaignPaths.ts), unpacked safely. Nothing that
// looks finished appears until everything worked: the archive is fetched and unpacked inside a hidden
// staging folder next to the target, and only then moved in (replacing the same product folders from
// an earlier download, keeping the others). Any failure removes the staging folder.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { downloadToFile, type DownloadProgress } from '../../http/download';
import { productArchiveUrl, type ArchiveStem } from './archiveUrl';
import { ServiceError, isServiceError } from '../../http/errors';
import { extractArchive, isArchiveExtractError } from './extractLazily';
import type { ExtractLimits, RefusedEntry } from './safeExtract';

/** Where the products go: a job folder made inside the download root, or a folder the caller chose. */
type DownloadTarget =
  /** The folder that holds every job's folder (the `downloadFolder` setting, resolved). */
  | { readonly downloadRoot: string; readonly folder?: undefined }
  /** The folder that receives `USERPROD_<id>/…` itself; its parent must be writable (staging goes there). */
  | { readonly folder: string; readonly downloadRoot?: undefined };

export type ProductDownloadRequest = DownloadRequestBase & DownloadTarget;

interface DownloadRequestBase {
  readonly jobId: string;
  readonly jobName: string;
  /** The job's page on the service (the submit reply's URL), base of the archive URLs. */
  readonly jobUrl: string;
  /** `all` or one product's code. */
  readonly stem: ArchiveStem;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Tests lower these; the defaults are far above any real product. */
  readonly extractLimits?: Partial<ExtractLimits>;
}

export interface ProductDownloadResult {
  /** `<root>/<JobID>-<name>` or the folder asked for: the job's folder, holding `USERPROD_<id>/…`. */
  readonly folder: string;
  readonly archiveBytes: number;
  /** Files now in the job folder from this download, relative to it, `/`-separated. */
  readonly written: readonly string[];
  /** Entries the extraction refused (links, traversal, oversize…); the rest was kept. */
  readonly refused: readonly RefusedEntry[];
}

/** The archive could not be used; nothing from it was kept. */
export class ProductArchiveError extends Error {
  constructor(
    message: string,
    readonly refused: readonly RefusedEntry[] = [],
  ) {
    super(message);
    this.name = 'ProductArchiveError';
  }
}

const MAX_NAME_LENGTH = 60;

/** `<JobID>-<name>` with the name reduced to characters every file system and shell accept. */
function jobFolderName(jobId: string, jobName: string): string {
  const id = jobId.replace(/[^A-Za-z0-9_-]/g, '_');
  const name = jobName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.+-]+/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[._]+$/, '');
  return name ? `${id}-${name}` : id;
}

/**
 * A refusal that means the archive itself (or a spectrum archive inside it) is incomplete, corrupt or
 * in a format that is not read. Such an archive is not kept even in part: the user would not know
 * which products are whole.
 */
function meansDamaged(entry: RefusedEntry): boolean {
  return entry.damaged === true;
}

export async function downloadProducts(request: ProductDownloadRequest): Promise<ProductDownloadResult> {
  const url = productArchiveUrl(request.jobUrl, request.stem, 'tar.gz');
  const folder =
    request.folder !== undefined
      ? path.resolve(request.folder)
      : path.join(request.downloadRoot, jobFolderName(request.jobId, request.jobName));
  // Beside the target, on the same file system, so that the final move is a rename.
  const staging = path.join(path.dirname(folder), `.${path.basename(folder)}.${request.stem}.${randomBytes(4).toString('hex')}.partial`);
  await mkdir(staging, { recursive: true });
  try {
    const archive = path.join(staging, `${request.stem}.tar.gz`);
    const downloaded = await downloadToFile({
      url,
      destFile: archive,
      timeoutMs: request.timeoutMs,
      userAgent: request.userAgent,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    const unpacked = path.join(staging, 'files');
    let result;
    try {
      result = await extractArchive(archive, unpacked, request.extractLimits);
    } catch (error) {
      // Not an archive that can be read at all (another format, an error page): its message says which.
      if (isArchiveExtractError(error)) throw new ProductArchiveError(`${error.message} Nothing was kept.`);
      throw error;
    }
    if (result.aborted)
      throw new ProductArchiveError(`${request.stem}.tar.gz could not be unpacked safely: ${result.aborted}.`, result.refused);
    const damage = result.refused.filter(meansDamaged);
    if (damage.length > 0) {
      const more = damage.length > 1 ? ` and ${damage.length - 1} more problem(s)` : '';
      const first = `${damage[0]!.path}: ${damage[0]!.reason}${more}`;
      const message = `${request.stem}.tar.gz is damaged, incomplete or holds an archive that cannot be read (${first}); nothing from it was kept. Download it again.`;
      throw new ProductArchiveError(message, result.refused);
    }
    if (result.written.length === 0)
      throw new ProductArchiveError(`${request.stem}.tar.gz holds no file that could be unpacked.`, result.refused);
    if (request.signal?.aborted) throw cancelled(request, url);
    await mkdir(folder, { recursive: true });
    await moveInto(unpacked, folder);
    return { folder, archiveBytes: downloaded.bytes, written: result.written, refused: result.refused };
  } catch (error) {
    // Once the user has cancelled, whatever broke next (a half-written file in the staging folder,
    // an unpacking step cut short) is the cancellation, not an error to show with internal paths.
    if (request.signal?.aborted) throw isServiceError(error) && error.kind === 'cancelled' ? error : cancelled(request, url, error);
    throw error;
  } finally {
    // The archive is not kept: its files are in the folder now, and a product archive can be large.
    await rm(staging, { recursive: true, force: true });
  }
}

function cancelled(request: ProductDownloadRequest, url: string, cause?: unknown): ServiceError {
  return new ServiceError({
    kind: 'cancelled',
    service: 'XRT product generator',
    endpoint: url,
    message: `Download cancelled: ${request.stem}.tar.gz of XRT job ${request.jobId} was not kept.`,
    cause,
  });
}

/**
 * Moves the content of `source` into `target`: folders are merged down to the product level, where a
 * product folder from the new archive replaces the old one (a product downloaded again is replaced
 * whole, never mixed with files of an earlier run).
 */
async function moveInto(source: string, target: string, depth = 0): Promise<void> {
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    const existing = await lstat(to).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    // Depth 0 is `USERPROD_<id>/`, merged; below it are the product folders, replaced.
    if (existing?.isDirectory() && !existing.isSymbolicLink() && entry.isDirectory() && depth === 0) {
      await moveInto(from, to, depth + 1);
      continue;
    }
    if (existing) await rm(to, { recursive: true, force: true });
    await rename(from, to);
  }
}
