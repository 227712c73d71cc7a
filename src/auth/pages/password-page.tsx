/** Changing one's own password (forced while the one-time initial password is in use). */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { MIN_PASSWORD_LENGTH } from '../password.js';
import type { Session } from '../sessions.js';
import { FieldError } from '../../web/ui/form-field.js';
import { AppShell, CsrfField } from '../shell.js';
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
      {done && (
        <p class="notice" role="status">
          {t(lang, 'passwordChanged')}
        </p>
      )}
      <form class="wf-form" method="post" action="/account/password">
        <CsrfField auth={auth} />
        <div>
          <label for="current">{t(lang, 'currentPassword')}</label>
          <input
            type="password"
            id="current"
            name="current"
            autocomplete="current-password"
            required
            aria-invalid={errors.current ? 'true' : undefined}
            aria-describedby={errors.current ? 'current-error' : undefined}
          />
          <FieldError id="current-error" message={errors.current} />
        </div>
        <div>
          <label for="next">{t(lang, 'newPassword')}</label>
          <input
            type="password"
            id="next"
            name="next"
            autocomplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            aria-invalid={errors.next ? 'true' : undefined}
            aria-describedby={`next-hint${errors.next ? ' next-error' : ''}`}
          />
          <p class="hint" id="next-hint">
            {t(lang, 'newPasswordHint', { min: MIN_PASSWORD_LENGTH })}
          </p>
          <FieldError id="next-error" message={errors.next} />
        </div>
        <div>
          <label for="confirm">{t(lang, 'confirmPassword')}</label>
          <input
            type="password"
            id="confirm"
            name="confirm"
            autocomplete="new-password"
            required
            aria-invalid={errors.confirm ? 'true' : undefined}
            aria-describedby={errors.confirm ? 'confirm-error' : undefined}
          />
          <FieldError id="confirm-error" message={errors.confirm} />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, 'change')}</button>
        </div>
      </form>
    </AppShell>
  );
}
