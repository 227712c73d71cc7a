/**
 * The portal's input: path parameters and the search query, as zod schemas. A
 * parameter that does not parse names nothing that exists, so the routes answer
 * 404 for it; the search query's problems are shown on the search page.
 */
import { z } from 'zod';
import type { Lang } from '../web/preferences.js';
import { TABLE_NAMES } from './downloads.js';
import { isOutputTableName } from './indicator-downloads.js';
import { pt } from './messages.js';
import { MAX_QUERY_LENGTH } from './search.js';

export const planParams = z.object({ slug: z.string() });

/** An item's stored code: numbers joined by dots, as deep as the plan ("2", "2.1.4.3", "1.2.1.2.3"). */
export const ITEM_CODE = /^[0-9]{1,9}(?:\.[0-9]{1,9}){0,19}$/;
const ITEM_CODE_SOURCE = ITEM_CODE.source.slice(1, -1);

export const itemParams = z.object({ slug: z.string(), code: z.string() });

/** A plan's changes page: the latest compared year, or the one the path names (西暦); the staff's changes page reads the same path. */
export { changesParams } from '../insights/insights-schema.js';

export const departmentParams = z.object({
  slug: z.string(),
  id: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});

const TABLE_FILE = /^([a-z]+)\.(csv|json)$/;

/** `all.zip`, or one of the dataset's tables as `<name>.csv` / `<name>.json`. */
export const dataFileParams = z.object({
  slug: z.string(),
  file: z.union([
    z.literal('all.zip').transform(() => ({ kind: 'zip' as const })),
    z
      .string()
      .regex(TABLE_FILE)
      .transform((file) => {
        const [, name, ext] = TABLE_FILE.exec(file)!;
        return { kind: 'table' as const, name: name!, ext: ext as 'csv' | 'json' };
      })
      .refine((f) => (TABLE_NAMES as readonly string[]).includes(f.name) || isOutputTableName(f.name)),
  ]),
});

const RATINGS_FILE = new RegExp(`^((?:item-${ITEM_CODE_SOURCE})|(?:department-\\d{1,9}))\\.(csv|json)$`);

/** The ratings of one page (an item's subtree, a department): `item-2.1.csv`, `department-4.json`. */
export const ratingsFileParams = z.object({
  slug: z.string(),
  file: z
    .string()
    .regex(RATINGS_FILE)
    .transform((file) => {
      const [, subset, ext] = RATINGS_FILE.exec(file)!;
      return { subset: subset!, ext: ext as 'csv' | 'json' };
    }),
});

/** `?q=`: one term, trimmed, at most MAX_QUERY_LENGTH characters; absent means no search. */
export const searchQuery = (lang: Lang) =>
  z.object({
    q: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? v : ''),
      z.string({ error: pt(lang, 'searchOneTerm') }).max(MAX_QUERY_LENGTH, pt(lang, 'searchTooLong', { max: MAX_QUERY_LENGTH })),
    ),
  });
