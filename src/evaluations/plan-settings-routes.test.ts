/**
 * A 5-tier plan set up through the settings screen and taken through a full round over
 * HTTP: the screen refuses wrong input in Japanese keeping every field, saves with an
 * audit entry, and every workflow page then speaks the plan's own words.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { get, openTestServer, post, sessionAs, type Browserish, type TestServer } from '../test-support/server.js';
import { createWorkflowPlan, editorOf, type WorkflowPlan } from '../test-support/workflow-plans.js';
import { listAudit } from '../audit/audit-queries.js';

for (const engine of engines()) {
  describe(`a 5-tier plan with its own settings, over HTTP (${engine})`, () => {
    let s: TestServer;
    let plan: WorkflowPlan;
    let admin: Browserish, division: Browserish, expert: Browserish;
    let roundId: number;
    const settingsUrl = '/plans/five-tier/settings';
    const valid = {
      ratedLevel: '',
      boardLevel: '3',
      divisionLevels: ['4'],
      expertLevels: ['2'],
      planOpinionRole: 'none',
      divisionName: '企画部企画課',
      departmentTitle: '所管課',
      divisionTitle: '',
      expertTitle: '有識者',
      yearlyLabel: '年次評価',
      midtermLabel: '',
      finalLabel: '',
      version: '0',
    };

    before(async () => {
      s = await openTestServer({ engine, seed: false });
      plan = await createWorkflowPlan(s.db, {
        slug: 'five-tier',
        tiers: ['基本目標', '政策', '基本施策', '施策', '事務事業'],
        fanout: [2, 1, 2, 1, 2],
        bindScaleToDeepest: true,
      });
      admin = await sessionAs(s.db, plan.users.admin.login);
      division = await sessionAs(s.db, plan.users.division.login);
      expert = await sessionAs(s.db, plan.users.expert.login);
    });
    after(() => s?.close());

    test('only those who manage plans reach the settings screen', async () => {
      assert.equal((await get(s.app, admin, settingsUrl)).statusCode, 200);
      assert.equal((await get(s.app, division, settingsUrl)).statusCode, 403);
      assert.equal((await get(s.app, admin, '/plans/no-such-plan/settings')).statusCode, 404);
    });

    test('a refused form keeps every field and says why in Japanese', async () => {
      const has = (body: string, pattern: RegExp) => assert.ok(pattern.test(body), `the page shows ${pattern}`);
      const unknown = await post(s.app, admin, settingsUrl, { ...valid, boardLevel: '9' });
      assert.equal(unknown.statusCode, 422);
      has(unknown.body, /進捗ボードで集計する階層を一覧から選んでください。/);
      const r = await post(s.app, admin, settingsUrl, { ...valid, divisionLevels: ['5'], expertLevels: ['4', '2'] });
      assert.equal(r.statusCode, 422);
      has(r.body, /意見を書く階層は、評価する階層より上の階層を選んでください。/);
      has(r.body, /value="企画部企画課"/);
      has(r.body, /value="年次評価"/);
      has(r.body, /name="expertLevels" value="4" checked/);
      has(r.body, /name="divisionLevels" value="5" checked/);
      const overlap = await post(s.app, admin, settingsUrl, { ...valid, divisionLevels: ['2'] });
      assert.equal(overlap.statusCode, 422);
      has(overlap.body, /同じ階層に評価担当課と学識経験者の両方の意見は設定できません/);
      const long = await post(s.app, admin, settingsUrl, { ...valid, expertTitle: 'あ'.repeat(61) });
      has(long.body, /60文字以内で入力してください。/);
      assert.equal((await s.db.query('select 1 from plan_settings')).rowCount, 0, 'nothing stored');
    });

    test('a valid form is saved once, audited, and a stale one is a conflict that keeps the typing', async () => {
      const r = await post(s.app, admin, settingsUrl, valid);
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, `${settingsUrl}?saved=1`);
      const page = await get(s.app, admin, `${settingsUrl}?saved=1`);
      assert.match(page.body, /計画の設定を保存しました。/);
      assert.match(page.body, /value="有識者"/);
      const stale = await post(s.app, admin, settingsUrl, { ...valid, yearlyLabel: '年次の点検' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /他の人が先にこの計画の設定を保存しました/);
      assert.match(stale.body, /value="年次の点検"/);
      const audit = await listAudit(s.db, { planId: plan.planId });
      const saves = audit.filter((a) => a.entity === 'plan-settings');
      assert.equal(saves.length, 1);
      assert.equal((saves[0]!.after as { divisionName: string }).divisionName, '企画部企画課');
    });

    test('a round of the plan: entries per 事務事業, the board per 基本施策, the plan’s words on every page', async () => {
      const form = await get(s.app, division, '/rounds');
      assert.match(form.body, /<option value="yearly"[^>]*>年次評価<\/option>/, 'the only plan’s name for the kind');
      const created = await post(s.app, division, '/rounds', { planId: String(plan.planId), fiscalYear: '2023', kind: 'yearly', deadline: '' });
      assert.equal(created.statusCode, 303);
      roundId = Number(/\/rounds\/(\d+)/.exec(String(created.headers.location))?.[1]);
      assert.equal((await post(s.app, division, `/rounds/${roundId}/transition`, { action: 'open' })).statusCode, 303);
      const board = await get(s.app, division, `/rounds/${roundId}/board`);
      assert.match(board.body, /令和5年度 年次評価 — 進捗ボード/);
      assert.match(board.body, /基本施策ごとの進捗/);
      assert.match(board.body, /所管課ごとの進捗/, 'the departments under the plan’s own title');
      const rows = [...board.body.matchAll(/board\?measure=(\d+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(rows, plan.idsPerLevel[2], 'one row per 基本施策, in document order');
      const moving = await post(s.app, admin, settingsUrl, { ...valid, ratedLevel: '4', divisionLevels: ['3'], boardLevel: '', version: '1' });
      assert.equal(moving.statusCode, 422);
      assert.ok(moving.body.includes('評価する階層は変更できません'), 'the rated tier stays while a round is under way');
      assert.ok(moving.body.includes('name="divisionLevels" value="3" checked'), 'what was typed is kept');
      const entries = await s.db.query<{ n: number }>('select count(*)::int as n from round_entries where round_id = $1', [roundId]);
      assert.equal(entries.rows[0]!.n, plan.counts[4]);
      const drill = await get(s.app, division, `/rounds/${roundId}/board?measure=${plan.idsPerLevel[2]![0]}`);
      assert.match(drill.body, /<th[^>]*>事務事業<\/th>/, 'the list names the rated tier');
      const opinions = await get(s.app, division, `/rounds/${roundId}/opinions`);
      assert.match(opinions.body, /企画部企画課は施策ごとに意見を記入します。有識者は政策ごとに意見を記入します。/);
      assert.match(opinions.body, /施策 Z-1-1-1 への意見（企画部企画課）|施策 Z-1-1-1 .+への意見（企画部企画課）/);
      assert.doesNotMatch(opinions.body, /計画全体への意見/, 'nobody writes on the whole plan');
      assert.match(opinions.body, /承認済み 0 \/ 2/, 'each 施策 shows the progress of its 2 事務事業');
      assert.match(opinions.body, /承認済み 0 \/ 4/, 'each 政策 shows the progress of its 4 事務事業');
      const policy = plan.idsPerLevel[1]![0]!;
      const drill2 = await get(s.app, division, `/rounds/${roundId}/board?measure=${policy}`);
      assert.match(drill2.body, /政策 Z-1 の項目（4件）|政策 Z-1 .*（4件）/);
    });

    test('departments submit, the division returns and accepts, opinions are written, and the round is published', async () => {
      const rated = plan.idsPerLevel[4]!;
      const tasks = await get(s.app, await sessionAs(s.db, plan.users.editors[0]!.login), '/work');
      assert.match(tasks.body, /担当の事務事業/);
      assert.match(tasks.body, /令和5年度 年次評価/);
      for (const itemId of rated) {
        const editor = await sessionAs(s.db, (await editorOf(s.db, plan, itemId)).login);
        const r = await post(s.app, editor, `/rounds/${roundId}/items/${itemId}`, {
          action: 'submit',
          version: '1',
          ratingCode: 'A',
          reason: '予定どおり実施した。',
        });
        assert.equal(r.statusCode, 303, `submit ${itemId}`);
      }
      const first = rated[0]!;
      const firstEditor = await sessionAs(s.db, (await editorOf(s.db, plan, first)).login);
      const entryPage = await get(s.app, firstEditor, `/rounds/${roundId}/items/${first}`);
      assert.match(entryPage.body, /企画部企画課が審査する前であれば/);
      assert.equal(
        (await post(s.app, division, `/rounds/${roundId}/items/${first}/review`, { action: 'return', comment: '数値を添えてください。', version: '2' }))
          .statusCode,
        303,
      );
      assert.equal(
        (
          await post(s.app, firstEditor, `/rounds/${roundId}/items/${first}`, {
            action: 'submit',
            version: '3',
            ratingCode: 'B',
            reason: '一部遅れた（達成率80%）。',
          })
        ).statusCode,
        303,
      );
      const queue = await get(s.app, division, `/rounds/${roundId}/review`);
      assert.match(queue.body, /<th[^>]*>所管課<\/th>/);
      assert.match(queue.body, /<th[^>]*>事務事業<\/th>/);
      const picks = [...queue.body.matchAll(/name="pick" value="(\d+:\d+)"/g)].map((m) => m[1]!);
      assert.equal(picks.length, rated.length);
      const accepted = await post(s.app, division, `/rounds/${roundId}/review/accept`, { pick: picks });
      assert.match(accepted.body, new RegExp(`${rated.length}件を承認しました。`));

      assert.equal((await post(s.app, division, `/rounds/${roundId}/transition`, { action: 'close', confirmed: '1' })).statusCode, 303);
      const question = await get(s.app, division, `/rounds/${roundId}/confirm?action=publish`);
      assert.match(question.body, /有識者の意見 2件が未記入です/);
      assert.match(question.body, /企画部企画課の意見 4件が未記入です/);
      for (const id of plan.idsPerLevel[1]!) {
        const r = await post(s.app, expert, `/rounds/${roundId}/opinions`, { target: String(id), [`body-${id}`]: '政策として順調。', [`version-${id}`]: '0' });
        assert.equal(r.statusCode, 303);
      }
      for (const id of plan.idsPerLevel[3]!) {
        assert.equal(
          (await post(s.app, expert, `/rounds/${roundId}/opinions`, { target: String(id), [`body-${id}`]: 'x', [`version-${id}`]: '0' })).statusCode,
          403,
          'the 施策 are the division’s',
        );
        assert.equal(
          (await post(s.app, division, `/rounds/${roundId}/opinions`, { target: String(id), [`body-${id}`]: '施策として順調。', [`version-${id}`]: '0' }))
            .statusCode,
          303,
        );
      }
      const ready = await get(s.app, division, `/rounds/${roundId}/confirm?action=publish`);
      assert.match(ready.body, /未完了のものはありません。/);
      assert.equal((await post(s.app, division, `/rounds/${roundId}/transition`, { action: 'publish', confirmed: '1' })).statusCode, 303);
      const ratings = await s.db.query<{ level: number; n: number }>(
        'select i.level, count(*)::int as n from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.fiscal_year = 2023 group by 1',
        [plan.planId],
      );
      assert.deepEqual(ratings.rows, [{ level: 5, n: rated.length }]);
      const board = await get(s.app, division, `/rounds/${roundId}/board`);
      assert.match(board.body, /公表済み/);
      // The public side names the authors as the plan does.
      const measure = await get(s.app, null, '/portal/plans/five-tier/items/Z-1-1-1');
      assert.equal(measure.statusCode, 200);
      assert.match(measure.body, /企画部企画課の意見/);
      const policy = await get(s.app, null, '/portal/plans/five-tier/items/Z-1');
      assert.match(policy.body, /有識者の意見/);
      const csv = await get(s.app, null, '/portal/plans/five-tier/data/narratives.csv');
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /企画部企画課/);
      assert.doesNotMatch(csv.body, /デジタル推進課/);
    });
  });
}
