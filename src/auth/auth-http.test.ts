/**
 * Security behaviour over HTTP: CSRF, session fixation, lockout and rate limiting,
 * cookie flags, forced password change, a stale-version save, and markup typed into
 * every text field (stored as text, shown escaped).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { cookieValue, form, get, post, sessionAs, signInThroughForm, startWorkflowServer, type WorkflowServer } from '../test-support/server.js';
import { createUser } from '../users/users-store.js';
import { buildServer } from '../web/server.js';
import { LOCKOUT_THRESHOLD } from './sign-in-throttle.js';
import { SIGN_IN_REFUSED_JA } from './auth-routes.js';

const XSS = `<script>alert("x")</script>"><img src=x onerror=alert(1)>&amp;`;

function text(html: string, selector: string): string[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll(selector)].map((e) => (e as unknown as { textContent: string }).textContent);
}

describe('sign-in and request safety', () => {
  let s: WorkflowServer;
  before(async () => {
    s = await startWorkflowServer();
  });
  after(async () => s.close());

  test('a POST without the session’s CSRF token is refused and changes nothing', async () => {
    const editor = await sessionAs(s.db, 'demo-bosai');
    const url = `/rounds/${s.roundId}/items/${s.ownItemId}`;
    const before = (await s.db.query<{ version: number }>('select version from round_entries where round_id = $1 and item_id = $2', [s.roundId, s.ownItemId]))
      .rows[0]!.version;
    const missing = await s.app.inject({
      method: 'POST',
      url,
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ action: 'save', version: String(before), reason: 'csrf' }),
    });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /CSRF/);
    const other = await sessionAs(s.db, 'demo-bosai');
    const wrong = await post(s.app, { cookie: editor.cookie, csrf: other.csrf }, url, { action: 'save', version: String(before), reason: 'csrf' });
    assert.equal(wrong.statusCode, 403, 'another session’s token does not work either');
    const afterVersion = (
      await s.db.query<{ version: number }>('select version from round_entries where round_id = $1 and item_id = $2', [s.roundId, s.ownItemId])
    ).rows[0]!.version;
    assert.equal(afterVersion, before);
  });

  test('the login form has its own CSRF token', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ login: 'demo-viewer', password: 'hyoka-viewer-2023' }),
    });
    assert.equal(r.statusCode, 403);
    assert.equal(cookieValue(r.headers['set-cookie'], 'hyoka_session'), undefined);
  });

  test('session fixation: signing in never keeps a session id the browser brought', async () => {
    const planted = await signInThroughForm(s.app, 'demo-viewer', 'hyoka-viewer-2023');
    assert.ok(planted.session);
    const victim = await signInThroughForm(s.app, 'demo-bosai', 'hyoka-editor-2023', `hyoka_session=${planted.session}`);
    assert.equal(victim.status, 303);
    assert.ok(victim.session);
    assert.notEqual(victim.session, planted.session);
    const old = await get(s.app, { cookie: `hyoka_session=${planted.session}`, csrf: '' }, '/work');
    assert.equal(old.statusCode, 303, 'the planted id no longer signs anyone in');
    assert.match(String(old.headers.location), /^\/login/);
    const fresh = await get(s.app, { cookie: `hyoka_session=${victim.session}`, csrf: '' }, '/work');
    assert.equal(fresh.statusCode, 200);
    assert.match(fresh.body, /デモ 防災対策課/);
  });

  test('cookies are HttpOnly and SameSite=Lax, and Secure when configured', async () => {
    const r = await signInThroughForm(s.app, 'demo-viewer', 'hyoka-viewer-2023');
    assert.ok(r.session);
    // Same database, a second app configured for HTTPS (one PGlite test schema per process at a time).
    const secure = await buildServer({ db: s.db, config: { secureCookies: true } });
    try {
      const page = await secure.inject({ method: 'GET', url: '/login' });
      const setCookie = String(page.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      assert.match(setCookie, /Secure/);
    } finally {
      await secure.close();
    }
    const login = await s.app.inject({ method: 'GET', url: '/login' });
    assert.doesNotMatch(String(login.headers['set-cookie']), /Secure/);
  });

  test(`${LOCKOUT_THRESHOLD} wrong passwords pause the account, even against the right one, with the unknown-login message`, async () => {
    await createUser(
      s.db,
      { login: 'lock-me', displayName: 'ロック', roles: ['viewer'], password: 'correct horse battery', mustChangePassword: false },
      'test',
    );
    const wrong: string[] = [];
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      const r = await signInThroughForm(s.app, 'lock-me', `wrong-${i}`);
      assert.equal(r.status, 401);
      wrong.push(text(r.body, '#login-error')[0]!.trim());
    }
    const locked = await signInThroughForm(s.app, 'lock-me', 'correct horse battery');
    assert.equal(locked.status, 401);
    assert.equal(locked.session, undefined);
    const audit = await s.db.query(`select 1 from audit_log where action = 'lock' and entity_id = 'lock-me'`);
    assert.equal(audit.rowCount, 1);
    const unknown = await signInThroughForm(s.app, 'nobody-here', 'whatever-password');
    assert.equal(unknown.status, 401);
    const messages = new Set([...wrong, text(locked.body, '#login-error')[0]!.trim(), text(unknown.body, '#login-error')[0]!.trim()]);
    assert.deepEqual([...messages], [SIGN_IN_REFUSED_JA], 'a wrong password, a paused account and an unknown login read the same');
    await s.db.query(`delete from login_throttles`);
    await s.db.query(`delete from login_attempts`);
  });

  test('too many attempts from one address are rate-limited (429)', async () => {
    // Earlier tests already used some of the address's budget; the limit is per address, shared by all processes.
    await s.db.query(`insert into login_attempts (login, ip, succeeded) select 'x', '127.0.0.1', false from generate_series(1, 40)`);
    const r = await signInThroughForm(s.app, 'demo-viewer', 'hyoka-viewer-2023');
    assert.equal(r.status, 429);
    await s.db.query(`delete from login_attempts`);
  });

  test('X-Forwarded-For is ignored unless the configured trusted proxy sent it', async () => {
    await s.db.query('delete from login_attempts');
    const forwarded = { 'x-forwarded-for': '203.0.113.50' };
    assert.equal((await signInThroughForm(s.app, 'nobody-direct', 'wrong-password-1', '', forwarded)).status, 401);
    const behindProxy = await buildServer({ db: s.db, config: { secureCookies: false, trustProxy: '127.0.0.1' } });
    try {
      assert.equal((await signInThroughForm(behindProxy, 'nobody-proxied', 'wrong-password-1', '', forwarded)).status, 401);
    } finally {
      await behindProxy.close();
    }
    const seen = (await s.db.query<{ login: string; ip: string }>('select login, ip from login_attempts order by id')).rows;
    assert.deepEqual(seen, [
      { login: 'nobody-direct', ip: '127.0.0.1' },
      { login: 'nobody-proxied', ip: '203.0.113.50' },
    ]);
    // A made-up header does not escape the limit of the address the request really came from.
    await s.db.query(`insert into login_attempts (login, ip, succeeded) select 'x', '127.0.0.1', false from generate_series(1, 40)`);
    const spoofed = await signInThroughForm(s.app, 'demo-viewer', 'hyoka-viewer-2023', '', { 'x-forwarded-for': '198.51.100.99' });
    assert.equal(spoofed.status, 429);
    await s.db.query('delete from login_attempts');
    await s.db.query('delete from login_throttles');
  });

  test('an administrator lifts a sign-in pause with a CSRF-checked, audited POST', async () => {
    const target = await createUser(
      s.db,
      { login: 'paused-user', displayName: '一時停止', roles: ['viewer'], password: 'correct horse battery', mustChangePassword: false },
      'test',
    );
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) assert.equal((await signInThroughForm(s.app, 'paused-user', `wrong-${i}`)).status, 401);
    assert.equal((await signInThroughForm(s.app, 'paused-user', 'correct horse battery')).status, 401);
    const admin = await sessionAs(s.db, 'demo-admin');
    const list = await get(s.app, admin, '/admin/users');
    assert.match(list.body, /ログイン一時停止中/);
    const page = await get(s.app, admin, `/admin/users/${target.id}`);
    assert.match(page.body, /一部の接続元からのログインが一時的に止まっています/);
    const url = `/admin/users/${target.id}/unlock`;
    const forged = await s.app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    assert.equal(forged.statusCode, 403);
    assert.equal((await signInThroughForm(s.app, 'paused-user', 'correct horse battery')).status, 401, 'still paused without the token');
    const unlocked = await post(s.app, admin, url, {});
    assert.equal(unlocked.statusCode, 303);
    assert.equal((await signInThroughForm(s.app, 'paused-user', 'correct horse battery')).status, 303);
    const audit = await s.db.query(`select 1 from audit_log where action = 'unlock' and entity_id = 'paused-user' and actor = 'demo-admin'`);
    assert.equal(audit.rowCount, 1);
    await s.db.query('delete from login_attempts');
  });

  test('an admin-created account must change its one-time password before anything else', async () => {
    await createUser(s.db, { login: 'newcomer', displayName: '新任', roles: ['viewer'], password: 'initial-secret-123' }, 'test');
    const r = await signInThroughForm(s.app, 'newcomer', 'initial-secret-123');
    assert.equal(r.location, '/account/password');
    const who = { cookie: `hyoka_session=${r.session}`, csrf: '' };
    const work = await get(s.app, who, '/work');
    assert.equal(work.headers.location, '/account/password');
    const page = await get(s.app, who, '/account/password');
    who.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const short = await post(s.app, who, '/account/password', { current: 'initial-secret-123', next: 'short', confirm: 'short' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /12文字以上/);
    const common = await post(s.app, who, '/account/password', { current: 'initial-secret-123', next: 'password1234', confirm: 'password1234' });
    assert.equal(common.statusCode, 422);
    assert.match(common.body, /よく使われていて/);
    const ok = await post(s.app, who, '/account/password', { current: 'initial-secret-123', next: 'a brand new secret', confirm: 'a brand new secret' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await get(s.app, who, '/work')).statusCode, 200);
  });

  test('a stale save shows the other person’s text next to mine and keeps mine in the form', async () => {
    const a = await sessionAs(s.db, 'demo-bosai');
    const b = await sessionAs(s.db, 'demo-bosai');
    const url = `/rounds/${s.roundId}/items/${s.ownItemId}`;
    const page = await get(s.app, a, url);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const first = await post(s.app, a, url, { action: 'save', version, ratingCode: 'B', reason: 'Aさんの理由', issues: '', direction: '' });
    assert.equal(first.statusCode, 303);
    const second = await post(s.app, b, url, { action: 'save', version, ratingCode: 'A', reason: 'Bさんの理由', issues: 'Bの課題', direction: '' });
    assert.equal(second.statusCode, 409);
    const theirs = text(second.body, '.theirs');
    assert.ok(theirs.includes('Aさんの理由'), 'the other person’s saved text is shown');
    const mine = text(second.body, 'textarea#reason');
    assert.equal(mine[0]!.trim(), 'Bさんの理由', 'my text stays in the form');
    assert.match(second.body, /他の人が先にこの項目を保存しました/);
    const stored = (await s.db.query<{ reason: string }>('select reason from round_entries where round_id = $1 and item_id = $2', [s.roundId, s.ownItemId]))
      .rows[0]!.reason;
    assert.equal(stored, 'Aさんの理由', 'nothing was overwritten');
    // Saving again from the conflict page (its version is the current one) succeeds.
    const nextVersion = /name="version" value="(\d+)"/.exec(second.body)![1]!;
    const merged = await post(s.app, b, url, {
      action: 'save',
      version: nextVersion,
      ratingCode: 'B',
      reason: 'Aさんの理由\nBさんの追記',
      issues: '',
      direction: '',
    });
    assert.equal(merged.statusCode, 303);
  });

  test('markup typed into every text field is stored as typed and shown escaped', async () => {
    const editor = await sessionAs(s.db, 'demo-bosai');
    const division = await sessionAs(s.db, 'demo-division');
    const expert = await sessionAs(s.db, 'demo-expert');
    const admin = await sessionAs(s.db, 'demo-admin');
    const url = `/rounds/${s.roundId}/items/${s.ownItemId}`;
    const version = /name="version" value="(\d+)"/.exec((await get(s.app, editor, url)).body)![1]!;
    assert.equal((await post(s.app, editor, url, { action: 'submit', version, ratingCode: 'B', reason: XSS, issues: XSS, direction: XSS })).statusCode, 303);
    const v2 = /name="version" value="(\d+)"/.exec((await get(s.app, division, url)).body)![1]!;
    assert.equal((await post(s.app, division, `${url}/review`, { action: 'return', version: v2, comment: XSS })).statusCode, 303);
    assert.equal((await post(s.app, expert, `/rounds/${s.roundId}/opinions`, { target: 'plan', version: '0', body: XSS })).statusCode, 303);
    assert.equal((await post(s.app, admin, '/admin/users', { login: 'xss-user', displayName: XSS, roles: 'viewer' })).statusCode, 201);
    assert.equal((await post(s.app, admin, '/admin/departments', { code: 'xss', name: XSS })).statusCode, 303);

    const stored = (
      await s.db.query<{ reason: string; issues: string; direction: string }>(
        'select reason, issues, direction from round_entries where round_id = $1 and item_id = $2',
        [s.roundId, s.ownItemId],
      )
    ).rows[0]!;
    assert.deepEqual(stored, { reason: XSS, issues: XSS, direction: XSS });
    const comment = (await s.db.query<{ body: string }>(`select body from review_comments order by id desc limit 1`)).rows[0]!.body;
    assert.equal(comment, XSS);

    const pages = [
      (await get(s.app, editor, url)).body,
      (await get(s.app, expert, `/rounds/${s.roundId}/opinions`)).body,
      (await get(s.app, admin, '/admin/users')).body,
      (await get(s.app, admin, '/admin/departments')).body,
      (await get(s.app, division, '/audit')).body,
    ];
    for (const html of pages) {
      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, /<img src=x/);
      assert.match(html, /&lt;script>alert|&lt;script&gt;alert/);
      const { document } = parseHTML(html);
      // The one script the staff screens load is the unsaved-changes warning file; typed markup never becomes another.
      assert.equal(document.querySelectorAll('script:not([src="/assets/unsaved-changes.js"])').length, 0, 'no script element from typed text');
      assert.equal(document.querySelectorAll('img').length, 0);
    }
    // The returned entry shows the comment as text, and the editor's form holds the exact text.
    const form = parseHTML(pages[0]!).document;
    // linkedom leaves textarea text encoded; decode the five entities a browser would.
    const raw = (form.querySelector('textarea#reason') as unknown as { innerHTML: string }).innerHTML.replace(/^\n/, '');
    const decoded = raw
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    assert.equal(decoded, XSS);
  });

  test('every screen renders in English and with Gregorian years too', async () => {
    const division = await sessionAs(s.db, 'demo-division');
    const admin = await sessionAs(s.db, 'demo-admin');
    const dept = (await s.db.query<{ id: number }>('select id from departments order by id limit 1')).rows[0]!.id;
    const user = (await s.db.query<{ id: number }>('select id from users order by id limit 1')).rows[0]!.id;
    const pages: [typeof division, string][] = [
      [division, '/work'],
      [division, '/rounds'],
      [division, `/rounds/${s.roundId}`],
      [division, `/rounds/${s.roundId}/board?department=${dept}`],
      [division, `/rounds/${s.roundId}/review`],
      [division, `/rounds/${s.roundId}/items/${s.ownItemId}`],
      [division, `/rounds/${s.roundId}/opinions`],
      [division, `/rounds/${s.roundId}/reminders`],
      [division, '/audit'],
      [admin, '/admin/users'],
      [admin, `/admin/users/${user}`],
      [admin, '/admin/departments'],
      [admin, `/admin/departments/${dept}`],
      [admin, '/account/password'],
    ];
    for (const [who, path] of pages) {
      const r = await get(s.app, who, `${path}${path.includes('?') ? '&' : '?'}lang=en&era=seireki`);
      assert.equal(r.statusCode, 200, path);
      assert.match(r.body, /<html lang="en">/, path);
    }
    const entry = await get(s.app, division, `/rounds/${s.roundId}/items/${s.ownItemId}?lang=en&era=seireki`);
    assert.match(entry.body, /FY2023 Yearly/);
    assert.match(entry.body, /<th scope="row">2022<\/th>/, 'history years in Gregorian');
  });

  test('the audit log has no route that writes', async () => {
    const division = await sessionAs(s.db, 'demo-division');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      const r = await s.app.inject({
        method,
        url: '/audit',
        headers: { cookie: division.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: division.csrf }),
      });
      assert.equal(r.statusCode, 404, method);
    }
    const csv = await get(s.app, division, `/audit.csv?item=${s.ownItemId}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    assert.equal(lines[0], 'ID,日時,ログインID,氏名,課,操作,内容,項目番号,評価の回ID,変更の内容,変更前（データ）,変更後（データ）');
    assert.ok(lines.length > 3);
    const code = (await s.db.query<{ code: string }>('select code from plan_items where id = $1', [s.ownItemId])).rows[0]!.code;
    // Each entry is one line whose time is Japan time; multi-line cells are quoted, so count entries by their leading id and time.
    const entries = csv.body.match(/^\d+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00,/gm) ?? [];
    assert.ok(entries.length >= 3);
    assert.equal(csv.body.split(`,${code},`).length - 1, entries.length, 'every entry is about the item');
  });
});
