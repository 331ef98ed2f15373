// The import graph of src/ and media/src/ follows the architecture of README's Layout:
//
//   src/extension.ts, src/startup/, src/runtime.ts, src/testHooks.ts, src/schemas/
//                                                      (entry points: wiring, test hooks, build-time generators)
//     → features: src/xrt, src/too, src/products        (src/products may use src/xrt; no other feature imports another)
//     → src/editing, src/views, src/http, src/common, src/config.ts, src/log.ts
//     → src/shared                                       (imports nothing outside itself; no vscode, no Node)
//   media/src (webviews)                                  (from src/ only src/shared; no vscode, no Node)
//
// eslint.config.mjs checks the same directions file by file while you edit; this test checks the whole
// graph on every unit-test run, including cycles between folders that no single import shows. Type-only
// imports count: they are dependencies of the design even where they vanish from the bundle.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../support/paths';

/** One import, export-from, require() or import() in a source file. Paths are repository-relative with `/`. */
interface ImportEdge {
  readonly from: string;
  readonly line: number;
  readonly specifier: string;
  /** The file a relative specifier resolves to (or would, when the file is missing); undefined for packages. */
  readonly to?: string;
}

type Layer = 'entry' | 'feature' | 'infrastructure' | 'shared' | 'webview';

/**
 * The units of the architecture: top-level folders of src/ (and the few files at its root), and the
 * webviews. A file in a folder or at a place not listed here fails the check, so a new folder gets a
 * place in the layers before it gets code.
 */
const UNITS: Readonly<Record<string, Layer>> = {
  'src/extension.ts': 'entry',
  'src/runtime.ts': 'entry',
  'src/startup': 'entry',
  'src/testHooks.ts': 'entry',
  'src/cli.ts': 'entry',
  'src/cliArguments.ts': 'entry',
  'src/schemas': 'entry',
  'src/xrt': 'feature',
  'src/too': 'feature',
  'src/products': 'feature',
  'src/editing': 'infrastructure',
  'src/views': 'infrastructure',
  'src/http': 'infrastructure',
  'src/common': 'infrastructure',
  'src/config.ts': 'infrastructure',
  'src/log.ts': 'infrastructure',
  'src/shared': 'shared',
  'media/src': 'webview',
};

const RANK: Readonly<Record<Exclude<Layer, 'webview'>, number>> = { entry: 3, feature: 2, infrastructure: 1, shared: 0 };

/** The one import between features the layout allows: products reads XRT's jobs and client. */
const FEATURE_TO_FEATURE = new Set(['src/products → src/xrt']);

/** Modules that exist only in the extension host: code that also runs in a webview imports none of them. */
const HOST_MODULES = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The unit a repository-relative path belongs to, or undefined when the layout has no place for it. */
function unitOf(file: string): string | undefined {
  if (file === 'media/src' || file.startsWith('media/src/')) return 'media/src';
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  const unit = `src/${parts[1]}`;
  return unit in UNITS ? unit : undefined;
}

interface Violation {
  readonly edge: ImportEdge;
  readonly reason: string;
}

/** Why an import from unit `from` to unit `to` goes against the layout, or undefined when it is allowed. */
function directionProblem(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const fromLayer = UNITS[from]!;
  const toLayer = UNITS[to]!;
  if (fromLayer === 'webview') return toLayer === 'shared' ? undefined : 'webviews import from src/ only src/shared';
  if (toLayer === 'webview') return 'the extension never imports webview code; code both use lives in src/shared';
  if (fromLayer === 'shared') return 'src/shared imports nothing outside itself (it is compiled into the webviews too)';
  if (RANK[toLayer] < RANK[fromLayer]) return undefined;
  if (RANK[toLayer] > RANK[fromLayer]) return `upward import: ${fromLayer} (${from}) must not depend on ${toLayer} (${to})`;
  if (fromLayer === 'feature' && !FEATURE_TO_FEATURE.has(`${from} → ${to}`)) {
    return 'features import no other feature (only src/products may import src/xrt)';
  }
  return undefined;
}

/** Every import against the documented directions, and every file the layout has no place for. */
function directionViolations(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) {
    const from = unitOf(edge.from);
    if (from === undefined) {
      out.push({ edge, reason: `${edge.from} is in no unit of the layout (add its folder to UNITS in test/unit/architecture.test.ts)` });
      continue;
    }
    const layer = UNITS[from];
    if (edge.to === undefined) {
      if ((layer === 'shared' || layer === 'webview') && HOST_MODULES.has(edge.specifier)) {
        out.push({ edge, reason: `${from} runs in a webview too: no \`vscode\`, no Node modules` });
      }
      continue;
    }
    const to = unitOf(edge.to);
    if (to === undefined) {
      out.push({ edge, reason: `${edge.to} is in no unit of the layout (add its folder to UNITS in test/unit/architecture.test.ts)` });
      continue;
    }
    const problem = directionProblem(from, to);
    if (problem !== undefined) out.push({ edge, reason: problem });
  }
  return out;
}

/** Cycles between units: each strongly connected group of two or more units, with the imports that join them. */
function unitCycles(edges: readonly ImportEdge[]): { readonly units: string[]; readonly edges: ImportEdge[] }[] {
  const between = edges.flatMap((edge) => {
    const from = unitOf(edge.from);
    const to = edge.to === undefined ? undefined : unitOf(edge.to);
    return from !== undefined && to !== undefined && from !== to ? [{ edge, from, to }] : [];
  });
  const next = new Map<string, Set<string>>();
  for (const { from, to } of between) {
    if (!next.has(from)) next.set(from, new Set());
    next.get(from)!.add(to);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (unit: string): void => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    onStack.add(unit);
    for (const target of next.get(unit) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(unit, Math.min(low.get(unit)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(target)!));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== unit);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const unit of [...next.keys()].sort()) if (!index.has(unit)) visit(unit);
  return groups.map((units) => ({
    units,
    edges: between.filter(({ from, to }) => units.includes(from) && units.includes(to)).map(({ edge }) => edge),
  }));
}

const where = (edge: ImportEdge): string => `${edge.from}:${edge.line}`;
const target = (edge: ImportEdge): string => edge.to ?? `'${edge.specifier}'`;

function directionReport(violations: readonly Violation[]): string {
  return violations.map((v) => `  ${where(v.edge)} imports ${target(v.edge)}: ${v.reason}`).join('\n');
}

function cycleReport(cycles: ReturnType<typeof unitCycles>): string {
  return cycles
    .map((c) => [`  ${c.units.join(' ⇄ ')}:`, ...c.edges.map((e) => `    ${where(e)} imports ${target(e)}`)].join('\n'))
    .join('\n');
}

/** The imports of one file, with relative specifiers resolved as the bundler does (`x.ts`, `x/index.ts`, or the file itself). */
function importsOf(root: string, file: string): ImportEdge[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (pos: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= pos) line++;
    return line + 1;
  };
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier, pos }) => {
    if (!specifier.startsWith('.')) return { from: file, line: lineOf(pos), specifier };
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const candidates = [`${base}.ts`, `${base}/index.ts`, base];
    const to = candidates.find((c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile()) ?? base;
    return { from: file, line: lineOf(pos), specifier, to };
  });
}

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Imports against the layout that the tree still has, as `importer → imported file`. Each is owed a fix;
 * the test fails on any import not listed here, and on an entry here that no longer occurs (delete it
 * then), so the list only shrinks.
 */
const KNOWN_VIOLATIONS = new Set<string>([]);

const key = (edge: ImportEdge): string => `${edge.from} → ${target(edge)}`;

describe('architecture: dependency directions', () => {
  describe('the checker', () => {
    const edge = (from: string, to: string, specifier = to): ImportEdge => ({ from, line: 1, specifier, to });
    const bare = (from: string, specifier: string): ImportEdge => ({ from, line: 1, specifier });

    it('allows the documented directions, inside a feature and down the layers', () => {
      const edges = [
        edge('src/extension.ts', 'src/xrt/xrtFeature.ts'),
        edge('src/extension.ts', 'src/testHooks.ts'),
        edge('src/testHooks.ts', 'src/products/productsFeature.ts'),
        edge('src/schemas/generateSchemas.ts', 'src/too/request/requestJsonSchema.ts'),
        edge('src/xrt/xrtFeature.ts', 'src/xrt/jobs/jobRegistry.ts'),
        edge('src/xrt/jobs/jobRegistry.ts', 'src/common/fileLock.ts'),
        edge('src/products/productsFeature.ts', 'src/xrt/client.ts'),
        edge('src/too/tooFeature.ts', 'src/config.ts'),
        edge('src/too/queries/resultsPanel.ts', 'src/views/webviewHtml.ts'),
        edge('src/views/webviewHtml.ts', 'src/http/text.ts'),
        edge('src/editing/requestFiles.ts', 'src/shared/swiftTime.ts'),
        edge('src/shared/timelineLayout.ts', 'src/shared/swiftTime.ts'),
        edge('media/src/queryResults.main.ts', 'src/shared/timelineLayout.ts'),
        edge('media/src/viewer/host.ts', 'media/src/lib/csv.ts'),
        bare('media/src/viewer/lightCurveView.ts', 'uplot'),
        bare('src/http/body.ts', 'node:zlib'),
        bare('src/editing/requestFiles.ts', 'vscode'),
      ];
      assert.deepEqual(directionViolations(edges), []);
      assert.deepEqual(unitCycles(edges), []);
    });

    it('reports each import against the directions, with file, line and reason', () => {
      const forbidden = [
        edge('src/http/retry.ts', 'src/xrt/productCodes.ts'),
        edge('src/xrt/xrtFeature.ts', 'src/products/productsFeature.ts'),
        edge('src/too/tooFeature.ts', 'src/xrt/request/templates.ts'),
        edge('src/products/productsFeature.ts', 'src/too/client.ts'),
        edge('src/xrt/xrtFeature.ts', 'src/extension.ts'),
        edge('src/common/commandIds.ts', 'src/testHooks.ts'),
        edge('src/shared/viewModel.ts', 'src/http/errors.ts'),
        edge('media/src/viewer/host.ts', 'src/products/viewer/viewerPanel.ts'),
        edge('src/products/viewer/viewerPanel.ts', 'media/src/viewer/host.ts'),
        bare('src/shared/swiftTime.ts', 'vscode'),
        bare('src/shared/swiftTime.ts', 'node:fs'),
        bare('media/src/lib/csv.ts', 'path'),
        edge('src/newFolder/thing.ts', 'src/shared/swiftTime.ts'),
      ];
      const found = directionViolations(forbidden);
      assert.deepEqual(
        found.map((v) => v.edge),
        forbidden,
        `expected every edge to be reported, got:\n${directionReport(found)}`,
      );
      const report = directionReport(found);
      assert.match(report, /src\/http\/retry\.ts:1 imports src\/xrt\/productCodes\.ts: upward import: infrastructure \(src\/http\)/);
      assert.match(report, /src\/too\/tooFeature\.ts:1 imports src\/xrt\/request\/templates\.ts: features import no other feature/);
      assert.match(report, /src\/shared\/swiftTime\.ts:1 imports 'vscode': src\/shared runs in a webview too/);
      assert.match(report, /src\/newFolder\/thing\.ts is in no unit of the layout/);
    });

    it('reports a cycle between folders even when every import in it is allowed on its own', () => {
      const edges = [
        edge('src/editing/requestFiles.ts', 'src/http/text.ts'),
        edge('src/http/text.ts', 'src/common/fileLock.ts'),
        edge('src/common/fileLock.ts', 'src/editing/jsonLimits.ts'),
        edge('src/xrt/client.ts', 'src/http/errors.ts'),
      ];
      assert.deepEqual(directionViolations(edges), []);
      const cycles = unitCycles(edges);
      assert.deepEqual(
        cycles.map((c) => c.units),
        [['src/common', 'src/editing', 'src/http']],
      );
      assert.match(
        cycleReport(cycles),
        /src\/common ⇄ src\/editing ⇄ src\/http:\n {4}src\/editing\/requestFiles\.ts:1 imports src\/http\/text\.ts/,
      );
    });

    it('reports a two-way dependency between features', () => {
      const edges = [
        edge('src/products/productsFeature.ts', 'src/xrt/client.ts'),
        edge('src/xrt/jobs/jobRecord.ts', 'src/products/model/jobProducts.ts'),
      ];
      assert.deepEqual(
        unitCycles(edges).map((c) => c.units),
        [['src/products', 'src/xrt']],
      );
      assert.equal(directionViolations(edges).length, 1);
    });

    it('reads imports, export-from, type-only imports, require() and import() with their lines', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'swift-architecture-'));
      try {
        fs.mkdirSync(path.join(root, 'src', 'xrt', 'jobs'), { recursive: true });
        fs.mkdirSync(path.join(root, 'src', 'http'), { recursive: true });
        fs.writeFileSync(path.join(root, 'src', 'http', 'errors.ts'), '');
        fs.writeFileSync(path.join(root, 'src', 'xrt', 'jobs', 'index.ts'), '');
        fs.writeFileSync(
          path.join(root, 'src', 'xrt', 'a.ts'),
          [
            "import * as vscode from 'vscode';",
            "import type { X } from '../http/errors';",
            "export { y } from './jobs';",
            "const lazy = require('./jobs');",
            "void import('../http/errors');",
          ].join('\n'),
        );
        assert.deepEqual(importsOf(root, 'src/xrt/a.ts'), [
          { from: 'src/xrt/a.ts', line: 1, specifier: 'vscode' },
          { from: 'src/xrt/a.ts', line: 2, specifier: '../http/errors', to: 'src/http/errors.ts' },
          { from: 'src/xrt/a.ts', line: 3, specifier: './jobs', to: 'src/xrt/jobs/index.ts' },
          { from: 'src/xrt/a.ts', line: 4, specifier: './jobs', to: 'src/xrt/jobs/index.ts' },
          { from: 'src/xrt/a.ts', line: 5, specifier: '../http/errors', to: 'src/http/errors.ts' },
        ]);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('this repository', () => {
    const root = repoRoot();
    const edges = [...sourceFiles(root, 'src'), ...sourceFiles(root, 'media/src')].flatMap((file) => importsOf(root, file));

    it('reads the import graph (the check below is not passing on an empty one)', () => {
      assert.ok(edges.some((e) => e.from === 'src/runtime.ts' && e.to === 'src/xrt/xrtFeature.ts'));
      assert.ok(edges.some((e) => e.from.startsWith('media/src/') && e.to?.startsWith('src/shared/')));
    });

    it('imports only in the documented directions', () => {
      const violations = directionViolations(edges);
      const unexpected = violations.filter((v) => !KNOWN_VIOLATIONS.has(key(v.edge)));
      const gone = [...KNOWN_VIOLATIONS].filter((k) => !violations.some((v) => key(v.edge) === k));
      assert.equal(
        unexpected.length,
        0,
        `imports against the layout (see README's Layout and eslint.config.mjs):\n${directionReport(unexpected)}`,
      );
      assert.deepEqual(gone, [], 'fixed: delete these from KNOWN_VIOLATIONS in test/unit/architecture.test.ts');
    });

    it('has no cycle between top-level folders', () => {
      const cycles = unitCycles(edges.filter((e) => !KNOWN_VIOLATIONS.has(key(e))));
      assert.equal(cycles.length, 0, `cycles between folders of src/:\n${cycleReport(cycles)}`);
    });
  });
});
