// Where a key sits in a JSON document, so that problems found in the parsed value (by our own checks
// or by the service's `listErr`) can be shown on the offending key in the editor.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface ParsedJsonDocument {
  /** The parsed value, or undefined when the text has syntax errors. */
  readonly value: unknown;
  readonly syntaxErrors: readonly { readonly message: string; readonly range: TextRange }[];
  /** The range of the key (property name) at `path`, else of the nearest existing ancestor, else of the whole document. */
  rangeOf(path: readonly (string | number)[]): TextRange;
  /** Whether the top-level object has this key. */
  hasKey(key: string): boolean;
  /** The range of the value at `path`, if it exists. */
  valueRangeOf(path: readonly (string | number)[]): TextRange | undefined;
}

export function parseJsonDocument(text: string): ParsedJsonDocument {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const whole: TextRange = { start: 0, end: Math.max(0, Math.min(text.length, 1)) };
  const syntaxErrors = errors.map((e) => ({ message: printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), range: { start: e.offset, end: e.offset + Math.max(1, e.length) } }));
  const value: unknown = root && errors.length === 0 ? getNodeValue(root) : undefined;

  const keyRange = (node: Node): TextRange => {
    // A property's value node has the property as parent; its first child is the key.
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    const key = property?.children?.[0];
    return key ? { start: key.offset, end: key.offset + key.length } : { start: node.offset, end: node.offset + node.length };
  };

  return {
    value,
    syntaxErrors,
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
