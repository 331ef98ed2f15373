// Which key of a request file a service's message is about, so that its refusal can be shown there
// (src/editing/serviceDiagnostics.ts). Kept apart from the editor code so it can be tested on its own.
import type { ParsedJsonDocument } from './jsonLocations';

/** Messages about a subject that name no key (a resolver failure, a bright star): the keys they are about, best first. */
export interface ServiceTopic {
  readonly pattern: RegExp;
  readonly keys: readonly string[];
}

interface ServiceKeyOptions {
  /** The field the service named (TOO 422 `loc`), which the file may lack. */
  readonly field?: string;
  /** Every key the request kind has, also those the file leaves out. */
  readonly knownKeys?: ReadonlySet<string>;
  readonly topics?: readonly ServiceTopic[];
  /** For a key the message names but the file lacks: the key of the file that made it required, if any. */
  readonly placeMissing?: (key: string, request: Readonly<Record<string, unknown>>) => string | undefined;
}

/**
 * The key of the file a service's message is shown on, or undefined for the opening brace: the key the
 * message names (keyNamedIn) when the file has it; a named key the file lacks goes where our own rule
 * would put it (`placeMissing`: on the key that made it required); a message that names no key goes
 * on the first key of the file of the first topic it matches (a resolver failure on the object name).
 */
export function serviceKeyFor(text: string, parsed: ParsedJsonDocument, options: ServiceKeyOptions = {}): string | undefined {
  const named =
    keyNamedIn(text, parsed, options) ??
    (options.field && options.knownKeys?.has(options.field) ? options.field : undefined) ??
    knownKeyNamedIn(text, options.knownKeys);
  if (named !== undefined && parsed.hasKey(named)) return named;
  const request = parsed.value;
  if (named !== undefined && options.placeMissing && typeof request === 'object' && request !== null && !Array.isArray(request)) {
    const cause = options.placeMissing(named, request as Record<string, unknown>);
    if (cause !== undefined && parsed.hasKey(cause)) return cause;
  }
  for (const topic of options.topics ?? []) {
    if (!topic.pattern.test(text)) continue;
    const key = topic.keys.find((k) => parsed.hasKey(k));
    if (key !== undefined) return key;
  }
  return undefined;
}

function knownKeyNamedIn(text: string, knownKeys: ReadonlySet<string> | undefined): string | undefined {
  return [...(knownKeys ?? [])].sort((a, b) => b.length - a.length).find((k) => wholeWord(k).test(text));
}

function wholeWord(key: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(key)}([^A-Za-z0-9_]|$)`);
}

/**
 * The top-level key a service's message is about: `field` when the service named one the file has;
 * else the message's first word when it is a key of the file or one of `knownKeys` (the XRT service
 * starts its `listErr` items with the parameter: "poserr is 0.01, but must be…"); else the longest key
 * of the file that the message names as a whole word ("… the uvot_mode is …").
 */
function keyNamedIn(
  text: string,
  parsed: ParsedJsonDocument,
  options: { readonly field?: string; readonly knownKeys?: ReadonlySet<string> } = {},
): string | undefined {
  if (options.field && parsed.hasKey(options.field)) return options.field;
  const first = /^\s*([A-Za-z][A-Za-z0-9_]*)/.exec(text)?.[1];
  if (first && (parsed.hasKey(first) || options.knownKeys?.has(first))) return first;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value)
    .filter((k) => k !== '$schema')
    .sort((a, b) => b.length - a.length);
  return keys.find((k) => wholeWord(k).test(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
