/** The sign-in page. It posts with its own CSRF token (a cookie), as there is no session yet. */
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { TextField } from '../../web/ui/form-field.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../shell.js';
import { t } from '../messages.js';

export function LoginPage({ prefs, csrf, next, login, error }: { prefs: Preferences; csrf: string; next: string; login: string; error?: string | undefined }) {
  const { lang } = prefs;
  return (
    <AppShell title={t(lang, 'signIn')} prefs={prefs} path="/login" auth={null}>
      <h1>{t(lang, 'signIn')}</h1>
      {error && (
        <div class="alert" role="alert" id="login-error">
          <p>{error}</p>
        </div>
      )}
      <PostForm action={withPreference('/login', prefs, {})} csrf={csrf} hidden={{ next }} submit={t(lang, 'signIn')}>
        {/* The failure is said once, above the form: it names neither field as the wrong one. */}
        <TextField id="login" label={t(lang, 'loginId')} value={login} autocomplete="username" required describedBy={error ? ['login-error'] : []} />
        <TextField id="password" type="password" label={t(lang, 'password')} autocomplete="current-password" required />
      </PostForm>
    </AppShell>
  );
}
