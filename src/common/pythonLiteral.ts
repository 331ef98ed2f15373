// Python source fragments for the "Export as Python" scripts (src/xrt/export/, src/too/export/): literals
// that are inert whatever the text in a request file holds, keyword-argument calls, and the header both
// scripts share. Every piece of request text reaches a script only through `pyString`, which writes
// ASCII only: quotes, backslashes, line breaks (also U+2028/U+2029, which editors show as breaks),
// control and bidirectional-override characters (the "Trojan Source" trick) and any other non-ASCII
// character become escapes, so a literal can never end early, span a line or read differently from what
// Python executes (Python language reference, "String and Bytes literals": \xhh, \uxxxx, \Uxxxxxxxx).

/** A Python expression already written out (a literal, a name); what the call formatters take. */
export type PythonSource = string & { readonly __python: unique symbol };

const PRINTABLE_ASCII_FIRST = 0x20;
const PRINTABLE_ASCII_LAST = 0x7e;

function escapeCodePoint(point: number): string {
  if (point <= 0xff) return `\\x${point.toString(16).padStart(2, '0')}`;
  if (point <= 0xffff) return `\\u${point.toString(16).padStart(4, '0')}`;
  return `\\U${point.toString(16).padStart(8, '0')}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A double-quoted Python `str` literal equal to `text`, in printable ASCII on one line. */
export function pyString(text: string): PythonSource {
  let out = '"';
  // for…of walks code points; a lone surrogate (possible in JSON text) comes as itself and is escaped as
  // \udxxx, which Python accepts in a str literal.
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (point >= PRINTABLE_ASCII_FIRST && point <= PRINTABLE_ASCII_LAST) out += char;
    else out += escapeCodePoint(point);
  }
  return `${out}"` as PythonSource;
}

function finite(value: number): number {
  // JSON has no NaN or Infinity, so a request file cannot hold them; a caller that passes one is wrong.
  if (!Number.isFinite(value)) throw new RangeError(`A Python literal needs a finite number, not ${value}`);
  return value;
}

/** A Python `int` literal; `value` must be a whole number. */
export function pyInt(value: number): PythonSource {
  if (!Number.isInteger(finite(value))) throw new RangeError(`${value} is not a whole number`);
  // BigInt keeps large values as digits (String(1e21) would be "1e+21", a float in Python).
  return BigInt(value).toString() as PythonSource;
}

/** A Python `float` literal, e.g. `180.0` for 180 (xrt_prods checks `isinstance(x, float)` for some parameters). */
export function pyFloat(value: number): PythonSource {
  const text = String(finite(value));
  // JavaScript's shortest round-trip text ("0.1", "1e-7", "1e+21") is valid Python float syntax; a whole
  // number needs a point to be a float.
  return (/[.e]/i.test(text) ? text : `${text}.0`) as PythonSource;
}

/** An `int` literal for whole numbers, else a `float` one: for parameters that take either. */
export function pyNumber(value: number): PythonSource {
  return Number.isInteger(finite(value)) ? pyInt(value) : pyFloat(value);
}

export function pyBool(value: boolean): PythonSource {
  return (value ? 'True' : 'False') as PythonSource;
}

export function pyList(items: readonly PythonSource[]): PythonSource {
  return `[${items.join(', ')}]` as PythonSource;
}

/**
 * A `dict` literal with text keys, one entry per line at `indent` + 4 (closing brace at `indent`), or `{}`;
 * the order is kept (Python keeps a dict's insertion order, and `**` passes it on as keyword arguments).
 */
export function pyDict(entries: readonly (readonly [string, PythonSource])[], indent = ''): PythonSource {
  if (entries.length === 0) return '{}' as PythonSource;
  const lines = entries.map(([key, value]) => `${indent}    ${pyString(key)}: ${value},`);
  return ['{', ...lines, `${indent}}`].join('\n') as PythonSource;
}

/** Python source written by this extension itself (names, expressions), never request text. */
export function pyCode(source: string): PythonSource {
  return source as PythonSource;
}

/** One keyword argument per line: `callee(\n    name=value,\n)`, or `callee()` without arguments. */
export function pyCall(callee: string, args: readonly (readonly [string, PythonSource])[], indent = ''): string {
  if (args.length === 0) return `${indent}${callee}()`;
  const lines = args.map(([name, value]) => `${indent}    ${name}=${value},`);
  return [`${indent}${callee}(`, ...lines, `${indent})`].join('\n');
}

/** A comment line; `text` is this extension's own wording (request text goes in through `pyString`). */
export function pyComment(text: string, indent = ''): string {
  // A line break would end the comment and start code: refuse it rather than write it.
  if (/[\r\n\u2028\u2029]/.test(text)) throw new RangeError('A Python comment cannot hold a line break');
  return `${indent}# ${text}`;
}

interface ScriptHeader {
  /** What the script does, one sentence per line, in this extension's own words. */
  readonly purpose: readonly string[];
  /** The request file's name (request text: written as a literal). */
  readonly fileName: string;
  /** What the file is, before its name ("Request file" when not given). */
  readonly fileKind?: string;
  /** The extension's version (package.json). */
  readonly version: string;
  readonly date: Date;
}

/** The comment block both scripts open with: what it does, who wrote it when, how to install the client. */
export function scriptHeader(header: ScriptHeader): string {
  const day = header.date.toISOString().slice(0, 10);
  return [
    '#!/usr/bin/env python3',
    ...header.purpose.map((line) => pyComment(line)),
    pyComment(`${header.fileKind ?? 'Request file'}: ${pyString(header.fileName)}`),
    // A plain version (package.json's, e.g. 1.4.0) as it is; anything else as a literal.
    pyComment(
      `Written by Swift Observatory for VS Code ${/^[\w.+-]+$/.test(header.version) ? header.version : pyString(header.version)} on ${day} (UTC).`,
    ),
    pyComment('Needs Python 3.10 or later and the official client: pip install swifttools'),
  ].join('\n');
}
