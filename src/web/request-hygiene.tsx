/**
 * Bytes no client has a reason to send are refused before any route sees them: C0
 * control characters (NUL above all, which PostgreSQL cannot store in text and which
 * would otherwise surface as a 500) in the path, the query, cookies and the body, and
 * a path whose percent-encoding does not decode. Multi-line form and JSON text keeps
 * its tab, line feed and carriage return; paths, queries and cookies are single-line
 * and keep none. Pages get a Japanese-first HTML page, /api/ gets problem+json.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from './i18n.js';
import { toProblem } from './problem.js';
import { pathOf } from './request-path.js';
import { Layout, renderPage, withPreference } from './layout.js';
import { DEFAULT_PREFERENCES, type Preferences } from './preferences.js';
import { setDefaultSecurityHeaders } from './security-headers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its method, HEAD left out, so tests can send bad bytes to all of them. */
    routeTable: { method: string; url: string }[];
  }
}

// C0 controls and DEL; the body variant allows tab, LF and CR.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Where = 'path' | 'query' | 'cookie' | 'body';

function isApi(url: string): boolean {
  return url.startsWith('/api/');
}

function badRequestPage(prefs: Preferences, title: string, message: string): string {
  return renderPage(
    <Layout title={title} prefs={prefs} path="/">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={withPreference('/', prefs, {})}>{t(prefs.lang, 'toStartPage')}</a>
      </p>
    </Layout>,
  );
}

function sendBadRequest(req: FastifyRequest, reply: FastifyReply, where: Where | 'encoding', parameter?: string): FastifyReply {
  const prefs = req.prefs ?? DEFAULT_PREFERENCES;
  const url = req.raw.url ?? '/';
  const detail = (lang: Preferences['lang']) =>
    where === 'encoding' ? t(lang, 'badEncoding') : t(lang, 'badCharacters', { where: t(lang, `where_${where}`) });
  reply.code(400).header('cache-control', 'no-store');
  if (isApi(url)) {
    const problem = toProblem({ status: 400, slug: 'invalid-parameter', detail: detail('ja'), parameter }, pathOf({ url }));
    return reply.type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
  }
  const message = t(prefs.lang, 'badRequestMessage', { detail: detail(prefs.lang) });
  return reply.type('text/html; charset=utf-8').send(badRequestPage(prefs, t(prefs.lang, 'badRequestTitle'), message));
}

/** The first string (key or value) in a parsed body that has a forbidden character, by its field name. */
function badField(value: unknown, name: string, depth = 0): string | undefined {
  if (typeof value === 'string') return TEXT_FORBIDDEN.test(value) ? name : undefined;
  // Deeper than any form or JSON body hyoka accepts: refuse rather than walk it.
  if (depth > 32) return name;
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = badField(v, name, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (TEXT_FORBIDDEN.test(k)) return k;
      const bad = badField(v, k, depth + 1);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

function badQuery(req: FastifyRequest): string | undefined {
  const raw = req.raw.url ?? '';
  const q = raw.indexOf('?');
  if (q < 0) return undefined;
  for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) {
    if (SINGLE_LINE_FORBIDDEN.test(k) || SINGLE_LINE_FORBIDDEN.test(v)) return k;
  }
  return undefined;
}

function badPath(req: FastifyRequest): boolean | 'encoding' {
  const raw = req.raw.url ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  // Without a percent sign decoding changes nothing and cannot fail.
  if (!path.includes('%')) return SINGLE_LINE_FORBIDDEN.test(path);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'encoding';
  }
  return SINGLE_LINE_FORBIDDEN.test(decoded);
}

/** Where the path, the query or a cookie has a byte no client has a reason to send. */
function badRequestPart(req: FastifyRequest): { where: Where | 'encoding'; parameter?: string } | undefined {
  const path = badPath(req);
  if (path) return { where: path === 'encoding' ? 'encoding' : 'path' };
  const parameter = badQuery(req);
  if (parameter !== undefined) return { where: 'query', parameter };
  const cookies = req.cookies;
  if (cookies)
    for (const name of Object.keys(cookies)) {
      const value = cookies[name];
      if (value !== undefined && SINGLE_LINE_FORBIDDEN.test(value)) return { where: 'cookie', parameter: name };
    }
  return undefined;
}

/**
 * fastify's `frameworkErrors` option: a path the router cannot decode
 * (`/plans/%E0%A4%A`) gets the same 400 as any other bad byte.
 */
export function onFrameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  // The router failed before any hook ran, so the usual headers are set here.
  setDefaultSecurityHeaders(req, reply);
  if (error.code === 'FST_ERR_BAD_URL') {
    sendBadRequest(req, reply, 'encoding');
    return;
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  reply.code(status).type('text/plain; charset=utf-8').send(error.message);
}

/** Registers the checks on the whole app; call before any route is added. */
export function registerRequestHygiene(app: FastifyInstance): void {
  app.decorate('routeTable', [] as { method: string; url: string }[]);
  app.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD') app.routeTable.push({ method, url: route.url });
  });
  // Callback hooks, as every request runs them: an async hook costs a promise and a turn of the
  // microtask queue. A refused request is answered and `done` not called, which ends it there.
  app.addHook('onRequest', (req, reply, done) => {
    const where = badRequestPart(req);
    if (where === undefined) return done();
    sendBadRequest(req, reply, where.where, where.parameter);
  });
  app.addHook('preValidation', (req, reply, done) => {
    const name = badField(req.body, '');
    if (name === undefined) return done();
    sendBadRequest(req, reply, 'body', name || undefined);
  });
}
