import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines, type TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { importReportFile } from '../imports/import-report.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { listAudit } from '../audit/audit-queries.js';
import { findUser } from '../users/users-queries.js';
import { ensureDemoData } from './demo-data.js';
import { isAppError } from '../errors.js';
import { transitionRound } from './round-store.js';
import { correctPublishedEntry, reviewEntry, saveEntry } from './entry-store.js';
import { saveOpinion } from './opinion-store.js';
import { loadEntry, loadItemHistory } from './entry-queries.js';
import { getRound, listEntries, loadBoard, loadMyTasks, loadOpinions, loadReminders, type Round } from './round-queries.js';
import type { Actor, EntryInput } from './workflow.js';
import { sendReminders, type Mailer } from './reminders.js';
import { createSession, loadSession, purgeExpiredSessions } from '../auth/sessions.js';

type User = Actor & { id: number };

async function actor(db: TestDb['db'], login: string): Promise<User> {
  const u = await findUser(db, login);
  assert.ok(u, login);
  return { id: u.id, login: u.login, roles: u.roles, departmentIds: u.departmentIds };
}

const input = (over: Partial<EntryInput> = {}): EntryInput => ({
  ratingCode: 'A',
  annotationKindIds: [],
  reason: '計画どおり運用できた。',
  issues: '',
  direction: '',
  ...over,
});

for (const engine of engines()) {
  describe(`workflow store (${engine})`, () => {
    let t: TestDb;
    let round: Round;
    let editor: User, division: User, expert: User, viewer: User;
    let ownItem: number, foreignItem: number;

    before(async () => {
      t = await seededDb(engine);
      const demo = await ensureDemoData(t.db, { roundFiscalYear: 2023, today: new Date('2023-06-01') });
      round = await getRound(t.db, demo.roundId!);
      editor = await actor(t.db, 'demo-bosai');
      division = await actor(t.db, 'demo-division');
      expert = await actor(t.db, 'demo-expert');
      viewer = await actor(t.db, 'demo-viewer');
      const ids = await t.db.query<{ id: number; code: string }>(`select id, code from plan_items where plan_id = $1 and code in ('1.2.2.1', '2.1.4.3')`, [
        round.planId,
      ]);
      ownItem = ids.rows.find((r) => r.code === '1.2.2.1')!.id; // 災害情報の管理システムの導入検討 → 防災対策課 (demo)
      foreignItem = ids.rows.find((r) => r.code === '2.1.4.3')!.id; // 納品手続きの電子化 → 契約検査課 (demo)
    });
    after(async () => t.cleanup());

    test('the demo opens a FY2023 round with one entry per sub-item, prefilled from FY2022 text', async () => {
      assert.equal(round.fiscalYear, 2023);
      assert.equal(round.status, 'open');
      const board = await loadBoard(t.db, round.id);
      assert.equal(board.totals.total, 83);
      assert.equal(board.totals.counts.not_started, 83);
      assert.equal(board.measures.length, 5);
      assert.deepEqual(
        board.measures.map((m) => m.total),
        [11, 10, 10, 27, 25],
      );
      const entry = await loadEntry(t.db, round, ownItem, editor);
      assert.equal(entry.status, 'not_started');
      assert.match(entry.reason, /災害/, 'starts from last year’s department paragraph');
      assert.equal(entry.item.departmentName, '防災対策課');
      const history = await loadItemHistory(t.db, round.planId, entry.item, round.fiscalYear);
      assert.deepEqual(
        history.map((h) => h.code),
        ['B', 'B', 'B', 'B', 'B'],
        'B in every year H30–R4',
      );
      assert.equal(history[0]!.fiscalYear, 2022);
    });

    test('a department editor never reads or writes another department’s sub-item', async () => {
      await assert.rejects(loadEntry(t.db, round, foreignItem, editor), (e: unknown) => isAppError(e, 'not-found'));
      await assert.rejects(saveEntry(t.db, round, foreignItem, input(), 1, 'save', editor), (e: unknown) => isAppError(e, 'not-found'));
      const mine = await listEntries(t.db, round.id, { departmentIds: editor.departmentIds });
      assert.ok(mine.length > 0 && mine.every((e) => e.departmentName === '防災対策課' || e.departmentName === '消防指令課'));
      const tasks = await loadMyTasks(t.db, editor, [round]);
      assert.equal(tasks[0]!.entries.length, mine.length);
    });

    test('only the owning department saves; viewers and the division cannot', async () => {
      await assert.rejects(saveEntry(t.db, round, ownItem, input(), 1, 'save', viewer), (e: unknown) => isAppError(e, 'forbidden'));
      await assert.rejects(saveEntry(t.db, round, ownItem, input(), 1, 'save', division), (e: unknown) => isAppError(e, 'forbidden'));
    });

    test('draft → stale save is a conflict that returns the other text → submit → return → resubmit → accept', async () => {
      const first = await saveEntry(t.db, round, ownItem, input({ reason: '<b>最初</b>の下書き' }), 1, 'save', editor);
      assert.equal(first.kind, 'saved');
      assert.equal(first.kind === 'saved' && first.entry.status, 'draft');
      assert.equal(first.kind === 'saved' && first.entry.reason, '<b>最初</b>の下書き', 'markup is stored as typed text');
      const stale = await saveEntry(t.db, round, ownItem, input({ reason: '別の人の古い版から' }), 1, 'save', editor);
      assert.equal(stale.kind, 'conflict');
      assert.equal(stale.kind === 'conflict' && stale.current.reason, '<b>最初</b>の下書き');
      const invalid = await saveEntry(t.db, round, ownItem, input({ ratingCode: null, reason: ' ' }), 2, 'submit', editor);
      assert.equal(invalid.kind, 'invalid');
      assert.ok(invalid.kind === 'invalid' && invalid.errors.ratingCode && invalid.errors.reason);
      const submitted = await saveEntry(t.db, round, ownItem, input({ ratingCode: 'B' }), 2, 'submit', editor);
      assert.equal(submitted.kind === 'saved' && submitted.entry.status, 'submitted');
      await assert.rejects(
        saveEntry(t.db, round, ownItem, input(), 3, 'save', editor),
        (e: unknown) => isAppError(e, 'invalid-state'),
        'no edits after submission',
      );
      await assert.rejects(reviewEntry(t.db, round, ownItem, 'accept', '', 3, editor), (e: unknown) => isAppError(e, 'forbidden'));
      const noComment = await reviewEntry(t.db, round, ownItem, 'return', '  ', 3, division);
      assert.equal(noComment.kind, 'invalid');
      const returned = await reviewEntry(t.db, round, ownItem, 'return', '理由をもう少し具体的に。', 3, division);
      assert.equal(returned.kind === 'saved' && returned.entry.status, 'returned');
      const fixed = await saveEntry(t.db, round, ownItem, input({ ratingCode: 'B', reason: '県システムとの連携方針を整理した。' }), 4, 'submit', editor);
      assert.equal(fixed.kind === 'saved' && fixed.entry.status, 'submitted');
      const accepted = await reviewEntry(t.db, round, ownItem, 'accept', '', 5, division);
      assert.equal(accepted.kind === 'saved' && accepted.entry.status, 'accepted');
      const audit = await listAudit(t.db, { itemId: ownItem, roundId: round.id });
      assert.deepEqual(audit.map((a) => a.action).reverse(), ['save', 'submit', 'return', 'submit', 'accept']);
      assert.equal(audit.at(-1)!.actor, 'demo-bosai');
    });

    test('two saves of one version at once: one is kept, the other is a conflict, and only the kept one is audited', async () => {
      const mine = await listEntries(t.db, round.id, { departmentIds: editor.departmentIds });
      const itemId = mine.find((e) => e.itemId !== ownItem && e.status === 'not_started')!.itemId;
      const results = await Promise.all(
        ['一人目の下書き', '二人目の下書き'].map((reason) => saveEntry(t.db, round, itemId, input({ reason }), 1, 'save', editor)),
      );
      assert.deepEqual(results.map((r) => r.kind).sort(), ['conflict', 'saved']);
      const kept = results.find((r) => r.kind === 'saved');
      const lost = results.find((r) => r.kind === 'conflict');
      assert.equal(lost?.kind === 'conflict' && lost.current.reason, kept?.kind === 'saved' && kept.entry.reason, 'the conflict shows the kept text');
      const audit = await listAudit(t.db, { itemId, roundId: round.id });
      assert.equal(audit.length, 1, 'one audit entry, for the kept save');
      assert.equal((audit[0]!.after as { reason: string }).reason, kept?.kind === 'saved' ? kept.entry.reason : '');
      assert.equal((await loadEntry(t.db, round, itemId, editor)).version, 2);
    });

    test('opinions: the division per measure, the expert per pillar and plan; with version checks', async () => {
      const measure = (await t.db.query<{ id: number }>(`select id from plan_items where plan_id = $1 and code = '1.2'`, [round.planId])).rows[0]!.id;
      const pillar = (await t.db.query<{ id: number }>(`select id from plan_items where plan_id = $1 and code = '1'`, [round.planId])).rows[0]!.id;
      assert.deepEqual(await saveOpinion(t.db, round.id, measure, '防災分野は順調。', 0, division), { kind: 'saved' });
      await assert.rejects(saveOpinion(t.db, round.id, measure, 'x', 1, expert), (e: unknown) => isAppError(e, 'forbidden'));
      assert.deepEqual(await saveOpinion(t.db, round.id, pillar, '柱1への意見', 0, expert), { kind: 'saved' });
      assert.deepEqual(await saveOpinion(t.db, round.id, null, '計画全体への意見', 0, expert), { kind: 'saved' });
      const stale = await saveOpinion(t.db, round.id, null, '古い版', 0, expert);
      assert.equal(stale.kind, 'conflict');
      assert.equal((await loadOpinions(t.db, round.id)).length, 3);
    });

    test('publishing needs every entry accepted, then writes ratings and narratives; the round is read-only', async () => {
      await assert.rejects(transitionRound(t.db, round.id, 'publish', division), (e: unknown) => isAppError(e, 'invalid-state'));
      await assert.rejects(transitionRound(t.db, round.id, 'close', editor), (e: unknown) => isAppError(e, 'forbidden'));
      // Accept everything else directly (the per-item flow is tested above).
      await t.db.query(`update round_entries set status = 'accepted', rating_code = coalesce(rating_code, 'A') where round_id = $1 and status <> 'accepted'`, [
        round.id,
      ]);
      await transitionRound(t.db, round.id, 'close', division);
      await assert.rejects(transitionRound(t.db, round.id, 'publish', viewer), (e: unknown) => isAppError(e, 'forbidden'));
      // Most measures still have no division opinion: publishing anyway needs a stated reason.
      await assert.rejects(
        transitionRound(t.db, round.id, 'publish', division),
        (e: unknown) => isAppError(e, 'invalid-input') && /未記入の意見が\d+件/.test(e.message),
      );
      const published = await transitionRound(t.db, round.id, 'publish', division, { reason: '議会日程のため、意見は後日追記する。' });
      assert.equal(published.status, 'published');
      const publishAudit = (await listAudit(t.db, { roundId: round.id, limit: 1000 })).find((a) => a.action === 'publish' && a.entity === 'round');
      const after = publishAudit?.after as { reason?: string; missingOpinions?: string[] } | null;
      assert.equal(after?.reason, '議会日程のため、意見は後日追記する。');
      assert.ok((after?.missingOpinions?.length ?? 0) > 0, 'the audit entry names the missing opinions');
      assert.ok(!after?.missingOpinions?.includes('計画全体'), 'the written plan-wide opinion is not missing');
      const rating = await t.db.query<{ code: string; reason: string }>('select code, reason from ratings where item_id = $1 and fiscal_year = 2023', [
        ownItem,
      ]);
      assert.deepEqual(rating.rows[0], { code: 'B', reason: '県システムとの連携方針を整理した。' });
      const count = await t.db.query<{ n: number }>(
        'select count(*)::int as n from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.fiscal_year = 2023',
        [round.planId],
      );
      assert.equal(count.rows[0]!.n, 83);
      const narratives = await t.db.query<{ author_role: string; n: number }>(
        `select author_role, count(*)::int as n from narratives where fiscal_year = 2023 and source = 'entered' and author_role <> 'department' group by author_role order by author_role`,
      );
      assert.deepEqual(narratives.rows, [
        { author_role: 'division', n: 1 },
        { author_role: 'expert', n: 2 },
      ]);
      await assert.rejects(saveEntry(t.db, round, ownItem, input(), 6, 'save', editor), (e: unknown) => isAppError(e, 'invalid-state'));
      await assert.rejects(reviewEntry(t.db, round, ownItem, 'return', 'x', 6, division), (e: unknown) => isAppError(e, 'invalid-state'));
      const audit = await listAudit(t.db, { roundId: round.id, limit: 1000 });
      assert.equal(audit.filter((a) => a.action === 'publish' && a.entity === 'rating').length, 83);
    });

    test('a correction after publication is a new revision with a reason', async () => {
      const current = await loadEntry(t.db, round, ownItem, division);
      const corrected = input({ ratingCode: 'A', reason: '訂正後の理由' });
      const noReason = await correctPublishedEntry(t.db, round, ownItem, corrected, '', current.version, division);
      assert.equal(noReason.kind, 'invalid');
      await assert.rejects(correctPublishedEntry(t.db, round, ownItem, input(), '誤記', current.version, editor), (e: unknown) => isAppError(e, 'forbidden'));
      const done = await correctPublishedEntry(t.db, round, ownItem, corrected, '集計の誤記を訂正', current.version, division);
      assert.equal(done.kind === 'saved' && done.entry.revision, 1);
      const rating = await t.db.query<{ code: string }>('select code from ratings where item_id = $1 and fiscal_year = 2023', [ownItem]);
      assert.equal(rating.rows[0]!.code, 'A');
      const rev = await t.db.query<{ reason: string; before: { ratingCode: string } }>('select reason, before from entry_revisions');
      assert.equal(rev.rows[0]!.reason, '集計の誤記を訂正');
      assert.equal(rev.rows[0]!.before.ratingCode, 'B');
    });

    test('expired sessions stop working and are purged', async () => {
      const { token } = await createSession(t.db, viewer.id);
      assert.ok(await loadSession(t.db, token));
      await t.db.query(`update sessions set expires_at = now() - interval '1 minute'`);
      assert.equal(await loadSession(t.db, token), undefined);
      assert.ok((await purgeExpiredSessions(t.db)) >= 1);
      assert.equal((await t.db.query('select 1 from sessions')).rowCount, 0);
    });

    test('the audit log refuses updates and deletes', async () => {
      await assert.rejects(t.db.query('update audit_log set actor = $1', ['someone']), /append-only/);
      await assert.rejects(t.db.query('delete from audit_log'), /append-only/);
    });

    test('reminders list returned items per department, and overdue ones after the deadline', async () => {
      const t2 = await createTestDb(engine);
      try {
        await importReportFile(t2.db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
        const demo = await ensureDemoData(t2.db, { roundFiscalYear: 2023, today: new Date('2024-04-01') });
        const r2 = await getRound(t2.db, demo.roundId!);
        const before = await loadReminders(t2.db, r2, '2024-04-02');
        assert.equal(before.length, 0, 'nothing overdue before the deadline');
        const overdue = await loadReminders(t2.db, r2, '2024-05-01');
        assert.equal(
          overdue.reduce((n, d) => n + d.overdue.length, 0),
          83,
        );
        assert.ok(overdue.some((d) => d.departmentName === '防災対策課'));
        // E-mail: the demo editor gets one message listing the department's items, once a day.
        await t2.db.query(`update users set email = 'bosai@example.jp' where login = 'demo-bosai'`);
        const sent: { to: string; subject: string; text: string }[] = [];
        const mailer: Mailer = { send: async (m) => void sent.push(m) };
        const first = await sendReminders(t2.db, r2, mailer, { today: '2024-05-01', baseUrl: 'https://hyoka.example.jp', onlyIfNotSentToday: true });
        assert.deepEqual(first, { sent: 2, failed: 0 }, 'two departments of the editor, one message each');
        assert.ok(sent.every((m) => m.to === 'bosai@example.jp'));
        assert.ok(sent.some((m) => m.text.includes('災害情報の管理システムの導入検討') && m.text.includes(`https://hyoka.example.jp/rounds/${r2.id}/items/`)));
        const again = await sendReminders(t2.db, r2, mailer, { today: '2024-05-01', onlyIfNotSentToday: true });
        assert.deepEqual(again, { sent: 0, failed: 0 }, 'not twice on the same day');
        const broken: Mailer = {
          send: async () => {
            throw new Error('SMTP 550');
          },
        };
        const failed = await sendReminders(t2.db, r2, broken, { today: '2024-05-02' });
        assert.deepEqual(failed, { sent: 0, failed: 2 });
        const log = await t2.db.query<{ status: string; n: number }>(`select status, count(*)::int as n from reminder_log group by status order by status`);
        assert.deepEqual(log.rows, [
          { status: 'failed', n: 2 },
          { status: 'sent', n: 2 },
        ]);
      } finally {
        await t2.cleanup();
      }
    });
  });
}
