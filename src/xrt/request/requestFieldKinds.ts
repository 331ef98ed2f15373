// Builders for the fields of an XRT request file. Each builder knows the field's wire name, so every
// zod message names the key the user has to fix, and each attaches the documentation the editor shows
// (`markdownDescription`, the service's default, enum descriptions) as zod metadata, which
// `z.toJSONSchema` copies into the generated JSON Schema.
//
// Defaults are documentation only: they are never filled in by parsing, because the service applies
// its own (and for some fields the sources disagree about them — test/fixtures/protocol/xrt-products.md §17).
import * as z from 'zod';

interface FieldDoc {
  /** What the field means, with its unit. One or two sentences of Markdown. */
  readonly md: string;
  /** The service's default, shown on hover and offered on completion. */
  readonly default?: unknown;
  /** Marks an accepted but non-canonical spelling: completion does not offer it. */
  readonly alias?: boolean;
}

function describe(doc: FieldDoc): string {
  const parts = [doc.md];
  if (doc.default !== undefined) parts.push(`Default \`${JSON.stringify(doc.default)}\`.`);
  return parts.join(' ');
}

function meta(doc: FieldDoc, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { markdownDescription: describe(doc), ...extra };
  if (doc.default !== undefined) out.default = doc.default;
  if (doc.alias) out.doNotSuggest = true;
  return out;
}

const code = (key: string): string => `\`${key}\``;

/** A 0/1 switch (the service's booleans). */
export function flag(key: string, doc: FieldDoc) {
  return z
    .literal([0, 1], { error: () => `${code(key)} must be 0 or 1.` })
    .optional()
    .meta(meta(doc));
}

/** One of a fixed set of strings; `values` maps each allowed value to its Markdown meaning. */
export function choice<const V extends readonly [string, ...string[]]>(
  key: string,
  values: { readonly [K in V[number]]: string },
  order: V,
  doc: FieldDoc,
) {
  const allowed = order.map((v) => `"${v}"`).join(', ');
  return z
    .enum(order, { error: () => `${code(key)} must be one of ${allowed}.` })
    .optional()
    .meta(meta(doc, { markdownEnumDescriptions: order.map((v) => values[v as V[number]]) }));
}

interface NumberLimits {
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly gt?: number;
  readonly max?: number;
  readonly int?: boolean;
}

function numberSchema(key: string, limits: NumberLimits) {
  const kind = limits.int ? 'a whole number' : 'a number';
  let schema = z.number({ error: (iss) => (iss.input === undefined ? `${code(key)} is required.` : `${code(key)} must be ${kind}.`) });
  if (limits.int) schema = schema.int({ error: () => `${code(key)} must be a whole number.` });
  if (limits.min !== undefined) schema = schema.min(limits.min, { error: () => `${code(key)} must be at least ${limits.min}.` });
  if (limits.gt !== undefined) schema = schema.gt(limits.gt, { error: () => `${code(key)} must be greater than ${limits.gt}.` });
  if (limits.max !== undefined) schema = schema.max(limits.max, { error: () => `${code(key)} must be at most ${limits.max}.` });
  return schema;
}

export function optionalNumber(key: string, limits: NumberLimits, doc: FieldDoc) {
  return numberSchema(key, limits).optional().meta(meta(doc));
}

interface TextRules {
  /** Anchored pattern the JSON Schema can also apply. */
  readonly pattern?: RegExp;
  /** What the pattern means, for the message. */
  readonly patternHint?: string;
}

function textSchema(key: string, rules: TextRules) {
  let schema = z
    .string({
      error: (iss) => (iss.input === undefined ? `${code(key)} is required.` : `${code(key)} must be a string (in double quotes).`),
    })
    .min(1, { error: () => `${code(key)} must not be empty.` });
  const pattern = rules.pattern;
  if (pattern)
    schema = schema.regex(pattern, { error: () => `${code(key)} must be ${rules.patternHint ?? `of the form ${pattern.source}`}.` });
  return schema;
}

export function optionalText(key: string, rules: TextRules, doc: FieldDoc) {
  return textSchema(key, rules).optional().meta(meta(doc));
}

export function requiredText(key: string, rules: TextRules, doc: FieldDoc) {
  return textSchema(key, rules).meta(meta(doc));
}

/** A value the service echoes in `jobPars` but does not take as input: tolerated, never suggested. */
export function serverEcho(md: string) {
  return z
    .unknown()
    .optional()
    .meta({ markdownDescription: `${md} Set by the service and echoed in \`jobPars\`; ignored when sent.`, doNotSuggest: true });
}

/** A JSON-Schema-safe case-insensitive pattern body (no `i` flag exists there): `ab` → `[Aa][Bb]`. */
export function caseInsensitivePattern(word: string): string {
  return [...word]
    .map((ch) =>
      ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
}
