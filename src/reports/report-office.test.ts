/**
 * The Word and Excel files as printed documents: the font every run names, year
 * columns that never wrap their label, a cover without a page number, and the
 * workbook's print setup and the division's name as the report words it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { OFFICE_FONT } from './office-font.js';
import { renderDocx } from './report-docx.js';
import { divisionNameOf, type ReportModel } from './report-model.js';
import { renderXlsx, SHEET_NAMES } from './report-xlsx.js';
import { seedModel } from '../test-support/seed.js';

let model: ReportModel;
let cleanup: () => Promise<void>;

before(async () => {
  ({ model, cleanup } = await seedModel());
});
after(async () => {
  await cleanup();
});

async function docxParts(): Promise<{ document: string; styles: string; settings: string; footers: string[] }> {
  const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), settings: await read('word/settings.xml'), footers: await Promise.all(footerNames.map(read)) };
}

test('Word: every font slot names the office font, Latin included; no Windows-only font is asked for', async () => {
  const { document, styles } = await docxParts();
  const fonts = [...`${styles}${document}`.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]!);
  assert.ok(fonts.length > 0);
  for (const f of fonts) {
    for (const slot of ['ascii', 'hAnsi', 'eastAsia']) assert.match(f, new RegExp(`w:${slot}="${OFFICE_FONT}"`), f);
  }
  assert.ok(!/Yu Gothic|Calibri|Times New Roman/.test(`${styles}${document}`));
});

test('Word: year header cells are wide enough for their label, with narrow margins; the cover has no page number', async () => {
  const { document, settings, footers } = await docxParts();
  const headerCells = [...document.matchAll(/<w:tc>(?:(?!<\/w:tc>).)*?<w:t(?: [^>]*)?>((?:H|R)[0-9元]+＊?)<\/w:t>/gs)];
  assert.ok(headerCells.length >= model.fiscalYears.length * 5, `year header cells: ${headerCells.length}`);
  for (const m of headerCells) {
    const width = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)" w:type="dxa"\/>/.exec(m[0])?.slice(1).find(Boolean));
    assert.ok(width >= 760, `${m[1]}: ${width} twips`);
    assert.match(m[0], /<w:tcMar>/, `${m[1]} has narrow cell margins`);
  }
  assert.match(document, /<w:titlePg\/>|<w:titlePg w:val="true"\/>|<w:titlePg w:val="1"\/>/, settings);
  // One footer carries the page number, the title page's own footer nothing.
  assert.equal(footers.filter((f) => f.includes('PAGE')).length, 1);
  assert.equal(footers.filter((f) => !f.includes('<w:t')).length, 1);
});

test('Excel: every sheet prints on A4 landscape, fitted to the width, header row repeated; narratives wrap and name the division', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(model, { era: 'wareki' })) as unknown as ArrayBuffer);
  assert.equal(wb.worksheets.length, 3);
  for (const sheet of wb.worksheets) {
    const p = sheet.pageSetup;
    assert.equal(p.paperSize, 9, sheet.name);
    assert.equal(p.orientation, 'landscape', sheet.name);
    assert.equal(p.fitToPage, true, sheet.name);
    assert.equal(p.fitToWidth, 1, sheet.name);
    assert.equal(p.fitToHeight, 0, sheet.name);
    assert.equal(p.printTitlesRow, '1:1', sheet.name);
    sheet.eachRow((row) => {
      row.eachCell((cell) => assert.equal(cell.font?.name, OFFICE_FONT, `${sheet.name}!${cell.address}`));
    });
  }
  const texts = wb.getWorksheet(SHEET_NAMES.narratives)!;
  const header = texts.getRow(1).values as unknown[];
  const bodyColumn = header.indexOf('本文');
  const roleColumn = header.indexOf('記述者');
  const roles = new Set<string>();
  for (let r = 2; r <= texts.rowCount; r++) {
    const row = texts.getRow(r);
    assert.equal(row.getCell(bodyColumn).alignment?.wrapText, true, `row ${r} wraps`);
    roles.add(String(row.getCell(roleColumn).value));
  }
  assert.equal(divisionNameOf(model), 'デジタル推進課');
  assert.ok(roles.has('デジタル推進課'), [...roles].join());
  assert.ok(!roles.has('所管課'));
});
