/**
 * The report in a real browser: the PDF printed by Chromium read back with a PDF text
 * extractor, its bookmarks and page size; the page in the app checked by axe-core;
 * the download routes; a very long narrative that must wrap within the A4 width.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractText, getDocumentProxy } from 'unpdf';
import { axeViolations, browserSession, skipWithoutChromium, describeViolations, flatOutline } from './harness.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';
import { narrativesOf, reportRows, rowsOf, tableNodes, type ReportModel } from '../../src/reports/report-model.js';
import { loadReportModel } from '../../src/reports/report-queries.js';
import { renderPdf } from '../../src/reports/report-pdf.js';
import { reportDocumentTitle } from '../../src/reports/labels.js';
import { renderStandaloneHtml } from '../../src/reports/render/html/standalone.js';
import { reportFileName } from '../../src/reports/render-report.js';
import { sourceFacts } from '../../src/test-support/seed.js';
import { parseHTML } from 'linkedom';

const run = promisify(execFile);
const skip = skipWithoutChromium;
let model: ReportModel;
const session = browserSession({
  setup: async ({ server }) => {
    model = await loadReportModel(server.db, SAMPLE_PLAN_SLUG, 2022, 'final');
  },
});

/** Whitespace-free NFKC text: PDF extraction breaks lines and may map glyphs to compatibility code points. */
// Noto CJK shares glyphs between ideographs and radicals; pdf.js reads such glyphs back as
// the radical (poppler's pdftotext reads the ideograph). Kangxi radicals fold under NFKC;
// the few CJK Radicals Supplement forms and U+2027 (for the katakana middle dot) are mapped here.
const SHARED_GLYPHS: Record<string, string> = { '\u2ed1': '長', '\u2ea0': '民', '\u2eed': '歯', '\u2e9f': '母', '\u2027': '・' };
const squash = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u2e80-\u2eff\u2027]/g, (c) => SHARED_GLYPHS[c] ?? c)
    .replace(/\s+/g, '');

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>['getPage']>>;
interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Cell texts of the rows of the tables whose header names the sub-item tier, from the tagged PDF. */
async function ratingTableRows(page: PdfPage): Promise<string[][]> {
  const tree = (await page.getStructTree()) as unknown as StructNode;
  const content = await page.getTextContent({ includeMarkedContent: true });
  const texts = new Map<string, string>();
  const open: (string | undefined)[] = [];
  for (const item of content.items) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') open.pop();
      else open.push((item as { id?: string | null }).id ?? undefined);
      continue;
    }
    // Glyphs in nested untagged spans belong to the nearest tagged content around them.
    const id = open.findLast((x) => x !== undefined);
    if (id) texts.set(id, (texts.get(id) ?? '') + item.str);
  }
  const textOf = (n: StructNode): string => (n.type === 'content' ? (texts.get(n.id ?? '') ?? '') : (n.children ?? []).map(textOf).join(''));
  const rowsOf = (n: StructNode): StructNode[] => (n.role === 'TR' ? [n] : (n.children ?? []).flatMap(rowsOf));
  const tables: StructNode[] = [];
  const findTables = (n: StructNode) => (n.role === 'Table' ? tables.push(n) : (n.children ?? []).forEach(findTables));
  findTables(tree);
  const out: string[][] = [];
  for (const table of tables) {
    const [head, ...body] = rowsOf(table).map((tr) => (tr.children ?? []).map((c) => squash(textOf(c))));
    if (!head?.includes(squash('事務事業細目名'))) continue;
    // A table spanning pages appears in each page's tree; its rows carry text only on their own page.
    out.push(...body.filter((cells) => cells.some((c) => c !== '')));
  }
  return out;
}

function assertInOrder(haystack: string, needles: readonly string[], what: string): void {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(squash(n), from);
    assert.ok(at >= 0, `${what}: not found in order: ${n.slice(0, 50)}`);
    from = at + squash(n).length;
  }
}

test('PDF: A4, page numbers, bookmarks per pillar and measure, and every sub-item, rating and paragraph of the source', { skip }, async () => {
  const bytes = await renderPdf(model, { era: 'wareki', browser: session.browser });
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const page1 = await pdf.getPage(1);
  const [, , width, height] = page1.view;
  assert.ok(Math.abs(width! - 595.92) < 1 && Math.abs(height! - 842.88) < 1, `A4 page: ${width}×${height}`);

  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  assert.ok(totalPages >= 15, `pages: ${totalPages}`);
  const title = squash(reportDocumentTitle(model, 'wareki'));
  text.forEach((pageText, i) => {
    const t = squash(pageText);
    if (i === 0) {
      // The cover: neither the running title nor a page number.
      assert.ok(!/-\d+\/\d+-/.test(t), `no page number on the cover: ${t}`);
      // The cover's own words are the title; a running title would print them a second time.
      assert.equal(t, title, 'the cover holds its title once and nothing else');
    } else {
      assert.ok(t.includes(`-${i + 1}/${totalPages}-`), `page number on page ${i + 1}`);
      assert.ok(t.includes(title), `running title on page ${i + 1}`);
    }
  });
  // Running header and footer removed, the pages read as one text in document order.
  const body = text
    .map((t) =>
      squash(t)
        .replaceAll(title, '')
        .replace(/-\d+\/\d+-/g, ''),
    )
    .join('');
  const source = sourceFacts();
  // Table cells wrap, so lines of neighbouring cells interleave in reading order. The PDF is
  // tagged: read the rating tables row by row through its structure tree instead.
  const rows: string[][] = [];
  for (let p = 1; p <= totalPages; p++) rows.push(...(await ratingTableRows(await pdf.getPage(p))));
  assert.equal(rows.length, 83);
  rows.forEach((cells, i) => {
    const expected = source.subItems[i]!;
    assert.equal(cells.at(-6), squash(expected.name));
    assert.deepEqual(
      cells.slice(-5),
      expected.ratings.map((r) => squash(r.code + r.marks.join(''))),
      expected.name,
    );
  });
  assertInOrder(body, source.paragraphs, 'narrative paragraphs');
  assertInOrder(body, source.guideParagraphs, 'guide');
  assertInOrder(body, source.closingParagraphs, 'closing');
  assert.ok(body.includes(squash('達成率（参考）71.08%67.47%78.31%81.93%86.75%87.95%')), 'summary rates, marked as hyoka’s');

  // Bookmarks: pillars under the title, measures under their pillar.
  const flat = await flatOutline(pdf);
  const hasBookmark = (text: string, depth: number) => flat.some((o) => o.depth === depth && o.title === text.normalize('NFKC'));
  // Chromium repeats a heading's text in its bookmark when the heading's top margin is cut at
  // a page break ("見出し見出し"); the stylesheet avoids that, and this keeps it avoided.
  assert.deepEqual(
    flat.filter((o) => o.title.length > 2 && o.title.slice(0, o.title.length / 2) === o.title.slice(o.title.length / 2)),
    [],
  );
  for (const p of model.nodes) {
    assert.ok(hasBookmark(`施策展開の柱　${p.name}`, 1), `bookmark for ${p.name}: ${JSON.stringify(flat)}`);
    for (const m of p.children) assert.ok(hasBookmark(`施策　${m.name}`, 2), `bookmark for ${m.name}`);
  }
});

/** The text of each page by poppler's pdftotext, in reading order, with the running title and page number taken off. */
async function pageLines(file: string, title: string): Promise<string[][]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout
    .split('\f')
    .slice(0, -1)
    .map((page) =>
      page
        .split('\n')
        .map(squash)
        .filter((l) => l !== '' && l !== title && !/^-\d+\/\d+-$/.test(l)),
    );
}

/** Every heading and caption the report prints: none may end a page, away from what it introduces. */
function headingsOf(m: ReportModel): string[] {
  const { document } = parseHTML(renderStandaloneHtml(m, { era: 'wareki' }));
  return [...document.querySelectorAll('h2, h3, h4, caption, figcaption')].map((h) => squash(h.textContent ?? '')).filter((h) => h !== '');
}

test('PDF layout: the cover alone, a table of contents with the right page numbers, no heading or caption left at a page foot, no table split leaving fewer than 3 rows', {
  skip,
}, async (t) => {
  const { bytes, file } = await printedSeedPdf(t);
  const title = squash(reportDocumentTitle(model, 'wareki'));
  const pages = await pageLines(file, title);

  // Cover: the title lines only (no running title, no page number: both were filtered above and must not have been there).
  const { stdout: cover } = await run('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', file, '-']);
  assert.equal(squash(cover), title);

  // Table of contents on page 2: each entry's number is the page its heading is on (bookmarks read by pdf.js).
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const outline = (await pdf.getOutline()) ?? [];
  const pageOfBookmark = new Map<string, number>();
  const walk = async (items: typeof outline) => {
    for (const o of items) {
      const dest = typeof o.dest === 'string' ? await pdf.getDestination(o.dest) : o.dest;
      const ref = dest?.[0];
      if (ref && typeof ref === 'object' && !pageOfBookmark.has(squash(o.title))) pageOfBookmark.set(squash(o.title), (await pdf.getPageIndex(ref)) + 1);
      await walk(o.items);
    }
  };
  await walk(outline);
  // Laid out, each entry is one line: its label, the leader and the number.
  const { stdout: tocText } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', '2', '-l', '2', file, '-']);
  const toc = tocText
    .split('\n')
    .map(squash)
    .filter((l) => l !== '' && l !== title && !/^-\d+\/\d+-$/.test(l));
  assert.equal(toc[0], squash('目次'));
  const entries = toc.slice(1);
  assert.equal(entries.length, 2 + model.nodes.length + model.nodes.reduce((n, p) => n + p.children.length, 0) + model.closing.length);
  for (const line of entries) {
    const [, label, page] = /^(.*?)(\d+)$/.exec(line) ?? [];
    assert.ok(label && page, `an entry with a page number: ${line}`);
    assert.equal(Number(page), pageOfBookmark.get(label), `${label}: printed ${page}, bookmark on ${pageOfBookmark.get(label)}`);
  }

  // No heading or caption is the last thing on a page (one that wraps ends in its second line).
  const headings = new Set(headingsOf(model));
  pages.forEach((lines, i) => {
    if (i < 2) return;
    const last = lines.at(-1) ?? '';
    const lastTwo = lines.slice(-2).join('');
    assert.ok(!headings.has(last) && !headings.has(lastTwo), `page ${i + 1} ends with a heading: ${last}`);
  });

  // A rating table split across pages leaves at least 3 rows on each page.
  const perTable = new Map<string, number[]>();
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const rows = await ratingTableRows(page);
    for (const cells of rows) {
      // The sub-item's name identifies its table through the source order.
      const at = sourceFacts().subItems.findIndex((s) => squash(s.name) === cells.at(-6));
      const measure = tableNodes(model).find((m) => rowsOf(model, m).some((s) => squash(s.name) === cells.at(-6)));
      assert.ok(at >= 0 && measure, cells.join('|'));
      const counts = perTable.get(measure.code) ?? [];
      const key = p - 1;
      counts[key] = (counts[key] ?? 0) + 1;
      perTable.set(measure.code, counts);
    }
  }
  for (const [code, counts] of perTable) {
    const pieces = counts.filter((n) => n !== undefined && n > 0);
    if (pieces.length > 1) for (const n of pieces) assert.ok(n >= 3, `table ${code} split into ${pieces.join(' + ')} rows`);
  }
});

/** The seed report printed by Chromium, and a file of it (removed after the test) for poppler and qpdf. */
async function printedSeedPdf(t: TestContext): Promise<{ bytes: Buffer; file: string }> {
  const bytes = await renderPdf(model, { era: 'wareki', browser: session.browser });
  const dir = await mkdtemp(join(tmpdir(), 'hyoka-pdf-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'report.pdf');
  await writeFile(file, bytes);
  return { bytes, file };
}

test('PDF document: language ja, a title, tagged, and qpdf --check passes', { skip }, async (t) => {
  const { bytes, file } = await printedSeedPdf(t);
  const raw = bytes.toString('latin1');
  assert.match(raw, /\/Lang \(ja\)/);
  assert.match(raw, /\/MarkInfo\s*<<[^>]*\/Marked true/);
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
  const { stdout: info } = await run('pdfinfo', [file]);
  assert.match(info, new RegExp(`Title:\\s+${reportDocumentTitle(model, 'wareki').replace(/[()（）]/g, '.')}`));
  assert.match(info, /Tagged:\s+yes/);
  const { stdout: check } = await run('qpdf', ['--check', file]);
  assert.match(check, /No syntax or stream encoding errors found/);
});

test('PDF fonts: subset CID TrueType fonts embedded, no Type 3 font; the seed PDF stays well under 1 MB', { skip }, async (t) => {
  const { bytes, file } = await printedSeedPdf(t);
  const { stdout } = await run('pdffonts', [file]);
  const fonts = stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => ({ name: l.split(/\s+/)[0] ?? '', line: l }));
  assert.ok(fonts.length > 0 && fonts.length <= 4, `a few fonts, not one per few glyphs: ${fonts.length}`);
  for (const f of fonts) {
    assert.match(f.line, /CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/, `embedded subset CID font: ${f.line}`);
    assert.match(f.name, /^[A-Z]{6}\+/, `subset prefix: ${f.name}`);
  }
  assert.ok(!stdout.includes('Type 3'), stdout);
  assert.ok(bytes.length < 1_000_000, `seed PDF ${bytes.length} bytes`);
});

test('an extremely long narrative without spaces wraps inside the A4 text width', { skip }, async () => {
  const copy = structuredClone(model);
  narrativesOf(tableNodes(copy)[0]!, 'department')[0]!.paragraphs = ['Ｘ'.repeat(3000) + 'https://example.invalid/' + 'a'.repeat(3000)];
  reportRows(copy)[0]!.name = 'とても長い名前'.repeat(40) + 'z'.repeat(400);
  const page = await session.newPage({ viewport: { width: 718, height: 1000 } }); // A4 text width at 96 dpi
  await page.setContent(renderStandaloneHtml(copy, { era: 'wareki' }));
  await page.emulateMedia({ media: 'print' });
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll('p, th, td')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent?.slice(0, 30)),
  );
  assert.deepEqual(overflow, []);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 718);
  await page.close();
  const bytes = await renderPdf(copy, { era: 'wareki', browser: session.browser });
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
});

test('the report page in the app: all sections, download links, no axe-core violations, 和暦/西暦 switch', { skip }, async () => {
  const page = await session.newPage();
  await page.goto(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}`);
  await page.getByRole('link', { name: /評価結果報告書の表示とダウンロード/ }).click();
  assert.equal(new URL(page.url()).pathname, `/plans/${SAMPLE_PLAN_SLUG}/reports`);
  assert.deepEqual(await axeViolations(page), [], describeViolations(await axeViolations(page)));
  await page.getByRole('link', { name: /報告書を表示.*令和4年度（最終評価）/ }).click();
  assert.equal(new URL(page.url()).pathname, `/plans/${SAMPLE_PLAN_SLUG}/reports/2022`);
  assert.equal(await page.locator('table.ratings tbody tr').count(), 83);
  assert.equal(await page.locator('svg.chart').count(), 4);
  assert.equal(await page.locator('.report-formats a').count(), 6);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await page.getByRole('link', { name: '西暦' }).click();
  assert.equal(await page.locator('.title-page .year').textContent(), '2022年度');
  assert.equal(await page.locator('table.ratings').first().locator('thead th.num').first().textContent(), '2018');
  await page.close();
});

test('downloads: every format with its content type and a Japanese file name (RFC 5987); bad requests get clear errors', { skip }, async () => {
  const types: Record<string, RegExp> = {
    html: /^text\/html/,
    pdf: /^application\/pdf/,
    docx: /wordprocessingml/,
    xlsx: /spreadsheetml/,
    csv: /^text\/csv/,
    json: /^application\/json/,
  };
  for (const [format, type] of Object.entries(types)) {
    const res = await fetch(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/R4.${format}?kind=final`);
    assert.equal(res.status, 200, format);
    assert.match(res.headers.get('content-type') ?? '', type);
    const cd = res.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''(.+)$/.exec(cd)?.[1];
    assert.ok(encoded, cd);
    assert.equal(decodeURIComponent(encoded), reportFileName(model, format as 'pdf'));
    const body = Buffer.from(await res.arrayBuffer());
    if (format === 'pdf') assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
    if (format === 'docx' || format === 'xlsx') assert.equal(body.subarray(0, 2).toString('latin1'), 'PK');
    if (format === 'json') assert.equal(JSON.parse(body.toString('utf8')).rowCount, 83);
  }
  const seireki = await fetch(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/2022.csv?era=seireki`);
  assert.match(seireki.headers.get('content-disposition') ?? '', /2022%E5%B9%B4%E5%BA%A6/);

  const unknownYear = await fetch(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/2019.pdf`);
  assert.equal(unknownYear.status, 404);
  assert.match(await unknownYear.text(), /令和元年度 の評価の回がありません/);
  assert.equal((await fetch(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/2022.exe`)).status, 404);
  assert.equal((await fetch(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/abc`)).status, 404);
  assert.equal((await fetch(`${session.server.url}/plans/no-such-plan/reports/2022.pdf`)).status, 404);
  const noRatings = await fetch(`${session.server.url}/plans/${SAMPLE_PLAN_SLUG}/reports/H30.pdf?kind=midterm`);
  assert.equal(noRatings.status, 422);
  assert.match(await noRatings.text(), /評価（評点）が1件もありません/);
});
