// Unpacks a downloaded product archive as if it were hostile: nothing may be written outside the
// target folder, no link, device or FIFO is created, and decompression bombs are stopped by
// counting the bytes as they are written. Every entry that is not extracted is reported.
//
// node-tar reads the archive (gzip detection, pax/GNU long names, checksums, its decompression-ratio
// guard); this module decides what reaches the disk and writes it itself, so no decision is left to
// node-tar's own extraction rules.
//
// Decisions:
// - Links (symbolic and hard) are never extracted, whatever they point to: XRT products do not need
//   them, and refusing them all removes every "write through a link" attack.
// - Exceeding the total size or the entry count aborts the whole extraction and removes everything
//   it wrote (a half-unpacked bomb is of no use); a single file over the per-file cap is refused and
//   the rest continues.
// - A damaged archive (bad gzip data) also aborts and cleans up; a truncated tar keeps the complete
//   files and refuses the cut one.
// - Per-interval spectrum tarballs `spec/<rname>.tar.gz` are unpacked into `spec/<rname>/` with the
//   same budget; their entries are reported as `spec/<rname>.tar.gz!/<entry>`. Tarballs inside
//   those are left packed.
// - Zip archives are not unpacked (a clear error says to download the tar.gz form).
import { constants, createReadStream } from 'node:fs';
import { lstat, mkdir, open, realpath, rm, rmdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { checkEntryPath } from './archivePaths';

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
export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxTotalBytes: 4 * 1024 ** 3,
  maxFileBytes: 2 * 1024 ** 3,
  maxEntries: 20_000,
  maxDecompressionRatio: 1000,
};

export interface RefusedEntry {
  /** The entry's name as in the archive (nested: `spec/interval0.tar.gz!/<name>`). */
  readonly path: string;
  readonly reason: string;
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

  refuse(path: string, reason: string): void {
    this.refused.push({ path, reason });
  }
}

/**
 * Extracts `archiveFile` (tar or tar.gz) into `targetDir` (created if needed). Throws
 * ArchiveExtractError only when the file cannot be read as an archive at all (missing, zip, a web
 * page); hostile or damaged content is reported in the result.
 */
export async function extractArchive(archiveFile: string, targetDir: string, limits: Partial<ExtractLimits> = {}): Promise<ExtractResult> {
  await sniffFormat(archiveFile);
  await mkdir(targetDir, { recursive: true });
  const root = await realpath(targetDir);
  const ex = new Extraction(root, { ...DEFAULT_EXTRACT_LIMITS, ...limits });
  ex.knownDirs.add(root);

  await extractTar(archiveFile, [], '', ex);
  if (!ex.aborted) {
    for (const file of [...ex.written]) {
      const nested = NESTED_SPECTRUM_TARBALL.exec(file);
      if (!nested) continue;
      const folder = [...file.split('/').slice(0, -1), nested[2]!];
      await extractTar(join(root, ...file.split('/')), folder, `${file}!/`, ex);
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

async function sniffFormat(archiveFile: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(archiveFile, 'r');
    try {
      head = Buffer.alloc(512);
      const { bytesRead } = await handle.read(head, 0, 512, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ArchiveExtractError(`Cannot read the archive ${archiveFile}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (head.length === 0) throw new ArchiveExtractError(`The archive ${archiveFile} is empty.`);
  if (head[0] === 0x50 && head[1] === 0x4b) throw new ArchiveExtractError(`${archiveFile} is a zip archive; the extension unpacks tar and tar.gz archives only. Download the tar.gz form.`);
  if (/^\s*</.test(head.subarray(0, 64).toString('latin1'))) throw new ArchiveExtractError(`${archiveFile} is not an archive: it looks like a web page (an error page saved in its place?).`);
}

/** Extracts one tar stream into `base` (segments below the root); `label` prefixes reported names. */
function extractTar(source: string, base: readonly string[], label: string, ex: Extraction): Promise<void> {
  return new Promise<void>((resolve) => {
    const input = createReadStream(source);
    let chain: Promise<void> = Promise.resolve();
    /** Settles the wait for the current entry's data when the parser stops mid-entry. */
    let releaseEntry: (() => void) | undefined;
    let finished = false;

    const stop = (reason: string): void => {
      if (!ex.aborted) ex.aborted = reason;
      input.destroy();
      releaseEntry?.();
      // Idempotent: node-tar ignores a second abort.
      parser.abort(new Error(reason));
    };

    const parser = new Parser({
      // Not strict: strict mode turns one bad header checksum into the loss of the whole archive;
      // each recoverable warning is reported against its entry instead (onwarn below).
      strict: false,
      maxDecompressionRatio: ex.limits.maxDecompressionRatio,
      filter: (path, entry) => admit(path, entry as ReadEntry, label, ex, stop),
      onwarn: (code, message, data) => {
        const entryPath = (data as { entry?: { path?: unknown }; header?: { path?: unknown } }).entry?.path ?? (data as { header?: { path?: unknown } }).header?.path;
        ex.refuse(typeof entryPath === 'string' ? `${label}${entryPath}` : `${label || '(archive)'}`, `${message} [${code}]`);
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
      void chain.then(resolve, (error: unknown) => {
        // A failure of our own writing (disk full, permissions) ends the extraction like an abort.
        if (!ex.aborted) ex.aborted = `could not write the files: ${error instanceof Error ? error.message : String(error)}`;
        resolve();
      });
    };
    parser.on('error', (error: Error) => {
      if (!ex.aborted) ex.aborted = `the archive${label ? ` ${label.slice(0, -2)}` : ''} is damaged or hostile: ${error.message}`;
      input.destroy();
      releaseEntry?.();
      finish();
    });
    parser.on('end', finish);
    parser.on('close', finish);
    input.on('error', (error) => {
      if (!ex.aborted) ex.aborted = `could not read the archive: ${error.message}`;
      releaseEntry?.();
      finish();
    });
    // node-tar's Parser is a writable stream in behaviour (write/end/drain) but not in its typings.
    input.pipe(parser as unknown as NodeJS.WritableStream);
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

async function writeEntry(entry: ReadEntry, base: readonly string[], label: string, ex: Extraction, stop: (reason: string) => void, onWait: (release: () => void) => void): Promise<void> {
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
  if (!insideRoot(target, ex.root)) {
    entry.resume();
    ex.refuse(shown, 'resolves outside the target folder');
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
  let writeError: unknown;
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
            writeError = error;
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
  if (writeError) {
    await rm(target, { force: true });
    throw writeError;
  }
  if (overFileLimit) {
    await rm(target, { force: true });
    ex.refuse(shown, `larger than the ${ex.limits.maxFileBytes}-byte limit per file`);
    return;
  }
  if (received !== entry.size) {
    await rm(target, { force: true });
    ex.refuse(shown, `the archive ends inside this file (${received} of ${entry.size} bytes)`);
    return;
  }
  const relative = parts.join('/');
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
