/**
 * The authentication plugin and route guard. The plugin reads the session cookie on
 * every request (req.auth). Routes are declared with `guardedRoute`, naming who may
 * call them; the guard redirects anonymous readers to sign-in, refuses other roles
 * (403), checks the CSRF token on every POST, and records the route so the
 * authorization matrix test can enumerate all of them.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { withPreference } from '../web/layout.js';
import { can, type Permission } from './roles.js';
import { MessagePage } from './shell.js';
import { renderPage } from '../web/layout.js';
import { t } from './messages.js';
import { loadSession, SESSION_COOKIE, type Session, type SessionUser } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Session | null;
  }
  interface FastifyInstance {
    guardedRoutes: GuardedRouteInfo[];
  }
}

/** anyone: no sign-in needed; signedIn: any role; otherwise any one of the permissions. */
export type Access = 'anyone' | 'signedIn' | readonly Permission[];

export interface GuardedRouteInfo {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
}

/** Registers the session reader for the whole app (not encapsulated, like fastify-plugin). */
export async function authPlugin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.decorateRequest('auth', null);
  app.decorate('guardedRoutes', [] as GuardedRouteInfo[]);
  // A callback hook: every request runs it, and an async hook costs a promise and a turn of
  // the microtask queue even when there is no session to look up.
  app.addHook('onRequest', (req, _reply, done) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      req.auth = null;
      done();
      return;
    }
    loadSession(ctx.db, token).then((session) => {
      req.auth = session ?? null;
      done();
    }, done);
  });
}
// Hooks and decorators of this plugin apply to the whole app, not only its own scope.
(authPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export function sessionCookieOptions(ctx: AppContext) {
  // 'auto': @fastify/cookie adds Secure when req.protocol is https (directly, or via a trusted proxy).
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies ? true : ('auto' as const) };
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export function forbidden(req: FastifyRequest, reply: FastifyReply, message?: string): FastifyReply {
  const prefs = req.prefs;
  const path = req.url.split('?')[0] ?? '/';
  return sendPage(
    reply,
    renderPage(
      <MessagePage title={t(prefs.lang, 'notAllowedTitle')} message={message ?? t(prefs.lang, 'notAllowed')} prefs={prefs} path={path} auth={req.auth} />,
    ),
    403,
  );
}

export function notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const prefs = req.prefs;
  const path = req.url.split('?')[0] ?? '/';
  return sendPage(
    reply,
    renderPage(<MessagePage title={t(prefs.lang, 'pageNotFoundTitle')} message={t(prefs.lang, 'pageNotFound')} prefs={prefs} path={path} auth={req.auth} />),
    404,
  );
}

/** Pages the user may still reach while a password change is pending. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/account/password', '/logout']);

export type GuardedHandler<P> = (
  req: FastifyRequest<{ Params: P; Body: Record<string, unknown>; Querystring: Record<string, string | undefined> }>,
  reply: FastifyReply,
  user: SessionUser,
) => Promise<unknown>;

export function guardedRoute<P = Record<string, string>>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  access: Access,
  handler: GuardedHandler<P>,
): void {
  app.guardedRoutes.push({ method, url, access });
  app.route<{ Params: P; Body: Record<string, unknown>; Querystring: Record<string, string | undefined> }>({
    method,
    url,
    handler: async (req, reply) => {
      const auth = req.auth;
      // Routes open to anyone (sign-in) never read the user argument; req.auth tells them who, if anyone.
      if (access === 'anyone') return handler(req, reply, auth?.user as SessionUser);
      if (!auth) {
        if (method === 'GET') return reply.redirect(withPreference(`/login?next=${encodeURIComponent(req.url)}`, req.prefs, {}), 303);
        return sendPage(
          reply,
          renderPage(
            <MessagePage
              title={t(req.prefs.lang, 'signInRequiredTitle')}
              message={t(req.prefs.lang, 'sessionEnded')}
              prefs={req.prefs}
              path={url}
              auth={null}
            />,
          ),
          401,
        );
      }
      if (method === 'POST') {
        const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
        if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
          return forbidden(req, reply, t(req.prefs.lang, 'csrfMismatch'));
        }
      }
      if (auth.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(url)) {
        return reply.redirect(withPreference('/account/password', req.prefs, {}), 303);
      }
      if (access !== 'signedIn' && !access.some((p) => can(auth.user.roles, p))) return forbidden(req, reply);
      return handler(req, reply, auth.user);
    },
  });
}
