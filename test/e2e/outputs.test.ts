/**
 * The outputs part in Chromium: an item page with indicator charts, proposals, directions
 * and costs, and the downloads page are axe-clean; the report with indicators is axe-clean
 * as HTML and prints its indicator table, revision and proposal into the PDF.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { axeViolations, chromiumAvailable, describeViolations, launchBrowser, startTestServer, type TestServer } from './harness.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';
import { addIndicatorFixture, OVERRIDE_REASON } from '../../src/test-support/indicator-fixtures.js';
import { loadReportModel } from '../../src/reports/report-queries.js';
import { renderStandaloneHtml } from '../../src/reports/render/html/standalone.js';
import { renderPdf } from '../../src/reports/report-pdf.js';
import { portalUrls } from '../../src/portal/urls.js';

const skip = chromiumAvailable() ? false : 'Chromium not installed (/usr/bin/chromium)';

describe('outputs in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    await addIndicatorFixture(server.db, SAMPLE_PLAN_SLUG);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function assertAxeClean(label: string) {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${label}:\n${describeViolations(violations)}`);
  }

  test('item pages with indicators, proposals, directions and costs, and the downloads page, are axe-clean', async () => {
    for (const code of ['2.1.4.1', '2.1.4.2', '2.1.4']) {
      await page.goto(`${server.url}${portalUrls.item(SAMPLE_PLAN_SLUG, code)}`);
      await assertAxeClean(`item ${code}`);
    }
    await page.goto(`${server.url}${portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1')}`);
    assert.equal(await page.locator('svg.indicator-chart[role="img"]').count(), 2);
    await page.goto(`${server.url}${portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1')}?lang=en`);
    await assertAxeClean('item in English');
    await page.goto(`${server.url}${portalUrls.downloads(SAMPLE_PLAN_SLUG)}`);
    assert.equal(await page.locator('a[href$="outputs.xlsx"]').count(), 1);
    await assertAxeClean('downloads');
  });

  test('the report with indicators: axe-clean HTML, and the PDF prints the indicator table and the proposal', async () => {
    const model = await loadReportModel(server.db, SAMPLE_PLAN_SLUG, 2022, 'final');
    await page.setContent(renderStandaloneHtml(model, { era: 'wareki' }));
    await assertAxeClean('report HTML');
    const pdf = await getDocumentProxy(new Uint8Array(await renderPdf(model, { era: 'wareki', browser })));
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const needle of ['指標による評価の規則', '電子申請の利用件数', '107.1%', '今後の方向性の年度別件数', OVERRIDE_REASON])
      assert.ok(flat.includes(needle.replace(/\s+/g, '')), needle);
  });
});
