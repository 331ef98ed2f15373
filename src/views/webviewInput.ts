// Checks on what a webview page sends its host. The page is the extension's own code, but it draws
// service text and runs in a browser, so the host treats every message as unchecked input: a message of
// a type the page does not send, or with a field of the wrong kind, is refused (and logged by the
// host); links are opened only when they are web pages; proposed file names are base names only.
// No `vscode` here, so the rules are unit-tested on Node (test/unit/views/webviewInput.test.ts).
import type { WebviewMessage } from '../shared/webviewProtocol';

type RequiredRule<T> = [T] extends [string]
  ? 'string' | readonly T[]
  : [T] extends [number]
    ? 'number'
    : [T] extends [boolean]
      ? 'boolean'
      : [T] extends [readonly unknown[]]
        ? 'array'
        : 'object';
type OptionalRule<T> = [T] extends [string] ? 'string?' : [T] extends [number] ? 'number?' : [T] extends [boolean] ? 'boolean?' : 'object?';

/**
 * The kind a field must have: a JSON kind (`object` = a plain object, not an array or null), the same
 * with `?` when the field may be missing, or the list of the values a text field may take.
 */
type FieldRule<T> = undefined extends T ? OptionalRule<Exclude<T, undefined>> : RequiredRule<T>;

type FieldsOf<M extends WebviewMessage, K extends M['type']> = Omit<Extract<M, { readonly type: K }>, 'type'>;

/**
 * Every message type a page sends, with a rule for each of its fields. Being a mapped type, it fails to
 * compile when a message is added to the protocol but not here, or a field is missing its rule.
 */
export type MessageSpec<M extends WebviewMessage> = {
  readonly [K in M['type']]: { readonly [F in keyof FieldsOf<M, K>]-?: FieldRule<FieldsOf<M, K>[F]> };
};

export type CheckedMessage<M> = { readonly ok: true; readonly message: M } | { readonly ok: false; readonly problem: string };

type AnyRule = string | readonly string[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short, single-line rendering of a value for the log. */
export function preview(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Cyclic or otherwise unserialisable: the kind is all the log needs.
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function fieldProblem(value: unknown, rule: AnyRule): string | undefined {
  if (typeof rule !== 'string') return typeof value === 'string' && rule.includes(value) ? undefined : `is not one of ${rule.join(', ')}`;
  const optional = rule.endsWith('?');
  const kind = optional ? rule.slice(0, -1) : rule;
  if (value === undefined) return optional ? undefined : 'is missing';
  const fits = kind === 'object' ? isPlainObject(value) : kind === 'array' ? Array.isArray(value) : typeof value === kind;
  return fits ? undefined : `is not ${kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`}`;
}

/** Checks an incoming value against a page's messages; the problem text names the type and field. */
export function messageGuard<M extends WebviewMessage>(spec: MessageSpec<M>): (value: unknown) => CheckedMessage<M> {
  const rules = spec as unknown as Readonly<Record<string, Readonly<Record<string, AnyRule>>>>;
  return (value) => {
    if (!isPlainObject(value)) return { ok: false, problem: 'not an object with a type' };
    const { type } = value;
    if (typeof type !== 'string' || !Object.hasOwn(rules, type)) return { ok: false, problem: `unknown message type ${preview(type)}` };
    for (const [field, rule] of Object.entries(rules[type] ?? {})) {
      const problem = fieldProblem(value[field], rule);
      if (problem) return { ok: false, problem: `${type}: ${field} ${problem}` };
    }
    // Every field the protocol names was checked above; extra fields are ignored.
    return { ok: true, message: value as unknown as M };
  };
}

/**
 * True for http and https addresses only: links come from service data and must never open a local
 * program, a file or a command (`file:`, `command:`, `vscode:`, `javascript:` and the like). No type guard:
 * false does not mean "not a string".
 */
export function isWebUrl(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    // Not an absolute URL at all.
    return false;
  }
}

/**
 * A file name a save dialog may propose: the base name only (no folders, so `../` cannot lead out of the
 * proposed folder), without control characters or characters Windows refuses, and not hidden.
 */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are replaced on purpose: no file name may hold them
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return cleaned || fallback;
}
