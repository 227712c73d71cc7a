/**
 * The account forms. They only shape what was typed (trimmed login, known roles, department
 * ids); the rules live in ./users-store.ts, which the CLI shares, and come back as field errors.
 */
import { z } from 'zod';
import { formId, formList, formText } from '../web/forms.js';
import { isRole } from '../auth/roles.js';

export const userFormSchema = z.object({
  login: formText(200).transform((v) => v.trim().toLowerCase()),
  displayName: formText(200),
  email: formText(320).transform((v) => v.trim()),
  roles: formList().transform((roles) => roles.filter(isRole)),
  departmentIds: formList().transform((ids) => ids.map(Number).filter((n) => Number.isInteger(n) && n > 0)),
  disabled: formText(10).transform((v) => v === '1'),
});

export type UserFormValues = z.output<typeof userFormSchema>;

export const userParamsSchema = z.object({ userId: formId() });

export const userPageQuerySchema = z.object({ saved: formText().optional() });
