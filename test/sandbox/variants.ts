// Switchable wire variants: where the protocol references (test/fixtures/protocol) call a behaviour of
// the real services "unknown", the sandbox answers the way we believe the real service does by default,
// and each alternative it might plausibly take instead can be switched on by name, so the extension's
// main flows can be tested against every one of them. Each variant is documented in the README of the
// service that honours it (test/sandbox/xrt/README.md, test/sandbox/too/README.md).
//
// Switched with `POST /__sandbox/variants {"name": value, ...}` (value `true`/`false` or a string
// choice), read with `GET /__sandbox/variants`, and set for a whole run with the environment variable
// SWIFT_SANDBOX_VARIANTS=name,name=value,... . `POST /__sandbox/reset` returns to the defaults given at start.

export type VariantValue = boolean | string;

export class VariantSet {
  private values = new Map<string, VariantValue>();
  private readonly initial: ReadonlyMap<string, VariantValue>;

  constructor(initial: Readonly<Record<string, VariantValue>> = {}) {
    this.initial = new Map(Object.entries(initial));
    this.reset();
  }

  /** The value of a switch; `false` when never set. */
  get(name: string): VariantValue {
    return this.values.get(name) ?? false;
  }

  /** Whether a boolean switch is on, or a string switch is set to `choice`. */
  is(name: string, choice?: string): boolean {
    const value = this.get(name);
    return choice === undefined ? value !== false && value !== '' : value === choice;
  }

  set(changes: Readonly<Record<string, VariantValue>>): void {
    for (const [name, value] of Object.entries(changes)) {
      if (value === false) this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  list(): Record<string, VariantValue> {
    return Object.fromEntries(this.values);
  }

  reset(): void {
    this.values = new Map(this.initial);
  }
}

/** `a,b=text,c=false` → `{a: true, b: 'text', c: false}`. */
export function parseVariantList(text: string | undefined): Record<string, VariantValue> {
  const out: Record<string, VariantValue> = {};
  for (const item of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq < 0) out[item] = true;
    else {
      const value = item.slice(eq + 1).trim();
      out[item.slice(0, eq).trim()] = value === 'false' ? false : value === 'true' ? true : value;
    }
  }
  return out;
}
