/** One department: its name, the sub-items it answers for, and assigning another one to it. */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { FieldError } from '../../web/ui/form-field.js';
import { AppShell, CsrfField } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { DepartmentRow, LeafRow } from '../departments-queries.js';
import { t } from '../messages.js';

export interface DepartmentPageProps {
  prefs: Preferences;
  auth: Session;
  department: DepartmentRow;
  leaves: LeafRow[];
  name: string;
  errors: FieldErrors;
  notice?: string | undefined;
}

function AssignForm({ prefs, auth, department, leaves, errors }: Omit<DepartmentPageProps, 'name' | 'notice'>) {
  const { lang } = prefs;
  return (
    <form class="wf-form" method="post" action={`/admin/departments/${department.id}/items`} aria-labelledby="assign">
      <CsrfField auth={auth} />
      <div>
        <label for="itemId">{t(lang, 'subItem')}</label>
        <select id="itemId" name="itemId" aria-invalid={errors.itemId ? 'true' : undefined} aria-describedby={errors.itemId ? 'itemId-error' : undefined}>
          {leaves
            .filter((l) => l.departmentId !== department.id)
            .map((l) => (
              <option value={String(l.id)}>
                {l.code} {l.name}（{l.departmentName ?? t(lang, 'noDepartment')}）
              </option>
            ))}
        </select>
        <FieldError id="itemId-error" message={errors.itemId} />
      </div>
      <div class="actions">
        <button type="submit">{t(lang, 'assign')}</button>
      </div>
    </form>
  );
}

export function DepartmentPage({ prefs, auth, department, leaves, name, errors, notice }: DepartmentPageProps) {
  const { lang } = prefs;
  const mine = leaves.filter((l) => l.departmentId === department.id);
  return (
    <AppShell title={`${department.name} — ${t(lang, 'department')}`} prefs={prefs} path={`/admin/departments/${department.id}`} auth={auth}>
      <h1>{department.name}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form class="wf-form" method="post" action={`/admin/departments/${department.id}`}>
        <CsrfField auth={auth} />
        <div>
          <label for="name">{t(lang, 'name')}</label>
          <input
            type="text"
            id="name"
            name="name"
            value={name}
            required
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={errors.name ? 'name-error' : undefined}
          />
          <FieldError id="name-error" message={errors.name} />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, 'saveName')}</button>
        </div>
      </form>
      <h2>{t(lang, 'itemsHeading', { count: mine.length })}</h2>
      <ul>
        {mine.map((l) => (
          <li>
            {l.code} {l.name}
          </li>
        ))}
      </ul>
      <h2 id="assign">{t(lang, 'assignHeading')}</h2>
      <AssignForm prefs={prefs} auth={auth} department={department} leaves={leaves} errors={errors} />
    </AppShell>
  );
}
