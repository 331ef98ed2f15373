// GET side of the service (test/fixtures/protocol/xrt-products.md §13): per-product and whole-job
// archives, single files referenced by URLs in the JSON replies, and a minimal product page at the job
// URL. Unfinished → 404.
import type { SandboxResponse } from '../types';
import type { VariantSet } from '../variants';
import {
  ARCHIVE_CONTENT_TYPE,
  ARCHIVE_FAULTS,
  ARCHIVE_FORMATS,
  archiveStream,
  faultyArchive,
  isArchiveFault,
  type ArchiveFormat,
  type ArchiveSpec,
} from './archive';
import { PRODUCT_CODES, STATUS_TEXT, isProductCode, type ProductCode } from './constants';
import { stateOf, type Job, type JobStore } from './jobs';
import { productFiles, type FileEntry } from './productFiles';
import { htmlReply, notFound } from './replies';

export interface DownloadState {
  readonly store: JobStore;
  nowMs(): number;
  jobUrl(id: number): string;
  /** Filler bytes for archives of jobs without their own setting. */
  paddingBytes(): number;
  /** Wire variants; `archiveFault` replaces tar and tar.gz archives by a faulty one (see README.md). */
  readonly variants?: VariantSet;
}

const ARCHIVE_FAULT_VARIANT = 'archiveFault';

const JOB_PATH = /^\/tprods\/USERPROD_(\d+)(?:\/(.*))?$/;
const ARCHIVE_NAME = /^(lc|spec|psf|enh|xastrom|image|sourceDet|all)\.(tar\.gz|tar|zip)$/;

const CONTENT_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/\.qdp$|\.txt$|\.dat$|\.log$|\.xcm$|\.areas$|\.fit$|\/(INSXPS|NOCORR|NOSPEC)$/, 'text/plain; charset=utf-8'],
  [/\.gif$/, 'image/gif'],
  [/\.ps$/, 'application/postscript'],
  [/\.(tar\.gz|img\.gz)$/, 'application/x-gzip'],
  [/\.(pi|arf|rmf)$/, 'application/fits'],
];

/** Products whose files exist: finished (4) or finished without a result (-3), and not expired. */
function available(state: DownloadState, job: Job, product: ProductCode): { ok: boolean; succeeded: boolean } {
  if (!job.hasProd || !job.spec.products.includes(product)) return { ok: false, succeeded: false };
  const code = stateOf(job, product, state.nowMs()).code;
  return { ok: code === 4 || code === -3, succeeded: code === 4 };
}

export async function handleDownload(state: DownloadState, method: string, path: string): Promise<SandboxResponse | undefined> {
  const m = JOB_PATH.exec(path);
  if (!m) return undefined;
  const job = state.store.get(Number(m[1]));
  if (!job) return notFound(path);
  const rest = m[2] ?? '';
  if (method !== 'GET' && method !== 'HEAD')
    return htmlReply(405, `The requested method ${method} is not allowed for ${path}.`, { allow: 'GET, HEAD' });
  const head = method === 'HEAD';
  if (rest === '' || rest === 'index.php') return productPage(state, job, head);

  const archive = ARCHIVE_NAME.exec(rest);
  if (archive) return archiveReply(state, job, archive[1], archive[2] as ArchiveFormat, path, head);

  const slash = rest.indexOf('/');
  const product = slash > 0 ? rest.slice(0, slash) : '';
  if (!isProductCode(product)) return notFound(path);
  const { ok, succeeded } = available(state, job, product);
  if (!ok) return notFound(path);
  const file = (await productFiles(job, product, state.jobUrl(job.id), succeeded)).find((f) => f.path === rest);
  if (!file) return notFound(path);
  const type = CONTENT_TYPES.find(([re]) => re.test(file.path))?.[1] ?? 'application/octet-stream';
  return { status: 200, headers: { 'content-type': type, 'content-length': String(file.data.length) }, body: head ? undefined : file.data };
}

async function archiveReply(
  state: DownloadState,
  job: Job,
  stem: string,
  format: ArchiveFormat,
  path: string,
  head: boolean,
): Promise<SandboxResponse> {
  if (!ARCHIVE_FORMATS.includes(format)) return notFound(path);
  const wanted = stem === 'all' ? PRODUCT_CODES.filter((p) => job.spec.products.includes(p)) : [stem as ProductCode];
  const ready = wanted.map((p) => ({ product: p, ...available(state, job, p) })).filter((p) => p.ok);
  // A single product must be finished; `all` holds whichever products are finished (404 if none).
  if (ready.length === 0 || (stem !== 'all' && ready.length !== 1)) return notFound(path);
  const headers = { 'content-type': ARCHIVE_CONTENT_TYPE[format], 'content-disposition': `attachment; filename="${stem}.${format}"` };
  if (head) return { status: 200, headers };
  const files: FileEntry[] = [];
  for (const p of ready) files.push(...(await productFiles(job, p.product, state.jobUrl(job.id), p.succeeded)));
  const padding = job.paddingBytes ?? state.paddingBytes();
  const spec: ArchiveSpec = {
    format,
    root: `USERPROD_${job.id}`,
    files,
    mtime: new Date(job.submittedMs + job.durationMs),
    padding: padding > 0 ? { path: `${ready[0].product}/sandbox_padding.bin`, bytes: padding } : undefined,
  };
  const fault = state.variants?.get(ARCHIVE_FAULT_VARIANT);
  if (fault !== undefined && fault !== false && format !== 'zip') {
    if (!isArchiveFault(fault))
      return htmlReply(500, `Sandbox: unknown ${ARCHIVE_FAULT_VARIANT} "${String(fault)}" (one of ${ARCHIVE_FAULTS.join(', ')}).`);
    const body = await faultyArchive(spec, fault);
    return { status: 200, headers: { ...headers, 'content-length': String(body.length) }, body };
  }
  return { status: 200, headers, body: archiveStream(spec) };
}

function productPage(state: DownloadState, job: Job, head: boolean): SandboxResponse {
  const now = state.nowMs();
  const rows = job.spec.products
    .map((p) => {
      const code = stateOf(job, p, now).code;
      const links = available(state, job, p).ok ? ARCHIVE_FORMATS.map((f) => `<a href="${p}.${f}">${f}</a>`).join(' ') : '';
      return `<tr><td>${p}</td><td>${STATUS_TEXT[String(code)]}</td><td>${links}</td></tr>`;
    })
    .join('\n');
  const html = `<!DOCTYPE html>\n<html><head><title>USERPROD_${job.id}</title></head><body>\n<h1>XRT products for ${escapeHtml(job.spec.name)} (job ${job.id})</h1>\n<table>\n${rows}\n</table>\n<p><a href="all.tar.gz">All finished products</a></p>\n</body></html>\n`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: head ? undefined : html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
