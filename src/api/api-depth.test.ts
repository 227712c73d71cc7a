/** The open-data API for plans of 3 and 5 tiers, every response checked against the OpenAPI document. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApiConformance } from '../test-support/openapi-conformance.js';
import { openTestServer, type TestServer } from '../test-support/server.js';
import { FIVE_TIER, THREE_TIER, expectedCounts, storeTieredPlan } from '../test-support/tiered-plans.js';

describe('/api/v1 over a 5-tier and a 3-tier plan', () => {
  let server: TestServer;
  const conformance = openApiConformance();
  const FIVE = `/api/v1/plans/${FIVE_TIER.slug}`;
  const THREE = `/api/v1/plans/${THREE_TIER.slug}`;
  const json = <T>(url: string) => conformance.json<T>(server.app, url);
  before(async () => {
    server = await openTestServer({ seed: false });
    await storeTieredPlan(server.db, FIVE_TIER);
    await storeTieredPlan(server.db, THREE_TIER);
  });
  after(() => server.close());

  test("plans carry their rated tiers; the tree has the plan's depth and names", async () => {
    type Tier = { level: number; name: string; primary: boolean };
    const plans = await json<{ data: { slug: string; ratedTiers: Tier[] }[] }>('/api/v1/plans');
    assert.deepEqual(
      plans.data.map((p) => [p.slug, p.ratedTiers.map((t) => `${t.level}:${t.name}${t.primary ? '*' : ''}`).join(' ')]),
      [
        [FIVE_TIER.slug, '4:施策 5:事務事業*'],
        [THREE_TIER.slug, '3:KPI*'],
      ],
    );
    const plan = await json<{ tiers: { name: string }[]; ratedTiers: Tier[]; ratingScale: { code: string }[] }>(FIVE);
    assert.deepEqual(
      plan.tiers.map((t) => t.name),
      FIVE_TIER.tiers,
    );
    assert.deepEqual(
      plan.ratingScale.map((c) => c.code),
      ['順調', '概ね順調', 'やや遅れ', '遅れ'],
    );
    type Node = { code: string; level: number; tierName: string; children: Node[] };
    const tree = await json<{ data: Node[] }>(`${FIVE}/tree`);
    const deepest = (n: Node): Node => (n.children.length ? deepest(n.children[0]!) : n);
    assert.deepEqual(deepest(tree.data[0]!), { code: '1.1.1.1.1', level: 5, tierName: '事務事業', name: '事務事業1.1.1.1.1', children: [] });
  });

  test('summary: data is the primary tier, tiers has one table per rated tier on its own scale', async () => {
    type Year = { fiscalYear: number; counts: Record<string, number>; total: number; achievementRate: number };
    const summary = await json<{ data: Year[]; tiers: { level: number; tierName: string; primary: boolean; scale: { code: string }[]; data: Year[] }[] }>(
      `${FIVE}/summary`,
    );
    assert.deepEqual(
      summary.data.map((y) => y.total),
      [24, 24, 24],
    );
    assert.deepEqual(
      summary.tiers.map((t) => [t.level, t.tierName, t.primary, t.scale.map((c) => c.code).join('/')]),
      [
        [4, '施策', false, 'A/B/C'],
        [5, '事務事業', true, '順調/概ね順調/やや遅れ/遅れ'],
      ],
    );
    assert.deepEqual(summary.tiers[1]!.data, summary.data);
    const expected = expectedCounts(FIVE_TIER);
    for (const tier of summary.tiers) {
      for (const y of tier.data)
        assert.deepEqual(Object.fromEntries(Object.entries(y.counts).filter(([, n]) => n > 0)), expected.ratings.get(tier.level)!.get(y.fiscalYear));
    }
    const three = await json<{ data: Year[]; tiers: unknown[] }>(`${THREE}/summary`);
    assert.equal(three.tiers.length, 1);
    assert.equal(three.data.at(-1)!.achievementRate, 0.4167);
  });

  test("ratings carry level and tier name, achieved on their tier's scale; filters by level, code and a 5-part code", async () => {
    type Rating = { itemCode: string; level: number; tierName: string; code: string; achieved: boolean };
    const all = await json<{ data: Rating[]; meta: { total: number } }>(`${FIVE}/ratings?limit=500`);
    assert.equal(all.meta.total, (8 + 24) * 3);
    assert.deepEqual([...new Set(all.data.map((r) => `${r.level}:${r.tierName}`))].sort(), ['4:施策', '5:事務事業']);
    assert.ok(all.data.every((r) => r.achieved === (r.level === 4 ? r.code === 'A' : r.code === '順調' || r.code === '概ね順調')));
    const measures = await json<{ meta: { total: number } }>(`${FIVE}/ratings?level=4`);
    assert.equal(measures.meta.total, 24);
    const late = await json<{ data: Rating[]; meta: { total: number } }>(`${FIVE}/ratings?code=${encodeURIComponent('遅れ')}&fiscalYear=R4`);
    assert.equal(late.meta.total, expectedCounts(FIVE_TIER).ratings.get(5)!.get(2022)!['遅れ']);
    const under = await json<{ data: Rating[] }>(`${FIVE}/ratings?under=1.1.1.1.1`);
    assert.deepEqual(
      under.data.map((r) => r.code),
      ['やや遅れ', 'やや遅れ', 'やや遅れ'],
    );
    const item = await json<{ level: number; tierName: string; ratings: { code: string; achieved: boolean }[]; ancestorCodes: string[] }>(
      `${FIVE}/items/1.1.1.1.2`,
    );
    assert.deepEqual([item.level, item.tierName, item.ancestorCodes], [5, '事務事業', ['1', '1.1', '1.1.1', '1.1.1.1']]);
    assert.ok(item.ratings.every((r) => r.achieved === (r.code === '順調' || r.code === '概ね順調')));
    const measure = await json<{ ratings: { code: string; achieved: boolean }[] }>(`${FIVE}/items/1.1.1.2`);
    assert.ok(measure.ratings.length === 3 && measure.ratings.every((r) => r.achieved === (r.code === 'A')));
    const items = await json<{ meta: { total: number } }>(`${FIVE}/items?level=5`);
    assert.equal(items.meta.total, 24);
    const kpis = await json<{ data: Rating[] }>(`${THREE}/ratings?code=${encodeURIComponent('－')}`);
    assert.deepEqual([...new Set(kpis.data.map((r) => r.itemCode))], ['2.2.3']);
  });

  test('stagnation and departments count the primary tier', async () => {
    const stagnant = await json<{ data: { itemCode: string; codes: string[]; ongoing: boolean }[] }>(`${FIVE}/stagnation`);
    assert.deepEqual(
      stagnant.data.map((s) => [s.itemCode, s.codes.join(' '), s.ongoing]),
      [['1.1.1.1.1', 'やや遅れ やや遅れ やや遅れ', true]],
    );
    const departments = await json<{ data: { name: string; subItemCount: number }[] }>(`${FIVE}/departments`);
    assert.deepEqual(
      departments.data.map((d) => [d.name, d.subItemCount]),
      [
        ['総務課', 8],
        ['福祉課', 8],
        ['都市計画課', 8],
      ],
    );
  });
});
