/**
 * The web import in Debian's Chromium: an administrator finds 計画の取り込み in the staff
 * navigation, uploads a Shift_JIS CSV (as Excel on Windows saves it) with its mapping,
 * first with a wrong rating (the problem and its cell are shown, nothing is kept), then
 * fixed; reads the preview; confirms; and the plan appears. axe-core on every screen.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assertAccessible, skipWithoutChromium, browserSession, signInOn } from './harness.js';
import { ensureDemoData } from '../../src/evaluations/demo-data.js';
import { csvText, encodeShiftJis, kpiPlan } from '../../src/test-support/table-fixtures.js';

describe('the web import in the browser', { skip: skipWithoutChromium }, () => {
  const session = browserSession();
  let page: Page;
  let dir: string;

  before(async () => {
    await ensureDemoData(session.server.db, { today: new Date('2024-04-01') });
    page = await session.newPage();
    dir = mkdtempSync(join(tmpdir(), 'hyoka-e2e-import-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const accessible = (name: string) => assertAccessible(page, name);

  async function uploadForm(csv: string): Promise<void> {
    await page.setInputFiles('#file', csv);
    await page.setInputFiles('#mapping', join(dir, 'kpi.mapping.json'));
    await page.fill('#slug', 'sogo-senryaku');
    await page.click('main form[enctype] button[type=submit]');
  }

  test('an administrator opens the import from the staff navigation', async () => {
    await signInOn(page, session.server.url, 'demo-admin', 'hyoka-admin-2023');
    await page.click('nav a[href="/admin/imports"]');
    await page.waitForURL(`${session.server.url}/admin/imports`);
    assert.equal(await page.locator('h1').innerText(), '計画の取り込み');
    await accessible('import form');
  });

  test('a wrong rating in the Shift_JIS CSV is shown with its row and column; nothing is kept', async () => {
    const kpi = kpiPlan();
    writeFileSync(join(dir, 'kpi.mapping.json'), JSON.stringify(kpi.mapping, null, 2));
    const rows = kpi.rows.map((r) => [...r]);
    rows[3]![7] = 'Ｅ';
    writeFileSync(join(dir, 'bad.csv'), encodeShiftJis(csvText(rows)));
    await uploadForm(join(dir, 'bad.csv'));
    await page.waitForSelector('[role=alert]');
    const alert = await page.locator('[role=alert]').innerText();
    assert.match(alert, /4行 H列/);
    assert.match(alert, /評価「E」は評価基準にありません/);
    assert.equal(await page.inputValue('#slug'), 'sogo-senryaku', 'what was typed is kept');
    await accessible('import form with problems');
    assert.equal((await session.server.db.query<{ n: number }>('select count(*)::int as n from import_uploads')).rows[0]!.n, 0);
  });

  test('the fixed CSV: preview, confirm, and the plan appears', async () => {
    const kpi = kpiPlan();
    writeFileSync(join(dir, 'kpi.csv'), encodeShiftJis(csvText(kpi.rows)));
    await uploadForm(join(dir, 'kpi.csv'));
    await page.waitForURL(/\/admin\/imports\/[A-Za-z0-9_-]+$/);
    const main = await page.locator('main').innerText();
    for (const fact of ['取り込みの確認', '第2期まち・ひと・しごと創生総合戦略', '基本目標', 'KPI達成度', '産業振興課']) assert.ok(main.includes(fact), fact);
    assert.deepEqual(await page.locator('table tbody tr').allInnerTexts(), ['基本目標\t2', '施策\t4', 'KPI\t8']);
    await accessible('import preview');
    await page.click('form[action$="/confirm"] button');
    await page.waitForURL(`${session.server.url}/plans/sogo-senryaku`);
    const plan = await page.locator('main').innerText();
    assert.ok(plan.includes('第2期まち・ひと・しごと創生総合戦略'));
    assert.ok(plan.includes('地域産業の振興'));
    await accessible('the imported plan');
    const audit = await session.server.db.query<{ actor: string }>(`select actor from audit_log where action = 'import' and entity_id = 'sogo-senryaku'`);
    assert.deepEqual(audit.rows, [{ actor: 'demo-admin' }]);
  });
});
