// zod schema of a TOO request file (`*.too.json`): the form fields of `POST /swift/too`
// (shared/api/swift-too-v2.md §11.2).
import { z } from 'zod';

export const tooRequestSchema = z
  .object({
    source_name: z.string().min(1),
    ra: z.number().min(0).max(360),
    dec: z.number().min(-90).max(90),
  })
  .loose();

export type TooRequest = z.infer<typeof tooRequestSchema>;
