/** Sign-in, sign-out and password change. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { fieldErrorOf, parseInput, type FieldErrors } from '../web/forms.js';
import { renderPage, withPreference } from '../web/layout.js';
import { changeOwnPassword, signIn } from './auth-store.js';
import { loginFormSchema, loginQuerySchema, passwordFormSchema, passwordQuerySchema } from './auth-schema.js';
import { guardedRoute, safeEqual, sendPage, sessionCookieOptions } from './guard.js';
import { t } from './messages.js';
import { createSession, deleteSession, hashToken, SESSION_COOKIE, type SessionUser } from './sessions.js';
import { LoginPage } from './pages/login-page.js';
import { PasswordPage } from './pages/password-page.js';

export { SIGN_IN_REFUSED_JA } from './messages.js';

const LOGIN_CSRF_COOKIE = 'hyoka_login_csrf';

/** Only same-site paths; anything else (//evil, https://…) falls back to the task page. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && !next.startsWith('/login') ? next : '/work';
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
    return sendPage(reply, renderPage(<LoginPage prefs={req.prefs} csrf={csrf} next={next} login={login} error={error} />), status);
  };

  guardedRoute(app, 'GET', '/login', 'anyone', async (req, reply) => {
    const query = parseInput(loginQuerySchema, req.query, req.prefs.lang);
    const next = safeNext(query.ok ? query.value.next : undefined);
    if (req.auth) return reply.redirect(next, 303);
    return showLogin(req, reply, 200, '', next);
  });

  guardedRoute(app, 'POST', '/login', 'anyone', async (req, reply) => {
    const parsed = parseInput(loginFormSchema, req.body, req.prefs.lang);
    // Every field is a bounded string; a body that does not fit is a forged one.
    const form = parsed.ok ? parsed.value : { login: '', password: '', next: '', _csrf: '' };
    const next = safeNext(form.next);
    const cookieToken = req.cookies[LOGIN_CSRF_COOKIE];
    if (!parsed.ok || !cookieToken || !form._csrf || !safeEqual(cookieToken, form._csrf)) {
      return showLogin(req, reply, 403, form.login, next, t(req.prefs.lang, 'signInForged'));
    }
    const result = await signIn(ctx.db, form.login, form.password, clientIp(req));
    if (!result.ok) {
      // One message for an unknown login, a wrong password and a paused one: it must not tell which logins exist.
      const message = t(req.prefs.lang, result.reason === 'rate-limited' ? 'signInRateLimited' : 'signInRefused');
      return showLogin(req, reply, result.reason === 'rate-limited' ? 429 : 401, form.login, next, message);
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

  const showPassword = (req: FastifyRequest, reply: FastifyReply, user: SessionUser, errors: FieldErrors, status: number, done = false) =>
    sendPage(reply, renderPage(<PasswordPage prefs={req.prefs} auth={req.auth!} errors={errors} forced={user.mustChangePassword} done={done} />), status);

  guardedRoute(app, 'GET', '/account/password', 'signedIn', async (req, reply, user) => {
    const query = parseInput(passwordQuerySchema, req.query, req.prefs.lang);
    return showPassword(req, reply, user, {}, 200, query.ok && query.value.done === '1');
  });

  guardedRoute(app, 'POST', '/account/password', 'signedIn', async (req, reply, user) => {
    const parsed = parseInput(passwordFormSchema(req.prefs.lang), req.body, req.prefs.lang);
    if (!parsed.ok) return showPassword(req, reply, user, parsed.errors, 422);
    try {
      await changeOwnPassword(ctx.db, user.id, parsed.value.current, parsed.value.next, req.auth!.id, clientIp(req));
    } catch (error) {
      const errors = fieldErrorOf(error, 'next');
      if (!errors) throw error;
      return showPassword(req, reply, user, errors, 422);
    }
    return reply.redirect('/account/password?done=1', 303);
  });
}
