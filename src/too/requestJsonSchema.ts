// Turns the zod TOO request schema into the JSON Schema the editor's JSON language service applies.
import { z } from 'zod';
import { tooRequestSchema } from './requestSchema';

export function buildTooRequestJsonSchema(): object {
  return {
    ...z.toJSONSchema(tooRequestSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
    $id: 'https://swift-observatory.invalid/schemas/too-request.schema.json',
    title: 'Swift TOO request',
  };
}
