/**
 * A 5-tier plan on a 順調/概ね順調/やや遅れ/遅れ scale in Chromium: the portal from the
 * plan's home down to a 事務事業 and the staff plan page, full and (for a plan above
 * 1,000 items) collapsed with one branch opened, axe-core clean on every page.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, skipWithoutChromium, browserSession } from './harness.js';
import { FIVE_TIER, storeTieredPlan } from '../../src/test-support/tiered-plans.js';

const BIG = { ...FIVE_TIER, slug: 'big-five', name: '大きな五層計画', fanout: [2, 2, 2, 5, 26] };

describe('a 5-tier plan in Chromium', { skip: skipWithoutChromium }, () => {
  const session = browserSession({ withSample: false });
  let page: Page;

  before(async () => {
    await storeTieredPlan(session.server.db, FIVE_TIER);
    await storeTieredPlan(session.server.db, BIG);
    page = await session.newPage();
  });

  const assertAxeClean = (label: string) => assertAccessible(page, label);

  test('portal: plan home → 基本施策 → 施策 → 事務事業, stagnation, departments', async () => {
    await page.goto(`${session.server.url}/portal/plans/${FIVE_TIER.slug}`);
    assert.equal(await page.locator('h1').textContent(), '五層総合計画');
    assert.match((await page.locator('.kpi').textContent()) ?? '', /50\.00%（順調・概ね順調 12件 ÷ 24件）/);
    await assertAxeClean('plan home');
    await page.locator('.tree a', { hasText: '基本施策1.1.2' }).click();
    assert.match((await page.locator('h1').textContent()) ?? '', /基本施策1\.1\.2/);
    assert.equal(await page.locator('table.ratings tbody tr').count(), 6);
    await assertAxeClean('基本施策');
    await page.locator('main ul a', { hasText: '施策1.1.2.1' }).click();
    assert.equal(await page.locator('#ratings + .table-wrap tbody tr').count(), 3);
    await assertAxeClean('施策 (rated, with rated items under it)');
    await page.locator('table.ratings a', { hasText: '事務事業1.1.2.1.3' }).click();
    assert.deepEqual(await page.locator('.breadcrumbs li').allTextContents(), [
      '公開ポータル',
      '五層総合計画',
      '基本目標1',
      '政策1.1',
      '基本施策1.1.2',
      '施策1.1.2.1',
      '事務事業1.1.2.1.3',
    ]);
    await assertAxeClean('事務事業');
    await page.goto(`${session.server.url}/portal/plans/${FIVE_TIER.slug}/stagnation`);
    assert.equal(await page.locator('h1').textContent(), '3年度以上続けて やや遅れ・遅れ 評価の事務事業');
    await assertAxeClean('stagnation');
    await page.goto(`${session.server.url}/portal/plans/${FIVE_TIER.slug}/departments?lang=en`);
    assert.equal(await page.locator('h1').textContent(), '事務事業 by department');
    await assertAxeClean('departments (English)');
  });

  test('staff plan page: every tier headed, tables per 基本施策; a large plan collapsed, one branch opened', async () => {
    await page.goto(`${session.server.url}/plans/${FIVE_TIER.slug}`);
    assert.equal(await page.locator('table.ratings').count(), 4);
    assert.equal(await page.locator('table.ratings tbody tr').count(), 24);
    assert.deepEqual(await page.locator('table.ratings').first().locator('thead th').allTextContents(), ['施策', '事務事業', 'R2', 'R3', 'R4']);
    await assertAxeClean('plan page (5 tiers)');

    await page.goto(`${session.server.url}/plans/${BIG.slug}`);
    assert.equal(await page.locator('table.ratings').count(), 0);
    assert.equal(await page.locator('table.collapsed tbody tr').count(), 40);
    await assertAxeClean('plan page collapsed');
    await page.locator('table.collapsed a', { hasText: '施策1.2.1.3' }).click();
    assert.match(page.url(), /\?open=1\.2\.1\.3#ratings$/);
    assert.equal(await page.locator('table.ratings tbody tr').count(), 26);
    assert.equal(await page.locator('table.collapsed').count(), 7);
    await assertAxeClean('plan page with one branch open');
  });
});
