/** All departments, and the form that adds one. */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import type { Column } from '../../web/ui/data-table.js';
import { fieldsOf, TextField } from '../../web/ui/form-field.js';
import { LinkedListTable, type NameColumn } from '../../web/ui/linked-list-table.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { DepartmentRow } from '../departments-queries.js';
import { t } from '../messages.js';

function DepartmentTable({ prefs, departments }: { prefs: Preferences; departments: DepartmentRow[] }) {
  const { lang } = prefs;
  const first: NameColumn<DepartmentRow> = { header: t(lang, 'departmentColumn'), name: (d) => d.name, href: (d) => `/admin/departments/${d.id}` };
  const rest: Column<DepartmentRow>[] = [
    { header: t(lang, 'code'), cell: (d) => d.code },
    { header: t(lang, 'subItems'), numeric: true, cell: (d) => d.items },
    { header: t(lang, 'users'), numeric: true, cell: (d) => d.users },
  ];
  return <LinkedListTable prefs={prefs} caption={t(lang, 'allDepartments')} rows={departments} first={first} rest={rest} />;
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
  const field = fieldsOf(values, errors);
  return (
    <AppShell title={t(lang, 'departments')} prefs={prefs} path="/admin/departments" auth={auth}>
      <h1>{t(lang, 'departments')}</h1>
      <p class="note">{t(lang, 'sampleNote')}</p>
      <DepartmentTable prefs={prefs} departments={departments} />
      <h2 id="new-dept">{t(lang, 'addDepartment')}</h2>
      <PostForm action="/admin/departments" csrf={auth.csrfToken} labelledBy="new-dept" submit={t(lang, 'add')}>
        <TextField {...field('code')} label={t(lang, 'code')} required />
        <TextField {...field('name')} label={t(lang, 'name')} required />
      </PostForm>
    </AppShell>
  );
}
