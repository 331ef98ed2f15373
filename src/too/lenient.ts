// Lenient zod primitives for Swift TOO API replies. The official client (swift_too 2.0.1) reads every
// reply with pydantic models in lax mode, so the real service may send whatever those models accept:
// booleans as 0/1 or text, numbers as numeric text, integers where text is expected (obs_id), null or
// "" in optional fields, datetimes with a `Z` or ±HH:MM offset. Each reply schema in responseSchemas.ts
// is built from these primitives only, so the rules live in one place.
//
// Lists are read record by record: one record that does not fit is left out (and reported through
// `skippedRecords`), instead of losing the whole reply.
import * as z from 'zod';

// ---------------------------------------------------------------------------------------------
// Scalars.

// pydantic's lax bool vocabulary (case-insensitive text, and the integers 0 and 1).
const TRUE_WORDS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

function toBool(value: unknown): unknown {
  if (value === 0 || value === 1) return value === 1;
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return value;
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function toNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return NUMERIC_TEXT.test(text) ? Number(text) : value;
}

/** "" (and whitespace) means "no value" in an optional field, as null does. */
function blankToNull(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? null : value;
}

export const laxBool = z.preprocess(toBool, z.boolean());
export const laxNumber = z.preprocess(toNumber, z.number().finite());
/** A whole number; `3.0` and `"3"` are accepted as 3 (pydantic lax int), `3.5` is not. */
export const laxInt = z.preprocess(toNumber, z.number().int());
/** Text; numbers are taken as their decimal text (a lenient superset of the client's str fields). */
export const laxText = z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), z.string());
/** A value the client models as `float | str`: kept as the service sent it. */
const laxNumberOrText = z.union([z.number(), z.string()]);

/** Optional field: null, "" and absence all read as null. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToNull, schema.nullish());
}

export const optBool = optional(laxBool);
export const optNumber = optional(laxNumber);
export const optInt = optional(laxInt);
/** Optional text: "" is kept (it is a value for text), null and absence read as null. */
export const optText = laxText.nullish();
export const optNumberOrText = laxNumberOrText.nullish();

// ---------------------------------------------------------------------------------------------
// Observation IDs (SDC form, 11 digits: 8-digit target ID + 3-digit segment, test/fixtures/protocol/swift-too-v2.md §3.5).

/**
 * An obs_id as text. An integer is the SDC number without its leading zeros and is padded back to
 * 11 digits (the official client would read an integer as the spacecraft form instead; a reply
 * carrying the spacecraft form has never been seen, an SDC number stored as an integer is the
 * plausible case).
 */
export const laxObsId = z.preprocess((v) => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e11) return String(v).padStart(11, '0');
  if (typeof v === 'string' && /^\s*\d{1,10}\s*$/.test(v)) return v.trim().padStart(11, '0');
  return v;
}, z.string());
export const optObsId = optional(laxObsId);

/** Messages of a status object: the client keeps `str()` of each item; one text is a list of one. */
export const laxMessages = z.preprocess((v) => {
  if (v === null || v === undefined) return [];
  if (typeof v === 'string') return v.trim() === '' ? [] : [v];
  if (!Array.isArray(v)) return v;
  return v.filter((item) => item !== null && item !== undefined).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}, z.array(z.string()));

// ---------------------------------------------------------------------------------------------
// Datetimes.

const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const SERVICE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A service datetime as naive ISO text `YYYY-MM-DDTHH:MM:SS[.ffffff]` (the form every endpoint
 * documents, in the endpoint's own time base). Text without an offset is returned as sent; with `Z`
 * or ±HH:MM it is moved to UTC and the offset dropped, as the client's NaiveUTCDatetime does. A
 * date alone means midnight. Anything else is not a datetime.
 */
function normaliseServiceDatetime(text: string): string | undefined {
  const m = SERVICE_DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset] = m;
  const fraction = frac.slice(0, 7); // "." + at most six digits (microseconds)
  if (!offset && NAIVE_DATETIME.test(text.trim())) return text.trim();
  const offsetMinutes = offsetToMinutes(offset);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  if (!Number.isFinite(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}${fraction}`;
}

function offsetToMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

export const laxDatetime = z.preprocess(
  (v) => (typeof v === 'string' ? (normaliseServiceDatetime(v) ?? v) : v),
  z.string().regex(NAIVE_DATETIME, { error: 'not a datetime' }),
);
export const optDatetime = optional(laxDatetime);

// ---------------------------------------------------------------------------------------------
// Lists.

export interface SkippedRecord {
  /** What the list holds, e.g. "TOO record". */
  readonly what: string;
  /** Position in the list as sent. */
  readonly index: number;
  /** The first problems found, e.g. `ra: expected number`. */
  readonly problem: string;
}

const SKIPPED = Symbol('skipped records');
type WithSkips = { [SKIPPED]?: SkippedRecord[] };

/**
 * A list read record by record: records that fail `item` are left out and remembered (see
 * `skippedRecords`). null or absent reads as an empty list.
 */
export function lenientList<T extends z.ZodType>(item: T, what: string) {
  return z
    .array(z.unknown())
    .nullish()
    .transform((items): z.output<T>[] => {
      const kept: z.output<T>[] = [];
      const skipped: SkippedRecord[] = [];
      (items ?? []).forEach((raw, index) => {
        const parsed = item.safeParse(raw);
        if (parsed.success) kept.push(parsed.data);
        else skipped.push({ what, index, problem: describeIssues(parsed.error) });
      });
      // Not enumerable: invisible to JSON.stringify, table builders and deep equality.
      if (skipped.length) Object.defineProperty(kept, SKIPPED, { value: skipped, enumerable: false });
      return kept;
    });
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}

/** Every record a parsed reply left out, from any list at any depth. */
export function skippedRecords(value: unknown): SkippedRecord[] {
  const found: SkippedRecord[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      const own = (node as WithSkips)[SKIPPED];
      if (own) found.push(...own);
      for (const child of node) visit(child, depth + 1);
      return;
    }
    for (const child of Object.values(node)) visit(child, depth + 1);
  };
  visit(value, 0);
  return found;
}

/** One line for the log or a note: "1 TOO record left out (#3 ra: …)". */
export function describeSkipped(skipped: readonly SkippedRecord[]): string {
  const first = skipped[0];
  const more = skipped.length > 1 ? ` and ${skipped.length - 1} more` : '';
  return `${skipped.length} ${first.what}${skipped.length > 1 ? 's' : ''} the extension could not read ${skipped.length > 1 ? 'were' : 'was'} left out (#${first.index + 1}: ${first.problem}${more})`;
}
