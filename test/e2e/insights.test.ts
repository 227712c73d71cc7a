/**
 * The year's changes, the drafted sentences and plan lineage in Chromium: the portal's
 * and the staff's changes pages, the expert's drafts page (reached from the opinions
 * screen), an item's ratings across plans and the lineage admin screen are axe-clean.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ensureDemoData } from '../../src/evaluations/demo-data.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';
import { DEMO_SUCCESSOR_SLUG, ensureLineageDemo } from '../../src/lineage/lineage-demo.js';
import { assertAccessible, skipWithoutChromium, browserSession, signInOn } from './harness.js';

describe('changes and drafted sentences in Chromium', { skip: skipWithoutChromium }, () => {
  const session = browserSession();
  let page: Page;
  let roundId: number;

  before(async () => {
    roundId = (await ensureDemoData(session.server.db, { roundFiscalYear: 2023 })).roundId!;
    await ensureLineageDemo(session.server.db, SAMPLE_PLAN_SLUG);
    page = await session.newPage();
  });

  const assertAxeClean = (label: string) => assertAccessible(page, label);

  test('portal and staff changes pages', async () => {
    await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}`);
    await page.getByRole('link', { name: 'この年度の変化（前年度との比較）' }).click();
    assert.equal(await page.locator('h1').textContent(), '令和4年度の変化');
    await assertAxeClean('portal changes');
    await page.getByRole('link', { name: 'R元' }).click();
    assert.equal(await page.locator('h1').textContent(), '令和元年度の変化');
    await assertAxeClean('portal changes R元');
    await page.goto(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}`);
    await page.getByRole('link', { name: 'この年度の変化（前年度との比較）' }).click();
    assert.equal(await page.locator('h1').textContent(), '令和4年度の変化');
    await assertAxeClean('staff changes');
  });

  test('the expert reaches the drafted sentences from the opinions screen', async () => {
    await signInOn(page, session.server.url, 'demo-expert', 'hyoka-expert-2023');
    await page.goto(`${session.server.url}/rounds/${roundId}/opinions`);
    await page.getByRole('link', { name: '意見の下書き用の文案（参考・自動生成）' }).click();
    await page.waitForURL(`${session.server.url}/rounds/${roundId}/drafts`);
    await assertAxeClean('drafts of the open round');
    const published = (await session.server.db.query<{ id: number }>(`select id from evaluation_rounds where fiscal_year = 2022 and status = 'published'`))
      .rows[0]!.id;
    await page.goto(`${session.server.url}/rounds/${published}/drafts`);
    const sentences = await page.locator('ol.drafts > li > p:first-child').allTextContents();
    assert.ok(
      sentences.some((s) => s.includes('87.95%')),
      sentences.join('\n'),
    );
    await page.locator('ol.drafts details summary').first().click();
    await assertAxeClean('drafts of the R4 round');
  });

  test('an item across plans on the portal, and the lineage admin screen', async () => {
    await page.goto(`${session.server.url}/portal/plans/${DEMO_SUCCESSOR_SLUG}/items/1.1`);
    assert.equal(await page.locator('table.lineage tr.boundary').count(), 1);
    await assertAxeClean('item across plans');
    // A context of its own, so the administrator's sign-in leaves the anonymous page as it is.
    const admin = await session.signIn('demo-admin', 'hyoka-admin-2023');
    await admin.getByRole('link', { name: '計画の引き継ぎ' }).click();
    await admin.waitForURL(`${session.server.url}/admin/lineage`);
    assert.ok((await admin.locator('caption').allTextContents()).some((c) => c.includes('（9行）')));
    await assertAccessible(admin, 'lineage admin');
  });
});
