/** The sign-in page. It posts with its own CSRF token (a cookie), as there is no session yet. */
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
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
      <form class="wf-form" method="post" action={withPreference('/login', prefs, {})}>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={next} />
        <div>
          <label for="login">{t(lang, 'loginId')}</label>
          <input type="text" id="login" name="login" value={login} autocomplete="username" required aria-describedby={error ? 'login-error' : undefined} />
        </div>
        <div>
          <label for="password">{t(lang, 'password')}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, 'signIn')}</button>
        </div>
      </form>
    </AppShell>
  );
}
