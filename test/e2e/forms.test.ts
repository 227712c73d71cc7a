/**
 * No typed text is ever lost: every staff form, driven in Chromium through its real
 * fields, keeps every field as typed when the server refuses it (a field error) and when
 * someone else saved first (a conflict); saving one opinion keeps the other boxes. Every
 * staff screen is also checked at 375 px wide and at 200 % zoom: nothing but a data
 * table's own scroll box may run wider than the window.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, skipWithoutChromium, browserSession } from './harness.js';
import { ensureDemoData } from '../../src/evaluations/demo-data.js';

describe('no typed text is lost, on any form', { skip: skipWithoutChromium }, () => {
  const session = browserSession();
  let roundId: number;
  let itemId: number;

  before(async () => {
    roundId = (await ensureDemoData(session.server.db, { roundFiscalYear: 2023, today: new Date('2024-04-01') })).roundId!;
    itemId = (await session.server.db.query<{ id: number }>(`select id from plan_items where code = '1.2.2.1'`)).rows[0]!.id;
  });

  function signIn(login: string, password: string, viewport?: { width: number; height: number; deviceScaleFactor?: number }): Promise<Page> {
    return session.signIn(
      login,
      password,
      viewport ? { viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor ?? 1 } : {},
    );
  }

  const itemUrl = () => `${session.server.url}/rounds/${roundId}/items/${itemId}`;
  const values = (page: Page, selectors: string[]) => Promise.all(selectors.map((s) => page.inputValue(s)));

  test('entry form: a refused submission and a conflict keep every field', async () => {
    const editor = await signIn('demo-bosai', 'hyoka-editor-2023');
    await editor.goto(itemUrl());
    const typed = ['理由を書き直した。', '課題を書き直した。', '方向性を書き直した。'];
    await editor.fill('#reason', typed[0]!);
    await editor.fill('#issues', typed[1]!);
    await editor.fill('#direction', typed[2]!);
    await editor.click('button[name=action][value=submit]');
    assert.match(await editor.locator('#ratingCode-error').innerText(), /評価を選んで/);
    assert.deepEqual(await values(editor, ['#reason', '#issues', '#direction']), typed, 'refused: every text stays');
    // Someone else saves the entry meanwhile (a second tab of the same department).
    const other = await signIn('demo-bosai', 'hyoka-editor-2023');
    await other.goto(itemUrl());
    await other.fill('#reason', '別のタブで保存した理由。');
    await other.click('button[name=action][value=save]');
    await other.waitForURL(/saved=save/);
    await editor.check('input[name=ratingCode][value=A]');
    await editor.click('button[name=action][value=save]');
    await editor.waitForLoadState();
    assert.match(await editor.locator('.conflict').innerText(), /保存/);
    assert.deepEqual(await values(editor, ['#reason', '#issues', '#direction']), typed, 'conflict: what this tab typed stays');
    assert.equal(await editor.isChecked('input[name=ratingCode][value=A]'), true, 'and the chosen rating');
    assert.match(await editor.locator('#reason-theirs').innerText(), /別のタブで保存した理由。/, 'their text is shown beside it');
    await assertAccessible(editor, 'entry form after a conflict');
  });

  test('opinions: a conflict on one box keeps every box as typed', async () => {
    const division = await signIn('demo-division', 'hyoka-division-2023');
    const other = await signIn('demo-division', 'hyoka-division-2023');
    await division.goto(`${session.server.url}/rounds/${roundId}/opinions`);
    await other.goto(`${session.server.url}/rounds/${roundId}/opinions`);
    const boxes = division.locator('textarea[id^=opinion-]');
    const first = await boxes.nth(0).getAttribute('id');
    const second = await boxes.nth(1).getAttribute('id');
    await other.fill(`#${first}`, '別の人が先に保存した意見。');
    await other.click(`button[name=target][value="${first!.replace('opinion-', '')}"]`);
    await other.waitForURL(/saved=1/);
    await division.fill(`#${first}`, 'こちらで書いた一つ目の意見。');
    await division.fill(`#${second}`, 'こちらで書いた二つ目の意見。');
    await division.click(`button[name=target][value="${first!.replace('opinion-', '')}"]`);
    await division.waitForLoadState();
    assert.equal((await division.inputValue(`#${first}`)).trim(), 'こちらで書いた一つ目の意見。');
    assert.equal((await division.inputValue(`#${second}`)).trim(), 'こちらで書いた二つ目の意見。');
    assert.match(await division.locator('main').innerText(), /別の人が先に保存した意見。/, 'the other version is shown');
  });

  test('review comment: going back from the confirmation keeps it', async () => {
    await session.server.db.query(
      `update round_entries set status = 'submitted', rating_code = 'A', version = version + 1 where round_id = $1 and item_id = $2`,
      [roundId, itemId],
    );
    const division = await signIn('demo-division', 'hyoka-division-2023');
    await division.goto(itemUrl());
    await division.fill('#comment', '根拠となる数値を追記してください。');
    await division.click('button[name=action][value=return]');
    await division.waitForLoadState();
    await division.click('main a[href*="comment="], main button[name=action][value=edit]');
    await division.waitForLoadState();
    assert.equal((await division.inputValue('#comment')).trim(), '根拠となる数値を追記してください。');
  });

  test('new round: a refused value keeps the others', async () => {
    const division = await signIn('demo-division', 'hyoka-division-2023');
    await division.goto(`${session.server.url}/rounds`);
    await division.fill('#fiscalYear', '令和九十九');
    await division.fill('#deadline', '2026-12-10');
    await division.selectOption('#kind', 'midterm');
    await division.click('#new-round ~ form button[type=submit], form[action="/rounds"] button[type=submit]');
    await division.waitForLoadState();
    assert.ok((await division.locator('#fiscalYear-error').count()) > 0, 'the year is refused');
    assert.equal(await division.inputValue('#fiscalYear'), '令和九十九');
    assert.equal(await division.inputValue('#deadline'), '2026-12-10');
    assert.equal(await division.inputValue('#kind'), 'midterm');
  });

  test('admin forms: users and departments keep what was typed when refused', async () => {
    const admin = await signIn('demo-admin', 'hyoka-admin-2023');
    await admin.goto(`${session.server.url}/admin/users`);
    await admin.fill('#login', 'demo-bosai');
    await admin.fill('#displayName', '山田 花子');
    await admin.fill('#email', 'yamada@example.jp');
    await admin.check('input[name=roles][value=department]');
    await admin.locator('input[name=departmentIds]').first().check();
    await admin.click('form[action="/admin/users"] button[type=submit]');
    await admin.waitForLoadState();
    assert.ok((await admin.locator('#login-error').count()) > 0, 'the login is taken');
    assert.deepEqual(await values(admin, ['#login', '#displayName', '#email']), ['demo-bosai', '山田 花子', 'yamada@example.jp']);
    assert.equal(await admin.isChecked('input[name=roles][value=department]'), true);
    assert.equal(await admin.locator('input[name=departmentIds]').first().isChecked(), true);
    await admin.goto(`${session.server.url}/admin/departments`);
    const existing = await session.server.db.query<{ code: string }>('select code from departments order by id limit 1');
    await admin.fill('#code', existing.rows[0]!.code);
    await admin.fill('#name', '新しい課の名前');
    await admin.click('form[action="/admin/departments"] button[type=submit]');
    await admin.waitForLoadState();
    assert.ok((await admin.locator('#code-error').count()) > 0, 'the code is taken');
    assert.deepEqual(await values(admin, ['#code', '#name']), [existing.rows[0]!.code, '新しい課の名前']);
  });

  test('leaving a form with unsent changes asks first; after sending it does not', async () => {
    const leave = async (page: Page) => {
      // Whichever comes first: the browser's question, or the page closing without one.
      const outcome = Promise.race([
        page.waitForEvent('dialog').then((d) => {
          void d.dismiss();
          return d.type();
        }),
        page.waitForEvent('close').then(() => 'closed'),
      ]);
      await page.close({ runBeforeUnload: true });
      return outcome;
    };
    const typing = await signIn('demo-admin', 'hyoka-admin-2023');
    await typing.goto(`${session.server.url}/admin/departments`);
    await typing.click('#name');
    await typing.keyboard.type('書きかけの課名');
    assert.equal(await leave(typing), 'beforeunload', 'the browser asks before the typed name is lost');
    const sent = await signIn('demo-admin', 'hyoka-admin-2023');
    await sent.goto(`${session.server.url}/admin/departments`);
    await sent.click('#code');
    await sent.keyboard.type('sent-dept');
    await sent.click('#name');
    await sent.keyboard.type('送信した課名');
    await sent.click('form[action="/admin/departments"] button[type=submit]');
    await sent.waitForLoadState();
    assert.equal(await leave(sent), 'closed', 'the page shown after sending holds nothing unsent');
  });

  /** Staff screens: wider than the window only inside a table's own scroll box. */
  async function overflow(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (el.closest('.table-wrap')) continue;
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1)
          wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} right=${Math.round(box.right)} > ${width}`);
      }
      return wide.slice(0, 5);
    });
  }

  for (const [label, size] of [
    ['375 px wide', { width: 375, height: 800 }],
    ['200 % zoom of a 1280 px window', { width: 640, height: 400, deviceScaleFactor: 2 }],
  ] as const) {
    test(`every staff screen reflows at ${label}`, async () => {
      const screens: [string, string, string[]][] = [
        ['demo-bosai', 'hyoka-editor-2023', ['/work', `/rounds/${roundId}/items/${itemId}`]],
        [
          'demo-division',
          'hyoka-division-2023',
          [
            '/work',
            `/rounds/${roundId}/review`,
            `/rounds/${roundId}/board`,
            `/rounds/${roundId}/opinions`,
            `/rounds/${roundId}`,
            `/rounds/${roundId}/confirm?action=close`,
            `/rounds/${roundId}/reminders`,
            '/rounds',
            '/audit',
          ],
        ],
        ['demo-admin', 'hyoka-admin-2023', ['/admin/users', '/admin/departments', '/account/password']],
      ];
      for (const [login, password, paths] of screens) {
        const page = await signIn(login, password, size);
        if (login === 'demo-bosai') {
          // The check itself notices an element wider than the window.
          await page.evaluate(() => {
            const wide = document.createElement('div');
            wide.id = 'too-wide';
            wide.style.width = '2000px';
            document.querySelector('main')!.append(wide);
          });
          assert.match((await overflow(page)).join(), /too-wide/);
        }
        for (const path of paths) {
          await page.goto(`${session.server.url}${path}`);
          assert.deepEqual(await overflow(page), [], `${login} ${path}`);
        }
      }
    });
  }
});
