// Unpacks a downloaded product archive as if it were hostile: nothing may be written outside the
// target folder, no link, device or FIFO is created, and decompression bombs are stopped by
// counting the bytes as they are written. Every entry that is not extracted is reported.
//
// node-tar reads the tar (pax/GNU long names, checksums); gzip is undone here, with a decompression-
// ratio guard, so the tar's own length is known. This module decides what reaches the disk and writes
// it itself, so no decision is left to node-tar's own extraction rules.
//
// Decisions:
// - Links (symbolic and hard) are never extracted, whatever they point to: XRT products do not need
//   them, and refusing them all removes every "write through a link" attack.
// - Exceeding the total size or the entry count aborts the whole extraction and removes everything
//   it wrote (a half-unpacked bomb is of no use); a single file over the per-file cap is refused and
//   the rest continues.
// - The format is decided from the first bytes (src/products/download/archiveFormat.ts): only tar and tar.gz
//   are read; zstd, bzip2, xz, zip and anything else get a clear error before any decompressor runs
//   (node-tar would hand a zstd archive to a decompressor that Node 20 lacks, and throw outside any
//   handler).
// - A damaged archive (bad gzip data) also aborts and cleans up; a truncated tar keeps the complete
//   files and refuses the cut one. A tar that ends inside a header (node-tar drops the partial block
//   silently) is reported as truncated; one that ends after a whole entry without the end-of-archive
//   blocks is accepted, as tar readers do. Refusals that mean the archive itself is incomplete are
//   marked `damaged`.
// - A name given twice replaces the earlier file, as tar does; if the later copy cannot be written
//   whole, the name is not reported as written (the earlier copy was already overwritten).
// - Per-interval spectrum tarballs `spec/<rname>.tar.gz` are unpacked into `spec/<rname>/` with the
//   same budget and the same refusals; their entries are reported as `spec/<rname>.tar.gz!/<entry>`
//   and may not leave that folder. A tarball whose <rname> is not a plain folder name (`.`, `..`) is
//   left packed. Tarballs inside those are left packed.
import { constants, createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { lstat, mkdir, open, realpath, rm, rmdir } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { FORMAT_SNIFF_BYTES, detectArchiveFormat, unsupportedFormatReason } from './archiveFormat';
import { checkEntryPath } from './archivePaths';
import { describeError } from '../../http/errors';

export interface ExtractLimits {
  /** Most bytes written in all (nested archives included). Exceeding it aborts the extraction. */
  readonly maxTotalBytes: number;
  /** Largest single file; a larger one is refused. */
  readonly maxFileBytes: number;
  /** Most entries of any kind (nested included). Exceeding it aborts the extraction. */
  readonly maxEntries: number;
  /** Largest ratio of inflated to compressed bytes node-tar accepts before aborting. */
  readonly maxDecompressionRatio: number;
}

/** Far above any real XRT product (a long campaign's `all.tar.gz` is a few hundred MB). */
const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxTotalBytes: 4 * 1024 ** 3,
  maxFileBytes: 2 * 1024 ** 3,
  maxEntries: 20_000,
  maxDecompressionRatio: 1000,
};

export interface RefusedEntry {
  /** The entry's name as in the archive (nested: `spec/interval0.tar.gz!/<name>`). */
  readonly path: string;
  readonly reason: string;
  /** The refusal shows that the archive itself is incomplete or corrupt, not only that one entry is unwanted. */
  readonly damaged?: boolean;
}

export interface ExtractResult {
  /** Files written, relative to the target folder, with `/` separators. */
  readonly written: string[];
  readonly refused: RefusedEntry[];
  /** Nested tarballs that were unpacked (relative paths). */
  readonly unpackedNested: string[];
  /** Bytes written. */
  readonly totalBytes: number;
  /** Why extraction stopped early; everything written was then removed again. */
  readonly aborted?: string;
}

export class ArchiveExtractError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveExtractError';
  }
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const NESTED_SPECTRUM_TARBALL = /(^|\/)spec\/([^/]+)\.tar\.gz$/i;
// Windows has no O_NOFOLLOW; there the lstat check before opening is the guard.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** State shared by the archive and its nested tarballs: one budget, one report. */
class Extraction {
  readonly written: string[] = [];
  readonly writtenSet = new Set<string>();
  readonly refused: RefusedEntry[] = [];
  readonly unpackedNested: string[] = [];
  readonly createdDirs: string[] = [];
  readonly knownDirs = new Set<string>();
  bytes = 0;
  entries = 0;
  aborted?: string;
  /** A file being written when an abort happens; removed afterwards. */
  partial?: string;

  constructor(
    readonly root: string,
    readonly limits: ExtractLimits,
  ) {}

  refuse(path: string, reason: string, damaged = false): void {
    this.refused.push(damaged ? { path, reason, damaged } : { path, reason });
  }

  /** A written file that is gone again (a later copy of the same name could not be written whole). */
  forget(relative: string): boolean {
    if (!this.writtenSet.delete(relative)) return false;
    this.written.splice(this.written.indexOf(relative), 1);
    return true;
  }
}

/**
 * Extracts `archiveFile` (tar or tar.gz) into `targetDir` (created if needed). Throws
 * ArchiveExtractError only when the file cannot be read as an archive at all (missing, another
 * format such as zstd or zip, a web page); hostile or damaged content is reported in the result.
 */
export async function extractArchive(archiveFile: string, targetDir: string, limits: Partial<ExtractLimits> = {}): Promise<ExtractResult> {
  const format = detectArchiveFormat(await readHead(archiveFile));
  const unsupported = unsupportedFormatReason(format);
  // The file's own name only: the caller's folder (a hidden staging folder) means nothing to the user.
  if (unsupported) throw new ArchiveExtractError(`The archive ${basename(archiveFile)} ${unsupported}.`);
  await mkdir(targetDir, { recursive: true });
  const root = await realpath(targetDir);
  const ex = new Extraction(root, { ...DEFAULT_EXTRACT_LIMITS, ...limits });
  ex.knownDirs.add(root);

  await extractTar(archiveFile, format === 'gzip', [], '', ex);
  if (!ex.aborted) {
    for (const file of [...ex.written]) {
      const nested = NESTED_SPECTRUM_TARBALL.exec(file);
      if (!nested) continue;
      const folderName = nested[2]!;
      // `spec/..tar.gz` or `spec/...tar.gz` would name the folder `.` or `..`: its entries would land
      // beside it or in the product folder above, over other products' files.
      const nameCheck = checkEntryPath(folderName);
      if (!nameCheck.ok || nameCheck.parts.length !== 1 || nameCheck.parts[0] !== folderName) {
        const why = nameCheck.ok ? '' : ` (${nameCheck.reason})`;
        ex.refuse(file, `left packed: "${folderName}" is not a folder name it can be unpacked into${why}`);
        continue;
      }
      const source = join(root, ...file.split('/'));
      let unsupportedNested: string | undefined;
      let nestedGzip = false;
      try {
        const nestedFormat = detectArchiveFormat(await readHead(source));
        nestedGzip = nestedFormat === 'gzip';
        unsupportedNested = unsupportedFormatReason(nestedFormat);
      } catch (error) {
        unsupportedNested = `cannot be read: ${describeError(error)}`;
      }
      if (unsupportedNested) {
        ex.refuse(file, `the spectrum archive ${unsupportedNested}`, true);
        continue;
      }
      await extractTar(source, nestedGzip, [...file.split('/').slice(0, -1), folderName], `${file}!/`, ex);
      if (ex.aborted) break;
      ex.unpackedNested.push(file);
    }
  }
  if (ex.aborted) await undo(ex);
  return {
    written: ex.aborted ? [] : ex.written,
    refused: ex.refused,
    unpackedNested: ex.aborted ? [] : ex.unpackedNested,
    totalBytes: ex.bytes,
    ...(ex.aborted ? { aborted: ex.aborted } : {}),
  };
}

/** The first bytes of a file, enough to tell its format. */
async function readHead(archiveFile: string): Promise<Buffer> {
  try {
    const handle = await open(archiveFile, 'r');
    try {
      const head = Buffer.alloc(FORMAT_SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, FORMAT_SNIFF_BYTES, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ArchiveExtractError(`Cannot read the archive ${archiveFile}: ${describeError(error)}`, { cause: error });
  }
}

/**
 * Extracts one tar (gunzipped here when `gzip`) into `base` (segments below the root); `label`
 * prefixes reported names. The gzip layer is undone here rather than by node-tar so the tar's own
 * length is known: a tar is a sequence of 512-byte blocks, and one that ends inside a block was cut
 * (inside a header, where node-tar would drop the partial block without a word). An archive that
 * simply ends after its last entry, without the end-of-archive blocks, is accepted, as tar readers
 * (and the Python client's tarfile) do.
 */
function extractTar(source: string, gzip: boolean, base: readonly string[], label: string, ex: Extraction): Promise<void> {
  return new Promise<void>((resolve) => {
    const input = createReadStream(source);
    const gunzip = gzip ? createGunzip() : undefined;
    /** The stream that feeds the parser: the file itself, or its gunzipped content. */
    const tarSource: NodeJS.ReadableStream = gunzip ?? input;
    let chain: Promise<void> = Promise.resolve();
    /** Settles the wait for the current entry's data when the parser stops mid-entry. */
    let releaseEntry: (() => void) | undefined;
    let finished = false;
    let compressedBytes = 0;
    let tarBytes = 0;
    const damagedBefore = ex.refused.filter((r) => r.damaged).length;
    const archiveName = label ? label.slice(0, -2) : '(archive)';
    const which = label ? ` ${archiveName}` : '';

    const destroyInputs = (): void => {
      input.destroy();
      gunzip?.destroy();
    };
    const stop = (reason: string): void => {
      if (!ex.aborted) ex.aborted = reason;
      destroyInputs();
      releaseEntry?.();
      // Idempotent: node-tar ignores a second abort.
      parser.abort(new Error(reason));
    };

    const parser = new Parser({
      // Not strict: strict mode turns one bad header checksum into the loss of the whole archive;
      // each recoverable warning is reported against its entry instead (onwarn below).
      strict: false,
      // What reaches the parser is a plain tar (checked below); it must not guess a decompressor
      // (brotli has no magic bytes; zstd needs Node 22).
      brotli: false,
      zstd: false,
      filter: (path, entry) => admit(path, entry as ReadEntry, label, ex, stop),
      onwarn: (code, message, data) => {
        const entryPath =
          (data as { entry?: { path?: unknown }; header?: { path?: unknown } }).entry?.path ??
          (data as { header?: { path?: unknown } }).header?.path;
        // Every node-tar warning is about the archive's structure (checksum, truncation, bad header).
        ex.refuse(typeof entryPath === 'string' ? `${label}${entryPath}` : archiveName, `${message} [${code}]`, true);
      },
    });
    parser.on('entry', (entry: ReadEntry) => {
      chain = chain.then(() =>
        writeEntry(entry, base, label, ex, stop, (release) => {
          releaseEntry = release;
        }),
      );
    });
    const finish = (): void => {
      if (finished) return;
      finished = true;
      void chain.then(
        () => {
          const alreadyDamaged = ex.refused.filter((r) => r.damaged).length > damagedBefore;
          if (!ex.aborted && tarBytes % 512 !== 0 && !alreadyDamaged) {
            const reason =
              `the archive is truncated: it ends inside an entry header (after ${tarBytes} bytes, not a whole number of 512-byte ` +
              'tar blocks), so entries may be missing';
            ex.refuse(archiveName, reason, true);
          }
          resolve();
        },
        (error: unknown) => {
          // A failure of our own writing (disk full, permissions) ends the extraction like an abort.
          if (!ex.aborted) ex.aborted = `could not write the files: ${describeError(error)}`;
          resolve();
        },
      );
    };
    /** Anything the reader throws (rather than emits) ends this archive with a message, never uncaught. */
    const fail = (error: unknown): void => {
      const detail = describeError(error);
      if (!ex.aborted) ex.aborted = `the archive${which} could not be read: ${detail}`;
      destroyInputs();
      releaseEntry?.();
      finish();
    };
    const damaged = (error: Error): void => {
      if (!ex.aborted) ex.aborted = `the archive${which} is damaged or hostile: ${error.message}`;
      destroyInputs();
      releaseEntry?.();
      finish();
    };
    parser.on('error', damaged);
    parser.on('end', finish);
    parser.on('close', finish);

    /** Hands tar bytes to the parser by hand: a pipe would call its write() where a throw escapes every handler. */
    const feed = (chunk: Buffer): void => {
      if (finished) return;
      // A second compression layer inside the first would reach node-tar's own decompressors.
      if (tarBytes === 0 && gzip && chunk[0] === 0x1f && chunk[1] === 0x8b) {
        stop(`the archive${which} is compressed twice (gzip inside gzip), which no product archive is`);
        return;
      }
      tarBytes += chunk.length;
      try {
        if (parser.write(chunk) === false) tarSource.pause();
      } catch (error) {
        fail(error);
      }
    };
    const endTar = (): void => {
      if (finished) return;
      try {
        parser.end();
      } catch (error) {
        fail(error);
      }
    };
    parser.on('drain', () => tarSource.resume());

    if (gunzip) {
      input.on('data', (chunk) => {
        if (finished) return;
        compressedBytes += chunk.length;
        if (!gunzip.write(chunk)) input.pause();
      });
      gunzip.on('drain', () => input.resume());
      input.on('end', () => gunzip.end());
      gunzip.on('data', (chunk: Buffer) => {
        // Cumulative, as node-tar measures it: a bomb shows itself within its first chunks.
        const ratio = (tarBytes + chunk.length) / Math.max(1, compressedBytes);
        if (ratio > ex.limits.maxDecompressionRatio) {
          stop(`the archive${which} exceeds the decompression ratio limit (${ratio.toFixed(0)} > ${ex.limits.maxDecompressionRatio})`);
          return;
        }
        feed(chunk);
      });
      gunzip.on('end', endTar);
      gunzip.on('error', damaged);
    } else {
      input.on('data', (chunk) => feed(chunk as Buffer));
      input.on('end', endTar);
    }
    input.on('error', (error) => {
      if (!ex.aborted) ex.aborted = `could not read the archive: ${error.message}`;
      gunzip?.destroy();
      releaseEntry?.();
      finish();
    });
  });
}

/** node-tar's filter: decides from the header alone, before any data is read. */
function admit(path: string, entry: ReadEntry, label: string, ex: Extraction, stop: (reason: string) => void): boolean {
  if (ex.aborted) return false;
  const shown = `${label}${path}`;
  ex.entries++;
  if (ex.entries > ex.limits.maxEntries) {
    ex.refuse(shown, `more than ${ex.limits.maxEntries} entries in the archive`);
    stop(`the archive has more than ${ex.limits.maxEntries} entries (limit)`);
    return false;
  }
  const type = entry.type;
  if (type === 'SymbolicLink' || type === 'Link') {
    ex.refuse(shown, `${type === 'Link' ? 'hard' : 'symbolic'} link to "${entry.linkpath ?? ''}" (links are never extracted)`);
    return false;
  }
  if (type === 'CharacterDevice' || type === 'BlockDevice') {
    ex.refuse(shown, 'device file');
    return false;
  }
  if (type === 'FIFO') {
    ex.refuse(shown, 'FIFO (named pipe)');
    return false;
  }
  if (type !== 'Directory' && !FILE_TYPES.has(type)) {
    ex.refuse(shown, `unsupported entry type ${type}`);
    return false;
  }
  const check = checkEntryPath(path);
  if (!check.ok) {
    ex.refuse(shown, check.reason);
    return false;
  }
  if (type === 'Directory') return true;
  if (entry.size > ex.limits.maxFileBytes) {
    ex.refuse(shown, `file of ${entry.size} bytes is larger than the ${ex.limits.maxFileBytes}-byte limit per file`);
    return false;
  }
  if (ex.bytes + entry.size > ex.limits.maxTotalBytes) {
    ex.refuse(shown, `would take the archive past its ${ex.limits.maxTotalBytes}-byte limit`);
    stop(`the archive unpacks to more than ${ex.limits.maxTotalBytes} bytes (limit)`);
    return false;
  }
  return true;
}

/** Creates the folders of `parts` below the root, refusing to pass through anything but real folders. */
async function ensureFolders(parts: readonly string[], ex: Extraction): Promise<string | undefined> {
  let current = ex.root;
  for (let i = 0; i < parts.length; i++) {
    current = join(current, parts[i]!);
    if (ex.knownDirs.has(current)) continue;
    let stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stat) {
      try {
        await mkdir(current, { mode: 0o755 });
        ex.createdDirs.push(current);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      stat = await lstat(current);
    }
    if (!stat.isDirectory() || stat.isSymbolicLink()) return `"${parts.slice(0, i + 1).join('/')}" exists and is not a folder`;
    ex.knownDirs.add(current);
  }
  return undefined;
}

function insideRoot(file: string, root: string): boolean {
  return file.startsWith(root + sep);
}

async function writeEntry(
  entry: ReadEntry,
  base: readonly string[],
  label: string,
  ex: Extraction,
  stop: (reason: string) => void,
  onWait: (release: () => void) => void,
): Promise<void> {
  const shown = `${label}${entry.path}`;
  if (ex.aborted) {
    entry.resume();
    return;
  }
  const check = checkEntryPath(entry.path);
  // Admitted entries passed this check already; repeated so this function is safe on its own.
  if (!check.ok) {
    entry.resume();
    ex.refuse(shown, check.reason);
    return;
  }
  const parts = [...base, ...check.parts];
  const target = join(ex.root, ...parts);
  // A nested archive's entries stay inside its own folder, the outer archive's inside the root.
  if (!insideRoot(target, join(ex.root, ...base))) {
    entry.resume();
    ex.refuse(shown, base.length > 0 ? 'resolves outside the folder of its archive' : 'resolves outside the target folder');
    return;
  }
  const folders = entry.type === 'Directory' ? parts : parts.slice(0, -1);
  const folderProblem = await ensureFolders(folders, ex);
  if (folderProblem || entry.type === 'Directory') {
    entry.resume();
    if (folderProblem) ex.refuse(shown, folderProblem);
    return;
  }

  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isFile()) {
    entry.resume();
    ex.refuse(shown, existing.isSymbolicLink() ? 'a symbolic link is in the way' : 'a folder or special file is in the way');
    return;
  }
  let handle;
  try {
    handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW, 0o644);
  } catch (error) {
    entry.resume();
    ex.refuse(shown, `cannot create the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  ex.partial = target;
  let received = 0;
  let overFileLimit = false;
  let writeError: Error | undefined;
  try {
    await new Promise<void>((resolve) => {
      onWait(resolve);
      entry.on('data', (chunk: Buffer) => {
        if (ex.aborted || overFileLimit || writeError) return;
        received += chunk.length;
        ex.bytes += chunk.length;
        // Counted as written, whatever the header claimed.
        if (received > ex.limits.maxFileBytes) {
          overFileLimit = true;
          return;
        }
        if (ex.bytes > ex.limits.maxTotalBytes) {
          ex.refuse(shown, `past the archive's ${ex.limits.maxTotalBytes}-byte limit`);
          stop(`the archive unpacks to more than ${ex.limits.maxTotalBytes} bytes (limit)`);
          return;
        }
        entry.pause();
        handle.write(chunk).then(
          () => entry.resume(),
          (error: unknown) => {
            writeError = error instanceof Error ? error : new Error(String(error));
            entry.resume();
          },
        );
      });
      entry.on('end', () => resolve());
    });
  } finally {
    await handle.close();
  }
  onWait(() => undefined);
  if (ex.aborted) return;
  ex.partial = undefined;
  const relative = parts.join('/');
  /** Removes the cut file; an earlier copy of the same name was truncated by opening it, so it is gone too. */
  const discard = async (): Promise<string> => {
    await rm(target, { force: true });
    return ex.forget(relative) ? '; the earlier entry of the same name, which it replaced, is lost too' : '';
  };
  if (writeError) {
    await discard();
    throw writeError;
  }
  if (overFileLimit) {
    const lost = await discard();
    ex.refuse(shown, `larger than the ${ex.limits.maxFileBytes}-byte limit per file${lost}`);
    return;
  }
  if (received !== entry.size) {
    const lost = await discard();
    ex.refuse(shown, `the archive ends inside this file (${received} of ${entry.size} bytes)${lost}`, true);
    return;
  }
  // A name repeated in the archive replaces the earlier file, as tar itself does.
  if (!ex.writtenSet.has(relative)) {
    ex.writtenSet.add(relative);
    ex.written.push(relative);
  }
}

/** Removes what an aborted extraction wrote: its files, then the folders it created (if empty). */
async function undo(ex: Extraction): Promise<void> {
  const files = [...ex.written.map((f) => join(ex.root, ...f.split('/'))), ...(ex.partial ? [ex.partial] : [])];
  for (const file of files) await rm(file, { force: true });
  for (const dir of [...ex.createdDirs].reverse()) {
    await rmdir(dir).catch((error: NodeJS.ErrnoException) => {
      // A folder that already held the user's own files stays.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'ENOENT') throw error;
    });
  }
  ex.aborted = `${ex.aborted}; the ${ex.written.length} file(s) already written were removed`;
}
