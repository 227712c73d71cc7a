/** All departments, and the form that adds one. */
import type { FieldErrors } from '../../web/forms.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { FieldError } from '../../web/ui/form-field.js';
import { AppShell, CsrfField } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { DepartmentRow } from '../departments-queries.js';
import { t } from '../messages.js';

function DepartmentTable({ prefs, departments }: { prefs: Preferences; departments: DepartmentRow[] }) {
  const { lang } = prefs;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t(lang, 'allDepartments')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'departmentColumn')}</th>
            <th scope="col">{t(lang, 'code')}</th>
            <th scope="col" class="num">
              {t(lang, 'subItems')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'users')}
            </th>
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => (
            <tr>
              <th scope="row">
                <a href={withPreference(`/admin/departments/${d.id}`, prefs, {})}>{d.name}</a>
              </th>
              <td>{d.code}</td>
              <td class="num">{d.items}</td>
              <td class="num">{d.users}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DepartmentListPage({
  prefs,
  auth,
  departments,
  values,
  errors,
}: {
  prefs: Preferences;
  auth: Session;
  departments: DepartmentRow[];
  values: { code: string; name: string };
  errors: FieldErrors;
}) {
  const { lang } = prefs;
  return (
    <AppShell title={t(lang, 'departments')} prefs={prefs} path="/admin/departments" auth={auth}>
      <h1>{t(lang, 'departments')}</h1>
      <p class="note">{t(lang, 'sampleNote')}</p>
      <DepartmentTable prefs={prefs} departments={departments} />
      <h2 id="new-dept">{t(lang, 'addDepartment')}</h2>
      <form class="wf-form" method="post" action="/admin/departments" aria-labelledby="new-dept">
        <CsrfField auth={auth} />
        <div>
          <label for="code">{t(lang, 'code')}</label>
          <input
            type="text"
            id="code"
            name="code"
            value={values.code}
            required
            aria-invalid={errors.code ? 'true' : undefined}
            aria-describedby={errors.code ? 'code-error' : undefined}
          />
          <FieldError id="code-error" message={errors.code} />
        </div>
        <div>
          <label for="name">{t(lang, 'name')}</label>
          <input
            type="text"
            id="name"
            name="name"
            value={values.name}
            required
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={errors.name ? 'name-error' : undefined}
          />
          <FieldError id="name-error" message={errors.name} />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, 'add')}</button>
        </div>
      </form>
    </AppShell>
  );
}
