/**
 * The regenerated seed report against the source text it was imported from: nothing
 * the city did not publish (the criteria table has the city's rows only, the importer's
 * default row is flagged as a default in the data), and headings and year labels in
 * the city's own words. The source is read as raw lines here, not through the parser,
 * so an importer slip cannot hide itself.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import JSZip from 'jszip';
import { SAMPLE_REPORT } from '../imports/sample.js';
import { renderDocx } from './report-docx.js';
import { publishedScale, tableNodes, type ReportModel } from './report-model.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import { seedModel } from '../test-support/seed.js';

let model: ReportModel;
let cleanup: () => Promise<void>;
const sourceLines = readFileSync(SAMPLE_REPORT, 'utf8').split(/\r?\n/);

before(async () => {
  ({ model, cleanup } = await seedModel());
});
after(async () => {
  await cleanup();
});

/** The rows of the source's 評点/評価基準 table: the tab-separated lines after its header. */
function sourceCriteriaRows(): string[][] {
  const start = sourceLines.findIndex((l) => /^評点\t評価基準$/.test(l));
  assert.ok(start >= 0, 'the source has a criteria table');
  const rows: string[][] = [];
  for (const line of sourceLines.slice(start + 1)) {
    if (!line.includes('\t')) break;
    rows.push(line.split('\t'));
  }
  return rows;
}

const htmlDocument = () => parseHTML(renderStandaloneHtml(model, { era: 'wareki' })).document;

test('the criteria table prints exactly the rows the city published, the importer default stays flagged in the data', async () => {
  const published = sourceCriteriaRows();
  assert.deepEqual(published, [
    ['A', '達成できた。'],
    ['B', '一部達成できなかった。'],
    ['C', '達成できなかった。'],
  ]);
  const notEvaluated = model.scale.find((c) => c.code === '—');
  assert.equal(notEvaluated?.isDefault, true, 'the added not-evaluated code is marked as a default');
  assert.deepEqual(
    publishedScale(model.scale).map((c) => c.code),
    ['A', 'B', 'C'],
  );

  const doc = htmlDocument();
  const rows = [...doc.querySelectorAll('table.criteria tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));
  assert.deepEqual(rows, published);
  assert.ok(!doc.body.textContent?.includes('事業終了等により評価を行わないもの'), 'no invented criteria row in the HTML');

  const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  assert.ok(xml.includes('一部達成できなかった。'), 'the docx has the criteria table');
  assert.ok(!xml.includes('事業終了等により評価を行わないもの'), 'no invented criteria row in the docx');
});

test('the summary table keeps the not-evaluated row the city did print; the rate row is marked as hyoka’s', () => {
  const doc = htmlDocument();
  const codes = [...doc.querySelectorAll('table.summary:not(.counts) tbody:not(.addition) tr')].map((tr) => tr.getAttribute('data-code'));
  assert.deepEqual(codes, ['A', 'B', 'C', '—', 'total']);
  const added = [...doc.querySelectorAll('table.summary:not(.counts) tbody.addition th')].map((th) => th.textContent);
  assert.deepEqual(added, ['達成率（参考）']);
});

/**
 * The city's text as one whitespace-free stream, from the guide heading to the end:
 * paragraphs, headings and table rows in source order. A pillar's cover page (its
 * marker and name repeated just before the real heading, broken over lines) is left
 * out: the regenerated report prints that heading once.
 */
function sourceStream(tiers: readonly string[]): string {
  const lines = sourceLines.slice(sourceLines.findIndex((l) => l.trim() === model.guideHeading)).map((l) => l.replace(/\*\*/g, '').replace(/\s+/g, ''));
  const kept = lines.filter((l) => l !== '');
  const out: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    const again = kept.indexOf(tiers[0] ?? '', i + 1);
    if (kept[i] === tiers[0] && again > i && again - i <= 5 && kept.slice(i + 1, again).join('') === kept[again + 1]) {
      i = again - 1; // skip the cover; the marker at `again` and the name follow
      continue;
    }
    out.push(kept[i] ?? '');
  }
  return out.join('');
}

/** The regenerated HTML without what hyoka adds (contents, charts, notes, reference rows and marks, generated captions). */
function documentStream(): string {
  const doc = htmlDocument();
  const added = 'header.title-page, nav.toc, figure, .note, tbody.addition, .addition-mark, table.ratings > caption';
  for (const el of [...doc.querySelectorAll(added)]) el.remove();
  return (doc.querySelector('article.report')?.textContent ?? '').replace(/\s+/g, '');
}

test('the regenerated report is the city’s text in the city’s order: every paragraph, heading and table at its place, nothing added unmarked', () => {
  const expected = sourceStream(model.plan.tiers);
  const actual = documentStream();
  if (actual !== expected) {
    let at = 0;
    while (at < actual.length && actual[at] === expected[at]) at++;
    assert.fail(
      `differs at ${at}:\n  source:    …${expected.slice(Math.max(0, at - 40), at + 60)}\n  generated: …${actual.slice(Math.max(0, at - 40), at + 60)}`,
    );
  }
});

test('tables sit where the source has them: criteria right after 「…次のとおりです。」, the summary after the expert’s second paragraph', () => {
  const doc = htmlDocument();
  const criteria = doc.querySelector('table.criteria');
  assert.ok(criteria?.previousElementSibling?.textContent?.endsWith('評価基準は次のとおりです。'), criteria?.previousElementSibling?.outerHTML);
  assert.ok(criteria?.nextElementSibling?.textContent?.startsWith('これらの事務事業細目ごとの進捗状況評価に対し'), criteria?.nextElementSibling?.outerHTML);
  assert.equal(criteria?.querySelector('caption'), null, 'the city printed no caption there');
  const summary = doc.querySelector('.plan-opinion .summary-block');
  assert.ok(summary?.previousElementSibling?.textContent?.endsWith('良好であると判断できる。'), summary?.previousElementSibling?.outerHTML);
  assert.ok(summary?.nextElementSibling?.textContent?.startsWith('しかし、各事業の目標設定が'), summary?.nextElementSibling?.outerHTML);
  assert.equal(summary?.querySelector('caption')?.textContent, '表：平成29～令和4年度の各事業の評価');
  // Generated additions say so.
  const captions = [...doc.querySelectorAll('figure figcaption')];
  assert.ok(captions.length > 0, 'the generated charts are there');
  for (const caption of captions) assert.match(caption.textContent ?? '', /^（参考）/);
});

test('a table goes after as many paragraphs as its place says, clamped to the section; without a place it follows the city’s text', () => {
  const placed = (afterParagraphs: number) => {
    const copy = structuredClone(model);
    copy.tablePlaces = copy.tablePlaces.map((p) => (p.table === 'criteria' ? { ...p, afterParagraphs } : p));
    const doc = parseHTML(renderStandaloneHtml(copy, { era: 'wareki' })).document;
    const section = doc.querySelector('table.criteria')?.closest('section');
    return { section: section?.className, before: [...(section?.children ?? [])].indexOf(doc.querySelector('table.criteria')!) - 1 };
  };
  assert.deepEqual(placed(0), { section: 'text-section guide-2', before: 0 });
  assert.deepEqual(placed(99), { section: 'text-section guide-2', before: 3 });
  const unplaced = structuredClone(model);
  unplaced.tablePlaces = [];
  const doc = parseHTML(renderStandaloneHtml(unplaced, { era: 'wareki' })).document;
  assert.equal(doc.querySelectorAll('table.criteria').length, 1);
  assert.equal(doc.querySelector('table.criteria')?.parentElement?.className, 'guide');
  assert.equal(doc.querySelector('table.criteria caption')?.textContent, '評点式評価の評価基準');
  assert.ok(doc.querySelector('.plan-opinion .narratives + .summary-block'), 'the summary follows the opinion');
  // A place in text the report does not print (the opinion withdrawn) does not lose the table.
  const withoutOpinion = structuredClone(model);
  withoutOpinion.planOpinion.narratives = [];
  const bare = parseHTML(renderStandaloneHtml(withoutOpinion, { era: 'wareki' })).document;
  assert.equal(bare.querySelectorAll('.plan-opinion table.summary').length, 1);
});

test('names keep the spaces the city wrote: 「池辺 正典 教授」', async () => {
  assert.ok(sourceLines.some((l) => l.includes('文教大学 情報学部 情報システム学科 池辺 正典 教授')));
  assert.ok(htmlDocument().body.textContent?.includes('文教大学 情報学部 情報システム学科 池辺 正典 教授より'));
  const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
  assert.ok((await zip.file('word/document.xml')?.async('string'))?.includes('池辺 正典 教授'));
});

test('each measure’s headings are the ones the source prints above its paragraphs, in order', () => {
  const divisionHeadings = sourceLines.filter((l) => /^進捗に(係る|関する)意見（/.test(l));
  const departmentHeadings = sourceLines.filter((l) => /^事務事業の\s*R\d+\s*年度進捗/.test(l)).map((l) => l.replace(/\s+/g, ''));
  assert.equal(divisionHeadings.length, 5);
  assert.ok(divisionHeadings.includes('進捗に係る意見（デジタル推進課）'), 'the source words one heading differently');
  const measures = tableNodes(model);
  assert.deepEqual(
    measures.map((m) => m.headings?.division),
    divisionHeadings,
  );
  assert.deepEqual(
    measures.map((m) => m.headings?.department),
    departmentHeadings,
  );
  const printed = [...htmlDocument().querySelectorAll('section.measure h4')].map((h) => h.textContent?.trim() ?? '').filter((h) => h.startsWith('進捗に'));
  assert.deepEqual(printed, divisionHeadings);
});

test('the summary table’s year labels are the source’s (R1 there, R元 in the detail tables)', () => {
  const header = sourceLines.find((l) => /^\tH29\t/.test(l));
  assert.ok(header, 'the source has the summary header row');
  const sourceLabels = header.split('\t').filter((x) => x !== '');
  assert.ok(sourceLabels.includes('R1'));
  const doc = htmlDocument();
  // "＊" is the generated mark of a year known only from its published figure, explained in a note.
  const summaryLabels = [...doc.querySelectorAll('table.summary:not(.counts) thead th.num')].map((th) => th.textContent?.trim().replace(/＊$/, ''));
  assert.deepEqual(summaryLabels, sourceLabels);
  const detailLabels = [...(doc.querySelector('table.ratings thead tr')?.querySelectorAll('th.num') ?? [])].map((th) => th.textContent?.trim());
  const sourceDetail = sourceLines
    .find((l) => l.startsWith('事務事業名\t'))
    ?.split('\t')
    .slice(2);
  assert.deepEqual(detailLabels, sourceDetail);
});
