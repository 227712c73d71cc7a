/** Request logs and /healthz: ids, 5xx with stacks, and no secrets in the log. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../test-support/db.js';
import { importReportFile } from '../imports/import-report.js';
import { ensureDemoData } from '../evaluations/demo-data.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { signInThroughForm } from '../test-support/server.js';
import { buildServer } from './server.js';
import { openDb } from '../db/db.js';

interface LogLine {
  level: number;
  reqId?: string;
  msg?: string;
  err?: { message: string; stack: string };
  req?: { url: string };
}

describe('request logging', () => {
  let t: TestDb;
  let app: FastifyInstance;
  const lines: string[] = [];
  const parsed = (): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine);
  before(async () => {
    t = await createTestDb();
    await importReportFile(t.db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
    await ensureDemoData(t.db, { roundFiscalYear: 2023 });
    app = await buildServer({ db: t.db, config: { secureCookies: false } }, { logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } });
    app.get('/test-only/boom', async () => {
      throw new Error('boom from a handler');
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  test('a 500 is logged at error level with its stack and the request id, which the response carries', async () => {
    const r = await app.inject({ method: 'GET', url: '/test-only/boom' });
    assert.equal(r.statusCode, 500);
    assert.doesNotMatch(r.body, /boom from a handler/, 'the page does not show internals');
    const id = String(r.headers['x-request-id']);
    assert.match(id, /^[0-9a-f-]{36}$/);
    const errors = parsed().filter((l) => l.level >= 50 && l.reqId === id);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.err?.message, 'boom from a handler');
    assert.match(errors[0]!.err?.stack ?? '', /logging\.test\.js/);
  });

  test('a sane incoming X-Request-Id is kept; an insane one is replaced', async () => {
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc' } });
    assert.equal(kept.headers['x-request-id'], 'lb-1234.abc');
    const forged = 'x\n{"level":60,"msg":"forged"}';
    const replaced = await app.inject({ method: 'GET', url: '/plans', headers: { 'x-request-id': encodeURIComponent(forged) + '%'.repeat(200) } });
    assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.ok(
      parsed().some((l) => l.reqId === replaced.headers['x-request-id'] && l.msg === 'request completed'),
      'the request is logged under the new id',
    );
  });

  test('a sign-in POST: its password, cookies, CSRF token and body never reach the log', async () => {
    lines.length = 0;
    const password = 'hyoka-viewer-2023';
    const signedIn = await signInThroughForm(app, 'demo-viewer', password);
    assert.equal(signedIn.status, 303);
    assert.ok(signedIn.session);
    const wrong = await signInThroughForm(app, 'demo-viewer', 'Wr0ng-Secret-Passw0rd');
    assert.notEqual(wrong.status, 303);
    await app.inject({
      method: 'GET',
      url: '/work?token=abc-secret-token',
      headers: { cookie: `hyoka_session=${signedIn.session}`, authorization: 'Bearer bearer-secret' },
    });
    const log = lines.join('');
    assert.ok(
      parsed().some((l) => l.req?.url === '/login'),
      'the POST itself is logged',
    );
    assert.ok(
      parsed().some((l) => l.req?.url === '/work?token=…'),
      'query values are dropped, names kept',
    );
    for (const secret of [password, 'Wr0ng-Secret-Passw0rd', signedIn.session!, 'bearer-secret', 'abc-secret-token', 'hyoka_login_csrf', '_csrf']) {
      assert.ok(!log.includes(secret), `${secret} must not be logged`);
    }
  });
});

describe('/healthz', () => {
  test('200 ok while the database answers, 503 once it does not', async () => {
    const db = await openDb({ inMemory: true });
    const app = await buildServer({ db, config: { secureCookies: false } });
    after(async () => {
      await app.close();
      await db.close();
    });
    const ok = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { status: 'ok' });
    await db.close();
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), { status: 'unavailable' });
  });
});
