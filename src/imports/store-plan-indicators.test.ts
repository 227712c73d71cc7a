/**
 * The store's indicator steps over a re-import: a target keeps its first-set value (a
 * change is a revision the file states, else the import is refused at the target's cell),
 * and a cost row's updated_at moves only when the row changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCostFigures } from '../indicators/cost-rollup.js';
import { loadIndicatorSeries } from '../indicators/indicator-queries.js';
import { targetValueInEffect } from '../indicators/indicator-series.js';
import { createTestDb, engines } from '../test-support/db.js';
import { type ImportedIndicator, type ImportedNode, type ImportedPlan, ImportSourceError } from './imported-plan.js';
import { storeImportedPlan } from './store-plan.js';

function planWith(indicator: ImportedIndicator, costs: ImportedNode['costs'] = []): ImportedPlan {
  const item: ImportedNode = { name: '事業A', tierIndex: 1, ratings: [], narratives: [], indicators: [indicator], costs, children: [] };
  return {
    plan: { name: '目標の計画', slug: 'targets', startFiscalYear: 2021, endFiscalYear: 2025 },
    tiers: ['施策', '事業'],
    scales: [
      {
        key: 'main',
        name: '評価',
        tierIndex: 1,
        codes: [{ code: 'A', label: '順調', criteria: '', position: 1, countsAsAchieved: true, isNotEvaluated: false }],
      },
    ],
    annotationKinds: [],
    departments: [],
    nodes: [{ name: '施策1', tierIndex: 0, ratings: [], narratives: [], children: [item] }],
    planNarratives: [],
    rounds: [],
    annotationFootnotes: [],
    reportedSummaries: [],
    warnings: [],
    file: { name: 'targets.xlsx', content: 'targets' },
  };
}

const indicator = (value: string, revisions: ImportedIndicator['targets'][number]['revisions'] = []): ImportedIndicator => ({
  name: '参加者数',
  unit: '人',
  kind: 'outcome',
  direction: 'higher',
  cumulative: false,
  decimals: 0,
  targets: [{ kind: 'final', fiscalYear: 2025, value, revisions, source: { file: 'targets.xlsx', sheet: '目標値', row: 2, column: 'D' } }],
  actuals: [],
});

const revision = { oldValue: '100', newValue: '120', reason: '上方修正', decidedFiscalYear: 2023 };

for (const engine of engines()) {
  test(`${engine}: a stored target keeps its first-set value; a different value without a revision is refused at its cell`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const { planId } = await storeImportedPlan(db, planWith(indicator('100', [revision])));
    const stored = async () => (await loadIndicatorSeries(db, planId))[0]!.targets[0]!;

    await assert.rejects(storeImportedPlan(db, planWith(indicator('130'))), (error: unknown) => {
      assert.ok(error instanceof ImportSourceError);
      assert.deepEqual(error.problems[0]!.place, { file: 'targets.xlsx', sheet: '目標値', row: 2, column: 'D' });
      assert.match(error.problems[0]!.message, /最終目標値 130 は、登録済みの目標値（現在 120）と違います/);
      return true;
    });
    assert.deepEqual([(await stored()).value, targetValueInEffect(await stored())], ['100', '120'], 'nothing written');

    // A table that states the value in effect changes nothing.
    await storeImportedPlan(db, planWith(indicator('120')));
    // The workbook's 目標値の見直し says how it changed: one more revision, the first-set value kept.
    await storeImportedPlan(db, planWith(indicator('100', [revision, { oldValue: '120', newValue: '130', reason: '再修正', decidedFiscalYear: 2024 }])));
    const target = await stored();
    assert.equal(target.value, '100');
    assert.deepEqual(
      target.revisions.map((r) => `${r.oldValue}→${r.newValue}`),
      ['100→120', '120→130'],
    );
    assert.equal(targetValueInEffect(target), '130');
  });

  test(`${engine}: a cost row's updated_at moves only when the row changes`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const cost = {
      fiscalYear: 2022,
      unit: '千円' as const,
      note: '',
      ...emptyCostFigures(),
      projectCost: '500',
    };
    await storeImportedPlan(db, planWith(indicator('100'), [cost]));
    const stamp = async () => (await db.query<{ t: string }>('select updated_at::text as t from item_costs')).rows[0]!.t;
    await db.query(`update item_costs set updated_at = '2000-01-01T00:00:00Z'`);
    const old = await stamp();
    await storeImportedPlan(db, planWith(indicator('100'), [cost]));
    assert.equal(await stamp(), old, 'the same figures leave it');
    await storeImportedPlan(db, planWith(indicator('100'), [{ ...cost, projectCost: '600' }]));
    assert.notEqual(await stamp(), old, 'a changed figure moves it');
  });
}
