// Build script: the extension bundle, the webview bundles, the JSON Schemas generated from the zod
// sources, and (with --tests) the test, sandbox, runner and benchmark bundles.
//
//   node esbuild.js                 development build (source maps)
//   node esbuild.js --production    minified build, no source maps (what `npm run package` ships)
//   node esbuild.js --watch         rebuild on change (the F5 launch config uses this; see .vscode/tasks.json)
//   node esbuild.js --tests         bundle test/ into out/test/
//   node esbuild.js --metafile      also write dist/extension.meta.json and dist/runtime.meta.json: what the
//                                   entry and runtime bundles are made of (test/unit/build/bundleBudget.test.ts)
'use strict';

const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const metafile = process.argv.includes('--metafile');

const root = __dirname;

/** Prints errors in the shape the `$esbuild-watch` problem matcher of VS Code understands. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** Lists files under `dir` (relative to the repo) whose names end with one of `suffixes`. */
function listFiles(dir, suffixes) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (suffixes.some((s) => entry.name.endsWith(s))) out.push(p);
    }
  };
  walk(path.join(root, dir));
  return out;
}

/**
 * src/http/axiosLoader.ts requires axios on the first request rather than importing it, so that loading
 * the features does not run axios's module code and the Node modules it loads (about 15 ms). A require
 * would pick axios's CommonJS build (its package `exports` map), a second copy beside the ES module one
 * that type imports and tests name; this points the require at the file an import resolves to, which
 * esbuild then wraps so that its code runs when the require does.
 */
const axiosOnFirstUse = {
  name: 'axios-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^axios$/ }, async (args) => {
      if (args.kind !== 'require-call') return undefined;
      const asImport = await build.resolve('axios', { kind: 'import-statement', resolveDir: args.resolveDir });
      if (asImport.errors.length > 0) return { errors: asImport.errors };
      return { path: asImport.path };
    });
  },
};

const common = {
  bundle: true,
  // Prefer packages' ES module builds: jsonc-parser's CommonJS entry is a UMD wrapper whose dynamic
  // requires a bundler cannot follow.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  plugins: watch ? [problemMatcherPlugin, axiosOnFirstUse] : [axiosOnFirstUse],
  // Integration-test access to the extension's internals (src/testHooks.ts) never ships: false here
  // lets esbuild drop the code.
  define: { __TEST_HOOKS__: production ? 'false' : 'true' },
};

/**
 * axios's Node build requires `form-data` (and through it the 130 KB MIME database) for multipart
 * uploads, which this extension never sends. The stand-in exports nothing: axios then builds a form
 * with Node's own FormData at the moment it needs one (helpers/toFormData.js: `PlatformFormData ||
 * FormData`), never at load. Reading `globalThis.FormData` at load would load Node's internal undici
 * (its web globals are lazy getters), about 40 ms on the Node of VS Code 1.90's extension host.
 */
const formDataStandIn = {
  name: 'form-data-stand-in',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'stand-in' }));
    build.onLoad({ filter: /^form-data$/, namespace: 'stand-in' }, () => ({
      contents: 'module.exports = undefined;',
      loader: 'js',
    }));
    build.onLoad({ filter: /^axios-fetch$/, namespace: 'stand-in' }, () => ({
      contents: 'export const getFetch = () => undefined;',
      loader: 'js',
    }));
  },
};

/**
 * axios's utils.js reads `globalThis.FormData` when it loads, for `isFormData`'s `instanceof` test,
 * which loads undici (see above). Without it `isFormData` recognises a form by its tag ("[object
 * FormData]"), as it does for the `form-data` package. The build fails if axios changes that line, so
 * an upgrade cannot silently bring the cost back.
 */
const AXIOS_FORM_DATA_PROBE = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
const axiosLazyFormData = {
  name: 'axios-lazy-form-data',
  setup(build) {
    build.onLoad({ filter: /[\\/]axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes(AXIOS_FORM_DATA_PROBE)) {
        throw new Error(`esbuild.js: axios/lib/utils.js no longer has the FormData probe this build replaces: ${AXIOS_FORM_DATA_PROBE}`);
      }
      return { contents: source.replace(AXIOS_FORM_DATA_PROBE, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
  },
};

/**
 * axios builds its fetch adapter when it loads (adapters/fetch.js probes `fetch`, `Request` and
 * `ReadableStream`), which in Node 20 loads Node's internal undici, about 30 ms, although in Node it
 * always picks its http adapter first (xhr is unavailable, http comes before fetch in its default list).
 * The stand-in says "no fetch adapter", as axios's own getFetch does where fetch is missing.
 */
const axiosFetchStandIn = {
  name: 'axios-fetch-stand-in',
  setup(build) {
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      args.importer.endsWith(path.join('axios', 'lib', 'adapters', 'adapters.js'))
        ? { path: 'axios-fetch', namespace: 'stand-in' }
        : undefined,
    );
  },
};

/**
 * Each `import * as vscode from 'vscode'` of a bundled file becomes its own copy of the API object's
 * properties (esbuild's CommonJS interop), some 40 copies, about 10 ms at load. One module re-exports
 * the API once and every file imports that.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * Code that most sessions never need while activating ships as separate bundles that the extension
 * requires on first use: the TOO cookie stack (tough-cookie and its public suffix list, cookie and
 * proxy agents; required by src/too/cookieTransport.ts) and archive extraction (node-tar; required by
 * src/products/download/extractLazily.ts). Together they are about a third of the code. In tests they are
 * bundled in as usual.
 */
const LAZY_BUNDLES = [
  {
    request: './cookieStack',
    importer: path.join('src', 'too', 'cookieTransport.ts'),
    entry: 'src/too/cookieStack.ts',
    out: 'cookieStack.js',
  },
  {
    request: './safeExtract',
    importer: path.join('src', 'products', 'download', 'extractLazily.ts'),
    entry: 'src/products/download/safeExtract.ts',
    out: 'archiveStack.js',
  },
];

const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/(cookieStack|safeExtract)$/ }, (args) => {
      const lazy = LAZY_BUNDLES.find((l) => l.request === args.path && args.importer.endsWith(l.importer));
      return lazy ? { path: `./${lazy.out}`, external: true } : undefined;
    });
  },
};

// The extension is two bundles: the entry, dist/extension.js (src/extension.ts and src/startup/: what
// activation shows and registers), and the runtime, dist/runtime.js (src/runtime.ts: the features), which
// the entry loads by its file name on first use (src/startup/lazyRuntime.ts, with V8's code cache:
// src/startup/cachedRequire.ts). Both are built this way in every build, so the integration tests run the
// same split as users; test/unit/build/bundleBudget.test.ts keeps the entry small and free of what must
// stay lazy.

/** Node, CommonJS, `vscode` provided by the host. */
const nodeBundle = {
  ...common,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.90 (the oldest engine we support) runs extensions on Node 20.
  target: 'node20',
  external: ['vscode'],
};

/** The entry bundle (see above). */
const extensionOptions = {
  ...nodeBundle,
  entryPoints: [path.join(root, 'src/extension.ts')],
  outfile: path.join(root, 'dist/extension.js'),
  plugins: [...common.plugins, vscodeOnce],
  metafile,
  // Marks when the bundle starts loading, so activation can report its whole cost (load + activate()).
  banner: { js: 'globalThis.__swiftObservatoryLoadStart = performance.now();' },
};

/** The runtime bundle (see above), itself requiring the cookie and archive bundles on first use. */
const runtimeOptions = {
  ...nodeBundle,
  entryPoints: [path.join(root, 'src/runtime.ts')],
  outfile: path.join(root, 'dist/runtime.js'),
  metafile,
  plugins: [...common.plugins, formDataStandIn, axiosFetchStandIn, axiosLazyFormData, vscodeOnce, lazyBundles],
};

const lazyBundleOptions = LAZY_BUNDLES.map((lazy) => ({
  ...common,
  entryPoints: [path.join(root, lazy.entry)],
  outfile: path.join(root, 'dist', lazy.out),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // axios is handed in by the caller, so these bundles do not carry a second copy.
  external: ['vscode', 'axios'],
}));

/**
 * The command-line fit (src/cli.ts → dist/cli.js, `node dist/cli.js fit …`): plain Node, no `vscode`.
 * Its own bundle, so the fit engine stays out of the extension's until the extension uses it.
 */
const cliOptions = {
  ...common,
  entryPoints: [path.join(root, 'src/cli.ts')],
  outfile: path.join(root, 'dist/cli.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
};

/**
 * The worker thread that runs the product viewer's fits (src/products/viewer/fitWorker.ts →
 * dist/fitWorker.js, started by src/products/viewer/fitRunner.ts): the fit engine stays out of the
 * extension's bundle and off its thread.
 */
const fitWorkerOptions = {
  ...common,
  entryPoints: [path.join(root, 'src/products/viewer/fitWorker.ts')],
  outfile: path.join(root, 'dist/fitWorker.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

/** Webview front ends: one bundle per `media/src/*.main.ts`, for the browser, no CDN. */
const webviewOptions = {
  ...common,
  entryPoints: listFiles('media/src', ['.main.ts']),
  outdir: path.join(root, 'dist/webview'),
  entryNames: '[name]',
  platform: 'browser',
  format: 'iife',
  target: 'chrome114',
  loader: { '.css': 'css' },
};

/**
 * Unit tests of code that builds tree items (the XRT Jobs view) run on plain Node like the others, with
 * the benchmark's stand-in for the `vscode` API (see benchOptions).
 */
const FAKE_VSCODE_TESTS = path.join('test', 'unit', 'xrt', 'views');

/** Test, sandbox, runner and benchmark programs: each entry bundled with what it imports from src. */
const testOptions = {
  ...common,
  sourcemap: true,
  minify: false,
  entryPoints: [
    ...listFiles('test/unit', ['.test.ts']).filter((p) => !p.includes(FAKE_VSCODE_TESTS)),
    ...listFiles('test/sandbox/test', ['.test.ts']),
    ...listFiles('test/integration', ['.test.ts', 'index.ts']),
    ...listFiles('test/runners', ['.ts']),
    path.join(root, 'test/sandbox/main.ts'),
  ].filter((p) => fs.existsSync(p)),
  outdir: path.join(root, 'out/test'),
  outbase: path.join(root, 'test'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Resolved at run time from node_modules, never bundled: the host's API, the test framework (which
  // must be the single instance the runner configures) and the browser driver.
  external: ['vscode', 'mocha', 'playwright-core', 'esbuild', '@vscode/test-electron'],
};

/**
 * The JSON Schemas the editor applies to request files are generated from the zod schemas, so the two
 * cannot drift. The generator is bundled and run here, at build time, so `z.toJSONSchema` and the
 * documentation tables do not ship in the runtime bundle.
 */
async function generateSchemas() {
  const outfile = path.join(root, 'out/build/generateSchemas.js');
  await esbuild.build({
    ...common,
    plugins: [],
    sourcemap: false,
    minify: false,
    entryPoints: [path.join(root, 'src/schemas/generateSchemas.ts')],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  });
  delete require.cache[require.resolve(outfile)];
  const { writeRequestSchemas } = require(outfile);
  const written = writeRequestSchemas(path.join(root, 'dist/schemas'));
  for (const file of written) console.log(`schema: ${path.relative(root, file)}`);
}

/**
 * The benchmark runs on plain Node, where there is no `vscode` module: the parts of the extension it
 * measures that touch the API (tree items) get a minimal stand-in with the same shapes.
 */
const benchOptions = {
  ...testOptions,
  entryPoints: [path.join(root, 'test/bench/bench.ts')],
  external: testOptions.external.filter((name) => name !== 'vscode'),
  alias: { vscode: path.join(root, 'test/bench/fakeVscode.ts') },
};

const fakeVscodeTestOptions = {
  ...benchOptions,
  entryPoints: listFiles(FAKE_VSCODE_TESTS, ['.test.ts']),
};

async function main() {
  if (tests) {
    await Promise.all([esbuild.build(testOptions), esbuild.build(benchOptions), esbuild.build(fakeVscodeTestOptions)]);
    return;
  }
  await generateSchemas();
  if (watch) {
    const contexts = await Promise.all(
      [extensionOptions, runtimeOptions, ...lazyBundleOptions, webviewOptions, cliOptions, fitWorkerOptions].map((o) => esbuild.context(o)),
    );
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const [entry, runtime] = await Promise.all(
    [extensionOptions, runtimeOptions, ...lazyBundleOptions, webviewOptions, cliOptions, fitWorkerOptions].map((o) => esbuild.build(o)),
  );
  if (metafile) {
    fs.writeFileSync(path.join(root, 'dist/extension.meta.json'), JSON.stringify(entry.metafile));
    fs.writeFileSync(path.join(root, 'dist/runtime.meta.json'), JSON.stringify(runtime.metafile));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
