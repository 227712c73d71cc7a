/** One department: its name, the sub-items it answers for, and assigning another one to it. */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { SelectField, TextField } from '../../web/ui/form-field.js';
import { Notice } from '../../web/ui/notices.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../../auth/shell.js';
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
  const choices = leaves
    .filter((l) => l.departmentId !== department.id)
    .map((l) => ({
      value: String(l.id),
      label: (
        <>
          {l.code} {l.name}（{l.departmentName ?? t(lang, 'noDepartment')}）
        </>
      ),
    }));
  return (
    <PostForm action={`/admin/departments/${department.id}/items`} csrf={auth.csrfToken} labelledBy="assign" submit={t(lang, 'assign')}>
      <SelectField id="itemId" label={t(lang, 'subItem')} choices={choices} error={errors.itemId} />
    </PostForm>
  );
}

export function DepartmentPage({ prefs, auth, department, leaves, name, errors, notice }: DepartmentPageProps) {
  const { lang } = prefs;
  const mine = leaves.filter((l) => l.departmentId === department.id);
  return (
    <AppShell title={`${department.name} — ${t(lang, 'department')}`} prefs={prefs} path={`/admin/departments/${department.id}`} auth={auth}>
      <h1>{department.name}</h1>
      <Notice message={notice} />
      <PostForm action={`/admin/departments/${department.id}`} csrf={auth.csrfToken} submit={t(lang, 'saveName')}>
        <TextField id="name" label={t(lang, 'name')} value={name} required error={errors.name} />
      </PostForm>
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
