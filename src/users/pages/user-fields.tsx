/** The fields an account form shares (new account and account page), and role titles in the reader's language. */
import type { FieldErrors } from '../../web/forms.js';
import type { Lang } from '../../web/preferences.js';
import { CheckboxGroup, TextField } from '../../web/ui/form-field.js';
import { ROLE_LABELS, ROLES, type Role } from '../../auth/roles.js';
import type { DepartmentRow } from '../../departments/departments-queries.js';
import type { UserFormValues } from '../users-schema.js';
import { t } from '../messages.js';

export type UserFieldValues = Omit<UserFormValues, 'disabled'> & { disabled?: boolean };

export const roleLabel = (lang: Lang, r: Role) => ROLE_LABELS[r][lang];

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
        <TextField id="login" label={t(lang, 'loginId')} value={values.login} required autocomplete="off" hint={t(lang, 'loginHint')} error={errors.login} />
      )}
      <TextField id="displayName" label={t(lang, 'name')} value={values.displayName} required error={errors.displayName} />
      <TextField id="email" type="email" label={t(lang, 'email')} value={values.email} error={errors.email} />
      <CheckboxGroup
        name="roles"
        legend={t(lang, 'rolesLegend')}
        choices={ROLES.map((r) => ({ value: r, label: roleLabel(lang, r) }))}
        checked={values.roles}
        error={errors.roles}
      />
      <CheckboxGroup
        name="departmentIds"
        legend={t(lang, 'departmentsLegend')}
        choices={departments.map((d) => ({ value: String(d.id), label: d.name }))}
        checked={values.departmentIds.map(String)}
      />
    </>
  );
}
