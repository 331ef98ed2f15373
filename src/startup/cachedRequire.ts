// Requires one of this extension's bundles as Node's `require` would, but with V8's code cache: the bytecode
// V8 made for it in an earlier window is kept in the extension's storage and used again, so the bundle is not
// compiled anew in every window. For dist/runtime.js that is most of its compile time, about 20 of the 63 ms
// that requiring it takes in VS Code 1.90's Node (README, measured figures). A cache file is named by a hash
// of the bundle's text and of the Node and V8 versions, so a rebuilt bundle or another VS Code never meets
// bytecode made for something else (V8 checks only the text's length); V8 rejects what does not fit anyway,
// and the bundle is then compiled as usual.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { writeFileAtomic } from '../common/fileLock';

const CACHE_SUFFIX = '.jscache';

/** How the bundle was compiled: from the cache, or anew (no cache yet, the cache rejected, or none kept). */
export type CodeCacheUse = 'used' | 'none yet' | 'rejected' | 'no storage';

export interface CachedBundle {
  /** What the bundle exported (`module.exports`). */
  readonly exports: unknown;
  readonly cache: CodeCacheUse;
  /** A cache file that could not be read (other than a missing one), for the log. */
  readonly readProblem?: string;
  /**
   * Keeps the bytecode V8 has made for the bundle so far (functions compiled since it loaded included),
   * when the cache was not used, and removes this bundle's caches made for other texts. Best called once
   * the bundle has done its first work. Resolves to whether a file was written; rejects when it could not be.
   */
  save(): Promise<boolean>;
}

/** Node's CommonJS wrapper, on the bundle's first line so that line numbers in stack traces stay right. */
function wrapped(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}

function cacheName(file: string, source: string): string {
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.versions.v8}\0${process.arch}`)
    .digest('hex')
    .slice(0, 20);
  return `${path.basename(file)}-${key}${CACHE_SUFFIX}`;
}

/** `cacheDir`: where the caches are kept (the extension's global storage); undefined keeps none. */
export function requireWithCodeCache(file: string, cacheDir: string | undefined): CachedBundle {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cacheDir === undefined ? undefined : path.join(cacheDir, cacheName(file, source));
  let cachedData: Buffer | undefined;
  let readProblem: string | undefined;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') readProblem = `${cacheFile}: ${(error as Error).message}`;
    }
  }
  const script = new vm.Script(wrapped(source), { filename: file, cachedData });
  const cache: CodeCacheUse = !cacheFile ? 'no storage' : !cachedData ? 'none yet' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  // createRequire makes the bundle's own `require`, resolving from its folder; the extension host sees its
  // file as the requiring module, so `require('vscode')` gives this extension's API.
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  let saved = false;
  return {
    exports: module.exports,
    cache,
    ...(readProblem ? { readProblem } : {}),
    save: async () => {
      if (!cacheFile || cache === 'used' || saved) return false;
      saved = true;
      const data = script.createCachedData();
      const dir = path.dirname(cacheFile);
      await fs.promises.mkdir(dir, { recursive: true });
      // Another window may be reading or writing the same cache: it is replaced whole.
      await writeFileAtomic(cacheFile, data);
      const prefix = `${path.basename(file)}-`;
      const stale = (await fs.promises.readdir(dir)).filter(
        (name) => name.startsWith(prefix) && name.endsWith(CACHE_SUFFIX) && name !== path.basename(cacheFile),
      );
      await Promise.all(stale.map((name) => fs.promises.rm(path.join(dir, name), { force: true })));
      return true;
    },
  };
}
