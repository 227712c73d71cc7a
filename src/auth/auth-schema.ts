/** The sign-in and password-change forms. */
import { z } from 'zod';
import { formText } from '../web/forms.js';
import type { Lang } from '../web/preferences.js';
import { MAX_PASSWORD_LENGTH } from './password.js';
import { t } from './messages.js';

// A generous bound: the password policy (./password.ts) words the real limits.
const secret = () => formText(MAX_PASSWORD_LENGTH * 4);

export const loginFormSchema = z.object({
  login: formText().transform((v) => v.trim().toLowerCase()),
  password: secret(),
  next: formText(),
  _csrf: formText(),
});

export const loginQuerySchema = z.object({ next: formText().optional() });

export const passwordFormSchema = (lang: Lang) =>
  z
    .object({ current: secret(), next: secret(), confirm: secret() })
    .refine((form) => form.next === form.confirm, { path: ['confirm'], message: t(lang, 'confirmMismatch') });

export const passwordQuerySchema = z.object({ done: formText().optional() });
