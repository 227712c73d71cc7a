/** All accounts, and the form that adds one (its one-time password shown once, after creation). */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import type { Column } from '../../web/ui/data-table.js';
import { LinkedListTable, type NameColumn } from '../../web/ui/linked-list-table.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { DepartmentRow } from '../../departments/departments-queries.js';
import { isPaused, type UserRow } from '../users-queries.js';
import { t } from '../messages.js';
import { roleLabel, UserFields, type UserFieldValues } from './user-fields.js';

function stateOf(lang: Preferences['lang'], u: UserRow): string {
  if (u.disabled) return t(lang, 'disabled');
  if (isPaused(u)) return t(lang, 'paused');
  return u.mustChangePassword ? t(lang, 'initialPassword') : t(lang, 'active');
}

function UserTable({ prefs, users, departments }: { prefs: Preferences; users: UserRow[]; departments: DepartmentRow[] }) {
  const { lang } = prefs;
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const first: NameColumn<UserRow> = { header: t(lang, 'loginId'), name: (u) => u.login, href: (u) => `/admin/users/${u.id}` };
  const rest: Column<UserRow>[] = [
    { header: t(lang, 'name'), cell: (u) => u.displayName },
    { header: t(lang, 'roles'), cell: (u) => u.roles.map((r) => roleLabel(lang, r)).join('、') },
    { header: t(lang, 'departments'), cell: (u) => u.departmentIds.map((d) => deptName.get(d) ?? '').join('、') },
    { header: t(lang, 'state'), cell: (u) => stateOf(lang, u) },
  ];
  return <LinkedListTable prefs={prefs} caption={t(lang, 'allUsers')} rows={users} first={first} rest={rest} />;
}

export interface UserListPageProps {
  prefs: Preferences;
  auth: Session;
  users: UserRow[];
  departments: DepartmentRow[];
  values: UserFieldValues;
  errors: FieldErrors;
  created?: { login: string; password: string } | undefined;
}

export function UserListPage({ prefs, auth, users, departments, values, errors, created }: UserListPageProps) {
  const { lang } = prefs;
  return (
    <AppShell title={t(lang, 'users')} prefs={prefs} path="/admin/users" auth={auth}>
      <h1>{t(lang, 'users')}</h1>
      {created && (
        <div class="notice" role="status">
          <p>
            {t(lang, 'created', { login: created.login })} <code>{created.password}</code>
          </p>
        </div>
      )}
      <UserTable prefs={prefs} users={users} departments={departments} />
      <h2 id="new-user">{t(lang, 'addUser')}</h2>
      <PostForm action="/admin/users" csrf={auth.csrfToken} labelledBy="new-user" submit={t(lang, 'add')}>
        <UserFields lang={lang} values={values} errors={errors} departments={departments} withLogin={true} />
        <p class="hint">{t(lang, 'addHint')}</p>
      </PostForm>
    </AppShell>
  );
}
