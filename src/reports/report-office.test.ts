/**
 * The Word and Excel files as printed documents: the font every run names, year
 * columns that never wrap their label, a cover without a page number, and the
 * workbook's print setup and the division's name as the report words it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { hexOf, RATING_PALETTE } from '../web/ui/palette.js';
import { OFFICE_FONT, OFFICE_FONT_ALTERNATIVES } from './office-font.js';
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
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    footers: await Promise.all(footerNames.map(read)),
  };
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

test('Word: the font table tells Word what to substitute where the office font is missing (Yu Gothic, Meiryo, Hiragino; Japanese set)', async () => {
  const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
  const table = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  const entry = new RegExp(`<w:font w:name="${OFFICE_FONT}">([\\s\\S]*?)</w:font>`).exec(table)?.[1] ?? '';
  assert.match(entry, /<w:charset w:val="80"\/>/);
  assert.match(entry, /<w:family w:val="swiss"\/>/);
  assert.equal(/<w:altName w:val="([^"]*)"\/>/.exec(entry)?.[1], OFFICE_FONT_ALTERNATIVES.join(','));
  for (const name of ['Yu Gothic', 'Meiryo', 'Hiragino Sans']) assert.ok(OFFICE_FONT_ALTERNATIVES.includes(name as never), name);
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  assert.match(styles, /<w:lang [^>]*w:eastAsia="ja-JP"/);
});

test('Word: the plan’s and each pillar’s chart are Word charts with the data of the summary, in the palette’s patterns', async () => {
  const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
  const charts = Object.keys(zip.files)
    .filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n))
    .sort();
  assert.equal(charts.length, 1 + model.nodes.length);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  assert.ok(!document.includes('HYOKA-CHART'), 'every placeholder replaced');
  assert.equal((document.match(/<c:chart [^>]*r:id="rIdHyokaChart\d+"\/>/g) ?? []).length, charts.length);
  const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  for (const [i] of charts.entries()) {
    assert.ok(rels.includes(`Target="charts/chart${i + 1}.xml"`));
    assert.ok(types.includes(`PartName="/word/charts/chart${i + 1}.xml"`));
  }
  const plan = (await zip.file('word/charts/chart1.xml')?.async('string')) ?? '';
  const values = (code: string) => {
    const ser = new RegExp(`<c:ser><c:idx val="\\d+"/><c:order val="\\d+"/><c:tx><c:v>${code}</c:v></c:tx>([\\s\\S]*?)</c:ser>`).exec(plan)?.[1] ?? '';
    return [...(/<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
  };
  assert.deepEqual(values('A'), [59, 56, 65, 68, 72, 73]);
  assert.deepEqual(values('—'), [1, 3, 4, 4, 5, 5]);
  assert.match(plan, /<a:pattFill prst="wdUpDiag">/, 'B is hatched, not only coloured');
  assert.match(plan, /<c:pt idx="2"><c:v>R1\n78\.31%<\/c:v><\/c:pt>/, 'year labels with the rate under the bars, R1 as printed');
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
  assert.equal(wb.worksheets.length, 4);
  for (const sheet of wb.worksheets) {
    const p = sheet.pageSetup;
    assert.equal(p.paperSize, 9, sheet.name);
    assert.equal(p.orientation, 'landscape', sheet.name);
    assert.equal(p.fitToPage, true, sheet.name);
    assert.equal(p.fitToWidth, 1, sheet.name);
    assert.equal(p.fitToHeight, 0, sheet.name);
    // Data sheets repeat their header row on every printed page; the cover is one page.
    if (sheet.name !== SHEET_NAMES.cover) assert.equal(p.printTitlesRow, '1:1', sheet.name);
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
  for (let r = 2; r <= texts.rowCount; r++) assert.ok((texts.getRow(r).height ?? 0) >= 13, `row ${r} is as high as its wrapped text`);
});

test('Excel: the cover sheet carries the title and the plan’s summary as printed (R1, the — row, the total), the rate marked 参考', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(model, { era: 'wareki' })) as unknown as ArrayBuffer);
  const cover = wb.getWorksheet(SHEET_NAMES.cover)!;
  const rows: unknown[][] = [];
  cover.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  assert.deepEqual(
    rows.slice(0, 3).map((r) => r[0]),
    ['令和4年度', '茅ヶ崎市地域情報化計画', '事務事業進捗状況評価結果報告書（最終評価）'],
  );
  assert.deepEqual(rows[3], ['表：平成29～令和4年度の各事業の評価']);
  assert.deepEqual(rows[4], ['評価', 'H29＊', 'H30', 'R1', 'R2', 'R3', 'R4']);
  assert.deepEqual(rows[5], ['A', 59, 56, 65, 68, 72, 73]);
  assert.deepEqual(rows[8], ['—', 1, 3, 4, 4, 5, 5]);
  assert.deepEqual(rows[9], ['合計', 83, 83, 83, 83, 83, 83]);
  assert.equal(rows[10]?.[0], '達成率（参考）');
  assert.equal(rows[10]?.[6], 0.8795);
});

test('Word: rating cells wear the palette’s tint and colour of their scale position', async () => {
  const { document } = await docxParts();
  const cellOf = (code: string) =>
    new RegExp(
      `<w:shd [^>]*w:fill="${hexOf(RATING_PALETTE[['A', 'B', 'C', '—'].indexOf(code)]!.tint)}"[^>]*/>[\\s\\S]*?<w:color w:val="${hexOf(RATING_PALETTE[['A', 'B', 'C', '—'].indexOf(code)]!.color)}"/>[\\s\\S]*?<w:t(?: [^>]*)?>${code}</w:t>`,
    );
  for (const code of ['A', 'B', '—']) assert.match(document, cellOf(code), code);
});

test('Excel: rating cells wear the palette’s colour of their scale position, as in the portal and the PDF', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(model, { era: 'wareki' })) as unknown as ArrayBuffer);
  const ratings = wb.getWorksheet(SHEET_NAMES.ratings)!;
  const header = (ratings.getRow(1).values as unknown[]).slice(1);
  const r4 = header.indexOf('R4') + 1;
  const byCode = new Map<string, string | undefined>();
  for (let r = 2; r <= ratings.rowCount; r++) {
    const cell = ratings.getRow(r).getCell(r4);
    byCode.set(String(cell.value), (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb);
  }
  assert.equal(byCode.get('A'), `FF${hexOf(RATING_PALETTE[0]!.tint)}`);
  assert.equal(byCode.get('B'), `FF${hexOf(RATING_PALETTE[1]!.tint)}`);
  assert.equal(byCode.get('—'), `FF${hexOf(RATING_PALETTE[3]!.tint)}`);
});
