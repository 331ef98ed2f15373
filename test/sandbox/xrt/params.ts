// Reads submitted parameters the way the server does: tolerant of numeric strings and of
// `true/false` for flags, collecting every missing and invalid parameter for one `listErr` reply.
// Section numbers (§) and D identifiers: test/fixtures/protocol/xrt-products.md (D: its §17).
import type { JsonObject } from './replies';

export interface NumberRule {
  min?: number;
  max?: number;
  /** Lower bound excluded (e.g. "> 0"). */
  exclusiveMin?: boolean;
  integer?: boolean;
}

export class ParamReader {
  readonly missing: string[] = [];
  readonly invalid: string[] = [];

  constructor(private readonly input: JsonObject) {}

  /** The first of `names` that is present (aliases), with its value. */
  find(...names: string[]): { name: string; value: unknown } | undefined {
    for (const name of names) {
      const value = this.input[name];
      if (value !== undefined && value !== null && value !== '') return { name, value };
    }
    return undefined;
  }

  has(...names: string[]): boolean {
    return this.find(...names) !== undefined;
  }

  need(name: string): void {
    if (!this.missing.includes(name)) this.missing.push(name);
  }

  bad(message: string): void {
    this.invalid.push(message);
  }

  /** A 0/1 flag; absent means `fallback`. */
  flag(names: string | string[], fallback: 0 | 1 = 0): 0 | 1 {
    const found = this.find(...toList(names));
    if (!found) return fallback;
    const v = found.value;
    if (v === 1 || v === '1' || v === true || v === 'true') return 1;
    if (v === 0 || v === '0' || v === false || v === 'false') return 0;
    this.bad(`${found.name} is ${show(v)}, but must be 0 or 1`);
    return fallback;
  }

  number(names: string | string[], rule: NumberRule & { required?: boolean } = {}): number | undefined {
    const list = toList(names);
    const found = this.find(...list);
    if (!found) {
      if (rule.required) this.need(list[0]);
      return undefined;
    }
    const n =
      typeof found.value === 'number'
        ? found.value
        : typeof found.value === 'string' && found.value.trim() !== ''
          ? Number(found.value)
          : NaN;
    if (!Number.isFinite(n)) {
      this.bad(`${found.name} is ${show(found.value)}, but must be a number`);
      return undefined;
    }
    if (rule.integer && !Number.isInteger(n)) {
      this.bad(`${found.name} is ${show(found.value)}, but must be a whole number`);
      return undefined;
    }
    const { min, max } = rule;
    const tooLow = min !== undefined && (rule.exclusiveMin ? n <= min : n < min);
    const tooHigh = max !== undefined && n > max;
    if (tooLow || tooHigh) {
      if (min !== undefined && max !== undefined) this.bad(`${found.name} is ${show(found.value)}, but must be between ${min} and ${max}`);
      else if (min !== undefined)
        this.bad(`${found.name} is ${show(found.value)}, but must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${min}`);
      else this.bad(`${found.name} is ${show(found.value)}, but must be at most ${max}`);
      return undefined;
    }
    return n;
  }

  /** One of `allowed`, compared case-insensitively and returned in the canonical spelling. */
  choice<T extends string>(
    names: string | string[],
    allowed: readonly T[],
    opts: { required?: boolean; legacyNumeric?: boolean } = {},
  ): T | string | undefined {
    const list = toList(names);
    const found = this.find(...list);
    if (!found) {
      if (opts.required) this.need(list[0]);
      return undefined;
    }
    const text = typeof found.value === 'string' || typeof found.value === 'number' ? String(found.value).trim() : '';
    const match = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
    if (match) return match;
    // Old documentation examples send numeric codes whose meaning is unknown (§17 D16): accepted, echoed as strings.
    if (opts.legacyNumeric && /^\d+$/.test(text)) return text;
    this.bad(`${found.name} is ${show(found.value)}, but must be one of ${allowed.join(', ')}`);
    return undefined;
  }

  text(names: string | string[], opts: { required?: boolean } = {}): string | undefined {
    const list = toList(names);
    const found = this.find(...list);
    if (!found) {
      if (opts.required) this.need(list[0]);
      return undefined;
    }
    if (typeof found.value === 'string') return found.value;
    if (typeof found.value === 'number') return String(found.value);
    this.bad(`${found.name} is ${show(found.value)}, but must be a string`);
    return undefined;
  }
}

function toList(names: string | string[]): string[] {
  return Array.isArray(names) ? names : [names];
}

export function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
