import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScaleCodeInfo } from '../analysis/stagnation.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { engines } from '../test-support/db.js';
import { suiteDb } from '../test-support/suite-db.js';
import { SEED_SUMMARY, seededDb, sourceFacts } from '../test-support/seed.js';
import { loadPlanInsightData, type PlanInsightData } from './insights-queries.js';
import { classifyItem, comparableYears, ratePoints, yearChanges, type InsightItem } from './year-changes.js';

const SCALE: ScaleCodeInfo[] = [
  { code: 'A', position: 1, countsAsAchieved: true, isNotEvaluated: false },
  { code: 'B', position: 2, countsAsAchieved: false, isNotEvaluated: false },
  { code: 'C', position: 3, countsAsAchieved: false, isNotEvaluated: false },
  { code: '—', position: 4, countsAsAchieved: false, isNotEvaluated: true },
];

function item(codes: Record<number, string>, marks: Record<number, string[]> = {}): InsightItem {
  return {
    id: 1,
    code: '1',
    name: 'x',
    level: 1,
    ratings: new Map(Object.entries(codes).map(([fy, code]) => [Number(fy), { code, marks: marks[Number(fy)] ?? [] }])),
  };
}

describe('year changes (pure)', () => {
  test('each kind by the scale: achieved first, then its order', () => {
    const kind = (codes: Record<number, string>) => classifyItem(item(codes), 2022, 2021, SCALE);
    assert.equal(kind({ 2021: 'A', 2022: 'B' }).kind, 'down');
    assert.equal(kind({ 2021: 'C', 2022: 'B' }).kind, 'up');
    assert.equal(kind({ 2021: 'B', 2022: 'B' }).kind, 'same');
    assert.equal(kind({ 2022: 'A' }).kind, 'new');
    assert.equal(kind({ 2021: '—', 2022: 'A' }).kind, 'new');
    assert.equal(kind({ 2021: 'A', 2022: '—' }).kind, 'ended');
    assert.equal(kind({ 2021: '—', 2022: '—' }).kind, 'unrated');
    assert.deepEqual([kind({ 2021: 'B', 2022: 'A' }).recovered, kind({ 2021: 'C', 2022: 'B' }).recovered], [true, false]);
    assert.deepEqual([kind({ 2021: 'A', 2022: 'C' }).fellBack, kind({ 2021: 'A', 2022: '—' }).fellBack], [true, false]);
    assert.deepEqual(classifyItem(item({ 2021: 'B', 2022: 'B' }, { 2022: ['※'] }), 2022, 2021, SCALE).addedMarks, ['※']);
    assert.deepEqual(classifyItem(item({ 2021: 'B', 2022: 'B' }, { 2021: ['※'], 2022: ['※'] }), 2022, 2021, SCALE).addedMarks, []);
    // A scale whose order puts a not-achieved code first still ranks achieved codes higher.
    const odd = SCALE.map((c) => (c.code === 'B' ? { ...c, position: 0 } : c));
    assert.equal(classifyItem(item({ 2021: 'B', 2022: 'A' }), 2022, 2021, odd).kind, 'up');
  });

  test('points are exact on the rounded rates', () => {
    assert.equal(ratePoints(0.8795, 0.7108), 16.87);
    assert.equal(ratePoints(0.8795, 0.8675), 1.2);
    assert.equal(ratePoints(null, 0.5), null);
  });
});

for (const engine of engines()) {
  describe(`year changes of the sample (${engine})`, () => {
    let data: PlanInsightData;
    suiteDb(
      () => seededDb(engine),
      async (db) => {
        data = await loadPlanInsightData(db, (await resolvePlan(db, SAMPLE_PLAN_SLUG)).id);
      },
    );

    test('counts, rates and points per year match the published summary', () => {
      assert.deepEqual(comparableYears(data.input), [2018, 2019, 2020, 2021, 2022]);
      for (const fy of comparableYears(data.input)) {
        const plan = yearChanges(data.input, fy, { stagnantYears: 3 }).plan!;
        const now = SEED_SUMMARY[fy]!;
        const before = SEED_SUMMARY[fy - 1]!;
        const total = (c: Readonly<Record<string, number>>) => Object.values(c).reduce((a, b) => a + b, 0);
        for (const c of plan.counts)
          assert.deepEqual([c.code, c.current, c.previous, c.delta], [c.code, now[c.code], before[c.code], now[c.code]! - before[c.code]!], `${fy} ${c.code}`);
        const rate = (c: Readonly<Record<string, number>>) => Math.round((c.A! / total(c)) * 10000);
        assert.equal(plan.rate.deltaPoints, (rate(now) - rate(before)) / 100, String(fy));
      }
    });

    test('R4 against R3: items by kind, recovered and fallen back, stagnant, from the source text', () => {
      const plan = yearChanges(data.input, 2022, { stagnantYears: 3 }).plan!;
      const facts = sourceFacts().subItems.map((s) => ({ name: s.name, r: new Map(s.ratings.map((x) => [x.fiscalYear, x.code])) }));
      const was = (s: (typeof facts)[number], fy: number) => s.r.get(fy);
      const ofKind = (k: string) =>
        plan.items
          .filter((c) => c.kind === k)
          .map((c) => c.name)
          .sort();
      assert.deepEqual(
        ofKind('ended'),
        facts
          .filter((s) => was(s, 2021) !== '—' && was(s, 2022) === '—')
          .map((s) => s.name)
          .sort(),
      );
      assert.deepEqual(
        ofKind('up'),
        facts
          .filter((s) => was(s, 2021) === 'B' && was(s, 2022) === 'A')
          .map((s) => s.name)
          .sort(),
      );
      assert.equal(plan.recovered, ofKind('up').length);
      assert.equal(plan.kinds.same, facts.filter((s) => was(s, 2021) === was(s, 2022) && was(s, 2022) !== '—').length);
      assert.equal(plan.itemsComparedWith, 2021);
      // Stagnant: B in each of R2, R3, R4 at least.
      assert.deepEqual(
        plan.stagnant.map((s) => s.name).sort(),
        facts
          .filter((s) => [2020, 2021, 2022].every((fy) => was(s, fy) === 'B' || was(s, fy) === 'C'))
          .map((s) => s.name)
          .sort(),
      );
      assert.equal(plan.stagnant.length, 5);
      assert.equal(yearChanges(data.input, 2022, { stagnantYears: 6 }).plan!.stagnant.length, 0);
    });

    test('H30 against the reported-only H29: counts compared, items not', () => {
      const plan = yearChanges(data.input, 2018, { stagnantYears: 3 }).plan!;
      assert.equal(plan.previousFiscalYear, 2017);
      assert.equal(plan.itemsComparedWith, null);
      assert.equal(plan.kinds.new + plan.kinds.unrated, 83);
    });
  });
}
