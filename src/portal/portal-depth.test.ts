/** The public portal and its downloads for plans of 3 and 5 tiers on other scales than the sample's. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { openTestServer, type TestServer } from '../test-support/server.js';
import { FIVE_TIER, THREE_TIER, expectedCounts, storeTieredPlan } from '../test-support/tiered-plans.js';

describe('portal over a 5-tier and a 3-tier plan', () => {
  let server: TestServer;
  before(async () => {
    server = await openTestServer({ seed: false });
    await storeTieredPlan(server.db, FIVE_TIER);
    await storeTieredPlan(server.db, THREE_TIER);
  });
  after(() => server.close());

  const page = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    return parseHTML(res.body).document;
  };
  const text = (doc: Document, selector: string) => doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  test("plan home: achievement on the primary tier, the tree down to two tiers above it, stagnation in the plan's words", async () => {
    const five = await page(`/portal/plans/${FIVE_TIER.slug}`);
    assert.equal(text(five, '.kpi'), '令和4年度の達成率: 50.00%（順調・概ね順調 12件 ÷ 24件）');
    // 基本目標 → 政策 → 基本施策, each 基本施策 counting its 6 事務事業.
    const counted = [...five.querySelectorAll('.tree li')].filter((li) => li.querySelector('ul') === null).map((li) => li.textContent);
    assert.equal(counted.length, 4);
    assert.ok(
      counted.every((c) => /^基本施策：基本施策\d\.1\.\d（事務事業 6件）$/.test(c ?? '')),
      counted.join(),
    );
    const more = [...five.querySelectorAll('#more + ul li')].map((li) => li.textContent);
    assert.equal(more[0], '3年度以上続けて やや遅れ・遅れ 評価の事務事業（停滞）（1件）');
    assert.match(five.body.textContent ?? '', /事務事業ごとの評価の変化/);
    assert.deepEqual(
      [...five.querySelectorAll('table.summary caption')].map((c) => c.textContent),
      ['年度別の評価件数と達成率', '施策の年度別の評価件数と達成率'],
    );

    const three = await page(`/portal/plans/${THREE_TIER.slug}`);
    assert.equal(text(three, '.kpi'), '令和4年度の達成率: 41.67%（◎・○ 5件 ÷ 12件）');
    assert.deepEqual(
      [...three.querySelectorAll('.tree li')].map((li) => li.textContent),
      ['基本目標：基本目標1（KPI 6件）', '基本目標：基本目標2（KPI 6件）'],
    );
    const en = await page(`/portal/plans/${THREE_TIER.slug}?lang=en`);
    assert.equal([...en.querySelectorAll('#more + ul li')][0]?.textContent, 'KPI rated △・× for 3+ consecutive years (1)');
  });

  test('item pages of every tier: a rated middle tier shows its own ratings and the rated items under it', async () => {
    const measure = await page(`/portal/plans/${FIVE_TIER.slug}/items/1.1.1.1`);
    assert.equal(text(measure, 'h1'), '施策 施策1.1.1.1');
    assert.deepEqual(
      [...measure.querySelectorAll('#ratings + .table-wrap tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      [
        ['令和2年度', 'B', 'B', ''],
        ['令和3年度', 'B', 'B', ''],
        ['令和4年度', 'B', 'B', ''],
      ],
    );
    assert.equal(text(measure, '#rated-items'), '事務事業ごとの評価');
    const grid = measure.querySelector('table.ratings')!;
    assert.deepEqual([...grid.querySelectorAll('thead th')].map((th) => th.textContent).slice(0, 2), ['施策', '事務事業']);
    assert.equal(grid.querySelectorAll('tbody tr').length, 3);
    assert.equal(measure.querySelectorAll('[id]').length, new Set([...measure.querySelectorAll('[id]')].map((e) => e.id)).size, 'ids are unique');

    const program = await page(`/portal/plans/${FIVE_TIER.slug}/items/1.1.1.1.1`);
    assert.deepEqual([...program.querySelectorAll('.breadcrumbs li')].map((li) => li.textContent).slice(2), [
      '基本目標1',
      '政策1.1',
      '基本施策1.1.1',
      '施策1.1.1.1',
      '事務事業1.1.1.1.1',
    ]);
    assert.deepEqual(
      [...program.querySelectorAll('#ratings + .table-wrap tbody td.rating')].map((td) => td.textContent),
      ['やや遅れ', 'やや遅れ', 'やや遅れ'],
    );
    assert.match(program.body.textContent ?? '', /事務事業1\.1\.1\.1\.1の進捗の記述/);

    const goal = await page(`/portal/plans/${THREE_TIER.slug}/items/2`);
    assert.equal(text(goal, '#ratings'), 'KPIごとの評価');
    assert.equal(goal.querySelectorAll('table.ratings tbody tr').length, 6);
  });

  test('departments and stagnation count the primary tier, named by the plan', async () => {
    const departments = await page(`/portal/plans/${FIVE_TIER.slug}/departments`);
    assert.deepEqual(
      [...departments.querySelectorAll('thead th')].map((th) => th.textContent),
      ['担当課', '事務事業の数'],
    );
    assert.deepEqual(
      [...departments.querySelectorAll('tbody tr')].map((tr) => tr.children[1]?.textContent),
      ['8', '8', '8'],
    );

    const stagnation = await page(`/portal/plans/${FIVE_TIER.slug}/stagnation`);
    assert.equal(text(stagnation, 'h1'), '3年度以上続けて やや遅れ・遅れ 評価の事務事業');
    assert.deepEqual(
      [...stagnation.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      [['事務事業1.1.1.1.1', 'R2〜R4', '3', 'やや遅れ → やや遅れ → やや遅れ', '継続中']],
    );
    const none = await page(`/portal/plans/${THREE_TIER.slug}/stagnation`);
    assert.deepEqual(
      [...none.querySelectorAll('tbody th')].map((th) => th.textContent),
      ['KPI1.1.1'],
    );
  });

  test('downloads: every rated tier in the ratings file, items of any depth, subsets by 5-part codes', async () => {
    const csv = async (url: string) => {
      const res = await server.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      return parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    };
    const expected = expectedCounts(FIVE_TIER);
    const items = await csv(`/portal/plans/${FIVE_TIER.slug}/data/items.csv`);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((l) => items.filter((i) => i['階層'] === String(l)).length),
      expected.itemsPerTier,
    );
    const ratings = await csv(`/portal/plans/${FIVE_TIER.slug}/data/ratings.csv`);
    assert.equal(ratings.length, (8 + 24) * 3);
    assert.deepEqual(Object.keys(ratings[0]!).slice(2, 7), FIVE_TIER.tiers);
    const r4Programs = ratings.filter((r) => r['評価した階層'] === '事務事業' && r['年度（西暦）'] === '2022');
    assert.equal(r4Programs.filter((r) => r['評価'] === '順調').length, expected.ratings.get(5)!.get(2022)!['順調']);
    assert.equal(ratings.find((r) => r['評価'] === 'A')?.['評価の意味'], 'A');
    const subset = await csv(`/portal/plans/${FIVE_TIER.slug}/data/ratings/item-1.1.1.1.csv`);
    // The 施策 itself and its 3 事務事業, three years each.
    assert.equal(subset.length, 12);
    const summary = await csv(`/portal/plans/${THREE_TIER.slug}/data/summary.csv`);
    assert.deepEqual(
      summary.map((r) => r['◎（件）']),
      ['2', '2', '3'],
    );
    const downloads = await page(`/portal/plans/${THREE_TIER.slug}/downloads`);
    assert.match(downloads.body.textContent ?? '', /基本目標・施策・KPIの全項目/);
    assert.match(downloads.body.textContent ?? '', /3年度以上続けて △・× のKPI/);
  });
});
