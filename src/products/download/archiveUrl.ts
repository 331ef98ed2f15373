// Where a job's product archives are: `{URL}/{stem}.{format}` (the XRT product generator API docs
// on downloading products); the streamed download itself is src/http/download.ts.
import { PRODUCT_CODES, type ProductCode } from '../../xrt/productCodes';

const ARCHIVE_STEMS = [...PRODUCT_CODES, 'all'] as const;
export type ArchiveStem = ProductCode | 'all';
const ARCHIVE_FORMATS = ['tar.gz', 'tar', 'zip'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** `{URL}/{stem}.{format}` (test/fixtures/protocol/xrt-products.md §13.1); `jobUrl` is the submit reply's `URL`. */
export function productArchiveUrl(jobUrl: string, stem: ArchiveStem, format: ArchiveFormat = 'tar.gz'): string {
  if (!(ARCHIVE_STEMS as readonly string[]).includes(stem))
    throw new Error(`Unknown product archive "${stem}" (expected one of ${ARCHIVE_STEMS.join(', ')}).`);
  if (!(ARCHIVE_FORMATS as readonly string[]).includes(format))
    throw new Error(`Unknown archive format "${format}" (expected one of ${ARCHIVE_FORMATS.join(', ')}).`);
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
