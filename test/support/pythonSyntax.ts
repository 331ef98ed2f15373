// Python's own reading of generated scripts (the "Export as Python" tests), when python3 exists: one
// python3 run per script parses it (`ast.parse`) and reports its string constants and calls.
import { spawnSync } from 'node:child_process';

let available: boolean | undefined;

/** Whether `python3` can be run here; the tests that need it skip with a message otherwise. */
export function hasPython3(): boolean {
  available ??= spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
  return available;
}

/** A keyword argument as Python holds it: its type's name (`float`, `int`, `bool`, `str`, `list`) and value. */
export type PythonArgument = readonly [type: string, value: unknown];

interface Analysis {
  /** Every string constant, as Python reads it. */
  readonly constants: string[];
  /** Calls by the called name (`x.name(...)` or `name(...)`), in source order, as keyword arguments. */
  readonly calls: Record<string, Record<string, PythonArgument>[]>;
}

// A keyword argument that is not a literal is given as the type `expr` and its source text.
const ANALYSE = `import ast, json, sys
text = sys.stdin.read()
tree = ast.parse(text)
def arg(v):
    try:
        x = ast.literal_eval(v)
        return [type(x).__name__, x]
    except ValueError:
        return ["expr", ast.get_source_segment(text, v)]
calls = {}
constants = []
for n in ast.walk(tree):
    if isinstance(n, ast.Constant) and isinstance(n.value, str):
        constants.append(n.value)
    if isinstance(n, ast.Call):
        f = n.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
        if name is not None:
            calls.setdefault(name, []).append((n.lineno, {k.arg: arg(k.value) for k in n.keywords if k.arg}))
print(json.dumps({"constants": constants, "calls": {k: [c for _, c in sorted(v, key=lambda c: c[0])] for k, v in calls.items()}}))
`;

const analyses = new Map<string, Analysis>();

function analyse(source: string): Analysis {
  let analysis = analyses.get(source);
  if (!analysis) {
    const run = spawnSync('python3', ['-c', ANALYSE], { input: source, encoding: 'utf8', timeout: 20_000 });
    if (run.status !== 0) throw new Error(`python3 could not read the script (${run.status ?? run.signal}): ${run.stderr}`);
    analysis = JSON.parse(run.stdout) as Analysis;
    analyses.set(source, analysis);
  }
  return analysis;
}

/** Throws with Python's message unless `source` parses as Python (`ast.parse`). */
export function assertParsesAsPython(source: string): void {
  analyse(source);
}

/** The value of every string constant in `source` as Python reads it: what a literal really holds. */
export function pythonStringConstants(source: string): string[] {
  return analyse(source).constants;
}

/**
 * The calls in `source` of `name` — a method (`x.name(...)`) or a function or class (`name(...)`) — in
 * the order they appear, each as its keyword arguments: the exact client calls a script makes.
 */
export function pythonKeywordCalls(source: string, name: string): Record<string, PythonArgument>[] {
  return analyse(source).calls[name] ?? [];
}
