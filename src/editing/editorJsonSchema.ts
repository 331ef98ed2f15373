// The JSON Schema a request-like file gets in the editor, generated from its zod schema: draft 7 (what VS Code's
// JSON language service reads), input types, and without the top-level `required`, because the extension's own
// rule engine reports missing keys on the key that causes them (src/editing/requestRules.ts).
import * as z from 'zod';

export function editorJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { required: _requiredIsOurs, ...generated } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return generated;
}
