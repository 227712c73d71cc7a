/**
 * The indicator workflow over HTTP on the demo plan: the department's form shows the
 * indicators and the rule's proposal, refuses another rating without a reason (in
 * Japanese, every typed field kept), the division sees 規則による提案 / 変更（理由）,
 * the board warns of targets not re-set after the extension, and the plan settings set
 * the rule, the 今後の方向性 list and costs, refusing stale forms.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { get, openTestServer, post, sessionAs, type Browserish, type TestServer } from '../test-support/server.js';
import { listAudit } from '../audit/audit-queries.js';
import { ensureIndicatorDemo, INDICATOR_DEMO_ACCOUNT, INDICATOR_DEMO_SLUG } from '../indicators/indicator-demo.js';

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

for (const engine of engines()) {
  describe(`indicators in the workflow, over HTTP (${engine})`, () => {
    let s: TestServer;
    let editor: Browserish, division: Browserish, admin: Browserish;
    let roundId: number;
    let itemId: number, indicatorId: number, planId: number;
    const settingsUrl = `/plans/${INDICATOR_DEMO_SLUG}/settings`;

    before(async () => {
      s = await openTestServer({ engine, seed: false });
      roundId = (await ensureIndicatorDemo(s.db)).roundId!;
      const row = await s.db.query<{ itemId: number; indicatorId: number; planId: number }>(
        `select i.id as "itemId", x.id as "indicatorId", i.plan_id as "planId" from plan_items i join indicators x on x.item_id = i.id join plans p on p.id = i.plan_id
          where p.slug = $1 and i.code = '1.1.2'`,
        [INDICATOR_DEMO_SLUG],
      );
      ({ itemId, indicatorId, planId } = row.rows[0]!);
      for (const [login, role] of [
        ['ind-division', 'division'],
        ['ind-admin', 'admin'],
      ] as const) {
        const u = await s.db.query<{ id: number }>(
          "insert into users (login, display_name, password_hash, must_change_password) values ($1, $1, 'unused', false) returning id",
          [login],
        );
        await s.db.query('insert into user_roles (user_id, role) values ($1, $2)', [u.rows[0]!.id, role]);
      }
      editor = await sessionAs(s.db, INDICATOR_DEMO_ACCOUNT.login);
      division = await sessionAs(s.db, 'ind-division');
      admin = await sessionAs(s.db, 'ind-admin');
    });
    after(() => s?.close());

    const itemUrl = () => `/rounds/${roundId}/items/${itemId}`;

    test('the form shows the indicator, its target in effect and the proposal; another rating needs a reason; nothing typed is lost', async () => {
      const page = await get(s.app, editor, itemUrl());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /窓口の平均待ち時間（成果指標・値が小さいほど良い）/);
      assert.match(page.body, /基準値/);
      assert.match(page.body, /この年度の目標値/);
      assert.match(page.body, /実績値が入力されていないため、評価できません。/);
      assert.match(page.body, /達成率 A（100%以上）/, 'the rule in words');
      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
      const fields = {
        version,
        ratingCode: 'A',
        reason: '待ち時間は短くなった。',
        issues: '',
        direction: '予約制を広げる。',
        [`actual-${indicatorId}`]: '１８',
        [`sourceNote-${indicatorId}`]: '窓口システムの記録',
        directionCode: '拡充',
        'cost-projectCost': '4000',
        'cost-personnelCost': '2500',
        overrideReason: '',
        action: 'save',
      };
      const refused = await post(s.app, editor, itemUrl(), fields);
      assert.equal(refused.statusCode, 422);
      // 15 ÷ 18 = 83.3 % → B.
      assert.match(refused.body, /規則による提案は「B」です。「A」を選ぶ場合は、変更の理由を入力してください。/);
      assert.match(refused.body, /規則による提案: B/);
      assert.match(refused.body, new RegExp(`name="actual-${indicatorId}" value="１８"`));
      assert.match(refused.body, /value="窓口システムの記録"/);
      assert.match(refused.body, /<option value="拡充" selected/);
      assert.match(refused.body, /name="cost-projectCost" value="4000"/);
      assert.match(refused.body, /予約制を広げる。/);

      const saved = await post(s.app, editor, itemUrl(), { ...fields, overrideReason: '繁忙期を除けば目標を上回った。', action: 'submit' });
      assert.equal(saved.statusCode, 303);
      const stored = await s.db.query<{ proposed: string; reason: string; code: string }>(
        'select proposed_rating_code as proposed, override_reason as reason, direction_code as code from round_entries where round_id = $1 and item_id = $2',
        [roundId, itemId],
      );
      assert.deepEqual(stored.rows[0], { proposed: 'B', reason: '繁忙期を除けば目標を上回った。', code: '拡充' });
    });

    test('a save based on an older version is refused: the typed figures stay, the other version shows under them', async () => {
      const other = await s.db.query<{ itemId: number; indicatorId: number }>(
        `select i.id as "itemId", x.id as "indicatorId" from plan_items i join indicators x on x.item_id = i.id where i.plan_id = $1 and i.code = '1.1.1'`,
        [planId],
      );
      const { itemId: id, indicatorId: ind } = other.rows[0]!;
      const url = `/rounds/${roundId}/items/${id}`;
      const version = /name="version" value="(\d+)"/.exec((await get(s.app, editor, url)).body)![1]!;
      const base = { version, ratingCode: '', reason: '', issues: '', direction: '', action: 'save' };
      assert.equal((await post(s.app, editor, url, { ...base, [`actual-${ind}`]: '1700', directionCode: '拡充', 'cost-projectCost': '5000' })).statusCode, 303);
      const stale = await post(s.app, editor, url, { ...base, [`actual-${ind}`]: '1800', directionCode: '継続' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, new RegExp(`name="actual-${ind}" value="1800"`));
      assert.match(stale.body, /先に保存された内容（相手の版）: 1700/);
      assert.match(stale.body, /<option value="継続" selected/);
      assert.match(stale.body, /先に保存された内容（相手の版）: 拡充/);
      assert.match(stale.body, /id="cost-projectCost-theirs">先に保存された内容（相手の版）: 5000千円/);
      assert.match(stale.body, /id="cost-personnelCost-theirs">先に保存された内容（相手の版）: （空欄）/);
      const kept = await s.db.query<{ actuals: Record<string, { value: string }> }>('select actuals from round_entries where round_id = $1 and item_id = $2', [
        roundId,
        id,
      ]);
      assert.equal(kept.rows[0]!.actuals[String(ind)]!.value, '1700', 'nothing overwritten');
    });

    test('the review list marks the rating as changed from the proposal', async () => {
      const page = await get(s.app, division, `/rounds/${roundId}/review`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /変更（理由）（規則による提案: B）/);
    });

    test('the division sees the figures, the proposal and that the rating was changed, with the reason', async () => {
      const page = await get(s.app, division, itemUrl());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /変更（理由）/);
      assert.match(page.body, /規則による提案: B/);
      assert.match(page.body, /繁忙期を除けば目標を上回った。/);
      assert.match(page.body, /<dd>18<\/dd>/);
      assert.match(page.body, /事業費/);
    });

    test('the board warns of the indicators whose targets were not re-set after the extension', async () => {
      const page = await get(s.app, division, `/rounds/${roundId}/board`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /計画期間が延長されましたが、次の指標は目標値が再設定されていません（6件）/);
      assert.match(page.body, /窓口の平均待ち時間/);
      assert.doesNotMatch(
        page.body.slice(page.body.indexOf('extension-warning-h'), page.body.indexOf('</section>', page.body.indexOf('extension-warning-h'))),
        /電子申請の利用件数/,
      );
    });

    test('plan settings: the rule from a preset with its thresholds as data, the 今後の方向性 list and costs; stale forms conflict', async () => {
      const page = await get(s.app, admin, settingsUrl);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /達成率が100%以上：A/);
      const ruleStamp = decode(/action="\/plans\/demo-indicators\/settings\/rule">[\s\S]*?name="stamp" value="([^"]*)"/.exec(page.body)![1]!);
      const dirStamp = decode(/settings\/directions">[\s\S]*?name="stamp" value="([^"]*)"/.exec(page.body)![1]!);

      const badJson = await post(s.app, admin, `${settingsUrl}/rule`, { preset: 'ratio-a-d', name: '', parameters: '{', stamp: ruleStamp });
      assert.equal(badJson.statusCode, 422);
      assert.match(badJson.body, /JSON の形で書いてください/);
      const badCode = await post(s.app, admin, `${settingsUrl}/rule`, {
        preset: 'ratio-a-d',
        name: '',
        parameters: '{"thresholds":[{"atLeast":"90","code":"S"}],"otherwise":"D"}',
        stamp: ruleStamp,
      });
      assert.equal(badCode.statusCode, 422);
      assert.match(badCode.body, /評価の尺度（A・B・C・D・—）にない記号が規則に含まれています: S/);
      assert.match(badCode.body, /&quot;code&quot;:&quot;S&quot;/, 'the typed thresholds are kept');

      const custom = {
        preset: 'ratio-a-d',
        name: '達成率（90%で A）',
        parameters: '{"thresholds":[{"atLeast":"90","code":"A"},{"atLeast":"70","code":"B"}],"otherwise":"C"}',
      };
      const whileOpen = await post(s.app, admin, `${settingsUrl}/rule`, { ...custom, stamp: ruleStamp });
      assert.equal(whileOpen.statusCode, 409);
      assert.match(whileOpen.body, /公表前の評価の回（2023年度）があるため、評価の規則は変更できません。/);
      assert.match(whileOpen.body, /達成率（90%で A）/, 'the settings form comes back with what was typed');
      assert.match(whileOpen.body, /&quot;atLeast&quot;:&quot;70&quot;/);
      // The round as if published, for the rule's own checks; it is open again for the rest.
      await s.db.query("update evaluation_rounds set status = 'published' where id = $1", [roundId]);
      const saved = await post(s.app, admin, `${settingsUrl}/rule`, { ...custom, stamp: ruleStamp });
      assert.equal(saved.statusCode, 303);
      const after = await get(s.app, admin, `${settingsUrl}?saved=rule`);
      assert.match(after.body, /評価の規則を保存しました。/);
      assert.match(after.body, /達成率が90%以上：A/);
      const stale = await post(s.app, admin, `${settingsUrl}/rule`, { ...custom, name: '古い画面から', stamp: ruleStamp });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /value="古い画面から"/);
      await s.db.query("update evaluation_rounds set status = 'open' where id = $1", [roundId]);

      const inUse = await post(s.app, admin, `${settingsUrl}/directions`, { codes: '継続\n改善', stamp: dirStamp });
      assert.equal(inUse.statusCode, 422);
      assert.match(inUse.body, /使われている区分は削除できません: 拡充/);
      const reordered = await post(s.app, admin, `${settingsUrl}/directions`, {
        codes: '拡充\n継続\n改善\n縮小\n統合\n廃止・休止\n完了\n見直し',
        stamp: dirStamp,
      });
      assert.equal(reordered.statusCode, 303);
      const codes = await s.db.query<{ code: string }>('select code from direction_codes where plan_id = $1 order by position', [planId]);
      assert.equal(codes.rows.at(-1)?.code, '見直し');

      const off = await post(s.app, admin, `${settingsUrl}/costs`, { costsEnabled: '', stamp: 'on' });
      assert.equal(off.statusCode, 303);
      assert.doesNotMatch((await get(s.app, editor, `/rounds/${roundId}/items/${itemId}`)).body, /事業費（この年度）/);
      const audits = await listAudit(s.db, { planId });
      assert.ok(audits.some((a) => a.entity === 'rating_rule' && a.actor === 'ind-admin'));
      assert.ok(audits.some((a) => a.entity === 'direction_codes' && a.actor === 'ind-admin'));
      assert.ok(audits.some((a) => a.entity === 'plan-settings' && a.actor === 'ind-admin'));
      assert.equal((await get(s.app, division, settingsUrl)).statusCode, 403);
    });
  });
}
