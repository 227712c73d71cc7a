/**
 * The public portal in Debian's Chromium: browse from the home to a sub-item,
 * search both seed queries, download and parse a CSV, switch language and year
 * style, axe-core clean on every page type (live and static export), and
 * screenshots at phone and desktop width (written to HYOKA_SCREENSHOTS or a temp dir).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { assertAccessible, skipWithoutChromium, browserSession } from './harness.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';
import { addDraftRound, assignDepartment, DRAFT_MARKER } from '../../src/test-support/factories.js';
import { exportSite } from '../../src/portal/static-export.js';
import { sitePages } from '../../src/portal/pages/site-pages.js';

const SHOTS = process.env.HYOKA_SCREENSHOTS ?? join(tmpdir(), 'hyoka-portal-screenshots');

describe('public portal in Chromium', { skip: skipWithoutChromium }, () => {
  const session = browserSession();
  let page: Page;
  let exportDir: string;

  before(async () => {
    await addDraftRound(session.server.db, SAMPLE_PLAN_SLUG);
    await assignDepartment(session.server.db, SAMPLE_PLAN_SLUG, { code: 'keiyaku', name: '契約検査課' }, '2.1.4');
    page = await session.newPage({ acceptDownloads: true });
    // The portal must make no request outside the server it came from.
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(session.server.url) && !url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) {
        throw new Error(`external request: ${url}`);
      }
    });
    mkdirSync(SHOTS, { recursive: true });
    exportDir = mkdtempSync(join(tmpdir(), 'hyoka-site-'));
  });
  after(async () => {
    if (exportDir) rmSync(exportDir, { recursive: true, force: true });
  });

  const assertAxeClean = (label: string) => assertAccessible(page, label);

  test('browse from the portal home to a sub-item, axe-clean at every step', async () => {
    await page.goto(`${session.server.url}/portal`);
    await assertAxeClean('portal home');
    await page.getByRole('link', { name: '茅ヶ崎市地域情報化計画' }).first().click();
    assert.equal(await page.locator('h1').textContent(), '茅ヶ崎市地域情報化計画');
    assert.match((await page.locator('.kpi').textContent()) ?? '', /87\.95%/);
    assert.equal(await page.locator('figure.chart svg[role="img"]').count(), 1);
    await assertAxeClean('plan home');
    await page.locator('.tree a', { hasText: 'ICTを活用した円滑な地域社会' }).first().click();
    await assertAxeClean('pillar');
    await page.locator('main ul a', { hasText: 'ICTによる行政サービスの向上' }).first().click();
    await assertAxeClean('measure');
    await page.locator('main ul a', { hasText: 'ICTの活用による契約手続きの効率化' }).first().click();
    assert.match((await page.locator('h1').textContent()) ?? '', /ICTの活用による契約手続きの効率化/);
    await assertAxeClean('program');
    await page.locator('table.ratings a', { hasText: '納品手続きの電子化' }).click();
    assert.match((await page.locator('h1').textContent()) ?? '', /納品手続きの電子化/);
    const rows = await page.locator('#ratings + .table-wrap tbody tr').allTextContents();
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.includes('B')));
    assert.ok((await page.locator('.timeline .narrative').count()) >= 2);
    assert.ok(!(await page.content()).includes(DRAFT_MARKER));
    await assertAxeClean('sub-item');
    // The department named on the sub-item page leads to the department's view.
    await page.locator('dl.facts a', { hasText: '契約検査課' }).click();
    assert.equal(await page.locator('h1').textContent(), '契約検査課');
    assert.equal(await page.locator('table.ratings tbody tr').count(), 4);
    await assertAxeClean('department');
    for (const path of ['stagnation', 'changes', 'departments', 'downloads']) {
      await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}/${path}`);
      await assertAxeClean(path);
    }
    assert.equal(await page.locator('main table tbody tr').count(), 8);
    await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}/stagnation`);
    assert.equal((await page.locator('main table tbody tr').count()) >= 5, true);
    await page.goto(`${session.server.url}/api`);
    await assertAxeClean('API page');
  });

  test('search finds 電子申請 and マイナンバー, highlights the match and links to the item', async () => {
    await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}`);
    await page.locator('#portal-q').fill('電子申請');
    await page.locator('form.search button').click();
    await page.waitForURL(/\/portal\/search\?q=/);
    const link = page.locator('ol.results > li > a', { hasText: '電子申請届出システムの普及及び活用' });
    assert.ok((await link.count()) >= 1); // the program and its only sub-item share the name
    assert.equal(await link.locator('mark').first().textContent(), '電子申請');
    await assertAxeClean('search results');
    await page.locator('#portal-q').fill('マイナンバー');
    await page.locator('form.search button').click();
    await page.waitForURL(/q=%E3%83%9E/);
    const marks = await page.locator('ol.results mark').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => m === 'マイナンバー'), marks.join(','));
    assert.ok((await page.locator('ol.results .narrative', { hasText: 'マイナンバーカード' }).count()) > 0);
    await page.locator('ol.results > li > a').first().click();
    assert.match(page.url(), /\/items\//);
  });

  test('download a CSV and parse it', async () => {
    await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}/downloads`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a', { hasText: 'ratings.csv' }).click()]);
    const path = await download.path();
    const bytes = readFileSync(path!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 415);
    assert.ok(rows.every((r) => /^\d{4}$/.test(r['年度（西暦）']!) && /年度$/.test(r['年度（和暦）']!)));
    assert.ok(!rows.some((r) => r['年度（西暦）'] === '2023'));
  });

  test('language and year-style switches', async () => {
    await page.goto(`${session.server.url}/portal/plans/${SAMPLE_PLAN_SLUG}`);
    assert.ok((await page.locator('table.summary thead').textContent())!.includes('R4'));
    await page.getByRole('link', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok((await page.locator('h2#summary').textContent())!.includes('Ratings by fiscal year'));
    await page.getByRole('link', { name: 'Gregorian' }).click();
    const head = await page.locator('table.summary thead').textContent();
    assert.ok(head!.includes('2022') && !head!.includes('R4'));
    await assertAxeClean('plan home, English, Gregorian');
    await page.getByRole('link', { name: '日本語' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  });

  test('screenshots at phone and desktop width', async () => {
    const targets = [
      `/portal/plans/${SAMPLE_PLAN_SLUG}`,
      `/portal/plans/${SAMPLE_PLAN_SLUG}/items/2.1.4.3`,
      `/portal/search?q=${encodeURIComponent('マイナンバー')}`,
    ];
    for (const [name, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 900 }],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const [i, target] of targets.entries()) {
        await page.goto(`${session.server.url}${target}`);
        // No horizontal scrolling of the page itself (wide tables scroll inside their wrapper).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 1, `${name} ${target}: page overflows by ${overflow}px`);
        await page.screenshot({ path: join(SHOTS, `portal-${name}-${i}.png`), fullPage: i !== 0 });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the static export works from file:// and is axe-clean', async () => {
    await exportSite(session.server.db, exportDir, sitePages);
    const home = pathToFileURL(join(exportDir, 'index.html')).href;
    await page.goto(home);
    await assertAxeClean('static home');
    await page.getByRole('link', { name: '茅ヶ崎市地域情報化計画' }).first().click();
    assert.ok(page.url().startsWith('file:'));
    assert.equal(await page.locator('h1').textContent(), '茅ヶ崎市地域情報化計画');
    // The stylesheet loaded through a relative path.
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('header.site')!).backgroundColor);
    assert.equal(bg, 'rgb(11, 92, 173)');
    await page.locator('.tree a').first().click();
    await page.locator('table.ratings a').first().click();
    await assertAxeClean('static item');
    await page.getByRole('link', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    // The static search filters in the browser.
    await page.goto(`${pathToFileURL(join(exportDir, 'search.html')).href}?q=${encodeURIComponent('電子申請')}`);
    const visible = await page.locator('li[data-search]:visible').allTextContents();
    assert.ok(visible.some((v) => v.includes('電子申請届出システムの普及及び活用')));
    assert.ok(visible.length < 20, `${visible.length} items visible`);
    await assertAxeClean('static search');
  });
});
