/**
 * The report as a Word document (.docx) that a division can go on editing: real
 * heading styles (so Word's navigation pane and table of contents work), real
 * tables with a repeated header row and rows that never split across pages, the
 * program name as a vertically merged cell, page numbers in the footer, and the
 * charts as Word charts (docx-chart.ts).
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  type TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { formatRate, longYear, reportDocumentTitle, shortYear, summaryCaption, summaryYearLabel } from './labels.js';
import { NARRATIVE_KIND_LABELS, t } from './messages.js';
import { hexOf, styleOfCode } from '../web/ui/palette.js';
import { chartPlaceholder, type DocxChart, finishDocx } from './docx-chart.js';
import { body, cell, CONTENT_WIDTH, FONT, gridTable, heading, PAGE, tableCaption, YEAR_COLUMN_MIN } from './docx-parts.js';
import { outputsSummaryParts, ruleParts, tableOutputParts } from './docx-outputs.js';
import {
  isTableNode,
  narrativesOf,
  printedPlaces,
  publishedScale,
  rowGroupsOf,
  sectionNodes,
  type ReportModel,
  type ReportNarrative,
  type ReportNode,
  type ReportTablePlace,
} from './report-model.js';

function narratives(list: readonly ReportNarrative[]): Paragraph[] {
  return list.flatMap((n) => {
    const label = NARRATIVE_KIND_LABELS[n.kind] ?? n.kind;
    return [...(label ? [new Paragraph({ children: [new TextRun({ text: `【${label}】`, bold: true })] })] : []), ...n.paragraphs.map(body)];
  });
}

/** A table node's rating table: the group tier as a vertically merged first column when rows are grouped. */
function nodeTable(model: ReportModel, node: ReportNode, era: EraStyle): Table {
  const tiers = model.plan.tiers;
  const { groupLevel, rowLevel } = model.structure;
  const groups = rowGroupsOf(model, node);
  const grouped = groupLevel !== null;
  const withDepartment = groups.some((g) => g.rows.some((s) => s.department !== null));
  const yearWidth = Math.max(YEAR_COLUMN_MIN, Math.floor((CONTENT_WIDTH * 0.34) / Math.max(1, model.fiscalYears.length)));
  const rest = CONTENT_WIDTH - yearWidth * model.fiscalYears.length - (withDepartment ? 1300 : 0);
  const nameWidths = grouped ? [Math.floor(rest * 0.48), Math.ceil(rest * 0.52)] : [rest];
  const widths = [...nameWidths, ...(withDepartment ? [1300] : []), ...model.fiscalYears.map(() => yearWidth)];
  const nameHeads = [...(grouped ? [`${tiers[groupLevel - 1] ?? ''}名`] : []), `${tiers[rowLevel - 1] ?? ''}名`];
  const head = [...nameHeads, ...(withDepartment ? ['担当課'] : []), ...model.fiscalYears.map((fy) => shortYear(fy, era))];
  const names = nameHeads.length;
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: head.map((h, i) => cell(h, { header: true, width: widths[i]!, center: i >= names, narrow: i >= names })),
    }),
  ];
  for (const { group, rows: items } of groups) {
    items.forEach((item, i) => {
      const cells: TableCell[] = [];
      // docx writes the vertical merge (vMerge restart/continue) for rowSpan itself.
      if (group && i === 0) cells.push(cell(group.name, { width: widths[0]!, rowSpan: items.length }));
      cells.push(cell(item.name, { width: widths[names - 1]! }));
      if (withDepartment) cells.push(cell(item.department ?? '', { width: widths[names]! }));
      const offset = names + (withDepartment ? 1 : 0);
      item.ratings.forEach((r, y) => {
        // The palette's colour and tint of the code's scale position, as in the portal, the PDF and Excel.
        const style = styleOfCode(model.scale, r.code);
        const colours = style ? { fill: hexOf(style.tint), color: hexOf(style.color) } : {};
        cells.push(cell(`${r.code ?? ''}${r.marks.join('')}`, { width: widths[offset + y]!, center: true, narrow: true, ...colours }));
      });
      rows.push(new TableRow({ cantSplit: true, children: cells }));
    });
  }
  return new Table({ layout: TableLayoutType.FIXED, width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
/** Word heading of a node's section: Heading 1 for the top tier, one deeper per tier. */
const headingLevelOf = (level: number) => HEADINGS[Math.min(HEADINGS.length, Math.max(1, level)) - 1]!;

function footnotes(node: ReportNode): Paragraph[] {
  return node.footnotes.flatMap((f) => [
    new Paragraph({ children: [new TextRun(`${f.mark}${f.meaning}・・・`)] }),
    ...f.items.map((i) => new Paragraph({ indent: { left: 420 }, children: [new TextRun(`「${i.name}」`)] })),
  ]);
}

/** The detail: every section node in document order with its table or chart data and narratives. */
function detailParts(model: ReportModel, era: EraStyle): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  // Chart 0 is the plan's (frontMatter); each top-tier section has the next (docxCharts).
  let chart = 0;
  for (const node of sectionNodes(model)) {
    const sub = headingLevelOf(node.level + 1);
    const h = node.headings;
    const block = (title: string | undefined, list: readonly ReportNarrative[]) => (list.length && title ? [heading(title, sub), ...narratives(list)] : []);
    const table = isTableNode(model, node);
    out.push(heading(`${node.tierName}　${node.name}`, headingLevelOf(node.level), node.level === 1));
    // A heading node's experts' opinion opens its section; a table node's follows its table.
    if (!table) out.push(...block(h?.expert, narrativesOf(node, 'expert')), ...narratives(node.narratives.filter((n) => n.role !== 'expert')));
    if (node.level === 1) {
      const names = { tier: node.tierName, name: node.name };
      out.push(tableCaption(t('ja', 'pillarChartTitle', names)), chartPlaceholder(++chart));
      out.push(tableCaption(t('ja', 'pillarCountsCaption', names)), countsTable(model, node.summary, era));
    }
    if (!table) {
      out.push(...footnotes(node));
      continue;
    }
    out.push(nodeTable(model, node, era), ...tableOutputParts(model, node, era));
    out.push(...block(h?.department, narrativesOf(node, 'department')), ...footnotes(node));
    out.push(...block(h?.division, narrativesOf(node, 'division')), ...block(h?.expert, narrativesOf(node, 'expert')));
  }
  return out;
}

/** The first column wide enough for 「達成率（参考）」 on one line, the years sharing the rest. */
function countsWidths(yearCount: number): number[] {
  const first = 1900;
  const w = Math.floor((CONTENT_WIDTH - first) / Math.max(1, yearCount));
  return [first, ...Array.from({ length: yearCount }, () => w)];
}

type CountsYear = { fiscalYear: number; printedLabel?: string | null; counts: Record<string, number>; total: number; achievementRate: number | null };

/** One row per code, the total, and hyoka's rate row marked 参考. */
function countsRows(model: ReportModel, years: readonly CountsYear[]): string[][] {
  return [
    ...model.scale.map((c) => [c.code, ...years.map((y) => String(y.counts[c.code] ?? 0))]),
    ['合計', ...years.map((y) => String(y.total))],
    [t('ja', 'achievementRateAddition'), ...years.map((y) => formatRate(y.achievementRate))],
  ];
}

function countsTable(model: ReportModel, years: CountsYear[], era: EraStyle): Table {
  const head = ['評価', ...years.map((y) => summaryYearLabel(y, era))];
  return gridTable(head, countsRows(model, years), countsWidths(years.length));
}

/** The plan's summary as the city prints it: 「評価」 over both header rows, 「年度」 over the years. */
function summaryTable(model: ReportModel, era: EraStyle, reported: ReadonlySet<number>): Table {
  const years = model.summary.years;
  const widths = countsWidths(years.length);
  const [first = 0, w = 0] = widths;
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [
        cell(t('ja', 'ratingRowHead'), { header: true, width: first, rowSpan: 2 }),
        cell(t('ja', 'yearHead'), { header: true, width: w * years.length, center: true, columnSpan: years.length }),
      ],
    }),
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: years.map((y) =>
        cell(summaryYearLabel(y, era) + (reported.has(y.fiscalYear) ? '＊' : ''), { header: true, width: w, center: true, narrow: true }),
      ),
    }),
    ...countsRows(model, years).map(
      (r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { width: widths[i]!, center: i >= 1, header: i === 0, narrow: i >= 1 })) }),
    ),
  ];
  return new Table({ layout: TableLayoutType.FIXED, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, rows });
}

/**
 * Paragraphs with tables among them: a table placed after n paragraphs follows the
 * n-th. Label lines (【課題】) are not paragraphs of the text and are not counted.
 */
function withTables(
  texts: readonly string[][],
  places: readonly ReportTablePlace[],
  table: (place: ReportTablePlace) => (Paragraph | Table)[],
  labels: readonly string[] = [],
): (Paragraph | Table)[] {
  const total = texts.reduce((n, x) => n + x.length, 0);
  const at = (n: number) => places.filter((p) => Math.min(p.afterParagraphs, total) === n).flatMap(table);
  const out: (Paragraph | Table)[] = [...at(0)];
  let count = 0;
  texts.forEach((group, g) => {
    if (labels[g]) out.push(new Paragraph({ children: [new TextRun({ text: `【${labels[g]}】`, bold: true })] }));
    for (const text of group) out.push(body(text), ...at(++count));
  });
  return out;
}

/**
 * The guide and the plan-wide part, in the city's order: the criteria table and the
 * summary table where the imported report printed them (report-model tablePlaces);
 * hyoka's additions (rate row, chart, notes) say 参考.
 */
function frontMatter(model: ReportModel, era: EraStyle): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const criteria = (caption: string | null) => [
    ...(caption ? [tableCaption(caption)] : []),
    gridTable(
      ['評点', '評価基準'],
      publishedScale(model.scale).map((c) => [c.code, c.criteria || c.label]),
      [1400, CONTENT_WIDTH - 1400],
      2,
    ),
  ];
  const reported = new Set(model.summary.years.filter((y) => y.source === 'reported').map((y) => y.fiscalYear));
  const summary = (caption: string | null) => [
    tableCaption(era === 'wareki' && caption ? caption : summaryCaption(model, era)),
    summaryTable(model, era, reported),
    ...(reported.size ? [new Paragraph({ spacing: { before: 60, after: 160 }, children: [new TextRun({ text: t('ja', 'reportedNote'), size: 18 })] })] : []),
  ];
  const table = (place: ReportTablePlace) => (place.table === 'criteria' ? criteria(place.caption) : summary(place.caption));
  out.push(heading(model.guideHeading, HeadingLevel.HEADING_1, true));
  if (model.guide.length === 0) {
    if (model.plan.description) out.push(body(model.plan.description));
    out.push(new Paragraph({ children: [new TextRun(t('ja', 'tiers', { tiers: model.plan.tiers.join(' → ') }))] }), ...criteria(t('ja', 'criteriaCaption')));
    for (const a of model.annotationKinds) out.push(new Paragraph({ children: [new TextRun(`${a.mark}　${a.meaning}`)] }));
  }
  for (const s of model.guide) {
    out.push(
      heading(s.heading, HeadingLevel.HEADING_2),
      ...withTables(
        [s.paragraphs],
        model.tablePlaces.filter((p) => p.section === s.key),
        table,
      ),
    );
  }
  if (model.guide.length > 0 && printedPlaces(model, 'criteria').length === 0) out.push(...criteria(t('ja', 'criteriaCaption')));
  out.push(...ruleParts(model, era));
  out.push(heading(model.planOpinion.scopeLabel, HeadingLevel.HEADING_1, true));
  const places = model.tablePlaces.filter((p) => p.section === 'plan-expert-opinion');
  if (model.planOpinion.narratives.length) {
    out.push(
      heading(model.planOpinion.heading, HeadingLevel.HEADING_2),
      ...withTables(
        model.planOpinion.narratives.map((n) => n.paragraphs),
        places,
        table,
        model.planOpinion.narratives.map((n) => NARRATIVE_KIND_LABELS[n.kind] ?? n.kind),
      ),
    );
  }
  if (printedPlaces(model, 'summary').length === 0) out.push(...summary(null));
  out.push(tableCaption(t('ja', 'planChartTitle', { plan: model.plan.name })), chartPlaceholder(0));
  out.push(...outputsSummaryParts(model, era));
  return out;
}

export async function renderDocx(model: ReportModel, options: { era: EraStyle }): Promise<Buffer> {
  const era = options.era;
  const children: (Paragraph | Table)[] = [];
  // Title page.
  children.push(
    new Paragraph({
      spacing: { before: 3600 },
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: longYear(model.round.fiscalYear, era), size: 32 })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.title.planName })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.title.reportTitle })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `（${model.title.kindLabel}）`, size: 32 })] }),
  );
  children.push(...frontMatter(model, era), ...detailParts(model, era));
  for (const [i, s] of model.closing.entries()) children.push(heading(s.heading, HeadingLevel.HEADING_1, i === 0), ...s.paragraphs.map(body));

  const pageNumber: ParagraphChild[] = [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'] })];
  const doc = new Document({
    creator: 'hyoka',
    title: reportDocumentTitle(model, era),
    description: `${model.plan.slug} ${model.round.fiscalYear} ${model.round.kind}`,
    styles: {
      default: {
        // Lines at 1.3: the office font's own line gap is small, and Japanese text set solid reads as a block.
        document: {
          run: { font: FONT, size: 21, language: { value: 'ja-JP', eastAsia: 'ja-JP' } },
          paragraph: { spacing: { line: 312, lineRule: LineRuleType.AUTO } },
        },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '1F3F66' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '1F3F66' }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading3: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
        title: { run: { font: FONT, size: 40, bold: true }, paragraph: { spacing: { after: 240 } } },
      },
    },
    sections: [
      {
        // The title page has a footer of its own, empty: no page number on the cover.
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } },
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: pageNumber })] }),
          first: new Footer({ children: [new Paragraph({})] }),
        },
        children,
      },
    ],
  });
  return finishDocx(await Packer.toBuffer(doc), docxCharts(model, era));
}

/** The plan's chart, then one per top-tier node: the figures of the HTML report's charts. */
function docxCharts(model: ReportModel, era: EraStyle): DocxChart[] {
  const chart = (
    title: string,
    years: readonly { fiscalYear: number; printedLabel?: string | null; counts: Record<string, number>; total: number; achievementRate: number | null }[],
  ): DocxChart => {
    const labels = years.map((y) => summaryYearLabel(y, era));
    return {
      title,
      description: years
        .map(
          (y, i) =>
            `${labels[i]}: ${model.scale.map((c) => `${c.code} ${y.counts[c.code] ?? 0}件`).join('、')}、${t('ja', 'achievementRate')} ${formatRate(y.achievementRate)}`,
        )
        .join('。'),
      categories: years.map((y, i) => `${labels[i]}\n${formatRate(y.achievementRate)}`),
      series: model.scale.map((c) => ({ name: c.code, values: years.map((y) => y.counts[c.code] ?? 0) })),
      rate: { name: t('ja', 'achievementRate'), values: years.map((y) => y.achievementRate) },
    };
  };
  return [
    chart(t('ja', 'planChartTitle', { plan: model.plan.name }), model.summary.years),
    ...model.nodes.map((n) => chart(t('ja', 'pillarChartTitle', { tier: n.tierName, name: n.name }), n.summary)),
  ];
}
