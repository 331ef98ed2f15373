// A lock shared by every VS Code window of the same profile (they share globalStorage), so that two
// windows never interleave read-modify-write cycles on the job registry. `mkdir` is atomic on every
// file system VS Code runs on, which makes it the portable primitive here.
import { promises as fs } from 'node:fs';

export interface FileLockOptions {
  /** A lock older than this is taken to belong to a window that died while holding it. */
  readonly staleMs?: number;
  /** Give up after this long. */
  readonly timeoutMs?: number;
  readonly retryMs?: number;
}

export async function withFileLock<T>(lockDir: string, action: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retryMs = options.retryMs ?? 25;
  const started = Date.now();
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lockDir, staleMs)) {
        await fs.rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${lockDir}; another VS Code window may be stuck.`);
      await new Promise((resolve) => setTimeout(resolve, retryMs + Math.random() * retryMs));
    }
  }
  try {
    return await action();
  } finally {
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}

async function isStale(lockDir: string, staleMs: number): Promise<boolean> {
  try {
    const stat = await fs.stat(lockDir);
    return Date.now() - stat.mtimeMs > staleMs;
  } catch (error) {
    // Released between our mkdir and stat: not stale, just try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Writes a file so that readers see either the old or the new content, never a half-written one. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(temp, content, 'utf8');
  await fs.rename(temp, file);
}
