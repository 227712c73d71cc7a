/**
 * Every file format parsed back and compared with the source: HTML (DOM), Word
 * (document.xml), Excel (cells), CSV (rows), JSON (schema + values). The PDF is
 * checked in test/e2e/report.test.ts, where Chromium is available.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { renderCsv, csvColumns } from './report-csv.js';
import { renderDocx } from './report-docx.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import { narrativesOf, reportNarratives, reportRows, rowGroupsOf, tableNodes, type ReportModel } from './report-model.js';
import { REPORT_JSON_SCHEMA, renderJson } from './report-json-schema.js';
import { renderXlsx, SHEET_NAMES } from './report-xlsx.js';
import { asciiFileName, contentDisposition, renderReport, reportFileName, writeFileAtomic } from './render-report.js';
import { SEED_SUMMARY, seedModel, sourceFacts, type SourceFacts } from '../test-support/seed.js';
import { isAppError } from '../errors.js';

let model: ReportModel;
let source: SourceFacts;
let cleanup: () => Promise<void>;

before(async () => {
  ({ model, cleanup } = await seedModel());
  source = sourceFacts();
});
after(async () => {
  await cleanup();
});

/** A copy of the model with one narrative paragraph replaced. */
function withFirstParagraph(text: string): ReportModel {
  const copy = structuredClone(model);
  narrativesOf(tableNodes(copy)[0]!, 'department')[0]!.paragraphs = [text];
  return copy;
}

/** Asserts that `needles` occur in `haystack` in that order. */
function assertInOrder(haystack: string, needles: readonly string[], what: string): void {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(n, from);
    assert.ok(at >= 0, `${what}: not found after position ${from}: ${n.slice(0, 60)}`);
    from = at + n.length;
  }
}

test('standalone HTML: every sub-item, rating, summary figure and narrative paragraph of the source, self-contained', () => {
  const html = renderStandaloneHtml(model, { era: 'wareki' });
  const { document } = parseHTML(html);
  assert.equal(document.documentElement.getAttribute('lang'), 'ja');
  assert.equal(document.querySelectorAll('script').length, 0);
  assert.equal(document.querySelectorAll('link').length, 0, 'the stylesheet is inlined');
  assert.ok(document.querySelector('style')?.textContent?.includes('@page'), 'print stylesheet');
  for (const el of document.querySelectorAll('[src], [href]:not([href^="#"])')) assert.fail(`external reference: ${el.outerHTML}`);
  // The table of contents links every part to its heading.
  const toc = [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href')!);
  assert.equal(toc.length, 2 + model.nodes.length + tableNodes(model).length + model.closing.length);
  for (const href of toc) assert.ok(document.getElementById(href.slice(1)), href);

  const title = document.querySelector('.title-page')!.textContent!;
  for (const s of ['令和4年度', '茅ヶ崎市地域情報化計画', '事務事業進捗状況評価結果報告書', '最終評価']) assert.ok(title.includes(s), s);

  const tables = [...document.querySelectorAll('table.ratings')];
  assert.equal(tables.length, 5);
  assert.deepEqual(
    [...tables[0]!.querySelectorAll('thead th')].map((th) => th.textContent),
    ['事務事業名', '事務事業細目名', 'H30', 'R元', 'R2', 'R3', 'R4'],
  );
  const rows = tables.flatMap((t) => [...t.querySelectorAll('tbody tr')]);
  assert.deepEqual(
    rows.map((r) => r.querySelector('th.sub-item')!.textContent),
    source.subItems.map((s) => s.name),
  );
  rows.forEach((r, i) => {
    const cells = [...r.querySelectorAll('td.rating')].map((td) => td.textContent);
    assert.deepEqual(
      cells,
      source.subItems[i]!.ratings.map((x) => x.code + x.marks.join('')),
      source.subItems[i]!.name,
    );
  });
  // The program name appears once per group and spans its sub-items, like merged cells.
  const groups = tables.flatMap((t) => [...t.querySelectorAll('th.program')]);
  assert.equal(groups.length, 44);
  assert.equal(
    groups.reduce((n, th) => n + Number(th.getAttribute('rowspan') ?? 1), 0),
    83,
  );

  const summary = document.querySelector('table.summary')!;
  assert.equal(summary.querySelector('caption')!.textContent, '表：平成29～令和4年度の各事業の評価');
  const summaryRow = (code: string) => [...summary.querySelectorAll(`tr[data-code="${code}"] td`)].map((td) => td.textContent);
  assert.deepEqual(
    summaryRow('A'),
    Object.values(SEED_SUMMARY).map((c) => String(c.A)),
  );
  assert.deepEqual(summaryRow('total'), Array(6).fill('83'));
  assert.deepEqual(summaryRow('rate'), ['71.08%', '67.47%', '78.31%', '81.93%', '86.75%', '87.95%']);

  const paragraphs = [...document.querySelectorAll('.narrative > p:not(.kind)')].map((p) => p.textContent);
  assert.deepEqual(paragraphs, source.paragraphs);
  const guide = [...document.querySelectorAll('.guide .text-section p')].map((p) => p.textContent);
  assert.deepEqual(guide, source.guideParagraphs);
  assert.deepEqual(
    [...document.querySelectorAll('.closing p')].map((p) => p.textContent),
    source.closingParagraphs,
  );
  assert.deepEqual(
    [...document.querySelectorAll('.footnote li')].map((li) => li.textContent),
    ['「災害情報の管理システムの導入検討」', '「マタニティクッキングの動画配信の検討」'],
  );
  assert.deepEqual(
    [...document.querySelectorAll('table.criteria tbody tr')].map((tr) => tr.textContent),
    ['A達成できた。', 'B一部達成できなかった。', 'C達成できなかった。'],
  );

  // Headings follow the document: one h1, pillars as h2 (page breaks before them in print).
  assert.equal(document.querySelectorAll('h1').length, 1);
  assert.deepEqual(
    [...document.querySelectorAll('section.pillar > h2')].map((h) => h.textContent),
    model.nodes.map((p) => `施策展開の柱　${p.name}`),
  );
  assert.match(html, /section\.pillar[^{]*\{[^}]*break-before: page/);
  assert.match(html, /thead \{ display: table-header-group;/);

  // Charts: one for the plan and one per pillar, each with a title, a description and a data table.
  const charts = [...document.querySelectorAll('svg.chart')];
  assert.equal(charts.length, 4);
  for (const svg of charts) {
    assert.equal(svg.getAttribute('role'), 'img');
    const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
    assert.ok(document.getElementById(titleId!)?.textContent?.includes('達成率'));
    assert.match(document.getElementById(descId!)!.textContent!, /R4: A \d+件/);
  }
  assert.match(charts[0]!.querySelector('desc')!.textContent!, /R4: A 73件、B 5件、C 0件、— 5件、合計 83件、達成率 87\.95%/);
  assert.equal(document.querySelectorAll('section.pillar figure table.counts').length, 3);
});

test('HTML year labels follow the 西暦 choice', () => {
  const { document } = parseHTML(renderStandaloneHtml(model, { era: 'seireki' }));
  assert.deepEqual(
    [...document.querySelector('table.ratings')!.querySelectorAll('thead th.num')].map((th) => th.textContent),
    ['2018', '2019', '2020', '2021', '2022'],
  );
  assert.equal(document.querySelector('.title-page .year')!.textContent, '2022年度');
  assert.equal(document.querySelector('table.summary caption')!.textContent, '表：2017～2022年度の各事業の評価');
});

test('a narrative with HTML is shown as text, never interpreted', () => {
  const html = renderStandaloneHtml(withFirstParagraph('<script>alert(1)</script><b onmouseover="x">太字</b> & 終わり'), { era: 'wareki' });
  const { document } = parseHTML(html);
  assert.equal(document.querySelectorAll('script, b').length, 0);
  const id = narrativesOf(tableNodes(model)[0]!, 'department')[0]!.id;
  assert.equal(document.querySelector(`[data-narrative-id="${id}"] p`)!.textContent, '<script>alert(1)</script><b onmouseover="x">太字</b> & 終わり');
  assert.ok(!/<script|<b /i.test(html), 'no markup from the narrative reaches the document');
  assert.ok(html.includes('&lt;script'));
});

/** Texts of the Word document's paragraphs, XML entities decoded. */
async function docxParagraphs(buffer: Buffer): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(''),
  );
  return { xml, paragraphs };
}

test('Word: real tables with repeated headers, heading styles, merged program cells, and all the source text in order', async () => {
  const buffer = await renderDocx(model, { era: 'wareki' });
  const { xml, paragraphs } = await docxParagraphs(buffer);
  // criteria + plan summary + a summary per pillar + a table per measure
  assert.equal((xml.match(/<w:tbl>/g) ?? []).length, 1 + 1 + 3 + 5);
  assert.ok((xml.match(/<w:tblHeader\/>/g) ?? []).length >= 10, 'header rows repeat on every page');
  assert.ok((xml.match(/<w:cantSplit\/>/g) ?? []).length >= 83, 'rows never split across pages');
  // Merged group cells, plus the summary's 「評価」 over its two header rows.
  assert.equal(
    (xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length,
    tableNodes(model)
      .flatMap((m) => rowGroupsOf(model, m))
      .filter((g) => g.rows.length > 1).length + 1,
  );
  assert.match(xml, /<w:gridSpan w:val="6"\/>[\s\S]*?<w:t(?: [^>]*)?>年度<\/w:t>/, '「年度」 spans the year columns');
  for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) assert.ok(xml.includes(`<w:pStyle w:val="${style}"/>`), style);
  const heading1 = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
  assert.deepEqual(heading1, [
    '評価要領',
    '茅ヶ崎市地域情報化計画全体',
    ...model.nodes.map((p) => `施策展開の柱　${p.name}`),
    '○令和5年度以降の取組みについて',
  ]);
  assert.ok(xml.includes('<w:pageBreakBefore/>'));
  const text = paragraphs.join('\n');
  assertInOrder(
    text,
    source.subItems.map((s) => s.name),
    'sub-items',
  );
  assertInOrder(text, source.paragraphs, 'narratives');
  // Ratings row by row: the cells after each sub-item's name.
  for (const s of source.subItems) assert.ok(paragraphs.includes(s.name), s.name);
  const zip = await JSZip.loadAsync(buffer);
  const footer = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f));
  assert.ok(footer && (await zip.file(footer)!.async('string')).includes('PAGE'), 'page numbers in the footer');
});

test('Word: a narrative with control characters or markup still makes a valid document', async () => {
  const buffer = await renderDocx(withFirstParagraph('<w:t>タグ</w:t> & "引用" 終わり'), { era: 'wareki' });
  const { paragraphs } = await docxParagraphs(buffer);
  assert.ok(paragraphs.includes('<w:t>タグ</w:t> & "引用" 終わり'));
});

test('Excel: a cover, a ratings sheet, a narratives sheet and a summary; frozen header rows, no merged cells', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(model, { era: 'wareki' })) as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    [SHEET_NAMES.cover, SHEET_NAMES.ratings, SHEET_NAMES.narratives, SHEET_NAMES.summary],
  );
  for (const sheet of wb.worksheets.slice(1)) {
    assert.deepEqual(
      sheet.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
      [['frozen', 1]],
      sheet.name,
    );
    assert.deepEqual((sheet.model as unknown as { merges: string[] }).merges, [], sheet.name);
  }
  const ratings = wb.getWorksheet(SHEET_NAMES.ratings)!;
  const header = (ratings.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header, ['ID', '施策展開の柱', '施策', '事務事業', '事務事業細目', '担当課', 'H30', 'R元', 'R2', 'R3', 'R4', '注釈']);
  assert.equal(ratings.rowCount, 84);
  source.subItems.forEach((s, i) => {
    const row = (ratings.getRow(i + 2).values as unknown[]).slice(1);
    assert.equal(row[4], s.name);
    assert.deepEqual(
      row.slice(6, 11),
      s.ratings.map((r) => r.code),
    );
    assert.equal(
      row[11] !== undefined && row[11] !== '',
      s.ratings.some((r) => r.marks.length > 0),
      `annotation of ${s.name}`,
    );
  });
  const ids = new Set<unknown>();
  ratings.eachRow((row, n) => n > 1 && ids.add(row.getCell(1).value));
  assert.equal(ids.size, 83, 'stable unique ids');

  const narratives = wb.getWorksheet(SHEET_NAMES.narratives)!;
  const bodies: string[] = [];
  narratives.eachRow((row, n) => n > 1 && bodies.push(String(row.getCell(9).value)));
  assert.deepEqual(
    bodies.flatMap((b) => b.split('\n')),
    source.paragraphs,
  );

  const summary = wb.getWorksheet(SHEET_NAMES.summary)!;
  const planRows: { fy: number; a: number; total: number; rate: number }[] = [];
  summary.eachRow((row, n) => {
    if (n > 1 && String(row.getCell(1).value).endsWith('全体'))
      planRows.push({
        fy: Number(row.getCell(2).value),
        a: Number(row.getCell(5).value),
        total: Number(row.getCell(9).value),
        rate: Number(row.getCell(10).value),
      });
  });
  assert.deepEqual(
    planRows.map((r) => [r.fy, r.a, r.total]),
    Object.entries(SEED_SUMMARY).map(([fy, c]) => [Number(fy), c.A, 83]),
  );
  assert.equal(planRows.at(-1)!.rate, 0.8795);
  assert.equal(summary.getColumn(10).numFmt, '0.00%');
});

test('CSV: UTF-8, one header row, one record per sub-item × year with stable ids, 西暦 and 和暦 columns', () => {
  const text = renderCsv(model);
  assert.notEqual(text.charCodeAt(0), 0xfeff, 'no BOM');
  const records = parseCsv(text, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(records[0]!), csvColumns(model));
  assert.deepEqual(csvColumns(model).slice(3, 8), ['level_1', 'level_2', 'level_3', 'item_tier', 'item_name']);
  assert.equal(records.length, 83 * 5);
  assert.equal(new Set(records.map((r) => r.record_id)).size, records.length);
  const expected = source.subItems.flatMap((s) => s.ratings.map((r) => [s.name, r.fiscalYear, r.code, r.marks.join('')]));
  assert.deepEqual(
    records.map((r) => [r.item_name, Number(r.fiscal_year), r.rating, r.annotation_marks]),
    expected,
  );
  assert.ok(records.every((r) => r.item_tier === '事務事業細目'));
  const r4 = records.find((r) => r.fiscal_year === '2019')!;
  assert.equal(r4.fiscal_year_wareki, '令和元年度');
  assert.equal(r4.fiscal_year_label, 'R元');
  for (const fy of [2018, 2019, 2020, 2021, 2022]) {
    const a = records.filter((r) => r.fiscal_year === String(fy) && r.rating === 'A').length;
    assert.equal(a, SEED_SUMMARY[fy]!.A, String(fy));
  }
  assert.equal(records.filter((r) => r.annotation_marks === '※').length, 4);
  assert.match(records[0]!.record_id!, /^1\.1\.1\.1\/2018$/);
});

test('JSON: valid against the published schema and identical to the model', () => {
  const json = JSON.parse(renderJson(model)) as unknown;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(REPORT_JSON_SCHEMA);
  assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5)));
  assert.deepEqual(json, JSON.parse(JSON.stringify(model)));
  // A value the schema forbids is caught: the schema is not a rubber stamp.
  const broken = structuredClone(model);
  (reportRows(broken)[0]!.ratings[0] as { code: unknown }).code = 5;
  assert.equal(validate(broken), false);
  assert.equal(reportRows(json as unknown as ReportModel).length, 83);
  assert.equal(reportNarratives(json as unknown as ReportModel).length, 73);
});

test('an extremely long narrative wraps in every format instead of breaking the output', async () => {
  const long = '長'.repeat(30000) + 'abcdefghij'.repeat(2000);
  const copy = withFirstParagraph(long);
  const html = renderStandaloneHtml(copy, { era: 'wareki' });
  assert.ok(html.includes(long));
  assert.match(html, /overflow-wrap: anywhere/);
  const { paragraphs } = await docxParagraphs(await renderDocx(copy, { era: 'wareki' }));
  assert.ok(paragraphs.includes(long));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(copy, { era: 'wareki' })) as unknown as ArrayBuffer);
  // Excel's own limit per cell is 32,767 characters; longer text still round-trips through exceljs.
  const lengths: number[] = [];
  wb.getWorksheet(SHEET_NAMES.narratives)!.eachRow((row) => lengths.push(String(row.getCell(9).value).length));
  assert.ok(lengths.includes(long.length));
});

test('file names, Content-Disposition (RFC 5987) and atomic writes', async () => {
  assert.equal(reportFileName(model, 'pdf'), '令和4年度_茅ヶ崎市地域情報化計画_事務事業進捗状況評価結果報告書_最終評価.pdf');
  assert.equal(reportFileName(model, 'csv', 'seireki'), '2022年度_茅ヶ崎市地域情報化計画_事務事業進捗状況評価結果報告書_最終評価.csv');
  assert.equal(asciiFileName(model, 'xlsx'), 'chigasaki-chiiki-johoka-2022-final.xlsx');
  const cd = contentDisposition(reportFileName(model, 'pdf'), asciiFileName(model, 'pdf'));
  const m = /^attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8''([A-Za-z0-9%!#$&+\-.^_`|~]+)$/.exec(cd);
  assert.ok(m, cd);
  assert.equal(decodeURIComponent(m[2]!), reportFileName(model, 'pdf'));

  const dir = await mkdtemp(join(tmpdir(), 'hyoka-report-'));
  try {
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, () => renderReport(model, 'json', { era: 'wareki' }));
    assert.equal(JSON.parse(await readFile(target, 'utf8')).plan.slug, 'chigasaki-chiiki-johoka');
    // A failure while generating leaves the previous file as it was and no temp file behind.
    await writeFile(target, 'previous');
    await assert.rejects(
      writeFileAtomic(target, async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await readFile(target, 'utf8'), 'previous');
    const fresh = join(dir, 'never.docx');
    await assert.rejects(
      writeFileAtomic(fresh, async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(await readdir(dir), ['report.json']);
    await assert.rejects(
      writeFileAtomic(join(dir, 'missing', 'x.csv'), async () => 'a'),
      (e: unknown) => isAppError(e, 'output-error') && e.message === `出力先に書き込めません: ${join(dir, 'missing', 'x.csv')}（ディレクトリがありません）`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
