import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { renderToString } from 'preact-render-to-string';
import type { Db } from '../../../db/db.js';
import { createTestDb, type TestDb } from '../../../test-support/db.js';
import { SEED_SUMMARY, seedModel, sourceFacts } from '../../../test-support/seed.js';
import { FIVE_TIER, expectedCounts, storeTieredPlan } from '../../../test-support/tiered-plans.js';
import type { ReportModel } from '../../report-model.js';
import { loadReportModel } from '../../report-queries.js';
import { ReportDocument } from './report-document.js';
import { showsInsightsSection } from './insights-section.js';

const docOf = (model: ReportModel, generatedSection = model.round.generatedSection) =>
  parseHTML(`<html><body>${renderToString(<ReportDocument model={{ ...model, round: { ...model.round, generatedSection } }} era="wareki" />)}</body></html>`)
    .document;
const cells = (tr: Element) => [...tr.children].map((c) => c.textContent?.trim() ?? '');

describe('the generated section of the report', () => {
  let seed: { db: Db; model: ReportModel; cleanup: () => Promise<void> };
  let tiered: TestDb;
  before(async () => {
    seed = await seedModel();
    tiered = await createTestDb('pglite');
    await storeTieredPlan(tiered.db, FIVE_TIER);
  });
  after(async () => {
    await seed.cleanup();
    await tiered.cleanup();
  });

  test("off by default for the imported R4 report; when asked for, R4 against R3 from the report's own figures", () => {
    assert.equal(showsInsightsSection(seed.model), false);
    assert.equal(docOf(seed.model).querySelector('section.insights'), null);
    const section = docOf(seed.model, true).querySelector('section.insights')!;
    assert.equal(section.querySelector('h2')?.textContent, '参考：R4の変化（自動生成）');
    assert.match(section.textContent ?? '', /自動生成した参考資料/);
    assert.equal(section.querySelectorAll('figure.chart svg').length, 1);
    const rows = [...section.querySelectorAll('table tbody tr')].map(cells);
    const a = [SEED_SUMMARY[2021]!.A!, SEED_SUMMARY[2022]!.A!];
    assert.deepEqual(
      rows.find((r) => r[0] === 'A'),
      ['A', String(a[0]), String(a[1]), `+${a[1]! - a[0]!}`],
    );
    assert.equal(rows.find((r) => r[0] === '達成率')?.[3], '+1.20ポイント');
    const b = sourceFacts()
      .subItems.filter((x) => x.ratings.at(-1)?.code === 'B')
      .map((x) => x.name);
    const stagnant = [...section.querySelectorAll('p')].map((p) => p.textContent ?? '').find((p) => p.startsWith('停滞'))!;
    assert.ok(
      b.every((name) => stagnant.includes(name)),
      stagnant,
    );
  });

  test('on by default for a round run in the app (it has entries), its setting overrides; a 5-tier plan on its own scale', async () => {
    assert.equal(showsInsightsSection(await loadReportModel(tiered.db, FIVE_TIER.slug, 2022)), false, 'imported: off');
    await tiered.db.query(
      `insert into round_entries (round_id, item_id)
       select r.id, i.id from evaluation_rounds r join plan_items i on i.plan_id = r.plan_id where r.fiscal_year = 2022 order by i.id limit 1`,
    );
    const model = await loadReportModel(tiered.db, FIVE_TIER.slug, 2022);
    assert.equal(showsInsightsSection(model), true);
    await tiered.db.query('update evaluation_rounds set generated_section = false');
    assert.equal(showsInsightsSection(await loadReportModel(tiered.db, FIVE_TIER.slug, 2022)), false, 'the setting wins');
    const section = docOf(model).querySelector('section.insights')!;
    const counts = expectedCounts(FIVE_TIER).ratings.get(FIVE_TIER.tiers.length)!;
    const rows = [...section.querySelectorAll('table tbody tr')].map(cells);
    for (const c of FIVE_TIER.scales.at(-1)!.codes) {
      const now = counts.get(2022)![c.code] ?? 0;
      const before = counts.get(2021)![c.code] ?? 0;
      assert.deepEqual(rows.find((r) => r[0] === c.code)?.slice(1, 3), [String(before), String(now)], c.code);
    }
    assert.equal(docOf(model, false).querySelector('section.insights'), null);
  });
});
