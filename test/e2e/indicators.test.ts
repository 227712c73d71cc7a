/**
 * The department's entry form with indicators, in Chromium: the actual is typed, the
 * rule's proposal appears after saving, another rating without a reason is refused in
 * Japanese with every field kept, and with a reason it is submitted; the division then
 * sees 変更（理由）. Every page on the way is axe-clean (WCAG 2.1 AA).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSession, skipWithoutChromium } from './harness.js';
import { ensureIndicatorDemo, INDICATOR_DEMO_ACCOUNT, INDICATOR_DEMO_SLUG } from '../../src/indicators/indicator-demo.js';
import { createUser } from '../../src/users/users-store.js';

describe('entry form with indicators, a proposal and an override', { skip: skipWithoutChromium }, () => {
  const session = browserSession({ withSample: false });
  const signIn = (login: string, password: string) => session.signIn(login, password);
  const axeClean = assertAccessible;
  let url: string;
  let indicatorId: number;

  before(async () => {
    const db = session.server.db;
    const { roundId } = await ensureIndicatorDemo(db);
    const row = await db.query<{ itemId: number; indicatorId: number }>(
      `select i.id as "itemId", x.id as "indicatorId" from plan_items i join indicators x on x.item_id = i.id join plans p on p.id = i.plan_id
        where p.slug = $1 and i.code = '2.1.2'`,
      [INDICATOR_DEMO_SLUG],
    );
    indicatorId = row.rows[0]!.indicatorId;
    url = `${session.server.url}/rounds/${roundId}/items/${row.rows[0]!.itemId}`;
    await createUser(
      db,
      { login: 'e2e-division', displayName: '評価担当', roles: ['division'], departmentIds: [], password: 'kanna-hyoka-7391', mustChangePassword: false },
      'test',
    );
  });

  test('the proposal from the typed actual, a refusal without a reason, a submission with one', async () => {
    const editor = await signIn(INDICATOR_DEMO_ACCOUNT.login, INDICATOR_DEMO_ACCOUNT.password);
    await editor.goto(url);
    await axeClean(editor, 'entry form');
    // 空き家の活用件数: target 50 revised to 40 in 2023, so 2023 is judged against 40.
    assert.match(await editor.locator('#indicators-h').locator('xpath=..').innerText(), /40件（最終目標（R6）・見直し後）/);
    await editor.fill(`#actual-${indicatorId}`, '30');
    await editor.fill(`#sourceNote-${indicatorId}`, '空き家バンクの成約件数');
    await editor.click('button[name=action][value=save]');
    await editor.waitForURL(/saved=save/);
    // 30 ÷ 40 = 75 % → C.
    assert.match(await editor.locator('#proposal').innerText(), /規則による提案: C/);

    await editor.check('input[name=ratingCode][value=B]');
    await editor.fill('#reason', '相談件数は大きく伸びている。');
    await editor.selectOption('#directionCode', '継続');
    await editor.fill('#cost-projectCost', '5000');
    await editor.click('button[name=action][value=submit]');
    assert.equal(await editor.locator('#overrideReason-error').innerText(), '規則による提案は「C」です。「B」を選ぶ場合は、変更の理由を入力してください。');
    assert.equal(await editor.inputValue(`#actual-${indicatorId}`), '30');
    assert.equal(await editor.inputValue('#reason'), '相談件数は大きく伸びている。');
    assert.equal(await editor.inputValue('#directionCode'), '継続');
    assert.equal(await editor.inputValue('#cost-projectCost'), '5000');
    assert.equal(await editor.isChecked('input[name=ratingCode][value=B]'), true);
    await axeClean(editor, 'entry form with a refused override');

    await editor.fill('#overrideReason', '年度末に成約した3件が集計に入っておらず、実態は目標の8割を超える。');
    await editor.click('button[name=action][value=submit]');
    await editor.waitForURL(/saved=submit/);
    await axeClean(editor, 'submitted entry');

    const division = await signIn('e2e-division', 'kanna-hyoka-7391');
    await division.goto(url);
    const text = await division.locator('main').innerText();
    assert.match(text, /変更（理由）/);
    assert.match(text, /年度末に成約した3件/);
    await axeClean(division, 'entry seen by the division');
    await division.goto(url.replace(/\/items\/\d+$/, '/board'));
    assert.match(await division.locator('#extension-warning-h').innerText(), /目標値が再設定されていません/);
    await axeClean(division, 'board with the extension warning');
  });
});
