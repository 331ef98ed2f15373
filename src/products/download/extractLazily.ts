// Safe extraction, loaded on first use: node-tar and the extraction code are needed only after a
// download, so the shipped extension keeps them in their own bundle (dist/archiveStack.js, see
// esbuild.js) that this module requires when the first archive is unpacked; tests bundle them in.
import type * as ArchiveStack from './safeExtract';
import type { ExtractLimits, ExtractResult } from './safeExtract';

let stack: typeof ArchiveStack | undefined;

function archiveStack(): typeof ArchiveStack {
  // A deliberate lazy load, see above.
  stack ??= require('./safeExtract') as typeof ArchiveStack;
  return stack;
}

export function extractArchive(archiveFile: string, targetDir: string, limits: Partial<ExtractLimits> = {}): Promise<ExtractResult> {
  return archiveStack().extractArchive(archiveFile, targetDir, limits);
}

/** Whether `error` says the file is not an archive that can be read; its class lives in the lazily loaded bundle. */
export function isArchiveExtractError(error: unknown): error is Error {
  return stack !== undefined && error instanceof stack.ArchiveExtractError;
}
