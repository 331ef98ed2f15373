// Reads query or form parameters the way a FastAPI/pydantic server does, collecting every problem
// as a 422 `detail` item instead of stopping at the first (so one reply lists all of them).
import { parseDatetime } from './timeText';
import type { ValidationIssue } from './replies';

export type ParamLocation = 'query' | 'body';

export interface Bounds {
  ge?: number;
  gt?: number;
  le?: number;
  lt?: number;
}

interface FieldOptions extends Bounds {
  required?: boolean;
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+(\.0*)?$/;
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

export class ParamReader {
  readonly issues: ValidationIssue[] = [];

  constructor(
    private readonly location: ParamLocation,
    private readonly values: URLSearchParams,
  ) {}

  /** A parameter counts as given only with a non-empty value (the client omits nulls). */
  has(name: string): boolean {
    return this.values.getAll(name).some((v) => v !== '');
  }

  /** Every parameter name present, for "exactly one of" rules. */
  names(): string[] {
    return [...new Set(this.values.keys())];
  }

  issue(field: string | undefined, type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): void {
    const loc: (string | number)[] = field === undefined ? [this.location] : [this.location, field];
    this.issues.push({ type, loc, msg, input, ...(ctx ? { ctx } : {}) });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  string(name: string, options: { required?: boolean; keepEmpty?: boolean } = {}): string | undefined {
    const raw = this.last(name);
    if (raw === undefined || (raw === '' && !options.keepEmpty)) {
      if (options.required) this.missing(name);
      return undefined;
    }
    return raw;
  }

  strings(name: string): string[] {
    return this.values.getAll(name).filter((v) => v !== '');
  }

  float(name: string, options: FieldOptions = {}): number | undefined {
    const raw = this.string(name, options);
    return raw === undefined ? undefined : this.toFloat(raw, [this.location, name], options);
  }

  floats(name: string, bounds: Bounds = {}): number[] {
    return this.strings(name).flatMap((raw, i) => {
      const value = this.toFloat(raw, this.itemLoc(name, i), bounds);
      return value === undefined ? [] : [value];
    });
  }

  int(name: string, options: FieldOptions = {}): number | undefined {
    const raw = this.string(name, options);
    return raw === undefined ? undefined : this.toInt(raw, [this.location, name], options);
  }

  ints(name: string, bounds: Bounds = {}): number[] {
    return this.strings(name).flatMap((raw, i) => {
      const value = this.toInt(raw, this.itemLoc(name, i), bounds);
      return value === undefined ? [] : [value];
    });
  }

  bool(name: string, fallback: boolean): boolean;
  bool(name: string): boolean | undefined;
  bool(name: string, fallback?: boolean): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    this.issue(name, 'bool_parsing', 'Input should be a valid boolean, unable to interpret input', raw);
    return fallback;
  }

  /** Micros since the Unix epoch. */
  datetime(name: string, options: { required?: boolean } = {}): number | undefined {
    const raw = this.string(name, options);
    return raw === undefined ? undefined : this.toDatetime(raw, [this.location, name]);
  }

  datetimes(name: string): number[] {
    return this.strings(name).flatMap((raw, i) => {
      const value = this.toDatetime(raw, this.itemLoc(name, i));
      return value === undefined ? [] : [value];
    });
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const raw = this.string(name, options);
    if (raw === undefined) return undefined;
    const found = allowed.find((a) => a === raw);
    if (found !== undefined) return found;
    const expected = allowed.map((a) => `'${a}'`);
    const text = expected.length > 1 ? `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}` : expected.join('');
    this.issue(name, 'enum', `Input should be ${text}`, raw, { expected: text });
    return undefined;
  }

  private last(name: string): string | undefined {
    // FastAPI keeps the last value of a repeated scalar parameter.
    const all = this.values.getAll(name);
    return all.length ? all[all.length - 1] : undefined;
  }

  private missing(name: string): void {
    this.issue(name, 'missing', 'Field required', null);
  }

  private itemLoc(name: string, index: number): (string | number)[] {
    return [this.location, name, index];
  }

  private toFloat(raw: string, loc: (string | number)[], bounds: Bounds): number | undefined {
    if (!FLOAT.test(raw.trim())) {
      this.push(loc, 'float_parsing', 'Input should be a valid number, unable to parse string as a number', raw);
      return undefined;
    }
    const value = Number(raw);
    return this.checkBounds(value, raw, loc, bounds) ? value : undefined;
  }

  private toInt(raw: string, loc: (string | number)[], bounds: Bounds): number | undefined {
    if (!INTEGER.test(raw.trim())) {
      this.push(loc, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer', raw);
      return undefined;
    }
    const value = Math.trunc(Number(raw));
    return this.checkBounds(value, raw, loc, bounds) ? value : undefined;
  }

  private toDatetime(raw: string, loc: (string | number)[]): number | undefined {
    const parsed = parseDatetime(raw);
    if ('reason' in parsed) {
      this.push(loc, 'datetime_from_date_parsing', `Input should be a valid datetime or date, ${parsed.reason}`, raw);
      return undefined;
    }
    return parsed.micros;
  }

  private checkBounds(value: number, raw: string, loc: (string | number)[], b: Bounds): boolean {
    const fail = (type: string, words: string, key: keyof Bounds, limit: number): false => {
      this.push(loc, type, `Input should be ${words} ${limit}`, raw, { [key]: limit });
      return false;
    };
    if (b.ge !== undefined && !(value >= b.ge)) return fail('greater_than_equal', 'greater than or equal to', 'ge', b.ge);
    if (b.gt !== undefined && !(value > b.gt)) return fail('greater_than', 'greater than', 'gt', b.gt);
    if (b.le !== undefined && !(value <= b.le)) return fail('less_than_equal', 'less than or equal to', 'le', b.le);
    if (b.lt !== undefined && !(value < b.lt)) return fail('less_than', 'less than', 'lt', b.lt);
    return true;
  }

  private push(loc: (string | number)[], type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): void {
    this.issues.push({ type, loc, msg, input, ...(ctx ? { ctx } : {}) });
  }
}

/**
 * Form bodies as `URLSearchParams`; a JSON object body is tolerated too (its scalars become the
 * strings a form would carry). Returns an error text when the body is neither.
 */
export function bodyParams(contentType: string | undefined, body: Buffer): URLSearchParams | { error: string } {
  const text = body.toString('utf8');
  const looksJson = (contentType ?? '').includes('json') || /^\s*\{/.test(text);
  if (!looksJson) return new URLSearchParams(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `JSON decode error: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { error: 'Input should be a valid dictionary or object' };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      params.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return params;
}
