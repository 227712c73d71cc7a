import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { buildServer } from '../web/server.js';
import { seededDb } from './seed-fixture.js';

test('report routes: the plan page links to the reports; the index, the page and a download answer with the seed’s report', async () => {
  const { db, cleanup } = await seededDb();
  const app = await buildServer({ db, config: { secureCookies: false } });
  try {
    const plan = parseHTML((await app.inject(`/plans/${SAMPLE_PLAN_SLUG}`)).body).document;
    assert.ok(plan.querySelector(`a[href="/plans/${SAMPLE_PLAN_SLUG}/reports"]`), 'link from the plan page');

    const index = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports?era=seireki`);
    assert.equal(index.statusCode, 200);
    const doc = parseHTML(index.body).document;
    assert.deepEqual([...doc.querySelectorAll('main h2')].map((h) => h.textContent), ['2022年度（最終評価）', '2018年度（中間評価）']);
    const links = [...doc.querySelectorAll('.report-formats a')].map((a) => a.getAttribute('href'));
    assert.deepEqual(links, ['html', 'pdf', 'docx', 'xlsx', 'csv', 'json'].map((f) => `/plans/${SAMPLE_PLAN_SLUG}/reports/2022.${f}?era=seireki&kind=final`));
    assert.match(doc.querySelectorAll('main section')[1]!.textContent!, /報告書は作成できません/);

    const page = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/R4`);
    assert.equal(page.statusCode, 200);
    const report = parseHTML(page.body).document;
    assert.equal(report.querySelectorAll('article.report table.ratings tbody tr').length, 83);
    assert.equal(report.querySelectorAll('h1').length, 1);
    assert.ok(report.querySelector('link[href="/reports/report.css"]'));
    assert.equal((await app.inject('/reports/report.css')).statusCode, 200);

    const csv = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2022.csv`);
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8; header=present');
    assert.equal(
      csv.headers['content-disposition'],
      `attachment; filename="${SAMPLE_PLAN_SLUG}-2022-final.csv"; filename*=UTF-8''${encodeURIComponent('令和4年度_茅ヶ崎市地域情報化計画_事務事業進捗状況評価結果報告書_最終評価.csv')}`,
    );
    assert.equal(csv.body.split('\r\n').filter(Boolean).length, 1 + 83 * 5);

    assert.equal((await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2022.json?kind=weekly`)).statusCode, 404);
    const none = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2018?kind=midterm`);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /評価（評点）が1件もありません/);
  } finally {
    await app.close();
    await cleanup();
  }
});
