/**
 * The outputs part in Chromium: an item page with indicator charts, proposals, directions
 * and costs, and the downloads page are axe-clean; the report with indicators is axe-clean
 * as HTML and prints its indicator table, revision and proposal into the PDF; LibreOffice
 * opens its Word and Excel files and prints the indicators in the office font.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { assertAccessible, browserSession, skipWithoutChromium } from './harness.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';
import { addIndicatorFixture, OVERRIDE_REASON } from '../../src/test-support/indicator-fixtures.js';
import { loadReportModel } from '../../src/reports/report-queries.js';
import { renderStandaloneHtml } from '../../src/reports/render/html/standalone.js';
import { renderPdf } from '../../src/reports/report-pdf.js';
import { portalUrls } from '../../src/portal/urls.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { renderDocx } from '../../src/reports/report-docx.js';
import { renderXlsx } from '../../src/reports/report-xlsx.js';

const run = promisify(execFile);
const OFFICE = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));

describe('outputs in Chromium', { skip: skipWithoutChromium }, () => {
  const session = browserSession();
  let page: Page;

  before(async () => {
    await addIndicatorFixture(session.server.db, SAMPLE_PLAN_SLUG);
    page = await session.newPage();
  });

  const assertAxeClean = (label: string) => assertAccessible(page, label);

  test('item pages with indicators, proposals, directions and costs, and the downloads page, are axe-clean', async () => {
    for (const code of ['2.1.4.1', '2.1.4.2', '2.1.4']) {
      await page.goto(`${session.server.url}${portalUrls.item(SAMPLE_PLAN_SLUG, code)}`);
      await assertAxeClean(`item ${code}`);
    }
    await page.goto(`${session.server.url}${portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1')}`);
    assert.equal(await page.locator('svg.indicator-chart[role="img"]').count(), 2);
    await page.goto(`${session.server.url}${portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.1')}?lang=en`);
    await assertAxeClean('item in English');
    await page.goto(`${session.server.url}${portalUrls.downloads(SAMPLE_PLAN_SLUG)}`);
    assert.equal(await page.locator('a[href$="outputs.xlsx"]').count(), 1);
    await assertAxeClean('downloads');
  });

  test('the report with indicators: axe-clean HTML, and the PDF prints the indicator table and the proposal', async () => {
    const model = await loadReportModel(session.server.db, SAMPLE_PLAN_SLUG, 2022, 'final');
    await page.setContent(renderStandaloneHtml(model, { era: 'wareki' }));
    await assertAxeClean('report HTML');
    const pdf = await getDocumentProxy(new Uint8Array(await renderPdf(model, { era: 'wareki', browser: session.browser })));
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const needle of ['指標による評価の規則', '電子申請の利用件数', '107.1%', '今後の方向性の年度別件数', OVERRIDE_REASON])
      assert.ok(flat.includes(needle.replace(/\s+/g, '')), needle);
  });

  test('LibreOffice opens the Word and Excel reports with indicators and prints their outputs part in the office font', {
    skip: OFFICE ? false : 'LibreOffice not installed',
  }, async () => {
    const model = await loadReportModel(session.server.db, SAMPLE_PLAN_SLUG, 2022, 'final');
    const dir = await mkdtemp(join(tmpdir(), 'hyoka-office-outputs-'));
    try {
      for (const [name, bytes] of [
        ['outputs.docx', await renderDocx(model, { era: 'wareki' })],
        ['outputs.xlsx', await renderXlsx(model, { era: 'wareki' })],
      ] as const) {
        const file = join(dir, name);
        await writeFile(file, bytes);
        const profile = pathToFileURL(join(dir, 'profile')).href;
        await run(OFFICE!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
        const pdf = file.replace(/\.\w+$/, '.pdf');
        const text = (await run('pdftotext', [pdf, '-'])).stdout.replace(/\s+/g, '');
        for (const needle of ['電子申請の利用件数', '窓口の平均待ち時間', '107.1']) assert.ok(text.includes(needle), `${name}: ${needle}`);
        const fonts = (await run('pdffonts', [pdf])).stdout
          .split('\n')
          .slice(2)
          .filter((l) => l.trim() !== '')
          .map((l) => l.split(/\s+/)[0] ?? '');
        for (const f of fonts) assert.match(f, /^[A-Z]{6}\+BIZUDPGothic/, `${name}: ${fonts.join(', ')}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
