// Every export of src/ and media/src/ is used by another production file (src/, media/src/). An export
// that only tests import is code the product does not run: its tests pass while the real entry point
// may do something else. Tests reach logic through the entry points the product uses, and test-only
// utilities live in test/support/. The check resolves every identifier of the production files with
// TypeScript's checker, so named, namespace, type-only and `typeof import(...)` uses all count.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../support/paths';
import { KNOWN_UNUSED_EXPORTS } from './unusedExportsDebt';

/**
 * Exports that no production file imports on purpose, as `file: name` with the reason. The test fails
 * on an entry that is no longer an unused export, so the list cannot outlive its reasons.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/extension.ts: activate': 'VS Code calls it (package.json "main").',
  'src/extension.ts: deactivate': 'VS Code calls it (package.json "main").',
  'src/cli.ts: main': 'entry of dist/cli.js (esbuild.js).',
  'src/schemas/generateSchemas.ts: writeRequestSchemas': 'esbuild.js runs it at build time.',
  'src/testHooks.ts: readTestHooks': 'the integration tests reach the running extension through it (never in a production build).',
};

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** `file: name` for each export of a production file that no other production file refers to. */
function unusedExports(root: string): string[] {
  const files = [...sourceFiles(root, 'src'), ...sourceFiles(root, 'media/src')].map((f) => path.join(root, f));
  const inTree = new Set(files.map((f) => path.normalize(f)));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
    noLib: true,
    types: [],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  // Only the tree's own files: packages' declarations do not change which of our symbols a name means.
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    inTree.has(path.normalize(fileName)) ? getSourceFile(fileName, languageVersion, onError, shouldCreate) : undefined;
  const program = ts.createProgram(files, options, host);
  const checker = program.getTypeChecker();

  const resolve = (symbol: ts.Symbol): ts.Symbol => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const declaredIn = (symbol: ts.Symbol): Set<string> =>
    new Set((symbol.declarations ?? []).map((d) => path.normalize(d.getSourceFile().fileName)));

  const used = new Set<ts.Symbol>();
  for (const file of files) {
    const sourceFile = program.getSourceFile(file);
    assert.ok(sourceFile, `${file} not in the program`);
    const here = path.normalize(sourceFile.fileName);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        if (symbol) {
          const target = resolve(symbol);
          if (!declaredIn(target).has(here)) used.add(target);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }

  const unused: string[] = [];
  for (const file of files) {
    const sourceFile = program.getSourceFile(file)!;
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = resolve(exported);
      if (!used.has(target)) unused.push(`${path.relative(root, file).split(path.sep).join('/')}: ${exported.name}`);
    }
  }
  return unused.sort();
}

describe('exports of src/ and media/src/', function () {
  // A type checker over the whole tree: seconds, not the default budget.
  this.timeout(120000);

  it('are each used by another production file, or listed with a reason', function () {
    const unused = unusedExports(repoRoot());
    const known = new Set([...Object.keys(ALLOWED), ...KNOWN_UNUSED_EXPORTS]);
    const unexpected = unused.filter((entry) => !known.has(entry));
    const stale = [...known].filter((entry) => !unused.includes(entry));
    assert.deepEqual(
      { unexpected, stale },
      { unexpected: [], stale: [] },
      'unexpected: exports only tests (or nothing) use; move their logic behind the entry point the product uses, move a test ' +
        'utility to test/support/, or drop `export`. stale: entries of ALLOWED or of unusedExportsDebt.ts that are no longer ' +
        'unused exports; delete them.',
    );
  });
});
