/**
 * The outputs part on the public side over the sample with the indicator fixture: the
 * item page (chart with its title, description and table, revisions, proposals, direction,
 * costs), the downloads (CSV one row per indicator × year, costs as entered, the
 * workbook), the downloads page listing them; figures of an unpublished year never show.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import ExcelJS from 'exceljs';
import { openTestServer, type TestServer } from '../test-support/server.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { addIndicatorFixture, FIXTURE_ACTOR, OVERRIDE_REASON, REVISION_REASON, type IndicatorFixture } from '../test-support/indicator-fixtures.js';
import { addDirectionCode, saveActual, setBaseline } from '../indicators/indicator-store.js';
import { PublicDataCache } from './public-data-cache.js';
import { portalUrls } from './urls.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSite } from './static-export.js';
import { sitePages } from './pages/site-pages.js';

describe('portal outputs (indicator fixture)', () => {
  let s: TestServer;
  let fixture: IndicatorFixture;
  const get = async (url: string) => {
    const res = await s.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
    return res;
  };

  before(async () => {
    s = await openTestServer({
      prepare: async (db) => {
        fixture = await addIndicatorFixture(db, SAMPLE_PLAN_SLUG);
        await saveActual(db, fixture.indicators.applications, 2023, { value: '987654321' }, FIXTURE_ACTOR);
      },
    });
  });
  after(() => s.close());

  test('the item page: a line chart per indicator (role=img, title, description) with its table, revision, proposal, direction and costs', async () => {
    const html = (await get(portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1'))).body;
    const { document } = parseHTML(html);
    const charts = [...document.querySelectorAll('svg.indicator-chart')];
    assert.equal(charts.length, 2);
    const chart = charts[0]!;
    assert.equal(chart.getAttribute('role'), 'img');
    const [titleId, descId] = chart.getAttribute('aria-labelledby')!.split(' ');
    assert.ok(document.getElementById(titleId!)?.textContent?.includes('電子申請の利用件数'));
    assert.ok(document.getElementById(descId!)?.textContent?.includes('R4: 実績 1500, 目標値 1400'));
    assert.equal(chart.querySelectorAll('circle').length, 1 + 4, 'legend and four actuals');
    const rows = [...document.querySelectorAll('table.indicator-years')[0]!.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent ?? ''),
    );
    assert.deepEqual(rows.at(-1), ['令和4年度', '1400（見直し後）', '1500', '107.1%', 'B']);
    assert.ok(!html.includes('987654321'), 'an unpublished year');
    assert.ok(html.includes(`目標値の見直し：令和3年度に 1200 → 1400（${REVISION_REASON}）`));
    assert.ok(html.includes('計画期間の延長後、この指標の目標値は再設定されていません。'));
    assert.ok(html.includes('令和4年度：評価'), 'the proposal');
    assert.ok(html.includes('令和4年度：拡充（対象手続を広げる）'));
    assert.equal(document.querySelector('table.costs tbody td:last-child')?.textContent, '20000');
    const other = (await get(portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.2'))).body;
    assert.ok(other.includes(`規則による提案 C から変更。理由：${OVERRIDE_REASON}`));
    const seireki = (await get(`${portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1')}?era=seireki`)).body;
    assert.ok(seireki.includes('2022年度：拡充'));
    const english = parseHTML((await get(`${portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1')}?lang=en`)).body).document;
    assert.deepEqual(
      [...english.querySelectorAll('table.costs thead th')].map((th) => th.textContent),
      ['Fiscal year', 'Project cost', 'Personnel cost', 'Total cost'],
      'cost heads in the page language',
    );
  });

  test('an item without outputs shows none of it', async () => {
    const html = (await get(portalUrls.item(SAMPLE_PLAN_SLUG, '1.1.1.1'))).body;
    assert.ok(!html.includes('indicator-chart') && !html.includes('id="costs"') && !html.includes('id="proposals"'));
  });

  test('downloads: indicators one row per indicator × year, costs as entered, the workbook; listed on the downloads page', async () => {
    const csv = (await get(portalUrls.data(SAMPLE_PLAN_SLUG, 'indicators.csv'))).body;
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    // 電子申請: 2019–2022; 待ち時間: 2021, 2022; 研修: 2021, 2022 (an actual or a yearly target each).
    assert.equal(rows.length, 4 + 2 + 2);
    const r4 = rows.find((r) => r.指標 === '電子申請の利用件数' && r['年度（西暦）'] === '2022')!;
    assert.deepEqual(
      [r4.目標値, r4.実績, r4['達成率（%）'], r4.規則による評価, r4['年度（和暦）'], r4.目標値の見直し],
      ['1400', '1500', '107.1', 'B', '令和4年度', '1'],
    );
    assert.equal(rows.find((r) => r.指標 === '窓口の平均待ち時間' && r['年度（西暦）'] === '2021')?.測定できず, '1');
    assert.ok(!csv.includes('987654321'));
    const costs = parse((await get(portalUrls.data(SAMPLE_PLAN_SLUG, 'costs.csv'))).body, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(
      costs.map((c) => [c.番号, c.単位, c.事業費, c.トータルコスト]),
      [
        ['2.1.4.1', '千円', '12000', ''],
        ['2.1.4.2', '円', '5000000', '8500000'],
      ],
    );
    const directions = JSON.parse((await get(portalUrls.data(SAMPLE_PLAN_SLUG, 'directions.json'))).body) as { rows: unknown[] };
    assert.equal(directions.rows.length, 3);
    const xlsx = await get(portalUrls.data(SAMPLE_PLAN_SLUG, 'outputs.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => [w.name, w.rowCount]),
      [
        ['指標', 1 + 8],
        ['今後の方向性', 1 + 3],
        ['事業費', 1 + 2],
      ],
    );
    const page = (await get(portalUrls.downloads(SAMPLE_PLAN_SLUG))).body;
    for (const file of ['indicators.csv', 'directions.csv', 'costs.csv', 'outputs.xlsx']) assert.ok(page.includes(file), file);
  });

  test('the static export holds the outputs tables, the workbook and the item page with its chart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hyoka-export-outputs-'));
    try {
      await exportSite(s.db, out, sitePages);
      const dir = join(out, 'plans', SAMPLE_PLAN_SLUG);
      for (const file of ['indicators.csv', 'indicators.json', 'directions.csv', 'costs.csv', 'outputs.xlsx'])
        assert.ok(existsSync(join(dir, 'data', file)), file);
      const item = readFileSync(join(dir, 'items', '2.1.4.1.html'), 'utf8');
      assert.ok(item.includes('indicator-chart') && item.includes('1400（見直し後）'));
      const downloads = readFileSync(join(dir, 'downloads.html'), 'utf8');
      assert.ok(downloads.includes('data/outputs.xlsx'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the public snapshot is rebuilt when an actual, a baseline, an indicator’s 累計 or decimals, or the 今後の方向性 list changes', async () => {
    const cache = new PublicDataCache(s.db, 60_000);
    const ref = (await cache.plans())[0]!;
    const first = await cache.dataset(SAMPLE_PLAN_SLUG);
    for (const write of [
      () => saveActual(s.db, fixture.indicators.waiting, 2022, { value: '18' }, FIXTURE_ACTOR),
      () => setBaseline(s.db, fixture.indicators.waiting, { fiscalYear: 2017, value: '31' }, FIXTURE_ACTOR),
      // As a re-import that changes only these columns does (running totals and rule answers change).
      () => s.db.query('update indicators set cumulative = not cumulative where id = $1', [fixture.indicators.training]),
      () => s.db.query('update indicators set decimals = decimals + 1 where id = $1', [fixture.indicators.training]),
      () => addDirectionCode(s.db, fixture.planId, { code: '見直し', label: '見直し' }, FIXTURE_ACTOR),
    ]) {
      const before = await cache.dataset(SAMPLE_PLAN_SLUG);
      await write();
      await cache.revalidate(ref);
      assert.notEqual(await cache.dataset(SAMPLE_PLAN_SLUG), before);
    }
    const waiting = (await cache.dataset(SAMPLE_PLAN_SLUG)).outputs.indicators.find((i) => i.id === fixture.indicators.waiting)!;
    assert.deepEqual([waiting.baseline?.value, waiting.years.at(-1)?.actual], ['31', '18']);
    assert.notEqual(first, await cache.dataset(SAMPLE_PLAN_SLUG));
  });
});
