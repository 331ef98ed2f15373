// Runs Python's own parser over generated scripts (the "Export as Python" tests), when python3 exists.
import { spawnSync } from 'node:child_process';

let available: boolean | undefined;

/** Whether `python3` can be run here; the tests that need it skip with a message otherwise. */
export function hasPython3(): boolean {
  available ??= spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
  return available;
}

/** Runs `code` (a Python program) with `input` on its standard input; its output, or an error with its stderr. */
export function runPython(code: string, input: string): string {
  const run = spawnSync('python3', ['-c', code], { input, encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0) throw new Error(`python3 failed (${run.status ?? run.signal}): ${run.stderr}`);
  return run.stdout;
}

/** Throws with Python's message unless `source` parses as Python (`ast.parse`). */
export function assertParsesAsPython(source: string): void {
  runPython('import ast,sys; ast.parse(sys.stdin.read())', source);
}

/**
 * The value of every string constant in `source`, in order, as Python reads them (JSON on one line):
 * what a literal really holds, not what it looks like.
 */
export function pythonStringConstants(source: string): string[] {
  const out = runPython(
    'import ast,json,sys\n' +
      'tree = ast.parse(sys.stdin.read())\n' +
      'print(json.dumps([n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]))',
    source,
  );
  return JSON.parse(out) as string[];
}

/** A keyword argument as Python holds it: its type's name (`float`, `int`, `bool`, `str`, `list`) and value. */
export type PythonArgument = readonly [type: string, value: unknown];

/**
 * The calls in `source` of `name` — a method (`x.name(...)`) or a function or class (`name(...)`) — in
 * the order they appear, each as its keyword arguments (`ast.literal_eval`; an argument that is not a
 * literal is given as the type `expr` and its source text): the exact client calls a script makes.
 */
export function pythonKeywordCalls(source: string, name: string): Record<string, PythonArgument>[] {
  const out = runPython(
    'import ast,json,sys\n' +
      `name = ${JSON.stringify(name)}\n` +
      'text = sys.stdin.read()\n' +
      'tree = ast.parse(text)\n' +
      'def arg(v):\n' +
      '    try:\n' +
      '        x = ast.literal_eval(v)\n' +
      '        return [type(x).__name__, x]\n' +
      '    except ValueError:\n' +
      '        return ["expr", ast.get_source_segment(text, v)]\n' +
      'calls = []\n' +
      'for n in ast.walk(tree):\n' +
      '    f = n.func if isinstance(n, ast.Call) else None\n' +
      '    if (isinstance(f, ast.Attribute) and f.attr == name) or (isinstance(f, ast.Name) and f.id == name):\n' +
      '        calls.append((n.lineno, {k.arg: arg(k.value) for k in n.keywords}))\n' +
      'print(json.dumps([c for _, c in sorted(calls, key=lambda c: c[0])]))',
    source,
  );
  return JSON.parse(out) as Record<string, PythonArgument>[];
}
