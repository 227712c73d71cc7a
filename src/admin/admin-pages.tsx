/** Screens for administrators: users (roles, departments, one-time passwords) and departments. */
import { withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { AppShell, CsrfField, FieldError, tr } from '../auth/shell.js';
import type { Session } from '../auth/sessions.js';
import { ROLE_LABELS, ROLES, type Role } from '../auth/roles.js';
import type { UserRow } from '../auth/accounts.js';
import type { DepartmentRow, LeafRow } from './departments.js';

interface Base {
  prefs: Preferences;
  auth: Session;
  path: string;
}

export interface UserFormValues {
  login: string;
  displayName: string;
  email: string;
  roles: Role[];
  departmentIds: number[];
  disabled?: boolean;
}

const roleLabel = (prefs: Preferences, r: Role) => (prefs.lang === 'en' ? ROLE_LABELS[r].en : ROLE_LABELS[r].ja);

function UserFields({ prefs, values, errors, departments, withLogin }: { prefs: Preferences; values: UserFormValues; errors: Record<string, string>; departments: DepartmentRow[]; withLogin: boolean }) {
  return (
    <>
      {withLogin && (
        <div>
          <label for="login">{tr(prefs, 'ログインID', 'Login ID')}</label>
          <input type="text" id="login" name="login" value={values.login} required autocomplete="off" aria-invalid={errors.login ? 'true' : undefined} aria-describedby={`login-hint${errors.login ? ' login-error' : ''}`} />
          <p class="hint" id="login-hint">{tr(prefs, '英小文字・数字・「.」「_」「-」', 'Lowercase letters, digits, . _ -')}</p>
          <FieldError id="login-error" message={errors.login} />
        </div>
      )}
      <div>
        <label for="displayName">{tr(prefs, '氏名', 'Name')}</label>
        <input type="text" id="displayName" name="displayName" value={values.displayName} required aria-invalid={errors.displayName ? 'true' : undefined} aria-describedby={errors.displayName ? 'displayName-error' : undefined} />
        <FieldError id="displayName-error" message={errors.displayName} />
      </div>
      <div>
        <label for="email">{tr(prefs, 'メールアドレス（督促の送信先）', 'E-mail (for reminders)')}</label>
        <input type="email" id="email" name="email" value={values.email} aria-invalid={errors.email ? 'true' : undefined} aria-describedby={errors.email ? 'email-error' : undefined} />
        <FieldError id="email-error" message={errors.email} />
      </div>
      <fieldset aria-describedby={errors.roles ? 'roles-error' : undefined}>
        <legend>{tr(prefs, '役割（複数可）', 'Roles (several allowed)')}</legend>
        <div class="choices">
          {ROLES.map((r) => (
            <label>
              <input type="checkbox" name="roles" value={r} checked={values.roles.includes(r)} />
              <span>{roleLabel(prefs, r)}</span>
            </label>
          ))}
        </div>
        <FieldError id="roles-error" message={errors.roles} />
      </fieldset>
      <fieldset>
        <legend>{tr(prefs, '担当課（事務事業担当課の役割で使用。複数可）', 'Departments (for department editors)')}</legend>
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

export function UsersPage({ prefs, auth, path, users, departments, values, errors, created }: Base & { users: UserRow[]; departments: DepartmentRow[]; values: UserFormValues; errors: Record<string, string>; created?: { login: string; password: string } }) {
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  return (
    <AppShell title={tr(prefs, '利用者', 'Users')} prefs={prefs} path={path} auth={auth}>
      <h1>{tr(prefs, '利用者', 'Users')}</h1>
      {created && (
        <div class="notice" role="status">
          <p>
            {tr(prefs, `「${created.login}」を作成しました。初期パスワード（この画面でのみ表示。初回ログイン時に変更が必要）:`, `Created ${created.login}. One-time initial password (shown only here; must be changed at first sign-in):`)}{' '}
            <code>{created.password}</code>
          </p>
        </div>
      )}
      <div class="table-wrap">
        <table>
          <caption>{tr(prefs, '利用者一覧', 'All users')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(prefs, 'ログインID', 'Login ID')}</th>
              <th scope="col">{tr(prefs, '氏名', 'Name')}</th>
              <th scope="col">{tr(prefs, '役割', 'Roles')}</th>
              <th scope="col">{tr(prefs, '担当課', 'Departments')}</th>
              <th scope="col">{tr(prefs, '状態', 'State')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <th scope="row">
                  <a href={withPreference(`/admin/users/${u.id}`, prefs, {})}>{u.login}</a>
                </th>
                <td>{u.displayName}</td>
                <td>{u.roles.map((r) => roleLabel(prefs, r)).join('、')}</td>
                <td>{u.departmentIds.map((d) => deptName.get(d) ?? '').join('、')}</td>
                <td>
                  {u.disabled ? tr(prefs, '無効', 'Disabled') : isPaused(u) ? tr(prefs, 'ログイン一時停止中', 'Sign-in paused') : u.mustChangePassword ? tr(prefs, '初期パスワード', 'Initial password') : tr(prefs, '有効', 'Active')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="new-user">{tr(prefs, '利用者を追加', 'Add a user')}</h2>
      <form class="wf-form" method="post" action="/admin/users" aria-labelledby="new-user">
        <CsrfField auth={auth} />
        <UserFields prefs={prefs} values={values} errors={errors} departments={departments} withLogin={true} />
        <p class="hint">{tr(prefs, '初期パスワードは自動で作成し、作成後に一度だけ表示します。', 'A one-time initial password is generated and shown once.')}</p>
        <div class="actions">
          <button type="submit">{tr(prefs, '追加する', 'Add')}</button>
        </div>
      </form>
    </AppShell>
  );
}

function isPaused(u: UserRow): boolean {
  return u.lockedUntil !== null && new Date(u.lockedUntil) > new Date();
}

export function UserPage({ prefs, auth, path, user, departments, values, errors, notice, newPassword }: Base & { user: UserRow; departments: DepartmentRow[]; values: UserFormValues; errors: Record<string, string>; notice?: string; newPassword?: string }) {
  return (
    <AppShell title={`${user.login} — ${tr(prefs, '利用者', 'User')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {user.displayName}（{user.login}）
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {newPassword && (
        <div class="notice" role="status">
          <p>
            {tr(prefs, '新しい初期パスワード（この画面でのみ表示）:', 'New one-time password (shown only here):')} <code>{newPassword}</code>
          </p>
        </div>
      )}
      <form class="wf-form" method="post" action={`/admin/users/${user.id}`}>
        <CsrfField auth={auth} />
        <UserFields prefs={prefs} values={values} errors={errors} departments={departments} withLogin={false} />
        <div class="choices">
          <label>
            <input type="checkbox" name="disabled" value="1" checked={Boolean(values.disabled)} />
            <span>{tr(prefs, 'このアカウントを無効にする（ログイン中のセッションも終了）', 'Disable this account (ends its sessions)')}</span>
          </label>
        </div>
        <div class="actions">
          <button type="submit">{tr(prefs, '保存する', 'Save')}</button>
        </div>
      </form>
      <h2>{tr(prefs, 'パスワードの再発行', 'Reset password')}</h2>
      <form method="post" action={`/admin/users/${user.id}/password`}>
        <CsrfField auth={auth} />
        <p>{tr(prefs, '新しい初期パスワードを発行します。ログインの一時停止も解除されます。', 'Issues a new one-time password and lifts any sign-in pause.')}</p>
        <button type="submit" class="secondary">
          {tr(prefs, '初期パスワードを再発行する', 'Issue a new one-time password')}
        </button>
      </form>
      <h2>{tr(prefs, 'ログインの一時停止', 'Sign-in pause')}</h2>
      <form method="post" action={`/admin/users/${user.id}/unlock`}>
        <CsrfField auth={auth} />
        <p id="pause-state">
          {isPaused(user)
            ? tr(prefs, 'パスワードの失敗が続いたため、一部の接続元からのログインが一時的に止まっています。', 'After repeated wrong passwords, sign-in from some addresses is paused for a while.')
            : tr(prefs, '現在止まっていません。解除すると、失敗の回数も数え直しになります。', 'Not paused now. Unlocking also resets the count of failures.')}
        </p>
        <button type="submit" class="secondary" aria-describedby="pause-state">
          {tr(prefs, '一時停止を解除する', 'Lift the pause')}
        </button>
      </form>
    </AppShell>
  );
}

export function DepartmentsPage({ prefs, auth, path, departments, values, errors }: Base & { departments: DepartmentRow[]; values: { code: string; name: string }; errors: Record<string, string> }) {
  return (
    <AppShell title={tr(prefs, '担当課', 'Departments')} prefs={prefs} path={path} auth={auth}>
      <h1>{tr(prefs, '担当課', 'Departments')}</h1>
      <p class="note">{tr(prefs, 'サンプルデータの担当課はデモ用の割り当てです（samples/demo-departments.json）。', 'In the sample data the departments are a demo assignment (samples/demo-departments.json).')}</p>
      <div class="table-wrap">
        <table>
          <caption>{tr(prefs, '担当課一覧', 'All departments')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(prefs, '課', 'Department')}</th>
              <th scope="col">{tr(prefs, 'コード', 'Code')}</th>
              <th scope="col" class="num">{tr(prefs, '細目数', 'Sub-items')}</th>
              <th scope="col" class="num">{tr(prefs, '利用者数', 'Users')}</th>
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
      <h2 id="new-dept">{tr(prefs, '課を追加', 'Add a department')}</h2>
      <form class="wf-form" method="post" action="/admin/departments" aria-labelledby="new-dept">
        <CsrfField auth={auth} />
        <div>
          <label for="code">{tr(prefs, 'コード', 'Code')}</label>
          <input type="text" id="code" name="code" value={values.code} required aria-invalid={errors.code ? 'true' : undefined} aria-describedby={errors.code ? 'code-error' : undefined} />
          <FieldError id="code-error" message={errors.code} />
        </div>
        <div>
          <label for="name">{tr(prefs, '課の名前', 'Name')}</label>
          <input type="text" id="name" name="name" value={values.name} required aria-invalid={errors.name ? 'true' : undefined} aria-describedby={errors.name ? 'name-error' : undefined} />
          <FieldError id="name-error" message={errors.name} />
        </div>
        <div class="actions">
          <button type="submit">{tr(prefs, '追加する', 'Add')}</button>
        </div>
      </form>
    </AppShell>
  );
}

export function DepartmentPage({ prefs, auth, path, department, leaves, name, errors, notice }: Base & { department: DepartmentRow; leaves: LeafRow[]; name: string; errors: Record<string, string>; notice?: string }) {
  const mine = leaves.filter((l) => l.departmentId === department.id);
  return (
    <AppShell title={`${department.name} — ${tr(prefs, '担当課', 'Department')}`} prefs={prefs} path={path} auth={auth}>
      <h1>{department.name}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form class="wf-form" method="post" action={`/admin/departments/${department.id}`}>
        <CsrfField auth={auth} />
        <div>
          <label for="name">{tr(prefs, '課の名前', 'Name')}</label>
          <input type="text" id="name" name="name" value={name} required aria-invalid={errors.name ? 'true' : undefined} aria-describedby={errors.name ? 'name-error' : undefined} />
          <FieldError id="name-error" message={errors.name} />
        </div>
        <div class="actions">
          <button type="submit">{tr(prefs, '名前を保存', 'Save name')}</button>
        </div>
      </form>
      <h2>{tr(prefs, `担当の事務事業細目（${mine.length}件）`, `Sub-items (${mine.length})`)}</h2>
      <ul>
        {mine.map((l) => (
          <li>
            {l.code} {l.name}
          </li>
        ))}
      </ul>
      <h2 id="assign">{tr(prefs, '細目を割り当てる', 'Assign a sub-item')}</h2>
      <form class="wf-form" method="post" action={`/admin/departments/${department.id}/items`} aria-labelledby="assign">
        <CsrfField auth={auth} />
        <div>
          <label for="itemId">{tr(prefs, '事務事業細目', 'Sub-item')}</label>
          <select id="itemId" name="itemId" aria-invalid={errors.itemId ? 'true' : undefined} aria-describedby={errors.itemId ? 'itemId-error' : undefined}>
            {leaves
              .filter((l) => l.departmentId !== department.id)
              .map((l) => (
                <option value={String(l.id)}>
                  {l.code} {l.name}（{l.departmentName ?? tr(prefs, '未設定', 'none')}）
                </option>
              ))}
          </select>
          <FieldError id="itemId-error" message={errors.itemId} />
        </div>
        <div class="actions">
          <button type="submit">{tr(prefs, 'この課に割り当てる', 'Assign to this department')}</button>
        </div>
      </form>
    </AppShell>
  );
}
