/** The account and department screens: field errors beside the field with what was typed kept, 404s, and a real change. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post } from '../test-support/server.js';
import { suiteSite } from '../test-support/suite-site.js';
import { findUser } from './users-queries.js';

describe('admin screens over HTTP', () => {
  const site = suiteSite('demo-admin');

  test('a refused new account shows the store’s message beside the field and keeps every typed value', async () => {
    const r = await post(site.app, site.session, '/admin/users', {
      login: 'Bad Login!',
      displayName: '山田 花子',
      email: 'hanako@example.jp',
      roles: ['viewer'],
    });
    assert.equal(r.statusCode, 422);
    assert.match(r.body, /id="login-error">ログインIDは英小文字・数字/);
    assert.match(r.body, /value="山田 花子"/);
    assert.match(r.body, /value="hanako@example.jp"/);
    assert.match(r.body, /value="viewer" checked/);
    assert.equal(await findUser(site.db, 'bad login!'), undefined);
  });

  test('a new account is created with its one-time password shown once, in English when asked', async () => {
    const r = await post(site.app, site.session, '/admin/users?lang=en', { login: 'yamada', displayName: '山田 花子', roles: ['viewer'] });
    assert.equal(r.statusCode, 201);
    assert.match(r.body, /Created yamada\. One-time initial password/);
    assert.deepEqual((await findUser(site.db, 'yamada'))?.roles, ['viewer']);
  });

  test('an admin cannot disable their own account', async () => {
    const me = (await findUser(site.db, 'demo-admin'))!;
    const r = await post(site.app, site.session, `/admin/users/${me.id}`, { displayName: me.displayName, roles: ['admin'], disabled: '1' });
    assert.equal(r.statusCode, 422);
    assert.match(r.body, /自分自身のアカウントは無効にできません。/);
    assert.equal((await findUser(site.db, me.id))?.disabled, false);
  });

  test('unknown or malformed ids are 404s on every account and department route', async () => {
    for (const url of ['/admin/users/999999', '/admin/users/abc', '/admin/departments/999999', '/admin/departments/0']) {
      assert.equal((await get(site.app, site.session, url)).statusCode, 404, url);
    }
    assert.equal((await post(site.app, site.session, '/admin/users/999999/unlock', {})).statusCode, 404);
  });

  test('assigning without a sub-item asks for one; a duplicate department code is refused beside the code', async () => {
    const dept = (await site.db.query<{ id: number; code: string }>('select id, code from departments order by id limit 1')).rows[0]!;
    const missing = await post(site.app, site.session, `/admin/departments/${dept.id}/items`, {});
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /id="itemId-error">項目を選んでください。/);
    const dup = await post(site.app, site.session, '/admin/departments', { code: ` ${dept.code} `, name: '新しい課' });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /id="code-error">このコードは既に使われています。/);
    assert.match(dup.body, /value="新しい課"/);
  });

  test('the signed-in screens’ stylesheet is served from the assets folder', async () => {
    const r = await get(site.app, null, '/assets/workflow.css');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/css/);
    assert.match(r.body, /\.field-error \{\s*color: var\(--danger\)/);
  });
});
