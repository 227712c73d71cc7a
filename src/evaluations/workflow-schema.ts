/**
 * Every form, query string and route parameter of the workflow routes, as zod schemas
 * parsed with `parseInput`. Forms whose content the store validates (entries, reviews,
 * opinions) are read leniently here, exactly as typed, so the store's field messages
 * reach the page; what the routes themselves refuse carries its Japanese message here.
 */
import { z } from 'zod';
import { parseFiscalYear } from '../fiscal/fiscal-year.js';
import { formList, formText, rawValues } from '../web/forms.js';
import { ROUND_KINDS } from './round-kinds.js';
import { ENTRY_STATUSES } from './workflow.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const ID = /^[1-9][0-9]{0,8}$/;
/** A positive id, or a refusal with `message`. */
const id = (message?: string) =>
  z.preprocess(
    first,
    z
      .string(message ? { error: message } : undefined)
      .regex(ID, message ? { error: message } : undefined)
      .transform(Number),
  );
/** An id in a query string: anything else counts as not given. */
const optionalId = () => id().optional().catch(undefined);
/** Texts the store checks (length, required on submit): any length here. */
const text = () => formText(Number.MAX_SAFE_INTEGER);
/** The version a form was loaded at; a missing or garbled one never matches, so it reads as a conflict. */
const version = () => text().transform(Number);
const DATE_MESSAGE = '日付を YYYY-MM-DD の形で入力してください。';
const deadline = () =>
  text()
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), { error: DATE_MESSAGE })
    .transform((v) => v || null);

export const roundParams = z.object({ roundId: id() });
export const itemParams = z.object({ roundId: id(), itemId: id() });

export const newRoundForm = z.object({
  planId: id('計画を選んでください。'),
  fiscalYear: text().transform((v, ctx) => {
    const fy = parseFiscalYear(v);
    if (fy === undefined) ctx.addIssue({ code: 'custom', message: '年度として読めません（例: 2023、R5、令和5年度）。' });
    return fy ?? 0;
  }),
  kind: z.preprocess(first, z.enum(ROUND_KINDS, { error: '種別を選んでください。' })),
  deadline: deadline(),
});

export const deadlineForm = z.object({ deadline: deadline() });

/** Closing and publishing are sent from their confirmation page (`confirmed`); `reason` explains a publication with opinions missing. */
export const transitionForm = z.object({
  action: z.preprocess(first, z.enum(['open', 'close', 'publish'], { error: '操作が正しくありません。' })),
  confirmed: text().transform((v) => v === '1'),
  reason: text(),
});

/** Which irreversible step the confirmation page asks about; anything else names no page. */
export const confirmQuery = z.object({ action: z.enum(['close', 'publish']) });

export const boardQuery = z.object({
  department: optionalId(),
  measure: optionalId(),
  status: z.enum(ENTRY_STATUSES).optional().catch(undefined),
});

const entryFields = {
  ratingCode: text().transform((v) => v || null),
  annotationKindIds: formList().transform((ids) => ids.map(Number).filter((n) => Number.isInteger(n) && n > 0)),
  reason: text(),
  issues: text(),
  direction: text(),
  version: version(),
};

/** Any action but "submit" saves a draft. */
export const entryForm = z.object({
  ...entryFields,
  action: text().transform((v) => (v === 'submit' ? 'submit' : 'save')),
  /** Sent by the form that asked whether last year's unchanged text is meant. */
  copyConfirmed: text().transform((v) => v === '1'),
});

/**
 * Any action but "accept" or "edit" returns the entry. The entry page's form sends
 * `ask=1`, so a return from it first shows its confirmation page, which posts without
 * it; "edit" goes back from there to the comment.
 */
export const reviewForm = z.object({
  action: text().transform((v) => (v === 'accept' ? 'accept' : v === 'edit' ? 'edit' : 'return')),
  comment: text(),
  version: version(),
  ask: text().transform((v) => v === '1'),
});

/** Each ticked row of the review list is `<itemId>:<version>`; a garbled one never matches an entry. */
export const bulkAcceptForm = z.object({
  pick: formList().transform((picks) =>
    picks.flatMap((p) => {
      const m = /^([1-9][0-9]{0,8}):([0-9]{1,9})$/.exec(p);
      return m ? [{ itemId: Number(m[1]), version: Number(m[2]) }] : [];
    }),
  ),
});

export const withdrawForm = z.object({ version: version(), ask: text().transform((v) => v === '1') });

export const correctionForm = z.object({ ...entryFields, correctionReason: text() });

/**
 * The opinions screen is one form: each box is `body-<key>` with its `version-<key>`, and
 * the pressed button names the target ("plan" or an item id), so every box travels with
 * every save and none is lost. A lone `body`/`version` pair (a one-box form) is read too.
 */
export const opinionForm = z.preprocess(
  (input) => {
    const raw = rawValues(input);
    const key = first(raw.target);
    return { ...raw, body: raw[`body-${key}`] ?? raw.body, version: raw[`version-${key}`] ?? raw.version };
  },
  z.object({
    target: z.preprocess(first, z.union([z.literal('plan').transform(() => null), z.string().regex(ID).transform(Number)])),
    body: text(),
    version: version(),
  }),
);

/** Every opinion box as typed, by target key, with the version it was loaded at, to show them all again after any save. */
export function typedOpinionBoxes(input: unknown): Record<string, { body: string; version: string }> {
  const raw = rawValues(input);
  const out: Record<string, { body: string; version: string }> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = /^body-(plan|[1-9][0-9]{0,8})$/.exec(name)?.[1];
    if (key) out[key] = { body: [value].flat()[0] ?? '', version: [raw[`version-${key}`] ?? ''].flat()[0] ?? '' };
  }
  return out;
}

/** The outcome a redirect names, shown as a notice (unknown words are ignored). */
export const settingsQuery = z.object({ created: z.string().optional().catch(undefined), done: z.string().optional().catch(undefined) });
export const entryQuery = z.object({ saved: z.enum(['save', 'submit', 'withdraw', 'accept', 'return', 'correction']).optional().catch(undefined) });
export const opinionsQuery = z.object({ saved: z.string().optional().catch(undefined) });
export const remindersQuery = z.object({ sent: z.string().optional().catch(undefined) });
