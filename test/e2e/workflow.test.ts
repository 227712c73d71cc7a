/**
 * The whole yearly round in Debian's Chromium, through the real forms (no script on
 * the pages; axe-core itself needs the browser's JavaScript): a department editor signs in, enters and submits a rating; the division
 * returns it with a comment; the editor fixes and resubmits; the division accepts; the
 * expert writes; the division publishes; the public plan page (and the portal and the
 * report, when present) show it. axe-core runs on every screen on the way.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, skipWithoutChromium, browserSession } from './harness.js';
import { ensureDemoData } from '../../src/evaluations/demo-data.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';

describe('the yearly round in the browser', { skip: skipWithoutChromium }, () => {
  const session = browserSession();
  const signIn = (login: string, password: string) => session.signIn(login, password);
  let roundId: number;
  let itemId: number;
  const checked: string[] = [];

  before(async () => {
    const demo = await ensureDemoData(session.server.db, { roundFiscalYear: 2023, today: new Date('2024-04-01') });
    roundId = demo.roundId!;
    itemId = (await session.server.db.query<{ id: number }>(`select id from plan_items where code = '1.2.2.1'`)).rows[0]!.id;
  });

  async function accessible(page: Page, name: string): Promise<void> {
    await assertAccessible(page, name);
    checked.push(name);
  }

  const itemUrl = () => `${session.server.url}/rounds/${roundId}/items/${itemId}`;

  test('sign-in page and a wrong password', async () => {
    const page = await session.newPage();
    await page.goto(`${session.server.url}/login`);
    await accessible(page, 'login');
    await page.fill('#login', 'demo-bosai');
    await page.fill('#password', 'not-the-password');
    await page.click('main button[type=submit]');
    assert.match(await page.locator('[role=alert]').innerText(), /正しくありません/);
    assert.equal(await page.inputValue('#login'), 'demo-bosai', 'what was typed is kept');
    await accessible(page, 'login with error');
  });

  let editor: Page;
  let division: Page;

  test('the department editor enters and submits a rating', async () => {
    editor = await signIn('demo-bosai', 'hyoka-editor-2023');
    await accessible(editor, 'my tasks (editor)');
    await editor.click('text=災害情報の管理システムの導入検討');
    await editor.waitForURL(itemUrl());
    assert.match(await editor.locator('#history').locator('..').innerText(), /H30|R4/, 'history across the years');
    assert.notEqual((await editor.inputValue('#reason')).trim(), '', 'starts from last year’s text');
    assert.match(await editor.locator('#reason-hint').innerText(), /前年度の記述を複写しています/, 'and says so beside the field');
    await accessible(editor, 'entry form');
    // Submitting without a rating: a Japanese error next to the field, and the text stays.
    await editor.fill('#reason', '県の防災システムとの連携方法を検討した。');
    await editor.click('button[name=action][value=submit]');
    assert.match(await editor.locator('#ratingCode-error').innerText(), /評価を選んで/);
    assert.equal(await editor.inputValue('#reason'), '県の防災システムとの連携方法を検討した。');
    await accessible(editor, 'entry form with errors');
    await editor.check('input[name=ratingCode][value=B]');
    await editor.click('button[name=action][value=submit]');
    await editor.waitForURL(/saved=submit/);
    assert.match(await editor.locator('main').innerText(), /提出済み/);
    // Taken back before the division acts, and submitted again.
    await accessible(editor, 'entry submitted (withdraw offered)');
    await editor.click('text=提出を取り下げる');
    await editor.waitForLoadState();
    assert.match(await editor.locator('main').innerText(), /提出の取り下げの確認/);
    await accessible(editor, 'confirm withdrawing');
    await editor.click('main form button.danger');
    await editor.waitForURL(/saved=withdraw/);
    assert.match(await editor.locator('main').innerText(), /提出を取り下げました/);
    assert.equal(await editor.inputValue('#reason'), '県の防災システムとの連携方法を検討した。', 'the text stays as submitted');
    await editor.click('button[name=action][value=submit]');
    await editor.waitForURL(/saved=submit/);
  });

  test('the division returns it with a comment', async () => {
    division = await signIn('demo-division', 'hyoka-division-2023');
    assert.match(await division.locator('main').innerText(), /状態ごとの項目数/, 'the division’s home counts');
    await accessible(division, 'division home with counts');
    await division.goto(`${session.server.url}/rounds/${roundId}/review`);
    await accessible(division, 'review queue');
    await division.click('text=災害情報の管理システムの導入検討');
    await accessible(division, 'entry review');
    await division.fill('#comment', '連携の課題を「課題」欄に具体的に書いてください。');
    await division.click('button[name=action][value=return]');
    await division.waitForLoadState();
    const question = await division.locator('main').innerText();
    assert.match(question, /差し戻しの確認/);
    assert.match(question, /連携の課題を「課題」欄に具体的に書いてください。/);
    await accessible(division, 'confirm return');
    await division.click('button[name=action][value=return]');
    await division.waitForURL(/saved=return/);
    assert.match(await division.locator('main').innerText(), /差し戻し/);
  });

  test('the editor sees the comment, fixes and resubmits', async () => {
    await editor.goto(`${session.server.url}/work`);
    assert.match(await editor.locator('main').innerText(), /差し戻された項目が1件/);
    await editor.goto(itemUrl());
    assert.match(await editor.locator('main').innerText(), /連携の課題を「課題」欄に具体的に書いてください。/);
    await editor.fill('#issues', '県システムの更新時期に合わせた連携仕様の確定。');
    await editor.fill('#direction', '令和6年度に連携方式を決定する。');
    await editor.click('button[name=action][value=submit]');
    await editor.waitForURL(/saved=submit/);
  });

  test('the division accepts, and the rest of the round is completed', async () => {
    await division.goto(itemUrl());
    await division.click('button[name=action][value=accept]');
    await division.waitForURL(/saved=accept/);
    assert.match(await division.locator('main').innerText(), /承認済み/);
    // Three other departments' items arrive; the division accepts two of them at once.
    await session.server.db.query(
      `update round_entries set status = 'submitted', rating_code = 'A', reason = '計画どおり' where id in (select id from round_entries where round_id = $1 and item_id <> $2 order by item_id limit 3)`,
      [roundId, itemId],
    );
    await division.goto(`${session.server.url}/rounds/${roundId}/review`);
    await accessible(division, 'review queue with picks');
    const picks = division.locator('input[name=pick]');
    assert.equal(await picks.count(), 3);
    await picks.nth(0).check();
    await picks.nth(1).check();
    await division.click('text=選んだ項目を承認する');
    await division.waitForLoadState();
    assert.match(await division.locator('[role=status]').innerText(), /2件を承認しました/);
    assert.equal(await division.locator('input[name=pick]').count(), 1, 'the third is still waiting');
    await accessible(division, 'review queue after a bulk accept');
    // The other sub-items belong to other departments; completing them by hand in the
    // browser would only repeat the steps above, so they are accepted directly.
    await session.server.db.query(
      `update round_entries set status = 'accepted', rating_code = coalesce(rating_code, 'A'), reason = coalesce(nullif(reason, ''), '計画どおり') where round_id = $1 and item_id <> $2`,
      [roundId, itemId],
    );
    await division.goto(`${session.server.url}/rounds/${roundId}/board`);
    await accessible(division, 'completion board');
    assert.match(await division.locator('main').innerText(), /100%/);
  });

  test('the expert writes the opinion for the whole plan', async () => {
    const expert = await signIn('demo-expert', 'hyoka-expert-2023');
    await expert.goto(`${session.server.url}/rounds/${roundId}/opinions`);
    await accessible(expert, 'expert page');
    // Text typed into a second box survives saving the first.
    const pillarBox = expert.locator('textarea[id^=opinion-]:not(#opinion-plan)').first();
    await pillarBox.fill('柱ごとの意見を書きかけ。');
    await expert.fill('#opinion-plan', '停滞している事業の目標を見直すこと。');
    await expert.click('button[name=target][value=plan]');
    await expert.waitForLoadState();
    assert.match(await expert.locator('[role=status], .notice').first().innerText(), /未保存の内容はそのまま残っています/);
    assert.equal((await expert.inputValue('#opinion-plan')).trim(), '停滞している事業の目標を見直すこと。');
    assert.equal((await pillarBox.inputValue()).trim(), '柱ごとの意見を書きかけ。');
    await accessible(expert, 'expert page after a save with another box unsaved');
  });

  test('the division writes its opinion, closes and publishes the round', async () => {
    await division.goto(`${session.server.url}/rounds/${roundId}/opinions`);
    const fieldId = await division.locator('textarea[id^=opinion-]').first().getAttribute('id');
    await division.fill(`#${fieldId}`, '防災分野は連携方針の確定が課題。');
    await division.click(`button[name=target][value="${fieldId!.replace('opinion-', '')}"]`);
    await division.waitForURL(/saved=1/);
    await division.goto(`${session.server.url}/rounds/${roundId}`);
    await accessible(division, 'round settings');
    await division.click('a[href*="confirm?action=close"]');
    await division.waitForURL(/confirm\?action=close/);
    await accessible(division, 'confirm closing');
    await division.click('main form button[type=submit]');
    await division.waitForURL(/done=1/);
    await division.click('a[href*="confirm?action=publish"]');
    await division.waitForURL(/confirm\?action=publish/);
    const question = await division.locator('main').innerText();
    assert.match(question, /学識経験者の意見 \d+件が未記入です/, 'the pillar opinions are still empty');
    assert.ok((await division.locator('main a[href*="/opinions#opinion-"]').count()) > 0, 'each missing opinion is linked');
    await accessible(division, 'confirm publication');
    // Without a reason the publication is refused and nothing changes.
    await division.click('main form button[type=submit]');
    await division.waitForLoadState();
    assert.match(await division.locator('[role=alert]').first().innerText(), /理由を入力してください/);
    await accessible(division, 'confirm publication, reason missing');
    await division.fill('#reason', '学識経験者の柱ごとの意見は次回の会議後に追記する。');
    await division.click('main form button[type=submit]');
    await division.waitForURL(/done=1/);
    assert.match(await division.locator('main').innerText(), /公表済み/);
    await division.goto(`${session.server.url}/rounds/${roundId}/reminders`);
    await accessible(division, 'reminders');
    await division.goto(`${session.server.url}/audit?item=${itemId}`);
    await accessible(division, 'audit log');
    assert.match(await division.locator('main').innerText(), /demo-bosai/);
    // Filtered by item number and action through the form: Japanese sentences, readable changes.
    await division.goto(`${session.server.url}/audit`);
    await division.fill('#code', '1.2.2.1');
    await division.selectOption('#action', 'return');
    await division.click('form.audit-filters button[type=submit]');
    await division.waitForURL(/code=1\.2\.2\.1/);
    const sentences = await division.locator('.audit-sentence').allInnerTexts();
    assert.ok(sentences.length >= 1 && sentences.every((t) => /1\.2\.2\.1 災害情報.* を差し戻し$/.test(t)), sentences.join('\n'));
    assert.match(await division.locator('.audit-diff').first().innerText(), /状態\s+変更前\s+提出済み →\s+変更後\s+差し戻し/);
    assert.doesNotMatch(await division.locator('table.audit-log').innerText(), /[{}]"/, 'no raw JSON');
    await accessible(division, 'audit log filtered');
    // After publication the entry is read-only for its department.
    await editor.goto(itemUrl());
    assert.equal(await editor.locator('button[name=action][value=save]').count(), 0);
  });

  test('the admin screens', async () => {
    const admin = await signIn('demo-admin', 'hyoka-admin-2023');
    await admin.goto(`${session.server.url}/admin/users`);
    await accessible(admin, 'users');
    await admin.goto(`${session.server.url}/admin/departments`);
    await accessible(admin, 'departments');
    await admin.goto(`${session.server.url}/rounds`);
    await accessible(admin, 'rounds');
    // The sample's reviewing division is named by its imported report, not by the code.
    await admin.goto(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/settings`);
    await accessible(admin, 'plan settings');
    assert.match(await admin.locator('#divisionName-hint').innerText(), /デジタル推進課/);
    await admin.goto(`${session.server.url}/account/password`);
    await accessible(admin, 'password change');
  });

  test('the published plan page, the portal and the report show the new year', async () => {
    const page = await session.newPage();
    await page.goto(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}`);
    const row = page.locator('tr', { has: page.locator('th', { hasText: '災害情報の管理システムの導入検討' }) }).first();
    const headers = await page.locator('table.ratings').first().locator('thead th').allInnerTexts();
    assert.ok(headers.includes('R5'), `R5 column on the plan page: ${headers.join(' ')}`);
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(-6), ['B', 'B', 'B※', 'B', 'B', 'B'], 'H30–R4 as published (R2 with ※) and the new R5');
    const portal = await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}/items/1.2.2.1`);
    assert.equal(portal?.status(), 200, 'portal item page');
    const itemText = await page.locator('main').innerText();
    assert.match(itemText, /R5|令和5年度|2023/);
    assert.match(
      await page.locator('.demo-notice').innerText(),
      /デモ[\s\S]*令和5年度の評価結果はデモデータです/,
      'the demo round is labelled on the public page',
    );
    const r5 = page.locator('.timeline > li', { has: page.locator('h3', { hasText: '令和5年度' }) });
    const headings = await r5.locator('h4').allInnerTexts();
    assert.deepEqual(headings.slice(0, 3), ['進捗状況（担当課）', '課題（担当課）', '今後の方向性（担当課）'], 'each text once under its own heading');
    assert.equal(await r5.locator('section.narrative', { hasText: '県の防災システムとの連携方法を検討した。' }).count(), 1, 'the reason is not repeated');
    await accessible(page, 'portal item page with a demo year');
    const report = await page.goto(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/2023`);
    assert.equal(report?.status(), 200, 'report of the published 2023 round');
    assert.match(await page.locator('main').innerText(), /停滞している事業の目標を見直すこと。|県の防災システムとの連携方法を検討した。/);
    assert.ok(checked.length >= 15, `axe ran on ${checked.length} screens`);
  });
});
