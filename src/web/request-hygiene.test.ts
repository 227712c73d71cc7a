import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { concreteUrl, hasParams, routeParams, type RouteParams } from '../test-support/routes.js';
import { demoAccount, form, sessionAs, startWorkflowServer, type Browserish, type WorkflowServer } from '../test-support/server.js';

/** Two bad characters per place: NUL, which PostgreSQL cannot store, and another C0 control. */
const BAD = ['%00', '%07'];

for (const engine of engines()) {
  describe(`bad bytes are a 400 on every route (${engine})`, () => {
    let s: WorkflowServer;
    let admin: Browserish;
    let params: RouteParams;
    const logged: unknown[] = [];
    let restoreLog: () => void;
    before(async () => {
      s = await startWorkflowServer(engine);
      admin = await sessionAs(s.db, demoAccount('admin').login);
      params = await routeParams(s);
      // Without a logger fastify's request loggers are the app's no-op logger: catching its
      // error() catches every error a handler or the error handlers would log.
      const log = s.app.log as unknown as { error: (...args: unknown[]) => void };
      const original = log.error;
      log.error = (...args: unknown[]) => void logged.push(args);
      restoreLog = () => (log.error = original);
    });
    after(async () => {
      restoreLog();
      await s.close();
    });

    const urlOf = (pattern: string, lastParamSuffix = ''): string => concreteUrl(pattern, params, lastParamSuffix);

    async function send(method: string, url: string, body?: { type: string; payload: string }) {
      return s.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: admin.cookie, ...(body ? { 'content-type': body.type } : {}) },
        ...(body ? { payload: body.payload } : {}),
      });
    }

    test('the route table covers every route of the authorization matrix', () => {
      const table = new Set(s.app.routeTable.map((r) => `${r.method} ${r.url}`));
      const missing = s.app.guardedRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !table.has(r));
      assert.deepEqual(missing, []);
      assert.ok(s.app.routeTable.length > s.app.guardedRoutes.length, 'public routes are in the table too');
    });

    test('NUL and control characters in the path, the query, a form field and a JSON body', async () => {
      const failures: string[] = [];
      const check = (what: string, r: { statusCode: number; headers: Record<string, unknown>; body: string }, url: string) => {
        const type = String(r.headers['content-type'] ?? '');
        const wantType = url.startsWith('/api/') ? 'application/problem+json' : 'text/html';
        if (r.statusCode !== 400 || !type.startsWith(wantType)) failures.push(`${what}: ${r.statusCode} ${type}`);
        else if (!r.body.includes('制御文字')) failures.push(`${what}: the answer does not name the reason`);
      };
      for (const { method, url: pattern } of s.app.routeTable) {
        for (const bad of BAD) {
          const inPath = hasParams(pattern) ? urlOf(pattern, `a${bad}b`) : `${urlOf(pattern)}${pattern.endsWith('/') ? '' : '/'}${bad}`;
          check(`${method} ${pattern} path ${bad}`, await send(method, inPath), inPath);
          const inQuery = `${urlOf(pattern)}?q=x${bad}y&lang=ja`;
          check(`${method} ${pattern} query ${bad}`, await send(method, inQuery), inQuery);
          const inQueryName = `${urlOf(pattern)}?k${bad}=1`;
          check(`${method} ${pattern} query name ${bad}`, await send(method, inQueryName), inQueryName);
          if (method !== 'POST') continue;
          const char = decodeURIComponent(bad);
          const url = urlOf(pattern);
          const formBody = { type: 'application/x-www-form-urlencoded', payload: form({ _csrf: admin.csrf, name: `a${char}b`, reason: 'ok' }) };
          check(`${method} ${pattern} form field ${bad}`, await send(method, url, formBody), url);
          const jsonBody = { type: 'application/json', payload: JSON.stringify({ _csrf: admin.csrf, nested: { list: ['fine', `a${char}b`] } }) };
          check(`${method} ${pattern} JSON body ${bad}`, await send(method, url, jsonBody), url);
        }
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(logged, [], 'nothing logged as an error');
    });

    test('a cookie with a control character, and a path that does not percent-decode', async () => {
      const cookie = await s.app.inject({ url: '/work', headers: { cookie: 'hyoka_session=abc%00def' } });
      assert.equal(cookie.statusCode, 400);
      const page = await s.app.inject('/plans/%E0%A4%A');
      assert.equal(page.statusCode, 400);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /パーセントエンコーディング/);
      const api = await s.app.inject('/api/v1/plans/%E0%A4%A');
      assert.equal(api.statusCode, 400);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal(JSON.parse(api.body).status, 400);
      assert.deepEqual(logged, []);
    });

    test('multi-line text keeps its tab, line feed and carriage return', async () => {
      const r = await send('POST', `/rounds/${s.roundId}/opinions`, {
        type: 'application/x-www-form-urlencoded',
        payload: form({ _csrf: admin.csrf, target: 'plan', version: '999', body: '一行目\r\n二行目\t列' }),
      });
      // The admin may not write opinions: the guard answers, so the hygiene check let the text through.
      assert.equal(r.statusCode, 403);
      assert.doesNotMatch(r.body, /制御文字/);
    });
  });
}
