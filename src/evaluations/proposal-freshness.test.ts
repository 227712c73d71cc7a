import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, type TestDb } from '../test-support/db.js';
import { entryWith, openIndicatorRound, type IndicatorRound, type User } from '../test-support/indicator-round.js';
import { listAudit } from '../audit/audit-queries.js';
import { isAppError } from '../errors.js';
import { correctPublishedEntry, reviewEntry, saveEntry } from './entry-store.js';
import { transitionRound } from './round-store.js';
import { getRound, type Round } from './round-queries.js';
import { loadEntry } from './entry-queries.js';
import { savePlanRule } from './plan-indicator-settings-store.js';
import { loadPlanIndicatorSettings } from './plan-indicator-settings-queries.js';
import type { RatingRule } from '../indicators/rating-rules.js';
import type { Actor } from './workflow.js';

const entry = entryWith;

const admin: Actor = { login: 'rule-admin', roles: ['admin'], departmentIds: [] };
const LOWER = [
  { atLeast: '80', strict: false, code: 'B' },
  { atLeast: '50', strict: false, code: 'C' },
];
const RATIO_A_D: RatingRule = {
  kind: 'ratio_thresholds',
  parameters: { thresholds: [{ atLeast: '100', strict: false, code: 'A' }, ...LOWER], otherwise: 'D' },
};

for (const engine of engines()) {
  describe(`the rule's proposal stays true until publication (${engine})`, () => {
    let t: TestDb;
    let round: Round;
    let editor: User;
    let division: User;
    let item: Map<string, number>;
    let figures: IndicatorRound['figures'];

    /** Writes the plan's rule straight into the table, as a change made before the settings refused it would have. */
    const setRuleInTable = (parameters: unknown) =>
      t.db.query("update rating_rules set parameters = $2::jsonb where plan_id = $1 and kind = 'ratio_thresholds'", [round.planId, JSON.stringify(parameters)]);
    const ratings = async (id: number) =>
      (
        await t.db.query<{ code: string; proposed: string | null; reason: string | null }>(
          'select code, proposed_code as proposed, override_reason as reason from ratings where item_id = $1 and fiscal_year = $2',
          [id, round.fiscalYear],
        )
      ).rows[0];

    before(async () => {
      ({ t, round, editor, division, item, figures } = await openIndicatorRound(engine, 'fresh-division'));
    });
    after(async () => t.cleanup());

    test('the plan rule cannot change while a round is open or closed and not yet published', async () => {
      const stamp = (await loadPlanIndicatorSettings(t.db, round.planId)).stamps.rule;
      await assert.rejects(
        savePlanRule(t.db, round.planId, { rule: RATIO_A_D, name: '達成率', stamp }, admin),
        (e: unknown) => isAppError(e, 'invalid-state') && /2023年度/.test(e.message),
      );
    });

    test('publication recomputes each proposal: refused where the rating now differs without a reason, else brought in step', async () => {
      // 1.1.1: 1700 against 2000 (85 %) proposes B; the department chooses A with a reason.
      // Every other item gets its own proposal as its rating, so it needs no reason.
      for (const [code, id] of item) {
        const body: Record<string, string> =
          code === '2.1.1' ? { 'notMeasurable-#': '1', 'sourceNote-#': '中止' } : { 'actual-#': code === '1.1.1' ? '1700' : '1' };
        let e = await loadEntry(t.db, round, id, editor);
        const draft = await saveEntry(t.db, round, id, entry(null), e.version, 'save', editor, { figures: figures(code, { ...body, directionCode: '継続' }) });
        assert.equal(draft.kind, 'saved', code);
        e = await loadEntry(t.db, round, id, editor);
        const rating = code === '1.1.1' ? 'A' : (e.proposedRatingCode ?? 'C');
        const overrideReason = code === '1.1.1' ? '年度末の申請を含めると達成。' : '';
        const r = await saveEntry(t.db, round, id, entry(rating), e.version, 'submit', editor, {
          figures: figures(code, { ...body, directionCode: '継続', overrideReason }),
          copyConfirmed: true,
        });
        assert.equal(r.kind, 'saved', code);
        assert.equal((await reviewEntry(t.db, round, id, 'accept', '', (await loadEntry(t.db, round, id, division)).version, division)).kind, 'saved');
      }
      assert.equal((await loadEntry(t.db, round, item.get('1.1.1')!, editor)).proposedRatingCode, 'B');
      await transitionRound(t.db, round.id, 'close', division);

      // Everything measured now proposes C: items rated with their old proposal have no reason for differing.
      await setRuleInTable({ thresholds: [{ atLeast: '100000', code: 'A' }], otherwise: 'C' });
      const expected = (
        await t.db.query<{ code: string }>(
          `select i.code from round_entries e join plan_items i on i.id = e.item_id
            where e.round_id = $1 and e.proposed_rating_code is not null and e.proposed_rating_code <> 'C' and e.override_reason = '' order by i.code`,
          [round.id],
        )
      ).rows.map((r) => r.code);
      assert.ok(expected.length > 0 && !expected.includes('1.1.1'));
      await assert.rejects(transitionRound(t.db, round.id, 'publish', division, { reason: '意見なし' }), (e: unknown) => {
        assert.ok(isAppError(e, 'invalid-state'));
        assert.match(e.message, new RegExp(`: ${expected.join('、')}。`));
        return true;
      });
      assert.equal((await getRound(t.db, round.id)).status, 'closed');

      // Only 1.1.1's proposal moves (85 % is now A): its rating A agrees with the rule, so it publishes, the reason dropped.
      await setRuleInTable({ thresholds: [{ atLeast: '85', code: 'A' }, ...LOWER], otherwise: 'D' });
      const id = item.get('1.1.1')!;
      await t.db.query("insert into item_costs (item_id, fiscal_year, unit, project_cost, note) values ($1, $2, '千円', 999, '前の値')", [
        id,
        round.fiscalYear,
      ]);
      await transitionRound(t.db, round.id, 'publish', division, { reason: '意見なし' });
      assert.deepEqual(await ratings(id), { code: 'A', proposed: 'A', reason: null });
      const stored = await loadEntry(t.db, round, id, division);
      assert.deepEqual([stored.proposedRatingCode, stored.overrideReason], ['A', '']);
      // What the department saved is not lost: the proposal it saw and the reason it wrote stay in the audit log.
      const refreshed = await listAudit(t.db, { itemId: id, action: 'refresh-proposal' });
      assert.deepEqual(
        refreshed.map((a) => [a.before, a.after]),
        [
          [
            { proposedRatingCode: 'B', overrideReason: '年度末の申請を含めると達成。' },
            { proposedRatingCode: 'A', overrideReason: '' },
          ],
        ],
      );

      // The publication's audit entry keeps what the published tables held before it.
      const audit = (await listAudit(t.db, { itemId: id, action: 'publish' })).find((a) => a.entity === 'rating');
      assert.ok(audit);
      assert.deepEqual((audit.before as { costs?: unknown }).costs, {
        unit: '千円',
        projectCost: '999',
        personnelCost: null,
        totalCost: null,
        nationalPrefecturalFunds: null,
        localBonds: null,
        otherFunds: null,
        generalFunds: null,
        note: '前の値',
      });
      assert.deepEqual((audit.after as { proposedCode?: string; overrideReason?: string }).proposedCode, 'A');

      // No round left open or unpublished: the rule can change again.
      const stamp = (await loadPlanIndicatorSettings(t.db, round.planId)).stamps.rule;
      assert.deepEqual(await savePlanRule(t.db, round.planId, { rule: RATIO_A_D, name: '達成率', stamp }, admin), { kind: 'saved' });
    });

    test("a correction that changes the code takes the correction's reason, or none when it is the proposal", async () => {
      const id = item.get('1.1.1')!;
      const correct = async (code: string, why: string) => {
        const e = await loadEntry(t.db, round, id, division);
        assert.equal((await correctPublishedEntry(t.db, round, id, entry(code), why, e.version, division)).kind, 'saved');
        return loadEntry(t.db, round, id, division);
      };
      // Proposal A (published above).
      let e = await correct('B', '集計誤りのため B');
      assert.deepEqual(await ratings(id), { code: 'B', proposed: 'A', reason: '集計誤りのため B' });
      e = await correct('C', '再集計で C');
      assert.deepEqual(await ratings(id), { code: 'C', proposed: 'A', reason: '再集計で C' });
      assert.equal(e.overrideReason, '再集計で C');
      e = await correct('A', '提案どおりに戻す');
      assert.deepEqual(await ratings(id), { code: 'A', proposed: 'A', reason: null });
      assert.deepEqual([e.proposedRatingCode, e.overrideReason], ['A', '']);
      const revisions = await t.db.query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
        'select before, after from entry_revisions where entry_id = $1 order by revision',
        [e.id],
      );
      assert.deepEqual(
        revisions.rows.map((r) => [r.before.overrideReason, r.after.overrideReason, r.after.proposedRatingCode]),
        [
          ['', '集計誤りのため B', 'A'],
          ['集計誤りのため B', '再集計で C', 'A'],
          ['再集計で C', '', 'A'],
        ],
      );
    });
  });
}
