/**
 * The Word and Excel files opened by LibreOffice and printed to PDF: no font is
 * substituted (every embedded font is the office font) and year labels in table
 * headers stay whole. Skipped where LibreOffice is not installed.
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
import { tableNodes, type ReportModel } from '../../src/reports/report-model.js';
import { renderXlsx } from '../../src/reports/report-xlsx.js';
import { seedModel } from '../../src/test-support/seed.js';

const run = promisify(execFile);
const OFFICE = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));
const skip = OFFICE ? false : 'LibreOffice is not installed (apt-get install -y libreoffice-writer libreoffice-calc)';
let model: ReportModel;
let cleanup: (() => Promise<void>) | undefined;
let dir: string;

before(async () => {
  if (skip) return;
  ({ model, cleanup } = await seedModel());
  dir = await mkdtemp(join(tmpdir(), 'hyoka-office-'));
});
after(async () => {
  await cleanup?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Converts with a profile of its own, so a LibreOffice the user has open is not disturbed. */
async function toPdf(name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  const profile = pathToFileURL(join(dir, 'profile')).href;
  await run(OFFICE!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
  return file.replace(/\.\w+$/, '.pdf');
}

async function fontNames(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [pdf]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(/\s+/)[0] ?? '');
}

test('LibreOffice prints the Word file in the office font only, year labels whole in every header', { skip }, async () => {
  const pdf = await toPdf('report.docx', await renderDocx(model, { era: 'wareki' }));
  const fonts = await fontNames(pdf);
  assert.ok(fonts.length > 0);
  for (const f of fonts) assert.match(f, /^[A-Z]{6}\+BIZUDPGothic/, `no substituted font: ${fonts.join(', ')}`);
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
  const headerLines = stdout.split('\n').filter((l) => /事務事業細目名/.test(l));
  // At least one per measure table; a table split over pages repeats its header.
  assert.ok(headerLines.length >= tableNodes(model).length, `${headerLines.length} header lines`);
  for (const line of headerLines) assert.match(line, /H30\s+R元\s+R2\s+R3\s+R4\s*$/, line);
  const flat = stdout.replace(/\s+/g, '');
  // The front matter in the city's order: criteria after 「…次のとおりです。」, the summary after the expert's second paragraph.
  const order = [
    '評価基準は次のとおりです。',
    '評点評価基準A達成できた。',
    'これらの事務事業細目ごと',
    '良好であると判断できる。',
    '表：平成29～令和4年度の各事業の評価',
    'しかし、各事業の目標設定が',
  ];
  let from = 0;
  for (const s of order) {
    const at = flat.indexOf(s, from);
    assert.ok(at >= 0, `in order: ${s}`);
    from = at + s.length;
  }
  // The charts are drawn: their axis titles and the year labels with the rate under the bars.
  assert.ok((stdout.match(/件数/g) ?? []).length >= 1 + model.nodes.length, 'a count axis per chart');
  assert.match(stdout, /R1\s+R2\s+R3\s+R4/);
  assert.match(flat, /78\.31%81\.93%86\.75%87\.95%/);
});

test('LibreOffice prints the workbook on A4 landscape pages in the office font only', { skip }, async () => {
  const pdf = await toPdf('report.xlsx', await renderXlsx(model, { era: 'wareki' }));
  const fonts = await fontNames(pdf);
  for (const f of fonts) assert.match(f, /^[A-Z]{6}\+BIZUDPGothic/, `no substituted font: ${fonts.join(', ')}`);
  const { stdout } = await run('pdfinfo', [pdf]);
  assert.match(stdout, /Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
  // The cover sheet comes first: the title and the summary as printed, the rate marked 参考.
  const { stdout: first } = await run('pdftotext', ['-f', '1', '-l', '1', pdf, '-']);
  const flat = first.replace(/\s+/g, '');
  for (const s of ['茅ヶ崎市地域情報化計画', '表：平成29～令和4年度の各事業の評価', '達成率（参考）', '87.95%']) assert.ok(flat.includes(s), s);
});
