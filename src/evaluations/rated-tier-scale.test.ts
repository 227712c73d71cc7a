import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines, type TestDb } from '../test-support/db.js';
import { ensureIndicatorDemo, INDICATOR_DEMO_SLUG } from '../indicators/indicator-demo.js';
import { loadRatingRule } from '../indicators/indicator-queries.js';
import { loadPlanIndicatorSettings } from './plan-indicator-settings-queries.js';
import { loadPlanVocabularyNow } from './plan-settings-queries.js';

for (const engine of engines()) {
  describe(`a rule's codes belong to the rated tier's scale (${engine})`, () => {
    let t: TestDb;
    let planId: number;

    before(async () => {
      t = await createTestDb(engine);
      await ensureIndicatorDemo(t.db);
      planId = (await t.db.query<{ id: number }>('select id from plans where slug = $1', [INDICATOR_DEMO_SLUG])).rows[0]!.id;
      // The rated tier gets a scale of its own (S/T/U), the plan's default scale (A–D) staying as it is, and no plan rule.
      const scale = await t.db.query<{ id: number }>("insert into rating_scales (slug, name) values ('tier-stu', '三段階') returning id");
      const scaleId = scale.rows[0]!.id;
      await t.db.query(
        "insert into rating_codes (scale_id, code, label, position) values ($1, 'S', '順調', 1), ($1, 'T', '概ね順調', 2), ($1, 'U', '遅れ', 3)",
        [scaleId],
      );
      const { ratedLevel } = await loadPlanVocabularyNow(t.db, planId);
      await t.db.query('update plan_tiers set rating_scale_id = $3 where plan_id = $1 and level = $2', [planId, ratedLevel, scaleId]);
      await t.db.query('delete from rating_rules where plan_id = $1', [planId]);
      await t.db.query(`insert into rating_rules (scale_id, kind, name, parameters) values ($1, 'ratio_thresholds', '三段階', $2::jsonb)`, [
        scaleId,
        JSON.stringify({
          thresholds: [
            { atLeast: '100', code: 'S' },
            { atLeast: '80', code: 'T' },
          ],
          otherwise: 'U',
        }),
      ]);
    });
    after(async () => t.cleanup());

    test("the settings check a rule against the rated tier's codes, and the rule in effect is that scale's", async () => {
      const settings = await loadPlanIndicatorSettings(t.db, planId);
      assert.deepEqual(settings.scaleCodes, ['S', 'T', 'U']);
      assert.deepEqual([settings.rule?.owner, settings.rule?.name], ['scale', '三段階']);
      const rule = await loadRatingRule(t.db, planId);
      assert.deepEqual([rule?.owner, rule?.name, rule?.rule.kind], ['scale', '三段階', 'ratio_thresholds']);
    });
  });
}
