// What kind of file a downloaded archive is, decided from its first bytes (never from its name or the
// server's Content-Type, which say what the file should be, not what it is). The XRT product
// generator serves tar.gz (the xrt_prods documentation: `downloadProducts` fetches `.tar.gz` by
// default, `.tar` and `.zip` on request); everything else is refused with a message that names the
// format, before any decompressor sees the bytes.

export type ArchiveFormat = 'gzip' | 'tar' | 'zstd' | 'bzip2' | 'xz' | 'zip' | '7z' | 'html' | 'empty' | 'unknown';

/** How many leading bytes detectArchiveFormat needs to see (a whole tar header). */
export const FORMAT_SNIFF_BYTES = 512;

const startsWith = (head: Uint8Array, magic: readonly number[]): boolean => magic.every((byte, i) => head[i] === byte);

export function detectArchiveFormat(head: Uint8Array): ArchiveFormat {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  // A zstd frame, or a skippable frame (0x184D2A50–5F, little-endian) that zstd tools put in front of one.
  const skippableFrame = head.length >= 4 && (head[0]! & 0xf0) === 0x50 && startsWith(head.subarray(1), [0x2a, 0x4d, 0x18]);
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd]) || skippableFrame) return 'zstd';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x50, 0x4b]) && [0x03, 0x05, 0x07].includes(head[2] ?? 0)) return 'zip';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (looksLikeTar(head)) return 'tar';
  if (/^\s*</.test(Buffer.from(head.subarray(0, 64)).toString('latin1'))) return 'html';
  return 'unknown';
}

/**
 * A ustar/GNU header (magic `ustar` at offset 257), an old-style header whose checksum adds up, or the
 * zero block that starts an empty archive.
 */
function looksLikeTar(head: Uint8Array): boolean {
  // Also when the file ends inside its first header: the reader then reports it as truncated.
  if (head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return true;
  if (head.length < FORMAT_SNIFF_BYTES) return false;
  const block = head.subarray(0, FORMAT_SNIFF_BYTES);
  if (block.every((b) => b === 0)) return true;
  const stored = Number.parseInt(
    Buffer.from(block.subarray(148, 156))
      .toString('latin1')
      .replace(/[\0 ]+$/g, '')
      .trim(),
    8,
  );
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  // The checksum is computed with its own field read as eight spaces.
  for (let i = 0; i < FORMAT_SNIFF_BYTES; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

/** Why an archive of this format is not unpacked, phrased for the user; undefined when it is read. */
export function unsupportedFormatReason(format: ArchiveFormat): string | undefined {
  switch (format) {
    case 'gzip':
    case 'tar':
      return undefined;
    case 'zstd':
    case 'bzip2':
    case 'xz':
    case '7z':
      return (
        `is ${format === '7z' ? 'a 7-Zip archive' : `${format}-compressed`}; the extension unpacks tar and tar.gz archives only ` +
        '(the XRT product generator serves tar.gz)'
      );
    case 'zip':
      return 'is a zip archive; the extension unpacks tar and tar.gz archives only. Download the tar.gz form';
    case 'html':
      return 'is not an archive: it looks like a web page (an error page saved in its place?)';
    case 'empty':
      return 'is empty';
    case 'unknown':
      return 'is not a tar or tar.gz archive (its first bytes match no archive format)';
  }
}
