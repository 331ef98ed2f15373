// Turns the zod request schema into the JSON Schema the editor's JSON language service applies.
import { z } from 'zod';
import { xrtRequestSchema } from './requestSchema';

export function buildXrtRequestJsonSchema(): object {
  return {
    ...z.toJSONSchema(xrtRequestSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
    $id: 'https://swift-observatory.invalid/schemas/xrt-request.schema.json',
    title: 'Swift-XRT product request',
  };
}
