/**
 * The authorization matrix: every route the workflow registers × every role and an
 * anonymous visitor. The expectations are written out by hand here (not derived from
 * the route declarations), and the test fails if a route exists without one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Role } from '../auth/roles.js';
import { createUser } from '../users/users-store.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { demoAccount, get, post, sessionAs, startWorkflowServer, type Browserish, type WorkflowServer } from '../test-support/server.js';

type Who = Role | 'anonymous';
type Outcome = 'ok' | 'denied' | 'login' | 'hidden';
const EVERYONE_SIGNED_IN: Role[] = [...ROLES];
const READERS: Role[] = ['admin', 'division', 'expert', 'viewer'];

/** Who gets through each route; everyone else signed in is refused (403), anonymous visitors are sent to sign in. */
const ALLOWED: Record<string, Role[] | 'anyone'> = {
  'GET /login': 'anyone',
  'POST /login': 'anyone',
  'POST /logout': EVERYONE_SIGNED_IN,
  'GET /account/password': EVERYONE_SIGNED_IN,
  'POST /account/password': EVERYONE_SIGNED_IN,
  'GET /work': EVERYONE_SIGNED_IN,
  'GET /rounds': READERS,
  'POST /rounds': ['admin', 'division'],
  'GET /rounds/:roundId': ['admin', 'division'],
  'POST /rounds/:roundId/settings': ['admin', 'division'],
  'POST /rounds/:roundId/transition': ['admin', 'division'],
  'GET /rounds/:roundId/confirm': ['admin', 'division'],
  'GET /rounds/:roundId/board': READERS,
  'GET /rounds/:roundId/review': ['division'],
  'POST /rounds/:roundId/review/accept': ['division'],
  'GET /rounds/:roundId/items/:itemId': [...READERS, 'department'],
  'POST /rounds/:roundId/items/:itemId': ['department'],
  'POST /rounds/:roundId/items/:itemId/withdraw': ['department'],
  'POST /rounds/:roundId/items/:itemId/review': ['division'],
  'POST /rounds/:roundId/items/:itemId/correction': ['division'],
  'GET /rounds/:roundId/opinions': READERS,
  'GET /rounds/:roundId/drafts': READERS,
  // The body names the whole plan, which only the expert writes about.
  'POST /rounds/:roundId/opinions': ['expert'],
  'GET /rounds/:roundId/reminders': ['admin', 'division'],
  'POST /rounds/:roundId/reminders': ['division'],
  'GET /admin/users': ['admin'],
  'POST /admin/users': ['admin'],
  'GET /admin/users/:userId': ['admin'],
  'POST /admin/users/:userId': ['admin'],
  'POST /admin/users/:userId/password': ['admin'],
  'POST /admin/users/:userId/unlock': ['admin'],
  'GET /admin/departments': ['admin'],
  'POST /admin/departments': ['admin'],
  'GET /admin/departments/:departmentId': ['admin'],
  'POST /admin/departments/:departmentId': ['admin'],
  'POST /admin/departments/:departmentId/items': ['admin'],
  'GET /plans/:slug/settings': ['admin'],
  'POST /plans/:slug/settings': ['admin'],
  'POST /plans/:slug/settings/rule': ['admin'],
  'POST /plans/:slug/settings/directions': ['admin'],
  'POST /plans/:slug/settings/costs': ['admin'],
  'GET /admin/imports': ['admin'],
  'POST /admin/imports': ['admin'],
  'GET /admin/imports/:uploadId': ['admin'],
  'POST /admin/imports/:uploadId/confirm': ['admin'],
  'POST /admin/imports/:uploadId/discard': ['admin'],
  'GET /admin/lineage': ['admin'],
  'POST /admin/lineage': ['admin'],
  'GET /audit': ['admin', 'division'],
  'GET /audit.csv': ['admin', 'division'],
};

function expected(route: string, who: Who, foreignItem: boolean): Outcome {
  const allowed = ALLOWED[route]!;
  if (allowed === 'anyone') return 'ok';
  if (who === 'anonymous') return 'login';
  if (!allowed.includes(who)) return 'denied';
  // A department editor meets another department's sub-item as if it did not exist.
  if (foreignItem && who === 'department') return 'hidden';
  return 'ok';
}

function outcomeOf(method: string, status: number, location: string | undefined): Outcome {
  if (status === 403) return 'denied';
  if (status === 404) return 'hidden';
  // Anonymous GETs are sent to the sign-in page; anonymous POSTs get 401 (a signed-out POST /logout also lands on /login, by design).
  if (status === 401 || (method === 'GET' && status === 303 && location?.startsWith('/login'))) return 'login';
  // 2xx, redirects elsewhere, and 409/422 (the handler ran and refused the input) all mean "got through".
  if (status < 400 || status === 409 || status === 422) return 'ok';
  throw new Error(`unexpected status ${status}`);
}

describe('authorization matrix: every workflow route × every role', () => {
  let s: WorkflowServer;
  let params: Record<string, string>;
  before(async () => {
    s = await startWorkflowServer();
    // Password resets in the matrix hit this account, never one the matrix signs in with.
    const victim = await createUser(s.db, { login: 'matrix-target', displayName: '対象', roles: ['viewer'], password: 'a-long-enough-secret-1' }, 'test');
    const dept = await s.db.query<{ id: number }>(`select id from departments where name = '防災対策課'`);
    params = { roundId: String(s.roundId), userId: String(victim.id), departmentId: String(dept.rows[0]!.id), slug: SAMPLE_PLAN_SLUG };
  });
  after(async () => s.close());

  test('every registered route has an expectation, and every expectation a route', () => {
    const registered = s.app.guardedRoutes.map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(registered, Object.keys(ALLOWED).sort());
  });

  // Bodies that get through the guard without changing much (invalid input → 422, stale version → 409).
  const bodies: Record<string, Record<string, string>> = {
    'POST /login': { login: 'demo-viewer', password: 'hyoka-viewer-2023' },
    'POST /account/password': { current: 'wrong-password', next: 'x', confirm: 'y' },
    'POST /rounds': { planId: '', fiscalYear: 'not a year', kind: 'yearly' },
    'POST /rounds/:roundId/settings': { deadline: 'someday' },
    'POST /rounds/:roundId/transition': { action: 'explode' },
    'POST /rounds/:roundId/items/:itemId': { action: 'save', version: '0', reason: 'x' },
    'POST /rounds/:roundId/items/:itemId/withdraw': { version: '0' },
    'POST /rounds/:roundId/review/accept': { pick: 'not-a-pick' },
    'POST /rounds/:roundId/items/:itemId/review': { action: 'accept', version: '0' },
    'POST /rounds/:roundId/items/:itemId/correction': { version: '0', correctionReason: '' },
    'POST /rounds/:roundId/opinions': { target: 'plan', version: '999', body: 'x' },
    'POST /admin/users': { login: '', displayName: '' },
    'POST /admin/users/:userId': { displayName: '' },
    'POST /admin/departments': { code: '', name: '' },
    'POST /admin/departments/:departmentId': { name: '' },
    'POST /admin/departments/:departmentId/items': { itemId: '' },
    'POST /plans/:slug/settings': { ratedLevel: '99', version: '0' },
    'POST /plans/:slug/settings/rule': { preset: 'no-such-preset' },
    'POST /plans/:slug/settings/directions': { codes: '' },
    'POST /plans/:slug/settings/costs': { costsEnabled: '1', stamp: 'stale' },
    'POST /admin/lineage': { successor: '', predecessor: '', csv: '' },
  };

  for (const who of ['anonymous', ...ROLES] as Who[]) {
    test(`${who}`, async () => {
      const failures: string[] = [];
      for (const route of Object.keys(ALLOWED)) {
        const [method, pattern] = route.split(' ') as ['GET' | 'POST', string];
        const variants = pattern.includes(':itemId') ? [false, true] : [false];
        for (const foreign of variants) {
          const url = pattern.replace(/:(\w+)/g, (_, name: string) => (name === 'itemId' ? String(foreign ? s.foreignItemId : s.ownItemId) : params[name]!));
          // A fresh session per request: POST /logout and password resets must not affect the next check.
          const browser: Browserish | null = who === 'anonymous' ? null : await sessionAs(s.db, demoAccount(who).login);
          if (route === 'POST /login') {
            // The sign-in form is open to anyone; its own CSRF is tested in auth-http.test.
            continue;
          }
          const r = method === 'GET' ? await get(s.app, browser, url) : await post(s.app, browser, url, bodies[route] ?? {});
          const got = outcomeOf(method, r.statusCode, r.headers.location as string | undefined);
          const want = expected(route, who, foreign);
          if (got !== want) failures.push(`${method} ${url}${foreign ? ' (other department)' : ''}: expected ${want}, got ${got} (${r.statusCode})`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  test('POST /login is open to everyone with the form’s token', async () => {
    const { signInThroughForm } = await import('../test-support/server.js');
    const r = await signInThroughForm(s.app, 'demo-viewer', 'hyoka-viewer-2023');
    assert.equal(r.status, 303);
    assert.equal(r.location, '/work');
  });
});
