// A small JSON Schema (draft-07) validator for the keywords the generated schemas use, so tests can
// check that a generated schema accepts and refuses what its zod source does. It throws on any keyword
// it does not know, so a schema that starts using one cannot pass by being half-read.

type Schema = boolean | { readonly [keyword: string]: unknown };

/** Keywords that only document (VS Code's extensions included): they never refuse a value. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'markdownDescription',
  'default',
  'deprecationMessage',
  'doNotSuggest',
  'markdownEnumDescriptions',
  'defaultSnippets',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`unknown JSON Schema type ${type}`);
  }
}

/** The paths (joined with ".") at which `value` fails `schema`; [] when it passes. */
export function jsonSchemaErrors(schema: Schema, value: unknown, at = ''): string[] {
  if (schema === true) return [];
  if (schema === false) return [at];
  const errors: string[] = [];
  const fail = (): void => void errors.push(at);
  const child = (key: string | number): string => (at === '' ? String(key) : `${at}.${key}`);
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type':
        if (!(Array.isArray(arg) ? arg : [arg]).some((t) => typeMatches(String(t), value))) fail();
        break;
      case 'enum':
        if (!(arg as unknown[]).some((v) => v === value)) fail();
        break;
      case 'const':
        if (arg !== value) fail();
        break;
      case 'not':
        if (jsonSchemaErrors(arg as Schema, value, at).length === 0) fail();
        break;
      case 'anyOf':
        if (!(arg as Schema[]).some((s) => jsonSchemaErrors(s, value, at).length === 0)) fail();
        break;
      case 'allOf':
        for (const s of arg as Schema[]) errors.push(...jsonSchemaErrors(s, value, at));
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) fail();
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (arg as number)) fail();
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= (arg as number)) fail();
        break;
      case 'exclusiveMaximum':
        if (typeof value === 'number' && value >= (arg as number)) fail();
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (arg as number)) fail();
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) fail();
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (arg as number)) fail();
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, i) => errors.push(...jsonSchemaErrors(arg as Schema, item, child(i))));
        break;
      case 'required':
        if (isObject(value)) for (const key of arg as string[]) if (!Object.hasOwn(value, key)) errors.push(child(key));
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, s] of Object.entries(arg as Record<string, Schema>)) {
            if (Object.hasOwn(value, key)) errors.push(...jsonSchemaErrors(s, value[key], child(key)));
          }
        }
        break;
      case 'patternProperties':
        if (isObject(value)) {
          for (const [pattern, s] of Object.entries(arg as Record<string, Schema>)) {
            for (const key of Object.keys(value))
              if (new RegExp(pattern, 'u').test(key)) errors.push(...jsonSchemaErrors(s, value[key], child(key)));
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const named = Object.keys((schema.properties ?? {}) as object);
          const patterns = Object.keys((schema.patternProperties ?? {}) as object).map((p) => new RegExp(p, 'u'));
          for (const key of Object.keys(value)) {
            if (named.includes(key) || patterns.some((p) => p.test(key))) continue;
            errors.push(...jsonSchemaErrors(arg as Schema, value[key], child(key)));
          }
        }
        break;
      default:
        throw new Error(`jsonSchemaErrors does not know the keyword "${keyword}" (at ${at || 'the root'})`);
    }
  }
  return errors;
}
