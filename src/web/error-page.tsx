/**
 * The one place an error becomes an HTML page. AppErrors carry their status and a
 * message written for the reader; anything else is a 500 whose details stay in the log.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { t } from './i18n.js';
import { Layout, renderPage, withPreference } from './layout.js';
import type { Preferences } from './preferences.js';
import { pathOf } from './request-path.js';

export function ErrorPage({ prefs, path, title, message }: { prefs: Preferences; path: string; title: string; message: string }) {
  return (
    <Layout title={title} prefs={prefs} path={path}>
      <h1>{title}</h1>
      {message && <p>{message}</p>}
      <p>
        <a href={withPreference('/', prefs, {})}>{t(prefs.lang, 'plans')}</a>
      </p>
    </Layout>
  );
}

const TITLE_KEYS = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 409: 'cannotDoNow', 422: 'invalidInput', 503: 'unavailable' } as const;

function titleFor(prefs: Preferences, status: number): string {
  const key = TITLE_KEYS[status as keyof typeof TITLE_KEYS];
  return t(prefs.lang, key ?? (status >= 500 ? 'serverError' : 'badRequest'));
}

/** Status, title and message shown for any thrown value. */
export function describeError(error: unknown): { status: number; message: string } {
  if (error instanceof AppError) return { status: error.status, message: error.message };
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  const status = typeof statusCode === 'number' && statusCode >= 400 ? statusCode : 500;
  // Framework 4xx messages (bad JSON, body too large) are safe to show; 5xx details are not.
  return { status, message: status >= 500 ? '' : String((error as Error).message ?? '') };
}

/**
 * Lets the server's wiring draw an error inside another shell (the signed-in
 * screens' navigation) without this module knowing any domain. Returns undefined
 * to fall back to the plain page.
 */
export type ErrorShell = (req: FastifyRequest, page: { title: string; message: string; path: string }) => string | undefined;

export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, error: unknown, shell?: ErrorShell): FastifyReply {
  const { status, message } = describeError(error);
  if (status >= 500) req.log.error(error);
  const page = { title: titleFor(req.prefs, status), message, path: pathOf(req) };
  const html = shell?.(req, page) ?? renderPage(<ErrorPage prefs={req.prefs} {...page} />);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export function sendNotFoundPage(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const html = renderPage(<ErrorPage prefs={req.prefs} path={pathOf(req)} title={t(req.prefs.lang, 'notFound')} message={pathOf(req)} />);
  return reply.code(404).type('text/html; charset=utf-8').send(html);
}
