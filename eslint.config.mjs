// ESLint flat config: typescript-eslint's type-checked rules for the TypeScript units (each file is
// checked with the tsconfig.json nearest to it: src/, src/shared/, media/src/ or test/), import cycles,
// and the layer rules of README's Layout. test/unit/architecture.test.ts checks the same directions on
// the import graph as a whole, so a violation fails the unit tests even where ESLint is not run.
//
// Allowed directions (an arrow means "may import"):
//   src/extension.ts, src/testHooks.ts, src/schemas/  → features
//   features: src/xrt, src/too, src/products           → src/editing, src/views, src/http, src/common, src/config.ts, src/log.ts
//             (src/products may also import src/xrt; src/xrt and src/too import no other feature)
//   src/editing, src/views, src/http, src/common       → src/shared
//   src/shared                                         → nothing outside itself; no `vscode`, no Node
//   media/src (webviews)                               → src/shared only; no `vscode`, no Node
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettierConfig from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FEATURES = ['./src/xrt', './src/too', './src/products'];
const INFRASTRUCTURE = ['./src/editing', './src/views', './src/http', './src/common', './src/config.ts', './src/log.ts'];
const ENTRY_POINTS = ['./src/extension.ts', './src/runtime.ts', './src/startup', './src/testHooks.ts', './src/schemas'];

// zod's `z` binding (and its default export) is a namespace value, so a bundle that imports it carries
// every module of zod, about 260 KB of translated messages among them; `import * as z from 'zod'` lets
// esbuild keep only what is used (test/unit/build/bundleBudget.test.ts checks the runtime bundle).
const ZOD_NAMESPACE_ONLY = [
  'error',
  {
    selector: "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
    message: "Write `import * as z from 'zod'`: the `z` binding pulls all of zod, its locales included, into the bundle.",
  },
];

/** `vscode` and every Node built-in, with and without the `node:` prefix. */
const HOST_MODULES = {
  paths: [
    { name: 'vscode', message: 'Code for the webviews and src/shared runs outside the extension host: no `vscode`.' },
    ...builtinModules.map((name) => ({ name, message: 'Code for the webviews and src/shared runs in a browser too: no Node modules.' })),
  ],
  patterns: [{ group: ['node:*'], message: 'Code for the webviews and src/shared runs in a browser too: no Node modules.' }],
};

export default defineConfig(
  globalIgnores(['dist/', 'out/', '.vscode-test/', 'node_modules/', 'test/fixtures/', 'test-results/', 'screenshots/']),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,

  // TypeScript, with type information from the tsconfig.json nearest to each file.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The code's own `void promise` discipline, checked: a promise is awaited, returned or marked `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Off for now: the code writes `xs[i]!` where it has checked the index, as `noUncheckedIndexedAccess`
      // would demand; without that compiler option (about 50 places in src/ and media/src/ still fall short
      // of it) this rule calls 233 such assertions unnecessary and its fix would strip them. Switch the
      // option on, then this rule back on (it also finds about 30 redundant `as` casts).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Off: an `async` function without `await` is how this code implements promise-returning interfaces
      // (VS Code's serializers, test fakes of clients and clocks) and turns a throw into a rejection;
      // the hazards of promises are what no-floating-promises and no-misused-promises check.
      '@typescript-eslint/require-await': 'off',
      // Three modules are required lazily on purpose: esbuild.js turns two of these requests into separate
      // bundles loaded on first use (LAZY_BUNDLES), to keep the features' loading cheap, and runs axios's
      // module code on its require (src/http/axiosLoader.ts). The runtime bundle itself is loaded by file
      // name (src/startup/cachedRequire.ts).
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^\\./cookieStack$', '^\\./safeExtract$', '^axios$'] }],
    },
  },

  // Plain JavaScript of the build (esbuild.js, this file): Node globals, no type information.
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['esbuild.js'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // Import graph: no cycles, no self-imports, for the extension and the webviews.
  {
    files: ['src/**/*.ts', 'media/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads only .js files when it follows imports, and no-cycle sees no graph.
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['src/tsconfig.json', 'media/src/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: './src/shared',
              from: './src',
              except: ['./shared'],
              message: 'src/shared is compiled into the webviews too: it imports nothing from the rest of src/.',
            },
            {
              target: './media/src',
              from: './src',
              except: ['./shared'],
              message: 'Webviews import from src/ only src/shared (no vscode, no Node there).',
            },
            { target: './src', from: './media', message: 'The extension does not import webview code; shared code lives in src/shared.' },
            {
              target: INFRASTRUCTURE,
              from: [...FEATURES, ...ENTRY_POINTS],
              message: 'src/editing, src/views, src/http, src/common, config and log serve the features and import none of them.',
            },
            { target: './src/xrt', from: ['./src/too', './src/products'], message: 'src/xrt imports no other feature.' },
            { target: './src/too', from: ['./src/xrt', './src/products'], message: 'src/too imports no other feature.' },
            { target: './src/products', from: './src/too', message: 'src/products may use src/xrt, not src/too.' },
            {
              target: FEATURES,
              from: ENTRY_POINTS,
              message: 'Features are wired by src/extension.ts; they do not import the entry points.',
            },
          ],
        },
      ],
    },
  },

  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ZOD_NAMESPACE_ONLY },
  },

  // Code that also runs in a browser: neither the extension host's API nor Node.
  {
    files: ['src/shared/**/*.ts', 'media/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', HOST_MODULES] },
  },
  {
    files: ['media/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Formatting is Prettier's: switch off every stylistic rule that could disagree with it.
  prettierConfig,
);
