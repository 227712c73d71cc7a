/** The plans domain's input: the plan's slug in the path. */
import { z } from 'zod';

export const planParams = z.object({ slug: z.string() });
