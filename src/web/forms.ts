/**
 * Form, query and JSON input parsed with zod schemas, giving typed values or
 * field errors in Japanese (English when the reader chose it). Every route
 * parses its input through `parseInput`; a page re-renders with `values` (what
 * the person typed, every field kept) and `errors` (one message per field).
 */
import { z } from 'zod';
import { isAppError } from '../errors.js';
import type { Lang } from './preferences.js';

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

const localeConfigs = { ja: z.locales.ja(), en: z.locales.en() } as const;

/** Form bodies arrive as strings or repeated strings; keep them as typed for re-display. */
export function rawValues(input: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (input === null || typeof input !== 'object') return out;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/**
 * Parses `input` with `schema`. A schema's own messages (`z.string().min(1, '…')`)
 * win; otherwise zod's Japanese or English locale words the error.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, lang: Lang = 'ja'): ParseResult<z.output<S>> {
  const result = schema.safeParse(input, { error: localeConfigs[lang].localeError });
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const name = issue.path.length ? issue.path.map(String).join('.') : 'form';
    errors[name] ??= issue.message;
  }
  return { ok: false, errors, values: rawValues(input) };
}

/** Building blocks shared by schemas: form fields are strings, possibly repeated. */
export const formText = (max = 20_000) => z.preprocess((v) => (Array.isArray(v) ? v[0] : (v ?? '')), z.string().max(max));
export const formList = () => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
export const formId = () =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z
      .string()
      .regex(/^[1-9][0-9]{0,8}$/)
      .transform(Number),
  );

/**
 * A store's refusal of one field (an `invalid-input` AppError with `details.field`) as the
 * errors to show beside that field; anything else is not a form problem (undefined).
 */
export function fieldErrorOf(error: unknown, fallbackField?: string): FieldErrors | undefined {
  if (!isAppError(error, 'invalid-input')) return undefined;
  const field = typeof error.details.field === 'string' ? error.details.field : fallbackField;
  return field === undefined ? undefined : { [field]: error.message };
}

/**
 * The notice a page shows when a save redirected back to it (`?saved=1`): `text` when
 * the page's query schema (`saved: formText().optional()`) finds `saved` in `query`.
 */
export function savedNotice(schema: z.ZodType<{ saved?: string | undefined }>, query: unknown, text: string): string | undefined {
  const parsed = parseInput(schema, query);
  return parsed.ok && parsed.value.saved ? text : undefined;
}
