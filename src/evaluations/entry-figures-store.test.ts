import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, type TestDb } from '../test-support/db.js';
import { entryWith, openIndicatorRound, type IndicatorRound, type User } from '../test-support/indicator-round.js';
import { listAudit } from '../audit/audit-queries.js';
import { saveEntry, reviewEntry, correctPublishedEntry } from './entry-store.js';
import { transitionRound } from './round-store.js';
import type { Round } from './round-queries.js';
import { loadEntry } from './entry-queries.js';

const entry = entryWith;

for (const engine of engines()) {
  describe(`entry figures through the workflow (${engine})`, () => {
    let t: TestDb;
    let round: Round;
    let editor: User;
    let division: User;
    let item: Map<string, number>;
    let indicator: Map<string, number>;
    let figures: IndicatorRound['figures'];

    before(async () => {
      ({ t, round, editor, division, item, indicator, figures } = await openIndicatorRound(engine, 'ind-division'));
    });
    after(async () => t.cleanup());

    test('the proposal is computed from the entered actual; another rating needs a reason; a stale version conflicts', async () => {
      const id = item.get('1.1.1')!;
      let current = await loadEntry(t.db, round, id, editor);
      // 電子申請: target 2000 revised to 2600 only in 2024, so 2023 is judged against 2000: 1700 → 85 % → B.
      const refused = await saveEntry(t.db, round, id, entry('A'), current.version, 'save', editor, {
        figures: figures('1.1.1', { 'actual-#': '1700', directionCode: '拡充' }),
      });
      assert.equal(refused.kind, 'invalid');
      assert.equal(refused.kind === 'invalid' && refused.errors.overrideReason, '規則による提案は「B」です。「A」を選ぶ場合は、変更の理由を入力してください。');
      assert.equal((await loadEntry(t.db, round, id, editor)).version, current.version, 'nothing written');

      const kept = await saveEntry(t.db, round, id, entry('B'), current.version, 'save', editor, {
        figures: figures('1.1.1', { 'actual-#': '1,700', directionCode: '拡充', 'cost-projectCost': '12000', 'cost-personnelCost': '3000' }),
      });
      assert.equal(kept.kind, 'saved');
      current = await loadEntry(t.db, round, id, editor);
      assert.equal(current.proposedRatingCode, 'B');
      assert.equal(current.overrideReason, '');
      assert.deepEqual(current.actuals, { [String(indicator.get('1.1.1'))]: { value: '1700', notMeasurable: false, sourceNote: '' } });
      assert.equal(current.directionCode, '拡充');
      assert.equal(current.costs?.projectCost, '12000');

      const stale = await saveEntry(t.db, round, id, entry('A'), current.version - 1, 'save', editor, {
        figures: figures('1.1.1', { 'actual-#': '1700', overrideReason: '理由' }),
      });
      assert.equal(stale.kind, 'conflict', 'an edit based on an older version never overwrites');

      const changed = await saveEntry(t.db, round, id, entry('A'), current.version, 'submit', editor, {
        figures: figures('1.1.1', {
          'actual-#': '1700',
          directionCode: '拡充',
          overrideReason: '年度末の申請集中を含めると目標に達した。',
          'cost-projectCost': '12000',
        }),
      });
      assert.equal(changed.kind, 'saved');
      current = await loadEntry(t.db, round, id, editor);
      assert.equal(current.ratingCode, 'A');
      assert.equal(current.proposedRatingCode, 'B');
      assert.equal(current.overrideReason, '年度末の申請集中を含めると目標に達した。');
      const audit = await listAudit(t.db, { itemId: id, roundId: round.id });
      assert.ok(
        audit.some((a) => a.entity === 'entry' && (a.after as { proposedRatingCode?: string }).proposedRatingCode === 'B'),
        'the proposal is audited with the save',
      );
    });

    test('publication copies the proposal, the reason, the direction, the actuals and the costs', async () => {
      for (const [code, id] of item) {
        if (code === '1.1.1') continue;
        const e = await loadEntry(t.db, round, id, editor);
        const body: Record<string, string> =
          code === '2.1.1' ? { 'notMeasurable-#': '1', 'sourceNote-#': '訓練が中止されたため（デモ）' } : { 'actual-#': '1' };
        const r = await saveEntry(t.db, round, id, entry('D'), e.version, 'submit', editor, {
          figures: figures(code, { ...body, directionCode: '継続', overrideReason: '手入力で判断した。' }),
        });
        assert.equal(r.kind, 'saved', code);
      }
      for (const id of item.values()) {
        const e = await loadEntry(t.db, round, id, division);
        assert.equal((await reviewEntry(t.db, round, id, 'accept', '', e.version, division)).kind, 'saved');
      }
      await transitionRound(t.db, round.id, 'close', division);
      await transitionRound(t.db, round.id, 'publish', division, { reason: 'デモのため意見なしで公表' });
      const id = item.get('1.1.1')!;
      const rating = await t.db.query<{ code: string; proposed: string | null; reason: string | null }>(
        'select code, proposed_code as proposed, override_reason as reason from ratings where item_id = $1 and fiscal_year = 2023',
        [id],
      );
      assert.deepEqual(rating.rows[0], { code: 'A', proposed: 'B', reason: '年度末の申請集中を含めると目標に達した。' });
      const notMeasured = await t.db.query<{ proposed: string | null; value: string | null; nm: boolean; note: string }>(
        `select r.proposed_code as proposed, a.value::text as value, a.not_measurable as nm, a.source_note as note
           from ratings r join indicators x on x.item_id = r.item_id join indicator_actuals a on a.indicator_id = x.id and a.fiscal_year = 2023
          where r.item_id = $1 and r.fiscal_year = 2023`,
        [item.get('2.1.1')!],
      );
      assert.deepEqual(notMeasured.rows[0], { proposed: null, value: null, nm: true, note: '訓練が中止されたため（デモ）' });
      const copied = await t.db.query<{ actual: string; direction: string; note: string; cost: string }>(
        `select (select value::text from indicator_actuals where indicator_id = $2 and fiscal_year = 2023) as actual,
                (select c.code from item_directions d join direction_codes c on c.id = d.direction_code_id where d.item_id = $1 and d.fiscal_year = 2023) as direction,
                (select note from item_directions where item_id = $1 and fiscal_year = 2023) as note,
                (select project_cost::text from item_costs where item_id = $1 and fiscal_year = 2023) as cost`,
        [id, indicator.get('1.1.1')!],
      );
      assert.deepEqual(copied.rows[0], { actual: '1700', direction: '拡充', note: '引き続き取り組む。', cost: '12000' });
      const published = await listAudit(t.db, { itemId: id, action: 'publish' });
      assert.ok(published.some((a) => a.entity === 'rating' && (a.after as { overrideReason?: string }).overrideReason));

      // A correction to the proposal itself drops nothing: the rating now follows the rule.
      const e = await loadEntry(t.db, round, id, division);
      assert.equal((await correctPublishedEntry(t.db, round, id, entry('B'), '提案どおりに訂正', e.version, division)).kind, 'saved');
      const after = await t.db.query<{ code: string; proposed: string }>(
        'select code, proposed_code as proposed from ratings where item_id = $1 and fiscal_year = 2023',
        [id],
      );
      assert.deepEqual(after.rows[0], { code: 'B', proposed: 'B' });
    });
  });
}
