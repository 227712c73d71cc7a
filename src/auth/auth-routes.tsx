/** Sign-in, sign-out and password change screens. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { AccountError, changeOwnPassword, signIn } from './accounts.js';
import { field, guardedRoute, safeEqual, sendPage, sessionCookieOptions } from './guard.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import { createSession, deleteSession, hashToken, SESSION_COOKIE, type Session } from './sessions.js';
import { CsrfField, FieldError, renderShell, tr } from './shell.js';

const LOGIN_CSRF_COOKIE = 'hyoka_login_csrf';
export const SIGN_IN_REFUSED_JA = 'ログインIDまたはパスワードが正しくありません。失敗が続くと、この接続元からのログインはしばらく（最長15分）止まります。急ぐときは管理者に解除を依頼してください。';

/** Only same-site paths; anything else (//evil, https://…) falls back to the task page. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && !next.startsWith('/login') ? next : '/work';
}

function LoginForm({ prefs, csrf, next, login, error }: { prefs: Preferences; csrf: string; next: string; login: string; error?: string }) {
  return (
    <>
      <h1>{tr(prefs, 'ログイン', 'Sign in')}</h1>
      {error && (
        <div class="alert" role="alert" id="login-error">
          <p>{error}</p>
        </div>
      )}
      <form class="wf-form" method="post" action={withPreference('/login', prefs, {})}>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={next} />
        <div>
          <label for="login">{tr(prefs, 'ログインID', 'Login ID')}</label>
          <input type="text" id="login" name="login" value={login} autocomplete="username" required aria-describedby={error ? 'login-error' : undefined} />
        </div>
        <div>
          <label for="password">{tr(prefs, 'パスワード', 'Password')}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </div>
        <div class="actions">
          <button type="submit">{tr(prefs, 'ログイン', 'Sign in')}</button>
        </div>
      </form>
    </>
  );
}

function PasswordForm({ prefs, auth, errors, forced, done }: { prefs: Preferences; auth: Session; errors: Record<string, string>; forced: boolean; done?: boolean }) {
  return (
    <>
      <h1>{tr(prefs, 'パスワード変更', 'Change password')}</h1>
      {forced && <p class="notice">{tr(prefs, '初期パスワードのままです。利用を始める前に新しいパスワードを設定してください。', 'You are using a one-time initial password. Set a new password before you continue.')}</p>}
      {done && <p class="notice" role="status">{tr(prefs, 'パスワードを変更しました。', 'Your password was changed.')}</p>}
      <form class="wf-form" method="post" action="/account/password">
        <CsrfField auth={auth} />
        <div>
          <label for="current">{tr(prefs, '現在のパスワード', 'Current password')}</label>
          <input type="password" id="current" name="current" autocomplete="current-password" required aria-invalid={errors.current ? 'true' : undefined} aria-describedby={errors.current ? 'current-error' : undefined} />
          <FieldError id="current-error" message={errors.current} />
        </div>
        <div>
          <label for="next">{tr(prefs, '新しいパスワード', 'New password')}</label>
          <input type="password" id="next" name="next" autocomplete="new-password" required minLength={MIN_PASSWORD_LENGTH} aria-invalid={errors.next ? 'true' : undefined} aria-describedby={`next-hint${errors.next ? ' next-error' : ''}`} />
          <p class="hint" id="next-hint">{tr(prefs, `${MIN_PASSWORD_LENGTH}文字以上。ログインIDを含むもの、同じ文字の繰り返し、よく使われるパスワードは使えません。`, `At least ${MIN_PASSWORD_LENGTH} characters; not containing your login ID, not one character repeated, not a common password.`)}</p>
          <FieldError id="next-error" message={errors.next} />
        </div>
        <div>
          <label for="confirm">{tr(prefs, '新しいパスワード（確認）', 'New password (again)')}</label>
          <input type="password" id="confirm" name="confirm" autocomplete="new-password" required aria-invalid={errors.confirm ? 'true' : undefined} aria-describedby={errors.confirm ? 'confirm-error' : undefined} />
          <FieldError id="confirm-error" message={errors.confirm} />
        </div>
        <div class="actions">
          <button type="submit">{tr(prefs, '変更する', 'Change')}</button>
        </div>
      </form>
    </>
  );
}

function clientIp(req: FastifyRequest): string {
  return req.ip || 'unknown';
}

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showLogin = (req: FastifyRequest, reply: FastifyReply, status: number, login: string, next: string, error?: string) => {
    let csrf = req.cookies[LOGIN_CSRF_COOKIE];
    if (!csrf || !/^[A-Za-z0-9_-]{32,64}$/.test(csrf)) {
      csrf = randomBytes(24).toString('base64url');
      reply.setCookie(LOGIN_CSRF_COOKIE, csrf, sessionCookieOptions(ctx));
    }
    const html = renderShell({ title: tr(req.prefs, 'ログイン', 'Sign in'), prefs: req.prefs, path: '/login', auth: null }, (
      <LoginForm prefs={req.prefs} csrf={csrf} next={next} login={login} {...(error ? { error } : {})} />
    ));
    return sendPage(reply, html, status);
  };

  guardedRoute(app, 'GET', '/login', 'anyone', async (req, reply) => {
    if (req.auth) return reply.redirect(safeNext(req.query.next), 303);
    return showLogin(req, reply, 200, '', safeNext(req.query.next));
  });

  guardedRoute(app, 'POST', '/login', 'anyone', async (req, reply) => {
    const login = field(req.body, 'login').trim().toLowerCase();
    const password = field(req.body, 'password');
    const next = safeNext(field(req.body, 'next'));
    const cookieToken = req.cookies[LOGIN_CSRF_COOKIE];
    const sent = field(req.body, '_csrf');
    if (!cookieToken || !sent || !safeEqual(cookieToken, sent)) {
      return showLogin(req, reply, 403, login, next, tr(req.prefs, '不正なリクエストです。ページを開き直してからもう一度ログインしてください。', 'Invalid request. Reload the page and sign in again.'));
    }
    const result = await signIn(ctx.db, login, password, clientIp(req));
    if (!result.ok) {
      const message =
        result.reason === 'rate-limited'
          ? tr(req.prefs, 'ログインの試行が多すぎます。しばらく待ってからもう一度お試しください。', 'Too many sign-in attempts. Wait a while and try again.')
          : // One message for an unknown login, a wrong password and a paused one: it must not tell which logins exist.
            tr(req.prefs, SIGN_IN_REFUSED_JA, 'Wrong login ID or password. After repeated failures, sign-in from this address pauses for a while (up to 15 minutes); an administrator can lift the pause.');
      return showLogin(req, reply, result.reason === 'rate-limited' ? 429 : 401, login, next, message);
    }
    // Never keep a session id the browser brought along: a new id on every sign-in.
    const presented = req.cookies[SESSION_COOKIE];
    if (presented) await deleteSession(ctx.db, hashToken(presented));
    const { token } = await createSession(ctx.db, result.userId);
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx));
    reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
    return reply.redirect(result.mustChangePassword ? '/account/password' : next, 303);
  });

  guardedRoute(app, 'POST', '/logout', 'signedIn', async (req, reply) => {
    if (req.auth) await deleteSession(ctx.db, req.auth.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(withPreference('/login', req.prefs, {}), 303);
  });

  guardedRoute(app, 'GET', '/account/password', 'signedIn', async (req, reply, user) => {
    const html = renderShell({ title: tr(req.prefs, 'パスワード変更', 'Change password'), prefs: req.prefs, path: '/account/password', auth: req.auth }, (
      <PasswordForm prefs={req.prefs} auth={req.auth!} errors={{}} forced={user.mustChangePassword} done={req.query.done === '1'} />
    ));
    return sendPage(reply, html);
  });

  guardedRoute(app, 'POST', '/account/password', 'signedIn', async (req, reply, user) => {
    const current = field(req.body, 'current');
    const next = field(req.body, 'next');
    const confirm = field(req.body, 'confirm');
    const errors: Record<string, string> = {};
    if (next !== confirm) errors.confirm = tr(req.prefs, '確認用のパスワードが一致しません。', 'The two new passwords differ.');
    if (!errors.confirm) {
      try {
        await changeOwnPassword(ctx.db, user.id, current, next, req.auth!.id, clientIp(req));
        return reply.redirect('/account/password?done=1', 303);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        errors[error.field ?? 'next'] = error.message;
      }
    }
    const html = renderShell({ title: tr(req.prefs, 'パスワード変更', 'Change password'), prefs: req.prefs, path: '/account/password', auth: req.auth }, (
      <PasswordForm prefs={req.prefs} auth={req.auth!} errors={errors} forced={user.mustChangePassword} />
    ));
    return sendPage(reply, html, 422);
  });
}
