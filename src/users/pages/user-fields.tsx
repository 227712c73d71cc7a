/** The fields an account form shares (new account and account page), and role titles in the reader's language. */
import type { FieldErrors } from '../../web/forms.js';
import type { Lang } from '../../web/preferences.js';
import { FieldError } from '../../web/ui/form-field.js';
import { ROLE_LABELS, ROLES, type Role } from '../../auth/roles.js';
import type { DepartmentRow } from '../../departments/departments-queries.js';
import type { UserFormValues } from '../users-schema.js';
import { t } from '../messages.js';

export type UserFieldValues = Omit<UserFormValues, 'disabled'> & { disabled?: boolean };

export const roleLabel = (lang: Lang, r: Role) => ROLE_LABELS[r][lang];

const invalid = (message: string | undefined) => (message ? 'true' : undefined);

export function UserFields({
  lang,
  values,
  errors,
  departments,
  withLogin,
}: {
  lang: Lang;
  values: UserFieldValues;
  errors: FieldErrors;
  departments: DepartmentRow[];
  withLogin: boolean;
}) {
  return (
    <>
      {withLogin && (
        <div>
          <label for="login">{t(lang, 'loginId')}</label>
          <input
            type="text"
            id="login"
            name="login"
            value={values.login}
            required
            autocomplete="off"
            aria-invalid={invalid(errors.login)}
            aria-describedby={`login-hint${errors.login ? ' login-error' : ''}`}
          />
          <p class="hint" id="login-hint">
            {t(lang, 'loginHint')}
          </p>
          <FieldError id="login-error" message={errors.login} />
        </div>
      )}
      <div>
        <label for="displayName">{t(lang, 'name')}</label>
        <input
          type="text"
          id="displayName"
          name="displayName"
          value={values.displayName}
          required
          aria-invalid={invalid(errors.displayName)}
          aria-describedby={errors.displayName ? 'displayName-error' : undefined}
        />
        <FieldError id="displayName-error" message={errors.displayName} />
      </div>
      <div>
        <label for="email">{t(lang, 'email')}</label>
        <input
          type="email"
          id="email"
          name="email"
          value={values.email}
          aria-invalid={invalid(errors.email)}
          aria-describedby={errors.email ? 'email-error' : undefined}
        />
        <FieldError id="email-error" message={errors.email} />
      </div>
      <fieldset aria-describedby={errors.roles ? 'roles-error' : undefined}>
        <legend>{t(lang, 'rolesLegend')}</legend>
        <div class="choices">
          {ROLES.map((r) => (
            <label>
              <input type="checkbox" name="roles" value={r} checked={values.roles.includes(r)} />
              <span>{roleLabel(lang, r)}</span>
            </label>
          ))}
        </div>
        <FieldError id="roles-error" message={errors.roles} />
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'departmentsLegend')}</legend>
        <div class="choices">
          {departments.map((d) => (
            <label>
              <input type="checkbox" name="departmentIds" value={String(d.id)} checked={values.departmentIds.includes(d.id)} />
              <span>{d.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
