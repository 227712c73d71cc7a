/**
 * The PDF of a 3-tier and a 5-tier plan printed by Chromium: a bookmark per node of every
 * tier down to the tables, nested as the tiers are, and every rated item in the text.
 * Skipped where Chromium is not installed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { flatOutline, launchBrowser, skipWithoutChromium } from './harness.js';
import { reportRows, sectionNodes, type ReportModel } from '../../src/reports/report-model.js';
import { renderPdf } from '../../src/reports/report-pdf.js';
import { fiveTierSpec, reportPlanModels, threeTierSpec } from '../../src/test-support/report-plans.js';

const run = promisify(execFile);
const skip = skipWithoutChromium;
let browser: Browser;
let models: ReportModel[] = [];
let cleanup = async () => {};
let dir: string;

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
  ({ models, cleanup } = await reportPlanModels([threeTierSpec(), fiveTierSpec()]));
  dir = await mkdtemp(join(tmpdir(), 'hyoka-pdf-depth-'));
});
after(async () => {
  await browser?.close();
  await cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('PDF of a 3-tier and a 5-tier plan: bookmarks nested by tier, every rated item printed', { skip }, async () => {
  for (const model of models) {
    const bytes = await renderPdf(model, { era: 'wareki', browser });
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const flat = await flatOutline(pdf);
    // The title is the one h1 (depth 0); a node of tier k is an h(k+1), so at depth k.
    for (const n of sectionNodes(model)) {
      const title = `${n.tierName}　${n.name}`.normalize('NFKC');
      assert.ok(
        flat.some((o) => o.depth === n.level && o.title === title),
        `${model.plan.slug}: bookmark ${title} at depth ${n.level}: ${JSON.stringify(flat)}`,
      );
    }
    const file = join(dir, `${model.plan.slug}.pdf`);
    await writeFile(file, bytes);
    const { stdout } = await run('pdftotext', [file, '-']);
    const text = stdout.replace(/\s+/g, '');
    for (const r of reportRows(model)) assert.ok(text.includes(r.name), `${model.plan.slug}: row ${r.name}`);
  }
});
