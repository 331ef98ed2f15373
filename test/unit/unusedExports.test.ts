// Every export of src/ and media/src/ is used by another production file (src/, media/src/). An export
// that only tests import is code the product does not run: its tests pass while the real entry point
// may do something else. Tests reach logic through the entry points the product uses, and test-only
// utilities live in test/support/. The check resolves every identifier of the production files with
// TypeScript's checker, so named, namespace, type-only and `typeof import(...)` uses all count.
// A type named in the signature of a used export (a parameter, a return type, a public member, the
// type of a constant) is used too: it is the interface that export's callers hold and implement (the
// deps object a constructor takes, what a function returns), so it stays exported where it is declared
// rather than being re-declared by each caller. Bodies, initial values and private members are not
// signature; nor is `typeof x` (the type needs no export of the value).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../support/paths';

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

  // The types in the signatures of what is used (or entered on purpose), and theirs in turn.
  const isExportOfTree = (symbol: ts.Symbol): boolean => (symbol.declarations ?? []).some((d) => isExported(d));
  const pending = [...used];
  const entries = new Set(Object.keys(ALLOWED));
  for (const file of files) {
    const sourceFile = program.getSourceFile(file)!;
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    const relative = path.relative(root, file).split(path.sep).join('/');
    for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      if (entries.has(`${relative}: ${exported.name}`)) pending.push(resolve(exported));
    }
  }
  const walked = new Set<ts.Symbol>();
  while (pending.length > 0) {
    const symbol = pending.pop()!;
    if (walked.has(symbol)) continue;
    walked.add(symbol);
    // A namespace import resolves to the module itself: its exports are not its signature.
    for (const declaration of (symbol.declarations ?? []).filter((d) => !ts.isSourceFile(d))) {
      for (const identifier of signatureIdentifiers(declaration)) {
        const referenced = checker.getSymbolAtLocation(identifier);
        if (!referenced) continue;
        const target = resolve(referenced);
        if (target === symbol || ![...declaredIn(target)].some((f) => inTree.has(f))) continue;
        // A local type in the signature (an options interface, say) is walked for the exports it names.
        if (isExportOfTree(target)) used.add(target);
        pending.push(target);
      }
    }
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

function isExported(declaration: ts.Declaration): boolean {
  let node: ts.Node = declaration;
  // `export const a = …` marks the statement, not the VariableDeclaration.
  if (ts.isVariableDeclaration(node)) node = node.parent.parent;
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * The identifiers a declaration shows its callers: those in its type annotations, parameters, return
 * type, type parameters, heritage and public members, not in its body, initial value or `typeof`.
 */
function signatureIdentifiers(declaration: ts.Node): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const hidden = (node: ts.Node): boolean =>
    ts.isTypeQueryNode(node) ||
    ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) &&
      (ts.isPrivateIdentifier(node.name) || (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)));
  const visit = (node: ts.Node): void => {
    if (hidden(node)) return;
    if (ts.isIdentifier(node)) found.push(node);
    const skip = new Set<ts.Node | undefined>();
    if (ts.isFunctionLike(node)) skip.add((node as ts.FunctionLikeDeclaration).body);
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) skip.add(node.initializer);
    ts.forEachChild(node, (child) => {
      if (!skip.has(child)) visit(child);
    });
  };
  visit(declaration);
  return found;
}

describe('the unused-exports check', function () {
  this.timeout(60000);

  it('counts the types in a used export’s signature as used, but not those only in bodies, private members or typeof', function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'swift-unused-exports-'));
    try {
      const write = (file: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write(
        'src/a.ts',
        [
          'export interface Param { readonly x: number }',
          'export interface Result { readonly y: number }',
          'export interface InOptions { readonly z: number }',
          'interface Options { readonly inner?: InOptions }',
          'export interface Member { readonly m: number }',
          'export interface Hidden { readonly h: number }',
          'export interface InBody { readonly b: number }',
          'export const value = { v: 1 };',
          'export type FromValue = typeof value;',
          'export interface Unused { readonly u: number }',
          'export function used(p: Param, o: Options = {}): Result { const b: InBody = { b: 1 }; return { y: p.x + (o.inner?.z ?? 0) + b.b }; }',
          'export class Service { member?: Member; private hidden?: Hidden; }',
          'export type Alias = FromValue;',
        ].join('\n'),
      );
      write(
        'src/b.ts',
        "import { used, Service, type Alias } from './a';\nexport const all: unknown[] = [used, Service];\nexport type B = Alias;\n",
      );
      fs.mkdirSync(path.join(root, 'media/src'), { recursive: true });
      assert.deepEqual(unusedExports(root), [
        'src/a.ts: Hidden',
        'src/a.ts: InBody',
        'src/a.ts: Unused',
        'src/a.ts: value',
        'src/b.ts: B',
        'src/b.ts: all',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('exports of src/ and media/src/', function () {
  // A type checker over the whole tree: seconds, not the default budget.
  this.timeout(120000);

  it('are each used by another production file, or listed with a reason', function () {
    const unused = unusedExports(repoRoot());
    const known = new Set(Object.keys(ALLOWED));
    const unexpected = unused.filter((entry) => !known.has(entry));
    const stale = [...known].filter((entry) => !unused.includes(entry));
    assert.deepEqual(
      { unexpected, stale },
      { unexpected: [], stale: [] },
      'unexpected: exports only tests (or nothing) use; move their logic behind the entry point the product uses, move a test ' +
        'utility to test/support/, or drop `export`. stale: entries of ALLOWED that are no longer unused exports; delete them.',
    );
  });
});
