// zod schema of an XRT product request file (`*.xrt.json`): the flat JSON body of
// `POST /run_userobject.php`, with wire names (shared/api/xrt-products.md §3).
import { z } from 'zod';

const flag = z.union([z.literal(0), z.literal(1)]);

export const xrtRequestSchema = z
  .object({
    UserID: z.string().email().meta({ markdownDescription: 'Registered, e-mail-verified address that owns the job.' }),
    name: z.string().min(1).meta({ markdownDescription: 'Object name (plot titles; resolved by SIMBAD when `getCoords` is 1).' }),
    targ: z.string().regex(/^\d{1,8}(,\d{1,8})*$/).optional(),
    RA: z.number().min(0).max(360).optional(),
    Dec: z.number().min(-90).max(90).optional(),
    lc: flag.optional(),
    spec: flag.optional(),
  })
  .loose();

export type XrtRequest = z.infer<typeof xrtRequestSchema>;
