/**
 * Reports of a 3-tier and a 5-tier plan as Word and Excel files opened by LibreOffice
 * and printed to PDF: the files open, every font is the office font, and the printed
 * text has each tier's headings and every rated item. Skipped where LibreOffice is not
 * installed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { renderDocx } from '../../src/reports/report-docx.js';
import { reportRows, sectionNodes, type ReportModel } from '../../src/reports/report-model.js';
import { renderXlsx } from '../../src/reports/report-xlsx.js';
import { fiveTierSpec, reportPlanModels, threeTierSpec } from '../../src/test-support/report-plans.js';

const run = promisify(execFile);
const OFFICE = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));
const skip = OFFICE ? false : 'LibreOffice is not installed (apt-get install -y libreoffice-writer libreoffice-calc)';
let models: ReportModel[] = [];
let cleanup = async () => {};
let dir: string;

before(async () => {
  if (skip) return;
  ({ models, cleanup } = await reportPlanModels([threeTierSpec(), fiveTierSpec()]));
  dir = await mkdtemp(join(tmpdir(), 'hyoka-office-depth-'));
});
after(async () => {
  await cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Converts with a profile of its own, so a LibreOffice the user has open is not disturbed. */
async function toPdf(name: string, bytes: Buffer): Promise<{ text: string; fonts: string[] }> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  const profile = pathToFileURL(join(dir, 'profile')).href;
  await run(OFFICE!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
  const pdf = file.replace(/\.\w+$/, '.pdf');
  const { stdout: text } = await run('pdftotext', [pdf, '-']);
  const { stdout } = await run('pdffonts', [pdf]);
  const fonts = stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(/\s+/)[0] ?? '');
  return { text: text.replace(/\s+/g, ''), fonts };
}

test('LibreOffice prints the Word files of a 3-tier and a 5-tier plan: every tier heading, every item, the office font only', { skip }, async () => {
  for (const model of models) {
    const { text, fonts } = await toPdf(`${model.plan.slug}.docx`, await renderDocx(model, { era: 'wareki' }));
    assert.ok(fonts.length > 0);
    for (const f of fonts) assert.match(f, /^[A-Z]{6}\+BIZUDPGothic/, `${model.plan.slug}: no substituted font: ${fonts.join(', ')}`);
    for (const n of sectionNodes(model)) assert.ok(text.includes(`${n.tierName}${n.name}`), `${model.plan.slug}: heading ${n.name}`);
    for (const r of reportRows(model)) assert.ok(text.includes(r.name), `${model.plan.slug}: row ${r.name}`);
  }
});

test('LibreOffice prints the workbooks of a 3-tier and a 5-tier plan with every tier as a column', { skip }, async () => {
  for (const model of models) {
    const { text, fonts } = await toPdf(`${model.plan.slug}.xlsx`, await renderXlsx(model, { era: 'wareki' }));
    for (const f of fonts) assert.match(f, /^[A-Z]{6}\+BIZUDPGothic/, `${model.plan.slug}: no substituted font: ${fonts.join(', ')}`);
    for (const tier of model.plan.tiers) assert.ok(text.includes(tier), `${model.plan.slug}: column ${tier}`);
    for (const r of reportRows(model)) assert.ok(text.includes(r.name), `${model.plan.slug}: row ${r.name}`);
  }
});
