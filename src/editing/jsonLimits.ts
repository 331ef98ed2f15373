// Bounds on a request file checked before any parser runs: the JSON parser and everything that walks
// its result recurse once per nesting level, so a file nested thousands of levels deep would end in a
// stack overflow instead of a message. Real request files are a few kilobytes and at most a few levels
// deep (the XRT product generator and the Swift TOO API take flat objects with short arrays).

/** Largest request file accepted, in UTF-8 bytes. */
const MAX_REQUEST_FILE_BYTES = 1024 * 1024;
/** Deepest nesting of objects and arrays accepted. */
const MAX_REQUEST_FILE_DEPTH = 64;

interface LimitProblem {
  readonly kind: 'too-large' | 'too-deep';
  readonly message: string;
  /** Offset where the limit is first exceeded (0 for the size). */
  readonly offset: number;
}

export interface JsonLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

const DEFAULT_LIMITS: JsonLimits = { maxBytes: MAX_REQUEST_FILE_BYTES, maxDepth: MAX_REQUEST_FILE_DEPTH };

/**
 * The first limit the text breaks, or undefined. One pass without recursion: brackets inside strings
 * and comments do not count (comments are refused later, as syntax errors, but must not be mistaken
 * for nesting here).
 */
export function checkJsonLimits(text: string, limits: JsonLimits = DEFAULT_LIMITS): LimitProblem | undefined {
  // Cheap test first: a UTF-8 byte is at most one UTF-16 unit, so a short text cannot be too large.
  if (text.length > limits.maxBytes / 3 && Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    const message = `The file is larger than ${describeBytes(limits.maxBytes)}, far more than any request needs; it was not read.`;
    return { kind: 'too-large', offset: 0, message };
  }
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i += 1;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i += 2;
        else if (s === 0x22 || s === 0x0a || s === 0x0d) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < n && text.charCodeAt(i) !== 0x0a) i += 1;
      continue;
    }
    if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > limits.maxDepth) {
        const message =
          `Objects and arrays are nested more than ${limits.maxDepth} levels deep here; a request file needs only a few levels. ` +
          'The file was not read further.';
        return { kind: 'too-deep', offset: i, message };
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth = Math.max(0, depth - 1);
    }
    i += 1;
  }
  return undefined;
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}
