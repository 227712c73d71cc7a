/**
 * The year's changes, the drafted sentences and plan lineage in Chromium: the portal's
 * and the staff's changes pages, the expert's drafts page (reached from the opinions
 * screen), an item's ratings across plans and the lineage admin screen are axe-clean.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureDemoData } from '../../src/evaluations/demo-data.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';
import { DEMO_SUCCESSOR_SLUG, ensureLineageDemo } from '../../src/lineage/lineage-demo.js';
import { axeViolations, describeViolations, launchBrowser, startTestServer, type TestServer, skipWithoutChromium } from './harness.js';

const skip = skipWithoutChromium;

describe('changes and drafted sentences in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let roundId: number;

  before(async () => {
    server = await startTestServer();
    roundId = (await ensureDemoData(server.db, { roundFiscalYear: 2023 })).roundId!;
    await ensureLineageDemo(server.db, SAMPLE_PLAN_SLUG);
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function assertAxeClean(label: string) {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${label}:\n${describeViolations(violations)}`);
  }

  test('portal and staff changes pages', async () => {
    await page.goto(`${server.url}/portal/plans/${SAMPLE_PLAN_SLUG}`);
    await page.getByRole('link', { name: 'この年度の変化（前年度との比較）' }).click();
    assert.equal(await page.locator('h1').textContent(), '令和4年度の変化');
    await assertAxeClean('portal changes');
    await page.getByRole('link', { name: 'R元' }).click();
    assert.equal(await page.locator('h1').textContent(), '令和元年度の変化');
    await assertAxeClean('portal changes R元');
    await page.goto(`${server.url}/plans/${SAMPLE_PLAN_SLUG}`);
    await page.getByRole('link', { name: 'この年度の変化（前年度との比較）' }).click();
    assert.equal(await page.locator('h1').textContent(), '令和4年度の変化');
    await assertAxeClean('staff changes');
  });

  test('the expert reaches the drafted sentences from the opinions screen', async () => {
    await page.goto(`${server.url}/login`);
    await page.fill('#login', 'demo-expert');
    await page.fill('#password', 'hyoka-expert-2023');
    await page.click('main button[type=submit]');
    await page.waitForURL(`${server.url}/work`);
    await page.goto(`${server.url}/rounds/${roundId}/opinions`);
    await page.getByRole('link', { name: '意見の下書き用の文案（参考・自動生成）' }).click();
    await page.waitForURL(`${server.url}/rounds/${roundId}/drafts`);
    await assertAxeClean('drafts of the open round');
    const published = (await server.db.query<{ id: number }>(`select id from evaluation_rounds where fiscal_year = 2022 and status = 'published'`)).rows[0]!.id;
    await page.goto(`${server.url}/rounds/${published}/drafts`);
    const sentences = await page.locator('ol.drafts > li > p:first-child').allTextContents();
    assert.ok(
      sentences.some((s) => s.includes('87.95%')),
      sentences.join('\n'),
    );
    await page.locator('ol.drafts details summary').first().click();
    await assertAxeClean('drafts of the R4 round');
  });

  test('an item across plans on the portal, and the lineage admin screen', async () => {
    await page.goto(`${server.url}/portal/plans/${DEMO_SUCCESSOR_SLUG}/items/1.1`);
    assert.equal(await page.locator('table.lineage tr.boundary').count(), 1);
    await assertAxeClean('item across plans');
    const admin = await browser.newContext();
    try {
      const p = await admin.newPage();
      await p.goto(`${server.url}/login`);
      await p.fill('#login', 'demo-admin');
      await p.fill('#password', 'hyoka-admin-2023');
      await p.click('main button[type=submit]');
      await p.waitForURL(`${server.url}/work`);
      await p.getByRole('link', { name: '計画の引き継ぎ' }).click();
      await p.waitForURL(`${server.url}/admin/lineage`);
      assert.ok((await p.locator('caption').allTextContents()).some((c) => c.includes('（9行）')));
      const violations = await axeViolations(p);
      assert.equal(violations.length, 0, `lineage admin:\n${describeViolations(violations)}`);
    } finally {
      await admin.close();
    }
  });
});
