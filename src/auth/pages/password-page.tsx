/** Changing one's own password (forced while the one-time initial password is in use). */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { MIN_PASSWORD_LENGTH } from '../password.js';
import type { Session } from '../sessions.js';
import { TextField } from '../../web/ui/form-field.js';
import { Notice } from '../../web/ui/notices.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../shell.js';
import { t } from '../messages.js';

export function PasswordPage({
  prefs,
  auth,
  errors,
  forced,
  done,
}: {
  prefs: Preferences;
  auth: Session;
  errors: FieldErrors;
  forced: boolean;
  done?: boolean;
}) {
  const { lang } = prefs;
  return (
    <AppShell title={t(lang, 'changePassword')} prefs={prefs} path="/account/password" auth={auth}>
      <h1>{t(lang, 'changePassword')}</h1>
      {forced && <p class="notice">{t(lang, 'forcedChange')}</p>}
      <Notice message={done ? t(lang, 'passwordChanged') : undefined} />
      <PostForm action="/account/password" csrf={auth.csrfToken} submit={t(lang, 'change')}>
        <TextField id="current" type="password" label={t(lang, 'currentPassword')} autocomplete="current-password" required error={errors.current} />
        <TextField
          id="next"
          type="password"
          label={t(lang, 'newPassword')}
          autocomplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t(lang, 'newPasswordHint', { min: MIN_PASSWORD_LENGTH })}
          error={errors.next}
        />
        <TextField id="confirm" type="password" label={t(lang, 'confirmPassword')} autocomplete="new-password" required error={errors.confirm} />
      </PostForm>
    </AppShell>
  );
}
