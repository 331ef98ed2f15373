// The reply schemas are built on their first use, never when their module loads: the features load on
// the first command or view (src/startup/lazyRuntime.ts), and building every schema of both services
// then cost more than any other module (issue #11). This reads each listed module's syntax and fails on
// a zod call that runs at load — one not inside a function, such as `z.lazy(() => …)`'s — or a call on one
// of the module's schemas at load (`schema.optional()` builds a schema too).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../../support/paths';

const MODULES_WITH_LAZY_SCHEMAS = ['src/xrt/responseSchemas.ts', 'src/too/responseSchemas.ts', 'src/xrt/campaign/campaignSchema.ts'];

/**
 * `line: text` of each call that runs when the module's top level does and starts at `z` (the zod
 * namespace) or at one of the module's top-level schemas (a constant made with `z.…`).
 */
function zodCallsAtLoad(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const schemas = new Set(['z']);
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer && rootOf(d.initializer) === 'z') schemas.add(d.name.text);
    }
  }
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    // A function's body runs when it is called, not at load.
    if (ts.isFunctionLike(node) || ts.isClassDeclaration(node)) return;
    if (ts.isCallExpression(node) && schemas.has(rootOf(node.expression) ?? '')) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push(`${line + 1}: ${node.getText(file).split('\n')[0]!.slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return found;
}

/** The identifier a chain of calls and members starts at (`z` for `z.string().optional`). */
function rootOf(expression: ts.Expression): string | undefined {
  let e: ts.Expression = expression;
  while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}

describe('schemas built on first use', () => {
  for (const module of MODULES_WITH_LAZY_SCHEMAS) {
    it(`${module} builds no schema when it loads`, () => {
      const calls = zodCallsAtLoad(readFileSync(join(repoRoot(), module), 'utf8'), module);
      // z.lazy itself is the one call allowed at load: it only keeps the function that builds the schema.
      assert.deepEqual(
        calls.filter((c) => !/^\d+: z\.lazy\(/.test(c)),
        [],
        'zod calls that run at load (wrap the schema in z.lazy(() => …))',
      );
    });
  }

  it('finds zod calls and calls on schemas at load, and none inside a function', () => {
    const calls = zodCallsAtLoad(
      [
        'const a = z.object({ b: z.string() });',
        'const c = z.lazy(() => z.number());',
        'function d() { return z.boolean().or(c.optional()); }',
        'const e = { f: c.optional(), g: String(1) };',
      ].join('\n'),
      'sample.ts',
    );
    assert.deepEqual(calls, ['1: z.object({ b: z.string() })', '1: z.string()', '2: z.lazy(() => z.number())', '4: c.optional()']);
  });
});
