/**
 * Servers for HTTP tests: the app built over a test database of its own (optionally with
 * the seed and the demo data: departments, one account per role, an open FY2023 round),
 * and helpers to sign in and post forms the way a browser does.
 */
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type Engine } from './db.js';
import type { Db } from '../db/db.js';
import { importReportFile } from '../imports/import-report.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { buildServer } from '../web/server.js';
import { findUser } from '../users/users-queries.js';
import { createSession } from '../auth/sessions.js';
import { DEMO_ACCOUNTS, ensureDemoData } from '../evaluations/demo-data.js';
import type { Role } from '../auth/roles.js';

export interface TestServerOptions {
  engine?: Engine;
  /** Import the sample report as plan `SAMPLE_PLAN_SLUG` (default true). */
  seed?: boolean;
  /** Run over the store after the seed and before the app is built (fixtures the app should see). */
  prepare?: (db: Db) => Promise<unknown>;
  secureCookies?: boolean;
}

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  /** Closes the app, then drops its database. */
  close(): Promise<void>;
}

/** A ready app over its own test database; the caller closes it (suites: in `after`). */
export async function openTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { db, cleanup } = await createTestDb(options.engine ?? 'pglite');
  try {
    if (options.seed !== false) await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
    await options.prepare?.(db);
    const app = await buildServer({ db, config: { secureCookies: options.secureCookies ?? false } });
    await app.ready();
    return {
      app,
      db,
      async close() {
        await app.close();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** `openTestServer` for one test: closed by `t.after` when the test ends, whatever happens. */
export async function buildTestServer(t: Pick<TestContext, 'after'>, options: TestServerOptions = {}): Promise<TestServer> {
  const server = await openTestServer(options);
  t.after(() => server.close());
  return server;
}

export interface WorkflowServer extends TestServer {
  roundId: number;
  /** 1.2.2.1 災害情報の管理システムの導入検討 — 防災対策課 (the demo editor's). */
  ownItemId: number;
  /** 2.1.4.3 納品手続きの電子化 — 契約検査課 (not the demo editor's). */
  foreignItemId: number;
}

/** The seeded server with the demo data; the caller closes it. */
export async function startWorkflowServer(engine: Engine = 'pglite', options: { secureCookies?: boolean } = {}): Promise<WorkflowServer> {
  const server = await openTestServer({ engine, seed: true, ...options });
  try {
    const demo = await ensureDemoData(server.db, { roundFiscalYear: 2023 });
    const ids = await server.db.query<{ id: number; code: string }>(`select id, code from plan_items where code in ('1.2.2.1', '2.1.4.3')`);
    return {
      ...server,
      roundId: demo.roundId!,
      ownItemId: ids.rows.find((r) => r.code === '1.2.2.1')!.id,
      foreignItemId: ids.rows.find((r) => r.code === '2.1.4.3')!.id,
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export interface Browserish {
  cookie: string;
  csrf: string;
}

export function demoAccount(role: Role) {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role);
  if (!a) throw new Error(`no demo account for ${role}`);
  return a;
}

/** A session made directly in the store (fast; the sign-in itself is tested separately). */
export async function sessionAs(db: Db, login: string): Promise<Browserish> {
  const user = await findUser(db, login);
  if (!user) throw new Error(`no user ${login}`);
  const { token, csrfToken } = await createSession(db, user.id);
  return { cookie: `hyoka_session=${token}`, csrf: csrfToken };
}

export function cookieValue(setCookie: string | string[] | undefined, name: string): string | undefined {
  for (const c of ([] as string[]).concat(setCookie ?? [])) {
    const [pair] = c.split(';');
    if (pair?.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return undefined;
}

/** Signs in through the login form, exactly as a browser would. */
export async function signInThroughForm(
  app: FastifyInstance,
  login: string,
  password: string,
  extraCookie = '',
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; location?: string; session?: string; body: string }> {
  // The form is fetched without the extra cookie (a planted session would redirect it); the POST carries it.
  const page = await app.inject({ method: 'GET', url: '/login' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const loginCookie = cookieValue(page.headers['set-cookie'], 'hyoka_login_csrf') ?? /hyoka_login_csrf=([^;]+)/.exec(extraCookie)?.[1] ?? '';
  const cookie = [`hyoka_login_csrf=${loginCookie}`, extraCookie].filter(Boolean).join('; ');
  const r = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { ...extraHeaders, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrf, login, password, next: '/work' }),
  });
  const session = cookieValue(r.headers['set-cookie'], 'hyoka_session');
  return {
    status: r.statusCode,
    ...(typeof r.headers.location === 'string' ? { location: r.headers.location } : {}),
    ...(session ? { session } : {}),
    body: r.body,
  };
}

export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
  return p.toString();
}

export async function post(app: FastifyInstance, who: Browserish | null, url: string, fields: Record<string, string | string[]>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who.cookie } : {}) },
    payload: form(who ? { _csrf: who.csrf, ...fields } : fields),
  });
}

export async function get(app: FastifyInstance, who: Browserish | null, url: string) {
  return app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
}
