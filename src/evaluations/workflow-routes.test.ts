/**
 * The workflow screens through HTTP as a browser without script uses them: nothing typed
 * is lost on any save, error or conflict, and irreversible steps ask first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { demoAccount, get, post, sessionAs, startWorkflowServer, type Browserish, type WorkflowServer } from '../test-support/server.js';

/** An entry's version and status as stored now. */
async function entryState(s: WorkflowServer, itemId: number): Promise<{ version: number; status: string }> {
  const r = await s.db.query<{ version: number; status: string }>('select version, status from round_entries where round_id = $1 and item_id = $2', [
    s.roundId,
    itemId,
  ]);
  return r.rows[0]!;
}

for (const engine of engines()) {
  describe(`workflow screens (${engine})`, () => {
    let s: WorkflowServer;
    let expert: Browserish;
    let pillarKey: string;

    before(async () => {
      s = await startWorkflowServer(engine);
      expert = await sessionAs(s.db, demoAccount('expert').login);
      const page = await get(s.app, expert, `/rounds/${s.roundId}/opinions`);
      pillarKey = /name="body-([0-9]+)"/.exec(page.body)?.[1] ?? '';
      assert.ok(pillarKey, 'the expert sees a pillar box');
    });
    after(() => s?.close());

    const opinionsUrl = () => `/rounds/${s.roundId}/opinions`;
    /** Posts the opinions form: the button of `target` pressed, the plan box and the pillar box as typed with their versions. */
    const postOpinions = (target: 'plan' | 'pillar', plan: [body: string, version: string], pillar: [body: string, version: string]) =>
      post(s.app, expert, opinionsUrl(), {
        target: target === 'plan' ? 'plan' : pillarKey,
        'body-plan': plan[0],
        'version-plan': plan[1],
        [`body-${pillarKey}`]: pillar[0],
        [`version-${pillarKey}`]: pillar[1],
      });
    const storedOpinions = async () =>
      (await s.db.query<{ itemId: number | null; body: string }>(`select item_id as "itemId", body from round_opinions where round_id = $1`, [s.roundId])).rows;

    test('saving one opinion box keeps the text typed into another', async () => {
      const r = await postOpinions('plan', ['計画全体として順調。', '0'], ['柱の意見を書きかけ。', '0']);
      assert.equal(r.statusCode, 200, 'shown again, not redirected away from the unsaved box');
      assert.match(r.body, /計画全体として順調。/);
      assert.match(r.body, /柱の意見を書きかけ。/);
      assert.match(r.body, /ほかの欄に入力した未保存の内容はそのまま残っています/);
      assert.deepEqual(
        (await storedOpinions()).map((o) => o.body),
        ['計画全体として順調。'],
        'only the box whose button was pressed is saved',
      );
    });

    test('a conflict on one box keeps the text of both', async () => {
      const r = await postOpinions('plan', ['古い版からの書き換え。', '0'], ['柱の意見を書きかけ。', '0']);
      assert.equal(r.statusCode, 409);
      assert.match(r.body, /古い版からの書き換え。/);
      assert.match(r.body, /柱の意見を書きかけ。/);
      assert.match(r.body, /他の人が先に保存しました/);
    });

    test('a refused box keeps the text of both', async () => {
      const r = await postOpinions('pillar', ['計画全体の書きかけ。', '1'], ['あ'.repeat(8001), '0']);
      assert.equal(r.statusCode, 422);
      assert.match(r.body, /8000文字以内/);
      assert.match(r.body, /計画全体の書きかけ。/);
    });

    test('when no other box holds unsaved text, a save redirects (PRG)', async () => {
      const r = await postOpinions('pillar', ['計画全体として順調。', '1'], ['柱の意見。', '0']);
      assert.equal(r.statusCode, 303);
      assert.match(String(r.headers.location), /saved=1/);
    });

    test('text copied from last year is marked, and submitting it unchanged asks once', async () => {
      const editor = await sessionAs(s.db, demoAccount('department').login);
      const itemUrl = `/rounds/${s.roundId}/items/${s.ownItemId}`;
      const entry = async () =>
        (
          await s.db.query<{ version: number; status: string; reason: string; issues: string; direction: string; prefilled_reason: string | null }>(
            'select version, status, reason, issues, direction, prefilled_reason from round_entries where round_id = $1 and item_id = $2',
            [s.roundId, s.ownItemId],
          )
        ).rows[0]!;
      const before = await entry();
      assert.ok(before.prefilled_reason, 'the opening recorded what it copied');
      assert.equal(before.reason, before.prefilled_reason);
      const page = await get(s.app, editor, itemUrl);
      assert.match(page.body, /前年度の記述を複写しています。確認または編集してください/);
      assert.match(page.body, /aria-describedby="reason-hint"/, 'the note describes the reason field');
      const copy = { ratingCode: 'B', reason: `${before.reason}\r\n`, issues: before.issues, direction: before.direction };
      const asked = await post(s.app, editor, itemUrl, { action: 'submit', version: String(before.version), ...copy });
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /前年度の記述のままです/);
      assert.match(asked.body, /name="copyConfirmed" value="1"/);
      assert.equal((await entry()).status, 'not_started', 'nothing was submitted on the question');
      const confirmed = await post(s.app, editor, itemUrl, { action: 'submit', version: String(before.version), copyConfirmed: '1', ...copy });
      assert.equal(confirmed.statusCode, 303);
      assert.equal((await entry()).status, 'submitted');
      // Back to a draft for the tests below.
      await s.db.query(`update round_entries set status = 'draft' where round_id = $1 and item_id = $2`, [s.roundId, s.ownItemId]);
    });

    test('the department withdraws its submission until the division acts on it', async () => {
      const editor = await sessionAs(s.db, demoAccount('department').login);
      const division = await sessionAs(s.db, demoAccount('division').login);
      const itemUrl = `/rounds/${s.roundId}/items/${s.ownItemId}`;
      const version = () => entryState(s, s.ownItemId);
      const submitRating = async () =>
        post(s.app, editor, itemUrl, {
          action: 'submit',
          version: String((await version()).version),
          ratingCode: 'B',
          reason: '連携方法を検討した。',
          issues: '',
          direction: '',
        });
      const submit = await submitRating();
      assert.equal(submit.statusCode, 303);
      const page = await get(s.app, editor, itemUrl);
      assert.match(page.body, /提出を取り下げる/);
      const question = await post(s.app, editor, `${itemUrl}/withdraw`, { version: String((await version()).version), ask: '1' });
      assert.equal(question.statusCode, 200);
      assert.match(question.body, /提出の取り下げの確認/);
      assert.match(question.body, /下書きに戻り、審査待ちの一覧から外れます/);
      assert.equal((await version()).status, 'submitted', 'asking changes nothing');
      const withdrawn = await post(s.app, editor, `${itemUrl}/withdraw`, { version: String((await version()).version) });
      assert.equal(withdrawn.statusCode, 303);
      assert.match(String(withdrawn.headers.location), /saved=withdraw/);
      assert.equal((await version()).status, 'draft');
      const audit = await s.db.query<{ actor: string }>(`select actor from audit_log where action = 'withdraw' and item_id = $1`, [s.ownItemId]);
      assert.deepEqual(audit.rows, [{ actor: demoAccount('department').login }]);
      // Submitted again and accepted: the division has acted, so there is nothing to withdraw.
      await submitRating();
      assert.equal(
        (await post(s.app, division, `${itemUrl}/review`, { action: 'accept', comment: '', version: String((await version()).version) })).statusCode,
        303,
      );
      const late = await post(s.app, editor, `${itemUrl}/withdraw`, { version: String((await version()).version) });
      assert.equal(late.statusCode, 409);
      assert.equal((await version()).status, 'accepted');
      assert.doesNotMatch((await get(s.app, editor, itemUrl)).body, /提出を取り下げる/);
    });

    test('returning from the entry page asks first, keeping the comment; going back keeps it too', async () => {
      const division = await sessionAs(s.db, demoAccount('division').login);
      const itemUrl = `/rounds/${s.roundId}/items/${s.foreignItemId}`;
      const entry = () => entryState(s, s.foreignItemId);
      // The foreign item belongs to another department; put it in the submitted state directly.
      await s.db.query(`update round_entries set status = 'submitted' where round_id = $1 and item_id = $2`, [s.roundId, s.foreignItemId]);
      const version = String((await entry()).version);
      const asked = await post(s.app, division, `${itemUrl}/review`, { action: 'return', ask: '1', comment: '数値の根拠を追記してください。', version });
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /差し戻しの確認/);
      assert.match(asked.body, /数値の根拠を追記してください。/);
      assert.equal((await entry()).status, 'submitted', 'nothing changes on the question');
      const back = await post(s.app, division, `${itemUrl}/review`, { action: 'edit', comment: '数値の根拠を追記してください。', version });
      assert.match(back.body, /<textarea[^>]*id="comment"[^>]*>\n数値の根拠を追記してください。/);
      const returned = await post(s.app, division, `${itemUrl}/review`, { action: 'return', comment: '数値の根拠を追記してください。', version });
      assert.equal(returned.statusCode, 303);
      assert.equal((await entry()).status, 'returned');
    });

    test('every page links the unsaved-changes script, which is served as a file', async () => {
      const admin = await sessionAs(s.db, demoAccount('admin').login);
      for (const [who, url] of [
        [expert, opinionsUrl()],
        [admin, '/admin/users'],
        [admin, '/admin/departments'],
        [admin, '/account/password'],
      ] as const) {
        const page = await get(s.app, who, url);
        assert.equal(page.body.match(/<script src="\/assets\/unsaved-changes.js" defer(="")?><\/script>/g)?.length, 1, url);
      }
      assert.doesNotMatch((await s.app.inject('/login')).body, /<script/, 'signed-out pages carry no script');
      const js = await s.app.inject('/assets/unsaved-changes.js');
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.match(js.body, /beforeunload/);
    });

    test('the review list accepts several at once, each audited and version-checked; one that changed is reported, not accepted', async () => {
      const division = await sessionAs(s.db, demoAccount('division').login);
      const picked = (
        await s.db.query<{ itemId: number; version: number }>(
          `update round_entries set status = 'submitted', rating_code = 'A' where id in (
             select id from round_entries where round_id = $1 and item_id not in ($2, $3) order by item_id limit 3)
           returning item_id as "itemId", version`,
          [s.roundId, s.ownItemId, s.foreignItemId],
        )
      ).rows.sort((a, b) => a.itemId - b.itemId);
      const list = await get(s.app, division, `/rounds/${s.roundId}/review`);
      for (const p of picked) assert.match(list.body, new RegExp(`name="pick" value="${p.itemId}:${p.version}"`));
      assert.match(list.body, /name="_csrf"/);
      // The third one changes after the list was opened (its department withdraws and resubmits).
      const stale = picked[2]!;
      await s.db.query('update round_entries set version = version + 2 where round_id = $1 and item_id = $2', [s.roundId, stale.itemId]);
      const r = await post(s.app, division, `/rounds/${s.roundId}/review/accept`, { pick: picked.map((p) => `${p.itemId}:${p.version}`) });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /2件を承認しました/);
      assert.match(r.body, /次の1件は、一覧を開いた後に変更されたため承認していません/);
      assert.match(r.body, new RegExp(`href="/rounds/${s.roundId}/items/${stale.itemId}"`));
      const statuses = await s.db.query<{ itemId: number; status: string }>(
        `select item_id as "itemId", status from round_entries where round_id = $1 and item_id = any($2::int[]) order by item_id`,
        [s.roundId, picked.map((p) => p.itemId)],
      );
      assert.deepEqual(
        statuses.rows.map((x) => x.status),
        ['accepted', 'accepted', 'submitted'],
      );
      const audit = await s.db.query<{ itemId: number }>(
        `select item_id as "itemId" from audit_log where action = 'accept' and entity = 'entry' and item_id = any($1::int[]) order by item_id`,
        [picked.map((p) => p.itemId)],
      );
      assert.deepEqual(
        audit.rows.map((a) => a.itemId),
        [picked[0]!.itemId, picked[1]!.itemId],
        'one audit entry per accepted entry',
      );
      const none = await post(s.app, division, `/rounds/${s.roundId}/review/accept`, {});
      assert.match(none.body, /承認する項目が選ばれていません/);
    });

    test('the board page’s tables follow each status change and each language (rendered once per board)', async () => {
      const division = await sessionAs(s.db, demoAccount('division').login);
      const totalRow = (body: string) => /<tr[^>]*><th[^>]*>合計<\/th>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/.exec(body)?.[1];
      const before = await get(s.app, division, `/rounds/${s.roundId}/board`);
      assert.equal(before.statusCode, 200);
      assert.ok(totalRow(before.body), 'a totals row');
      assert.equal(totalRow((await get(s.app, division, `/rounds/${s.roundId}/board`)).body), totalRow(before.body), 'unchanged: the same counts');
      const english = await get(s.app, division, `/rounds/${s.roundId}/board?lang=en`);
      assert.match(english.body, /<th[^>]*>Total<\/th>/, 'in English when asked');
      assert.doesNotMatch(english.body, />合計</);
      const entry = await s.db.query<{ id: number }>(`select id from round_entries where round_id = $1 and status = 'not_started' order by id limit 1`, [
        s.roundId,
      ]);
      await s.db.query(`update round_entries set status = 'draft' where id = $1`, [entry.rows[0]!.id]);
      const after = await get(s.app, division, `/rounds/${s.roundId}/board`);
      assert.notEqual(totalRow(after.body), totalRow(before.body), 'one more draft, one fewer not started');
    });

    test('the division’s home shows counts per state and per department with bars, linking to the lists', async () => {
      const division = await sessionAs(s.db, demoAccount('division').login);
      const home = await get(s.app, division, '/work');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /状態ごとの項目数/);
      const total = (await s.db.query<{ n: number }>('select count(*)::int as n from round_entries where round_id = $1', [s.roundId])).rows[0]!.n;
      const accepted = (
        await s.db.query<{ n: number }>(`select count(*)::int as n from round_entries where round_id = $1 and status = 'accepted'`, [s.roundId])
      ).rows[0]!.n;
      assert.ok(home.body.includes(`href="/rounds/${s.roundId}/board?status=accepted">承認済み</a>`));
      assert.ok(home.body.includes(`${accepted}件 / ${total}件`), 'the figure is written out');
      assert.match(home.body, /<rect class="count-bar-fill" width="\d+" height="12"/);
      assert.match(home.body, new RegExp(`href="/rounds/${s.roundId}/board\\?department=\\d+">防災対策課</a>`));
      assert.doesNotMatch(home.body, /style=/, 'no inline style: the CSP forbids it');
      const editorHome = await get(s.app, await sessionAs(s.db, demoAccount('department').login), '/work');
      assert.doesNotMatch(editorHome.body, /状態ごとの項目数/, 'a department sees its own items, not the whole round');
    });

    test('the deadline follows the reader’s year style, and the round is called 評価の回', async () => {
      const division = await sessionAs(s.db, demoAccount('division').login);
      await s.db.query(`update evaluation_rounds set deadline = '2026-12-10' where id = $1`, [s.roundId]);
      const wareki = await get(s.app, division, '/work');
      assert.match(wareki.body, /締切: 令和8年12月10日/);
      assert.doesNotMatch(wareki.body, /2026-12-10/);
      assert.match((await get(s.app, division, '/work?era=seireki')).body, /締切: 2026年12月10日/);
      const settings = await get(s.app, division, `/rounds/${s.roundId}`);
      assert.match(settings.body, /評価の回の設定/);
      assert.doesNotMatch(settings.body.replace(/<nav[\s\S]*?<\/nav>/, ''), /ラウンド/, 'the workflow’s own words (the site navigation is another domain’s)');
    });

    // Last: it publishes the round, after which nothing above could run.
    test('closing and publishing go through a confirmation page; publishing with missing opinions needs a reason, kept in the audit log', async () => {
      const division = await sessionAs(s.db, demoAccount('division').login);
      const round = `/rounds/${s.roundId}`;
      const settings = await get(s.app, division, round);
      assert.match(settings.body, new RegExp(`href="${round}/confirm\\?action=close"`), 'closing is a link to its question, not a button that acts');
      const unconfirmed = await post(s.app, division, `${round}/transition`, { action: 'close' });
      assert.equal(unconfirmed.statusCode, 303);
      assert.equal(unconfirmed.headers.location, `${round}/confirm?action=close`);
      assert.equal((await s.db.query<{ status: string }>('select status from evaluation_rounds where id = $1', [s.roundId])).rows[0]!.status, 'open');
      const closeQuestion = await get(s.app, division, `${round}/confirm?action=close`);
      assert.match(closeQuestion.body, /未着手の項目 \d+件/);
      assert.equal((await post(s.app, division, `${round}/transition`, { action: 'close', confirmed: '1' })).statusCode, 303);
      await s.db.query(`update round_entries set status = 'accepted', rating_code = coalesce(rating_code, 'A') where round_id = $1`, [s.roundId]);
      const publishQuestion = await get(s.app, division, `${round}/confirm?action=publish`);
      assert.match(publishQuestion.body, /学識経験者の意見 \d+件が未記入です/);
      assert.match(publishQuestion.body, /デジタル推進課の意見 \d+件が未記入です/);
      assert.match(publishQuestion.body, new RegExp(`href="${round}/opinions#opinion-[0-9]+-h"`), 'each missing opinion is linked');
      const noReason = await post(s.app, division, `${round}/transition`, { action: 'publish', confirmed: '1', reason: '  ' });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /このまま公表する理由を入力してください/);
      const published = await post(s.app, division, `${round}/transition`, { action: 'publish', confirmed: '1', reason: '意見は議会報告後に追記する。' });
      assert.equal(published.statusCode, 303);
      const audit = await s.db.query<{ after: { reason: string; missingOpinions: string[] } }>(
        `select after from audit_log where action = 'publish' and entity = 'round' and round_id = $1`,
        [s.roundId],
      );
      assert.equal(audit.rows[0]?.after.reason, '意見は議会報告後に追記する。');
      assert.ok(audit.rows[0]!.after.missingOpinions.length > 0);
    });

    test('every "last saved" names the person, their department and the time in the reader’s year style', async () => {
      const page = await get(s.app, expert, opinionsUrl());
      assert.match(page.body, /最終保存: デモ 学識経験者（令和\d+年\d+月\d+日 \d{2}:\d{2}）/, 'a name that says the role already is not repeated');
      await s.db.query(`update users set display_name = '佐藤' where login = $1`, [demoAccount('expert').login]);
      const seireki = await get(s.app, expert, `${opinionsUrl()}?era=seireki`);
      assert.match(seireki.body, /最終保存: 学識経験者 佐藤（20\d\d年\d+月\d+日 \d{2}:\d{2}）/, 'a person without a department is named with their role');
      const editor = await sessionAs(s.db, demoAccount('department').login);
      const entry = await get(s.app, editor, `/rounds/${s.roundId}/items/${s.ownItemId}`);
      assert.match(entry.body, /<dt>最終更新<\/dt><dd>[^<]+（令和\d+年\d+月\d+日 \d{2}:\d{2}）<\/dd>/);
      assert.match(entry.body, /<dt>担当課<\/dt><dd>防災対策課（デモ）<\/dd>/, 'a department the demo assigned says so');
      assert.match(entry.body, /令和5年度 年度評価（デモ）/, 'and so does the demo round');
    });
  });
}
