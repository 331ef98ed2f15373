// The entry bundle (dist/extension.js) is what every window loads when the extension activates; the
// features load later from dist/runtime.js (src/startup/lazyRuntime.ts). This keeps it that way: the
// minified entry stays within its budget and carries none of the modules that must load on first use,
// and each bundle one requires on first use ships in the .vsix. Builds with the repository's esbuild.js
// into a scratch folder, as the shipped build is made (`npm run package` runs `--production`).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { repoRoot } from '../../support/paths';

/** Bytes of the minified entry bundle (issue #11: 250 KB). */
const ENTRY_BUDGET_BYTES = 250_000;

/**
 * Bytes of the minified runtime bundle, which the first command, view or request file requires (its compile
 * time is part of first use): about 650 KB on 2026-12-06, once zod was imported as a namespace everywhere.
 */
const RUNTIME_BUDGET_BYTES = 700_000;

/**
 * What must stay out of the runtime bundle: zod's translations of its messages (every one but English, about
 * 260 KB, ships as soon as one file imports zod's `z` binding instead of the namespace), zod's JSON Schema
 * reader, and what the cookie and archive bundles bring on their own first use.
 */
const NOT_IN_RUNTIME: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'zod’s locales other than English', pattern: /node_modules\/zod\/v4\/locales\/(?!en\.js$)/ },
  { what: 'zod’s JSON Schema reader', pattern: /node_modules\/zod\/v4\/classic\/from-json-schema\.js$/ },
  { what: 'the cookie stack', pattern: /node_modules\/(tough-cookie|tldts|tldts-core|http-cookie-agent|axios-cookiejar-support)\// },
  { what: 'the archive stack', pattern: /node_modules\/(tar|minizlib|minipass)\// },
];

/** What must stay out of the entry bundle: packages and source files only first use needs. */
const LAZY: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'zod', pattern: /node_modules\/zod\// },
  { what: 'axios', pattern: /node_modules\/axios\// },
  { what: 'tough-cookie', pattern: /node_modules\/tough-cookie\// },
  { what: 'the proxy and cookie agents', pattern: /node_modules\/(https?-proxy-agent|http-cookie-agent|axios-cookiejar-support)\// },
  { what: 'tar', pattern: /node_modules\/(tar|minizlib|minipass)\// },
  { what: 'jsonc-parser', pattern: /node_modules\/jsonc-parser\// },
  { what: 'the HTTP layer', pattern: /^src\/http\// },
  { what: 'the XRT and TOO clients', pattern: /^src\/(xrt|too|xrt\/rebin)\/client\.ts$|^src\/xrt\/rebin\// },
  { what: 'schemas', pattern: /(requestSchema|responseSchemas|querySchemas|jobRecord)\.ts$/ },
  { what: 'the viewers’ hosts', pattern: /^src\/views\/|^src\/products\/viewer\/|^src\/too\/queries\/resultsPanel\.ts$/ },
  { what: 'the product parsers and models', pattern: /^src\/products\/(files|model|download)\// },
  { what: 'the features’ wiring', pattern: /(xrtFeature|tooFeature|productsFeature|runtime)\.ts$/ },
];

interface Metafile {
  readonly outputs: Record<
    string,
    { readonly bytes: number; readonly inputs: Record<string, unknown>; readonly imports: { path: string; external?: boolean }[] }
  >;
}

describe('bundle budgets', function () {
  this.timeout(120_000);
  let scratch: string;
  let meta: Metafile;
  let runtimeMeta: Metafile;
  let entryBytes: number;
  let runtimeBytes: number;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'swift-budget-'));
    const root = repoRoot();
    // esbuild.js builds below its own folder: a copy of it beside links to the sources builds there.
    copyFileSync(join(root, 'esbuild.js'), join(scratch, 'esbuild.js'));
    copyFileSync(join(root, 'package.json'), join(scratch, 'package.json'));
    for (const dir of ['src', 'media', 'node_modules']) symlinkSync(join(root, dir), join(scratch, dir), 'dir');
    execFileSync(process.execPath, [join(scratch, 'esbuild.js'), '--production', '--metafile'], { cwd: scratch, stdio: 'pipe' });
    meta = JSON.parse(readFileSync(join(scratch, 'dist', 'extension.meta.json'), 'utf8')) as Metafile;
    runtimeMeta = JSON.parse(readFileSync(join(scratch, 'dist', 'runtime.meta.json'), 'utf8')) as Metafile;
    entryBytes = statSync(join(scratch, 'dist', 'extension.js')).size;
    runtimeBytes = statSync(join(scratch, 'dist', 'runtime.js')).size;
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const inputsOf = (metafile: Metafile, bundle: string): string[] => {
    const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(`dist/${bundle}`));
    assert.ok(output, `the metafile describes dist/${bundle}`);
    // esbuild follows the scratch folder's links to the repository, and names inputs relative to its cwd.
    return Object.keys(output[1].inputs).map((file) => relative(repoRoot(), resolve(scratch, file)).split(sep).join('/'));
  };

  const entryInputs = (): string[] => inputsOf(meta, 'extension.js');

  it(`keeps the minified dist/extension.js within ${ENTRY_BUDGET_BYTES / 1000} KB`, () => {
    assert.ok(entryBytes <= ENTRY_BUDGET_BYTES, `dist/extension.js is ${entryBytes} bytes, over the budget of ${ENTRY_BUDGET_BYTES}`);
  });

  it('leaves to first use every module that must load lazily', () => {
    const inputs = entryInputs();
    assert.ok(
      inputs.includes('src/extension.ts') && inputs.includes('src/startup/lazyRuntime.ts'),
      'the metafile lists the entry’s sources',
    );
    const found = LAZY.flatMap(({ what, pattern }) => inputs.filter((file) => pattern.test(file)).map((file) => `${what}: ${file}`));
    assert.deepEqual(found, [], 'modules in the entry bundle that only a command, a view or a panel needs later');
  });

  it(`keeps the minified dist/runtime.js within ${RUNTIME_BUDGET_BYTES / 1000} KB`, () => {
    assert.ok(runtimeBytes <= RUNTIME_BUDGET_BYTES, `dist/runtime.js is ${runtimeBytes} bytes, over the budget of ${RUNTIME_BUDGET_BYTES}`);
  });

  it('leaves out of the runtime bundle what it never needs or another bundle brings', () => {
    const inputs = inputsOf(runtimeMeta, 'runtime.js');
    assert.ok(inputs.includes('src/runtime.ts'), 'the metafile lists the runtime’s sources');
    const found = NOT_IN_RUNTIME.flatMap(({ what, pattern }) =>
      inputs.filter((file) => pattern.test(file)).map((file) => `${what}: ${file}`),
    );
    assert.deepEqual(found, [], 'modules in dist/runtime.js that it should not carry');
  });

  /** Node's modules that requiring the production dist/runtime.js loaded (run once, in a child process). */
  let runtimeLoads: string[] | undefined;
  const nodeModulesLoadedByRuntime = (): string[] => {
    // A child process, so this test's own Node state does not count: it requires the production
    // dist/runtime.js with a stand-in `vscode` (every name @types/vscode declares, each a callable
    // stand-in) and prints the Node modules that loaded.
    const script = `
      const fs = require('node:fs');
      const Module = require('node:module');
      const declared = fs.readFileSync(${JSON.stringify(join(repoRoot(), 'node_modules', '@types', 'vscode', 'index.d.ts'))}, 'utf8');
      const names = new Set([...declared.matchAll(/^\\s+export (?:namespace|class|enum|function|const|let) (\\w+)/gm)].map((m) => m[1]));
      const standIn = () => new Proxy(function () {}, {
        get: (target, key) => (typeof key === 'symbol' || key === 'then' ? undefined : standIn()),
        construct: () => standIn(),
        apply: () => standIn(),
      });
      const vscode = Object.fromEntries([...names].map((name) => [name, standIn()]));
      const load = Module._load;
      Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
      const before = new Set(process.moduleLoadList);
      require(${JSON.stringify(join(scratch, 'dist', 'runtime.js'))});
      // Listed before process.stdout is touched: a piped stdout loads Node's net module.
      const loaded = JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m)));
      process.stdout.write(loaded);
    `;
    runtimeLoads ??= JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    return runtimeLoads;
  };

  it('loads the runtime bundle without reading Node’s lazy web globals (which load its undici)', () => {
    assert.deepEqual(
      nodeModulesLoadedByRuntime().filter((m) => /undici/.test(m)),
      [],
      'Node modules loaded by requiring dist/runtime.js',
    );
  });

  it('loads the runtime bundle without running axios (it runs on the first request, src/http/axiosLoader.ts)', () => {
    // axios's Node adapter and follow-redirects load Node's network modules when their code runs; nothing
    // else in the features needs them before a request.
    const network = new Set(['NativeModule http', 'NativeModule https', 'NativeModule http2', 'NativeModule tls', 'NativeModule net']);
    assert.deepEqual(
      nodeModulesLoadedByRuntime().filter((m) => network.has(m)),
      [],
      'network modules loaded by requiring dist/runtime.js',
    );
  });

  it('loads the runtime bundle, and ships every bundle the extension requires on first use', () => {
    const root = repoRoot();
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    const requiredBundles = ['extension.js', 'runtime.js'].flatMap((file) =>
      [...readFileSync(join(scratch, 'dist', file), 'utf8').matchAll(/require\("\.\/([\w.-]+\.js)"\)/g)].map((m) => m[1]!),
    );
    // The entry loads the runtime by its file name, with V8's code cache (src/startup/cachedRequire.ts).
    assert.match(readFileSync(join(scratch, 'dist', 'extension.js'), 'utf8'), /"runtime\.js"/, 'dist/extension.js names runtime.js');
    requiredBundles.push('runtime.js');
    for (const bundle of new Set(requiredBundles)) {
      assert.ok(existsSync(join(scratch, 'dist', bundle)), `dist/${bundle} is built`);
      assert.ok(ignore.includes(`!dist/${bundle}`), `.vscodeignore lets dist/${bundle} into the .vsix`);
    }
  });
});
