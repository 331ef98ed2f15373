// Which key of a request file a service's message is about, so that its refusal can be shown there
// (src/editing/serviceDiagnostics.ts). Kept apart from the editor code so it can be tested on its own.
import type { ParsedJsonDocument } from './jsonLocations';

/**
 * The top-level key a service's message is about: `field` when the service named one the file has;
 * else the message's first word when it is a key of the file or one of `knownKeys` (the XRT service
 * starts its `listErr` items with the parameter: "poserr is 0.01, but must be…"); else the longest key
 * of the file that the message names as a whole word ("… the uvot_mode is …").
 */
export function keyNamedIn(
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
  return keys.find((k) => new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(k)}([^A-Za-z0-9_]|$)`).test(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
