/** One account: its details and roles, a new one-time password, and lifting a sign-in pause. */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { Notice } from '../../web/ui/notices.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell, CsrfField } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { DepartmentRow } from '../../departments/departments-queries.js';
import { isPaused, type UserRow } from '../users-queries.js';
import { t } from '../messages.js';
import { UserFields, type UserFieldValues } from './user-fields.js';

export interface UserPageProps {
  prefs: Preferences;
  auth: Session;
  user: UserRow;
  departments: DepartmentRow[];
  values: UserFieldValues;
  errors: FieldErrors;
  notice?: string | undefined;
  newPassword?: string | undefined;
}

function PasswordAndPause({ prefs, auth, user }: { prefs: Preferences; auth: Session; user: UserRow }) {
  const { lang } = prefs;
  return (
    <>
      <h2>{t(lang, 'resetPassword')}</h2>
      <form method="post" action={`/admin/users/${user.id}/password`}>
        <CsrfField auth={auth} />
        <p>{t(lang, 'resetExplained')}</p>
        <button type="submit" class="secondary">
          {t(lang, 'reset')}
        </button>
      </form>
      <h2>{t(lang, 'pause')}</h2>
      <form method="post" action={`/admin/users/${user.id}/unlock`}>
        <CsrfField auth={auth} />
        <p id="pause-state">{isPaused(user) ? t(lang, 'pausedNow') : t(lang, 'notPaused')}</p>
        <button type="submit" class="secondary" aria-describedby="pause-state">
          {t(lang, 'unlock')}
        </button>
      </form>
    </>
  );
}

export function UserPage({ prefs, auth, user, departments, values, errors, notice, newPassword }: UserPageProps) {
  const { lang } = prefs;
  return (
    <AppShell title={`${user.login} — ${t(lang, 'user')}`} prefs={prefs} path={`/admin/users/${user.id}`} auth={auth}>
      <h1>
        {user.displayName}（{user.login}）
      </h1>
      <Notice message={notice} />
      {newPassword && (
        <div class="notice" role="status">
          <p>
            {t(lang, 'newPassword')} <code>{newPassword}</code>
          </p>
        </div>
      )}
      <PostForm action={`/admin/users/${user.id}`} csrf={auth.csrfToken} submit={t(lang, 'save')}>
        <UserFields lang={lang} values={values} errors={errors} departments={departments} withLogin={false} />
        <div class="choices">
          <label>
            <input type="checkbox" name="disabled" value="1" checked={Boolean(values.disabled)} />
            <span>{t(lang, 'disable')}</span>
          </label>
        </div>
      </PostForm>
      <PasswordAndPause prefs={prefs} auth={auth} user={user} />
    </AppShell>
  );
}
