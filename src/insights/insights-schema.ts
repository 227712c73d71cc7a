/** The insights domain's input: the plan and year of a changes page, the round of the drafted sentences. */
import { z } from 'zod';

export const changesParams = z.object({
  slug: z.string(),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .optional(),
});

export const roundParams = z.object({
  roundId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});
