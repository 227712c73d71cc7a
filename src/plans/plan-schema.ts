/** The plans domain's input: the plan's slug in the path, the branch to open in the query. */
import { z } from 'zod';

export const planParams = z.object({ slug: z.string() });

/** `?open=CODE`: the one branch a large plan's page shows in full (a dotted code of any depth). */
export const planPageQuery = z.object({
  open: z
    .string()
    .regex(/^[0-9]{1,9}(\.[0-9]{1,9}){0,19}$/)
    .optional(),
});
