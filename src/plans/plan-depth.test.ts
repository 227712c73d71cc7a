/** The staff plan page for plans of other depths and scales than the sample, and a plan too large to show whole. */
import { type TestContext, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { buildTestServer } from '../test-support/server.js';
import { FIVE_TIER, THREE_TIER, storeTieredPlan, type TieredPlanSpec } from '../test-support/tiered-plans.js';

const cellsOf = (row: Element) => [...row.children].map((c) => c.textContent?.trim());
const headersOf = (table: Element) => [...table.querySelectorAll('thead th')].map((th) => th.textContent);

/** A server over an empty store holding the given plans, and a reader of its pages as documents. */
async function plansServed(t: TestContext, ...specs: TieredPlanSpec[]) {
  const { app, db } = await buildTestServer(t, { seed: false });
  for (const spec of specs) await storeTieredPlan(db, spec);
  const documentAt = async (url: string) => parseHTML((await app.inject({ method: 'GET', url })).body).document;
  return { app, documentAt };
}

test('a 5-tier and a 3-tier plan: tables per tier two above the rated one, tier names and scales from the plan', async (t) => {
  const { documentAt } = await plansServed(t, FIVE_TIER, THREE_TIER);

  const five = await documentAt(`/plans/${FIVE_TIER.slug}`);
  assert.equal(five.querySelector('h1')?.textContent, '五層総合計画');
  assert.equal(five.querySelector('#ratings')?.textContent, '事務事業ごとの評価');
  // 基本目標 (h3) → 政策 (h4) → 基本施策 (h5, one table each): 4 tables, 8 施策 groups, 24 事務事業 rows.
  assert.deepEqual(
    [...five.querySelectorAll('main h3')].map((h) => h.textContent),
    ['基本目標：基本目標1', '基本目標：基本目標2'],
  );
  assert.equal(five.querySelectorAll('main h5').length, 4);
  const tables = [...five.querySelectorAll('table.ratings')];
  assert.equal(tables.length, 4);
  assert.deepEqual(headersOf(tables[0]!), ['施策', '事務事業', 'R2', 'R3', 'R4']);
  assert.equal(five.querySelectorAll('table.ratings th[scope=rowgroup]').length, 8);
  const rows = tables.flatMap((x) => [...x.querySelectorAll('tbody tr')]);
  assert.equal(rows.length, 24);
  const first = rows.find((r) => r.querySelector('th[scope=row]')?.textContent?.trim() === '事務事業1.1.1.1.1')!;
  assert.deepEqual(
    [...first.querySelectorAll('td.rating')].map((td) => td.textContent),
    ['やや遅れ', 'やや遅れ', 'やや遅れ'],
  );
  // The summary counts the 24 事務事業 only (not the 8 rated 施策), on their scale.
  const summaries = [...five.querySelectorAll('table.summary')];
  assert.deepEqual(
    summaries.map((s) => s.querySelector('caption')?.textContent),
    ['年度別の評価件数と達成率', '施策の年度別の評価件数と達成率'],
  );
  assert.deepEqual(
    [...summaries[1]!.querySelectorAll('tbody tr')].map(cellsOf).find((r) => r[0] === 'A'),
    ['A', '2', '2', '3'],
  );
  const summary = [...summaries[0]!.querySelectorAll('tbody tr')].map(cellsOf);
  assert.deepEqual(summary[0], ['順調', '5', '6', '6']);
  assert.deepEqual(
    summary.find((r) => r[0] === '合計'),
    ['合計', '24', '24', '24'],
  );
  assert.match(five.querySelector('dl.facts')!.textContent ?? '', /基本目標 → 政策 → 基本施策 → 施策 → 事務事業/);

  const three = await documentAt(`/plans/${THREE_TIER.slug}?lang=en`);
  assert.equal(three.querySelector('#ratings')?.textContent, 'Ratings per KPI');
  const threeTables = [...three.querySelectorAll('table.ratings')];
  assert.deepEqual(
    threeTables.map((x) => x.querySelector('caption')?.textContent),
    ['基本目標1', '基本目標2'],
  );
  assert.deepEqual(headersOf(threeTables[0]!).slice(0, 2), ['施策', 'KPI']);
  assert.equal(threeTables.flatMap((x) => [...x.querySelectorAll('tbody tr')]).length, 12);
  const kpi = [...three.querySelectorAll('table.summary tbody tr')].map(cellsOf);
  assert.deepEqual(
    kpi.map((r) => r[0]),
    ['◎', '○', '△', '×', '－', 'Total', 'Achievement rate'],
  );
  assert.deepEqual(kpi.at(-1), ['Achievement rate', '41.67%', '33.33%', '41.67%']);
  // The KPI that ends after the first year is marked so.
  assert.match(three.body.textContent ?? '', /ended 2021|ended R3/);
});

test('above 1,000 items the page shows counts per 施策 and ?open= opens one branch', async (t) => {
  const big: TieredPlanSpec = { ...FIVE_TIER, slug: 'big-five', fanout: [2, 2, 2, 5, 26] };
  const { app, documentAt } = await plansServed(t, big);
  const url = `/plans/${big.slug}`;

  const collapsed = await documentAt(url);
  assert.equal(collapsed.querySelectorAll('table.ratings').length, 0);
  const tables = [...collapsed.querySelectorAll('table.collapsed')];
  assert.equal(tables.length, 8);
  assert.deepEqual(headersOf(tables[0]!), ['施策', '事務事業の数', 'R2', 'R3', 'R4']);
  const rows = tables.flatMap((x) => [...x.querySelectorAll('tbody tr')]);
  assert.equal(rows.length, 40);
  const firstRow = cellsOf(rows[0]!);
  assert.equal(firstRow[1], '26');
  // Counts per year add up to the 26 事務事業 of the 施策, written on the plan's scale.
  for (const cell of firstRow.slice(2))
    assert.equal(
      [...(cell ?? '').matchAll(/(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0),
      26,
      cell,
    );
  assert.match(firstRow[2] ?? '', /^順調 \d+・概ね順調 \d+・やや遅れ \d+・遅れ \d+$/);
  assert.match(collapsed.querySelector('p.note')?.textContent ?? '', /項目が1094件あるため、施策ごとの件数だけを表示しています/);
  // The summary still counts every rated item.
  assert.deepEqual(cellsOf([...collapsed.querySelectorAll('table.summary tbody tr')].find((r) => r.firstElementChild?.textContent === '合計')!), [
    '合計',
    '1040',
    '1040',
    '1040',
  ]);

  const link = rows[1]!.querySelector('a')!.getAttribute('href')!;
  assert.equal(link, `${url}?open=1.1.1.2#ratings`);
  const opened = await app.inject({ method: 'GET', url: link.replace('#ratings', '') });
  assert.equal(opened.statusCode, 200);
  const doc = parseHTML(opened.body).document;
  const full = [...doc.querySelectorAll('table.ratings')];
  assert.equal(full.length, 1);
  assert.equal(full[0]!.querySelectorAll('tbody tr').length, 26);
  assert.equal(full[0]!.querySelector('th[scope=rowgroup]')?.textContent, '施策1.1.1.2');
  assert.equal(doc.querySelectorAll('table.collapsed').length, 7);
  assert.ok(opened.body.length < 200_000, `opened page is ${opened.body.length} bytes`);

  // Opening a 基本施策 shows its 5 施策 in full; the preferences stay in the links.
  const owner = await documentAt(`${url}?open=1.1.1&era=seireki`);
  assert.equal(owner.querySelectorAll('table.ratings tbody tr').length, 130);
  assert.match(owner.querySelector('table.collapsed a')!.getAttribute('href')!, /\?era=seireki&open=/);

  for (const bad of ['9.9', 'x', '1..1']) assert.equal((await app.inject({ method: 'GET', url: `${url}?open=${bad}` })).statusCode, 404, bad);
});

test('when the tier above the rated one has more than 500 items, the counts move one tier up', async (t) => {
  const wide: TieredPlanSpec = { ...FIVE_TIER, slug: 'wide-five', fanout: [2, 2, 2, 70, 1] };
  const { documentAt } = await plansServed(t, wide);
  const url = `/plans/${wide.slug}`;
  const page = await documentAt(url);
  const tables = [...page.querySelectorAll('table.collapsed')];
  assert.equal(tables.length, 4, 'one count table per 政策');
  assert.equal(page.querySelectorAll('table.ratings').length, 0);
  assert.equal(headersOf(tables[0]!)[0], '基本施策');
  const rows = tables.flatMap((x) => [...x.querySelectorAll('tbody tr')]);
  assert.equal(rows.length, 8, 'the 8 基本施策, not the 560 施策');
  for (const row of rows) assert.equal(cellsOf(row)[1], '70');

  const link = rows[0]!.querySelector('a')!.getAttribute('href')!.replace('#ratings', '');
  const opened = await documentAt(link);
  assert.equal(opened.querySelectorAll('table.ratings tbody tr').length, 70, 'the opened 基本施策 in full');
  assert.equal(opened.querySelectorAll('table.collapsed').length, 4, 'its sibling as 施策 counts, the other 政策 as 基本施策 counts');
});
