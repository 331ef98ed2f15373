// Requiring a bundle with V8's code cache (src/startup/cachedRequire.ts): it behaves as `require` would, the
// cache it keeps is used by the next load, and a rebuilt bundle or a damaged cache never runs stale bytecode.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireWithCodeCache } from '../../../src/startup/cachedRequire';

/** A CommonJS bundle with enough code for V8 to cache, a relative require, and its own file names. */
function bundleSource(answer: number): string {
  const filler = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${answer}; }`).join('\n');
  return [
    "'use strict';",
    "const helper = require('./helper.js');",
    filler,
    `exports.answer = () => helper.twice(${answer}) / 2 + f0(0) - ${answer};`,
    'exports.names = { file: __filename, dir: __dirname, self: module.exports === exports };',
    'exports.stack = () => new Error("where").stack;',
  ].join('\n');
}

describe('requiring a bundle with V8’s code cache', () => {
  let dir: string;
  let cacheDir: string;
  let file: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-cached-require-'));
    cacheDir = path.join(dir, 'storage');
    file = path.join(dir, 'bundle.js');
    await fs.writeFile(path.join(dir, 'helper.js'), 'exports.twice = (x) => 2 * x;');
    await fs.writeFile(file, bundleSource(42));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const caches = async (): Promise<string[]> =>
    (await fs.readdir(cacheDir).catch(() => [] as string[])).filter((n) => n.endsWith('.jscache'));

  it('runs the bundle as require would: its exports, its own require, __filename and __dirname', () => {
    const bundle = requireWithCodeCache(file, cacheDir);
    const exports = bundle.exports as { answer(): number; names: { file: string; dir: string; self: boolean }; stack(): string };
    assert.equal(exports.answer(), 42);
    assert.deepEqual(exports.names, { file, dir, self: true });
    assert.match(exports.stack(), /bundle\.js:\d+/, 'stack traces name the bundle');
    assert.equal(bundle.cache, 'none yet');
  });

  it('keeps a cache that the next load uses, and keeps it only once', async () => {
    const first = requireWithCodeCache(file, cacheDir);
    assert.equal(await first.save(), true);
    assert.equal(await first.save(), false, 'a second save writes nothing');
    assert.equal((await caches()).length, 1);
    const second = requireWithCodeCache(file, cacheDir);
    assert.equal(second.cache, 'used');
    assert.equal((second.exports as { answer(): number }).answer(), 42);
    assert.equal(await second.save(), false, 'a cache that was used is not written again');
  });

  it('never runs the bytecode of an older text: a rebuilt bundle of the same length is compiled anew, and the old cache goes', async () => {
    await requireWithCodeCache(file, cacheDir).save();
    const [oldCache] = await caches();
    // Same length, other behaviour: V8's own check compares only the length of the text.
    const rebuilt = bundleSource(43);
    assert.equal(rebuilt.length, bundleSource(42).length);
    await fs.writeFile(file, rebuilt);
    const bundle = requireWithCodeCache(file, cacheDir);
    assert.equal(bundle.cache, 'none yet');
    assert.equal((bundle.exports as { answer(): number }).answer(), 43);
    await bundle.save();
    const now = await caches();
    assert.equal(now.length, 1);
    assert.notEqual(now[0], oldCache, 'the cache of the older text was removed');
  });

  it('compiles anew, and keeps a new cache, when the kept one is damaged', async () => {
    await requireWithCodeCache(file, cacheDir).save();
    const [name] = await caches();
    const size = (await fs.stat(path.join(cacheDir, name!))).size;
    await fs.writeFile(path.join(cacheDir, name!), Buffer.alloc(size, 7));
    // The same text at another path: V8 keeps what this process compiled, by text and file name, and would
    // answer from that without looking at the cache (a new window's process has compiled nothing yet).
    const copy = path.join(dir, 'copy', 'bundle.js');
    await fs.mkdir(path.dirname(copy));
    await fs.copyFile(path.join(dir, 'helper.js'), path.join(dir, 'copy', 'helper.js'));
    await fs.copyFile(file, copy);
    const bundle = requireWithCodeCache(copy, cacheDir);
    assert.equal(bundle.cache, 'rejected');
    assert.equal((bundle.exports as { answer(): number }).answer(), 42);
    assert.equal(await bundle.save(), true);
    const again = path.join(dir, 'again', 'bundle.js');
    await fs.mkdir(path.dirname(again));
    await fs.copyFile(path.join(dir, 'helper.js'), path.join(dir, 'again', 'helper.js'));
    await fs.copyFile(file, again);
    assert.equal(requireWithCodeCache(again, cacheDir).cache, 'used', 'the new cache is accepted');
  });

  it('says why a cache could not be read, and loads the bundle all the same', async () => {
    await requireWithCodeCache(file, cacheDir).save();
    const [name] = await caches();
    // A folder where the file should be: reading it fails with something other than "not found".
    await fs.rm(path.join(cacheDir, name!));
    await fs.mkdir(path.join(cacheDir, name!));
    const bundle = requireWithCodeCache(file, cacheDir);
    assert.match(bundle.readProblem ?? '', /EISDIR|illegal operation on a directory/);
    assert.equal((bundle.exports as { answer(): number }).answer(), 42);
    await assert.rejects(bundle.save(), 'a cache that cannot be written is an error for the caller to report');
  });

  it('keeps nothing without a storage folder', async () => {
    const bundle = requireWithCodeCache(file, undefined);
    assert.equal(bundle.cache, 'no storage');
    assert.equal(await bundle.save(), false);
  });
});
