import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { createTestDb, engines, type TestDb } from '../test-support/db.js';
import { SEED_SUMMARY, seededDb, sourceFacts } from '../test-support/seed.js';
import { FIVE_TIER, THREE_TIER, expectedCounts, storeTieredPlan, type TieredPlanSpec } from '../test-support/tiered-plans.js';
import { draftSentences, evaluatedYear, midtermBefore, type DraftSentence } from './draft-sentences.js';
import { loadPlanInsightData } from './insights-queries.js';
import { yearChanges } from './year-changes.js';

const pct = (achieved: number, total: number) => `${(Math.round((achieved / total) * 10000) / 100).toFixed(2)}%`;

/** Every digit of a sentence belongs to one of its figures or to a year label. */
function assertNoStrayNumber(s: DraftSentence): void {
  let rest = s.text;
  for (const f of [...s.figures].sort((a, b) => b.text.length - a.text.length)) {
    assert.ok(rest.includes(f.text), `${s.key}: ${f.text} not in ${s.text}`);
    rest = rest.replace(f.text, '');
  }
  for (const fy of [2016, 2017, 2018, 2019, 2020, 2021, 2022]) rest = rest.replaceAll(fiscalYearLabel(fy), '');
  for (const i of s.items) rest = rest.replaceAll(i.name, '');
  assert.doesNotMatch(rest, /\d/, `${s.key}: a number the figures do not give: ${rest}`);
}

const byKey = (list: DraftSentence[], key: string) => {
  const s = list.find((x) => x.key === key);
  assert.ok(s, `no sentence ${key}: ${list.map((x) => x.key).join()}`);
  return s;
};

for (const engine of engines()) {
  describe(`drafted sentences for the sample's R4 round (${engine})`, () => {
    let t: TestDb;
    let sentences: DraftSentence[];
    before(async () => {
      t = await seededDb(engine);
      const data = await loadPlanInsightData(t.db, (await resolvePlan(t.db, SAMPLE_PLAN_SLUG)).id);
      const round = data.rounds.find((r) => evaluatedYear(r) === 2022)!;
      assert.equal(midtermBefore(data.rounds, 2022)?.kind, 'midterm');
      sentences = draftSentences(yearChanges(data.input, evaluatedYear(round), { stagnantYears: 3 }), data.input, data.rounds, { lang: 'ja', era: 'wareki' });
    });
    after(() => t.cleanup());

    test('rates at R4, at R3 and at the midterm, recomputed from the published figures', () => {
      const total = (fy: number) => Object.values(SEED_SUMMARY[fy]!).reduce((a, b) => a + b, 0);
      const rate = (fy: number) => pct(SEED_SUMMARY[fy]!.A!, total(fy));
      assert.equal(rate(2022), '87.95%');
      assert.equal(rate(2017), '71.08%');
      assert.equal(byKey(sentences, 'rate').text, `R4の達成率（事務事業細目${total(2022)}件のうちA評価${SEED_SUMMARY[2022]!.A}件）は${rate(2022)}です。`);
      const points = (a: number, b: number) =>
        ((Math.round((SEED_SUMMARY[a]!.A! / total(a)) * 10000) - Math.round((SEED_SUMMARY[b]!.A! / total(b)) * 10000)) / 100).toFixed(2);
      assert.equal(byKey(sentences, 'ratePrevious').text, `前年度（R3）の${rate(2021)}から${points(2022, 2021)}ポイント上昇しました。`);
      assert.equal(byKey(sentences, 'rateMidterm').text, `中間評価（H29）の${rate(2017)}からは${points(2022, 2017)}ポイント上昇しています。`);
    });

    test('one more A than R3; the five B remaining, each B in every year since H30 — from the source text', () => {
      const added = SEED_SUMMARY[2022]!.A! - SEED_SUMMARY[2021]!.A!;
      assert.equal(added, 1);
      assert.equal(byKey(sentences, 'achieved').text, `A評価は${SEED_SUMMARY[2022]!.A}件で、前年度より${added}件増えました。`);
      const facts = sourceFacts().subItems;
      const b = facts.filter((s) => s.ratings.find((r) => r.fiscalYear === 2022)?.code === 'B');
      assert.equal(b.length, 5);
      const first = Math.min(...facts.flatMap((s) => s.ratings.map((r) => r.fiscalYear)));
      assert.ok(b.every((s) => s.ratings.every((r) => r.code === 'B')));
      const remain = byKey(sentences, 'remain:B');
      assert.equal(remain.text, `B評価の事務事業細目が${b.length}件残っています。`);
      assert.deepEqual(remain.items.map((i) => i.name).sort(), b.map((s) => s.name).sort());
      assert.equal(byKey(sentences, 'since:B').text, `${b.length}件とも、${fiscalYearLabel(first)}以降のすべての年度でB評価です。`);
      assert.equal(fiscalYearLabel(first), 'H30');
      const stagnant = byKey(sentences, 'stagnant');
      assert.deepEqual(stagnant.items.map((i) => i.name).sort(), b.map((s) => s.name).sort());
      assert.ok(!sentences.some((s) => s.key === 'remain:C'), 'no C in R4');
    });

    test('every number in every sentence is one of its figures', () => {
      for (const s of sentences) assertNoStrayNumber(s);
    });
  });
}

describe('drafted sentences on a 3-tier and a 5-tier plan', () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb('pglite');
  });
  after(() => t.cleanup());

  for (const spec of [THREE_TIER, FIVE_TIER] as TieredPlanSpec[]) {
    test(`${spec.name}: the same templates on its own tier and scale`, async () => {
      const { planId } = await storeTieredPlan(t.db, spec);
      const data = await loadPlanInsightData(t.db, planId);
      const sentences = draftSentences(yearChanges(data.input, 2022, { stagnantYears: 3 }), data.input, data.rounds, { lang: 'ja', era: 'wareki' });
      const scale = spec.scales.find((s) => s.tierIndex === spec.tiers.length - 1)!;
      const counts = expectedCounts(spec).ratings.get(spec.tiers.length)!;
      const achieved = (fy: number) => scale.codes.filter((c) => c.countsAsAchieved).reduce((s, c) => s + (counts.get(fy)![c.code] ?? 0), 0);
      const total = (fy: number) => Object.values(counts.get(fy)!).reduce((a, b) => a + b, 0);
      const codes = scale.codes
        .filter((c) => c.countsAsAchieved)
        .map((c) => c.code)
        .join('・');
      const tier = spec.tiers.at(-1)!;
      assert.equal(
        byKey(sentences, 'rate').text,
        `R4の達成率（${tier}${total(2022)}件のうち${codes}評価${achieved(2022)}件）は${pct(achieved(2022), total(2022))}です。`,
      );
      const n = achieved(2022) - achieved(2021);
      assert.match(
        byKey(sentences, 'achieved').text,
        new RegExp(`^${codes}評価は${achieved(2022)}件で、前年度${n === 0 ? 'と同じです' : `より${Math.abs(n)}件${n > 0 ? '増え' : '減り'}ました`}。$`),
      );
      // Item 0 of the tier is never achieved: stagnant over all three years.
      const stagnant = byKey(sentences, 'stagnant');
      assert.ok(
        stagnant.items.some((i) => i.name === `${tier}${'1.'.repeat(spec.tiers.length - 1)}1`),
        stagnant.text,
      );
      const notAchieved = scale.codes.filter((c) => !c.countsAsAchieved && !c.isNotEvaluated);
      for (const c of notAchieved) {
        const count = counts.get(2022)![c.code] ?? 0;
        if (count > 0) assert.equal(byKey(sentences, `remain:${c.code}`).figures[0]!.value, count);
        else assert.ok(!sentences.some((s) => s.key === `remain:${c.code}`));
      }
      assert.ok(!sentences.some((s) => s.key === 'rateMidterm'), 'no midterm round');
      for (const s of sentences) assertNoStrayNumber(s);
    });
  }
});
