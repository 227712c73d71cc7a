/**
 * The department forms. They shape what was typed; the rules (code pattern, name length,
 * duplicates) live in ./departments-store.ts and come back as field errors.
 */
import { z } from 'zod';
import type { Lang } from '../web/preferences.js';
import { formId, formText } from '../web/forms.js';
import { t } from './messages.js';

export const newDepartmentSchema = z.object({ code: formText(200).transform((v) => v.trim()), name: formText(200) });

export const renameDepartmentSchema = z.object({ name: formText(200) });

/** An absent or malformed sub-item reads "choose one", in the reader's language. */
export const assignItemSchema = (lang: Lang) => {
  const message = t(lang, 'chooseItem');
  return z.object({
    itemId: z.preprocess(
      (v) => (Array.isArray(v) ? v[0] : v),
      z
        .string({ error: message })
        .regex(/^[1-9][0-9]{0,8}$/, message)
        .transform(Number),
    ),
  });
};

export const departmentParamsSchema = z.object({ departmentId: formId() });

export const departmentPageQuerySchema = z.object({ saved: formText().optional() });
