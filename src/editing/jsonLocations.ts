// Where a key sits in a JSON document, so that problems found in the parsed value (by our own checks
// or by the service's `listErr`) can be shown on the offending key in the editor. Also decides whether
// a request file can be used at all: syntax errors, a key given twice in one object, and a file too
// large or too deeply nested (src/editing/jsonLimits.ts) each leave it without a value, so nothing is
// checked further or submitted from it.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { checkJsonLimits, type JsonLimits } from './jsonLimits';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

type JsonProblemKind = 'syntax' | 'duplicate-key' | 'too-large' | 'too-deep';

/** Something that stops the file from being used; `message` is complete and can be shown alone. */
interface JsonProblem {
  readonly kind: JsonProblemKind;
  readonly message: string;
  readonly range: TextRange;
}

export interface ParsedJsonDocument {
  /** The parsed value, or undefined when the document has any problem (see `problems`). */
  readonly value: unknown;
  readonly syntaxErrors: readonly { readonly message: string; readonly range: TextRange }[];
  /** Every reason the value is undefined: syntax errors, duplicate keys (one per occurrence), limits. */
  readonly problems: readonly JsonProblem[];
  /** The range of the key (property name) at `path`, else of the nearest existing ancestor, else of the whole document. */
  rangeOf(path: readonly (string | number)[]): TextRange;
  /** Whether the top-level object has this key. */
  hasKey(key: string): boolean;
  /** The range of the value at `path`, if it exists. */
  valueRangeOf(path: readonly (string | number)[]): TextRange | undefined;
}

export function parseJsonDocument(text: string, limits?: JsonLimits): ParsedJsonDocument {
  const whole: TextRange = { start: 0, end: Math.max(0, Math.min(text.length, 1)) };
  // Checked before the parser runs: it recurses once per level (a stack overflow at a few thousand).
  const overLimit = checkJsonLimits(text, limits);
  if (overLimit) {
    const range = overLimit.kind === 'too-deep' ? { start: overLimit.offset, end: overLimit.offset + 1 } : whole;
    return unusable([{ kind: overLimit.kind, message: overLimit.message, range }], whole);
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const syntaxErrors = errors.map((e) => ({
    message: printParseErrorCode(e.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase(),
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  const duplicates = root ? duplicateKeyProblems(root, text) : [];
  const problems: JsonProblem[] = [
    ...syntaxErrors.map((e) => ({ kind: 'syntax' as const, message: `JSON syntax: ${e.message}`, range: e.range })),
    ...duplicates,
  ];
  // Duplicates would otherwise be resolved silently (the last one wins), whatever the user meant.
  const value: unknown = root && problems.length === 0 ? getNodeValue(root) : undefined;

  const keyRange = (node: Node): TextRange => {
    // A property's value node has the property as parent; its first child is the key.
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    const key = property?.children?.[0];
    return key ? { start: key.offset, end: key.offset + key.length } : { start: node.offset, end: node.offset + node.length };
  };

  return {
    value,
    syntaxErrors,
    problems,
    rangeOf(path) {
      if (!root) return whole;
      for (let n = path.length; n > 0; n -= 1) {
        const node = findNodeAtLocation(root, [...path.slice(0, n)]);
        if (node) return keyRange(node);
      }
      // Nothing of the path exists (a missing key): point at the opening brace.
      return { start: root.offset, end: root.offset + 1 };
    },
    valueRangeOf(path) {
      const node = root ? findNodeAtLocation(root, [...path]) : undefined;
      return node ? { start: node.offset, end: node.offset + node.length } : undefined;
    },
    hasKey(key) {
      return root !== undefined && findNodeAtLocation(root, [key]) !== undefined;
    },
  };
}

/** A document that was not parsed at all: no value, no locations beyond the whole text. */
function unusable(problems: JsonProblem[], whole: TextRange): ParsedJsonDocument {
  return {
    value: undefined,
    syntaxErrors: [],
    problems,
    rangeOf: () => whole,
    valueRangeOf: () => undefined,
    hasKey: () => false,
  };
}

/** One problem per occurrence of a key that appears more than once in the same object, at any depth. */
function duplicateKeyProblems(root: Node, text: string): JsonProblem[] {
  const problems: JsonProblem[] = [];
  // Iterative: the depth is bounded already, but nothing here needs the call stack.
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'object') {
      const byName = new Map<string, Node[]>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key || typeof key.value !== 'string') continue;
        const seen = byName.get(key.value);
        if (seen) seen.push(key);
        else byName.set(key.value, [key]);
      }
      for (const [name, keys] of byName) {
        if (keys.length < 2) continue;
        const lines = keys.map((k) => lineOf(text, k.offset));
        for (const [i, key] of keys.entries()) {
          const others = lines.filter((_, j) => j !== i);
          const also = `also on line${others.length === 1 ? '' : 's'} ${others.join(', ')}`;
          problems.push({
            kind: 'duplicate-key',
            message: `"${name}" is given ${keys.length} times in this object (${also}); give it once, so it is clear which value is meant.`,
            range: { start: key.offset, end: key.offset + key.length },
          });
        }
      }
    }
    for (const child of node.children ?? []) pending.push(child);
  }
  return problems.sort((a, b) => a.range.start - b.range.start);
}

/** 1-based line of `offset`, as the editor numbers lines. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
