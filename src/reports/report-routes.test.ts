import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { buildTestServer } from '../test-support/server.js';
import { resetEnvForTests } from '../config/env.js';
import { buildServer } from '../web/server.js';
import { seededDb } from '../test-support/seed.js';

test('report routes: the plan page links to the reports; the index, the page and a download answer with the seed’s report', async (t) => {
  const { app } = await buildTestServer(t);
  const plan = parseHTML((await app.inject(`/plans/${SAMPLE_PLAN_SLUG}`)).body).document;
  assert.ok(plan.querySelector(`a[href="/plans/${SAMPLE_PLAN_SLUG}/reports"]`), 'link from the plan page');

  const index = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports?era=seireki`);
  assert.equal(index.statusCode, 200);
  const doc = parseHTML(index.body).document;
  assert.deepEqual(
    [...doc.querySelectorAll('main h2')].map((h) => h.textContent),
    ['2022年度（最終評価）', '2018年度（中間評価）'],
  );
  const links = [...doc.querySelectorAll('.report-formats a')].map((a) => a.getAttribute('href'));
  assert.deepEqual(
    links,
    ['html', 'pdf', 'docx', 'xlsx', 'csv', 'json'].map((f) => `/plans/${SAMPLE_PLAN_SLUG}/reports/2022.${f}?era=seireki&kind=final`),
  );
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
});

test('report routes: without Chromium a PDF is a 503 page that says how to install it; other formats still work', async (t) => {
  const saved = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = '/nonexistent/chromium';
  resetEnvForTests();
  const { db, cleanup } = await seededDb();
  const app = await buildServer({ db, config: { secureCookies: false } });
  t.after(async () => {
    await app.close();
    await cleanup();
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
    resetEnvForTests();
  });
  const pdf = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2022.pdf`);
  assert.equal(pdf.statusCode, 503);
  assert.match(pdf.headers['content-type'] as string, /^text\/html/);
  assert.match(pdf.body, /PDF を作成できません: Chromium が見つかりません。.*（探した場所: \/nonexistent\/chromium）/);
  assert.equal((await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2022.json`)).statusCode, 200);
  const badYear = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/abc.pdf`);
  assert.equal(badYear.statusCode, 404);
  assert.match(badYear.body, /年度として読めません: abc（例: 2022, R4, 令和4年度）/);
  const badKind = await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2022.json?kind=weekly`);
  assert.match(badKind.body, /評価の種類が不正です: weekly（final, midterm, yearly のいずれか）/);
  assert.match((await app.inject(`/plans/${SAMPLE_PLAN_SLUG}/reports/2022.exe`)).body, /報告書の形式が不正です: exe（html, pdf, docx, xlsx, csv, json）/);
});
